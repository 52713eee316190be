package reports

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"tiscdesk/data"
)

// The activity summary: the headline figures on page one, then a section
// per area. It is what a coordinator attaches to the report to headquarters.

// latestVisits is how many of the period's visits the summary lists.
const latestVisits = 12

// summaryFacts gathers the figures of every area for one period.
type summaryFacts struct {
	network  *networkFacts
	visits   *visitFacts
	names    map[data.ID]*data.Institution
	learning *learningFacts
	degrees  *degreeFacts
	stats    *yearStats // the TISCs' yearly returns (network_statistics.go)
}

func loadSummary(ctx context.Context, s *data.Store, opt Options) (*summaryFacts, error) {
	insts, visits, err := loadInstitutions(s)
	if err != nil {
		return nil, err
	}
	opt.Progress(0.15)
	f := &summaryFacts{
		network: newNetworkFacts(insts, opt.Period, opt.Today),
		visits:  newVisitFacts(visits, opt.Period, opt.Today),
		names:   make(map[data.ID]*data.Institution, len(insts)),
	}
	for _, in := range insts {
		f.names[in.ID] = in
	}
	if f.learning, err = loadLearning(ctx, s, opt.Period); err != nil {
		return nil, err
	}
	opt.Progress(0.6)
	if f.degrees, err = loadDegrees(s, opt.Period); err != nil {
		return nil, err
	}
	if f.stats, err = loadLatestYearStats(s, statsYear(opt.Period, opt.Today)); err != nil {
		return nil, err
	}
	return f, nil
}

func renderSummary(ctx context.Context, s *data.Store, opt Options) (*doc, error) {
	f, err := loadSummary(ctx, s, opt)
	if err != nil {
		return nil, err
	}
	opt.Progress(0.7)
	l := opt.Lang
	d, err := newDoc(l, Summary.Title(l), l.period(opt.Period), opt.Today)
	if err != nil {
		return nil, err
	}
	d.summaryHeadlines(f)
	d.summaryStatistics(f.stats)
	d.nested = true
	d.summaryNetwork(f)
	d.summaryVisits(f)
	d.summaryLearning(f)
	d.summaryDegrees(f)
	return d, nil
}

// summaryHeadlines opens the report in a sentence and four figures.
func (d *doc) summaryHeadlines(f *summaryFacts) {
	l := d.lang
	n, v, dl, g := f.network.becameOperational, f.visits.assessed, f.learning.participants, f.degrees.graduates
	d.paragraph(l.f(phHeadline, num(n), num(v), num(dl), num(g)), 11.5, colInk)
	d.y += 2
	d.figures([]figure{
		{value: num(n), caption: l.in(phBecameOperational), color: colGreen},
		{value: num(v), caption: l.in(phCandidatesVisited)},
		{value: num(dl), caption: l.f(phPeopleTookDL, num(f.learning.total.enrolled))},
		{value: num(g), caption: l.in(phStudentsGraduated), color: colGreen},
	})
	d.figures([]figure{
		{value: num(f.network.byStage[data.StageOperational]), caption: l.f(phOperationalOn, l.longDate(f.network.asOf)), color: colGreen},
		{value: num(f.network.inPipeline()), caption: l.in(phInPipeline)},
		{value: num(len(f.visits.visits)), caption: l.in(phSiteVisits)},
		{value: percent(f.learning.total.completed, f.learning.total.enrolled), caption: l.in(phCompletionRate)},
	})
}

func (d *doc) summaryNetwork(f *summaryFacts) {
	l := d.lang
	d.heading(l.in(phNetworkSection), 40)
	covered := 0
	for code, c := range f.network.byProvince {
		if p, ok := data.ProvinceByCode(code); ok && !p.Separate && c[groupOperational] > 0 {
			covered++
		}
	}
	d.paragraph(l.f(phNetworkLead, l.longDate(f.network.asOf), num(f.network.byStage[data.StageOperational]),
		covered, num(f.network.inPipeline()), num(len(f.network.changes))), 9.5, colInk)
	d.networkMap(f.network)
	d.networkPipeline(f.network)
}

func (d *doc) summaryVisits(f *summaryFacts) {
	l := d.lang
	vf := f.visits
	d.heading(l.in(phVisitsSection), 40)
	if len(vf.visits) == 0 {
		d.paragraph(l.in(phNoVisits), 9.5, colMuted)
		return
	}
	d.paragraph(l.f(phVisitsLead, num(len(vf.visits)), num(vf.assessed), num(vf.openFollowUps), num(vf.overdueFollowUps)), 9.5, colInk)

	t := &table{cols: []column{{l.in(phKindOfVisit), 3, "L"}, {l.in(phVisits), 1, "R"}, {l.in(phShare), 1, "R"}}}
	for _, k := range data.VisitKinds() {
		if n := vf.byKind[k]; n > 0 {
			t.add(name(l, k), num(n), percent(n, len(vf.visits)))
		}
	}
	t.addKind(rowTotal, l.in(phTotal), num(len(vf.visits)), "100%")
	d.subheading(l.in(phVisitsByKind), 20)
	d.table(t)

	assessments := vf.byKind[data.VisitAssessment]
	if assessments > 0 {
		d.subheading(l.in(phAssessmentOutcomes), 20)
		var bars []hbar
		for _, r := range append(data.Recommendations(), "") {
			n := vf.byRecommendation[r]
			if n == 0 {
				continue
			}
			label, c := l.in(phNoRecommendation), colGrey
			if r != "" {
				label = name(l, r)
				c = map[data.Recommendation]rgb{data.RecommendReady: colGreen, data.RecommendWithConditions: colAmber, data.RecommendNotReady: colRed}[r]
			}
			bars = append(bars, hbar{label: label, values: []int{n}, color: &c, note: percent(n, assessments)})
		}
		d.hbarChart(hbarChart{series: []series{{color: colBrand}}, bars: bars, labelW: 38})
	}

	d.subheading(l.f(phLatestVisits, min(latestVisits, len(vf.visits)), num(len(vf.visits))), 20)
	t = &table{cols: []column{{l.in(phDate), 1.4, "L"}, {l.in(phInstitution), 4.4, "L"}, {l.in(phProvince), 1.2, "L"},
		{l.in(phKindOfVisit), 1.6, "L"}, {l.in(phScore), 0.9, "R"}, {l.in(phRecommendation), 2, "L"}}}
	for i := len(vf.visits) - 1; i >= 0 && i >= len(vf.visits)-latestVisits; i-- {
		v := vf.visits[i]
		in := f.names[v.Institution]
		score, rec, province := dash, dash, dash
		if s, ok := v.OverallScore(); ok {
			score = strconv.FormatFloat(s, 'f', 1, 64)
		}
		if v.Recommendation != "" {
			rec = name(l, v.Recommendation)
		}
		if in != nil {
			province = l.province(in.Province)
		}
		t.add(string(v.Date), l.institution(in), province, name(l, v.Kind), score, rec)
	}
	d.table(t)
}

func (d *doc) summaryLearning(f *summaryFacts) {
	l := d.lang
	lf := f.learning
	d.heading(l.in(phLearningSection), 60)
	if lf.total.enrolled == 0 {
		d.paragraph(l.in(phNoEnrolments), 9.5, colMuted)
		return
	}
	women := 0
	if t := lf.byGender[data.GenderFemale]; t != nil {
		women = t.enrolled
	}
	d.paragraph(l.f(phLearningLead, num(lf.participants), num(lf.total.enrolled), num(len(lf.sessions)),
		num(lf.total.completed), lf.total.passRate(), percent(women, lf.total.enrolled)), 9.5, colInk)
	d.learningCourses(lf)
}

func (d *doc) summaryDegrees(f *summaryFacts) {
	l := d.lang
	df := f.degrees
	d.heading(l.in(phDegreesSection), 60)
	var years []int
	cohorts := 0
	for _, p := range df.programmes {
		for _, c := range p.cohorts {
			years = append(years, c.IntakeYear)
			cohorts++
		}
	}
	if cohorts == 0 {
		d.paragraph(l.in(phNoCohorts), 9.5, colMuted)
		return
	}
	d.paragraph(l.f(phDegreesLead, num(df.students), num(cohorts), intakes(l, years), num(df.graduates)), 9.5, colInk)
	d.degreesChart(df)
	t := &table{cols: []column{
		{l.in(phProgramme), 4, "L"}, {l.in(phIntake), 1, "L"}, {l.in(phAdmitted), 1.1, "R"},
		{l.in(phStudying), 1.1, "R"}, {name(l, data.StudentGraduated), 1.1, "R"}, {l.in(phWithdrawnOrFailed), 1.1, "R"},
	}}
	for _, p := range df.programmes {
		for _, c := range p.cohorts {
			t.add(programmeName(l, p.Programme), strconv.Itoa(c.IntakeYear), num(c.admitted()),
				num(c.countStatus(data.StudentEnrolled, data.StudentThesis)), num(c.countStatus(data.StudentGraduated)),
				num(c.countStatus(data.StudentWithdrawn, data.StudentFailed)))
		}
	}
	d.table(t)
}

// intakes writes a set of intake years: "2024", "2016–2025" when they run
// without a gap, else "2019, 2021".
func intakes(l Lang, years []int) string {
	slices.Sort(years)
	years = slices.Compact(years)
	if n := len(years); n > 2 && years[n-1]-years[0] == n-1 {
		return strconv.Itoa(years[0]) + "–" + strconv.Itoa(years[n-1])
	}
	parts := make([]string, len(years))
	for i, y := range years {
		parts[i] = strconv.Itoa(y)
	}
	return strings.Join(parts, l.in(phListSep))
}
