package query

import (
	"fmt"
	"testing"
	"time"
	"tiscdesk/data/model"
	"tiscdesk/data/sample"
)

func TestInstitutionFilterAndSort(t *testing.T) {
	s := openTemp(t)
	add := func(local, english, city, prov string, typ model.InstitutionType, st model.Stage) *model.Institution {
		in := &model.Institution{LocalName: local, EnglishName: english, City: city, Province: prov, Type: typ, Stage: st}
		in.MoveTo(st, "2025-01-01", "", "t", time.Now())
		if err := s.Institutions.Put(in); err != nil {
			t.Fatal(err)
		}
		return in
	}
	tongji := add("同济大学", "Tongji University", "上海", "CN-SH", model.TypeUniversity, model.StageOperational)
	add("四川大学", "Sichuan University", "成都", "CN-SC", model.TypeUniversity, model.StageVisited)
	lib := add("广东省立中山图书馆", "Sun Yat-sen Library of Guangdong Province", "广州", "CN-GD", model.TypeLibrary, model.StageCandidate)
	add("安徽省科技情报研究所", "Anhui Institute of S&T Information", "合肥", "CN-AH", model.TypeSTInfo, model.StageOperational)
	if err := s.Visits.Put(&model.Visit{Institution: tongji.ID, Date: "2025-03-01", Kind: model.VisitAssessment,
		FollowUps: []model.FollowUp{{Action: "a", Due: "2025-04-01"}, {Action: "b", Due: "2099-01-01"}}}); err != nil {
		t.Fatal(err)
	}
	x, err := LoadInstitutions(s, "2026-01-01")
	if err != nil {
		t.Fatal(err)
	}
	names := func(rows []*InstitutionRow) []string {
		var out []string
		for _, r := range rows {
			out = append(out, r.LocalName)
		}
		return out
	}
	cases := []struct {
		q    InstitutionQuery
		want []string
	}{
		{InstitutionQuery{}, []string{"安徽省科技情报研究所", "广东省立中山图书馆", "四川大学", "同济大学"}}, // pinyin: an, guang, si, tong
		{InstitutionQuery{Text: "univ"}, []string{"四川大学", "同济大学"}},
		{InstitutionQuery{Text: "UNIVERSITY tongji"}, []string{"同济大学"}},
		{InstitutionQuery{Text: "成都"}, []string{"四川大学"}},
		{InstitutionQuery{Text: "大学"}, []string{"四川大学", "同济大学"}},
		{InstitutionQuery{Stage: model.StageOperational}, []string{"安徽省科技情报研究所", "同济大学"}},
		{InstitutionQuery{Region: model.RegionEast}, []string{"安徽省科技情报研究所", "同济大学"}},
		{InstitutionQuery{Province: "CN-GD"}, []string{"广东省立中山图书馆"}},
		{InstitutionQuery{Type: model.TypeLibrary}, []string{"广东省立中山图书馆"}},
		{InstitutionQuery{Sort: SortByStage}, []string{"广东省立中山图书馆", "四川大学", "安徽省科技情报研究所", "同济大学"}},
		{InstitutionQuery{Sort: SortByName, Desc: true}, []string{"同济大学", "四川大学", "广东省立中山图书馆", "安徽省科技情报研究所"}},
		{InstitutionQuery{Text: "nothing like this"}, nil},
	}
	for _, c := range cases {
		if got := names(x.Filter(c.q)); fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("%+v: got %v, want %v", c.q, got, c.want)
		}
	}
	r := x.Row(tongji.ID)
	if r.Visits != 1 || r.OpenFollowUps != 2 || r.Overdue != 1 || r.LastVisit != "2025-03-01" || r.Since != "2025-01-01" {
		t.Errorf("tongji row: %+v", *r)
	}
	if x.Row(lib.ID).Region != model.RegionSouthCentral {
		t.Errorf("region not derived")
	}
}

func TestVisitFilter(t *testing.T) {
	s := openTemp(t)
	if _, err := sample.Load(s, "2026-11-21"); err != nil {
		t.Fatal(err)
	}
	x, err := LoadVisits(s, "2026-11-21")
	if err != nil {
		t.Fatal(err)
	}
	all := x.Filter(VisitQuery{})
	if len(all) != x.Len() || len(all) == 0 {
		t.Fatalf("unfiltered: %d of %d", len(all), x.Len())
	}
	for i := 1; i < len(all); i++ {
		if all[i-1].Date > all[i].Date {
			t.Fatalf("not in date order at %d", i)
		}
	}
	newest := x.Filter(VisitQuery{Desc: true})
	if newest[0].Date != all[len(all)-1].Date {
		t.Errorf("descending does not start with the newest visit")
	}
	year := x.Filter(VisitQuery{Period: model.YearPeriod(2026)})
	for _, r := range year {
		if r.Date.Year() != 2026 {
			t.Fatalf("period filter let %s through", r.Date)
		}
	}
	overdue := x.Filter(VisitQuery{OverdueOnly: true})
	if len(overdue) == 0 {
		t.Fatal("the sample has overdue follow-ups")
	}
	for _, r := range overdue {
		if r.Overdue == 0 {
			t.Fatal("overdue filter let a visit without overdue actions through")
		}
	}
	inst := all[0].Institution
	for _, r := range x.Filter(VisitQuery{Institution: inst}) {
		if r.Institution != inst {
			t.Fatal("institution filter")
		}
	}
	ready := x.Filter(VisitQuery{Recommendation: model.RecommendReady, Kind: model.VisitAssessment})
	for _, r := range ready {
		if r.Recommendation != model.RecommendReady || r.Kind != model.VisitAssessment {
			t.Fatal("kind/recommendation filter")
		}
	}
	if len(x.Filter(VisitQuery{Text: all[0].InstitutionName})) == 0 {
		t.Error("search by institution name finds nothing")
	}
}

// typed is what the search field holds after each keystroke of a session
// of typing: Chinese committed by an input method, then Latin letters.
var typed = []string{"上", "上海", "上海大", "上海大学", "", "u", "un", "uni", "univ", "unive", "univer", "institution 1"}

// BenchmarkFilterInstitutions is one keystroke in the register's search
// field over 2,000 institutions (filter, then sort by name).
func BenchmarkFilterInstitutions(b *testing.B) {
	s := bigStore(b, 2000, 0)
	x, err := LoadInstitutions(s, "2026-01-01")
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		x.Filter(InstitutionQuery{Text: typed[i%len(typed)], Sort: SortByName})
	}
}

// BenchmarkFilterVisits is one keystroke in the visits' search field over
// 10,000 visits of 2,000 institutions (filter, then sort by date).
func BenchmarkFilterVisits(b *testing.B) {
	s := bigStore(b, 2000, 10000)
	x, err := LoadVisits(s, "2026-01-01")
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		x.Filter(VisitQuery{Text: typed[i%len(typed)], Desc: true})
	}
}

// BenchmarkLoadVisitIndex is opening the visits list: loading 10,000 visits
// and 2,000 institutions from the store into the index.
func BenchmarkLoadVisitIndex(b *testing.B) {
	s := bigStore(b, 2000, 10000)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := LoadVisits(s, "2026-01-01"); err != nil {
			b.Fatal(err)
		}
	}
}
