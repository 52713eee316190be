package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"tiscdesk/data"
)

// The reliability commands (DESIGN section 9):
//
//	tiscdesk backup [FILE]    a hot copy to FILE, or into the rotated backups folder
//	tiscdesk restore FILE     put a sound backup in place, keeping the database it replaces
//
// and checkFile, the first step of `tiscdesk check`.

func runBackup(e *env, args []string) error {
	file, err := optionalFile(e, "backup", args)
	if err != nil {
		return err
	}
	return e.withStore(func(s *data.Store) error {
		c, err := s.Counts()
		if err != nil {
			return err
		}
		if file != "" {
			if err := s.BackupTo(file); err != nil {
				if errors.Is(err, fs.ErrExist) {
					return fmt.Errorf("%s already exists; choose another name (a backup never replaces a file)", file)
				}
				return err
			}
			fmt.Fprintf(e.stdout, "Backed up %s to %s: %s (%s).\n", s.Path(), file, countsLine(c), size(file))
			return nil
		}
		before, err := data.ListBackups(s.Path())
		if err != nil {
			return err
		}
		path, err := s.Backup("manual")
		if err != nil {
			return err
		}
		if len(before) > 0 && before[0].Path == path {
			fmt.Fprintf(e.stdout, "The newest backup already holds exactly this data: %s\n", path)
			return nil
		}
		fmt.Fprintf(e.stdout, "Backed up %s to %s: %s (%s).\n", s.Path(), path, countsLine(c), size(path))
		fmt.Fprintf(e.stdout, "The backups folder keeps the newest %d backups (Settings changes the number).\n", s.BackupsToKeep())
		return nil
	})
}

// optionalFile parses a command's flags and its one optional FILE.
func optionalFile(e *env, name string, args []string) (string, error) {
	pos, err := parseAnywhere(e.flags(name), args, "FILE")
	if err == nil {
		return pos[0], nil
	}
	if _, none := parseAnywhere(e.flags(name), args, ""); none == nil {
		return "", nil
	}
	return "", err
}

func runRestore(e *env, args []string) error {
	pos, err := parseAnywhere(e.flags("restore"), args, "FILE")
	if err != nil {
		return err
	}
	from := pos[0]
	kept, err := data.Restore(e.db, from)
	if err != nil {
		if errors.Is(err, data.ErrInUse) || errors.Is(err, fs.ErrNotExist) {
			return err
		}
		// The message says the backup was refused and nothing changed; the
		// hint about the database's own path would mislead.
		return errors.New(err.Error())
	}
	return e.withStore(func(s *data.Store) error {
		c, err := s.Counts()
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Restored %s from %s: %s.\n", s.Path(), from, countsLine(c))
		if kept != "" {
			fmt.Fprintf(e.stdout, "The database it replaced is kept as %s\n", kept)
		}
		return nil
	})
}

// checkFile is the first step of `tiscdesk check`: bbolt's page-level
// check of the file, read-only, so that a damaged database is described
// without being written to. It lists the problems on stderr and names the
// latest sound backup.
func checkFile(e *env) error {
	problems, err := data.CheckFile(e.db)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s does not exist", e.db)
	case err == nil && len(problems) == 0:
		return nil
	case err == nil:
		for _, p := range problems {
			fmt.Fprintln(e.stderr, p)
		}
		err = fmt.Errorf("%s is damaged: %s in its pages, listed above: %w",
			e.db, plural(len(problems), "problem", "problems"), data.ErrNotDatabase)
	}
	if !errors.Is(err, data.ErrNotDatabase) {
		return err
	}
	b, berr := data.LatestSoundBackup(e.db)
	if berr != nil {
		return fmt.Errorf("%w\nNo sound backup was found in %s.", err, data.BackupDir(e.db))
	}
	return fmt.Errorf("%w\nThe latest sound backup is %s, made %s: %s.\nTo put it in place (the damaged file is kept): tiscdesk --db %s restore %s",
		err, b.Path, b.Time.Local().Format("2006-01-02 15:04"), countsLine(b.Counts), e.db, b.Path)
}

// countsLine is "30 institutions, 43 site visits, 412 enrolments, 47 students".
func countsLine(c data.Counts) string {
	return fmt.Sprintf("%s, %s, %s, %s", plural(c.Institutions, "institution", "institutions"),
		plural(c.Visits, "site visit", "site visits"), plural(c.Enrolments, "enrolment", "enrolments"),
		plural(c.Students, "student", "students"))
}

// size is a file's size for people: "1.0 MB".
func size(path string) string {
	info, err := os.Stat(path)
	if err != nil {
		return "size unknown"
	}
	return fmt.Sprintf("%.1f MB", float64(info.Size())/(1<<20))
}
