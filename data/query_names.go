package data

// The read models live in data/query (docs/architecture.md); these names
// keep the window and the reports compiling as they were.

import (
	"tiscdesk/data/query"
	"tiscdesk/data/store"
)

type (
	CohortFigures    = query.CohortFigures
	CohortRow        = query.CohortRow
	CourseRow        = query.CourseRow
	DegreeIndex      = query.DegreeIndex
	EnrolmentFact    = query.EnrolmentFact
	EnrolmentIndex   = query.EnrolmentIndex
	EnrolmentQuery   = query.EnrolmentQuery
	EnrolmentRow     = query.EnrolmentRow
	EnrolmentSort    = query.EnrolmentSort
	GenderFilter     = query.GenderFilter
	InstitutionIndex = query.InstitutionIndex
	InstitutionQuery = query.InstitutionQuery
	InstitutionRow   = query.InstitutionRow
	InstitutionSort  = query.InstitutionSort
	LearningStats    = query.LearningStats
	Overview         = query.Overview
	ProgrammeRow     = query.ProgrammeRow
	SessionRow       = query.SessionRow
	StudentQuery     = query.StudentQuery
	StudentRow       = query.StudentRow
	StudentSort      = query.StudentSort
	VisitIndex       = query.VisitIndex
	VisitQuery       = query.VisitQuery
	VisitRow         = query.VisitRow
	VisitSort        = query.VisitSort
)

const (
	EnrolmentSortByCertificate  = query.EnrolmentSortByCertificate
	EnrolmentSortByEmail        = query.EnrolmentSortByEmail
	EnrolmentSortByGender       = query.EnrolmentSortByGender
	EnrolmentSortByName         = query.EnrolmentSortByName
	EnrolmentSortByOrganisation = query.EnrolmentSortByOrganisation
	EnrolmentSortByProvince     = query.EnrolmentSortByProvince
	EnrolmentSortByRegistered   = query.EnrolmentSortByRegistered
	EnrolmentSortByScore        = query.EnrolmentSortByScore
	EnrolmentSortBySession      = query.EnrolmentSortBySession
	EnrolmentSortByStatus       = query.EnrolmentSortByStatus
	GenderFilterUnspecified     = query.GenderFilterUnspecified
	SortByCity                  = query.SortByCity
	SortByEnglishName           = query.SortByEnglishName
	SortByFollowUps             = query.SortByFollowUps
	SortByLastVisit             = query.SortByLastVisit
	SortByName                  = query.SortByName
	SortByProvince              = query.SortByProvince
	SortBySince                 = query.SortBySince
	SortByStage                 = query.SortByStage
	SortByType                  = query.SortByType
	SortStudentsByEmail         = query.SortStudentsByEmail
	SortStudentsByFunder        = query.SortStudentsByFunder
	SortStudentsByGender        = query.SortStudentsByGender
	SortStudentsByGraduated     = query.SortStudentsByGraduated
	SortStudentsByName          = query.SortStudentsByName
	SortStudentsByNationality   = query.SortStudentsByNationality
	SortStudentsByStatus        = query.SortStudentsByStatus
	VisitSortByDate             = query.VisitSortByDate
	VisitSortByFollowUps        = query.VisitSortByFollowUps
	VisitSortByInstitution      = query.VisitSortByInstitution
	VisitSortByKind             = query.VisitSortByKind
	VisitSortByProvince         = query.VisitSortByProvince
	VisitSortByRecommendation   = query.VisitSortByRecommendation
	VisitSortByScore            = query.VisitSortByScore
)

var (
	EachEnrolmentFactIn = query.EachEnrolmentFactIn
	FiguresOf           = query.FiguresOf
	LoadDegrees         = query.LoadDegrees
	LoadEnrolments      = query.LoadEnrolments
	LoadInstitutions    = query.LoadInstitutions
	LoadOverview        = query.LoadOverview
	LoadVisits          = query.LoadVisits
	StatsOf             = query.StatsOf
)

// InstitutionIndex is query.LoadInstitutions.
func (s *Store) InstitutionIndex(today Date) (*InstitutionIndex, error) {
	return query.LoadInstitutions(s.Store, today)
}

// VisitIndex is query.LoadVisits.
func (s *Store) VisitIndex(today Date) (*VisitIndex, error) { return query.LoadVisits(s.Store, today) }

// EnrolmentIndex is query.LoadEnrolments.
func (s *Store) EnrolmentIndex() (*EnrolmentIndex, error) { return query.LoadEnrolments(s.Store) }

// DegreeIndex is query.LoadDegrees.
func (s *Store) DegreeIndex() (*DegreeIndex, error) { return query.LoadDegrees(s.Store) }

// Overview is query.LoadOverview.
func (s *Store) Overview(today Date) (Overview, error) { return query.LoadOverview(s.Store, today) }

// EachEnrolmentFactIn is query.EachEnrolmentFactIn.
func (s *Store) EachEnrolmentFactIn(tx *store.Tx, fn func(*EnrolmentFact) bool) error {
	return query.EachEnrolmentFactIn(s.Store, tx, fn)
}

// Count is query.Count.
type Count[T any] = query.Count[T]
