package data

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"
)

func TestInstitutionFilterAndSort(t *testing.T) {
	s := openTemp(t)
	add := func(local, english, city, prov string, typ InstitutionType, st Stage) *Institution {
		in := &Institution{LocalName: local, EnglishName: english, City: city, Province: prov, Type: typ, Stage: st}
		in.MoveTo(st, "2025-01-01", "", "t", time.Now())
		if err := s.Institutions.Put(in); err != nil {
			t.Fatal(err)
		}
		return in
	}
	tongji := add("同济大学", "Tongji University", "上海", "CN-SH", TypeUniversity, StageOperational)
	add("四川大学", "Sichuan University", "成都", "CN-SC", TypeUniversity, StageVisited)
	lib := add("广东省立中山图书馆", "Sun Yat-sen Library of Guangdong Province", "广州", "CN-GD", TypeLibrary, StageCandidate)
	add("安徽省科技情报研究所", "Anhui Institute of S&T Information", "合肥", "CN-AH", TypeSTInfo, StageOperational)
	if err := s.Visits.Put(&Visit{Institution: tongji.ID, Date: "2025-03-01", Kind: VisitAssessment,
		FollowUps: []FollowUp{{Action: "a", Due: "2025-04-01"}, {Action: "b", Due: "2099-01-01"}}}); err != nil {
		t.Fatal(err)
	}
	x, err := s.InstitutionIndex("2026-01-01")
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
		{InstitutionQuery{Stage: StageOperational}, []string{"安徽省科技情报研究所", "同济大学"}},
		{InstitutionQuery{Region: RegionEast}, []string{"安徽省科技情报研究所", "同济大学"}},
		{InstitutionQuery{Province: "CN-GD"}, []string{"广东省立中山图书馆"}},
		{InstitutionQuery{Type: TypeLibrary}, []string{"广东省立中山图书馆"}},
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
	if x.Row(lib.ID).Region != RegionSouthCentral {
		t.Errorf("region not derived")
	}
}

func TestVisitFilter(t *testing.T) {
	s := openTemp(t)
	if _, err := s.LoadSample("2026-11-21"); err != nil {
		t.Fatal(err)
	}
	x, err := s.VisitIndex("2026-11-21")
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
	year := x.Filter(VisitQuery{Period: YearPeriod(2026)})
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
	ready := x.Filter(VisitQuery{Recommendation: RecommendReady, Kind: VisitAssessment})
	for _, r := range ready {
		if r.Recommendation != RecommendReady || r.Kind != VisitAssessment {
			t.Fatal("kind/recommendation filter")
		}
	}
	if len(x.Filter(VisitQuery{Text: all[0].InstitutionName})) == 0 {
		t.Error("search by institution name finds nothing")
	}
}

// bigStore writes n institutions and m visits with realistic names.
func bigStore(b *testing.B, n, m int) *Store {
	b.Helper()
	s, err := Open(filepath.Join(b.TempDir(), "big.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	r := rand.New(rand.NewPCG(7, 7))
	provs := Provinces()[:31]
	prefixes := []string{"北京", "上海", "广东", "四川", "浙江", "湖北", "陕西", "吉林", "甘肃", "江苏"}
	kinds := []string{"大学", "理工大学", "科技情报研究所", "图书馆", "知识产权服务中心", "科学院文献中心"}
	ids := make([]ID, 0, n)
	err = s.Update(func(tx *Tx) error {
		for i := 0; i < n; i++ {
			p := provs[r.IntN(len(provs))]
			in := &Institution{
				LocalName:   fmt.Sprintf("%s%s第%d分部", prefixes[r.IntN(len(prefixes))], kinds[r.IntN(len(kinds))], i),
				EnglishName: fmt.Sprintf("Institution %d of %s", i, p.NameEN),
				City:        p.ShortZH, Province: p.Code, Type: InstitutionTypes()[r.IntN(9)], Stage: Stages()[r.IntN(10)],
			}
			in.MoveTo(in.Stage, "2024-05-01", "", "bench", time.Now())
			if err := s.Institutions.PutIn(tx, in); err != nil {
				return err
			}
			ids = append(ids, in.ID)
		}
		for i := 0; i < m; i++ {
			v := &Visit{Institution: ids[r.IntN(len(ids))], Date: Date(fmt.Sprintf("20%02d-%02d-%02d", 18+r.IntN(8), 1+r.IntN(12), 1+r.IntN(28))),
				Kind: VisitKinds()[r.IntN(5)], Visitors: []string{"Li Wei", "Zhang Min"}, Findings: "图书馆具备专利检索条件，需加强人员培训。",
				Checklist: []Assessment{{Criterion: CriterionCommitment, Score: r.IntN(6), Comment: ""}, {Criterion: CriterionStaff, Score: r.IntN(6), Comment: ""}},
				FollowUps: []FollowUp{{Action: "培训", Due: "2025-06-01"}}}
			if err := s.Visits.PutIn(tx, v); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return s
}

// typed is what the search field holds after each keystroke of a session
// of typing: Chinese committed by an input method, then Latin letters.
var typed = []string{"上", "上海", "上海大", "上海大学", "", "u", "un", "uni", "univ", "unive", "univer", "institution 1"}

// BenchmarkFilterInstitutions is one keystroke in the register's search
// field over 2,000 institutions (filter, then sort by name).
func BenchmarkFilterInstitutions(b *testing.B) {
	s := bigStore(b, 2000, 0)
	x, err := s.InstitutionIndex("2026-01-01")
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
	x, err := s.VisitIndex("2026-01-01")
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
		if _, err := s.VisitIndex("2026-01-01"); err != nil {
			b.Fatal(err)
		}
	}
}
