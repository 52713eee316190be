package data

import "testing"

// The Overview reads only the session and status of each enrolment, without
// decoding it: its figures must be those of the decoded records, deleted
// ones left out, and records the plain scanner leaves to encoding/json
// (escaped text) counted too.
func TestOverviewCountsEnrolmentsAsDecoded(t *testing.T) {
	s := openSampleStore(t)
	today := Date("2026-11-21")
	loadSample(t, s, today)
	current, _ := s.Sessions.Where(func(ss *Session) bool { return ss.Parsed().Year == today.Year() })
	if len(current) == 0 {
		t.Fatal("the sample has no session this year")
	}
	thisYear := current[0]
	escaped := &Enrolment{Session: thisYear.ID, Name: `Ana "Ani" Silva`, Email: "ana@example.br", Status: StatusCompleted}
	gone := &Enrolment{Session: thisYear.ID, Name: "Gone", Email: "gone@example.org", Status: StatusCompleted}
	for _, e := range []*Enrolment{escaped, gone} {
		if err := s.Enrolments.Put(e); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Enrolments.Delete(gone.ID); err != nil {
		t.Fatal(err)
	}

	years := map[ID]int{}
	sessions, _ := s.Sessions.List()
	for _, ss := range sessions {
		years[ss.ID] = ss.Parsed().Year
	}
	enrolments, _ := s.Enrolments.List()
	var all, completed int
	for _, e := range enrolments {
		if years[e.Session] == today.Year() {
			all++
			if e.Status == StatusCompleted {
				completed++
			}
		}
	}
	o, err := s.Overview(today)
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
	s := bigBackupStore(b)
	today := Date("2026-11-21")
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := s.Overview(today); err != nil {
			b.Fatal(err)
		}
	}
}
