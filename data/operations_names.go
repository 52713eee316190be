package data

import (
	"context"
	"io"

	"tiscdesk/data/model"
	"tiscdesk/data/query"
	"tiscdesk/data/transfer"
)

// A TISC after its plaque (DESIGN section 12): the records, and the read
// models the window and the reports show them through.
type (
	YearlyReturn   = model.YearlyReturn
	Evaluation     = model.Evaluation
	EvaluationKind = model.EvaluationKind
	Grade          = model.Grade
	Outcome        = model.Outcome
	ServiceLevel   = model.ServiceLevel
	DueItem        = query.DueItem
	DueKind        = query.DueKind
	StaffCount     = query.StaffCount
)

const (
	EvaluationOverdue     = query.EvaluationOverdue
	EvaluationDueSoon     = query.EvaluationDueSoon
	AgreementExpired      = query.AgreementExpired
	AgreementExpiring     = query.AgreementExpiring
	EvaluationOperational = model.EvaluationOperational
	DueWithinDays         = query.DueWithinDays
)

var (
	ServiceLevels     = model.ServiceLevels
	EvaluationKinds   = model.EvaluationKinds
	Grades            = model.Grades
	Outcomes          = model.Outcomes
	NextEvaluationDue = model.NextEvaluationDue
)

// StatisticsFields is transfer.StatisticsFields.
var StatisticsFields = transfer.StatisticsFields

// ImportStatistics is transfer.ImportStatistics.
func (s *Store) ImportStatistics(ctx context.Context, file string, r io.Reader, opt ImportOptions) (*ImportReport, error) {
	return transfer.ImportStatistics(ctx, s.Store, file, r, opt)
}

// ExportStatistics is transfer.ExportStatistics.
func (s *Store) ExportStatistics(w io.Writer, enc Encoding) (int, error) {
	return transfer.ExportStatistics(s.Store, w, enc)
}

// OperationsDue is query.OperationsDue.
func (s *Store) OperationsDue(today Date) ([]DueItem, error) {
	return query.OperationsDue(s.Store, today)
}

// TrainedStaff is query.TrainedStaff.
func (s *Store) TrainedStaff(institution ID) ([]*Enrolment, error) {
	return query.TrainedStaff(s.Store, institution)
}

// TrainedStaffCounts is query.TrainedStaffCounts.
func (s *Store) TrainedStaffCounts() (map[ID]StaffCount, error) {
	return query.TrainedStaffCounts(s.Store)
}

// YearTotals is query.YearTotals.
type YearTotals = query.YearTotals

// YearTotals is query.LoadYearTotals.
func (s *Store) YearTotals(year int) (YearTotals, error) { return query.LoadYearTotals(s.Store, year) }

// InstitutionOf is query.InstitutionOf.
func (s *Store) InstitutionOf(email string, organisations ...string) (*Institution, error) {
	return query.InstitutionOf(s.Store, email, organisations...)
}
