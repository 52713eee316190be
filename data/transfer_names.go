package data

// The imports and exports live in data/transfer (docs/architecture.md);
// these names keep the window and the commands compiling as they were.

import (
	"context"
	"io"

	"tiscdesk/data/transfer"
)

type (
	CSVPreview    = transfer.CSVPreview
	ImportError   = transfer.ImportError
	ImportOptions = transfer.ImportOptions
	ImportReport  = transfer.ImportReport
)

var (
	ErrNoSession      = transfer.ErrNoSession
	ErrRowsInvalid    = transfer.ErrRowsInvalid
	EnrolmentFields   = transfer.EnrolmentFields
	InstitutionFields = transfer.InstitutionFields
	PreviewCSV        = transfer.PreviewCSV
	StudentFields     = transfer.StudentFields
)

// ImportInstitutions is transfer.ImportInstitutions.
func (s *Store) ImportInstitutions(ctx context.Context, file string, r io.Reader, opt ImportOptions) (*ImportReport, error) {
	return transfer.ImportInstitutions(ctx, s.Store, file, r, opt)
}

// ImportEnrolments is transfer.ImportEnrolments.
func (s *Store) ImportEnrolments(ctx context.Context, file string, r io.Reader, opt ImportOptions) (*ImportReport, error) {
	return transfer.ImportEnrolments(ctx, s.Store, file, r, opt)
}

// ImportStudents is transfer.ImportStudents.
func (s *Store) ImportStudents(ctx context.Context, file string, r io.Reader, opt ImportOptions) (*ImportReport, error) {
	return transfer.ImportStudents(ctx, s.Store, file, r, opt)
}

// ExportInstitutions is transfer.ExportInstitutions.
func (s *Store) ExportInstitutions(w io.Writer, enc Encoding) (int, error) {
	return transfer.ExportInstitutions(s.Store, w, enc)
}

// ExportVisits is transfer.ExportVisits.
func (s *Store) ExportVisits(w io.Writer, enc Encoding) (int, error) {
	return transfer.ExportVisits(s.Store, w, enc)
}

// ExportStudents is transfer.ExportStudents.
func (s *Store) ExportStudents(w io.Writer, enc Encoding) (int, error) {
	return transfer.ExportStudents(s.Store, w, enc)
}

// ExportEnrolments is transfer.ExportEnrolments.
func (s *Store) ExportEnrolments(w io.Writer, enc Encoding) (int, error) {
	return transfer.ExportEnrolments(s.Store, w, enc)
}
