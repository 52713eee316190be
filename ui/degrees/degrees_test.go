package degrees

import (
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"tiscdesk/data"
	"tiscdesk/ui/kit"
	"tiscdesk/ui/kit/kittest"
)

// degreesScreen shows the Joint degrees section over store in language code.
func degreesScreen(t *testing.T, store *data.Store, code string) (*kittest.Host, *Screen) {
	t.Helper()
	h, s := kittest.Open(t, store, code, New)
	if s.index == nil {
		t.Fatal("the joint degrees did not load")
	}
	return h, s
}

// currentCohort opens the sample's current intake (the later of its two).
func currentCohort(t *testing.T, s *Screen) *CohortPage {
	t.Helper()
	p := s.index.Programmes[0]
	s.openCohort(p.Cohorts[len(p.Cohorts)-1].ID)
	kittest.Settle(t)
	if s.cohort == nil {
		t.Fatal("the cohort's page did not open")
	}
	return s.cohort
}

func figureValues(p *CohortPage) map[string]int {
	out := map[string]int{}
	for key, f := range p.figures {
		out[key], _ = strconv.Atoi(f.Value())
	}
	return out
}

func TestDegreesScreenShowsProgrammesAndTheirCohorts(t *testing.T) {
	store := kittest.SampleStore(t)
	h, s := degreesScreen(t, store, kit.LangEnglish)
	content := h.Window().Content()
	p := s.index.Programmes[0]
	for _, want := range []string{"Joint degrees", p.Name, p.NameZH, "Admitted", "Scholarships", totalsLine(p.Totals)} {
		if !kittest.HasText(t, content, want) {
			t.Errorf("the section lacks %q", want)
		}
	}
	// The cohort table has a row per intake with the counted figures.
	old := p.Cohorts[0]
	row := []string{strconv.Itoa(old.IntakeYear), strconv.Itoa(old.Figures.Admitted), strconv.Itoa(old.Figures.Graduated)}
	for _, want := range row {
		if !kittest.HasText(t, content, want) {
			t.Errorf("the cohort table lacks %q", want)
		}
	}
	if old.Figures.Graduated == 0 || old.Figures.Admitted <= old.Figures.Graduated {
		t.Errorf("the sample's first intake: %+v", old.Figures)
	}
}

func TestAddStudentThroughTheFormChangesTheCohortFigures(t *testing.T) {
	store := kittest.SampleStore(t)
	h, s := degreesScreen(t, store, kit.LangEnglish)
	page := currentCohort(t, s)
	before := figureValues(page)
	students := len(page.shownRows())

	h.Keys.New() // Ctrl+N on a cohort's page: a new student
	f := kittest.OpenForm[*studentForm](t, h)
	if f == nil || h.Forms().Len() != 1 {
		t.Fatal("Ctrl+N did not open the student form")
	}
	test.Type(f.name, "Wanjiru Kamau")
	f.gender.Set(data.GenderFemale)
	f.nationality.SetText("肯尼亚")
	test.Type(f.email, "wanjiru.kamau@gmail.com")
	f.funder.Set(data.FunderWIPO)
	h.Keys.Save() // Ctrl+S
	kittest.Settle(t)
	if h.Forms().Len() != 0 {
		t.Fatalf("the form stayed open: %q", f.form.General.Text)
	}
	got, _ := store.Students.Where(func(st *data.Student) bool { return st.Email == "wanjiru.kamau@gmail.com" })
	if len(got) != 1 || got[0].Nationality != "KE" || got[0].Status != data.StudentEnrolled || got[0].Cohort != page.id ||
		got[0].Funder != data.FunderWIPO || got[0].Gender != data.GenderFemale {
		t.Fatalf("saved: %+v", got)
	}
	after := figureValues(page)
	if after["admitted"] != before["admitted"]+1 || after["enrolled"] != before["enrolled"]+1 || after["graduated"] != before["graduated"] {
		t.Errorf("figures before %v, after %v", before, after)
	}
	if len(page.shownRows()) != students+1 || !strings.Contains(page.nationals.Text, "Kenya") {
		t.Errorf("the new student is not listed: %d rows; nationalities %q", len(page.shownRows()), page.nationals.Text)
	}

	// She graduates: the form fills in the graduation date, and the
	// figures move from enrolled to graduated.
	s.openStudentForm(page.row, got[0])
	f = kittest.OpenForm[*studentForm](t, h)
	f.status.Set(data.StudentGraduated)
	if f.graduated.Date() == "" {
		t.Fatal("choosing Graduated left the graduation date empty")
	}
	test.Type(f.thesis, "Patent Information Services for SMEs in Kenya")
	h.Keys.Save()
	kittest.Settle(t)
	if h.Forms().Len() != 0 {
		t.Fatalf("the form stayed open: %q", f.form.General.Text)
	}
	final := figureValues(page)
	if final["graduated"] != after["graduated"]+1 || final["enrolled"] != after["enrolled"]-1 || final["admitted"] != after["admitted"] {
		t.Errorf("after graduating: %v, before %v", final, after)
	}
}

func TestStudentFormShowsMessagesBesideTheFields(t *testing.T) {
	store := kittest.SampleStore(t)
	h, s := degreesScreen(t, store, kit.LangEnglish)
	page := currentCohort(t, s)
	taken := page.shownRows()[0].Email
	n, _ := store.Students.Count()

	page.newStudent()
	f := kittest.OpenForm[*studentForm](t, h)
	f.nationality.SetText("Atlantis")
	h.Keys.Save()
	kittest.Settle(t)
	if got := f.form.Message("nationality"); got != "is not a known country" {
		t.Errorf("nationality message %q", got)
	}
	f.nationality.SetText("KE")
	test.Type(f.email, strings.ToUpper(taken))
	h.Keys.Save()
	kittest.Settle(t)
	if got := f.form.Message("email"); got != "is already the email of another student of this cohort" {
		t.Errorf("email message %q", got)
	}
	f.email.SetText("new.student@gmail.com")
	h.Keys.Save()
	kittest.Settle(t)
	if got := f.form.Message("name"); got != "is required" || h.Forms().Len() != 1 {
		t.Errorf("name message %q", got)
	}
	f.status.Set(data.StudentGraduated)
	f.graduated.SetText("2021-13-40")
	test.Type(f.name, "Juma Mushi")
	h.Keys.Save()
	kittest.Settle(t)
	if got := f.form.Message("graduated"); got == "" || h.Forms().Len() != 1 {
		t.Errorf("graduated message %q", got)
	}
	h.Keys.Escape()
	if m, _ := store.Students.Count(); m != n || h.Forms().Len() != 0 {
		t.Errorf("students %d -> %d; forms open %d", n, m, h.Forms().Len())
	}
}

func TestCohortStudentsSearchFilterAndSort(t *testing.T) {
	store := kittest.SampleStore(t)
	h, s := degreesScreen(t, store, kit.LangEnglish)
	page := currentCohort(t, s)
	all := page.shownRows()
	if len(all) != page.row.Figures.Students || !kittest.HasText(t, page, strconv.Itoa(len(all))+" students") {
		t.Fatalf("%d rows, %d students", len(all), page.row.Figures.Students)
	}
	h.Keys.Find() // Ctrl+F
	if h.Window().Canvas().Focused() != page.search {
		t.Error("Ctrl+F did not focus the search")
	}
	target := all[len(all)/2]
	test.Type(page.search, strings.Fields(target.Name)[0])
	found := page.shownRows()
	if len(found) == 0 || len(found) == len(all) {
		t.Fatalf("search for %q shows %d of %d", target.Name, len(found), len(all))
	}
	page.search.SetText("")
	page.status.Set(data.StudentWithdrawn)
	for _, r := range page.shownRows() {
		if r.Status != data.StudentWithdrawn {
			t.Fatalf("the withdrawn filter shows %s", r.Status)
		}
	}
	if len(page.shownRows()) != page.row.Figures.Withdrawn {
		t.Errorf("%d withdrawn shown, figures say %d", len(page.shownRows()), page.row.Figures.Withdrawn)
	}
	page.status.Set("")
	kittest.TapHeader(page.table.Table, 2) // nationality
	rows := page.shownRows()
	for i := 1; i < len(rows); i++ {
		if a, b := kit.CountryName(rows[i-1].Nationality), kit.CountryName(rows[i].Nationality); a > b {
			t.Fatalf("by nationality: %s before %s", a, b)
		}
	}
	kittest.TapHeader(page.table.Table, 2) // again: reversed
	if r := page.shownRows(); kit.CountryName(r[0].Nationality) < kit.CountryName(r[len(r)-1].Nationality) {
		t.Error("a second tap did not reverse the order")
	}
	// A row opens the student's form.
	page.table.OnSelected(widget.TableCellID{Row: 0, Col: 0})
	if f := kittest.OpenForm[*studentForm](t, h); f.st.ID != page.shownRows()[0].ID {
		t.Error("a row did not open its student")
	}
}

func TestProgrammeAndCohortForms(t *testing.T) {
	store := kittest.SampleStore(t)
	h, s := degreesScreen(t, store, kit.LangEnglish)
	h.Keys.New() // Ctrl+N on the list: a new programme
	pf := kittest.OpenForm[*programmeForm](t, h)
	if pf == nil {
		t.Fatal("Ctrl+N did not open the programme form")
	}
	test.Type(pf.name, "WIPO-Turin LLM in Intellectual Property")
	h.Keys.Save()
	kittest.Settle(t)
	// A missing partner is a fact to complete, not an error: the programme
	// is saved, and its card says so until the partner is given.
	const incomplete = "Incomplete: give the partner university (Edit)."
	if h.Forms().Len() != 0 || !kittest.HasText(t, h.Window().Content(), incomplete) {
		t.Fatalf("without a partner: forms open %d, message %q", h.Forms().Len(), pf.form.General.Text)
	}
	for _, p := range s.index.Programmes {
		if p.Name == "WIPO-Turin LLM in Intellectual Property" {
			s.editProgramme(p.Programme)
		}
	}
	pf = kittest.OpenForm[*programmeForm](t, h)
	test.Type(pf.partner, "University of Turin")
	pf.country.SetText("Italy")
	h.Keys.Save()
	kittest.Settle(t)
	if h.Forms().Len() != 0 {
		t.Fatalf("the programme form stayed open: %q", pf.form.General.Text)
	}
	var turin *data.ProgrammeRow
	for _, p := range s.index.Programmes {
		if p.Partner == "University of Turin" {
			turin = p
		}
	}
	if turin == nil || turin.Country != "IT" || !kittest.HasText(t, h.Window().Content(), turin.Name) {
		t.Fatalf("the new programme: %+v", turin)
	}
	if kittest.HasText(t, h.Window().Content(), incomplete) {
		t.Error("the programme is still flagged incomplete with its partner given")
	}

	s.newCohort(turin.Programme)
	cf := kittest.OpenForm[*cohortForm](t, h)
	cf.year.SetText("2021")
	cf.places.SetText("twenty")
	h.Keys.Save()
	kittest.Settle(t)
	if cf.form.Message("places") != "must be a whole number" {
		t.Errorf("places message %q", cf.form.Message("places"))
	}
	cf.places.SetText("20")
	cf.applicants.SetText("85")
	cf.graduation.SetText("2022-07-15")
	h.Keys.Save()
	kittest.Settle(t)
	if h.Forms().Len() != 0 {
		t.Fatalf("the cohort form stayed open: %q", cf.form.General.Text)
	}
	page := s.cohort
	if page == nil || page.row.IntakeYear != 2021 || figureValues(page)["places"] != 20 || figureValues(page)["applicants"] != 85 {
		t.Fatalf("the new cohort's page: %+v", page)
	}
	if !kittest.HasText(t, page, "No students yet. Add one with New student (Ctrl+N), or import the cohort's roster.") {
		t.Error("an empty cohort does not say how to add students")
	}
	// A second 2021 intake of the same programme is refused.
	s.newCohort(turin.Programme)
	cf = kittest.OpenForm[*cohortForm](t, h)
	cf.year.SetText("2021")
	h.Keys.Save()
	kittest.Settle(t)
	if cf.form.Message("intake_year") != "is already a cohort of this programme" {
		t.Errorf("intake year message %q", cf.form.Message("intake_year"))
	}
	h.Keys.Escape()
}

func TestImportRosterThroughTheWizard(t *testing.T) {
	store := kittest.SampleStore(t)
	h, s := degreesScreen(t, store, kit.LangEnglish)
	page := currentCohort(t, s)
	before, nigerians := figureValues(page), page.row.Figures.ByNationality["NG"]
	p := s.index.Programmes[0]
	year := strconv.Itoa(page.row.IntakeYear)

	test.Tap(kittest.FindButton(t, page, "Import roster…"))
	w := kittest.TopImport(t, h.Window(), h.Desktop)
	roster := "项目,入学年份,姓名,性别,国籍,邮箱,奖学金,状态\r\n" +
		p.NameZH + "," + year + "级,Tunde Adeyemi,男,尼日利亚,tunde.adeyemi@gmail.com,WIPO,在读\r\n" +
		p.Name + "," + year + ",Aisha Bello,女,Nigerian,aisha.bello@yahoo.com,东道国政府,在读\r\n"
	w.Choose("名单.csv", kittest.GB18030(t, roster))
	fields := data.StudentFields()
	if !w.Has("名单.csv: 2 rows, read as "+data.EncodingGB18030.Label()+", columns separated by Comma.") ||
		w.Column("项目") != kittest.FieldLabel(t, fields, "programme") || w.Column("入学年份") != kittest.FieldLabel(t, fields, "intake_year") {
		t.Fatalf("preview %q", w.Texts())
	}
	w.Tap("Check the rows")
	kittest.Settle(t)
	if !w.Has("2 rows: 2 new, 0 to update, 0 unchanged, 0 with errors.") {
		t.Fatalf("dry run: %q", w.Texts())
	}
	w.Tap("Import all")
	kittest.Settle(t)
	if !w.Has("Imported: 2 created, 0 updated, 0 unchanged, 0 invalid rows skipped.") {
		t.Fatalf("import: %q", w.Texts())
	}
	after := figureValues(page)
	if after["admitted"] != before["admitted"]+2 || after["enrolled"] != before["enrolled"]+2 {
		t.Errorf("figures before %v, after %v", before, after)
	}
	if n := page.row.Figures.ByNationality["NG"]; n != nigerians+2 || !strings.Contains(page.nationals.Text, "Nigeria "+strconv.Itoa(n)) {
		t.Errorf("nationalities %q", page.nationals.Text)
	}
}

func TestDegreesInChinese(t *testing.T) {
	store := kittest.SampleStore(t)
	h, s := degreesScreen(t, store, kit.LangChinese)
	p := s.index.Programmes[0]
	for _, want := range []string{"联合学位", p.NameZH, "录取", "奖学金", "新建项目"} {
		if !kittest.HasText(t, h.Window().Content(), want) {
			t.Errorf("the Chinese section lacks %q", want)
		}
	}
	page := currentCohort(t, s)
	if !strings.Contains(page.nationals.Text, "埃塞俄比亚") && !strings.Contains(page.nationals.Text, "肯尼亚") {
		t.Errorf("nationalities in Chinese: %q", page.nationals.Text)
	}
	if !kittest.HasText(t, page, "在读") || !strings.Contains(page.title.Text, "级") {
		t.Errorf("the cohort's page in Chinese: %q", page.title.Text)
	}
}

// A reload that supersedes another still does what the first was to do
// next (open the cohort just saved), once.
func TestDegreesReloadKeepsWhatASupersededReloadWasToDo(t *testing.T) {
	store := kittest.SampleStore(t)
	_, s := degreesScreen(t, store, kit.LangEnglish)
	ran := 0
	s.reloadThen(func() { ran++ })
	s.reload() // before the first came back: the first's result is dropped
	kittest.Settle(t)
	if ran != 1 {
		t.Errorf("what the superseded reload was to do ran %d times, want once", ran)
	}
}
