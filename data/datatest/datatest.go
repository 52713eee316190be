// Package datatest holds what the tests of the rooms above the store share:
// a new database in the test's temporary folder, the sample loaded on a
// fixed day, and the synthetic "ten-year laptop" the benchmarks measure.
package datatest

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	"tiscdesk/data/model"
	"tiscdesk/data/sample"
	"tiscdesk/data/store"
)

// Today is the day the tests load the sample on, unless a test is about
// the day itself (tests on any date: the store's clock).
const Today = model.Date("2026-11-21")

// Open opens a new database in tb's temporary folder, closed when the test
// ends.
func Open(tb testing.TB) *store.Store {
	tb.Helper()
	return OpenNamed(tb, "t")
}

// Sample loads the sample into s as on today, failing the test on error.
func Sample(tb testing.TB, s *store.Store, today model.Date) store.Counts {
	tb.Helper()
	added, err := sample.Load(s, today)
	if err != nil {
		tb.Fatalf("load the sample on %s: %v", today, err)
	}
	return added
}

// BigStore writes n institutions and m visits with realistic names into a
// new database.
func BigStore(tb testing.TB, n, m int) *store.Store {
	tb.Helper()
	s, err := store.Open(filepath.Join(tb.TempDir(), "big.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	r := rand.New(rand.NewPCG(7, 7))
	provs := model.Provinces()[:31]
	prefixes := []string{"北京", "上海", "广东", "四川", "浙江", "湖北", "陕西", "吉林", "甘肃", "江苏"}
	kinds := []string{"大学", "理工大学", "科技情报研究所", "图书馆", "知识产权服务中心", "科学院文献中心"}
	ids := make([]model.ID, 0, n)
	err = s.Update(func(tx *store.Tx) error {
		for i := 0; i < n; i++ {
			p := provs[r.IntN(len(provs))]
			in := &model.Institution{
				LocalName:   fmt.Sprintf("%s%s第%d分部", prefixes[r.IntN(len(prefixes))], kinds[r.IntN(len(kinds))], i),
				EnglishName: fmt.Sprintf("Institution %d of %s", i, p.NameEN),
				City:        p.ShortZH, Province: p.Code, Type: model.InstitutionTypes()[r.IntN(9)], Stage: model.Stages()[r.IntN(10)],
			}
			in.MoveTo(in.Stage, "2024-05-01", "", "bench", time.Now())
			if err := s.Institutions.PutIn(tx, in); err != nil {
				return err
			}
			ids = append(ids, in.ID)
		}
		for i := 0; i < m; i++ {
			v := &model.Visit{Institution: ids[r.IntN(len(ids))], Date: model.Date(fmt.Sprintf("20%02d-%02d-%02d", 18+r.IntN(8), 1+r.IntN(12), 1+r.IntN(28))),
				Kind: model.VisitKinds()[r.IntN(5)], Visitors: []string{"Li Wei", "Zhang Min"}, Findings: "图书馆具备专利检索条件，需加强人员培训。",
				Checklist: []model.Assessment{{Criterion: model.CriterionCommitment, Score: r.IntN(6), Comment: ""}, {Criterion: model.CriterionStaff, Score: r.IntN(6), Comment: ""}},
				FollowUps: []model.FollowUp{{Action: "培训", Due: "2025-06-01"}}}
			if err := s.Visits.PutIn(tx, v); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// Laptop is the ten-year laptop: 2,000 institutions, 10,000 visits
// and 200,000 enrolments in 40 sessions.
func Laptop(b testing.TB) *store.Store {
	b.Helper()
	s := BigStore(b, 2000, 10000)
	err := s.Update(func(tx *store.Tx) error {
		for i := range 40 {
			ses := &model.Session{Code: fmt.Sprintf("101C%02dS%d", 16+i/2, 1+i%2)}
			if err := s.Sessions.PutIn(tx, ses); err != nil {
				return err
			}
			for j := range 5000 {
				score := float64(60 + j%40)
				e := &model.Enrolment{Session: ses.ID, Name: fmt.Sprintf("学员%d", j), Email: fmt.Sprintf("p%d.%d@example.cn", i, j),
					Gender: model.GenderFemale, Organisation: "上海图书馆", Province: "CN-SH", Country: "CN",
					Registered: "2020-01-05", Status: model.StatusCompleted, Score: &score}
				if err := s.Enrolments.PutIn(tx, e); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return s
}
