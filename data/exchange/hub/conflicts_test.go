package hub

import (
	"context"
	"slices"
	"strings"
	"testing"
	"tiscdesk/data/datatest"
	"tiscdesk/data/exchange"
	"tiscdesk/data/model"
	"tiscdesk/data/store"
)

// conflictKeys is the conflict list of s, by key.
func conflictKeys(t testing.TB, s *store.Store) []string {
	t.Helper()
	cs, err := exchange.Conflicts(s)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, c := range cs {
		out = append(out, c.Kind+" "+c.Record.String()+" "+c.Key)
	}
	slices.Sort(out)
	return out
}

// The conflicts one machine's merge sets aside reach the rest of the team
// through the hub (a field login those of its provinces only, never a
// person's), and one dismissed or restored on any machine leaves every
// list.
func TestConflictListIsSharedThroughTheHub(t *testing.T) {
	owner := newHub(t)
	ctx := context.Background()
	a := datatest.OpenNamed(t, "a")
	insts := seed(t, a, 5) // BJ, SH, SC, GD, SN
	aURL := addLogin(t, owner, "Coordinator A", Coordinator).URL
	bURL := addLogin(t, owner, "Coordinator B", Coordinator).URL
	hqURL := addLogin(t, owner, "Headquarters", Headquarters).URL
	fieldURL := addLogin(t, owner, "Field Shanghai", Field, "CN-SH").URL
	b, hq, field := datatest.OpenNamed(t, "b"), datatest.OpenNamed(t, "hq"), datatest.OpenNamed(t, "field")
	machines := []struct {
		name string
		s    *store.Store
		url  string
	}{{"A", a, aURL}, {"B", b, bURL}, {"headquarters", hq, hqURL}, {"field", field, fieldURL}}
	syncAll := func() {
		for _, m := range machines {
			syncOK(t, m.s, m.url)
		}
	}
	syncAll()

	// A and B edit the same Beijing and Shanghai institutions and the same
	// enrolment; B's edits are the newer.
	es, err := a.Enrolments.List()
	if err != nil || len(es) == 0 {
		t.Fatal(err)
	}
	for _, s := range []*store.Store{a, b} {
		for _, id := range insts[:2] {
			in, err := s.Institutions.Get(id)
			if err != nil {
				t.Fatal(err)
			}
			in.Notes = "edited on " + s.DeviceID()
			if err := s.Institutions.Put(in); err != nil {
				t.Fatal(err)
			}
		}
		e, err := s.Enrolments.Get(es[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		e.Organisation = "edited on " + s.DeviceID()
		if err := s.Enrolments.Put(e); err != nil {
			t.Fatal(err)
		}
	}
	syncOK(t, a, aURL)
	syncOK(t, b, bURL)
	rep := syncOK(t, a, aURL) // A learns of B's edits: its own lose
	if rep.Conflicts.Sent != 3 {
		t.Errorf("A found 3 conflicts and gave the hub %d", rep.Conflicts.Sent)
	}
	found := conflictKeys(t, a)
	if len(found) != 3 {
		t.Fatalf("A's conflict list: %v, want its 3 edits set aside", found)
	}
	syncAll()
	for _, m := range machines[1:3] {
		if got := conflictKeys(t, m.s); !slices.Equal(got, found) {
			t.Errorf("%s's conflict list:\n%v\nwant A's:\n%v", m.name, got, found)
		}
	}
	fc := conflictKeys(t, field)
	if len(fc) != 1 || !slices.Contains(found, fc[0]) || !strings.Contains(fc[0], insts[1].String()) {
		t.Errorf("the Shanghai field machine's conflict list: %v, want the Shanghai institution's only", fc)
	}
	var n int
	if err := hubConn(t, fieldURL).QueryRow(ctx, `SELECT count(*) FROM conflicts WHERE kind <> 'institutions' OR province <> 'CN-SH'`).Scan(&n); err != nil || n != 0 {
		t.Errorf("the field login reads %d conflicts outside its scope (%v)", n, err)
	}

	// B dismisses the Beijing one and restores A's version of Shanghai's.
	byRecord := func(s *store.Store, id model.ID) string {
		cs, err := exchange.Conflicts(s)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cs {
			if c.Record == id {
				return c.Key
			}
		}
		t.Fatalf("no conflict of %s on %s", id, s.DeviceLabel())
		return ""
	}
	if err := exchange.DismissConflict(b, byRecord(b, insts[0])); err != nil {
		t.Fatal(err)
	}
	if err := exchange.RestoreConflict(b, byRecord(b, insts[1])); err != nil {
		t.Fatal(err)
	}
	if rep := syncOK(t, b, bURL); rep.Conflicts.Resolved != 2 {
		t.Errorf("B gave the hub %d resolutions, want 2", rep.Conflicts.Resolved)
	}
	syncAll()
	left := conflictKeys(t, b)
	if len(left) != 1 {
		t.Fatalf("B's list after resolving two: %v", left)
	}
	for _, m := range machines[:3] {
		if got := conflictKeys(t, m.s); !slices.Equal(got, left) {
			t.Errorf("%s's conflict list after B resolved two: %v, want %v", m.name, got, left)
		}
	}
	if got := conflictKeys(t, field); len(got) != 0 {
		t.Errorf("the field machine still lists %v", got)
	}
	// The restored version travelled as an edit.
	for _, m := range machines {
		in, err := m.s.Institutions.Get(insts[1])
		if err != nil || in.Notes != "edited on "+a.DeviceID() {
			t.Errorf("%s's Shanghai institution after B restored A's version: %q (%v)", m.name, in.Notes, err)
		}
	}
	// Nothing comes back at the next round.
	for _, m := range machines {
		if rep := syncOK(t, m.s, m.url); rep.Conflicts != (ConflictReport{}) {
			t.Errorf("%s synced again: %+v", m.name, rep.Conflicts)
		}
	}
	if n := hubCount(t, owner, `SELECT count(*) FROM conflicts WHERE resolved_at IS NOT NULL AND value::text <> '{}'`); n != 0 {
		t.Errorf("%d resolved conflicts on the hub keep their version", n)
	}
}
