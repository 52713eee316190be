package query

import (
	"testing"

	"tiscdesk/data/model"
)

func TestOperationsDue(t *testing.T) {
	s := openTemp(t)
	const today = model.Date("2026-06-01")
	put := func(name string, stage model.Stage, operational, expires model.Date) *model.Institution {
		in := &model.Institution{LocalName: name, Type: model.TypeLibrary, Province: "CN-SH", Stage: stage,
			History: []model.StageChange{{Stage: stage, Date: operational}}, AgreementExpires: expires}
		if err := s.Institutions.Put(in); err != nil {
			t.Fatal(err)
		}
		return in
	}
	overdue := put("A", model.StageOperational, "2023-01-10", "")             // due 2026-01-10
	soon := put("B", model.StageOperational, "2023-08-01", "2026-07-15")      // due 2026-08-01, agreement expiring
	evaluated := put("C", model.StageOperational, "2023-02-01", "2026-01-01") // evaluated: due 2028; agreement expired
	if err := s.Evaluations.Put(&model.Evaluation{Institution: evaluated.ID, Date: "2025-02-01", Kind: model.EvaluationOperational}); err != nil {
		t.Fatal(err)
	}
	put("D", model.StageOperational, "2025-01-01", "2030-01-01") // nothing due
	put("E", model.StageSuspended, "2020-01-01", "2021-01-01")   // not operational: not watched
	put("F", model.StageOperational, "2023-09-01", "")           // due 2026-09-01: beyond 90 days

	got, err := OperationsDue(s, today)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		in   *model.Institution
		kind DueKind
		date model.Date
	}{
		{evaluated, AgreementExpired, "2026-01-01"},
		{overdue, EvaluationOverdue, "2026-01-10"},
		{soon, AgreementExpiring, "2026-07-15"},
		{soon, EvaluationDueSoon, "2026-08-01"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d items, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		if got[i].Institution.ID != w.in.ID || got[i].Kind != w.kind || got[i].Date != w.date {
			t.Errorf("item %d: %s %v %s, want %s %v %s", i, got[i].Institution.LocalName, got[i].Kind, got[i].Date, w.in.LocalName, w.kind, w.date)
		}
	}
}

// LoadYearTotals adds up every return of the year, and only that year's.
func TestLoadYearTotals(t *testing.T) {
	s := openTemp(t)
	a := &model.Institution{LocalName: "甲", Type: model.TypeLibrary, Province: "CN-SH", Stage: model.StageOperational}
	b := &model.Institution{LocalName: "乙", Type: model.TypeUniversity, Province: "CN-ZJ", Stage: model.StageCandidate}
	for _, in := range []*model.Institution{a, b} {
		if err := s.Institutions.Put(in); err != nil {
			t.Fatal(err)
		}
	}
	for _, r := range []*model.YearlyReturn{
		{Institution: a.ID, Year: 2025, Inquiries: 100, TrainingParticipants: 40},
		{Institution: b.ID, Year: 2025, Inquiries: 23, TrainingParticipants: 2},
		{Institution: a.ID, Year: 2024, Inquiries: 999},
	} {
		if err := s.Statistics.Put(r); err != nil {
			t.Fatal(err)
		}
	}
	got, err := LoadYearTotals(s, 2025)
	if err != nil || got.Returns != 2 || got.Total.Inquiries != 123 || got.Total.TrainingParticipants != 42 {
		t.Errorf("2025: %+v, %v", got, err)
	}
	if got, _ := LoadYearTotals(s, 2023); got.Returns != 0 || got.Total.Inquiries != 0 {
		t.Errorf("2023: %+v", got)
	}
}

// The sample has a host agreement up for renewal, so that a new user sees
// the Overview's list of what falls due.
func TestOperationsDueInTheSample(t *testing.T) {
	s := openTemp(t)
	loadSample(t, s, sampleToday)
	due, err := OperationsDue(s, sampleToday)
	if err != nil {
		t.Fatal(err)
	}
	expiring := 0
	for _, d := range due {
		if d.Kind == AgreementExpiring {
			expiring++
		}
	}
	if expiring == 0 {
		t.Errorf("no agreement of the sample expires within %d days: %+v", DueWithinDays, due)
	}
}
