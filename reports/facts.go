package reports

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"tiscdesk/data"
)

// The figures of the reports, computed from the store's records in one
// read transaction each. Nothing here draws; the report files do.

// asOf is the day a period's standing figures are taken on: its end, or
// today when it is open or runs past today.
func asOf(p data.Period, today data.Date) data.Date {
	if p.To == "" || p.To > today {
		return today
	}
	return p.To
}

// stageOn is the institution's stage on day, from its dated history; ok is
// false when it had not entered the pipeline by then. An institution with no
// history (entered before histories were kept) is taken at its stage.
func stageOn(in *data.Institution, day data.Date) (data.Stage, bool) {
	if len(in.History) == 0 {
		return in.Stage, true
	}
	var best data.StageChange
	found := false
	for _, h := range in.History {
		if h.Date <= day && (!found || h.Date >= best.Date) {
			best, found = h, true
		}
	}
	return best.Stage, found
}

// stageGroup sorts a stage into the three groups the region tables count.
func stageGroup(s data.Stage) int {
	switch {
	case s == data.StageOperational:
		return groupOperational
	case s.IsExit():
		return groupExit
	}
	return groupPipeline
}

const (
	groupPipeline = iota
	groupOperational
	groupExit
)

// stageChange is one step of one institution's history.
type stageChange struct {
	in   *data.Institution
	from data.Stage // "" for the first step
	data.StageChange
}

// networkFacts are the TISC network's figures for a period.
type networkFacts struct {
	period  data.Period
	asOf    data.Date
	byStage map[data.Stage]int
	// byProvince counts institutions per province and stage group.
	byProvince map[string]*[3]int
	// operational are the TISCs operational on asOf, by date operational.
	operational []*data.Institution
	changes     []stageChange // within the period, by date
	// becameOperational counts the institutions that reached the
	// operational stage within the period.
	becameOperational int
	total             int
}

func (f *networkFacts) inPipeline() int {
	n := 0
	for _, s := range data.PipelineStages()[:6] {
		n += f.byStage[s]
	}
	return n
}

func (f *networkFacts) exits() int {
	return f.byStage[data.StageRejected] + f.byStage[data.StageWithdrawn] + f.byStage[data.StageSuspended]
}

// newNetworkFacts counts institutions by stage on the period's last day and
// lists the stage changes within it.
func newNetworkFacts(insts []*data.Institution, p data.Period, today data.Date) *networkFacts {
	f := &networkFacts{period: p, asOf: asOf(p, today), byStage: map[data.Stage]int{}, byProvince: map[string]*[3]int{}}
	for _, in := range insts {
		if st, ok := stageOn(in, f.asOf); ok {
			f.total++
			f.byStage[st]++
			c := f.byProvince[in.Province]
			if c == nil {
				c = new([3]int)
				f.byProvince[in.Province] = c
			}
			c[stageGroup(st)]++
			if st == data.StageOperational {
				f.operational = append(f.operational, in)
			}
		}
		became := false
		prev := data.Stage("")
		for _, h := range sortedHistory(in) {
			if p.Contains(h.Date) {
				f.changes = append(f.changes, stageChange{in: in, from: prev, StageChange: h})
				became = became || h.Stage == data.StageOperational
			}
			prev = h.Stage
		}
		if became {
			f.becameOperational++
		}
	}
	slices.SortStableFunc(f.operational, func(a, b *data.Institution) int {
		return cmp.Compare(a.StageDate(data.StageOperational), b.StageDate(data.StageOperational))
	})
	slices.SortStableFunc(f.changes, func(a, b stageChange) int { return cmp.Compare(a.Date, b.Date) })
	return f
}

// sortedHistory is the institution's history in date order (the order in
// which it was recorded when dates tie).
func sortedHistory(in *data.Institution) []data.StageChange {
	h := slices.Clone(in.History)
	slices.SortStableFunc(h, func(a, b data.StageChange) int { return cmp.Compare(a.Date, b.Date) })
	return h
}

// tally counts enrolments by outcome.
type tally struct {
	enrolled, completed, failed, withdrawn int
}

func (t *tally) add(s data.EnrolmentStatus) {
	t.enrolled++
	switch s {
	case data.StatusCompleted:
		t.completed++
	case data.StatusFailed:
		t.failed++
	case data.StatusWithdrawn:
		t.withdrawn++
	}
}

// inProgress counts those registered, active or suspended.
func (t *tally) inProgress() int { return t.enrolled - t.completed - t.failed - t.withdrawn }

// passRate is completed as a share of those with a final result.
func (t *tally) passRate() string { return percent(t.completed, t.completed+t.failed) }

// learningFacts are the distance-learning figures of the sessions that
// started within a period.
type learningFacts struct {
	sessions     []*sessionFacts // by code
	courses      map[string]*data.Course
	byCourse     map[string]*tally // by course number
	byLanguage   map[data.Language]*tally
	byGender     map[data.Gender]*tally
	byProvince   map[string]*tally // Chinese participants, by province code
	byCountry    map[string]*tally
	byOrg        map[string]*tally
	orgName      map[string]string // the first spelling met of each organisation
	participants int               // distinct emails
	total        tally
}

type sessionFacts struct {
	*data.Session
	code data.SessionCode
	tally
}

// sessionStart is the day a session counts from: its start, or the first
// day of its code's year when the start is not recorded.
func sessionStart(s *data.Session) data.Date {
	if s.Start != "" {
		return s.Start
	}
	if y := s.Parsed().Year; y > 0 {
		return data.YearPeriod(y).From
	}
	return ""
}

// loadLearning reads the sessions that started within p and tallies their
// enrolments, checking ctx as it goes.
func loadLearning(ctx context.Context, s *data.Store, p data.Period) (*learningFacts, error) {
	f := &learningFacts{
		courses: map[string]*data.Course{}, byCourse: map[string]*tally{}, byLanguage: map[data.Language]*tally{},
		byGender: map[data.Gender]*tally{}, byProvince: map[string]*tally{}, byCountry: map[string]*tally{},
		byOrg: map[string]*tally{}, orgName: map[string]string{},
	}
	in := map[data.ID]*sessionFacts{}
	emails := map[string]struct{}{}
	err := s.View(func(tx *data.Tx) error {
		if err := s.Courses.EachIn(tx, func(c *data.Course) bool { f.courses[c.Number] = c; return true }); err != nil {
			return err
		}
		if err := s.Sessions.EachIn(tx, func(ss *data.Session) bool {
			if p.Contains(sessionStart(ss)) {
				sf := &sessionFacts{Session: ss, code: ss.Parsed()}
				in[ss.ID] = sf
				f.sessions = append(f.sessions, sf)
			}
			return true
		}); err != nil {
			return err
		}
		n := 0
		var cerr error
		err := s.EachEnrolmentFactIn(tx, func(e *data.EnrolmentFact) bool {
			if n++; n%4096 == 0 {
				if cerr = ctx.Err(); cerr != nil {
					return false
				}
			}
			sf := in[e.Session]
			if sf == nil {
				return true
			}
			sf.add(e.Status)
			f.total.add(e.Status)
			count(f.byCourse, sf.code.Course, e.Status)
			count(f.byLanguage, sf.code.Language, e.Status)
			count(f.byGender, e.Gender, e.Status)
			if e.Province != "" || e.Country == "CN" || e.Country == "" {
				count(f.byProvince, e.Province, e.Status)
			}
			count(f.byCountry, e.Country, e.Status)
			if org := strings.TrimSpace(e.Organisation); org != "" {
				key := strings.ToLower(org)
				if _, ok := f.orgName[key]; !ok {
					f.orgName[key] = org
				}
				count(f.byOrg, key, e.Status)
			}
			emails[data.NormEmail(e.Email)] = struct{}{}
			return true
		})
		if cerr != nil {
			return cerr
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	f.participants = len(emails)
	slices.SortFunc(f.sessions, func(a, b *sessionFacts) int {
		return cmp.Or(cmp.Compare(sessionStart(a.Session), sessionStart(b.Session)), cmp.Compare(a.Code, b.Code))
	})
	return f, nil
}

func count[K comparable](m map[K]*tally, k K, s data.EnrolmentStatus) {
	t := m[k]
	if t == nil {
		t = &tally{}
		m[k] = t
	}
	t.add(s)
}

// ranked returns m's keys ordered by enrolments, most first, then by key.
func ranked[K cmp.Ordered](m map[K]*tally) []K {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b K) int {
		return cmp.Or(cmp.Compare(m[b].enrolled, m[a].enrolled), cmp.Compare(a, b))
	})
	return keys
}

// degreeFacts are the joint-degree programmes with the cohorts that ran
// within a period, and their students.
type degreeFacts struct {
	programmes []*programmeFacts
	students   int
	graduates  int // graduated within the period (a graduate's date is required)
}

type programmeFacts struct {
	*data.Programme
	cohorts []*cohortFacts // by intake year
}

type cohortFacts struct {
	*data.Cohort
	students []*data.Student
}

// countStatus counts the cohort's students with one of the statuses.
func (c *cohortFacts) countStatus(ss ...data.StudentStatus) int {
	n := 0
	for _, st := range c.students {
		if slices.Contains(ss, st.Status) {
			n++
		}
	}
	return n
}

// admitted counts the students who were admitted: all but applicants.
func (c *cohortFacts) admitted() int { return len(c.students) - c.countStatus(data.StudentApplied) }

// runs reports whether a cohort ran within p: from its start (or its
// intake year) to its graduation (or the end of the year after).
func runs(c *data.Cohort, p data.Period) bool {
	start, end := c.Start, c.Graduation
	if start == "" {
		start = data.YearPeriod(c.IntakeYear).From
	}
	if end == "" {
		end = data.YearPeriod(c.IntakeYear + 1).To
	}
	return (p.To == "" || start <= p.To) && (p.From == "" || end >= p.From)
}

// loadDegrees reads the programmes, the cohorts that ran within p and their students.
func loadDegrees(s *data.Store, p data.Period) (*degreeFacts, error) {
	f := &degreeFacts{}
	progs := map[data.ID]*programmeFacts{}
	cohorts := map[data.ID]*cohortFacts{}
	err := s.View(func(tx *data.Tx) error {
		if err := s.Programmes.EachIn(tx, func(g *data.Programme) bool {
			pf := &programmeFacts{Programme: g}
			progs[g.ID] = pf
			f.programmes = append(f.programmes, pf)
			return true
		}); err != nil {
			return err
		}
		if err := s.Cohorts.EachIn(tx, func(c *data.Cohort) bool {
			if pf := progs[c.Programme]; pf != nil && runs(c, p) {
				cf := &cohortFacts{Cohort: c}
				cohorts[c.ID] = cf
				pf.cohorts = append(pf.cohorts, cf)
			}
			return true
		}); err != nil {
			return err
		}
		return s.Students.EachIn(tx, func(st *data.Student) bool {
			if cf := cohorts[st.Cohort]; cf != nil {
				cf.students = append(cf.students, st)
				f.students++
				if st.Status == data.StudentGraduated && p.Contains(st.Graduated) {
					f.graduates++
				}
			}
			return true
		})
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(f.programmes, func(a, b *programmeFacts) int { return cmp.Compare(a.Name, b.Name) })
	for _, pf := range f.programmes {
		slices.SortFunc(pf.cohorts, func(a, b *cohortFacts) int { return cmp.Compare(a.IntakeYear, b.IntakeYear) })
	}
	return f, nil
}

// visitFacts are the site visits of a period.
type visitFacts struct {
	visits           []*data.Visit // by date
	byKind           map[data.VisitKind]int
	byRecommendation map[data.Recommendation]int
	assessed         int // distinct institutions with an assessment visit
	openFollowUps    int // of these visits, as of today
	overdueFollowUps int
}

func newVisitFacts(all []*data.Visit, p data.Period, today data.Date) *visitFacts {
	f := &visitFacts{byKind: map[data.VisitKind]int{}, byRecommendation: map[data.Recommendation]int{}}
	assessed := map[data.ID]bool{}
	for _, v := range all {
		if !p.Contains(v.Date) {
			continue
		}
		f.visits = append(f.visits, v)
		f.byKind[v.Kind]++
		if v.Kind == data.VisitAssessment {
			assessed[v.Institution] = true
			f.byRecommendation[v.Recommendation]++
		}
		open, overdue := v.OpenFollowUps(today)
		f.openFollowUps += open
		f.overdueFollowUps += overdue
	}
	f.assessed = len(assessed)
	slices.SortStableFunc(f.visits, func(a, b *data.Visit) int { return cmp.Compare(a.Date, b.Date) })
	return f
}

// loadInstitutions reads every institution and every finished visit
// (drafts are left out of reports until finished).
func loadInstitutions(s *data.Store) ([]*data.Institution, []*data.Visit, error) {
	var insts []*data.Institution
	var visits []*data.Visit
	err := s.View(func(tx *data.Tx) error {
		if err := s.Institutions.EachIn(tx, func(in *data.Institution) bool { insts = append(insts, in); return true }); err != nil {
			return err
		}
		return s.Visits.EachIn(tx, func(v *data.Visit) bool {
			if v.Counts() {
				visits = append(visits, v)
			}
			return true
		})
	})
	return insts, visits, err
}
