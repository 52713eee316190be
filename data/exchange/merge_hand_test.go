package exchange

import (
	"context"
	"errors"
	"math/rand/v2"
	"testing"
	"tiscdesk/data/datatest"
	"tiscdesk/data/model"
	"tiscdesk/data/store"
)

// twoTongjis writes two institutions of one thing under two names, each
// with a visit and a yearly return of 2020, and returns their ids.
func twoTongjis(t testing.TB, s *store.Store) (keep, drop model.ID) {
	t.Helper()
	err := s.Update(func(tx *store.Tx) error {
		a := &model.Institution{LocalName: "同济大学", EnglishName: "Tongji University", Type: model.TypeUniversity, Province: "CN-SH", Stage: model.StageCandidate}
		b := &model.Institution{LocalName: "同济大学图书馆", Type: model.TypeLibrary, Province: "CN-SH", Stage: model.StageVisited, City: "上海"}
		for _, in := range []*model.Institution{a, b} {
			if err := s.Institutions.PutIn(tx, in); err != nil {
				return err
			}
			if err := s.Visits.PutIn(tx, &model.Visit{Institution: in.ID, Date: "2020-05-06", Kind: model.VisitAssessment, Findings: in.LocalName}); err != nil {
				return err
			}
			if err := s.Statistics.PutIn(tx, &model.YearlyReturn{Institution: in.ID, Year: 2020, Inquiries: len(in.LocalName)}); err != nil {
				return err
			}
		}
		keep, drop = a.ID, b.ID
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return keep, drop
}

func visitsOf(t testing.TB, s *store.Store, id model.ID) int {
	t.Helper()
	vs, err := s.Visits.Where(func(v *model.Visit) bool { return v.Institution == id })
	if err != nil {
		t.Fatal(err)
	}
	return len(vs)
}

// A merge by hand and its undo, each carried to another machine by a
// bundle: both machines end the same, the records as chosen, then as
// they were.
func TestMergeByHandAndUndoTravel(t *testing.T) {
	a, b := datatest.OpenNamed(t, "a"), datatest.OpenNamed(t, "b")
	keep, drop := twoTongjis(t, a)
	syncAll(t, a, b)
	syncAll(t, b, a) // each seeds the catalogue: one set of courses on both
	before := liveState(t, a)

	fields, err := MergeFields(a, store.InstitutionsBucket, keep, drop)
	if err != nil {
		t.Fatal(err)
	}
	var city *FieldChoice
	for i := range fields {
		if fields[i].Field == "city" {
			city = &fields[i]
		}
	}
	if city == nil || city.Keep != "" || city.Drop != "上海" {
		t.Fatalf("the fields to choose from: %+v, want the city, empty in the first and 上海 in the second", fields)
	}
	hm, err := MergeByHand(context.Background(), a, store.InstitutionsBucket, keep, drop, []string{"city", "stage"})
	if err != nil {
		t.Fatal(err)
	}
	in, err := a.Institutions.Get(keep)
	if err != nil {
		t.Fatal(err)
	}
	if in.City != "上海" || in.Stage != model.StageVisited || in.LocalName != "同济大学" || in.EnglishName != "Tongji University" {
		t.Errorf("the merged record: %+v", in)
	}
	if _, err := a.Institutions.Get(drop); err == nil {
		t.Errorf("the second institution is still live")
	}
	if n := visitsOf(t, a, keep); n != 2 {
		t.Errorf("%d visits on the institution kept, want both", n)
	}
	if n, _ := a.Statistics.Count(); n != 1 {
		t.Errorf("%d yearly returns of 2020, want the two unified into one", n)
	}
	syncAll(t, a, b)
	for _, s := range []*store.Store{a, b} {
		checkReferences(t, s, storeName(s))
	}
	datatest.SameSnapshots(t, "after the merge, b against a", liveState(t, a), liveState(t, b))
	if n := visitsOf(t, b, keep); n != 2 {
		t.Errorf("b: %d visits on the institution kept, want both", n)
	}

	if err := UndoMerge(a, hm.ID); err != nil {
		t.Fatal(err)
	}
	if err := UndoMerge(a, hm.ID); !errors.Is(err, ErrUndone) {
		t.Errorf("a second undo: %v, want ErrUndone", err)
	}
	datatest.SameSnapshots(t, "after the undo, a against before the merge", before, liveState(t, a))
	syncAll(t, a, b)
	datatest.SameSnapshots(t, "after the undo, b against a", liveState(t, a), liveState(t, b))
	for _, s := range []*store.Store{a, b} {
		checkReferences(t, s, storeName(s))
		if visitsOf(t, s, keep) != 1 || visitsOf(t, s, drop) != 1 {
			t.Errorf("%s: visits %d and %d after the undo, want one each", storeName(s), visitsOf(t, s, keep), visitsOf(t, s, drop))
		}
		for _, id := range []model.ID{keep, drop} {
			if _, ok := aliasOf(t, s, id); ok {
				t.Errorf("%s: %s keeps an alias after the undo", storeName(s), id)
			}
		}
	}
	// And back: b's bundle changes nothing on a.
	snap := liveState(t, a)
	syncAll(t, b, a)
	datatest.SameSnapshots(t, "a after b's bundle", snap, liveState(t, a))
}

func aliasOf(t testing.TB, s *store.Store, id model.ID) (model.ID, bool) {
	t.Helper()
	var to model.ID
	ok := false
	if err := s.View(func(tx *store.Tx) error {
		if raw := tx.Bucket(store.AliasesBucket).Get(id[:]); raw != nil {
			copy(to[:], raw)
			ok = true
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return to, ok
}

func TestMergeByHandRefusesWhatCannotBeMerged(t *testing.T) {
	s := openTemp(t)
	keep, drop := twoTongjis(t, s)
	for _, c := range []struct {
		kind       string
		keep, drop model.ID
	}{
		{store.InstitutionsBucket, keep, keep},
		{store.VisitsBucket, keep, drop},
		{store.InstitutionsBucket, keep, model.NewID()},
	} {
		if _, err := MergeByHand(context.Background(), s, c.kind, c.keep, c.drop, nil); !errors.Is(err, ErrMergeKind) {
			t.Errorf("merge %s %s into %s: %v, want ErrMergeKind", c.kind, c.drop, c.keep, err)
		}
	}
}

// A merge by hand and its undo reaching a machine in two bundles: c merges
// the bundle made after the merge only once a was undone, then the undo
// in a later bundle, straight from a or through b. c must end as a: both
// records live as before the merge, each visit on its own institution,
// no alias; and merging again changes nothing, on c or on a.
func TestMergeByHandThenItsUndoInALaterBundle(t *testing.T) {
	for _, via := range []string{"from a", "through b"} {
		t.Run(via, func(t *testing.T) {
			a, b, c := datatest.OpenNamed(t, "a"), datatest.OpenNamed(t, "b"), datatest.OpenNamed(t, "c")
			keep, drop := twoTongjis(t, a)
			// Each seeds the catalogue: everyone gives everyone everything
			// first, so that all three hold one set of courses.
			settle(t, []*store.Store{a, b, c}, rand.New(rand.NewPCG(1, 2)))
			before := liveState(t, a)

			hm, err := MergeByHand(context.Background(), a, store.InstitutionsBucket, keep, drop, []string{"city"})
			if err != nil {
				t.Fatal(err)
			}
			merged, _ := exportBundle(t, a, "")
			if err := UndoMerge(a, hm.ID); err != nil {
				t.Fatal(err)
			}
			datatest.SameSnapshots(t, "a after the undo against before the merge", before, liveState(t, a))
			undone, _ := exportBundle(t, a, "")
			if via == "through b" {
				mergeFile(t, b, undone)
				undone, _ = exportBundle(t, b, "")
			}

			mergeFile(t, c, merged) // after the undo on a: c's clock is later
			if n := visitsOf(t, c, keep); n != 2 {
				t.Fatalf("c after the merge: %d visits on the institution kept, want both", n)
			}
			mergeFile(t, c, undone)
			datatest.SameSnapshots(t, "c after the undo against a", liveState(t, a), liveState(t, c))
			for _, s := range []*store.Store{a, c} {
				checkReferences(t, s, storeName(s))
				if visitsOf(t, s, keep) != 1 || visitsOf(t, s, drop) != 1 {
					t.Errorf("%s: visits %d and %d after the undo, want one each", storeName(s), visitsOf(t, s, keep), visitsOf(t, s, drop))
				}
				for _, id := range []model.ID{keep, drop} {
					if _, ok := aliasOf(t, s, id); ok {
						t.Errorf("%s: %s keeps an alias after the undo", storeName(s), id)
					}
				}
			}
			// Merging again changes nothing, either way.
			for _, pair := range [][2]*store.Store{{a, c}, {c, a}, {a, c}} {
				snap := recordSnapshot(t, pair[1])
				if rep := syncAll(t, pair[0], pair[1]); rep.Changed() != 0 {
					t.Errorf("merging %s into %s again changed %d records: %+v", storeName(pair[0]), storeName(pair[1]), rep.Changed(), rep.Total())
				}
				datatest.SameSnapshots(t, "merging again into "+storeName(pair[1]), snap, recordSnapshot(t, pair[1]))
			}
			datatest.SameSnapshots(t, "a at the end against before the merge", before, liveState(t, a))
		})
	}
}
