package query

import (
	"net/url"
	"strings"

	"tiscdesk/data/model"
	"tiscdesk/data/store"
)

// Trained staff (DESIGN section 12): the DL enrolments of an institution's
// people, matched by the enrolment's organisation against the
// institution's local or English name (normalised: case, width and
// spacing), else by the email's domain against the institution's website.
// An enrolment belongs to at most one institution: a name or domain that
// two institutions share matches neither, so nobody is counted at an
// unrelated institution.

// StaffMatcher tells which institution an enrolment belongs to.
type StaffMatcher struct {
	byName   map[string][]model.ID
	byDomain map[string][]model.ID
}

// NewStaffMatcher indexes the live institutions of tx.
func NewStaffMatcher(s *store.Store, tx *store.Tx) (*StaffMatcher, error) {
	m := &StaffMatcher{byName: map[string][]model.ID{}, byDomain: map[string][]model.ID{}}
	err := s.Institutions.EachIn(tx, func(in *model.Institution) bool {
		seen := map[string]bool{}
		for _, n := range []string{in.LocalName, in.EnglishName} {
			if k := staffKey(n); k != "" && !seen[k] {
				seen[k] = true
				m.byName[k] = append(m.byName[k], in.ID)
			}
		}
		if d := websiteDomain(in.Website); d != "" {
			m.byDomain[d] = append(m.byDomain[d], in.ID)
		}
		return true
	})
	return m, err
}

// Institution is the institution the enrolment's organisation or email
// names, and false when none does or more than one could.
func (m *StaffMatcher) Institution(organisation, email string) (model.ID, bool) {
	if ids := m.byName[staffKey(organisation)]; len(ids) == 1 {
		return ids[0], true
	} else if len(ids) > 1 {
		return model.NilID, false
	}
	_, domain, ok := strings.Cut(model.NormEmail(email), "@")
	if !ok {
		return model.NilID, false
	}
	// The email's domain or any parent of it: lib.sjtu.edu.cn is sjtu.edu.cn's.
	for d := domain; strings.Contains(d, "."); {
		if ids := m.byDomain[d]; len(ids) == 1 {
			return ids[0], true
		} else if len(ids) > 1 {
			return model.NilID, false
		}
		_, d, _ = strings.Cut(d, ".")
	}
	return model.NilID, false
}

// TrainedStaff lists the live enrolments of the institution's people.
func TrainedStaff(s *store.Store, institution model.ID) ([]*model.Enrolment, error) {
	var out []*model.Enrolment
	err := s.View(func(tx *store.Tx) error {
		m, err := NewStaffMatcher(s, tx)
		if err != nil {
			return err
		}
		return s.Enrolments.EachIn(tx, func(e *model.Enrolment) bool {
			if id, ok := m.Institution(e.Organisation, e.Email); ok && id == institution {
				out = append(out, e)
			}
			return true
		})
	})
	return out, err
}

// staffKey normalises a name: case, width and spacing ignored.
func staffKey(s string) string { return string(model.AppendKey(nil, strings.TrimSpace(s))) }

// websiteDomain is the host of a website without "www.": "sjtu.edu.cn".
func websiteDomain(site string) string {
	site = strings.TrimSpace(site)
	if site == "" {
		return ""
	}
	if !strings.Contains(site, "://") {
		site = "http://" + site
	}
	u, err := url.Parse(site)
	if err != nil {
		return ""
	}
	h := strings.ToLower(strings.TrimPrefix(strings.ToLower(u.Hostname()), "www."))
	if !strings.Contains(h, ".") {
		return ""
	}
	return h
}

// StaffCount is how many of an institution's people took DL courses.
type StaffCount struct {
	People    int // distinct people (by email) with an enrolment in any session
	Completed int // of them, those who completed a course
	Certified int // of them, those who hold a certificate
}

// TrainedStaffCounts counts, for each institution that has any, the people
// matched to it from the live enrolments (StaffMatcher), each person once
// however many courses they took.
func TrainedStaffCounts(s *store.Store) (map[model.ID]StaffCount, error) {
	type person struct {
		in                   model.ID
		completed, certified bool
	}
	people := map[string]*person{} // institution and email
	err := s.View(func(tx *store.Tx) error {
		m, err := NewStaffMatcher(s, tx)
		if err != nil {
			return err
		}
		return s.Enrolments.EachIn(tx, func(e *model.Enrolment) bool {
			id, ok := m.Institution(e.Organisation, e.Email)
			if !ok {
				return true
			}
			k := id.String() + " " + model.NormEmail(e.Email)
			p := people[k]
			if p == nil {
				p = &person{in: id}
				people[k] = p
			}
			p.completed = p.completed || e.Status == model.StatusCompleted
			p.certified = p.certified || strings.TrimSpace(e.Certificate) != "" || e.CertificateDate != ""
			return true
		})
	})
	out := map[model.ID]StaffCount{}
	for _, p := range people {
		c := out[p.in]
		c.People++
		if p.completed {
			c.Completed++
		}
		if p.certified {
			c.Certified++
		}
		out[p.in] = c
	}
	return out, err
}

// InstitutionOf is the institution a person's enrolments match (the first
// of organisations, with the email, that StaffMatcher places), nil when none
// does.
func InstitutionOf(s *store.Store, email string, organisations ...string) (*model.Institution, error) {
	var out *model.Institution
	err := s.View(func(tx *store.Tx) error {
		m, err := NewStaffMatcher(s, tx)
		if err != nil {
			return err
		}
		if len(organisations) == 0 {
			organisations = []string{""}
		}
		for _, org := range organisations {
			if id, ok := m.Institution(org, email); ok {
				out, err = s.Institutions.GetIn(tx, id)
				return err
			}
		}
		return nil
	})
	return out, err
}
