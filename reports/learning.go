package reports

import (
	"cmp"
	"context"
	"maps"
	"slices"
	"strconv"
	"strings"

	"tiscdesk/data"
)

// The distance-learning report for a period: enrolments, completions and
// pass rates by course, session and language; the split by gender and by
// province; the organisations that sent the most participants; a chart.

// topOrganisations is how many organisations the report lists.
const topOrganisations = 15

func renderLearning(ctx context.Context, s *data.Store, opt Options) (*doc, error) {
	f, err := loadLearning(ctx, s, opt.Period)
	if err != nil {
		return nil, err
	}
	opt.Progress(0.6)
	l := opt.Lang
	d, err := newDoc(l, Learning.Title(l), l.period(opt.Period), opt.Today)
	if err != nil {
		return nil, err
	}
	d.learningFigures(f)
	if f.total.enrolled == 0 {
		d.paragraph(l.in(phNoEnrolments), 9.5, colMuted)
		return d, nil
	}
	d.learningCourses(f)
	d.learningSessions(f)
	d.learningLanguages(f)
	d.learningGender(f)
	d.learningProvinces(f)
	d.learningOrganisations(f)
	return d, nil
}

func (d *doc) learningFigures(f *learningFacts) {
	l := d.lang
	d.figures([]figure{
		{value: num(f.total.enrolled), caption: l.f(phEnrolmentsInSessions, len(f.sessions))},
		{value: num(f.participants), caption: l.in(phParticipants)},
		{value: num(f.total.completed), caption: l.in(phCompletedCertified), color: colGreen},
		{value: percent(f.total.completed, f.total.enrolled), caption: l.in(phCompletionRate)},
		{value: f.total.passRate(), caption: l.in(phPassRateCaption), color: colGreen},
	})
}

// tallyCells are the columns every breakdown shares.
func tallyCells(t *tally) []string {
	return []string{num(t.enrolled), num(t.completed), num(t.failed), num(t.withdrawn), num(t.inProgress()), t.passRate()}
}

func (d *doc) tallyColumns(first ...column) []column {
	l := d.lang
	return append(first,
		column{l.in(phEnrolments), 1.3, "R"}, column{name(l, data.StatusCompleted), 1.3, "R"},
		column{name(l, data.StatusFailed), 1.1, "R"}, column{name(l, data.StatusWithdrawn), 1.2, "R"},
		column{l.in(phInProgress), 1.3, "R"}, column{l.in(phPassRate), 1.1, "R"})
}

func (d *doc) learningCourses(f *learningFacts) {
	l := d.lang
	d.part(l.in(phByCourse), 60)
	var bars []hbar
	for _, n := range ranked(f.byCourse) {
		t := f.byCourse[n]
		bars = append(bars, hbar{label: "DL-" + n, values: []int{t.completed, t.failed, t.enrolled - t.completed - t.failed},
			note: l.f(phPassNote, t.passRate())})
	}
	d.hbarChart(hbarChart{
		series: []series{{name(l, data.StatusCompleted), colGreen}, {name(l, data.StatusFailed), colRed}, {l.in(phOtherOutcomes), colBrandLite}},
		bars:   bars, legend: true, labelW: 22,
	})
	t := &table{cols: d.tallyColumns(column{l.in(phCourse), 4.4, "L"})}
	for _, n := range sortedKeys(f.byCourse) {
		title := "DL-" + n
		if c := f.courses[n]; c != nil {
			title += " " + l.courseTitle(c)
		}
		t.add(append([]string{title}, tallyCells(f.byCourse[n])...)...)
	}
	t.addKind(rowTotal, append([]string{l.in(phTotal)}, tallyCells(&f.total)...)...)
	d.table(t)
	d.note(l.in(phPassRateNote))
}

func (d *doc) learningSessions(f *learningFacts) {
	l := d.lang
	d.heading(l.in(phBySession), 30)
	t := &table{cols: d.tallyColumns(column{l.in(phSession), 1.6, "L"}, column{l.in(phLanguage), 1.1, "L"},
		column{l.in(phDates), 2.3, "L"})}
	for _, s := range f.sessions {
		dates := strings.TrimSpace(string(s.Start) + " – " + string(s.End))
		if s.Start == "" && s.End == "" {
			dates = dash
		}
		t.add(append([]string{s.Code, name(l, s.code.Language), dates}, tallyCells(&s.tally)...)...)
	}
	d.table(t)
}

func (d *doc) learningLanguages(f *learningFacts) {
	l := d.lang
	d.heading(l.in(phByLanguage), 25)
	t := &table{cols: d.tallyColumns(column{l.in(phLanguage), 3, "L"})}
	for _, lang := range data.Languages() {
		if tl := f.byLanguage[lang]; tl != nil {
			t.add(append([]string{name(l, lang)}, tallyCells(tl)...)...)
		}
	}
	d.table(t)
}

func (d *doc) learningGender(f *learningFacts) {
	l := d.lang
	d.heading(l.in(phByGender), 25)
	t := &table{cols: d.tallyColumns(column{l.in(phGender), 2, "L"}, column{l.in(phShare), 1, "R"})}
	for _, g := range data.Genders() {
		if tg := f.byGender[g]; tg != nil {
			t.add(append([]string{name(l, g), percent(tg.enrolled, f.total.enrolled)}, tallyCells(tg)...)...)
		}
	}
	d.table(t)
}

func (d *doc) learningProvinces(f *learningFacts) {
	l := d.lang
	d.heading(l.in(phByProvince), 25)
	t := &table{cols: d.tallyColumns(column{l.in(phRegionProvince), 3, "L"})}
	for _, r := range data.Regions() {
		var sum tally
		var rows [][]string
		for _, p := range data.Provinces() {
			if tp := f.byProvince[p.Code]; tp != nil && p.Region == r {
				rows = append(rows, append([]string{"    " + p.Name(string(l))}, tallyCells(tp)...))
				sum.enrolled += tp.enrolled
				sum.completed += tp.completed
				sum.failed += tp.failed
				sum.withdrawn += tp.withdrawn
			}
		}
		if len(rows) == 0 {
			continue
		}
		t.addKind(rowGroup, append([]string{name(l, r)}, tallyCells(&sum)...)...)
		for _, cells := range rows {
			t.add(cells...)
		}
	}
	if tp := f.byProvince[""]; tp != nil {
		t.addKind(rowGroup, append([]string{l.in(phProvinceNotRecorded)}, tallyCells(tp)...)...)
	}
	d.table(t)
	abroad := 0
	for c, tc := range f.byCountry {
		if c != "CN" && c != "" {
			abroad += tc.enrolled
		}
	}
	if abroad > 0 {
		d.note(l.f(phAbroadNote, num(abroad)))
	}
}

func (d *doc) learningOrganisations(f *learningFacts) {
	l := d.lang
	d.heading(l.f(phTopOrganisations, topOrganisations), 25)
	if len(f.byOrg) == 0 {
		d.paragraph(l.in(phNoneRecorded), 9.5, colMuted)
		return
	}
	t := &table{cols: d.tallyColumns(column{"#", 0.5, "R"}, column{l.in(phOrganisation), 4.2, "L"})}
	for i, key := range ranked(f.byOrg) {
		if i == topOrganisations {
			break
		}
		t.add(append([]string{strconv.Itoa(i + 1), f.orgName[key]}, tallyCells(f.byOrg[key])...)...)
	}
	d.table(t)
	d.note(l.f(phOrganisationsNote, num(len(f.byOrg))))
}

// sortedKeys returns m's keys in order.
func sortedKeys[K cmp.Ordered](m map[K]*tally) []K { return slices.Sorted(maps.Keys(m)) }
