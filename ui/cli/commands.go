package cli

import (
	"encoding/json"
	"fmt"
	"runtime"
	"text/tabwriter"

	"tiscdesk/assets"
	"tiscdesk/data"
)

func runVersion(e *env, args []string) error {
	if _, err := parse(e.flags("version"), args, 0); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "TISC Desk %s (database schema %d, %s %s/%s)\n",
		assets.Version, data.SchemaVersion, runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return nil
}

// withStore opens the database for one command and closes it afterwards.
func (e *env) withStore(fn func(*data.Store) error) error {
	s, err := data.OpenWith(e.db, data.Options{Clock: e.clock})
	if err != nil {
		return err
	}
	defer s.Close()
	return fn(s)
}

func runSample(e *env, args []string) error {
	fs := e.flags("sample")
	force := fs.Bool("force", false, "load even if the database holds data")
	if _, err := parse(fs, args, 0); err != nil {
		return err
	}
	return e.withStore(func(s *data.Store) error {
		before, err := s.Counts()
		if err != nil {
			return err
		}
		if before.HasUserData() && !*force {
			return fmt.Errorf("%s already holds data (%d institutions, %d enrolments); use --force to add the sample to it",
				s.Path(), before.Institutions, before.Enrolments)
		}
		if _, err := s.LoadSample(s.Today()); err != nil {
			return fmt.Errorf("load the sample: %w", err)
		}
		after, err := s.Counts()
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Loaded the sample. %s now holds:\n", s.Path())
		printCounts(e, after)
		return nil
	})
}

func runStats(e *env, args []string) error {
	fs := e.flags("stats")
	asJSON := fs.Bool("json", false, "print a JSON object")
	if _, err := parse(fs, args, 0); err != nil {
		return err
	}
	return e.withStore(func(s *data.Store) error {
		c, err := s.Counts()
		if err != nil {
			return err
		}
		if *asJSON {
			enc := json.NewEncoder(e.stdout)
			enc.SetIndent("", "  ")
			return enc.Encode(c)
		}
		printCounts(e, c)
		return nil
	})
}

func printCounts(e *env, c data.Counts) {
	w := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', tabwriter.AlignRight)
	for _, row := range []struct {
		n    int
		what string
	}{
		{c.Institutions, "institutions"}, {c.Visits, "site visits"}, {c.Courses, "courses"},
		{c.Sessions, "sessions"}, {c.Enrolments, "enrolments"}, {c.Programmes, "programmes"},
		{c.Cohorts, "cohorts"}, {c.Students, "students"},
		{c.Statistics, "yearly returns"}, {c.Evaluations, "evaluations"},
	} {
		fmt.Fprintf(w, "%d\t %s\t\n", row.n, row.what)
	}
	w.Flush()
}

func runCheck(e *env, args []string) error {
	if _, err := parse(e.flags("check"), args, 0); err != nil {
		return err
	}
	if err := checkFile(e); err != nil {
		return err
	}
	return e.withStore(func(s *data.Store) error {
		problems, err := s.Check()
		if err != nil {
			return err
		}
		if len(problems) == 0 {
			c, _ := s.Counts()
			fmt.Fprintf(e.stdout, "%s is sound: %d institutions, %d visits, %d enrolments, %d students checked.\n",
				s.Path(), c.Institutions, c.Visits, c.Enrolments, c.Students)
			return nil
		}
		for _, p := range problems {
			fmt.Fprintln(e.stderr, p)
		}
		return fmt.Errorf("%s has %d problem(s), listed above", s.Path(), len(problems))
	})
}
