package hub

import (
	"testing"

	"tiscdesk/data/datatest"
	"tiscdesk/data/model"
	"tiscdesk/data/store"
)

// Two field officers register 同济大学, one with a trailing space, each
// with a visit; through the hub both machines end with one institution
// (the older id) holding both visits, as with bundles (DESIGN section 8).
func TestTheSameInstitutionFromTwoMachinesUnifiesThroughTheHub(t *testing.T) {
	url := newHub(t)
	a, b := datatest.OpenNamed(t, "a"), datatest.OpenNamed(t, "b")
	put := func(s *store.Store, name string) model.ID {
		in := &model.Institution{LocalName: name, Type: model.TypeUniversity, Province: "CN-SH", Stage: model.StageCandidate}
		if err := s.Institutions.Put(in); err != nil {
			t.Fatal(err)
		}
		if err := s.Visits.Put(&model.Visit{Institution: in.ID, Date: "2026-03-02", Kind: model.VisitAssessment, Findings: s.DeviceID()}); err != nil {
			t.Fatal(err)
		}
		return in.ID
	}
	older := put(a, "同济大学")
	newer := put(b, "同济大学 ")
	for range 2 {
		syncOK(t, a, url)
		syncOK(t, b, url)
	}
	for _, s := range []*store.Store{a, b} {
		ins, err := s.Institutions.List()
		if err != nil {
			t.Fatal(err)
		}
		if len(ins) != 1 || ins[0].ID != older {
			t.Fatalf("%s holds %d institutions, want only the older %s", s.Path(), len(ins), older)
		}
		vs, err := s.Visits.Where(func(v *model.Visit) bool { return v.Institution == older })
		if err != nil {
			t.Fatal(err)
		}
		if len(vs) != 2 {
			t.Errorf("%s: %d visits on the institution kept, want both", s.Path(), len(vs))
		}
		if _, err := s.Institutions.Get(newer); err == nil {
			t.Errorf("%s: the newer id is still live", s.Path())
		}
	}
	datatest.SameSnapshots(t, "b against a", records(t, a), records(t, b))
}
