package query

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"tiscdesk/data/model"
	"tiscdesk/data/sample"
	"tiscdesk/data/store"
)

func TestCohortFiguresCountStudents(t *testing.T) {
	c := &model.Cohort{Meta: model.Meta{ID: model.NewID()}, Places: 3, Applicants: 40}
	st := func(status model.StudentStatus, g model.Gender, nat string, f model.Funder) *model.Student {
		return &model.Student{Cohort: c.ID, Status: status, Gender: g, Nationality: nat, Funder: f}
	}
	students := []*model.Student{
		st(model.StudentApplied, model.GenderMale, "KE", model.FunderWIPO), // not admitted: not in the splits
		st(model.StudentAdmitted, model.GenderFemale, "KE", model.FunderWIPO),
		st(model.StudentEnrolled, model.GenderFemale, "ET", model.FunderHost),
		st(model.StudentThesis, model.GenderMale, "KE", model.FunderWIPO),
		st(model.StudentGraduated, model.GenderFemale, "", model.FunderSelf),
		st(model.StudentWithdrawn, model.GenderMale, "VN", model.FunderWIPO),
		st(model.StudentFailed, model.GenderUnspecified, "ET", model.FunderNotRecorded),
		{Cohort: model.NewID(), Status: model.StudentEnrolled}, // another cohort's
	}
	f := FiguresOf(c, students)
	want := CohortFigures{Places: 3, Applicants: 40, Students: 7, Applied: 1, Admitted: 6, Enrolled: 2, Thesis: 1,
		Graduated: 1, Withdrawn: 1, Failed: 1,
		ByFunder:      map[model.Funder]int{model.FunderWIPO: 3, model.FunderHost: 1, model.FunderSelf: 1, model.FunderNotRecorded: 1},
		ByGender:      map[model.Gender]int{model.GenderFemale: 3, model.GenderMale: 2, model.GenderUnspecified: 1},
		ByNationality: map[string]int{"KE": 2, "ET": 2, "VN": 1, "": 1}}
	if !reflect.DeepEqual(f, want) {
		t.Fatalf("figures\n%+v\nwant\n%+v", f, want)
	}
	if !f.OverPlaces() || f.Countries() != 3 {
		t.Errorf("OverPlaces %v, Countries %d", f.OverPlaces(), f.Countries())
	}
	if got := fmt.Sprint(f.Nationalities()); got != "[{ET 2} {KE 2} {VN 1} { 1}]" {
		t.Errorf("nationalities %s", got)
	}
	if got := fmt.Sprint(f.Scholarships()); got != "[{wipo 3} {host_government 1} {self_funded 1} { 1}]" {
		t.Errorf("scholarships %s", got)
	}
	if got := fmt.Sprint(f.Genders()); got != "[{female 3} {male 2} { 1}]" {
		t.Errorf("genders %s", got)
	}
}

func TestDegreeIndexOnTheSample(t *testing.T) {
	s := openTemp(t)
	if _, err := sample.Load(s, "2026-03-15"); err != nil {
		t.Fatal(err)
	}
	x, err := LoadDegrees(s)
	if err != nil {
		t.Fatal(err)
	}
	counts, _ := s.Counts()
	if len(x.Programmes) != counts.Programmes || x.Totals.Students != counts.Students {
		t.Fatalf("index: %d programmes, %d students; store: %+v", len(x.Programmes), x.Totals.Students, counts)
	}
	p := x.Programmes[0]
	if len(p.Cohorts) != 2 || p.Cohorts[0].IntakeYear != 2024 || p.Cohorts[1].IntakeYear != 2025 {
		t.Fatalf("cohorts not by intake year: %+v", p.Cohorts)
	}
	// The sample's 2024 intake has graduated, two having withdrawn; the
	// 2025 intake writes its theses.
	old, cur := p.Cohorts[0].Figures, p.Cohorts[1].Figures
	if old.Admitted != 23 || old.Withdrawn != 2 || old.Graduated != 21 || old.Enrolled != 0 {
		t.Errorf("2024: %+v", old)
	}
	if cur.Admitted != 24 || cur.Withdrawn != 1 || cur.Enrolled != 23 || cur.Thesis == 0 {
		t.Errorf("2025: %+v", cur)
	}
	if p.Totals.Admitted != 47 || p.Totals.Graduated != 21 || x.Totals.Graduated != 21 {
		t.Errorf("totals %+v", p.Totals)
	}
	if x.Cohort(p.Cohorts[1].ID) != p.Cohorts[1] || x.Programme(p.ID) != p || x.Cohort(model.NewID()) != nil {
		t.Error("lookups by id")
	}

	// The students of one cohort: search, filter, sort.
	cid := p.Cohorts[1].ID
	all := x.Students(StudentQuery{Cohort: cid})
	if len(all) != 24 {
		t.Fatalf("%d students in 2025", len(all))
	}
	withdrawn := x.Students(StudentQuery{Cohort: cid, Status: model.StudentWithdrawn})
	if len(withdrawn) != 1 || withdrawn[0].Status != model.StudentWithdrawn {
		t.Errorf("withdrawn: %d", len(withdrawn))
	}
	first := all[0]
	words := strings.Fields(first.Name)
	if found := x.Students(StudentQuery{Cohort: cid, Text: strings.ToUpper(words[len(words)-1])}); len(found) == 0 || found[0].Cohort != cid {
		t.Errorf("search %q found nothing", words[len(words)-1])
	}
	if found := x.Students(StudentQuery{Text: "肯尼亚"}); len(found) == 0 || found[0].Nationality != "KE" {
		t.Errorf("search by a Chinese country name: %d", len(found))
	}
	// Sorted by nationality in Chinese: 中国 (zhong) comes after 埃塞俄比亚 (ai).
	byNat := x.Students(StudentQuery{Sort: SortStudentsByNationality, Lang: "zh"})
	pos := map[string]int{}
	for i, r := range byNat {
		if _, ok := pos[r.Nationality]; !ok {
			pos[r.Nationality] = i
		}
	}
	if et, cn := pos["ET"], pos["CN"]; et > cn {
		t.Errorf("by nationality in Chinese: ET at %d, CN at %d", et, cn)
	}
	byStatus := x.Students(StudentQuery{Sort: SortStudentsByStatus, Desc: true})
	if byStatus[0].Status != model.StudentWithdrawn {
		t.Errorf("by status, descending, starts with %s", byStatus[0].Status)
	}
}

// degreeBenchStore holds 5 programmes with 10 cohorts each and 40 students
// per cohort: the ten years of DESIGN section 1 (50 cohorts, 2,000 students).
func degreeBenchStore(b *testing.B) *store.Store {
	b.Helper()
	s, err := store.Open(b.TempDir() + "/bench.db")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	err = s.Update(func(tx *store.Tx) error {
		for p := range 5 {
			prog := &model.Programme{Name: fmt.Sprintf("WIPO-Partner %d Master of IP", p), Partner: fmt.Sprintf("University %d", p)}
			if err := s.Programmes.PutIn(tx, prog); err != nil {
				return err
			}
			for y := range 10 {
				c := &model.Cohort{Programme: prog.ID, IntakeYear: 2016 + y, Places: 40}
				if err := s.Cohorts.PutIn(tx, c); err != nil {
					return err
				}
				for i := range 40 {
					st := &model.Student{Cohort: c.ID, Name: fmt.Sprintf("Student %d-%d-%d", p, y, i), Status: model.StudentStatuses()[i%7],
						Gender: model.Genders()[i%3], Nationality: model.Countries()[i*7%249].Code, Funder: model.Funders()[i%4],
						Email: fmt.Sprintf("s%d.%d.%d@example.org", p, y, i)}
					if st.Status == model.StudentGraduated {
						st.Graduated = "2020-07-01"
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

// BenchmarkDegreeIndex loads 50 cohorts and 2,000 students with their
// figures: what the Joint degrees screen does on each visit.
func BenchmarkDegreeIndex(b *testing.B) {
	s := degreeBenchStore(b)
	for b.Loop() {
		if _, err := LoadDegrees(s); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStudentSearch filters and sorts all 2,000 students: a keystroke
// in the search field at the worst.
func BenchmarkStudentSearch(b *testing.B) {
	x, err := LoadDegrees(degreeBenchStore(b))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		x.Students(StudentQuery{Text: "student 3", Sort: SortStudentsByNationality, Lang: "zh"})
	}
}
