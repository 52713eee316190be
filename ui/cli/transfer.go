package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"os/signal"
	"slices"
	"strings"

	"tiscdesk/data"
)

// The import and export commands (DESIGN sections 5 and 9):
//
//	tiscdesk import institutions FILE [--skip-invalid] [--dry-run] [--encoding E] [--delimiter D] [--sheet NAME]
//	tiscdesk export institutions|visits FILE.csv|FILE.xlsx [--encoding utf-8|gb18030] [--force]

func runImport(e *env, args []string) error {
	fs := e.flags("import")
	skip := fs.Bool("skip-invalid", false, "import the valid rows, skip the invalid ones")
	dry := fs.Bool("dry-run", false, "check the file and report, writing nothing")
	encName := fs.String("encoding", "", "the file's encoding: utf-8, gb18030 or utf-16 (detected when not given)")
	delimName := fs.String("delimiter", "", "comma, semicolon or tab (detected when not given)")
	session := fs.String("session", "", "enrolments: the session of a file without a session column, e.g. 101C18S1")
	sheet := fs.String("sheet", "", "an Excel workbook's sheet to read (the first with a recognisable header when not given)")
	pos, err := parseAnywhere(fs, args, "KIND FILE")
	if err != nil {
		return err
	}
	kind, path := pos[0], pos[1]
	importFile, ok := importers[kind]
	if !ok {
		return usageError{fmt.Sprintf("import: cannot import %q: the kinds are: %s", kind, kinds(importers))}
	}
	if *session != "" && !takesSession(kind) {
		return usageError{fmt.Sprintf("import: --session is for enrolments, not %s", kind)}
	}
	enc, err := data.ParseEncoding(*encName)
	if err != nil {
		return usageError{"import: " + err.Error()}
	}
	delim, err := data.ParseDelimiter(*delimName)
	if err != nil {
		return usageError{"import: " + err.Error()}
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	// Ctrl+C stops the import; the transaction is rolled back, so nothing is written.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	bar := newProgress(e.stderr, "Checking rows")
	opt := data.ImportOptions{SkipInvalid: *skip, DryRun: *dry, Encoding: enc, Delimiter: delim, Progress: bar.update, Session: *session, Sheet: *sheet}
	return e.withStore(func(s *data.Store) error {
		rep, err := importFile(s, ctx, path, f, opt)
		bar.done()
		printImport(e, rep, kind, err == nil)
		if errors.Is(err, context.Canceled) {
			return errors.New("interrupted: nothing was imported")
		}
		if errors.Is(err, data.ErrRowsInvalid) {
			noun, verb := "rows", "are"
			if rep.Rows == 1 {
				noun = "row"
			}
			if rep.Invalid == 1 {
				verb = "is"
			}
			msg := fmt.Sprintf("nothing was imported: %d of %d %s %s invalid (listed above); fix them", rep.Invalid, rep.Rows, noun, verb)
			if valid := rep.Created + rep.Updated + rep.Unchanged; valid > 0 {
				msg += fmt.Sprintf(", or use --skip-invalid to import the %s", plural(valid, "valid row", "valid rows"))
			}
			return errors.New(msg)
		}
		return err
	})
}

// printImport prints what an import read and, when it succeeded, did: the
// error lines on stderr, the rest on stdout, the warnings (facts the
// imported rows lack) apart under "Warnings:".
func printImport(e *env, rep *data.ImportReport, kind string, succeeded bool) {
	if rep.Encoding == "" {
		return // the file could not be read: the error says why
	}
	if rep.Encoding == data.EncodingXLSX {
		fmt.Fprintf(e.stdout, "Read %s: Excel workbook, sheet %q, %s after the header on row %d.\n",
			rep.File, rep.Sheet, plural(rep.Rows, "row", "rows"), rep.HeaderLine)
	} else {
		fmt.Fprintf(e.stdout, "Read %s: %s, %s-separated, %s after the header on line %d.\n",
			rep.File, rep.Encoding.Label(), data.DelimiterName(rep.Delimiter), plural(rep.Rows, "row", "rows"), rep.HeaderLine)
	}
	for _, n := range rep.Notes {
		fmt.Fprintln(e.stdout, n.String())
	}
	if len(rep.Ignored) > 0 {
		fmt.Fprintf(e.stdout, "Ignored columns: %s\n", strings.Join(rep.Ignored, ", "))
	}
	if len(rep.Warnings) > 0 {
		fmt.Fprintln(e.stdout, "Warnings: the rows are imported, but these facts are missing; complete them:")
		for _, w := range rep.Warnings {
			fmt.Fprintln(e.stdout, "  "+w.Error())
		}
	}
	for _, err := range rep.Errors {
		fmt.Fprintln(e.stderr, err)
	}
	if !succeeded {
		return // the command's error says what happened
	}
	done := fmt.Sprintf("%d created, %d updated, %d unchanged", rep.Created, rep.Updated, rep.Unchanged)
	if rep.Skipped > 0 {
		done += fmt.Sprintf("; %s skipped (listed above)", plural(rep.Skipped, "invalid row", "invalid rows"))
	}
	if len(rep.Warnings) > 0 {
		done += fmt.Sprintf("; %s (listed above)", plural(len(rep.Warnings), "warning", "warnings"))
	}
	if rep.DryRun {
		fmt.Fprintf(e.stdout, "Dry run, nothing was written. The import would give: %s.\n", done)
		return
	}
	fmt.Fprintf(e.stdout, "Imported %s: %s.\n", kind, done)
}

// importers are the kinds `tiscdesk import` reads; other files add theirs.
var importers = map[string]func(*data.Store, context.Context, string, io.Reader, data.ImportOptions) (*data.ImportReport, error){
	"institutions": (*data.Store).ImportInstitutions,
}

// kinds lists a map's kinds, sorted: "institutions, students".
func kinds[V any](m map[string]V) string {
	return strings.Join(slices.Sorted(maps.Keys(m)), ", ")
}

// exporters are the kinds `tiscdesk export` writes; other files add theirs.
var exporters = map[string]func(*data.Store, io.Writer, data.Encoding) (int, error){
	"institutions": (*data.Store).ExportInstitutions,
	"visits":       (*data.Store).ExportVisits,
}

func runExport(e *env, args []string) error {
	fs := e.flags("export")
	encName := fs.String("encoding", "utf-8", "utf-8 (with a BOM, for Excel) or gb18030")
	force := fs.Bool("force", false, "replace FILE when it exists")
	pos, err := parseAnywhere(fs, args, "KIND FILE.csv|FILE.xlsx")
	if err != nil {
		return err
	}
	kind, path := pos[0], pos[1]
	export, ok := exporters[kind]
	if !ok {
		return usageError{fmt.Sprintf("export: cannot export %q: the kinds are: %s", kind, kinds(exporters))}
	}
	enc, err := data.ParseEncoding(*encName)
	if err != nil || (enc != data.EncodingUTF8 && enc != data.EncodingGB18030) {
		return usageError{fmt.Sprintf("export: --encoding %s: use utf-8 or gb18030", *encName)}
	}
	if data.IsWorkbookName(path) {
		encodingSet := false
		fs.Visit(func(f *flag.Flag) { encodingSet = encodingSet || f.Name == "encoding" })
		if encodingSet {
			return usageError{fmt.Sprintf("export: --encoding is for CSV files; %s is an Excel workbook, which has no text encoding", path)}
		}
		enc = data.EncodingXLSX
	}
	return e.withStore(func(s *data.Store) error {
		n := 0
		err := data.SaveFile(path, *force, func(w io.Writer) error {
			var err error
			n, err = export(s, w, enc)
			return err
		})
		if errors.Is(err, data.ErrFileExists) {
			return fmt.Errorf("%s already exists and was left as it was; use --force to replace it", path)
		}
		if err != nil {
			return err
		}
		label := "UTF-8 with BOM"
		switch enc {
		case data.EncodingGB18030:
			label = "GB18030"
		case data.EncodingXLSX:
			label = "Excel workbook"
		}
		fmt.Fprintf(e.stdout, "Wrote %s to %s (%s).\n", plural(n, strings.TrimSuffix(kind, "s"), kind), path, label)
		return nil
	})
}

// parseAnywhere parses a command's flags wherever they stand among its
// arguments (`import institutions FILE --dry-run` as well as `import
// --dry-run institutions FILE`; "--" ends the flags) and checks that the
// positional arguments are as many as the words of want.
func parseAnywhere(fs *flag.FlagSet, args []string, want string) ([]string, error) {
	var pos, tail []string
	if i := slices.Index(args, "--"); i >= 0 {
		args, tail = args[:i], args[i+1:]
	}
	for {
		if err := fs.Parse(args); err != nil {
			return nil, usageError{fmt.Sprintf("%s: %v", fs.Name(), err)}
		}
		if fs.NArg() == 0 {
			break
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
	pos = append(pos, tail...)
	if len(pos) != len(strings.Fields(want)) {
		return nil, usageError{fmt.Sprintf("%s: expected %s, got %q", fs.Name(), want, pos)}
	}
	return pos, nil
}

// plural is "1 row" or "3 rows".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// progress shows "Checking rows [======>        ] 1200 of 5000" on a
// terminal, rewriting one line; elsewhere (a pipe, a log file, a test) it
// prints nothing.
type progress struct {
	w     io.Writer // nil when not a terminal
	label string
	shown bool
	last  int // the width of the bar last drawn
}

func newProgress(w io.Writer, label string) *progress {
	p := &progress{label: label}
	if f, ok := w.(*os.File); ok {
		if info, err := f.Stat(); err == nil && info.Mode()&os.ModeCharDevice != 0 {
			p.w = f
		}
	}
	return p
}

func (p *progress) update(done, total int) {
	if p.w == nil || total < 1000 {
		return // small files finish before anyone could read it
	}
	const width = 30
	filled := width * done / total
	if p.shown && filled == p.last && done != total {
		return // nothing visible changed
	}
	bar := strings.Repeat("=", filled) + strings.Repeat(" ", width-filled)
	if filled < width {
		bar = bar[:filled] + ">" + bar[filled+1:]
	}
	fmt.Fprintf(p.w, "\r%s [%s] %d of %d", p.label, bar, done, total)
	p.shown, p.last = true, filled
}

// done clears the progress line.
func (p *progress) done() {
	if p.shown {
		fmt.Fprintf(p.w, "\r%s\r", strings.Repeat(" ", len(p.label)+60))
	}
}
