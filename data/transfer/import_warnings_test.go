package transfer

import (
	"fmt"
	"strings"
	"testing"
	"tiscdesk/data/model"
)

// graduatesRoster is a joint-degree roster as a partner's registry sends it
// (issue 15): 25 graduates of a programme not in the database, with no
// graduation date column and no partner column, values in both languages.
func graduatesRoster() string {
	nationalities := []string{"尼日利亚", "Kenya", "ET", "越南", "Ghanaian"}
	funders := []string{"世界知识产权组织", "WIPO", "中国政府奖学金", "Self-funded", "自费"}
	statuses := []string{"已毕业", "Graduated", "毕业", "graduate", "已毕业"}
	genders := []string{"女", "Male", "F", "男", "female"}
	var b strings.Builder
	b.WriteString("项目,入学年份,姓名,性别,国籍,邮箱,奖学金,状态\n")
	for i := range 25 {
		fmt.Fprintf(&b, "WIPO-Busan Master of IP,2019,Graduate %02d,%s,%s,grad%02d@example.org,%s,%s\n",
			i+1, genders[i%5], nationalities[i%5], i+1, funders[i%5], statuses[i%5])
	}
	return b.String()
}

// TestImportGraduatesWithoutDatesOrPartner imports that roster as CSV and
// as an Excel workbook: every row goes in, each graduate's missing date is
// a warning on its own line, the new programme's missing partner one more,
// and the programme is marked incomplete.
func TestImportGraduatesWithoutDatesOrPartner(t *testing.T) {
	for _, tc := range []struct {
		file  string
		raw   []byte
		first int // the first data line: the workbook has a title above its header
	}{
		{"graduates.csv", []byte(graduatesRoster()), 2},
		{"graduates.xlsx", asWorkbook(t, graduatesRoster()), 3},
	} {
		t.Run(tc.file, func(t *testing.T) {
			s := openTemp(t)
			rep := mustImportStudents(t, s, tc.file, tc.raw, ImportOptions{})
			if rep.Created != 25 || rep.Invalid != 0 || len(rep.Errors) != 0 || !rep.Written {
				t.Fatalf("report: %d created, %d invalid, errors:\n%s", rep.Created, rep.Invalid, errorText(rep))
			}
			want := map[string]bool{fmt.Sprintf("%s:%d: Partner university: is missing for the new programme WIPO-Busan Master of IP: it is created, marked incomplete until you give it on its page", tc.file, tc.first): true}
			for line := tc.first; line < tc.first+25; line++ {
				want[fmt.Sprintf("%s:%d: Graduation date: is missing for this graduate: add it on the student's form, or give the cohort its graduation date", tc.file, line)] = true
			}
			if len(rep.Warnings) != len(want) {
				t.Errorf("%d warnings, want %d:\n%s", len(rep.Warnings), len(want), warningText(rep))
			}
			for i, w := range rep.Warnings {
				if !want[w.Error()] {
					t.Errorf("unexpected warning %q", w.Error())
				}
				if i > 0 && w.Line < rep.Warnings[i-1].Line {
					t.Errorf("warnings out of line order: %d after %d", w.Line, rep.Warnings[i-1].Line)
				}
			}
			progs, _ := s.Programmes.List()
			if len(progs) != 1 || !progs[0].Incomplete() || progs[0].Name != "WIPO-Busan Master of IP" {
				t.Fatalf("programmes: %+v", progs)
			}
			students := studentsByEmail(t, s)
			if len(students) != 25 {
				t.Fatalf("%d students, want 25", len(students))
			}
			for email, st := range students {
				if st.Status != model.StudentGraduated || st.Graduated != "" || st.Nationality == "" || st.Funder == "" || st.Gender == "" {
					t.Errorf("%s: %+v", email, st)
				}
			}
			if g := students["grad01@example.org"]; g.Nationality != "NG" || g.Funder != model.FunderWIPO || g.Gender != model.GenderFemale {
				t.Errorf("graduate 1: %+v", g)
			}
			if g := students["grad03@example.org"]; g.Nationality != "ET" || g.Funder != model.FunderHost {
				t.Errorf("graduate 3: %+v", g)
			}
			if g := students["grad05@example.org"]; g.Nationality != "GH" || g.Funder != model.FunderSelf {
				t.Errorf("graduate 5: %+v", g)
			}

			// Giving the partner in a second import completes the programme,
			// and a file that gives nothing new warns of nothing.
			again := "programme,partner,intake year,name,email,graduation date\n" +
				"WIPO-Busan Master of IP,Pusan National University,2019,Graduate 01,grad01@example.org,2021-08-20\n"
			rep = mustImportStudents(t, s, "again.csv", []byte(again), ImportOptions{})
			if rep.Updated != 1 || len(rep.Warnings) != 0 {
				t.Fatalf("again: %+v; warnings:\n%s", rep, warningText(rep))
			}
			if g := studentsByEmail(t, s)["grad01@example.org"]; g.Graduated != "2021-08-20" {
				t.Errorf("graduate 1 after: %+v", g)
			}
		})
	}
}
