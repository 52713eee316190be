package transfer

import (
	"bytes"
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"tiscdesk/data/model"
	"tiscdesk/data/query"
	"tiscdesk/data/sample"
	"tiscdesk/data/store"
	"tiscdesk/data/tabular"
	"tiscdesk/data/tabular/tabulartest"
)

func importStudents(t *testing.T, s *store.Store, file string, raw []byte, opt ImportOptions) (*ImportReport, error) {
	t.Helper()
	rep, err := ImportStudents(context.Background(), s, file, bytes.NewReader(raw), opt)
	if rep == nil {
		t.Fatalf("import %s returned no report (err %v)", file, err)
	}
	return rep, err
}

func mustImportStudents(t *testing.T, s *store.Store, file string, raw []byte, opt ImportOptions) *ImportReport {
	t.Helper()
	rep, err := importStudents(t, s, file, raw, opt)
	if err != nil || len(rep.Errors) > 0 {
		t.Fatalf("import %s: %v\n%s", file, err, errorText(rep))
	}
	return rep
}

// tongjiStore holds the WIPO-Tongji programme (with its Chinese name) and
// its 2018 cohort, which graduated on 2019-12-18.
func tongjiStore(t *testing.T) (*store.Store, *model.Programme, *model.Cohort) {
	t.Helper()
	s := openTemp(t)
	p := &model.Programme{Name: "WIPO-Tongji Master of Intellectual Property", NameZH: "世界知识产权组织—同济大学知识产权硕士项目",
		Partner: "Tongji University", City: "Shanghai", Country: "CN"}
	if err := s.Programmes.Put(p); err != nil {
		t.Fatal(err)
	}
	c := &model.Cohort{Programme: p.ID, IntakeYear: 2018, Start: "2018-09-05", Graduation: "2019-12-18", Places: 25, Applicants: 160}
	if err := s.Cohorts.Put(c); err != nil {
		t.Fatal(err)
	}
	return s, p, c
}

// studentsByEmail maps the live students by their email.
func studentsByEmail(t *testing.T, s *store.Store) map[string]*model.Student {
	t.Helper()
	list, err := s.Students.List()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*model.Student{}
	for _, st := range list {
		out[model.NormEmail(st.Email)] = st
	}
	return out
}

// cohortFigures finds a programme's cohort of year in a fresh index.
func cohortFigures(t *testing.T, s *store.Store, programme string, year int) (*query.CohortRow, *query.DegreeIndex) {
	t.Helper()
	x, err := query.LoadDegrees(s)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range x.Programmes {
		if p.Name != programme {
			continue
		}
		for _, c := range p.Cohorts {
			if c.IntakeYear == year {
				return c, x
			}
		}
	}
	t.Fatalf("no cohort %s %d", programme, year)
	return nil, nil
}

// A roster as the partner university's registry keeps it: Chinese headers,
// Chinese Excel's GB18030, the programme by its Chinese or English name,
// years written 2018级, Chinese values throughout.
const chineseStudentRoster = "项目,入学年份,姓名,性别,国籍,电子邮箱,奖学金,状态,论文题目,导师\r\n" +
	"世界知识产权组织—同济大学知识产权硕士项目,2018级,王芳,女,中国,wangfang@tongji.edu.cn,自费,在读,,\r\n" +
	"WIPO-Tongji Master of Intellectual Property,2018,Abebe Kebede,男,埃塞俄比亚,Abebe.Kebede@gmail.com,WIPO,论文阶段,Patent Information Services for SMEs in Ethiopia,刘颖教授\r\n" +
	"WIPO-Tongji Master of Intellectual Property,2018,Nguyen Thi Lan,女,越南,lan.nguyen@outlook.com,中国政府奖学金,退学,,\r\n" +
	"wipo tongji master of intellectual property,2019年,Grace Otieno,女,肯尼亚人,grace.otieno@yahoo.com,东道国政府,在读,,\r\n" +
	"世界知识产权组织—同济大学知识产权硕士项目,2019,Yonas Girma,男,ET,yonas.girma@gmail.com,WIPO,,,\r\n"

func TestImportStudentsChineseHeaders(t *testing.T) {
	s, _, _ := tongjiStore(t)
	rep := mustImportStudents(t, s, "名单.csv", tabulartest.GB18030(t, chineseStudentRoster), ImportOptions{})
	if rep.Encoding != tabular.EncodingGB18030 || rep.Created != 5 || rep.Updated != 0 || !rep.Written || len(rep.Ignored) != 0 {
		t.Fatalf("report %+v", rep)
	}
	// The 2019 intake did not exist: it is created, once though the rows
	// name its programme in English and in Chinese, and the report says so.
	want := []string{"Cohorts not in the database, created: WIPO-Tongji Master of Intellectual Property, intake 2019.",
		"New students without a status in the file: 1, recorded as enrolled."}
	if !reflect.DeepEqual(noteLines(rep), want) {
		t.Errorf("notes %q, want %q", rep.Notes, want)
	}
	if c, _ := s.Counts(); c.Cohorts != 2 {
		t.Errorf("%d cohorts, want 2", c.Cohorts)
	}
	got := studentsByEmail(t, s)
	abebe := got["abebe.kebede@gmail.com"]
	if abebe == nil || abebe.Name != "Abebe Kebede" || abebe.Gender != model.GenderMale || abebe.Nationality != "ET" ||
		abebe.Funder != model.FunderWIPO || abebe.Status != model.StudentThesis || abebe.Supervisor != "刘颖教授" ||
		abebe.Thesis != "Patent Information Services for SMEs in Ethiopia" {
		t.Errorf("Abebe: %+v", abebe)
	}
	if wf := got["wangfang@tongji.edu.cn"]; wf.Name != "王芳" || wf.Gender != model.GenderFemale || wf.Nationality != "CN" || wf.Funder != model.FunderSelf {
		t.Errorf("王芳: %+v", wf)
	}
	if lan := got["lan.nguyen@outlook.com"]; lan.Status != model.StudentWithdrawn || lan.Funder != model.FunderHost || lan.Nationality != "VN" {
		t.Errorf("Lan: %+v", lan)
	}

	c18, _ := cohortFigures(t, s, "WIPO-Tongji Master of Intellectual Property", 2018)
	f := c18.Figures
	if f.Places != 25 || f.Applicants != 160 || f.Admitted != 3 || f.Enrolled != 2 || f.Thesis != 1 || f.Withdrawn != 1 || f.Graduated != 0 {
		t.Errorf("2018 figures: %+v", f)
	}
	if !reflect.DeepEqual(f.ByGender, map[model.Gender]int{model.GenderFemale: 2, model.GenderMale: 1}) ||
		!reflect.DeepEqual(f.ByFunder, map[model.Funder]int{model.FunderSelf: 1, model.FunderWIPO: 1, model.FunderHost: 1}) ||
		f.Countries() != 3 {
		t.Errorf("2018 splits: %+v", f)
	}
	c19, _ := cohortFigures(t, s, "WIPO-Tongji Master of Intellectual Property", 2019)
	if c19.Figures.Enrolled != 2 || c19.Figures.ByNationality["KE"] != 1 || c19.Places != 0 {
		t.Errorf("2019: %+v %+v", c19.Cohort, c19.Figures)
	}
}

// An English roster from another partner, as a Moodle-style export: UTF-8
// with a BOM, semicolons, first name and surname apart, a programme the
// database does not know yet (with its partner), ISO codes and adjectives
// for the nationalities, an extra column.
const englishStudentRoster = "\ufeffProgramme;Partner university;Intake year;First name;Surname;Sex;Nationality;E-mail;Scholarship;Status;Thesis title;Supervisor;Graduation date;Phone\n" +
	"WIPO-Turin LLM in Intellectual Property;University of Turin;2020;Chioma;Okafor;F;NG;chioma.okafor@gmail.com;WIPO;Graduated;Traditional Knowledge in Nigeria;Prof. Rossi;2021-07-15;+234 1\n" +
	"WIPO-Turin LLM in Intellectual Property;;2020;Kasun;Perera;M;Sri Lankan;kasun.perera@yahoo.com;Self-funded;Enrolled;;;;\n" +
	"WIPO-Tongji Master of Intellectual Property;;2018;Bat-Erdene;Dorj;Male;Mongolia;bat.dorj@gmail.com;Host government;Admitted;;;;\n"

func TestImportStudentsEnglishHeadersAndAnUnknownProgramme(t *testing.T) {
	s, _, _ := tongjiStore(t)
	rep := mustImportStudents(t, s, "roster.csv", []byte(englishStudentRoster), ImportOptions{})
	if rep.Delimiter != ';' || rep.Created != 3 || !reflect.DeepEqual(rep.Ignored, []string{"Phone"}) {
		t.Fatalf("report %+v", rep)
	}
	wantNotes := []string{
		"Programmes not in the database, created: WIPO-Turin LLM in Intellectual Property (partner: University of Turin).",
		"Cohorts not in the database, created: WIPO-Turin LLM in Intellectual Property, intake 2020.",
	}
	if !reflect.DeepEqual(noteLines(rep), wantNotes) {
		t.Errorf("notes:\n%s\nwant\n%s", strings.Join(noteLines(rep), "\n"), strings.Join(wantNotes, "\n"))
	}
	progs, _ := s.Programmes.Where(func(p *model.Programme) bool { return strings.HasPrefix(p.Name, "WIPO-Turin") })
	if len(progs) != 1 || progs[0].Partner != "University of Turin" {
		t.Fatalf("programme: %+v", progs)
	}
	got := studentsByEmail(t, s)
	if ch := got["chioma.okafor@gmail.com"]; ch.Name != "Chioma Okafor" || ch.Gender != model.GenderFemale || ch.Nationality != "NG" ||
		ch.Status != model.StudentGraduated || ch.Graduated != "2021-07-15" || ch.Supervisor != "Prof. Rossi" {
		t.Errorf("Chioma: %+v", ch)
	}
	if k := got["kasun.perera@yahoo.com"]; k.Name != "Kasun Perera" || k.Nationality != "LK" || k.Funder != model.FunderSelf {
		t.Errorf("Kasun: %+v", k)
	}
	turin, x := cohortFigures(t, s, "WIPO-Turin LLM in Intellectual Property", 2020)
	if f := turin.Figures; f.Admitted != 2 || f.Graduated != 1 || f.Enrolled != 1 {
		t.Errorf("Turin 2020: %+v", f)
	}
	if f := x.Totals; f.Students != 3 || f.Admitted != 3 || f.Graduated != 1 {
		t.Errorf("totals: %+v", f)
	}
}

func TestImportStudentsRepeatedStudentUpdates(t *testing.T) {
	s, _, _ := tongjiStore(t)
	mustImportStudents(t, s, "名单.csv", tabulartest.GB18030(t, chineseStudentRoster), ImportOptions{})
	before, _ := cohortFigures(t, s, "WIPO-Tongji Master of Intellectual Property", 2018)
	if before.Figures.Graduated != 0 || before.Figures.Enrolled != 2 {
		t.Fatalf("before: %+v", before.Figures)
	}
	// Abebe again, by his email in another case, now graduated: no date in
	// the file, so he takes his cohort's; 王芳 by name alone, unchanged.
	again := "Programme,Intake,Name,Email,Status\n" +
		"WIPO-Tongji Master of Intellectual Property,2018,Abebe Kebede,ABEBE.KEBEDE@gmail.com,graduated\n" +
		"WIPO-Tongji Master of Intellectual Property,2018,王芳,,在读\n"
	rep := mustImportStudents(t, s, "again.csv", []byte(again), ImportOptions{})
	if rep.Created != 0 || rep.Updated != 1 || rep.Unchanged != 1 {
		t.Fatalf("report %+v", rep)
	}
	if n, _ := s.Students.Count(); n != 5 {
		t.Fatalf("%d students, want the same 5", n)
	}
	abebe := studentsByEmail(t, s)["abebe.kebede@gmail.com"]
	if abebe.Status != model.StudentGraduated || abebe.Graduated != "2019-12-18" || abebe.Supervisor != "刘颖教授" || abebe.Email != "ABEBE.KEBEDE@gmail.com" {
		t.Errorf("Abebe: %+v", abebe)
	}
	if !strings.Contains(strings.Join(noteLines(rep), "\n"), "Graduates without a graduation date in the file: 1, given their cohort's (or today's, when the cohort's is still to come).") {
		t.Errorf("notes %q", rep.Notes)
	}
	// The cohort's figures follow.
	after, _ := cohortFigures(t, s, "WIPO-Tongji Master of Intellectual Property", 2018)
	if f := after.Figures; f.Graduated != 1 || f.Enrolled != 1 || f.Thesis != 0 || f.Admitted != 3 {
		t.Errorf("after: %+v", f)
	}
	// The same file again changes nothing.
	rep = mustImportStudents(t, s, "again.csv", []byte(again), ImportOptions{})
	if rep.Updated != 0 || rep.Unchanged != 2 || rep.Written {
		t.Errorf("second time: %+v", rep)
	}
}

// badStudentRoster has one kind of mistake per row around valid ones.
const badStudentRoster = "programme,partner,intake year,name,gender,nationality,email,scholarship,status,graduation date\n" +
	"WIPO-Tongji Master of Intellectual Property,,2018,Hana Tesfaye,F,Ethiopia,hana@gmail.com,WIPO,enrolled,\n" +
	"WIPO-Tongji Master of Intellectual Property,,2018,Dawit Alemu,M,Atlantis,dawit@gmail.com,WIPO,enrolled,\n" +
	"WIPO-Tongji Master of Intellectual Property,,2018,Yonas Girma,X,ET,yonas@gmail.com,lottery,enrolled,\n" +
	"WIPO-Tongji Master of Intellectual Property,,2018,Meron Kebede,F,ET,meron@,WIPO,sleeping,\n" +
	"WIPO-Tongji Master of Intellectual Property,,18,Selam Abebe,F,ET,selam@gmail.com,WIPO,enrolled,\n" +
	"WIPO-Tongji Master of Intellectual Property,,2018,,F,ET,nobody@gmail.com,WIPO,enrolled,\n" +
	"WIPO-Tongji Master of Intellectual Property,,2018,Hana T.,F,ET,HANA@gmail.com,WIPO,thesis,\n" +
	"WIPO-Busan Master of IP,,2021,Kim Minji,F,KR,minji@naver.com,WIPO,enrolled,\n" +
	"WIPO-Tongji Master of Intellectual Property,,2020,Aziz Karimov,M,UZ,aziz@gmail.com,WIPO,graduated,\n" +
	"WIPO-Tongji Master of Intellectual Property,,2018,Abena Mensah,F,GH,abena@gmail.com,WIPO,graduated,2019/12/18\n"

var badStudentErrors = []string{
	`students.csv:3: nationality: "Atlantis" is not a country (use an ISO code like KE, or a name like Kenya or 肯尼亚)`,
	`students.csv:4: gender: "X" is not a gender (use Female or 女, Male or 男, Other)`,
	`students.csv:4: scholarship: "lottery" is not a scholarship funder (use WIPO, Host government or 东道国政府, Self-funded or 自费, Other)`,
	`students.csv:5: status: "sleeping" is not a student status (use e.g. Enrolled or 在读, Graduated or 已毕业, Withdrawn or 退学)`,
	`students.csv:5: email: "meron@" is not a valid email address`,
	`students.csv:6: intake year: "18" is not an intake year between 1990 and 2100 (write it like 2018)`,
	`students.csv:7: name: is required`,
	`students.csv:8: email: "HANA@gmail.com" is already on line 2 of this file`,
}

// badStudentWarnings are the facts missing from valid rows of
// badStudentRoster: those rows go in.
var badStudentWarnings = []string{
	`students.csv:9: partner: is missing for the new programme WIPO-Busan Master of IP: it is created, marked incomplete until you give it on its page`,
	`students.csv:10: graduation date: is missing for this graduate: add it on the student's form, or give the cohort its graduation date`,
}

func warningText(rep *ImportReport) string {
	lines := make([]string, len(rep.Warnings))
	for i, e := range rep.Warnings {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

func TestImportStudentsInvalidRowsImportNothing(t *testing.T) {
	s, _, _ := tongjiStore(t)
	rep, err := importStudents(t, s, "students.csv", []byte(badStudentRoster), ImportOptions{})
	if !errors.Is(err, ErrRowsInvalid) {
		t.Fatalf("err %v, want ErrRowsInvalid", err)
	}
	if got := errorText(rep); got != strings.Join(badStudentErrors, "\n") {
		t.Errorf("errors:\n%s\nwant\n%s", got, strings.Join(badStudentErrors, "\n"))
	}
	if got := warningText(rep); got != strings.Join(badStudentWarnings, "\n") {
		t.Errorf("warnings:\n%s\nwant\n%s", got, strings.Join(badStudentWarnings, "\n"))
	}
	if rep.Invalid != 6 || rep.Created != 4 || rep.Written {
		t.Errorf("report %+v", rep)
	}
	c, _ := s.Counts()
	if c.Students != 0 || c.Programmes != 1 || c.Cohorts != 1 {
		t.Fatalf("written: %+v", c)
	}

	// Skipping them imports the four valid rows: with them the Busan
	// programme, without its partner, and the Tongji 2020 cohort.
	rep, err = importStudents(t, s, "students.csv", []byte(badStudentRoster), ImportOptions{SkipInvalid: true})
	if err != nil || rep.Created != 4 || rep.Skipped != 6 || !rep.Written || len(rep.Warnings) != 2 {
		t.Fatalf("skip invalid: %v %+v", err, rep)
	}
	c, _ = s.Counts()
	if c.Students != 4 || c.Programmes != 2 || c.Cohorts != 3 {
		t.Fatalf("written: %+v", c)
	}
	if ab := studentsByEmail(t, s)["abena@gmail.com"]; ab.Graduated != "2019-12-18" {
		t.Errorf("Abena: %+v", ab)
	}
}

func TestImportStudentsDryRunWritesNothing(t *testing.T) {
	s, _, _ := tongjiStore(t)
	rep := mustImportStudents(t, s, "roster.csv", []byte(englishStudentRoster), ImportOptions{DryRun: true})
	if rep.Created != 3 || rep.Written || !rep.DryRun || !strings.Contains(rep.Notes[0].String(), "to be created") {
		t.Fatalf("report %+v", rep)
	}
	if c, _ := s.Counts(); c.Students != 0 || c.Programmes != 1 || c.Cohorts != 1 {
		t.Fatalf("a dry run wrote: %+v", c)
	}
}

func TestImportStudentsNeedsProgrammeYearAndName(t *testing.T) {
	s, _, _ := tongjiStore(t)
	for _, header := range []string{
		"name,email,status\nAna Silva,ana@gmail.com,enrolled\n",
		"programme,name,email\nX,Ana Silva,ana@gmail.com\n",
		"programme,intake year,email\nX,2018,ana@gmail.com\n",
	} {
		_, err := importStudents(t, s, "h.csv", []byte(header), ImportOptions{})
		var he *tabular.HeaderError
		if !errors.As(err, &he) || !errors.Is(err, tabular.ErrNoHeader) {
			t.Errorf("%q: err %v, want a HeaderError", header, err)
		}
	}
}

func TestParseIntakeYear(t *testing.T) {
	for in, want := range map[string]int{"2018": 2018, " 2018级": 2018, "2018年": 2018, "2018-2019": 2018, "2018/19": 2018, "2018–19": 2018} {
		if got, ok := parseIntakeYear(in); !ok || got != want {
			t.Errorf("parseIntakeYear(%q) = %d, %v", in, got, ok)
		}
	}
	for _, in := range []string{"", "18", "1989", "2101", "twenty", "2018x"} {
		if got, ok := parseIntakeYear(in); ok {
			t.Errorf("parseIntakeYear(%q) = %d, want refused", in, got)
		}
	}
}

func TestExportStudentsReimports(t *testing.T) {
	s := openTemp(t)
	if _, err := sample.Load(s, "2026-03-15"); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	n, err := ExportStudents(s, &buf, tabular.EncodingUTF8)
	if err != nil {
		t.Fatal(err)
	}
	counts, _ := s.Counts()
	if n != counts.Students || !bytes.HasPrefix(buf.Bytes(), tabulartest.BOM) {
		t.Fatalf("wrote %d of %d students", n, counts.Students)
	}
	// Into the same database: nothing changes.
	rep := mustImportStudents(t, s, "students.csv", buf.Bytes(), ImportOptions{})
	if rep.Unchanged != n || rep.Created+rep.Updated != 0 || len(rep.Ignored) != 0 {
		t.Fatalf("same database: %+v", rep)
	}
	// Into an empty one: the programme, its cohorts and students, with the
	// same figures (places and applicants are not in a roster).
	fresh := openTemp(t)
	rep = mustImportStudents(t, fresh, "students.csv", buf.Bytes(), ImportOptions{})
	if rep.Created != n {
		t.Fatalf("fresh database: %+v", rep)
	}
	want, _ := query.LoadDegrees(s)
	got, _ := query.LoadDegrees(fresh)
	if len(got.Programmes) != 1 || len(got.Programmes[0].Cohorts) != len(want.Programmes[0].Cohorts) {
		t.Fatalf("programmes %+v", got.Programmes)
	}
	for i, c := range want.Programmes[0].Cohorts {
		w, g := c.Figures, got.Programmes[0].Cohorts[i].Figures
		w.Places, w.Applicants = 0, 0
		if !reflect.DeepEqual(w, g) {
			t.Errorf("cohort %d: figures\n%+v\nwant\n%+v", c.IntakeYear, g, w)
		}
	}
}
