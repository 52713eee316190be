// Package privacy holds what the program does for the people it records
// (DESIGN section 14): forgetting a person on request. Its door is Find,
// which says what forgetting a person would erase, and Forget, which does
// it in one transaction.
package privacy

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"tiscdesk/data/model"
	"tiscdesk/data/store"
)

// Plan is what forgetting a person erases (Find) or erased (Forget).
type Plan struct {
	Email string // as asked, normalised
	// Names are the person's names as recorded on their enrolments and
	// student records: also erased where they stand as an institution's
	// contact or among a visit's people met.
	Names      []string
	Enrolments int // DL enrolments: name, email, organisation, certificate number
	Students   int // joint-degree student records: name, email, thesis, supervisor
	Contacts   int // institution contacts with that email or name, removed
	Visits     int // visits whose people met named the person
	Conflicts  int // versions in the conflict list that held the email or a name
	// Identity is what the records carry instead of name and email
	// (model.Forgotten); set by Forget.
	Identity string
}

// Records is how many records the erasure changes.
func (p Plan) Records() int { return p.Enrolments + p.Students + p.Contacts + p.Visits }

// Find says what forgetting the person with email would erase, changing
// nothing. Returns model.ErrNotFound when no enrolment or student has that
// email.
func Find(s *store.Store, email string) (Plan, error) {
	var p Plan
	err := s.View(func(tx *store.Tx) error {
		var err error
		p, err = run(tx, s, email, "")
		return err
	})
	return p, err
}

// Forget erases the personal data of the person with email from every
// enrolment and student record of that email (their name and email become
// one identity of their own; organisation, certificate number, thesis
// title and supervisor are emptied; session or cohort, gender, province,
// country, status, score and dates stay), removes that email and the
// person's names from institutions' contacts and visits' people met, and
// deletes every kept version of those records and every conflict-list
// version that held the email or a name. Each change is an ordinary edit
// of this device, so a bundle or a sync carries the erasure to other
// machines; the records are also noted by id (store.Tx.NoteForgotten) so
// that the team hub and the machines syncing with it erase their older
// versions of them. All or nothing. Returns model.ErrNotFound when no enrolment or
// student has that email.
func Forget(s *store.Store, email string) (Plan, error) {
	var p Plan
	err := s.Update(func(tx *store.Tx) error {
		var err error
		p, err = run(tx, s, email, model.Forgotten(model.NewID()))
		return err
	})
	if err != nil {
		return Plan{}, err
	}
	return p, nil
}

// run finds the person's records and, when identity is set, erases them.
func run(tx *store.Tx, s *store.Store, email, identity string) (Plan, error) {
	p := Plan{Email: model.NormEmail(email), Identity: identity}
	if p.Email == "" || model.IsForgotten(p.Email) {
		return p, fmt.Errorf("forget %q: %w", email, model.ErrNotFound)
	}
	var enrolments []*model.Enrolment
	var students []*model.Student
	if err := s.Enrolments.EachIn(tx, func(e *model.Enrolment) bool {
		if model.NormEmail(e.Email) == p.Email {
			enrolments = append(enrolments, e)
			p.addName(e.Name)
		}
		return true
	}); err != nil {
		return p, err
	}
	if err := s.Students.EachIn(tx, func(st *model.Student) bool {
		if st.Email != "" && model.NormEmail(st.Email) == p.Email {
			students = append(students, st)
			p.addName(st.Name)
		}
		return true
	}); err != nil {
		return p, err
	}
	if len(enrolments)+len(students) == 0 {
		return p, fmt.Errorf("forget %s: no participant or student has this email: %w", p.Email, model.ErrNotFound)
	}
	p.Enrolments, p.Students = len(enrolments), len(students)
	erase := identity != ""
	var touched []model.ID
	for _, e := range enrolments {
		if erase {
			e.Erase(identity)
			if err := s.Enrolments.PutIn(tx, e); err != nil {
				return p, fmt.Errorf("forget enrolment %s: %w", e.ID, err)
			}
			touched = append(touched, e.ID)
		}
	}
	for _, st := range students {
		if erase {
			st.Erase(identity)
			if err := s.Students.PutIn(tx, st); err != nil {
				return p, fmt.Errorf("forget student %s: %w", st.ID, err)
			}
			touched = append(touched, st.ID)
		}
	}
	var insts []*model.Institution
	if err := s.Institutions.EachIn(tx, func(in *model.Institution) bool {
		kept := slices.DeleteFunc(slices.Clone(in.Contacts), func(c model.Contact) bool { return p.names(c.Name) || p.is(c.Email) })
		if n := len(in.Contacts) - len(kept); n > 0 {
			p.Contacts += n
			in.Contacts = kept
			insts = append(insts, in)
		}
		return true
	}); err != nil {
		return p, err
	}
	var visits []*model.Visit
	if err := s.Visits.EachIn(tx, func(v *model.Visit) bool {
		kept := slices.DeleteFunc(slices.Clone(v.PeopleMet), func(m string) bool { return p.names(m) || p.mentions(m) })
		if len(kept) < len(v.PeopleMet) {
			p.Visits++
			v.PeopleMet = kept
			visits = append(visits, v)
		}
		return true
	}); err != nil {
		return p, err
	}
	if erase {
		// Each record keeps marks of the person (model.Marked), so that a
		// version edited elsewhere before the erasure arrived there does not
		// bring them back when it meets this one.
		for _, in := range insts {
			in.Redact(model.ErasureMarks(in.ID, p.Email, p.Names))
			if err := s.Institutions.PutIn(tx, in); err != nil {
				return p, fmt.Errorf("forget a contact of institution %s: %w", in.ID, err)
			}
			touched = append(touched, in.ID)
		}
		for _, v := range visits {
			v.Redact(model.ErasureMarks(v.ID, p.Email, p.Names))
			if err := s.Visits.PutIn(tx, v); err != nil {
				return p, fmt.Errorf("forget the people met of visit %s: %w", v.ID, err)
			}
			touched = append(touched, v.ID)
		}
		// Every write above kept the version it replaced: erase them, and
		// every older one.
		for _, id := range touched {
			if err := tx.EraseHistory(id); err != nil {
				return p, err
			}
		}
		// The other machines and the hub erase their older versions too
		// when a transport passes these on.
		if err := tx.NoteForgotten(touched); err != nil {
			return p, err
		}
	}
	n, err := p.conflicts(tx, erase)
	p.Conflicts = n
	return p, err
}

// conflicts counts, and when erase is set deletes, the conflict-list
// versions that hold the email or one of the names.
func (p *Plan) conflicts(tx *store.Tx, erase bool) (int, error) {
	b := tx.Bucket(store.ConflictsBucket)
	var keys [][]byte
	err := b.ForEach(func(k, v []byte) error {
		if p.holds(v) {
			keys = append(keys, bytes.Clone(k))
		}
		return nil
	})
	if err != nil || !erase {
		return len(keys), err
	}
	for _, k := range keys {
		if err := b.Delete(k); err != nil {
			return 0, fmt.Errorf("forget a conflict-list version: %w", err)
		}
	}
	return len(keys), nil
}

// holds reports whether raw JSON holds the email or a name: compared in
// the decoded text, so that escapes (\u5f20) do not hide a name.
func (p *Plan) holds(raw []byte) bool {
	var found bool
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case string:
			if p.names(x) || p.mentions(x) {
				found = true
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		case map[string]any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	var v any
	if json.Unmarshal(raw, &v) != nil {
		return bytes.Contains(bytes.ToLower(raw), []byte(p.Email))
	}
	walk(v)
	return found
}

func (p *Plan) addName(n string) {
	n = strings.TrimSpace(n)
	if n != "" && !model.IsForgotten(n) && !slices.ContainsFunc(p.Names, func(m string) bool { return strings.EqualFold(m, n) }) {
		p.Names = append(p.Names, n)
	}
}

// names reports whether s is one of the person's names.
func (p *Plan) names(s string) bool {
	s = strings.TrimSpace(s)
	return s != "" && slices.ContainsFunc(p.Names, func(n string) bool { return strings.EqualFold(n, s) })
}

// is reports whether s is the person's email.
func (p *Plan) is(s string) bool { return s != "" && model.NormEmail(s) == p.Email }

// mentions reports whether the text s holds the person's email.
func (p *Plan) mentions(s string) bool { return strings.Contains(strings.ToLower(s), p.Email) }
