package reports

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"tiscdesk/data"
)

// A draft is left out of the reports until finished: the summary's
// headline does not count its institution as visited, and the draft has no
// visit report of its own. A finished visit prints its position.
func TestDraftsAreLeftOutOfReports(t *testing.T) {
	s := sampleStore(t)
	period := data.Period{From: "2025-01-01", To: "2025-12-31"}
	fresh := &data.Institution{LocalName: "草稿测试大学", Type: data.TypeUniversity, Province: "CN-GZ", Stage: data.StageCandidate}
	if err := s.Institutions.Put(fresh); err != nil {
		t.Fatal(err)
	}
	headline := func(l Lang) string {
		return render(t, s, Summary, Options{Lang: l, Period: period}).pages[0]
	}
	before := headline(English)
	draft := &data.Visit{Institution: fresh.ID, Date: "2025-06-01", Kind: data.VisitAssessment, Draft: true,
		Position: &data.GeoPoint{Lat: 26.44611, Lon: 106.65917}}
	if err := s.Visits.Put(draft); err != nil {
		t.Fatal(err)
	}
	if after := headline(English); dense(after) != dense(before) {
		t.Errorf("a draft changed the summary's first page:\n%s\n---\n%s", before, after)
	}
	err := Render(context.Background(), s, Visit, Options{Lang: English, Visit: draft.ID, Today: testToday}, &bytes.Buffer{})
	if !errors.Is(err, ErrDraftVisit) {
		t.Errorf("the report of a draft: %v; want ErrDraftVisit", err)
	}

	draft.Draft = false
	if err := s.Visits.Put(draft); err != nil {
		t.Fatal(err)
	}
	if after := headline(English); dense(after) == dense(before) {
		t.Error("the finished visit does not change the summary's first page")
	}
	for _, l := range langs {
		p := render(t, s, Visit, Options{Lang: l, Visit: draft.ID})
		p.has(t, l.in(phPosition), "26.44611° N, 106.65917° E", `26°26'46.0"N 106°39'33.0"E`)
	}
}
