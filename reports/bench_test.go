package reports

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	"tiscdesk/data"
)

// Ten years of data on one laptop (DESIGN section 1): 2,000 institutions,
// 10,000 visits, 200,000 enrolments, 50 cohorts and 2,000 students.
const (
	bigInstitutions = 2000
	bigVisits       = 10000
	bigEnrolments   = 200000
	bigCohorts      = 50
	bigStudents     = 2000
)

// bigStore fills a database with the ten-year data set: made up, but with
// the shapes the reports meet (Chinese names, histories, checklists,
// sessions across courses and languages, many organisations).
func bigStore(b *testing.B) *data.Store {
	b.Helper()
	s, err := data.Open(filepath.Join(b.TempDir(), "big.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	rng := rand.New(rand.NewPCG(10, 2026))
	provinces := data.Provinces()
	day := func(year int) data.Date {
		return data.Date(fmt.Sprintf("%04d-%02d-%02d", year, 1+rng.IntN(12), 1+rng.IntN(28)))
	}
	var insts []data.ID
	err = s.Update(func(tx *data.Tx) error {
		for i := range bigInstitutions {
			p := provinces[rng.IntN(31)]
			in := &data.Institution{
				LocalName: fmt.Sprintf("%s第%d科技信息研究所", p.ShortZH, i), EnglishName: fmt.Sprintf("%s Institute %d", p.NameEN, i),
				Type: data.InstitutionTypes()[rng.IntN(9)], Province: p.Code, City: p.ShortZH,
			}
			path := data.PipelineStages()[:1+rng.IntN(7)]
			year := 2016 + rng.IntN(8)
			for j, st := range path {
				in.History = append(in.History, data.StageChange{Stage: st, Date: data.Date(fmt.Sprintf("%04d-%02d-15", year+j/3, 1+(j*4)%12)), By: "bench"})
			}
			in.Stage = path[len(path)-1]
			if err := s.Institutions.PutIn(tx, in); err != nil {
				return err
			}
			insts = append(insts, in.ID)
		}
		for range bigVisits {
			v := &data.Visit{Institution: insts[rng.IntN(len(insts))], Date: day(2016 + rng.IntN(10)),
				Kind: data.VisitKinds()[rng.IntN(5)], Visitors: []string{"王芳", "Maria Alvarez"},
				Recommendation: data.Recommendations()[rng.IntN(3)], Findings: "管理层支持，人员到位，数据库开通。"}
			for _, c := range data.Criteria() {
				v.Checklist = append(v.Checklist, data.Assessment{Criterion: c, Score: rng.IntN(6), Comment: "良好"})
			}
			v.FollowUps = []data.FollowUp{{Action: "提交年度报告", Due: day(2017 + rng.IntN(10))}}
			if err := s.Visits.PutIn(tx, v); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	// 200 sessions of 1,000 enrolments: ten years, ten courses, two semesters.
	courses := []string{"101", "301", "318", "302", "201", "001", "202", "204", "317", "320"}
	statuses := data.EnrolmentStatuses()
	for y := range 10 {
		err := s.Update(func(tx *data.Tx) error {
			for c, course := range courses {
				for sem := 1; sem <= 2; sem++ {
					lang := data.LangChinese
					if c%3 == 2 {
						lang = data.LangEnglish
					}
					code := data.SessionCode{Course: course, Language: lang, Year: 2016 + y, Semester: sem}
					ss := &data.Session{Code: code.String(), Start: data.Date(fmt.Sprintf("%04d-%02d-01", 2016+y, 3+6*(sem-1)))}
					if err := s.Sessions.PutIn(tx, ss); err != nil {
						return err
					}
					for i := range bigEnrolments / 200 {
						p := provinces[rng.IntN(31)]
						e := &data.Enrolment{Session: ss.ID, Name: fmt.Sprintf("学员%d", i), Email: fmt.Sprintf("p%d@example.cn", (i*7+y*1009+c*137+sem*17)%120000),
							Gender: data.Genders()[rng.IntN(2)], Organisation: fmt.Sprintf("%s大学%d", p.ShortZH, rng.IntN(40)),
							Province: p.Code, Country: "CN", Status: statuses[rng.IntN(len(statuses))]}
						if err := s.Enrolments.PutIn(tx, e); err != nil {
							return err
						}
					}
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	err = s.Update(func(tx *data.Tx) error {
		for p := range 5 {
			g := &data.Programme{Name: fmt.Sprintf("WIPO Joint Master's Programme %d", p), Partner: fmt.Sprintf("University %d", p)}
			if err := s.Programmes.PutIn(tx, g); err != nil {
				return err
			}
			for c := range bigCohorts / 5 {
				co := &data.Cohort{Programme: g.ID, IntakeYear: 2016 + c, Places: 40, Applicants: 200}
				if err := s.Cohorts.PutIn(tx, co); err != nil {
					return err
				}
				for i := range bigStudents / bigCohorts {
					st := &data.Student{Cohort: co.ID, Name: fmt.Sprintf("Student %d-%d-%d", p, c, i),
						Nationality: []string{"ET", "KE", "VN", "BR", "PK"}[rng.IntN(5)], Funder: data.FunderWIPO, Status: data.StudentEnrolled}
					if c < 8 {
						st.Status, st.Graduated = data.StudentGraduated, data.Date(fmt.Sprintf("%04d-12-18", 2017+c))
					}
					if err := s.Students.PutIn(tx, st); err != nil {
						return err
					}
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

// BenchmarkSummaryTenYears renders the activity summary of a year over the
// ten-year data set: reading the store, computing and writing the PDF.
// DESIGN's budget: at most 1.5 s and 2 MB.
func BenchmarkSummaryTenYears(b *testing.B) {
	s := bigStore(b)
	opt := Options{Lang: Chinese, Period: data.YearPeriod(2025), Today: "2026-11-21"}
	var buf bytes.Buffer
	cpu := cpuTime()
	for b.Loop() {
		buf.Reset()
		if err := Render(context.Background(), s, Summary, opt, &buf); err != nil {
			b.Fatal(err)
		}
	}
	reportCost(b, cpu, buf.Len())
}

// reportCost adds the processor time per report (which, unlike ns/op, does
// not grow when other programs share the machine) and the PDF's size.
func reportCost(b *testing.B, cpuBefore time.Duration, pdfBytes int) {
	b.ReportMetric(float64((cpuTime()-cpuBefore).Milliseconds())/float64(b.N), "cpu-ms/op")
	b.ReportMetric(float64(pdfBytes), "pdf-bytes")
}

// BenchmarkReportsTenYears renders each of the other reports over the same data.
func BenchmarkReportsTenYears(b *testing.B) {
	s := bigStore(b)
	for _, k := range []Kind{Network, Learning, Degrees, Summary} {
		for _, p := range []data.Period{data.YearPeriod(2025), {}} {
			name := string(k) + "-year"
			if p == (data.Period{}) {
				name = string(k) + "-all"
			}
			b.Run(name, func(b *testing.B) {
				opt := Options{Lang: Chinese, Period: p, Today: "2026-11-21"}
				var buf bytes.Buffer
				cpu := cpuTime()
				for b.Loop() {
					buf.Reset()
					if err := Render(context.Background(), s, k, opt, &buf); err != nil {
						b.Fatal(err)
					}
				}
				reportCost(b, cpu, buf.Len())
			})
		}
	}
}
