package privacy

import (
	"slices"
	"strings"
	"testing"

	"tiscdesk/data/datatest"
	"tiscdesk/data/exchange"
	"tiscdesk/data/model"
	"tiscdesk/data/store"
)

const (
	markedEmail = "zhang.sanfeng@example.cn"
	markedName  = "张三丰"
)

// seedNamed writes an institution whose contacts, and a visit whose people
// met, name the person of a DL enrolment, beside someone who stays.
func seedNamed(t *testing.T, s *store.Store) (inst, visit model.ID) {
	t.Helper()
	err := s.Update(func(tx *store.Tx) error {
		ss := &model.Session{Code: "101C18S1", Start: "2018-03-01", End: "2018-06-30"}
		if err := s.Sessions.PutIn(tx, ss); err != nil {
			return err
		}
		if err := s.Enrolments.PutIn(tx, &model.Enrolment{Session: ss.ID, Name: markedName, Email: markedEmail, Status: model.StatusActive}); err != nil {
			return err
		}
		in := &model.Institution{LocalName: "测试大学", Type: model.TypeUniversity, Province: "CN-SH", Stage: model.StageCandidate,
			Contacts: []model.Contact{{Name: "王老师", Phone: "021-1111"}, {Name: markedName, Email: strings.ToUpper(markedEmail), Title: "librarian"}}}
		if err := s.Institutions.PutIn(tx, in); err != nil {
			return err
		}
		v := &model.Visit{Institution: in.ID, Date: "2018-05-02", Kind: model.VisitAssessment, Findings: "first visit",
			PeopleMet: []string{"王老师", markedName, "Zhang <" + markedEmail + ">"}}
		if err := s.Visits.PutIn(tx, v); err != nil {
			return err
		}
		inst, visit = in.ID, v.ID
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return inst, visit
}

// mergeReport merges the bundle at path into s and returns what it did.
func mergeReport(t *testing.T, s *store.Store, path string) *exchange.MergeReport {
	t.Helper()
	rep, err := exchange.MergeBundleFile(t.Context(), s, path, exchange.MergeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// The person forgotten on A is an institution's contact and among a
// visit's people met; B, which has not had the erasure yet, edits the
// institution (a phone number) and the visit (its findings) after the
// forget, so B's versions are the newer and hold the person. Whatever the
// order of the bundles, the person is on no machine afterwards (records,
// history, conflict list), B's edits are kept everywhere, and merging again
// changes nothing. C had the records before, and receives B's edit first,
// then A's erasure.
func TestAForgottenContactDoesNotComeBackWithANewerEdit(t *testing.T) {
	for _, bFirst := range []bool{true, false} {
		name := map[bool]string{true: "B's edit reaches A first", false: "A's erasure reaches B first"}[bFirst]
		t.Run(name, func(t *testing.T) {
			a, b, c := datatest.OpenNamed(t, "a"), datatest.OpenNamed(t, "b"), datatest.OpenNamed(t, "c")
			instID, visitID := seedNamed(t, a)
			syncAll(t, a, b)
			syncAll(t, b, a)
			syncAll(t, a, c)
			syncAll(t, c, a)
			plan, err := Forget(a, markedEmail)
			if err != nil {
				t.Fatal(err)
			}
			if plan.Contacts != 1 || plan.Visits != 1 {
				t.Fatalf("the forget: %+v, want one contact and one visit", plan)
			}
			in, err := b.Institutions.Get(instID)
			if err != nil {
				t.Fatal(err)
			}
			in.Contacts[0].Phone = "021-2222"
			if err := b.Institutions.Put(in); err != nil {
				t.Fatal(err)
			}
			v, err := b.Visits.Get(visitID)
			if err != nil {
				t.Fatal(err)
			}
			v.Findings = "second look"
			if err := b.Visits.Put(v); err != nil {
				t.Fatal(err)
			}
			ain, _ := a.Institutions.Get(instID)
			if bin, _ := b.Institutions.Get(instID); !bin.UpdatedAt.After(ain.UpdatedAt) {
				t.Fatalf("set-up: B's edit (%s) is not newer than A's forget (%s)", bin.UpdatedAt, ain.UpdatedAt)
			}
			fromB, _ := exportBundle(t, b, a.DeviceID())
			fromA, _ := exportBundle(t, a, b.DeviceID())
			if bFirst {
				mergeFile(t, a, fromB)
				back, _ := exportBundle(t, a, b.DeviceID())
				mergeFile(t, b, back)
			} else {
				mergeFile(t, b, fromA)
				back, _ := exportBundle(t, b, a.DeviceID())
				mergeFile(t, a, back)
			}
			// C: B's edit, then A's erasure as A made it.
			mergeFile(t, c, fromB)
			mergeFile(t, c, fromA)
			// One more round each way, so that every machine has had every
			// other's last word.
			for _, p := range [][2]*store.Store{{a, b}, {b, a}, {c, a}, {a, c}, {c, b}, {b, c}} {
				path, _ := exportBundle(t, p[0], p[1].DeviceID())
				mergeFile(t, p[1], path)
			}
			label := map[*store.Store]string{a: "A", b: "B", c: "C"}
			var marks []string
			for _, s := range []*store.Store{a, b, c} {
				if left := holders(t, s, markedEmail, strings.ToUpper(markedEmail), markedName); len(left) > 0 {
					t.Errorf("%s holds the person: %v", label[s], left)
				}
				in, _ := s.Institutions.Get(instID)
				v, _ := s.Visits.Get(visitID)
				if len(in.Contacts) != 1 || in.Contacts[0].Name != "王老师" || in.Contacts[0].Phone != "021-2222" {
					t.Errorf("%s's contacts: %+v, want 王老师 with B's phone 021-2222", label[s], in.Contacts)
				}
				if !slices.Equal(v.PeopleMet, []string{"王老师"}) || v.Findings != "second look" {
					t.Errorf("%s's visit: people met %q, findings %q; want 王老师 and B's findings", label[s], v.PeopleMet, v.Findings)
				}
				if len(in.Marks()) == 0 || len(v.Marks()) == 0 {
					t.Errorf("%s lost the marks: institution %v, visit %v", label[s], in.Marks(), v.Marks())
				}
				if marks == nil {
					marks = in.Marks()
				} else if !slices.Equal(marks, in.Marks()) {
					t.Errorf("%s's marks differ: %v, want %v", label[s], in.Marks(), marks)
				}
			}
			// Merging again, everything both ways, changes nothing.
			for _, p := range [][2]*store.Store{{a, b}, {b, a}, {a, c}, {c, a}, {b, c}, {c, b}} {
				path, _ := exportBundle(t, p[0], "")
				if rep := mergeReport(t, p[1], path); rep.Changed() != 0 || rep.Total().Conflicts != 0 {
					t.Errorf("%s merging %s's bundle again: %+v", label[p[1]], label[p[0]], rep.Total())
				}
			}
		})
	}
}
