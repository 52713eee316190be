package store

import (
	"encoding/json"
	"fmt"
	"tiscdesk/data/model"

	bolt "go.etcd.io/bbolt"
)

// Problem is one thing Check found wrong.
type Problem struct {
	Kind    string // bucket: "visits", "enrolments", ... or "database"
	ID      string // the record's id, "" for the file as a whole
	Message string
}

func (p Problem) String() string {
	if p.ID == "" {
		return p.Kind + ": " + p.Message
	}
	return p.Kind + " " + p.ID + ": " + p.Message
}

// Check runs bbolt's page-level consistency check, then the program's own:
// every record decodes and validates, and every reference (a visit's
// institution, an enrolment's session, a cohort's programme, a student's
// cohort) points to a live record. An empty result means the file is sound.
func (s *Store) Check() ([]Problem, error) {
	var out []Problem
	err := s.db.View(func(btx *bolt.Tx) error {
		out = pageProblems(s.db, btx)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("check %s: %w", s.path, err)
	}
	if len(out) > 0 {
		// Reading records from damaged pages would crash: the page
		// problems are the answer.
		return out, nil
	}
	err = s.View(func(tx *Tx) error {
		out = append(out, checkTable(tx, s.Institutions, nil)...)
		out = append(out, checkTable(tx, s.Visits, func(v *model.Visit) string {
			return missingRef(tx, s.Institutions, v.Institution, "institution")
		})...)
		out = append(out, checkTable(tx, s.Courses, nil)...)
		out = append(out, checkTable(tx, s.Sessions, nil)...)
		out = append(out, checkTable(tx, s.Enrolments, func(e *model.Enrolment) string {
			return missingRef(tx, s.Sessions, e.Session, "session")
		})...)
		out = append(out, checkTable(tx, s.Programmes, nil)...)
		out = append(out, checkTable(tx, s.Cohorts, func(c *model.Cohort) string {
			return missingRef(tx, s.Programmes, c.Programme, "programme")
		})...)
		out = append(out, checkTable(tx, s.Students, func(st *model.Student) string {
			return missingRef(tx, s.Cohorts, st.Cohort, "cohort")
		})...)
		out = append(out, checkTable(tx, s.Statistics, func(r *model.YearlyReturn) string {
			return missingRef(tx, s.Institutions, r.Institution, "institution")
		})...)
		out = append(out, checkTable(tx, s.Evaluations, func(e *model.Evaluation) string {
			return missingRef(tx, s.Institutions, e.Institution, "institution")
		})...)
		return nil
	})
	return out, err
}

func missingRef[T any, P EntityPtr[T]](tx *Tx, t *Table[T, P], id model.ID, what string) string {
	if t.Exists(tx, id) {
		return ""
	}
	return fmt.Sprintf("its %s %s does not exist", what, id)
}

// checkTable decodes and validates every record of t, and runs refs on it.
func checkTable[T any, P EntityPtr[T]](tx *Tx, t *Table[T, P], refs func(P) string) []Problem {
	var out []Problem
	kind := string(t.bucket)
	_ = tx.tx.Bucket(t.bucket).ForEach(func(k, raw []byte) error {
		id, _ := model.ParseID(fmt.Sprintf("%x", k))
		if len(k) != 16 {
			out = append(out, Problem{kind, fmt.Sprintf("%x", k), "key is not a record id"})
			return nil
		}
		if IsTombstone(raw) {
			return nil
		}
		v := P(new(T))
		if err := json.Unmarshal(raw, v); err != nil {
			out = append(out, Problem{kind, id.String(), "cannot be read: " + err.Error()})
			return nil
		}
		if v.Metadata().ID != id {
			out = append(out, Problem{kind, id.String(), "is stored under another record's id"})
		}
		if err := v.Validate(); err != nil {
			out = append(out, Problem{kind, id.String(), "is not valid: " + err.Error()})
		}
		if refs != nil {
			if msg := refs(v); msg != "" {
				out = append(out, Problem{kind, id.String(), msg})
			}
		}
		return nil
	})
	return out
}
