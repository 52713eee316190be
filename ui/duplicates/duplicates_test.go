package duplicates

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"tiscdesk/data"
	"tiscdesk/ui/kit"
	"tiscdesk/ui/kit/kittest"
)

// plantLibrary adds 同济大学图书馆 beside the sample's 同济大学, in Shanghai,
// with a visit of its own, and returns the two institutions.
func plantLibrary(t *testing.T, s *data.Store) (tongji, library *data.Institution) {
	t.Helper()
	list, err := s.Institutions.Where(func(in *data.Institution) bool { return in.LocalName == "同济大学" })
	if err != nil || len(list) != 1 {
		t.Fatalf("the sample's 同济大学: %v, %v", list, err)
	}
	tongji = list[0]
	library = &data.Institution{LocalName: "同济大学图书馆", Type: data.TypeLibrary, Province: tongji.Province, Stage: data.StageCandidate, City: "上海市杨浦区"}
	if err := s.Institutions.Put(library); err != nil {
		t.Fatal(err)
	}
	if err := s.Visits.Put(&data.Visit{Institution: library.ID, Date: "2026-05-06", Kind: data.VisitAssessment, Findings: "library visit"}); err != nil {
		t.Fatal(err)
	}
	return tongji, library
}

func visitsOf(t *testing.T, s *data.Store, id data.ID) int {
	t.Helper()
	vs, err := s.Visits.Where(func(v *data.Visit) bool { return v.Institution == id })
	if err != nil {
		t.Fatal(err)
	}
	return len(vs)
}

// A person merges two institutions in the Duplicates view, taking the
// city of the second: the visits of both end on the survivor; Undo puts
// everything back.
func TestMergeTwoInstitutionsInTheView(t *testing.T) {
	store := kittest.SampleStore(t)
	tongji, library := plantLibrary(t, store)
	tongjiVisits := visitsOf(t, store, tongji.ID)
	h, s := kittest.Open(t, store, kit.LangEnglish, func(h kit.Host) *Screen { return New(h) })
	if len(s.groups) != 1 || s.groups[0].Reason != data.NameInside || !kittest.HasText(t, s, "Institutions · one name inside the other") {
		t.Fatalf("the view lists %+v", s.groups)
	}
	s.list.Select(0)
	f := s.compare
	if f == nil {
		t.Fatal("choosing the group opened no form")
	}
	if f.keep.ID != tongji.ID || f.drop.ID != library.ID {
		t.Fatalf("the form merges %s into %s", f.drop.Name, f.keep.Name)
	}
	if f.choices["city"] == nil || f.choices["local_name"] == nil {
		t.Fatalf("no choice for the city or the name: %v", f.choices)
	}
	f.choose("city", 1)
	if !kittest.HasText(t, h.Window().Canvas().Overlays().Top(), "同济大学图书馆") {
		t.Errorf("the form on show does not name the second record")
	}
	test.Tap(kittest.FindButton(t, h.Window().Canvas().Overlays().Top(), "Merge"))
	kittest.Settle(t)
	if s.compare != nil || !s.undoBar.Visible() {
		t.Fatalf("after Merge: the form is still open (%v) or no undo bar; problem %q", s.compare != nil, f.problem.Text)
	}
	kept, err := store.Institutions.Get(tongji.ID)
	if err != nil || kept.City != "上海市杨浦区" || kept.LocalName != "同济大学" {
		t.Fatalf("the institution kept: %+v, %v", kept, err)
	}
	if _, err := store.Institutions.Get(library.ID); err == nil {
		t.Errorf("the library is still in the register")
	}
	if n := visitsOf(t, store, tongji.ID); n != tongjiVisits+1 {
		t.Errorf("%d visits on 同济大学, want its %d and the library's", n, tongjiVisits)
	}
	if len(s.groups) != 0 {
		t.Errorf("after the merge the view still lists %+v", s.groups)
	}

	test.Tap(s.undo)
	kittest.Settle(t)
	back, err := store.Institutions.Get(library.ID)
	if err != nil || back.City != "上海市杨浦区" || visitsOf(t, store, library.ID) != 1 || visitsOf(t, store, tongji.ID) != tongjiVisits {
		t.Errorf("after Undo: the library %+v (%v), visits %d and %d", back, err, visitsOf(t, store, tongji.ID), visitsOf(t, store, library.ID))
	}
	if kept, _ := store.Institutions.Get(tongji.ID); kept.City != tongji.City {
		t.Errorf("after Undo 同济大学's city is %q, want %q", kept.City, tongji.City)
	}
	if len(s.groups) != 1 {
		t.Errorf("after Undo the view lists %d groups, want the pair again", len(s.groups))
	}
}

// "Not the same" takes the group off the list, and the Overview's count.
func TestNotTheSameTakesTheGroupOff(t *testing.T) {
	store := kittest.SampleStore(t)
	plantLibrary(t, store)
	h, s := kittest.Open(t, store, kit.LangEnglish, func(h kit.Host) *Screen { return New(h) })
	s.list.Select(0)
	if s.compare == nil {
		t.Fatal("choosing the group opened no form")
	}
	test.Tap(kittest.FindButton(t, h.Window().Canvas().Overlays().Top(), "Not the same: stop listing them"))
	kittest.Settle(t)
	if len(s.groups) != 0 || s.compare != nil {
		t.Fatalf("after Not the same: %d groups listed, form open %v", len(s.groups), s.compare != nil)
	}
	if n, _ := store.Institutions.Count(); n == 0 {
		t.Fatal("the register is empty")
	}
	groups, err := data.FindDuplicates(store.Store)
	if err != nil || len(groups) != 0 {
		t.Errorf("the store still lists %v (%v)", groups, err)
	}
}
