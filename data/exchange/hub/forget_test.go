package hub

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"tiscdesk/data/datatest"
	"tiscdesk/data/model"
	"tiscdesk/data/privacy"
	"tiscdesk/data/store"

	"github.com/jackc/pgx/v5"
)

// hubRowsHolding scans every table of the hub as its owner and returns the
// rows (as "table: row") whose text holds any of words.
func hubRowsHolding(t testing.TB, owner string, words ...string) []string {
	t.Helper()
	ctx := context.Background()
	c := hubConn(t, owner)
	rows, err := c.Query(ctx, `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`)
	if err != nil {
		t.Fatal(err)
	}
	tables, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil || len(tables) < 8 {
		t.Fatalf("the hub's tables: %v (%v)", tables, err)
	}
	var found []string
	for _, table := range tables {
		rows, err := c.Query(ctx, fmt.Sprintf(`SELECT t::text FROM %s t`, pgx.Identifier{table}.Sanitize()))
		if err != nil {
			t.Fatal(err)
		}
		texts, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			t.Fatal(err)
		}
		for _, text := range texts {
			for _, w := range words {
				if strings.Contains(text, w) {
					found = append(found, table+": "+text)
				}
			}
		}
	}
	return found
}

// localHolding returns the keys of the history and conflict list of s
// whose versions hold any of words.
func localHolding(t testing.TB, s *store.Store, words ...string) []string {
	t.Helper()
	var found []string
	err := s.View(func(tx *store.Tx) error {
		for _, b := range []string{store.HistoryBucket, store.ConflictsBucket} {
			err := tx.Bucket(b).ForEach(func(k, v []byte) error {
				for _, w := range words {
					if bytes.Contains(v, []byte(w)) {
						found = append(found, fmt.Sprintf("%s %x", b, k))
					}
				}
				return nil
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return found
}

// A person forgotten on one machine is erased from the hub, every table of
// it read as its owner, and from the other machines' history and conflict
// lists, through syncs alone; the counts stay.
func TestForgettingAPersonPurgesTheHub(t *testing.T) {
	owner := newHub(t)
	a, b := datatest.OpenNamed(t, "a"), datatest.OpenNamed(t, "b")
	insts := seed(t, a, 5)
	const email, name = "p0@example.cn", "学员0"
	in, err := a.Institutions.Get(insts[0])
	if err != nil {
		t.Fatal(err)
	}
	in.Contacts = append(in.Contacts, model.Contact{Name: name, Email: email, Title: "librarian"})
	if err := a.Institutions.Put(in); err != nil {
		t.Fatal(err)
	}
	aURL := addLogin(t, owner, "Coordinator A", Coordinator).URL
	bURL := addLogin(t, owner, "Coordinator B", Coordinator).URL
	syncOK(t, a, aURL)
	syncOK(t, b, bURL)
	// Both edit the person's enrolment: A's version becomes a conflict,
	// on the hub and on both lists; B keeps its older version in history.
	es, err := a.Enrolments.Where(func(e *model.Enrolment) bool { return e.Email == email })
	if err != nil || len(es) != 1 {
		t.Fatalf("the enrolment of %s: %v (%v)", email, es, err)
	}
	for _, s := range []*store.Store{a, b} {
		e, err := s.Enrolments.Get(es[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		e.Organisation = "Library of " + s.DeviceID()
		if err := s.Enrolments.Put(e); err != nil {
			t.Fatal(err)
		}
	}
	syncOK(t, a, aURL)
	syncOK(t, b, bURL)
	syncOK(t, a, aURL)
	syncOK(t, b, bURL)
	if got := hubRowsHolding(t, owner, email, name); len(got) < 3 {
		t.Fatalf("before the forget the hub holds the person in %d rows, want the enrolment, the contact and a conflict:\n%s", len(got), strings.Join(got, "\n"))
	}
	if got := localHolding(t, b, email); len(got) < 2 {
		t.Fatalf("before the forget B's history and conflicts hold the person %d times, want at least 2", len(got))
	}
	before := count(t, b)

	if _, err := privacy.Forget(a, email); err != nil {
		t.Fatal(err)
	}
	rep := syncOK(t, a, aURL)
	if rep.Forget.Sent < 2 || rep.Forget.Purged < 1 {
		t.Errorf("A's sync after the forget: %+v, want its enrolment and contact's institution sent and the conflict purged", rep.Forget)
	}
	rep = syncOK(t, b, bURL)
	if rep.Forget.Erased < 2 {
		t.Errorf("B's sync after the forget: %+v", rep.Forget)
	}
	if got := hubRowsHolding(t, owner, email, name); len(got) != 0 {
		t.Errorf("after the forget the hub still holds the person:\n%s", strings.Join(got, "\n"))
	}
	for _, s := range []*store.Store{a, b} {
		if got := localHolding(t, s, email, name); len(got) != 0 {
			t.Errorf("%s's history or conflict list still holds the person: %v", s.DeviceLabel(), got)
		}
		e, err := s.Enrolments.Get(es[0].ID)
		if err != nil || !model.IsForgotten(e.Email) {
			t.Errorf("%s's enrolment after the forget: %q (%v)", s.DeviceLabel(), e.Email, err)
		}
	}
	if after := count(t, b); after != before {
		t.Errorf("B's counts changed with the forget: %+v to %+v", before, after)
	}
	// Syncing again sends and erases nothing.
	for _, s := range []struct {
		s   *store.Store
		url string
	}{{a, aURL}, {b, bURL}} {
		if rep := syncOK(t, s.s, s.url); rep.Forget != (ForgetReport{}) {
			t.Errorf("a sync again: %+v", rep.Forget)
		}
	}
}
