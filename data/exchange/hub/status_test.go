package hub

import (
	"context"
	"testing"

	"tiscdesk/data/datatest"
	"tiscdesk/data/store"
)

// Two machines edit the same institution; the newer edit is pushed first,
// so the older one, pushed second, is set aside on the hub. Both machines'
// status counts it; the machine whose version lost lists it too.
func TestStatusCountsTheConflicts(t *testing.T) {
	ctx := context.Background()
	url := newHub(t)
	a, b := datatest.OpenNamed(t, "a"), datatest.OpenNamed(t, "b")
	ids := seed(t, a, 3)
	syncOK(t, a, url)
	syncOK(t, b, url)
	note := func(s *store.Store, text string) {
		t.Helper()
		err := s.Update(func(tx *store.Tx) error {
			in, err := s.Institutions.GetIn(tx, ids[0])
			if err != nil {
				return err
			}
			in.Notes = text
			return s.Institutions.PutIn(tx, in)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	note(b, "older, from b")
	note(a, "newer, from a")
	syncOK(t, a, url)
	syncOK(t, b, url)
	status := func(s *store.Store) Status {
		t.Helper()
		h, err := Open(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		defer h.Close()
		st, err := h.Status(ctx, s)
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	sa, sb := status(a), status(b)
	if sa.HubConflicts != 1 || sb.HubConflicts != 1 {
		t.Errorf("the hub's conflicts as a and b see them: %d and %d, want 1", sa.HubConflicts, sb.HubConflicts)
	}
	if sb.Conflicts != 1 {
		t.Errorf("b, whose edit lost, lists %d conflicts, want 1", sb.Conflicts)
	}
	in, err := b.Institutions.Get(ids[0])
	if err != nil || in.Notes != "newer, from a" {
		t.Errorf("b holds %q after the sync, want a's newer edit (%v)", in.Notes, err)
	}
}
