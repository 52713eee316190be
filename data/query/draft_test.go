package query

import (
	"testing"

	"tiscdesk/data/model"
)

// A visit saved as a draft is listed, but counts in no figure until it is
// finished: not in the Overview's visits or follow-ups, not in the
// register's visit count or last visit.
func TestDraftVisitsAreLeftOutOfFigures(t *testing.T) {
	s := openTemp(t)
	today := model.Date("2026-11-21")
	loadSample(t, s, today)
	insts, _ := s.Institutions.List()
	in := insts[0]
	before, err := LoadOverview(s, today)
	if err != nil {
		t.Fatal(err)
	}
	x0, _ := LoadInstitutions(s, today)
	row0 := *x0.Row(in.ID)

	draft := &model.Visit{Institution: in.ID, Date: "2099-01-01", Kind: model.VisitAssessment, Draft: true,
		FollowUps: []model.FollowUp{{Action: "send the plan", Due: "2026-01-01"}}}
	if err := s.Visits.Put(draft); err != nil {
		t.Fatal(err)
	}
	draft.Date = today
	if err := s.Visits.Put(draft); err != nil {
		t.Fatal(err)
	}
	after, _ := LoadOverview(s, today)
	x1, _ := LoadInstitutions(s, today)
	row1 := *x1.Row(in.ID)
	if after.VisitsThisYear != before.VisitsThisYear || after.OpenFollowUps != before.OpenFollowUps || after.OverdueFollowUps != before.OverdueFollowUps {
		t.Errorf("a draft changed the Overview: visits %d -> %d, open follow-ups %d -> %d",
			before.VisitsThisYear, after.VisitsThisYear, before.OpenFollowUps, after.OpenFollowUps)
	}
	if row1.Visits != row0.Visits || row1.LastVisit != row0.LastVisit || row1.Overdue != row0.Overdue {
		t.Errorf("a draft changed the register's row: %d visits, last %s -> %d, last %s", row0.Visits, row0.LastVisit, row1.Visits, row1.LastVisit)
	}
	vx, _ := LoadVisits(s, today)
	listed := false
	for _, r := range vx.Filter(VisitQuery{Institution: in.ID}) {
		listed = listed || (r.ID == draft.ID && r.Draft)
	}
	if !listed {
		t.Error("the draft is not in the list of visits")
	}

	draft.Draft = false
	if err := s.Visits.Put(draft); err != nil {
		t.Fatal(err)
	}
	done, _ := LoadOverview(s, today)
	x2, _ := LoadInstitutions(s, today)
	if done.VisitsThisYear != before.VisitsThisYear+1 || done.OverdueFollowUps != before.OverdueFollowUps+1 || x2.Row(in.ID).Visits != row0.Visits+1 {
		t.Errorf("the finished visit does not count: visits this year %d (was %d), register %d (was %d)",
			done.VisitsThisYear, before.VisitsThisYear, x2.Row(in.ID).Visits, row0.Visits)
	}
}
