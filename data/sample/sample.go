package sample

import (
	"fmt"
	"math/rand/v2"
	"net/url"
	"slices"
	"strings"
	"time"
	"tiscdesk/data/model"
	"tiscdesk/data/store"
)

// The built-in sample data set, enough for a new user to explore every
// screen and report; its raw material is in sample_tables.go. Its seed is
// fixed: the same today gives the same data.
const sampleSeed1, sampleSeed2 = 2018, 1101

// Load adds TISC Desk's built-in sample data set in one transaction (all or nothing).
// The dates are laid out relative to the year of today, so that "this year" figures on the
// Overview are alive: the sample covers today's year and the year before.
// Sessions whose code already exists are reused, not duplicated. Same input date → same data (deterministic, math/rand/v2 with a fixed seed).
//
// Nothing that has happened is dated after today. A participant already
// enrolled in a reused session is not enrolled again; the catalogue courses
// the sample needs (DL-101, DL-301, DL-318) are added back if deleted.
// Returns an error, and adds nothing, when today is not a date or a record
// cannot be saved.
func Load(s *store.Store, today model.Date) (store.Counts, error) {
	if !today.Valid() {
		return store.Counts{}, fmt.Errorf("load sample: today %q is not a date of the form YYYY-MM-DD", today)
	}
	var added store.Counts
	err := s.Update(func(tx *store.Tx) error {
		g := newSampler(s, tx, today)
		for _, step := range []func() error{g.courses, g.institutions, g.visits, g.learning, g.degrees, g.operations} {
			if err := step(); err != nil {
				return err
			}
		}
		added = g.added
		return nil
	})
	if err != nil {
		return store.Counts{}, fmt.Errorf("load sample: %w", err)
	}
	return added, nil
}

// sampler generates the sample within one transaction.
type sampler struct {
	s     *store.Store
	tx    *store.Tx
	rng   *rand.Rand
	today model.Date
	year  int
	start model.Date // the timeline's origin, mid-January of last year
	span  int        // days from start to today
	added store.Counts
	insts []*model.Institution
}

// newSampler starts the timeline and the random stream for today.
func newSampler(s *store.Store, tx *store.Tx, today model.Date) *sampler {
	year := today.Year()
	start := model.Date(fmt.Sprintf("%04d-01-15", year-1))
	return &sampler{
		s: s, tx: tx, rng: rand.New(rand.NewPCG(sampleSeed1, sampleSeed2)),
		today: today, year: year, start: start, span: sampleDaysBetween(start, today),
	}
}

// samplePut saves v with the table's own validation and counts it.
func samplePut[T any, P store.EntityPtr[T]](tx *store.Tx, t *store.Table[T, P], v P, n *int) error {
	if err := t.PutIn(tx, v); err != nil {
		return err
	}
	*n++
	return nil
}

// courses adds back the catalogue courses the sample's sessions need.
func (g *sampler) courses() error {
	have := map[string]bool{}
	if err := g.s.Courses.EachIn(g.tx, func(c *model.Course) bool { have[c.Number] = true; return true }); err != nil {
		return err
	}
	for _, e := range model.BuiltinCatalogue() {
		if have[e.Number] || !slices.Contains(sampleCourses, e.Number) {
			continue
		}
		c := &model.Course{Number: e.Number, TitleEN: e.TitleEN, TitleZH: e.TitleZH, Builtin: true}
		if err := samplePut(g.tx, g.s.Courses, c, &g.added.Courses); err != nil {
			return fmt.Errorf("add course DL-%s: %w", e.Number, err)
		}
	}
	return nil
}

// institutions adds the sample institutions with their pipeline histories.
func (g *sampler) institutions() error {
	for _, row := range sampleInstitutions {
		in := &model.Institution{
			LocalName: row.local, EnglishName: row.english, Type: row.typ, Province: row.province,
			City: row.city, Address: row.address, Website: row.website, Notes: row.notes,
		}
		if row.batch > 0 {
			in.Batch = fmt.Sprintf("batch %d", row.batch)
		}
		domain := sampleDomain(row.website)
		for range 1 + g.rng.IntN(2) {
			zh, py, _ := g.chineseName()
			in.Contacts = append(in.Contacts, model.Contact{Name: zh, Title: g.pick(sampleTitles[row.typ]),
				Email: py + "@" + domain, Phone: fmt.Sprintf("+86 %s %04d %04d", row.area, 5000+g.rng.IntN(4000), g.rng.IntN(10000))})
		}
		in.Services = sampleSome(g, model.Services(), 2+g.rng.IntN(4))
		in.History = g.history(row)
		in.Stage = row.stage
		if err := samplePut(g.tx, g.s.Institutions, in, &g.added.Institutions); err != nil {
			return fmt.Errorf("add institution %s: %w", row.local, err)
		}
		g.insts = append(g.insts, in)
	}
	return nil
}

// samplePath lists the stages an institution at current went through.
func samplePath(current model.Stage) []model.Stage {
	pipe := model.PipelineStages()
	switch current {
	case model.StageRejected:
		return append(pipe[:4:4], current)
	case model.StageWithdrawn:
		return append(pipe[:3:3], current)
	case model.StageSuspended:
		return append(pipe, current)
	}
	return pipe[:slices.Index(pipe, current)+1]
}

// history dates each stage of row's path on the timeline: an approved
// institution's around its batch's approval day, the others' ending
// somewhere in the second half of the timeline.
func (g *sampler) history(row sampleInstitution) []model.StageChange {
	path := samplePath(row.stage)
	end := 0.55 + 0.4*g.rng.Float64()
	var out []model.StageChange
	prev := -1
	for i, st := range path {
		var f float64
		switch {
		case st == model.StageSuspended:
			f = sampleSuspendedAt
		case row.batch > 0:
			f = sampleBatchApproved[row.batch] + sampleAroundApprove[i]
		default:
			f = end - 0.07*float64(len(path)-1-i)
		}
		if st != model.StageApproved { // a batch is approved on one day
			f += 0.02 * (g.rng.Float64() - 0.5)
		}
		day := min(max(int(f*float64(g.span)), prev+1), g.span)
		prev = day
		date := sampleShift(g.start, day)
		by := sampleOffice
		if st == model.StageVisited {
			by = g.pick(sampleFieldDevice)
		}
		note := ""
		switch {
		case st == model.StageApproved:
			note = fmt.Sprintf("Approved as preparatory institution, batch %d", row.batch)
		case st.IsExit() || g.rng.Float64() < 0.6:
			note = g.pick(sampleStageNotes[st])
		}
		recorded := date.Time().Add(time.Duration(8*60+g.rng.IntN(10*60)) * time.Minute)
		out = append(out, model.StageChange{Stage: st, Date: date, Note: note, By: by, RecordedAt: recorded})
	}
	return out
}

// sampleVisit is a visit planned before it is filled in.
type sampleVisit struct {
	in   *model.Institution
	kind model.VisitKind
	date model.Date
	rec  model.Recommendation
}

// visits adds assessment visits to every institution that reached the
// visited stage, plaque ceremonies, and follow-up and training visits to
// the operational ones, in date order.
func (g *sampler) visits() error {
	plans := g.visitPlans()
	slices.SortStableFunc(plans, func(a, b sampleVisit) int { return strings.Compare(string(a.date), string(b.date)) })
	var visits []*model.Visit
	for _, p := range plans {
		v := g.visit(p)
		if err := samplePut(g.tx, g.s.Visits, v, &g.added.Visits); err != nil {
			return fmt.Errorf("add visit to %s on %s: %w", p.in.LocalName, p.date, err)
		}
		visits = append(visits, v)
	}
	return g.fieldKit(visits) // photos, positions, a draft, edits (fieldkit.go)
}

// visitPlans decides who was visited when, and what each visit concluded.
func (g *sampler) visitPlans() []sampleVisit {
	var plans []sampleVisit
	add := func(in *model.Institution, kind model.VisitKind, date model.Date, rec model.Recommendation) {
		plans = append(plans, sampleVisit{in, kind, date, rec})
	}
	stalled, operational, signed := 0, 0, 0
	for _, in := range g.insts {
		visited := in.StageDate(model.StageVisited)
		if visited == "" {
			continue
		}
		rec := model.RecommendReady
		switch {
		case in.Stage == model.StageRejected:
			rec = model.RecommendNotReady
		case in.Stage == model.StageVisited:
			rec = []model.Recommendation{model.RecommendWithConditions, model.RecommendReady, model.RecommendWithConditions}[stalled%3]
			if stalled == 0 { // found not ready once, visited again
				add(in, model.VisitAssessment, g.between(in.StageDate(model.StageRecommended), visited, 0.5), model.RecommendNotReady)
			}
			stalled++
		case g.rng.Float64() < 0.3:
			rec = model.RecommendWithConditions
		}
		add(in, model.VisitAssessment, visited, rec)
		op := in.StageDate(model.StageOperational)
		if op != "" {
			add(in, model.VisitCeremony, op, model.RecommendReady)
		}
		switch in.Stage {
		case model.StageOperational:
			if operational%2 == 0 {
				add(in, model.VisitFollowUp, g.between(op, g.today, 0.5), model.RecommendReady)
			}
			if operational%3 == 1 {
				add(in, model.VisitTraining, g.between(op, g.today, 0.8), model.RecommendReady)
			}
			operational++
		case model.StageSuspended: // the visit that led to the suspension
			add(in, model.VisitFollowUp, sampleShift(in.StageDate(model.StageSuspended), -12), model.RecommendNotReady)
		case model.StageAgreement:
			if signed%2 == 0 {
				add(in, model.VisitTraining, g.between(in.StageDate(model.StageAgreement), g.today, 0.6), model.RecommendReady)
			}
			signed++
		}
	}
	return plans
}

// visit fills in a planned visit; its checklist scores agree with its recommendation.
func (g *sampler) visit(p sampleVisit) *model.Visit {
	v := &model.Visit{Institution: p.in.ID, Date: p.date, Kind: p.kind, Recommendation: p.rec}
	v.Visitors = []string{g.pick(sampleWIPOStaff), g.pick(sampleCNIPAStaff)}
	if g.rng.IntN(2) == 0 {
		prov, _ := model.ProvinceByCode(p.in.Province)
		zh, _, _ := g.chineseName()
		v.Visitors = append(v.Visitors, fmt.Sprintf("%s（%s知识产权局）", zh, prov.NameZH))
	}
	for _, c := range p.in.Contacts {
		v.PeopleMet = append(v.PeopleMet, fmt.Sprintf("%s（%s）", c.Name, c.Title))
	}
	if g.rng.IntN(2) == 0 { // a leader joined the meeting
		zh, _, _ := g.chineseName()
		v.PeopleMet = append([]string{fmt.Sprintf("%s（%s）", zh, g.pick(sampleLeaders))}, v.PeopleMet...)
	}
	for i, c := range model.Criteria() {
		score := g.score(p.rec)
		v.Checklist = append(v.Checklist, model.Assessment{Criterion: c, Score: score, Comment: sampleComments[i][sampleLevel[score]]})
	}
	v.StaffCount, v.Trained101, v.Trained318 = g.staff(p.rec)
	choices := sampleDatabases[p.rec]
	v.Databases = slices.Clone(choices[g.rng.IntN(len(choices))])
	key := sampleVisitKey{p.kind, p.rec}
	v.Findings = g.pick(sampleFindings[key])
	v.FollowUps = g.followUps(p, v, sampleActions[key])
	return v
}

// score draws a checklist score that fits rec.
func (g *sampler) score(rec model.Recommendation) int {
	r := g.rng.Float64()
	for score, p := range sampleScoreOdds[rec] {
		if r < p {
			return score
		}
		r -= p
	}
	return 3
}

// staff returns the head count and those trained in DL-101 and DL-318.
func (g *sampler) staff(rec model.Recommendation) (count, t101, t318 int) {
	switch rec {
	case model.RecommendReady:
		count = 4 + g.rng.IntN(5)
		t101 = count - g.rng.IntN(2)
		return count, t101, max(1, t101-g.rng.IntN(3))
	case model.RecommendWithConditions:
		count = 2 + g.rng.IntN(3)
		t101 = 1 + g.rng.IntN(count)
		return count, t101, g.rng.IntN(t101 + 1)
	}
	count = g.rng.IntN(3)
	return count, g.rng.IntN(count + 1), 0
}

// followUps picks 1-4 actions. Those due before today are mostly done, but
// an institution found not ready did not do its own.
func (g *sampler) followUps(p sampleVisit, v *model.Visit, actions []sampleAction) []model.FollowUp {
	var out []model.FollowUp
	for _, i := range g.subset(len(actions), 1+g.rng.IntN(min(4, len(actions)))) {
		a := actions[i]
		f := model.FollowUp{Action: a.text, Owner: v.Visitors[0], Due: sampleShift(p.date, a.days)}
		switch a.owner {
		case ownerHost:
			f.Owner = p.in.Contacts[0].Name
		case ownerCNIPA:
			f.Owner = v.Visitors[1]
		}
		lazy := p.rec == model.RecommendNotReady && a.owner == ownerHost
		if f.Due < g.today && !lazy && g.rng.Float64() < 0.93 {
			f.Done, f.DoneOn = true, max(p.date, sampleShift(f.Due, -g.rng.IntN(10)))
		}
		out = append(out, f)
	}
	return out
}

// learning adds the sessions of last year and this year with their
// enrolments. Some who completed DL-101 come back in a later semester.
func (g *sampler) learning() error {
	sessions, stored, err := g.existingSessions()
	if err != nil {
		return err
	}
	var alumni, graduates []sampleParticipant
	semester := 0
	for _, year := range []int{g.year - 1, g.year} {
		for _, plan := range sampleSessions { // in semester order
			if plan.semester != semester {
				alumni, graduates, semester = append(alumni, graduates...), nil, plan.semester
			}
			grads, err := g.session(year, plan, sessions, stored, alumni)
			if err != nil {
				return err
			}
			graduates = append(graduates, grads...)
		}
	}
	return nil
}

// session adds the session of plan in year, unless one with its code
// exists, and its enrolments but those already stored. It returns who
// completed DL-101.
func (g *sampler) session(year int, plan sampleSession, existing map[string]*model.Session, stored map[model.ID]map[string]bool, alumni []sampleParticipant) ([]sampleParticipant, error) {
	days := sampleSemesters[plan.semester-1]
	start, end := model.Date(fmt.Sprintf("%04d-%s", year, days[0])), model.Date(fmt.Sprintf("%04d-%s", year, days[1]))
	code := model.SessionCode{Course: plan.course, Language: plan.lang, Year: year, Semester: plan.semester}.String()
	tutors := sampleSome(g, sampleTutors[plan.lang], 2) // drawn for a reused session too, so that what follows stays the same
	sess := existing[code]
	if sess == nil {
		sess = &model.Session{Code: code, Start: start, End: end, Platform: "WIPO Academy eLearning Centre", Tutors: tutors}
		if err := samplePut(g.tx, g.s.Sessions, sess, &g.added.Sessions); err != nil {
			return nil, fmt.Errorf("add session %s: %w", code, err)
		}
	}
	var graduates []sampleParticipant
	taken, certs := map[string]bool{}, 0
	for range plan.size[0] + g.rng.IntN(plan.size[1]-plan.size[0]+1) {
		p := g.participant(plan, alumni, taken)
		e := g.enrolment(sess.ID, code, p, start, end, &certs)
		if e.Status == model.StatusCompleted && plan.course == "101" {
			graduates = append(graduates, p)
		}
		if stored[sess.ID][model.NormEmail(p.email)] {
			continue // enrolled when the sample was loaded before
		}
		if err := samplePut(g.tx, g.s.Enrolments, e, &g.added.Enrolments); err != nil {
			return nil, fmt.Errorf("enrol %s in %s: %w", p.email, code, err)
		}
	}
	return graduates, nil
}

// existingSessions returns the stored sessions by code, and the emails
// enrolled in each of them.
func (g *sampler) existingSessions() (map[string]*model.Session, map[model.ID]map[string]bool, error) {
	sessions := map[string]*model.Session{}
	if err := g.s.Sessions.EachIn(g.tx, func(s *model.Session) bool {
		sessions[strings.ToUpper(s.Code)] = s
		return true
	}); err != nil {
		return nil, nil, err
	}
	stored := map[model.ID]map[string]bool{}
	for _, s := range sessions {
		stored[s.ID] = map[string]bool{}
	}
	err := g.s.Enrolments.EachIn(g.tx, func(e *model.Enrolment) bool {
		if emails, ok := stored[e.Session]; ok {
			emails[model.NormEmail(e.Email)] = true
		}
		return true
	})
	return sessions, stored, err
}

// participant picks someone not yet in this session (taken).
func (g *sampler) participant(plan sampleSession, alumni []sampleParticipant, taken map[string]bool) sampleParticipant {
	for {
		var p sampleParticipant
		switch r := g.rng.Float64(); {
		case plan.course != "101" && len(alumni) > 0 && r < 0.2:
			p = alumni[g.rng.IntN(len(alumni))]
		case plan.lang == model.LangEnglish && r < 0.65:
			p = g.foreigner()
		default:
			p = g.chinese()
		}
		if key := model.NormEmail(p.email); !taken[key] {
			taken[key] = true
			return p
		}
	}
}

// enrolment gives p a status that fits the session's dates: results for
// sessions that have ended, active for running ones, registered before the start.
func (g *sampler) enrolment(session model.ID, code string, p sampleParticipant, start, end model.Date, certs *int) *model.Enrolment {
	e := &model.Enrolment{
		Session: session, Name: p.name, Email: p.email, Gender: p.gender, Organisation: p.org,
		Province: p.province, Country: p.country, Registered: min(sampleShift(start, -10-g.rng.IntN(30)), g.today),
	}
	r := g.rng.Float64()
	switch {
	case end < g.today && r < 0.72:
		score := float64(60 + g.rng.IntN(41))
		*certs++
		e.Status, e.Score = model.StatusCompleted, &score
		e.Certificate, e.CertificateDate = fmt.Sprintf("WIPO-%s-%04d", code, *certs), min(sampleShift(end, 14), g.today)
	case end < g.today && r < 0.84:
		score := float64(20 + g.rng.IntN(40))
		e.Status, e.Score = model.StatusFailed, &score
	case end < g.today:
		e.Status = model.StatusWithdrawn
	case start <= g.today && r < 0.88:
		e.Status = model.StatusActive
	case start <= g.today && r < 0.96:
		e.Status = model.StatusWithdrawn
	case start <= g.today:
		e.Status = model.StatusSuspended
	case r < 0.95:
		e.Status = model.StatusRegistered
	default:
		e.Status = model.StatusWithdrawn
	}
	return e
}

// degrees adds the WIPO-Tongji programme with a graduated cohort and a current one.
func (g *sampler) degrees() error {
	prog := sampleProgramme // a copy, to which the store gives an id
	if err := samplePut(g.tx, g.s.Programmes, &prog, &g.added.Programmes); err != nil {
		return fmt.Errorf("add programme: %w", err)
	}
	for i, size := range []int{23, 24} {
		intake := g.year - 2 + i
		c := &model.Cohort{
			Programme: prog.ID, IntakeYear: intake, Places: 25, Applicants: 150 + g.rng.IntN(80),
			Start: model.Date(fmt.Sprintf("%04d-09-05", intake)), Graduation: model.Date(fmt.Sprintf("%04d-12-18", intake+1)),
		}
		if err := samplePut(g.tx, g.s.Cohorts, c, &g.added.Cohorts); err != nil {
			return fmt.Errorf("add cohort %d: %w", intake, err)
		}
		if err := g.students(c, size, 2-i); err != nil {
			return err
		}
	}
	return nil
}

// students adds a cohort's students from many countries, two of them
// Chinese; withdrawn of them left. A cohort past its graduation day has
// graduated; a current one writes its theses from March on.
func (g *sampler) students(c *model.Cohort, size, withdrawn int) error {
	left := g.subset(size, withdrawn)
	order := g.rng.Perm(len(sampleCountries))
	names := map[string]bool{}
	thesisTime := model.Date(fmt.Sprintf("%04d-03-01", c.IntakeYear+1)) <= g.today
	for i := range size {
		st := &model.Student{Cohort: c.ID}
		theses, country := sampleThesesCN, ""
		for st.Name == "" || names[st.Name] {
			if i%11 == 5 {
				zh, py, gender := g.chineseName()
				st.Name, st.Gender, st.Nationality, st.Funder = zh, gender, "CN", model.FunderSelf
				st.Email = py + "@tongji.edu.cn"
				continue
			}
			sc := sampleCountries[order[i%len(order)]]
			st.Name, st.Gender = g.foreignName(sc)
			st.Nationality, theses, country = sc.code, sampleTheses, sc.name
			st.Funder = sampleFunders[g.rng.IntN(len(sampleFunders))]
		}
		names[st.Name] = true
		if st.Nationality != "CN" {
			st.Email = sampleMailbox(st.Name) + "@" + g.pick(sampleForeignMail)
		}
		switch {
		case slices.Contains(left, i):
			st.Status = model.StudentWithdrawn
		case c.Graduation < g.today:
			st.Status, st.Graduated = model.StudentGraduated, c.Graduation
		case thesisTime && i%8 != 3:
			st.Status = model.StudentThesis
		default:
			st.Status = model.StudentEnrolled
		}
		if st.Status == model.StudentGraduated || st.Status == model.StudentThesis {
			st.Thesis = strings.ReplaceAll(g.pick(theses), "%s", country)
			st.Supervisor = g.pick(sampleSupervisors)
		}
		if err := samplePut(g.tx, g.s.Students, st, &g.added.Students); err != nil {
			return fmt.Errorf("add student %s: %w", st.Name, err)
		}
	}
	return nil
}

// pick draws one of list.
func (g *sampler) pick(list []string) string { return list[g.rng.IntN(len(list))] }

// sampleSome picks n distinct elements of list, in list order.
func sampleSome[T any](g *sampler, list []T, n int) []T {
	var out []T
	for _, i := range g.subset(len(list), n) {
		out = append(out, list[i])
	}
	return out
}

// subset picks n distinct indexes below size, in increasing order.
func (g *sampler) subset(size, n int) []int {
	out := g.rng.Perm(size)[:min(n, size)]
	slices.Sort(out)
	return out
}

// between is the date a fraction f of the way from a to b.
func (g *sampler) between(a, b model.Date, f float64) model.Date {
	return sampleShift(a, int(f*float64(sampleDaysBetween(a, b))))
}

// sampleShift is the date days after d; sampleDaysBetween counts the days from a to b.
func sampleShift(d model.Date, days int) model.Date {
	return model.DateOf(d.Time().AddDate(0, 0, days))
}
func sampleDaysBetween(a, b model.Date) int { return int(b.Time().Sub(a.Time()).Hours() / 24) }

// sampleDomain is the mail domain of a website; a public mailbox when there is none.
func sampleDomain(website string) string {
	u, err := url.Parse(website)
	if website == "" || err != nil || u.Host == "" {
		return "163.com"
	}
	return strings.TrimPrefix(u.Host, "www.")
}
