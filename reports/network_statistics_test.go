package reports

import (
	"path/filepath"
	"strings"
	"testing"

	"tiscdesk/data"
	"tiscdesk/data/model"
)

// The network report for 2025 gives the totals of 2025's returns beside
// 2024's, with the change, each TISC's return and the service levels, in
// English and Chinese.
func TestNetworkReportStatistics(t *testing.T) {
	s, err := data.Open(filepath.Join(t.TempDir(), "r.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	lib := &model.Institution{LocalName: "上海图书馆", EnglishName: "Shanghai Library", Type: model.TypeLibrary, Province: "CN-SH",
		Website: "https://www.library.sh.cn", Stage: model.StageOperational, ServiceLevel: model.Level3, History: []model.StageChange{{Stage: model.StageOperational, Date: "2019-04-26"}}}
	uni := &model.Institution{LocalName: "浙江大学", EnglishName: "Zhejiang University", Type: model.TypeUniversity, Province: "CN-ZJ",
		Stage: model.StageCandidate, History: []model.StageChange{{Stage: model.StageCandidate, Date: "2024-01-05"}}}
	for _, in := range []*model.Institution{lib, uni} {
		if err := s.Institutions.Put(in); err != nil {
			t.Fatal(err)
		}
	}
	returns := []*model.YearlyReturn{
		{Institution: lib.ID, Year: 2025, Inquiries: 1200, SearchReports: 40, TrainingParticipants: 2300, Staff: 6, StaffTrained: 3},
		{Institution: uni.ID, Year: 2025, Inquiries: 34, SearchReports: 2, TrainingParticipants: 80, Staff: 2, StaffTrained: 1},
		{Institution: lib.ID, Year: 2024, Inquiries: 1000, SearchReports: 50, TrainingParticipants: 2000, Staff: 5, StaffTrained: 2},
		{Institution: lib.ID, Year: 2023, Inquiries: 9999},
	}
	for _, r := range returns {
		if err := s.Statistics.Put(r); err != nil {
			t.Fatal(err)
		}
	}
	// Trained staff: the library's people in the DL enrolments, by name or
	// email domain; a person with two courses counts once; an unrelated
	// organisation is nobody's.
	sess := &model.Session{Code: "318C24S1"}
	if err := s.Sessions.Put(sess); err != nil {
		t.Fatal(err)
	}
	sess2 := &model.Session{Code: "101C25S1"}
	if err := s.Sessions.Put(sess2); err != nil {
		t.Fatal(err)
	}
	for _, e := range []*model.Enrolment{
		{Session: sess.ID, Name: "王芳", Email: "wang@163.com", Organisation: "上海图书馆", Status: model.StatusCompleted, Certificate: "DL318-0001"},
		{Session: sess2.ID, Name: "王芳", Email: "wang@163.com", Organisation: "上海图书馆", Status: model.StatusActive},
		{Session: sess.ID, Name: "Li Lei", Email: "li.lei@lib.library.sh.cn", Status: model.StatusActive},
		{Session: sess.ID, Name: "赵六", Email: "zhao@fudan.edu.cn", Organisation: "复旦大学", Status: model.StatusCompleted, Certificate: "DL318-0002"},
	} {
		if err := s.Enrolments.Put(e); err != nil {
			t.Fatal(err)
		}
	}
	// Totals count every return of the year, the candidate's too:
	// inquiries 1,234 (1,000 the year before, +23.4%), search reports 42
	// (50, -16.0%), participants 2,380 (2,000, +19.0%).
	period := data.Period{From: "2025-01-01", To: "2025-12-31"}
	for _, l := range langs {
		t.Run(string(l), func(t *testing.T) {
			p := render(t, s, Network, Options{Lang: l, Period: period})
			p.has(t, l.f(phStatsHeading, 2025), l.f(phStatsReturns, 2025, 2, 2024, 1),
				l.in(statsFigure["inquiries"])+" 1,234 1,000 +23.4%",
				l.in(statsFigure["search_reports"])+" 42 50 -16.0%",
				l.in(statsFigure["training_participants"])+" 2,380 2,000 +19.0%",
				l.in(statsFigure["staff_trained"])+" 4 2 +100.0%",
				l.f(phStatsPerTISC, 2025), l.institution(lib), l.institution(uni),
				l.in(phStatsLevels), name(l, model.Level3),
				// people 2, completed 1, certificates 1; the return says 3.
				l.in(phStaffHeading), l.f(phStaffReturn, 2025), l.institution(lib)+" 2 1 1 3", l.in(phTotal)+" 2 1 1")
			if contains(p.layout, "9,999") {
				t.Error("2023's return counted in 2025")
			}
			// A year without returns says so.
			q := render(t, s, Network, Options{Lang: l, Period: data.Period{From: "2026-01-01", To: "2026-06-30"}})
			q.has(t, l.f(phStatsNone, 2026))
		})
	}
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }

// Page one of the activity summary says the latest year's returns.
func TestSummaryMentionsTheYearlyReturns(t *testing.T) {
	s := sampleStore(t)
	var this, before, inquiries, inquiriesB int
	year := testToday.Year() - 1 // the sample's returns end the year before today
	list, err := s.Statistics.List()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range list {
		switch r.Year {
		case year:
			this++
			inquiries += r.Inquiries
		case year - 1:
			before++
			inquiriesB += r.Inquiries
		}
	}
	if this == 0 || before == 0 {
		t.Fatalf("the sample should have returns for %d and %d: %d, %d", year, year-1, this, before)
	}
	for _, l := range langs {
		t.Run(string(l), func(t *testing.T) {
			p := render(t, s, Summary, Options{Lang: l, Period: Summary.DefaultPeriod(testToday)})
			line := l.f(phStatsSummary, year, this, num(inquiries), change(inquiries, inquiriesB), "", "")
			line = line[:strings.Index(line, num(inquiries))+len(num(inquiries))]
			if !strings.Contains(flat(p.pages[0]), flat(line)) && !strings.Contains(dense(p.pages[0]), dense(line)) {
				t.Errorf("page one lacks %q", line)
			}
		})
	}
}
