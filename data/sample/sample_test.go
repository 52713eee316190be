package sample

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"tiscdesk/data/model"
	"tiscdesk/data/query"
	"tiscdesk/data/store"
)

const sampleToday = model.Date("2026-11-21")

// openSampleStore opens a new store in a temporary folder.
func openSampleStore(t *testing.T) *store.Store {
	t.Helper()
	s, err := store.Open(filepath.Join(t.TempDir(), "sample.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// loadSample loads the sample into s and fails the test on any error.
func loadSample(t *testing.T, s *store.Store, today model.Date) store.Counts {
	t.Helper()
	added, err := Load(s, today)
	if err != nil {
		t.Fatalf("LoadSample(%s): %v", today, err)
	}
	return added
}

func sampleCheck(t *testing.T, s *store.Store) {
	t.Helper()
	problems, err := s.Check()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Errorf("Check: %s", p)
	}
}

func sampleList[T any, P store.EntityPtr[T]](t *testing.T, table *store.Table[T, P]) []P {
	t.Helper()
	out, err := table.List()
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestLoadSampleCounts(t *testing.T) {
	s := openSampleStore(t)
	before, err := s.Counts()
	if err != nil {
		t.Fatal(err)
	}
	added := loadSample(t, s, sampleToday)
	after, err := s.Counts()
	if err != nil {
		t.Fatal(err)
	}
	want := store.Counts{
		Institutions: before.Institutions + added.Institutions, Visits: before.Visits + added.Visits,
		Courses: before.Courses + added.Courses, Sessions: before.Sessions + added.Sessions,
		Enrolments: before.Enrolments + added.Enrolments, Programmes: before.Programmes + added.Programmes,
		Cohorts: before.Cohorts + added.Cohorts, Students: before.Students + added.Students,
		Statistics: before.Statistics + added.Statistics, Evaluations: before.Evaluations + added.Evaluations,
	}
	if added.Statistics == 0 || added.Evaluations == 0 {
		t.Errorf("the sample has no yearly returns or no evaluations: %+v", added)
	}
	if after != want {
		t.Errorf("after LoadSample the store counts %+v; before %+v plus added %+v is %+v", after, before, added, want)
	}
	if added.Courses != 0 {
		t.Errorf("LoadSample added %d courses to a store that has the whole catalogue", added.Courses)
	}
	t.Logf("LoadSample(%s) added %+v", sampleToday, added)
	sampleCheck(t, s)
}

func TestLoadSampleInstitutions(t *testing.T) {
	s := openSampleStore(t)
	loadSample(t, s, sampleToday)
	insts := sampleList(t, s.Institutions)
	if len(insts) < 25 {
		t.Errorf("%d institutions, want about 30", len(insts))
	}
	stages, provinces, regions := map[model.Stage]int{}, map[string]bool{}, map[model.Region]bool{}
	for _, in := range insts {
		stages[in.Stage]++
		p, _ := model.ProvinceByCode(in.Province)
		provinces[p.Code], regions[p.Region] = true, true
		if in.LocalName == "" || in.EnglishName == "" || in.City == "" || len(in.Contacts) == 0 || len(in.Services) < 2 {
			t.Errorf("%s: incomplete: %+v", in.DisplayName(), in)
		}
		// The history walks the pipeline in order, on increasing dates, up to today.
		path := samplePath(in.Stage)
		if len(in.History) != len(path) {
			t.Errorf("%s: history %v, want the stages %v", in.DisplayName(), in.History, path)
			continue
		}
		for i, h := range in.History {
			if h.Stage != path[i] || h.By == "" || (i > 0 && h.Date <= in.History[i-1].Date) || h.Date > sampleToday {
				t.Errorf("%s: history step %d is %+v", in.DisplayName(), i, h)
			}
		}
		approved := in.StageDate(model.StageApproved) != ""
		if approved != (in.Batch != "") {
			t.Errorf("%s: stage %s with batch %q", in.DisplayName(), in.Stage, in.Batch)
		}
	}
	for _, st := range model.Stages() {
		if stages[st] == 0 {
			t.Errorf("no institution at stage %s", st)
		}
	}
	if stages[model.StageOperational] < 5 {
		t.Errorf("%d operational institutions, want several", stages[model.StageOperational])
	}
	if len(provinces) < 10 {
		t.Errorf("institutions in %d provinces, want at least 10", len(provinces))
	}
	for _, r := range model.Regions()[:6] {
		if !regions[r] {
			t.Errorf("no institution in region %s", r)
		}
	}
}

func TestLoadSampleVisits(t *testing.T) {
	s := openSampleStore(t)
	loadSample(t, s, sampleToday)
	visits := sampleList(t, s.Visits)
	if len(visits) < 35 {
		t.Errorf("%d visits, want at least 35", len(visits))
	}
	overdue, kinds := 0, map[model.VisitKind]int{}
	for _, v := range visits {
		if v.Draft {
			continue // unfinished: TestLoadSampleFieldKit
		}
		kinds[v.Kind]++
		if len(v.Checklist) != len(model.Criteria()) {
			t.Errorf("visit %s on %s assesses %d criteria, want %d", v.ID, v.Date, len(v.Checklist), len(model.Criteria()))
		}
		score, _ := v.OverallScore()
		if (v.Recommendation == model.RecommendReady && score < 3.5) || (v.Recommendation == model.RecommendNotReady && score > 2.5) {
			t.Errorf("visit %s: overall score %.1f does not fit recommendation %s", v.ID, score, v.Recommendation)
		}
		if v.Date > sampleToday || len(v.Visitors) < 2 || v.Findings == "" || len(v.FollowUps) == 0 {
			t.Errorf("visit %s: %+v", v.ID, v)
		}
		_, late := v.OpenFollowUps(sampleToday)
		overdue += late
	}
	if overdue == 0 {
		t.Error("no follow-up is overdue: the Overview's overdue figure would be dead")
	}
	for _, k := range []model.VisitKind{model.VisitAssessment, model.VisitFollowUp, model.VisitTraining, model.VisitCeremony} {
		if kinds[k] == 0 {
			t.Errorf("no %s visit", k)
		}
	}
}

func TestLoadSampleLearning(t *testing.T) {
	s := openSampleStore(t)
	loadSample(t, s, sampleToday)
	sessions := sampleList(t, s.Sessions)
	codes, ended := map[string]bool{}, map[model.ID]bool{}
	for _, ss := range sessions {
		codes[ss.Code] = true
		ended[ss.ID] = ss.End < sampleToday
	}
	for _, course := range []string{"101C", "318C", "301E"} {
		for _, yy := range []string{"25", "26"} {
			if !codes[course+yy+"S1"] && !codes[course+yy+"S2"] {
				t.Errorf("no session %s of 20%s among %v", course, yy, codes)
			}
		}
	}
	enrolments := sampleList(t, s.Enrolments)
	if n := len(enrolments); n < 300 || n > 600 {
		t.Errorf("%d enrolments, want 300-600", n)
	}
	sessionsOf, statuses := map[string]map[model.ID]bool{}, map[model.EnrolmentStatus]int{}
	for _, e := range enrolments {
		statuses[e.Status]++
		key := model.NormEmail(e.Email)
		if sessionsOf[key] == nil {
			sessionsOf[key] = map[model.ID]bool{}
		}
		if sessionsOf[key][e.Session] {
			t.Errorf("%s is enrolled twice in one session", e.Email)
		}
		sessionsOf[key][e.Session] = true
		switch {
		case e.Status == model.StatusActive && ended[e.Session]:
			t.Errorf("%s is active in a session that has ended", e.Email)
		case e.Status == model.StatusCompleted && (e.Score == nil || *e.Score < 60 || e.Certificate == "" || e.CertificateDate > sampleToday):
			t.Errorf("%s completed without a pass score or a certificate: %+v", e.Email, e)
		}
	}
	returning := 0
	for _, ss := range sessionsOf {
		if len(ss) > 1 {
			returning++
		}
	}
	if returning == 0 {
		t.Error("nobody took more than one session")
	}
	if statuses[model.StatusCompleted] < len(enrolments)/2 || statuses[model.StatusFailed] == 0 || statuses[model.StatusWithdrawn] == 0 || statuses[model.StatusActive] == 0 {
		t.Errorf("statuses %v: want most completed, some failed, withdrawn and active", statuses)
	}
}

func TestLoadSampleDegrees(t *testing.T) {
	s := openSampleStore(t)
	loadSample(t, s, sampleToday)
	progs, cohorts, students := sampleList(t, s.Programmes), sampleList(t, s.Cohorts), sampleList(t, s.Students)
	if len(progs) != 1 || len(cohorts) != 2 {
		t.Fatalf("%d programmes and %d cohorts, want 1 and 2", len(progs), len(cohorts))
	}
	if !strings.Contains(progs[0].Name, "Tongji") {
		t.Errorf("programme %q", progs[0].Name)
	}
	byCohort, nations := map[model.ID]map[model.StudentStatus]int{}, map[string]bool{}
	for _, st := range students {
		if byCohort[st.Cohort] == nil {
			byCohort[st.Cohort] = map[model.StudentStatus]int{}
		}
		byCohort[st.Cohort][st.Status]++
		nations[st.Nationality] = true
	}
	early, late := byCohort[cohorts[0].ID], byCohort[cohorts[1].ID]
	if cohorts[0].IntakeYear > cohorts[1].IntakeYear {
		early, late = late, early
	}
	if early[model.StudentGraduated] < 15 || early[model.StudentWithdrawn] == 0 {
		t.Errorf("earlier cohort %v: want mostly graduated, some withdrawn", early)
	}
	if late[model.StudentThesis]+late[model.StudentEnrolled] < 15 || late[model.StudentGraduated] != 0 {
		t.Errorf("later cohort %v: want enrolled or writing their thesis", late)
	}
	if len(nations) < 10 {
		t.Errorf("students from %d countries, want many", len(nations))
	}
}

func TestLoadSampleTwiceReusesSessions(t *testing.T) {
	s := openSampleStore(t)
	first := loadSample(t, s, sampleToday)
	second := loadSample(t, s, sampleToday)
	if second.Sessions != 0 || second.Enrolments != 0 {
		t.Errorf("second LoadSample added %d sessions and %d enrolments, want none", second.Sessions, second.Enrolments)
	}
	if second.Institutions != first.Institutions {
		t.Errorf("second LoadSample added %d institutions, want %d", second.Institutions, first.Institutions)
	}
	seen := map[string]bool{}
	for _, ss := range sampleList(t, s.Sessions) {
		if seen[ss.Code] {
			t.Errorf("session %s is there twice", ss.Code)
		}
		seen[ss.Code] = true
	}
	sampleCheck(t, s)
}

func TestLoadSampleDeterministic(t *testing.T) {
	summary := func() []string {
		s := openSampleStore(t)
		loadSample(t, s, sampleToday)
		var out []string
		for _, in := range sampleList(t, s.Institutions) {
			out = append(out, in.LocalName+" "+string(in.Stage)+" "+string(in.StageDate(in.Stage)))
		}
		for _, v := range sampleList(t, s.Visits) {
			out = append(out, string(v.Date)+" "+string(v.Kind))
		}
		for _, e := range sampleList(t, s.Enrolments) {
			out = append(out, e.Email+" "+string(e.Status))
		}
		return out
	}
	a, b := summary(), summary()
	if !slices.Equal(a, b) {
		t.Errorf("two loads for the same day differ:\n%v\n%v", a, b)
	}
}

// The sample must hold together whatever the day it is loaded.
func TestLoadSampleAnyDay(t *testing.T) {
	for _, today := range []model.Date{"2026-01-01", "2026-03-10", "2026-07-01", "2026-12-31", "2027-01-01", "2028-02-29", "2030-12-31", "2031-02-28"} {
		t.Run(string(today), func(t *testing.T) {
			s := openSampleStore(t)
			loadSample(t, s, today)
			sampleCheck(t, s)
			o, err := query.LoadOverview(s, today)
			if err != nil {
				t.Fatal(err)
			}
			if o.Operational == 0 || o.InPipeline == 0 || o.EnrolmentsThisYear == 0 || o.Students == 0 {
				t.Errorf("overview %+v: a headline figure is zero", o)
			}
			for _, v := range sampleList(t, s.Visits) {
				if v.Date > today {
					t.Errorf("visit on %s, after today", v.Date)
				}
			}
		})
	}
}

func TestLoadSampleBadDay(t *testing.T) {
	s := openSampleStore(t)
	if _, err := Load(s, "21/11/2026"); err == nil {
		t.Error("LoadSample accepted a date that is not YYYY-MM-DD")
	}
	c, err := s.Counts()
	if err != nil {
		t.Fatal(err)
	}
	if c.HasUserData() {
		t.Errorf("a failed LoadSample left records: %+v", c)
	}
}
