package query

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"strings"
	"tiscdesk/data/model"
	"tiscdesk/data/store"

	"golang.org/x/text/collate"
)

// What the joint-degree screens and report show: each cohort's figures,
// counted from its students (never typed twice), each programme's totals,
// and the students of a cohort listed for search and sorting.

// CohortFigures are a cohort's figures (or, summed, a programme's). Places
// and applicants are entered on the cohort; the rest is counted from the
// students.
type CohortFigures struct {
	Places     int // entered on the cohort
	Applicants int // entered on the cohort
	Students   int // on the roster, whatever their status
	Applied    int // awaiting a decision (status applied)
	// Admitted were offered a place: every student past "applied"
	// (admitted, enrolled, writing the thesis, graduated, withdrawn, failed).
	Admitted  int
	Enrolled  int // studying now: enrolled or writing the thesis
	Thesis    int // of the enrolled, those writing the thesis
	Graduated int
	Withdrawn int
	Failed    int
	// Splits of the admitted students. A missing key counts nobody.
	ByFunder      map[model.Funder]int // scholarships by funder; FunderNotRecorded when not known
	ByGender      map[model.Gender]int
	ByNationality map[string]int // by ISO 3166-1 code; "" when not recorded
}

// newCohortFigures is the figures of a cohort before its students count.
func newCohortFigures(c *model.Cohort) CohortFigures {
	f := CohortFigures{ByFunder: map[model.Funder]int{}, ByGender: map[model.Gender]int{}, ByNationality: map[string]int{}}
	if c != nil {
		f.Places, f.Applicants = c.Places, c.Applicants
	}
	return f
}

// FiguresOf computes the figures of cohort c from students; students of
// other cohorts are left out.
func FiguresOf(c *model.Cohort, students []*model.Student) CohortFigures {
	f := newCohortFigures(c)
	for _, st := range students {
		if st.Cohort == c.ID {
			f.count(st)
		}
	}
	return f
}

// count adds one student to the figures.
func (f *CohortFigures) count(st *model.Student) {
	f.Students++
	switch st.Status {
	case model.StudentApplied:
		f.Applied++
		return // not admitted: not in the splits
	case model.StudentEnrolled:
		f.Enrolled++
	case model.StudentThesis:
		f.Enrolled++
		f.Thesis++
	case model.StudentGraduated:
		f.Graduated++
	case model.StudentWithdrawn:
		f.Withdrawn++
	case model.StudentFailed:
		f.Failed++
	}
	f.Admitted++
	f.ByFunder[st.Funder]++
	f.ByGender[st.Gender]++
	f.ByNationality[st.Nationality]++
}

// add sums o into f: a programme's totals.
func (f *CohortFigures) add(o CohortFigures) {
	f.Places += o.Places
	f.Applicants += o.Applicants
	f.Students += o.Students
	f.Applied += o.Applied
	f.Admitted += o.Admitted
	f.Enrolled += o.Enrolled
	f.Thesis += o.Thesis
	f.Graduated += o.Graduated
	f.Withdrawn += o.Withdrawn
	f.Failed += o.Failed
	for k, n := range o.ByFunder {
		f.ByFunder[k] += n
	}
	for k, n := range o.ByGender {
		f.ByGender[k] += n
	}
	for k, n := range o.ByNationality {
		f.ByNationality[k] += n
	}
}

// OverPlaces reports whether more students were admitted than the cohort
// has places (when it says how many).
func (f CohortFigures) OverPlaces() bool { return f.Places > 0 && f.Admitted > f.Places }

// Count is one value of a split and how many students have it.
type Count[T any] struct {
	Value T
	N     int
}

// Scholarships is the funder split in the order of Funders, without the
// funders nobody has.
func (f CohortFigures) Scholarships() []Count[model.Funder] {
	var out []Count[model.Funder]
	for _, fu := range model.Funders() {
		if n := f.ByFunder[fu]; n > 0 {
			out = append(out, Count[model.Funder]{fu, n})
		}
	}
	return out
}

// Genders is the gender split in the order of Genders, without the genders
// nobody has.
func (f CohortFigures) Genders() []Count[model.Gender] {
	var out []Count[model.Gender]
	for _, g := range model.Genders() {
		if n := f.ByGender[g]; n > 0 {
			out = append(out, Count[model.Gender]{g, n})
		}
	}
	return out
}

// Nationalities is the nationality split, the most frequent first (ties by
// code); "" (not recorded) comes last.
func (f CohortFigures) Nationalities() []Count[string] {
	out := make([]Count[string], 0, len(f.ByNationality))
	for code, n := range f.ByNationality {
		if n > 0 {
			out = append(out, Count[string]{code, n})
		}
	}
	slices.SortFunc(out, func(a, b Count[string]) int {
		if (a.Value == "") != (b.Value == "") {
			return cmp.Compare(b.Value, a.Value) // "" last
		}
		if a.N != b.N {
			return cmp.Compare(b.N, a.N)
		}
		return cmp.Compare(a.Value, b.Value)
	})
	return out
}

// Countries is the number of nationalities among the admitted students
// (not recorded does not count).
func (f CohortFigures) Countries() int {
	n := 0
	for code, c := range f.ByNationality {
		if code != "" && c > 0 {
			n++
		}
	}
	return n
}

// ProgrammeRow is a programme with its cohorts and their totals.
type ProgrammeRow struct {
	*model.Programme
	Cohorts []*CohortRow // by intake year, oldest first
	Totals  CohortFigures
}

// CohortRow is a cohort with its figures.
type CohortRow struct {
	*model.Cohort
	Programme *model.Programme
	Figures   CohortFigures
}

// StudentRow is a student as a cohort's list shows it.
type StudentRow struct {
	*model.Student
	search  string // lower-cased name, email, nationality names, thesis, supervisor
	nameKey []byte // collation key of the name (pinyin for Chinese)
}

// DegreeIndex holds every programme, cohort and student, with the figures,
// loaded in one snapshot.
type DegreeIndex struct {
	Programmes []*ProgrammeRow // by name, pinyin order
	Totals     CohortFigures   // all programmes
	programmes map[model.ID]*ProgrammeRow
	cohorts    map[model.ID]*CohortRow
	students   []StudentRow
	natKeys    map[string][2][]byte // nationality code → collation keys of its English and Chinese names
}

// DegreeIndex loads the joint-degree programmes, cohorts and students and
// computes the figures. Returns an error only when the database fails.
func LoadDegrees(s *store.Store) (*DegreeIndex, error) {
	x := &DegreeIndex{programmes: map[model.ID]*ProgrammeRow{}, cohorts: map[model.ID]*CohortRow{}, Totals: newCohortFigures(nil)}
	err := s.View(func(tx *store.Tx) error {
		if err := s.Programmes.EachIn(tx, func(p *model.Programme) bool {
			r := &ProgrammeRow{Programme: p, Totals: newCohortFigures(nil)}
			x.Programmes = append(x.Programmes, r)
			x.programmes[p.ID] = r
			return true
		}); err != nil {
			return err
		}
		if err := s.Cohorts.EachIn(tx, func(c *model.Cohort) bool {
			if p := x.programmes[c.Programme]; p != nil {
				r := &CohortRow{Cohort: c, Programme: p.Programme, Figures: newCohortFigures(c)}
				p.Cohorts = append(p.Cohorts, r)
				x.cohorts[c.ID] = r
			}
			return true
		}); err != nil {
			return err
		}
		return s.Students.EachIn(tx, func(st *model.Student) bool {
			if c := x.cohorts[st.Cohort]; c != nil {
				c.Figures.count(st)
				x.students = append(x.students, StudentRow{Student: st})
			}
			return true
		})
	})
	if err != nil {
		return nil, fmt.Errorf("load joint degrees: %w", err)
	}
	x.finish()
	return x, nil
}

// finish sorts, sums and prepares the search and sort keys.
func (x *DegreeIndex) finish() {
	col := model.NewCollator()
	var buf collate.Buffer
	key := func(s string) []byte {
		k := bytes.Clone(col.KeyFromString(&buf, s))
		buf.Reset()
		return k
	}
	names := make(map[model.ID][]byte, len(x.Programmes))
	for _, p := range x.Programmes {
		names[p.ID] = key(p.Name)
		slices.SortStableFunc(p.Cohorts, func(a, b *CohortRow) int { return cmp.Compare(a.IntakeYear, b.IntakeYear) })
		for _, c := range p.Cohorts {
			p.Totals.add(c.Figures)
		}
		x.Totals.add(p.Totals)
	}
	slices.SortStableFunc(x.Programmes, func(a, b *ProgrammeRow) int { return bytes.Compare(names[a.ID], names[b.ID]) })
	x.natKeys = map[string][2][]byte{}
	for i := range x.students {
		r := &x.students[i]
		nat := r.Nationality
		if c, ok := model.CountryByCode(nat); ok {
			nat += "\x00" + c.NameEN + "\x00" + c.NameZH
			if _, done := x.natKeys[c.Code]; !done {
				x.natKeys[c.Code] = [2][]byte{key(c.NameEN), key(c.NameZH)}
			}
		}
		r.search = strings.ToLower(strings.Join([]string{r.Name, r.Email, nat, r.Thesis, r.Supervisor}, "\x00"))
		r.nameKey = key(r.Name)
	}
}

// Programme returns the row of programme id, or nil.
func (x *DegreeIndex) Programme(id model.ID) *ProgrammeRow { return x.programmes[id] }

// Cohort returns the row of cohort id, or nil.
func (x *DegreeIndex) Cohort(id model.ID) *CohortRow { return x.cohorts[id] }

// StudentSort is a column a cohort's students sort by.
type StudentSort int

// The student list's sort columns.
const (
	SortStudentsByName StudentSort = iota
	SortStudentsByGender
	SortStudentsByNationality
	SortStudentsByEmail
	SortStudentsByFunder
	SortStudentsByStatus
	SortStudentsByGraduated
)

// StudentQuery is what a student list's search field and filters ask for.
// Zero values mean "any".
type StudentQuery struct {
	Cohort model.ID // NilID: every cohort
	Text   string   // every word must occur in the name, email, nationality, thesis or supervisor
	Status model.StudentStatus
	Sort   StudentSort
	Desc   bool
	Lang   string // the language nationalities sort in ("zh": by their Chinese names)
}

// Students returns the students matching q, sorted as q asks (ties by name).
func (x *DegreeIndex) Students(q StudentQuery) []*StudentRow {
	words := strings.Fields(strings.ToLower(q.Text))
	out := make([]*StudentRow, 0, 64)
	for i := range x.students {
		r := &x.students[i]
		if (q.Cohort != model.NilID && r.Cohort != q.Cohort) || (q.Status != "" && r.Status != q.Status) || !containsAll(r.search, words) {
			continue
		}
		out = append(out, r)
	}
	zh := model.LangIsChinese(q.Lang)
	slices.SortStableFunc(out, func(a, b *StudentRow) int {
		c := x.compareStudents(a, b, q.Sort, zh)
		if c == 0 {
			c = bytes.Compare(a.nameKey, b.nameKey)
		}
		if q.Desc {
			return -c
		}
		return c
	})
	return out
}

func (x *DegreeIndex) compareStudents(a, b *StudentRow, by StudentSort, zh bool) int {
	switch by {
	case SortStudentsByGender:
		return cmp.Compare(model.EnumIndex(model.GenderTable, a.Gender), model.EnumIndex(model.GenderTable, b.Gender))
	case SortStudentsByNationality:
		i := 0
		if zh {
			i = 1
		}
		ka, kb := x.natKeys[a.Nationality][i], x.natKeys[b.Nationality][i]
		if (ka == nil) != (kb == nil) { // not recorded last
			return cmp.Compare(len(kb), len(ka))
		}
		return bytes.Compare(ka, kb)
	case SortStudentsByEmail:
		return cmp.Compare(model.NormEmail(a.Email), model.NormEmail(b.Email))
	case SortStudentsByFunder:
		return cmp.Compare(model.EnumIndex(model.FunderTable, a.Funder), model.EnumIndex(model.FunderTable, b.Funder))
	case SortStudentsByStatus:
		return cmp.Compare(model.EnumIndex(model.StudentStatusTable, a.Status), model.EnumIndex(model.StudentStatusTable, b.Status))
	case SortStudentsByGraduated:
		return cmp.Compare(a.Graduated, b.Graduated)
	}
	return 0 // by name: the tie-break compares names
}
