// Package cli is TISC Desk's command line: it parses the arguments, and runs
// the headless commands of DESIGN section 9 (no display needed). With no
// command it hands over to the desktop window.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"tiscdesk/assets"
	"tiscdesk/data"
)

// Exit statuses (DESIGN section 9).
const (
	ExitOK      = 0
	ExitFailure = 1
	ExitUsage   = 2
)

// Window opens the desktop program on the database at path and returns the
// exit status.
type Window func(dbPath string) int

// BundleWindow opens the desktop program on the database at dbPath with
// the Exchange section asking whether to merge the bundle at bundle, and
// returns the exit status.
type BundleWindow func(dbPath, bundle string) int

// command is one headless command.
type command struct {
	name    string
	aliases []string
	args    string // for the usage text
	summary string
	run     func(e *env, args []string) error
}

func commands() []command {
	return []command{
		{name: "version", summary: "print the version", run: runVersion},
		{name: "sample", args: "[--force]", summary: "load the built-in sample data set (refuses a non-empty database without --force)", run: runSample},
		{name: "stats", args: "[--json]", summary: "count the records of each kind", run: runStats},
		{name: "check", summary: "check the database file and its records", run: runCheck},
		{name: "backup", args: "[FILE]", summary: "copy the database to FILE, or into the rotated backups folder beside it", run: runBackup},
		{name: "restore", args: "FILE", summary: "replace the database with a sound backup (the database it replaces is kept)", run: runRestore},
		{name: "import", args: "KIND FILE", summary: "import a CSV file; KIND: institutions|enrolments|students [--session CODE] [--skip-invalid] [--dry-run]", run: runImport},
		{name: "export", args: "KIND FILE", summary: "export to a CSV file, or an Excel workbook when FILE ends in .xlsx; KIND: institutions|visits|enrolments|students|statistics [--encoding utf-8|gb18030] [--force]", run: runExport},
		{name: "report", args: "KIND", summary: "write a PDF report: -o FILE.pdf; KIND: summary|network|visit|learning|degrees [--from DATE] [--to DATE] [--lang en|zh] [--visit ID]", run: runReport},
		{name: "forget", args: "EMAIL", summary: "erase a person's personal data everywhere, keep the figures [--yes]", run: runForget},
		{name: "duplicates", args: "[--json]", summary: "groups of records that may be the same thing, and why; merge A B [--keep field=B,...] merges B into A; undo MERGE", run: runDuplicates},
		{name: "history", args: "ID", summary: "every version of a record, the current one included: when, which device, which fields changed [--json]", run: runHistory},
		{name: "bundle", args: "ACTION FILE", summary: "exchange records with another TISC Desk; ACTION: export FILE.tiscx [--since-last DEVICE|--all] [--force] [--no-photos] [--passphrase-file F|--to DEVICE] [--field --provinces CN-SH,...], import FILE.tiscx [--passphrase-file F], devices", run: runBundle},
		{name: "hub", args: "ACTION", summary: "the team hub (PostgreSQL); ACTION: setup URL, device add LABEL --coordinator|--headquarters|--field --provinces CN-SH,... --hub URL, status [--hub URL]", run: runHub},
		{name: "sync", args: "[--hub URL]", summary: "push this machine's changes to the team hub, then pull the others' (the URL is remembered)", run: runSync},
	}
}

// System is what the commands run with: where they write, what opens the
// window, and the clock that says what day it is.
type System struct {
	Stdout, Stderr io.Writer
	// Window opens the desktop program when there is no command.
	Window Window
	// Bundle opens it offering to merge a bundle, when the one argument
	// is a .tiscx file (tiscdesk FILE.tiscx; a double-click on a bundle).
	Bundle BundleWindow
	// Clock is the time the commands and their store read; nil is the
	// system clock. Tests give a day of their own (data.ClockOn).
	Clock data.Clock
}

// env is what a command runs with.
type env struct {
	db     string
	stdout io.Writer
	stderr io.Writer
	clock  data.Clock
}

// today is the clock's date.
func (e *env) today() data.Date { return data.DateOf(e.clock()) }

// usageError is a mistake in the command line: exit status 2.
type usageError struct{ msg string }

func (u usageError) Error() string { return u.msg }

// Main runs the command named in args (os.Args[1:]), or the window when
// there is none, and returns the exit status.
func Main(args []string, sys System) int {
	stdout, stderr, window := sys.Stdout, sys.Stderr, sys.Window
	if sys.Clock == nil {
		sys.Clock = data.SystemClock
	}
	global := flag.NewFlagSet("tiscdesk", flag.ContinueOnError)
	global.SetOutput(io.Discard)
	db := global.String("db", "", "database file")
	help := global.Bool("help", false, "")
	global.BoolVar(help, "h", false, "")
	if err := global.Parse(args); err != nil {
		fmt.Fprintf(stderr, "tiscdesk: %v\n\n", err)
		usage(stderr)
		return ExitUsage
	}
	if *help {
		usage(stdout)
		return ExitOK
	}
	rest := global.Args()
	path, err := resolveDB(*db)
	if len(rest) == 0 {
		if err != nil {
			fmt.Fprintf(stderr, "tiscdesk: %v\n", err)
			return ExitFailure
		}
		return window(path)
	}
	name := rest[0]
	if len(rest) == 1 && strings.EqualFold(filepath.Ext(name), data.BundleExtension) && sys.Bundle != nil {
		return openBundle(stderr, sys.Bundle, path, err, name)
	}
	if name == "help" {
		usage(stdout)
		return ExitOK
	}
	cmd, ok := lookup(name)
	if !ok {
		fmt.Fprintf(stderr, "tiscdesk: unknown command %q\n\n", name)
		usage(stderr)
		return ExitUsage
	}
	e := &env{db: path, stdout: stdout, stderr: stderr, clock: sys.Clock}
	if err == nil {
		err = cmd.run(e, rest[1:])
	}
	return report(stderr, cmd.name, err)
}

// openBundle opens the window offering to merge the bundle at file, once
// the file is there to read.
func openBundle(stderr io.Writer, open BundleWindow, db string, dbErr error, file string) int {
	if dbErr != nil {
		fmt.Fprintf(stderr, "tiscdesk: %v\n", dbErr)
		return ExitFailure
	}
	if _, err := os.Stat(file); err != nil {
		fmt.Fprintf(stderr, "tiscdesk: bundle %v\n", err)
		return ExitFailure
	}
	return open(db, file)
}

func lookup(name string) (command, bool) {
	for _, c := range commands() {
		if c.name == name {
			return c, true
		}
		for _, a := range c.aliases {
			if a == name {
				return c, true
			}
		}
	}
	return command{}, false
}

// resolveDB picks the database: --db, else $TISCDESK_DB, else the default.
func resolveDB(flagValue string) (string, error) {
	if flagValue != "" {
		return flagValue, nil
	}
	if v := os.Getenv("TISCDESK_DB"); v != "" {
		return v, nil
	}
	return data.DefaultPath()
}

// flags returns a FlagSet for a command that also takes --db, so that
// `tiscdesk stats --db X.db` works as well as `tiscdesk --db X.db stats`.
func (e *env) flags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Func("db", "database file", func(s string) error { e.db = s; return nil })
	return fs
}

// parse parses a command's flags and checks it got no stray arguments.
func parse(fs *flag.FlagSet, args []string, positional int) ([]string, error) {
	if err := fs.Parse(args); err != nil {
		return nil, usageError{fmt.Sprintf("%s: %v", fs.Name(), err)}
	}
	if fs.NArg() != positional {
		return nil, usageError{fmt.Sprintf("%s: unexpected arguments: %s", fs.Name(), strings.Join(fs.Args(), " "))}
	}
	return fs.Args(), nil
}

// report prints err for a person and turns it into the exit status.
func report(stderr io.Writer, name string, err error) int {
	if err == nil {
		return ExitOK
	}
	var ue usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(stderr, "tiscdesk: %v\n\n", err)
		usage(stderr)
		return ExitUsage
	}
	fmt.Fprintf(stderr, "tiscdesk %s: %v\n", name, err)
	if hint := Hint(err); hint != "" {
		fmt.Fprintln(stderr, hint)
	}
	return ExitFailure
}

// Hint says what the user can do about one of the store's errors, or "".
func Hint(err error) string {
	switch {
	case errors.Is(err, data.ErrInUse):
		return "Another TISC Desk has this database open. Close it and try again."
	case errors.Is(err, data.ErrNotDatabase):
		return "The file was left as it was. If the path (--db or TISCDESK_DB) is right, tiscdesk check says what is wrong, and tiscdesk restore BACKUP puts a backup from the backups folder beside it in its place."
	case errors.Is(err, data.ErrNewerSchema):
		return "Install the newer TISC Desk that wrote this file; this version leaves it untouched."
	}
	return ""
}

func usage(w io.Writer) {
	fmt.Fprintf(w, "TISC Desk %s: the register of Technology and Innovation Support Centers,\n", assets.Version)
	fmt.Fprintln(w, "their site visits, distance-learning enrolments and joint degrees.")
	fmt.Fprintln(w, "\nUsage:")
	fmt.Fprintln(w, "  tiscdesk [--db FILE]                   open the desktop program")
	fmt.Fprintln(w, "  tiscdesk [--db FILE] FILE.tiscx        open it on Exchange, offering to merge the bundle FILE")
	for _, c := range commands() {
		left := strings.TrimSpace(c.name + " " + c.args)
		fmt.Fprintf(w, "  tiscdesk [--db FILE] %-17s %s\n", left, c.summary)
	}
	fmt.Fprintln(w, "\nThe database is --db FILE, else $TISCDESK_DB, else the default in your")
	fmt.Fprintln(w, "configuration folder. Exit status: 0 success, 1 failure, 2 usage error.")
}
