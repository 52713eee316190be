package exchange

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"tiscdesk/data/datatest"
	"tiscdesk/data/model"
	"tiscdesk/data/store"
)

func conflictsOf(t *testing.T, s *store.Store) []Conflict {
	t.Helper()
	list, err := Conflicts(s)
	if err != nil {
		t.Fatal(err)
	}
	return list
}

// A visit logged on one machine for an institution deleted on the other is
// not lost: both machines keep it in the conflict list, neither shows it,
// and restoring it is refused while its institution is gone.
func TestAVisitToAnInstitutionDeletedElsewhereIsKeptAside(t *testing.T) {
	a, b := datatest.OpenNamed(t, "a"), datatest.OpenNamed(t, "b")
	fx := seedBase(t, a, 3)
	syncAll(t, a, b)
	syncAll(t, b, a)
	x := fx.insts[0]
	if err := a.Institutions.Delete(x); err != nil {
		t.Fatal(err)
	}
	v := &model.Visit{Institution: x, Date: "2019-04-01", Kind: model.VisitFollowUp, Findings: "logged offline in the field"}
	if err := b.Visits.Put(v); err != nil {
		t.Fatal(err)
	}
	pb, _ := exportBundle(t, b, a.DeviceID())
	pa, _ := exportBundle(t, a, b.DeviceID())
	ra, rb := mergeFile(t, a, pb), mergeFile(t, b, pa)
	if ra.Total().Conflicts != 1 || rb.Total().Conflicts != 1 {
		t.Errorf("conflicts: a %+v, b %+v", ra.Total(), rb.Total())
	}
	for _, s := range []*store.Store{a, b} {
		if _, err := s.Visits.Get(v.ID); err == nil {
			t.Errorf("%s shows the visit of a deleted institution", storeName(s))
		}
		list := conflictsOf(t, s)
		if len(list) != 1 || list[0].Record != v.ID || list[0].Reason != ConflictOrphan || list[0].Kind != "visits" {
			t.Fatalf("%s's conflict list: %+v", storeName(s), list)
		}
		if !strings.Contains(list[0].Title, "2019-04-01") {
			t.Errorf("%s names the visit %q", storeName(s), list[0].Title)
		}
		err := RestoreConflict(s, list[0].Key)
		var ve *model.ValidationError
		if !errors.As(err, &ve) || ve.Message("institution") == "" {
			t.Errorf("%s restores a visit of a deleted institution: %v", storeName(s), err)
		}
		if len(conflictsOf(t, s)) != 1 {
			t.Errorf("%s: a refused restore took the conflict off the list", storeName(s))
		}
	}
	syncAll(t, b, a)
	datatest.SameSnapshots(t, "a against b", recordSnapshot(t, a), recordSnapshot(t, b))
	for _, s := range []*store.Store{a, b} {
		if p, err := s.Check(); err != nil || len(p) > 0 {
			t.Errorf("%s: check %v %v", storeName(s), p, err)
		}
	}
}

// The same session entered on two machines, with some of the same people:
// after they exchange both hold one session, each person enrolled once,
// the same records; where the two entries said different things the one
// set aside is in the conflict list.
func TestTheSameSessionEnteredTwiceIsMergedIntoOne(t *testing.T) {
	a, b := datatest.OpenNamed(t, "a"), datatest.OpenNamed(t, "b")
	addSession(t, a, "101C18S1", "p1@example.cn", "p2@example.cn", "p3@example.cn")
	addSession(t, b, "101C18S1", "p2@example.cn", "P3@example.cn", "p4@example.cn")
	syncAll(t, b, a)
	syncAll(t, a, b)
	for _, s := range []*store.Store{a, b} {
		sessions, _ := s.Sessions.List()
		if len(sessions) != 1 {
			t.Fatalf("%s holds %d sessions", storeName(s), len(sessions))
		}
		var emails []string
		enrolments, _ := s.Enrolments.List()
		for _, e := range enrolments {
			if e.Session != sessions[0].ID {
				t.Errorf("%s: %s is enrolled in another session", storeName(s), e.Email)
			}
			emails = append(emails, model.NormEmail(e.Email))
		}
		slices.Sort(emails)
		if !slices.Equal(emails, []string{"p1@example.cn", "p2@example.cn", "p3@example.cn", "p4@example.cn"}) {
			t.Errorf("%s enrols %v", storeName(s), emails)
		}
		courses, _ := s.Courses.List()
		if len(courses) != len(model.BuiltinCatalogue()) {
			t.Errorf("%s holds %d courses", storeName(s), len(courses))
		}
		if p, err := s.Check(); err != nil || len(p) > 0 {
			t.Errorf("%s: check %v %v", storeName(s), p, err)
		}
	}
	// The two entries of p3 differ (the case of the address): b, whose
	// entry was set aside, lists it.
	list := conflictsOf(t, b)
	if len(list) != 1 || list[0].Reason != ConflictDuplicate || !strings.Contains(string(list[0].Lost), "P3@example.cn") {
		t.Fatalf("b's conflict list: %+v", list)
	}
	// One more round and the two databases hold the same records.
	syncAll(t, b, a)
	syncAll(t, a, b)
	datatest.SameSnapshots(t, "a against b", recordSnapshot(t, a), recordSnapshot(t, b))
	// Restoring b's entry puts its address on the enrolment kept.
	if err := RestoreConflict(b, list[0].Key); err != nil {
		t.Fatal(err)
	}
	e, err := b.Enrolments.Get(list[0].Record)
	if err != nil || e.Email != "P3@example.cn" || e.Device != b.DeviceID() {
		t.Errorf("after the restore the enrolment kept is %+v, %v", e, err)
	}
}

// Review, restore and dismiss.
func TestReviewRestoreAndDismissConflicts(t *testing.T) {
	a, b := datatest.OpenNamed(t, "a"), datatest.OpenNamed(t, "b")
	fx := seedBase(t, a, 3)
	syncAll(t, a, b)
	syncAll(t, b, a)
	editInstitution(t, a, fx.insts[0], "a's notes")
	editInstitution(t, b, fx.insts[0], "b's notes") // newer
	editInstitution(t, a, fx.insts[1], "a's other notes")
	editInstitution(t, b, fx.insts[1], "b's other notes")
	if err := a.Institutions.Delete(fx.insts[2]); err != nil {
		t.Fatal(err)
	}
	editInstitution(t, b, fx.insts[2], "b kept it") // newer than the deletion
	pb, _ := exportBundle(t, b, a.DeviceID())
	mergeFile(t, a, pb)
	list := conflictsOf(t, a)
	if len(list) != 3 {
		t.Fatalf("a's conflict list: %+v", list)
	}
	byRecord := map[model.ID]Conflict{}
	for _, c := range list {
		byRecord[c.Record] = c
		if c.Peer != b.DeviceID() || c.Kept.Device != b.DeviceID() {
			t.Errorf("conflict %s: peer %s, kept %+v", c.Title, c.Peer, c.Kept)
		}
	}

	c := byRecord[fx.insts[0]]
	r, err := ReviewConflict(a, c.Key)
	if err != nil {
		t.Fatal(err)
	}
	if r.Title != "测试大学0 · Test University 0" || r.LostDeleted() || r.CurrentDeleted() {
		t.Errorf("review: title %q, lost deleted %v, current deleted %v", r.Title, r.LostDeleted(), r.CurrentDeleted())
	}
	var differs []string
	for _, f := range r.Fields {
		if f.Differs {
			differs = append(differs, f.Field+": "+f.Lost+" → "+f.Current)
		}
	}
	if !slices.Equal(differs, []string{"notes: a's notes → b's notes"}) {
		t.Errorf("review shows the differences %q", differs)
	}
	if err := RestoreConflict(a, c.Key); err != nil {
		t.Fatal(err)
	}
	if got, _ := institutionNotes(t, a, fx.insts[0]); got != "a's notes" {
		t.Errorf("after the restore the notes are %q", got)
	}
	// The restore is a change of a's: it reaches b, as the newest version.
	pa, _ := exportBundle(t, a, b.DeviceID())
	mergeFile(t, b, pa)
	if got, _ := institutionNotes(t, b, fx.insts[0]); got != "a's notes" {
		t.Errorf("b did not get the restored version: %q", got)
	}

	if err := DismissConflict(a, byRecord[fx.insts[1]].Key); err != nil {
		t.Fatal(err)
	}
	if got, _ := institutionNotes(t, a, fx.insts[1]); got != "b's other notes" {
		t.Errorf("dismissing changed the record: %q", got)
	}

	// The deletion set aside: restoring it deletes the institution again,
	// with its visit.
	d := byRecord[fx.insts[2]]
	if r, _ := ReviewConflict(a, d.Key); !r.LostDeleted() || r.CurrentDeleted() {
		t.Errorf("the deletion's review: lost deleted %v, current deleted %v", r.LostDeleted(), r.CurrentDeleted())
	}
	if err := RestoreConflict(a, d.Key); err != nil {
		t.Fatal(err)
	}
	if _, ok := institutionNotes(t, a, fx.insts[2]); ok {
		t.Error("restoring the deletion left the institution")
	}
	if _, err := a.Visits.Get(fx.visits[2]); err == nil {
		t.Error("restoring the deletion left the institution's visit")
	}
	if n, _ := ConflictCount(a); n != 0 {
		t.Errorf("%d conflicts left", n)
	}
	if err := DismissConflict(a, d.Key); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("dismissing a conflict twice: %v", err)
	}
}

// A database of schema 1 opens with the exchange's buckets and exchanges.
func TestSchema1DatabaseExchangesAfterMigration(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v1.db")
	fixture, err := os.ReadFile("../store/testdata/schema1.db") // written by schema 1's TISC Desk
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, fixture, 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if n, err := ConflictCount(s); n != 0 || err != nil {
		t.Fatalf("conflicts %d, %v", n, err)
	}
	b := datatest.OpenNamed(t, "b")
	rep := syncAll(t, s, b)
	if c, _ := b.Counts(); c.Institutions != 1 || rep.Total().Added != 1+len(model.BuiltinCatalogue()) {
		t.Errorf("b counts %+v after the merge; report %+v", c, rep.Total())
	}
}
