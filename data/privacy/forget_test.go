package privacy

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tiscdesk/data/datatest"
	"tiscdesk/data/model"
	"tiscdesk/data/store"
)

// person picks the sample's participant with the most enrolments.
func person(t *testing.T, s *store.Store) (email, name string, n int) {
	t.Helper()
	list, err := s.Enrolments.List()
	if err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	for _, e := range list {
		k := model.NormEmail(e.Email)
		if count[k]++; count[k] > n {
			email, name, n = k, e.Name, count[k]
		}
	}
	return email, name, n
}

// holders lists the buckets and keys whose stored bytes hold any of what.
func holders(t *testing.T, s *store.Store, what ...string) []string {
	t.Helper()
	var out []string
	err := s.View(func(tx *store.Tx) error {
		return tx.EachBucket(func(name string, b *store.Bucket) error {
			return b.ForEach(func(k, v []byte) error {
				for _, w := range what {
					if bytes.Contains(v, []byte(w)) {
						out = append(out, name+": "+w)
					}
				}
				return nil
			})
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestForgetErasesThePersonEverywhereAndKeepsTheFigures(t *testing.T) {
	s := datatest.Open(t)
	datatest.Sample(t, s, datatest.Today)
	email, name, n := person(t, s)
	if n < 2 {
		t.Fatalf("the sample's busiest participant has %d enrolments: no test of one identity", n)
	}
	// The same person as an institution's contact, among a visit's people
	// met, and in a version of the conflict list; and an edit of an
	// enrolment so that the history holds a version with the name.
	insts, _ := s.Institutions.List()
	in := insts[0]
	in.Contacts = append(in.Contacts, model.Contact{Name: "Someone Else", Email: "else@example.org"}, model.Contact{Name: "X", Email: strings.ToUpper(email)})
	if err := s.Institutions.Put(in); err != nil {
		t.Fatal(err)
	}
	visits, _ := s.Visits.List()
	v := visits[0]
	v.PeopleMet = append(v.PeopleMet, name, "王老师")
	if err := s.Visits.Put(v); err != nil {
		t.Fatal(err)
	}
	list, _ := s.Enrolments.Where(func(e *model.Enrolment) bool { return model.NormEmail(e.Email) == email })
	list[0].Organisation = "Org of " + name
	if err := s.Enrolments.Put(list[0]); err != nil {
		t.Fatal(err)
	}
	err := s.Update(func(tx *store.Tx) error {
		return tx.Bucket(store.ConflictsBucket).Put([]byte("c1"), []byte(`{"kind":"enrolments","lost":{"name":"`+name+`","email":"`+email+`"}}`))
	})
	if err != nil {
		t.Fatal(err)
	}
	if h := holders(t, s, email); len(h) < 4 {
		t.Fatalf("set-up: the email is only in %v", h)
	}
	countsBefore, _ := s.Counts()
	beforeEnrolments := map[model.ID]*model.Enrolment{}
	all, _ := s.Enrolments.List()
	for _, e := range all {
		beforeEnrolments[e.ID] = e
	}

	plan, err := Find(s, strings.ToUpper(email))
	if err != nil {
		t.Fatal(err)
	}
	if plan.Enrolments != n || plan.Contacts != 1 || plan.Visits != 1 || plan.Conflicts != 1 || len(plan.Names) == 0 {
		t.Fatalf("Find: %+v", plan)
	}
	if h := holders(t, s, email); len(h) < 4 {
		t.Fatal("Find changed the database")
	}

	done, err := Forget(s, email)
	if err != nil {
		t.Fatal(err)
	}
	if !model.IsForgotten(done.Identity) || done.Enrolments != n {
		t.Fatalf("Forget: %+v", done)
	}
	if h := holders(t, s, email, strings.ToUpper(email), name); len(h) > 0 {
		t.Errorf("after forget the database still holds the person: %v", h)
	}
	countsAfter, _ := s.Counts()
	if countsAfter != countsBefore {
		t.Errorf("counts %+v, before %+v", countsAfter, countsBefore)
	}
	after, _ := s.Enrolments.List()
	ids := map[string]bool{}
	for _, e := range after {
		b := beforeEnrolments[e.ID]
		if model.NormEmail(b.Email) != email {
			if e.Name != b.Name || e.Email != b.Email {
				t.Errorf("another person's enrolment changed: %+v", e)
			}
			continue
		}
		ids[e.Email] = true
		if e.Name != done.Identity || e.Organisation != "" || e.Certificate != "" {
			t.Errorf("forgotten enrolment %+v", e)
		}
		if e.Session != b.Session || e.Gender != b.Gender || e.Province != b.Province || e.Country != b.Country ||
			e.Status != b.Status || !sameScore(e.Score, b.Score) || e.Registered != b.Registered || e.CertificateDate != b.CertificateDate {
			t.Errorf("forget changed what it keeps: %+v, was %+v", e, b)
		}
		if h, _ := s.History(e.ID); len(h) != 1 {
			t.Errorf("enrolment %s keeps %d versions", e.ID, len(h)-1)
		}
	}
	if len(ids) != 1 {
		t.Errorf("the person's enrolments carry %d identities, want one", len(ids))
	}
	gotIn, _ := s.Institutions.Get(in.ID)
	if len(gotIn.Contacts) != len(in.Contacts)-1 {
		t.Errorf("contacts %+v", gotIn.Contacts)
	}
	gotV, _ := s.Visits.Get(v.ID)
	if len(gotV.PeopleMet) != len(v.PeopleMet)-1 || gotV.PeopleMet[len(gotV.PeopleMet)-1] != "王老师" {
		t.Errorf("people met %q", gotV.PeopleMet)
	}
	if p, err := s.Check(); err != nil || len(p) > 0 {
		t.Errorf("check: %v %v", p, err)
	}

	// A backup made afterwards holds nothing of the person.
	backup := filepath.Join(t.TempDir(), "after.db")
	if err := s.BackupTo(backup); err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(backup)
	for _, w := range []string{email, name} {
		if bytes.Contains(raw, []byte(w)) {
			t.Errorf("the backup made after forget holds %q", w)
		}
	}

	// Forgetting again finds no one.
	if _, err := Forget(s, email); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("a second forget: %v", err)
	}
}

func sameScore(a, b *float64) bool {
	return (a == nil && b == nil) || (a != nil && b != nil && *a == *b)
}

func TestForgetAnUnknownEmailChangesNothing(t *testing.T) {
	s := datatest.Open(t)
	datatest.Sample(t, s, datatest.Today)
	for _, e := range []string{"nobody@example.org", "", "forgotten:0190a3c4-0000-7000-8000-000000000000"} {
		if _, err := Forget(s, e); !errors.Is(err, model.ErrNotFound) {
			t.Errorf("forget %q: %v", e, err)
		}
	}
}

func TestMain(m *testing.M) { datatest.Main(m) }
