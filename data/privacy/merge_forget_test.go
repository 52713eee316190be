package privacy

import (
	"context"
	"fmt"
	"maps"
	"path/filepath"
	"testing"

	"tiscdesk/data/datatest"
	"tiscdesk/data/exchange"
	"tiscdesk/data/model"
	"tiscdesk/data/store"
)

// This test lives here, not in exchange, because privacy imports exchange.

// seedTwo writes a session with two participants to s.
func seedTwo(t *testing.T, s *store.Store) (b struct{ enrols []model.ID }) {
	t.Helper()
	err := s.Update(func(tx *store.Tx) error {
		ss := &model.Session{Code: "101C18S1", Start: "2018-03-01", End: "2018-06-30"}
		if err := s.Sessions.PutIn(tx, ss); err != nil {
			return err
		}
		for i := range 2 {
			e := &model.Enrolment{Session: ss.ID, Name: fmt.Sprintf("学员%d", i), Email: fmt.Sprintf("p%d@example.cn", i), Status: model.StatusActive}
			if err := s.Enrolments.PutIn(tx, e); err != nil {
				return err
			}
			b.enrols = append(b.enrols, e.ID)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// exportBundle exports what device forDevice has not seen ("" everything).
func exportBundle(t *testing.T, s *store.Store, forDevice string) (string, exchange.Manifest) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "b.tiscx")
	m, err := exchange.SaveBundle(s, path, false, exchange.ExportOptions{For: forDevice})
	if err != nil {
		t.Fatal(err)
	}
	return path, m
}

func mergeFile(t *testing.T, s *store.Store, path string) {
	t.Helper()
	if _, err := exchange.MergeBundleFile(context.Background(), s, path, exchange.MergeOptions{}); err != nil {
		t.Fatalf("merge %s: %v", filepath.Base(path), err)
	}
}

func syncAll(t *testing.T, a, b *store.Store) {
	t.Helper()
	path, _ := exportBundle(t, a, "")
	mergeFile(t, b, path)
}

// A person forgotten on one machine while another still edits their
// enrolment: whichever edit is the later, after the two machines exchange
// bundles both ways neither holds the person (records, history, conflict
// list), both agree on the enrolment, and the other machine's edit of what
// forget keeps (the status) is not lost.
func TestForgetMeetsAnEditMadeElsewhere(t *testing.T) {
	for _, editFirst := range []bool{true, false} {
		name := map[bool]string{true: "edited before the forget", false: "edited after the forget"}[editFirst]
		t.Run(name, func(t *testing.T) {
			coord, field := datatest.OpenNamed(t, "coord"), datatest.OpenNamed(t, "field")
			base := seedTwo(t, coord)
			syncAll(t, coord, field)
			e, err := coord.Enrolments.Get(base.enrols[0])
			if err != nil {
				t.Fatal(err)
			}
			email, person := e.Email, e.Name
			edit := func() {
				fe, err := field.Enrolments.Get(e.ID)
				if err != nil {
					t.Fatal(err)
				}
				fe.Status, fe.Organisation = model.StatusCompleted, "Org of "+person
				if err := field.Enrolments.Put(fe); err != nil {
					t.Fatal(err)
				}
			}
			forget := func() {
				if _, err := Forget(coord, email); err != nil {
					t.Fatal(err)
				}
			}
			if editFirst {
				edit()
				forget()
			} else {
				forget()
				edit()
			}
			fromField, _ := exportBundle(t, field, coord.DeviceID())
			mergeFile(t, coord, fromField)
			if left := holders(t, coord, email, person); len(left) > 0 {
				t.Errorf("the coordinator holds the person after merging the field's edit: %v", left)
			}
			fromCoord, _ := exportBundle(t, coord, field.DeviceID())
			mergeFile(t, field, fromCoord)
			if left := holders(t, field, email, person); len(left) > 0 {
				t.Errorf("the field machine holds the person after merging the erasure: %v", left)
			}
			// One more round: the two agree.
			back, _ := exportBundle(t, field, coord.DeviceID())
			mergeFile(t, coord, back)
			if left := holders(t, coord, email, person); len(left) > 0 {
				t.Errorf("the coordinator holds the person after the second round: %v", left)
			}
			c, _ := coord.Enrolments.Get(e.ID)
			f, _ := field.Enrolments.Get(e.ID)
			if !model.IsForgotten(c.Email) || c.Email != f.Email || c.Name != c.Email || c.Organisation != "" || f.Organisation != "" {
				t.Errorf("coordinator %+v, field %+v", c, f)
			}
			if !editFirst && (c.Status != model.StatusCompleted || f.Status != model.StatusCompleted) {
				t.Errorf("the field's later status is lost: coordinator %s, field %s", c.Status, f.Status)
			}
		})
	}
}

// The same person forgotten on two machines before they exchanged, then
// one of their records edited on one machine: after bundles both ways every
// record of theirs carries one identity, the same on both machines, so the
// person counts once, and the edit is kept.
func TestAPersonForgottenOnTwoMachinesCountsOnce(t *testing.T) {
	a, b := datatest.OpenNamed(t, "a"), datatest.OpenNamed(t, "b")
	base := seedTwo(t, a)
	e, _ := a.Enrolments.Get(base.enrols[0])
	// The person took a second course.
	ss := &model.Session{Code: "102C19S1", Start: "2019-03-01", End: "2019-06-30"}
	if err := a.Sessions.Put(ss); err != nil {
		t.Fatal(err)
	}
	if err := a.Enrolments.Put(&model.Enrolment{Session: ss.ID, Name: e.Name, Email: e.Email, Status: model.StatusActive}); err != nil {
		t.Fatal(err)
	}
	syncAll(t, a, b)
	for _, s := range []*store.Store{a, b} {
		if _, err := Forget(s, e.Email); err != nil {
			t.Fatal(err)
		}
	}
	identities := func(s *store.Store) map[string]int {
		out := map[string]int{}
		list, _ := s.Enrolments.List()
		for _, x := range list {
			if model.IsForgotten(x.Email) {
				out[x.Email]++
			}
		}
		return out
	}
	if ia, ib := identities(a), identities(b); len(ia) != 1 || len(ib) != 1 || maps.Equal(ia, ib) {
		t.Fatalf("set-up: a %v, b %v", ia, ib)
	}
	// a edits one of the two enrolments after both forgets: by time alone
	// that one would keep a's identity and the other take b's.
	ae, _ := a.Enrolments.Get(e.ID)
	ae.Status = model.StatusCompleted
	if err := a.Enrolments.Put(ae); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		toA, _ := exportBundle(t, b, a.DeviceID())
		mergeFile(t, a, toA)
		toB, _ := exportBundle(t, a, b.DeviceID())
		mergeFile(t, b, toB)
	}
	ia, ib := identities(a), identities(b)
	if len(ia) != 1 || !maps.Equal(ia, ib) {
		t.Errorf("the person's enrolments carry %v on a and %v on b: want one identity, the same", ia, ib)
	}
	for id, n := range ia {
		if n != 2 {
			t.Errorf("%s on %d enrolments, want 2", id, n)
		}
	}
	if left := holders(t, a, e.Email, e.Name); len(left) > 0 {
		t.Errorf("a holds the person: %v", left)
	}
	if got, _ := b.Enrolments.Get(e.ID); got.Status != model.StatusCompleted {
		t.Errorf("a's edit is lost on b: %s", got.Status)
	}
}
