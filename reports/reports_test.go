package reports

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"tiscdesk/data"
)

// The reports are checked as a reader at headquarters would see them: with
// poppler's pdftotext and pdffonts and with qpdf, never byte for byte. Set
// REPORTS_OUT to a folder to keep the PDFs for a look.

// testToday fixes the sample's timeline and the date produced.
const testToday data.Date = "2026-11-21"

func sampleStore(t testing.TB) *data.Store {
	t.Helper()
	s, err := data.Open(filepath.Join(t.TempDir(), "reports.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.LoadSample(testToday); err != nil {
		t.Fatal(err)
	}
	return s
}

// pdf is a rendered report and what poppler reads in it.
type pdf struct {
	path   string
	text   string   // pdftotext's output, in reading order
	layout string   // pdftotext -layout's: a table's row, or a row of figures, on one line
	pages  []string // the text of each page
}

// flat makes every run of white space one space, so that sentences wrapped
// over lines can be found; dense drops white space, for Chinese.
func flat(s string) string  { return strings.Join(strings.Fields(s), " ") }
func dense(s string) string { return strings.Join(strings.Fields(s), "") }

// has checks that each of want is in the text, read either way.
func (p *pdf) has(t *testing.T, want ...string) {
	t.Helper()
	in := []string{flat(p.text), flat(p.layout), dense(p.text), dense(p.layout)}
	for _, w := range want {
		found := false
		for i, text := range in {
			if i < 2 && strings.Contains(text, flat(w)) || i >= 2 && strings.Contains(text, dense(w)) {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("%s: pdftotext does not find %q", filepath.Base(p.path), w)
		}
	}
}

// hasFigures checks a row of headline figures: their values in order on
// one line, and their captions.
func (p *pdf) hasFigures(t *testing.T, fs ...figure) {
	t.Helper()
	var values []string
	for _, f := range fs {
		values = append(values, f.value)
		p.has(t, f.caption)
	}
	p.has(t, strings.Join(values, " "))
}

// render writes the report and checks what every report must pass: qpdf's
// check, the font embedded as a subset, "page X of Y" on every page.
func render(t *testing.T, s *data.Store, k Kind, opt Options) *pdf {
	t.Helper()
	for _, tool := range []string{"pdffonts", "pdftotext", "qpdf"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is not installed (poppler-utils, qpdf): .ci/run installs them", tool)
		}
	}
	if opt.Today == "" {
		opt.Today = testToday
	}
	var buf bytes.Buffer
	if err := Render(context.Background(), s, k, opt, &buf); err != nil {
		t.Fatalf("render %s in %s: %v", k, opt.Lang, err)
	}
	dir := os.Getenv("REPORTS_OUT")
	if dir == "" {
		dir = t.TempDir()
	}
	path := filepath.Join(dir, fmt.Sprintf("%s-%s-%s.pdf", strings.ReplaceAll(t.Name(), "/", "_"), k, opt.Lang))
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("qpdf", "--check", path).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --check %s: %v\n%s", path, err, out)
	}
	fonts, err := exec.Command("pdffonts", path).CombinedOutput()
	if err != nil {
		t.Fatalf("pdffonts: %v\n%s", err, fonts)
	}
	lines := strings.Split(strings.TrimSpace(string(fonts)), "\n")
	if len(lines) != 3 || !regexp.MustCompile(`^[A-Z]{6}\+`).MatchString(lines[2]) || strings.Count(lines[2], "yes") < 2 {
		t.Errorf("%s: want the one font, embedded as a subset; pdffonts says:\n%s", path, fonts)
	}
	text, err := exec.Command("pdftotext", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	layout, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext -layout: %v", err)
	}
	p := &pdf{path: path, text: string(text), layout: string(layout)}
	p.pages = strings.Split(strings.TrimSuffix(p.text, "\f"), "\f")
	for i, page := range p.pages {
		want := opt.Lang.f(phPageOf, i+1, len(p.pages))
		if !strings.Contains(page, want) {
			t.Errorf("%s: page %d does not say %q", path, i+1, want)
		}
	}
	return p
}

var langs = []Lang{English, Chinese}

// TestEveryReportInBothLanguages renders each report from the sample data
// in English and Chinese and checks the basics and its title.
func TestEveryReportInBothLanguages(t *testing.T) {
	s := sampleStore(t)
	visit := someVisit(t, s, data.VisitAssessment)
	for _, k := range Kinds() {
		for _, l := range langs {
			t.Run(string(k)+"-"+string(l), func(t *testing.T) {
				opt := Options{Lang: l, Period: k.DefaultPeriod(testToday), Visit: visit.ID}
				p := render(t, s, k, opt)
				p.has(t, k.Title(l), l.f(phFooter, l.longDate(testToday)))
				if k.TakesPeriod() {
					p.has(t, l.period(opt.Period))
				}
			})
		}
	}
}

// someVisit returns a visit of the kind with the most follow-up actions.
func someVisit(t *testing.T, s *data.Store, kind data.VisitKind) *data.Visit {
	t.Helper()
	vs, err := s.Visits.Where(func(v *data.Visit) bool { return v.Kind == kind && v.Counts() })
	if err != nil || len(vs) == 0 {
		t.Fatalf("no %s visit in the sample: %v", kind, err)
	}
	best := vs[0]
	for _, v := range vs {
		if len(v.FollowUps) > len(best.FollowUps) {
			best = v
		}
	}
	return best
}

// TestNetworkReportFigures cross-checks the network report with the store.
func TestNetworkReportFigures(t *testing.T) {
	s := sampleStore(t)
	insts, err := s.Institutions.List()
	if err != nil {
		t.Fatal(err)
	}
	ov, err := s.Overview(testToday)
	if err != nil {
		t.Fatal(err)
	}
	period := Network.DefaultPeriod(testToday)
	changes, became := 0, map[data.ID]bool{}
	for _, in := range insts {
		for _, h := range in.History {
			if period.Contains(h.Date) {
				changes++
				if h.Stage == data.StageOperational {
					became[in.ID] = true
				}
			}
		}
	}
	if ov.Operational == 0 || changes == 0 || len(became) == 0 {
		t.Fatalf("the sample should have operational TISCs and changes this year: %+v, %d changes", ov, changes)
	}
	for _, l := range langs {
		t.Run(string(l), func(t *testing.T) {
			p := render(t, s, Network, Options{Lang: l, Period: period})
			exits := ov.ByStage[data.StageRejected] + ov.ByStage[data.StageWithdrawn] + ov.ByStage[data.StageSuspended]
			p.hasFigures(t,
				figure{strconv.Itoa(ov.Operational), l.f(phOperationalOn, l.longDate(testToday)), rgb{}},
				figure{strconv.Itoa(ov.InPipeline), l.in(phInPipeline), rgb{}},
				figure{strconv.Itoa(len(became)), l.in(phBecameOperational), rgb{}},
				figure{strconv.Itoa(changes), l.in(phStageChanges), rgb{}},
				figure{strconv.Itoa(exits), l.in(phLeftPipeline), rgb{}},
			)
			// Every operational TISC is listed by its Chinese name, and the
			// stage changes name their institutions.
			for _, in := range insts {
				if in.Stage == data.StageOperational {
					p.has(t, in.LocalName)
				}
			}
			// The region table's total row: operational, in the pipeline, exits, all.
			p.has(t, fmt.Sprintf("%s %d %d %d %d", l.in(phTotal), ov.Operational, ov.InPipeline, exits, len(insts)))
		})
	}
}

// TestLearningReportFigures cross-checks the distance-learning report with
// the store's enrolments.
func TestLearningReportFigures(t *testing.T) {
	s := sampleStore(t)
	period := Learning.DefaultPeriod(testToday)
	sessions, err := s.Sessions.Where(func(ss *data.Session) bool { return period.Contains(ss.Start) })
	if err != nil {
		t.Fatal(err)
	}
	in := map[data.ID]bool{}
	for _, ss := range sessions {
		in[ss.ID] = true
	}
	enrolments, err := s.Enrolments.Where(func(e *data.Enrolment) bool { return in[e.Session] })
	if err != nil {
		t.Fatal(err)
	}
	completed, people, orgs := 0, map[string]bool{}, map[string]int{}
	for _, e := range enrolments {
		if e.Status == data.StatusCompleted {
			completed++
		}
		people[data.NormEmail(e.Email)] = true
		orgs[e.Organisation]++
	}
	if len(enrolments) == 0 || completed == 0 {
		t.Fatalf("the sample should have enrolments and completions this year")
	}
	var topOrg string
	for o, n := range orgs {
		if o != "" && (topOrg == "" || n > orgs[topOrg]) {
			topOrg = o
		}
	}
	for _, l := range langs {
		t.Run(string(l), func(t *testing.T) {
			p := render(t, s, Learning, Options{Lang: l, Period: period})
			p.hasFigures(t,
				figure{num(len(enrolments)), l.f(phEnrolmentsInSessions, len(sessions)), rgb{}},
				figure{num(len(people)), l.in(phParticipants), rgb{}},
				figure{num(completed), l.in(phCompletedCertified), rgb{}},
				figure{percent(completed, len(enrolments)), l.in(phCompletionRate), rgb{}},
			)
			p.has(t, topOrg, fmt.Sprintf("%s %s %s", l.in(phTotal), num(len(enrolments)), num(completed)))
			for _, ss := range sessions {
				p.has(t, ss.Code)
			}
		})
	}
}

// TestDegreeReportFigures cross-checks the joint-degree report with the
// store's students.
func TestDegreeReportFigures(t *testing.T) {
	s := sampleStore(t)
	students, err := s.Students.List()
	if err != nil {
		t.Fatal(err)
	}
	cohorts, _ := s.Cohorts.List()
	progs, _ := s.Programmes.List()
	graduated, admitted, studying := 0, 0, 0
	for _, st := range students {
		switch st.Status {
		case data.StudentGraduated:
			graduated++
		case data.StudentEnrolled, data.StudentThesis:
			studying++
		}
		if st.Status != data.StudentApplied {
			admitted++
		}
	}
	for _, l := range langs {
		t.Run(string(l), func(t *testing.T) {
			p := render(t, s, Degrees, Options{Lang: l})
			p.hasFigures(t,
				figure{num(len(cohorts)), l.f(phCohortsOfProgrammes, len(progs)), rgb{}},
				figure{num(admitted), l.in(phAdmitted), rgb{}},
				figure{num(studying), l.in(phStudyingNow), rgb{}},
				figure{num(graduated), l.in(phGraduated), rgb{}},
			)
			for _, g := range progs {
				p.has(t, programmeName(l, g))
			}
			for _, c := range cohorts {
				p.has(t, strconv.Itoa(c.IntakeYear))
			}
		})
	}
}

// TestSummaryHeadlines checks the summary's opening sentence against figures
// computed here from the store's records.
func TestSummaryHeadlines(t *testing.T) {
	s := sampleStore(t)
	period := data.Period{From: "2025-01-01", To: "2025-12-31"}
	insts, _ := s.Institutions.List()
	visits, _ := s.Visits.List()
	became, visited := 0, map[data.ID]bool{}
	for _, in := range insts {
		for _, h := range in.History {
			if h.Stage == data.StageOperational && period.Contains(h.Date) {
				became++
				break
			}
		}
	}
	for _, v := range visits {
		if v.Counts() && v.Kind == data.VisitAssessment && period.Contains(v.Date) {
			visited[v.Institution] = true
		}
	}
	sessions, _ := s.Sessions.Where(func(ss *data.Session) bool { return period.Contains(ss.Start) })
	in := map[data.ID]bool{}
	for _, ss := range sessions {
		in[ss.ID] = true
	}
	enrolments, _ := s.Enrolments.Where(func(e *data.Enrolment) bool { return in[e.Session] })
	people := map[string]bool{}
	for _, e := range enrolments {
		people[data.NormEmail(e.Email)] = true
	}
	grads, _ := s.Students.Where(func(st *data.Student) bool {
		return st.Status == data.StudentGraduated && period.Contains(st.Graduated)
	})
	if became == 0 || len(visited) == 0 || len(people) == 0 || len(grads) == 0 {
		t.Fatalf("the sample's last year should have every headline: %d %d %d %d", became, len(visited), len(people), len(grads))
	}
	for _, l := range langs {
		t.Run(string(l), func(t *testing.T) {
			p := render(t, s, Summary, Options{Lang: l, Period: period})
			p.has(t, l.f(phHeadline, num(became), num(len(visited)), num(len(people)), num(len(grads))))
			// The headline figures are on page one.
			first := &pdf{path: p.path, text: p.pages[0], layout: strings.Split(p.layout, "\f")[0]}
			first.hasFigures(t,
				figure{num(became), l.in(phBecameOperational), rgb{}},
				figure{num(len(visited)), l.in(phCandidatesVisited), rgb{}},
				figure{num(len(people)), l.f(phPeopleTookDL, num(len(enrolments))), rgb{}},
				figure{num(len(grads)), l.in(phStudentsGraduated), rgb{}},
			)
			// The sections follow.
			p.has(t, l.in(phNetworkSection), l.in(phVisitsSection), l.in(phLearningSection), l.in(phDegreesSection))
		})
	}
}

// longFindings is a Chinese paragraph long enough to wrap over many lines
// (and, with the other findings, over a page), with Latin words, digits and
// punctuation in it.
var longFindings = strings.Repeat("该机构管理层高度重视知识产权信息服务，已配备4名专职人员（其中3人完成DL-101课程），"+
	"并开通PATENTSCOPE、ASPI和ARDI数据库；建议进一步加强面向中小企业的专利检索培训与技术转移服务。", 14)

// TestVisitReportKeepsTheLongParagraphWhole writes a visit with long
// Chinese findings and reads them back from the PDF.
func TestVisitReportKeepsTheLongParagraphWhole(t *testing.T) {
	s := sampleStore(t)
	v := someVisit(t, s, data.VisitAssessment)
	v.Findings = longFindings + "\n\n" + longFindings[:300]
	if err := s.Visits.Put(v); err != nil {
		t.Fatal(err)
	}
	in, err := s.Institutions.Get(v.Institution)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range langs {
		t.Run(string(l), func(t *testing.T) {
			p := render(t, s, Visit, Options{Lang: l, Visit: v.ID})
			body := withoutRunningLines(p, l)
			if !strings.Contains(body, longFindings) {
				t.Errorf("the long Chinese paragraph did not come back whole:\n%s", body)
			}
			p.has(t, in.LocalName, l.longDate(v.Date), name(l, v.Kind))
			for _, a := range v.Checklist {
				p.has(t, name(l, a.Criterion), a.Comment)
			}
			for _, f := range v.FollowUps {
				p.has(t, f.Action)
			}
			score, _ := v.OverallScore()
			p.has(t, strconv.FormatFloat(score, 'f', 1, 64)+" / 5", l.f(phRecommendationIs, name(l, v.Recommendation)))
		})
	}
}

// withoutRunningLines is the report's text without white space and without
// the running header and footer lines, which pdftotext puts between the
// lines of a paragraph that runs over a page.
func withoutRunningLines(p *pdf, l Lang) string {
	var b strings.Builder
	for _, line := range strings.Split(p.text, "\n") {
		if strings.Contains(line, "TISC Desk") || strings.Contains(line, l.f(phPageOf, 0, 0)[:4]) {
			continue
		}
		b.WriteString(strings.Join(strings.Fields(strings.ReplaceAll(line, "\f", "")), ""))
	}
	return b.String()
}

func TestRenderRefusals(t *testing.T) {
	s := sampleStore(t)
	var buf bytes.Buffer
	ctx := context.Background()
	if err := Render(ctx, s, Visit, Options{}, &buf); !errors.Is(err, ErrNoVisit) {
		t.Errorf("a visit report without a visit: %v, want ErrNoVisit", err)
	}
	if err := Render(ctx, s, Visit, Options{Visit: data.NewID()}, &buf); !errors.Is(err, data.ErrNotFound) {
		t.Errorf("a visit report on no visit: %v, want ErrNotFound", err)
	}
	bad := data.Period{From: "2026-05-01", To: "2026-04-01"}
	if err := Render(ctx, s, Summary, Options{Period: bad}, &buf); !errors.Is(err, ErrBadPeriod) {
		t.Errorf("a period backwards: %v, want ErrBadPeriod", err)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if err := Render(cancelled, s, Learning, Options{}, &buf); !errors.Is(err, context.Canceled) {
		t.Errorf("a cancelled report: %v, want context.Canceled", err)
	}
	if buf.Len() != 0 {
		t.Errorf("refused reports wrote %d bytes", buf.Len())
	}
}

// TestEmptyDatabaseReports: a new database gives short reports that say
// there is nothing yet, not errors.
func TestEmptyDatabaseReports(t *testing.T) {
	s, err := data.Open(filepath.Join(t.TempDir(), "empty.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, k := range []Kind{Summary, Network, Learning, Degrees} {
		p := render(t, s, k, Options{Lang: Chinese, Period: k.DefaultPeriod(testToday)})
		p.has(t, k.Title(Chinese))
	}
}

func TestBatchInChinese(t *testing.T) {
	for in, want := range map[string]string{
		"batch 2": "第2批", "phase 1, batch 3": "第1期第3批", "Phase 2 Batch 1": "第2期第1批",
		"第一批": "第一批", "spring intake": "spring intake", "": dash,
	} {
		if got := Chinese.batch(in); got != want {
			t.Errorf("batch(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestIntakes(t *testing.T) {
	for _, tt := range []struct {
		years []int
		l     Lang
		want  string
	}{
		{[]int{2024}, English, "2024"},
		{[]int{2025, 2024, 2025}, Chinese, "2024、2025"},
		{[]int{2018, 2016, 2017, 2019}, English, "2016–2019"},
		{[]int{2016, 2019, 2020}, English, "2016, 2019, 2020"},
	} {
		if got := intakes(tt.l, tt.years); got != tt.want {
			t.Errorf("intakes(%v) = %q, want %q", tt.years, got, tt.want)
		}
	}
}
