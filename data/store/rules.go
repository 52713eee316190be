package store

import (
	"strings"
	"tiscdesk/data/model"
)

// wireRules sets the rules that span records: references must point to live
// records, session codes are unique, and deletions cascade to dependants.
func (s *Store) wireRules() {
	missing := "refers to a record that does not exist"
	s.Visits.check = func(tx *Tx, v *model.Visit) []model.FieldError {
		if !s.Institutions.Exists(tx, v.Institution) {
			return []model.FieldError{{Field: "institution", Message: missing}}
		}
		return nil
	}
	// Within a session a participant is their email: enrolmentKeys finds a
	// clash without reading every enrolment (enrolment_keys.go). Code that
	// writes enrolments other than through PutIn and DeleteIn says so
	// (Tx.wrotePast), and the index reads them again.
	keys := newEnrolmentKeys(s)
	s.enrolmentKeys = keys
	s.Enrolments.check = func(tx *Tx, e *model.Enrolment) []model.FieldError {
		if !s.Sessions.Exists(tx, e.Session) {
			return []model.FieldError{{Field: "session", Message: missing}}
		}
		return keys.check(tx, e)
	}
	s.Enrolments.cascade = keys.deleting
	s.Cohorts.check = func(tx *Tx, c *model.Cohort) []model.FieldError {
		if !s.Programmes.Exists(tx, c.Programme) {
			return []model.FieldError{{Field: "programme", Message: missing}}
		}
		return nil
	}
	s.Students.check = func(tx *Tx, st *model.Student) []model.FieldError {
		if !s.Cohorts.Exists(tx, st.Cohort) {
			return []model.FieldError{{Field: "cohort", Message: missing}}
		}
		return nil
	}
	s.Sessions.check = func(tx *Tx, v *model.Session) []model.FieldError {
		var clash bool
		_ = s.Sessions.EachIn(tx, func(o *model.Session) bool {
			clash = o.ID != v.ID && strings.EqualFold(o.Code, v.Code)
			return !clash
		})
		if clash {
			return []model.FieldError{{Field: "code", Message: "is already used by another session"}}
		}
		return nil
	}
	s.Courses.check = func(tx *Tx, v *model.Course) []model.FieldError {
		var clash bool
		_ = s.Courses.EachIn(tx, func(o *model.Course) bool {
			clash = o.ID != v.ID && o.Number == v.Number
			return !clash
		})
		if clash {
			return []model.FieldError{{Field: "number", Message: "is already used by another course"}}
		}
		return nil
	}

	s.Institutions.cascade = func(tx *Tx, id model.ID) error {
		if err := deleteWhere(tx, s.Statistics, func(r *model.YearlyReturn) bool { return r.Institution == id }); err != nil {
			return err
		}
		if err := deleteWhere(tx, s.Evaluations, func(e *model.Evaluation) bool { return e.Institution == id }); err != nil {
			return err
		}
		return deleteWhere(tx, s.Visits, func(v *model.Visit) bool { return v.Institution == id })
	}
	s.Sessions.cascade = func(tx *Tx, id model.ID) error {
		return deleteWhere(tx, s.Enrolments, func(e *model.Enrolment) bool { return e.Session == id })
	}
	s.Programmes.cascade = func(tx *Tx, id model.ID) error {
		return deleteWhere(tx, s.Cohorts, func(c *model.Cohort) bool { return c.Programme == id })
	}
	s.Cohorts.cascade = func(tx *Tx, id model.ID) error {
		return deleteWhere(tx, s.Students, func(st *model.Student) bool { return st.Cohort == id })
	}
}

// deleteWhere deletes (with their own cascades) the live records of t that match.
func deleteWhere[T any, P EntityPtr[T]](tx *Tx, t *Table[T, P], match func(P) bool) error {
	var ids []model.ID
	if err := t.EachIn(tx, func(v P) bool {
		if match(v) {
			ids = append(ids, v.Metadata().ID)
		}
		return true
	}); err != nil {
		return err
	}
	for _, id := range ids {
		if err := t.DeleteIn(tx, id); err != nil {
			return err
		}
	}
	return nil
}
