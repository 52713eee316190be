package cli

import (
	"context"
	"errors"
	"fmt"
	"io"

	"tiscdesk/data"
)

// The distance-learning kinds of the import and export commands (DESIGN
// sections 5 and 9), under WIPO's spelling and the American one:
//
//	tiscdesk import enrolments FILE [--session CODE] [--skip-invalid] [--dry-run] [--encoding E] [--delimiter D] [--sheet NAME]
//	tiscdesk export enrolments FILE.csv|FILE.xlsx [--encoding utf-8|gb18030] [--force]
//
// A file without a session column (a Moodle participants export) needs
// --session; a well-formed session code the database lacks creates the
// session, and the import says so.
func init() {
	for _, kind := range []string{"enrolments", "enrollments"} {
		importers[kind] = importEnrolments
		exporters[kind] = (*data.Store).ExportEnrolments
	}
}

// takesSession reports whether `import KIND` accepts --session.
func takesSession(kind string) bool { return kind == "enrolments" || kind == "enrollments" }

// importEnrolments is Store.ImportEnrolments with the command line's words
// for its two mistakes about the session.
func importEnrolments(s *data.Store, ctx context.Context, path string, r io.Reader, opt data.ImportOptions) (*data.ImportReport, error) {
	if opt.Session != "" {
		if _, err := data.ParseSessionCode(opt.Session); err != nil {
			return &data.ImportReport{File: path}, usageError{fmt.Sprintf("import: --session: %v", err)}
		}
	}
	rep, err := s.ImportEnrolments(ctx, path, r, opt)
	if errors.Is(err, data.ErrNoSession) {
		err = fmt.Errorf("%s has no session column (session, course code, 课程代码): give its session with --session CODE, e.g. --session 101C18S1", path)
	}
	return rep, err
}
