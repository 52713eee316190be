package hub

import (
	"slices"
	"strings"
	"testing"
	"tiscdesk/data/datatest"
	"tiscdesk/data/model"
	"tiscdesk/data/privacy"
	"tiscdesk/data/store"
)

// A person forgotten on A is an institution's contact and among a visit's
// people met; B, which has not synced since, edits the institution (a
// phone number) and the visit after the forget, so its versions are the
// newer and win on the hub. Whichever machine syncs first, after a few
// syncs the person is on neither machine nor the hub (every table read as
// its owner), B's edits are kept on both, and syncing again sends nothing.
func TestAForgottenContactDoesNotComeBackThroughTheHub(t *testing.T) {
	for _, bFirst := range []bool{false, true} {
		name := map[bool]string{false: "A syncs first", true: "B syncs first"}[bFirst]
		t.Run(name, func(t *testing.T) {
			owner := newHub(t)
			a, b := datatest.OpenNamed(t, "a"), datatest.OpenNamed(t, "b")
			insts := seed(t, a, 5)
			const email, person = "p0@example.cn", "学员0"
			in, err := a.Institutions.Get(insts[0])
			if err != nil {
				t.Fatal(err)
			}
			in.Contacts = []model.Contact{{Name: "王老师", Phone: "021-1111"}, {Name: person, Email: email, Title: "librarian"}}
			if err := a.Institutions.Put(in); err != nil {
				t.Fatal(err)
			}
			vs, err := a.Visits.Where(func(v *model.Visit) bool { return v.Institution == in.ID })
			if err != nil || len(vs) != 1 {
				t.Fatalf("the visit of %s: %v (%v)", in.ID, vs, err)
			}
			vs[0].PeopleMet = []string{"王老师", person + " " + email}
			if err := a.Visits.Put(vs[0]); err != nil {
				t.Fatal(err)
			}
			visitID := vs[0].ID
			aURL := addLogin(t, owner, "Coordinator A", Coordinator).URL
			bURL := addLogin(t, owner, "Coordinator B", Coordinator).URL
			syncOK(t, a, aURL)
			syncOK(t, b, bURL)

			if _, err := privacy.Forget(a, email); err != nil {
				t.Fatal(err)
			}
			bin, err := b.Institutions.Get(in.ID)
			if err != nil {
				t.Fatal(err)
			}
			bin.Contacts[0].Phone = "021-2222"
			if err := b.Institutions.Put(bin); err != nil {
				t.Fatal(err)
			}
			bv, err := b.Visits.Get(visitID)
			if err != nil {
				t.Fatal(err)
			}
			bv.Findings = "second look"
			if err := b.Visits.Put(bv); err != nil {
				t.Fatal(err)
			}
			order := []struct {
				s   *store.Store
				url string
			}{{a, aURL}, {b, bURL}}
			if bFirst {
				order[0], order[1] = order[1], order[0]
			}
			for range 3 {
				for _, m := range order {
					syncOK(t, m.s, m.url)
				}
			}
			if got := hubRowsHolding(t, owner, email, person); len(got) != 0 {
				t.Errorf("the hub holds the person:\n%s", strings.Join(got, "\n"))
			}
			for _, s := range []*store.Store{a, b} {
				label := map[*store.Store]string{a: "A", b: "B"}[s]
				if got := localHolding(t, s, email, person); len(got) != 0 {
					t.Errorf("%s's history or conflict list holds the person: %v", label, got)
				}
				in, _ := s.Institutions.Get(in.ID)
				v, _ := s.Visits.Get(visitID)
				if len(in.Contacts) != 1 || in.Contacts[0].Phone != "021-2222" {
					t.Errorf("%s's contacts: %+v, want 王老师 with B's phone 021-2222", label, in.Contacts)
				}
				if !slices.Equal(v.PeopleMet, []string{"王老师"}) || v.Findings != "second look" {
					t.Errorf("%s's visit: people met %q, findings %q", label, v.PeopleMet, v.Findings)
				}
			}
			for _, m := range order {
				rep := syncOK(t, m.s, m.url)
				if rep.Push.Sent != 0 || rep.Pull.Merge.Changed() != 0 {
					t.Errorf("a sync again sent %d and changed %d", rep.Push.Sent, rep.Pull.Merge.Changed())
				}
			}
		})
	}
}
