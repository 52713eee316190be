package reports

import (
	"cmp"
	"maps"
	"slices"
	"strconv"

	"tiscdesk/data"
)

// The joint-degree report: per programme and cohort, how many were
// admitted, are enrolled, graduated and withdrew; the scholarships by
// funder; the split by gender and by nationality; a chart of graduates by
// cohort.

func renderDegrees(s *data.Store, opt Options) (*doc, error) {
	f, err := loadDegrees(s, opt.Period)
	if err != nil {
		return nil, err
	}
	opt.Progress(0.4)
	l := opt.Lang
	d, err := newDoc(l, Degrees.Title(l), l.period(opt.Period), opt.Today)
	if err != nil {
		return nil, err
	}
	var cohorts []*cohortFacts
	for _, p := range f.programmes {
		cohorts = append(cohorts, p.cohorts...)
	}
	admitted, enrolled, graduated := 0, 0, 0
	for _, c := range cohorts {
		admitted += c.admitted()
		enrolled += c.countStatus(data.StudentEnrolled, data.StudentThesis)
		graduated += c.countStatus(data.StudentGraduated)
	}
	d.figures([]figure{
		{value: num(len(cohorts)), caption: l.f(phCohortsOfProgrammes, len(f.programmes))},
		{value: num(admitted), caption: l.in(phAdmitted)},
		{value: num(enrolled), caption: l.in(phStudyingNow)},
		{value: num(graduated), caption: l.in(phGraduated), color: colGreen},
	})
	if len(cohorts) == 0 {
		d.paragraph(l.in(phNoCohorts), 9.5, colMuted)
		return d, nil
	}
	d.degreesChart(f)
	for _, p := range f.programmes {
		if len(p.cohorts) > 0 {
			d.programme(p)
		}
	}
	return d, nil
}

// degreesChart draws admitted, graduated and withdrawn students by cohort.
func (d *doc) degreesChart(f *degreeFacts) {
	l := d.lang
	d.part(l.in(phGraduatesByCohort), 80)
	var groups []colGroup
	for _, p := range f.programmes {
		for _, c := range p.cohorts {
			label := strconv.Itoa(c.IntakeYear)
			if len(f.programmes) > 1 {
				label = p.Partner + " " + label
			}
			groups = append(groups, colGroup{label: label, values: []int{
				c.admitted(), c.countStatus(data.StudentGraduated), c.countStatus(data.StudentWithdrawn, data.StudentFailed)}})
		}
	}
	d.columnChart(columnChart{series: []series{
		{l.in(phAdmitted), colBrandLite}, {l.in(phGraduated), colGreen}, {l.in(phWithdrawnOrFailed), colGrey}},
		groups: groups})
}

// programmeName is the programme's name in language l.
func programmeName(l Lang, p *data.Programme) string {
	if l == Chinese && p.NameZH != "" {
		return p.NameZH
	}
	return p.Name
}

func (d *doc) programme(p *programmeFacts) {
	l := d.lang
	d.heading(programmeName(l, p.Programme), 40)
	place := p.City
	if p.Country != "" {
		place = joinNonEmpty(", ", p.City, l.country(p.Country))
	}
	kv := [][2]string{{l.in(phPartner), p.Partner}}
	if p.CoOrganiser != "" {
		kv = append(kv, [2]string{l.in(phCoOrganiser), p.CoOrganiser})
	}
	if p.Degree != "" {
		kv = append(kv, [2]string{l.in(phDegree), joinNonEmpty(" · ", p.Degree, p.Specialisation)})
	}
	if place != "" {
		kv = append(kv, [2]string{l.in(phPlace), place})
	}
	d.keyValues(kv)

	d.subheading(l.in(phCohorts), 20)
	t := &table{cols: []column{
		{l.in(phIntake), 1, "L"}, {l.in(phPlaces), 1, "R"}, {l.in(phApplicants), 1.1, "R"}, {l.in(phAdmitted), 1.1, "R"},
		{l.in(phStudying), 1.1, "R"}, {name(l, data.StudentGraduated), 1.1, "R"}, {name(l, data.StudentWithdrawn), 1.1, "R"},
		{name(l, data.StudentFailed), 1, "R"}, {l.in(phGraduation), 1.6, "L"},
	}}
	var sum [8]int
	for _, c := range p.cohorts {
		v := [8]int{0, c.Places, c.Applicants, c.admitted(), c.countStatus(data.StudentEnrolled, data.StudentThesis),
			c.countStatus(data.StudentGraduated), c.countStatus(data.StudentWithdrawn), c.countStatus(data.StudentFailed)}
		for i := range sum {
			sum[i] += v[i]
		}
		t.add(strconv.Itoa(c.IntakeYear), num(v[1]), num(v[2]), num(v[3]), num(v[4]), num(v[5]), num(v[6]), num(v[7]),
			orDash(string(c.Graduation)))
	}
	if len(p.cohorts) > 1 {
		t.addKind(rowTotal, l.in(phTotal), num(sum[1]), num(sum[2]), num(sum[3]), num(sum[4]), num(sum[5]), num(sum[6]), num(sum[7]), "")
	}
	d.table(t)

	splitTable(d, p, l.in(phScholarships), data.Funders(), func(s *data.Student) data.Funder { return s.Funder })
	splitTable(d, p, l.in(phByGender), data.Genders(), func(s *data.Student) data.Gender { return s.Gender })
	d.nationalities(p)
}

// splitTable counts the admitted students of each cohort by one of their
// enumerated fields: a column per value met, a row per cohort.
func splitTable[T interface {
	comparable
	named
}](d *doc, p *programmeFacts, title string, values []T, of func(*data.Student) T) {
	counts := map[int]map[T]int{}
	used := map[T]bool{}
	for _, c := range p.cohorts {
		counts[c.IntakeYear] = map[T]int{}
		for _, s := range c.students {
			if s.Status != data.StudentApplied {
				counts[c.IntakeYear][of(s)]++
				used[of(s)] = true
			}
		}
	}
	l := d.lang
	cols := []column{{l.in(phIntake), 1.2, "L"}}
	var shown []T
	for _, v := range values {
		if used[v] {
			shown = append(shown, v)
			cols = append(cols, column{name(l, v), 1.3, "R"})
		}
	}
	if len(shown) == 0 {
		return
	}
	d.subheading(title, 16)
	t := &table{cols: append(cols, column{l.in(phTotal), 1.1, "R"})}
	for _, c := range p.cohorts {
		cells := []string{strconv.Itoa(c.IntakeYear)}
		total := 0
		for _, v := range shown {
			n := counts[c.IntakeYear][v]
			total += n
			cells = append(cells, num(n))
		}
		t.add(append(cells, num(total))...)
	}
	d.table(t)
}

// nationalities counts the programme's admitted students and graduates by
// country, most first.
func (d *doc) nationalities(p *programmeFacts) {
	l := d.lang
	type count struct{ students, graduates int }
	by := map[string]*count{}
	total := 0
	for _, c := range p.cohorts {
		for _, s := range c.students {
			if s.Status == data.StudentApplied {
				continue
			}
			n := by[s.Nationality]
			if n == nil {
				n = &count{}
				by[s.Nationality] = n
			}
			n.students++
			total++
			if s.Status == data.StudentGraduated {
				n.graduates++
			}
		}
	}
	if total == 0 {
		return
	}
	codes := slices.SortedFunc(maps.Keys(by), func(a, b string) int {
		return cmp.Or(cmp.Compare(by[b].students, by[a].students), cmp.Compare(l.country(a), l.country(b)))
	})
	d.subheading(l.f(phNationalities, len(codes)), 16)
	t := &table{cols: []column{{l.in(phNationality), 4, "L"}, {l.in(phStudents), 1.2, "R"},
		{l.in(phShare), 1, "R"}, {l.in(phGraduated), 1.2, "R"}}}
	for _, code := range codes {
		n := by[code]
		t.add(l.country(code), num(n.students), percent(n.students, total), num(n.graduates))
	}
	d.table(t)
}

func joinNonEmpty(sep string, parts ...string) string {
	out := ""
	for _, p := range parts {
		if p == "" {
			continue
		}
		if out != "" {
			out += sep
		}
		out += p
	}
	return out
}
