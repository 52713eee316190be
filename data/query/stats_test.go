package query

import (
	"testing"
	"tiscdesk/data/datatest"
	"tiscdesk/data/model"
)

// The Overview reads only the session and status of each enrolment, without
// decoding it: its figures must be those of the decoded records, deleted
// ones left out, and records the plain scanner leaves to encoding/json
// (escaped text) counted too.
func TestOverviewCountsEnrolmentsAsDecoded(t *testing.T) {
	s := openTemp(t)
	today := model.Date("2026-11-21")
	loadSample(t, s, today)
	current, _ := s.Sessions.Where(func(ss *model.Session) bool { return ss.Parsed().Year == today.Year() })
	if len(current) == 0 {
		t.Fatal("the sample has no session this year")
	}
	thisYear := current[0]
	escaped := &model.Enrolment{Session: thisYear.ID, Name: `Ana "Ani" Silva`, Email: "ana@example.br", Status: model.StatusCompleted}
	gone := &model.Enrolment{Session: thisYear.ID, Name: "Gone", Email: "gone@example.org", Status: model.StatusCompleted}
	for _, e := range []*model.Enrolment{escaped, gone} {
		if err := s.Enrolments.Put(e); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Enrolments.Delete(gone.ID); err != nil {
		t.Fatal(err)
	}

	years := map[model.ID]int{}
	sessions, _ := s.Sessions.List()
	for _, ss := range sessions {
		years[ss.ID] = ss.Parsed().Year
	}
	enrolments, _ := s.Enrolments.List()
	var all, completed int
	for _, e := range enrolments {
		if years[e.Session] == today.Year() {
			all++
			if e.Status == model.StatusCompleted {
				completed++
			}
		}
	}
	o, err := LoadOverview(s, today)
	if err != nil {
		t.Fatal(err)
	}
	if o.EnrolmentsThisYear != all || o.CompletedThisYear != completed {
		t.Fatalf("overview: %d enrolments this year, %d completed; the records say %d and %d",
			o.EnrolmentsThisYear, o.CompletedThisYear, all, completed)
	}
	if all < 2 || completed < 1 {
		t.Fatalf("too few enrolments this year to tell (%d, %d completed)", all, completed)
	}
}

// BenchmarkOverview is the Overview's figures over ten years of data
// (2,000 institutions, 10,000 visits, 200,000 enrolments): computed each
// time the section is shown.
func BenchmarkOverview(b *testing.B) {
	s := datatest.Laptop(b)
	today := model.Date("2026-11-21")
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := LoadOverview(s, today); err != nil {
			b.Fatal(err)
		}
	}
}
