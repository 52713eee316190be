package importer

import (
	"context"
	"io"
	"slices"

	"tiscdesk/data"
)

// Kind is one kind of record the wizard brings in.
type Kind struct {
	Name   string           // the kind as the command line names it: the key of its remembered columns
	Title  string           // the wizard's title, in English; translated when shown
	Fields []data.FieldSpec // the fields a column can fill
	// Run imports (or with opt.DryRun checks) the file read from r.
	Run func(ctx context.Context, file string, r io.Reader, opt data.ImportOptions) (*data.ImportReport, error)
	// Sessions, when set, lists the sessions offered for the rows of a file
	// that names none (enrolments): the wizard asks which one they are in.
	// It reads the store, so the wizard calls it off the UI goroutine.
	Sessions func() ([]string, error)
}

// Institutions is the kind for the register of institutions, imported into
// store (nil: the kind's title and fields only).
func Institutions(store *data.Store) Kind {
	k := Kind{Name: "institutions", Title: "Import institutions", Fields: data.InstitutionFields()}
	if store != nil {
		k.Run = store.ImportInstitutions
	}
	return k
}

// Enrolments is the kind for enrolment files, imported into store (nil:
// the kind's title and fields only). It asks for the session of rows that
// name none, offering the sessions of store, newest first.
func Enrolments(store *data.Store) Kind {
	k := Kind{Name: "enrolments", Title: "Import enrolments", Fields: data.EnrolmentFields()}
	if store != nil {
		k.Run = store.ImportEnrolments
		k.Sessions = func() ([]string, error) {
			var codes []string
			list, err := store.Sessions.List()
			if err != nil {
				return nil, err
			}
			for _, s := range list {
				codes = append(codes, s.Code)
			}
			slices.Sort(codes)
			slices.Reverse(codes)
			return codes, nil
		}
	}
	return k
}

// Students is the kind for rosters of joint-degree students, imported into
// store (nil: the kind's title and fields only).
func Students(store *data.Store) Kind {
	k := Kind{Name: "students", Title: "Import students", Fields: data.StudentFields()}
	if store != nil {
		k.Run = store.ImportStudents
	}
	return k
}
