package degrees

import (
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"tiscdesk/data"
	"tiscdesk/ui/kit"
)

// The forms of the Joint degrees section: a programme, a cohort (places and
// applicants; the other figures are counted from the students), a student.

// fieldProblem is a form's own validation message, shown like the store's.
func fieldProblem(field, message string) error {
	return &data.ValidationError{Fields: []data.FieldError{{Field: field, Message: message}}}
}

// programmeForm edits a programme.
type programmeForm struct {
	scr  *Screen
	p    *data.Programme // a copy being edited; no ID for a new one
	form *kit.RecordForm
	dlg  *kit.FormDialog

	name, nameZH, partner, coOrganiser, degree, specialisation, city *kit.FormEntry
	country                                                          *countryEntry
}

// openProgrammeForm opens the form on p (nil for a new programme).
func (s *Screen) openProgrammeForm(p *data.Programme) *programmeForm {
	f := &programmeForm{scr: s, form: kit.NewRecordForm(), p: &data.Programme{Country: "CN"}}
	title := lang.L("New programme")
	if p != nil {
		c := *p
		f.p = &c
		title = lang.L("Edit {{.Name}}", map[string]any{"Name": programmeName(p)})
	}
	esc := func() { f.dlg.Close() }
	entry := func(text, placeholder string) *kit.FormEntry {
		e := kit.NewFormEntry(esc)
		e.SetText(text)
		e.SetPlaceHolder(placeholder)
		return e
	}
	f.name = entry(f.p.Name, "WIPO-Tongji Master of Intellectual Property")
	f.nameZH = entry(f.p.NameZH, "世界知识产权组织—同济大学知识产权硕士项目")
	f.partner = entry(f.p.Partner, "Tongji University")
	f.coOrganiser = entry(f.p.CoOrganiser, "CNIPA")
	f.degree = entry(f.p.Degree, "Master of Laws (LLM) in Intellectual Property")
	f.specialisation = entry(f.p.Specialisation, "")
	f.city = entry(f.p.City, "Shanghai")
	f.country = newCountryEntry(esc)
	f.country.SetCode(f.p.Country)

	fm := f.form
	fm.Add("name", kit.FieldName("name"), f.name)
	fm.Add("name_zh", kit.FieldName("name_zh"), f.nameZH)
	fm.Add("partner", kit.FieldName("partner"), f.partner)
	fm.Add("co_organiser", kit.FieldName("co_organiser"), f.coOrganiser)
	fm.Add("degree", kit.FieldName("degree"), f.degree)
	fm.Add("specialisation", kit.FieldName("specialisation"), f.specialisation)
	fm.Add("city", kit.FieldName("city"), f.city)
	fm.Add("country", kit.FieldName("country"), f.country)
	if p != nil {
		fm.Add("", "", kit.FormHistory(s.host, p.ID, &f.dlg))
	}
	f.dlg = kit.ShowForm(s.host, title, fm.Content(), f, s.reload)
	s.host.Window().Canvas().Focus(f.name)
	return f
}

func (f *programmeForm) Save() bool {
	g := *f.p
	g.Name, g.NameZH = strings.TrimSpace(f.name.Text), strings.TrimSpace(f.nameZH.Text)
	g.Partner, g.CoOrganiser = strings.TrimSpace(f.partner.Text), strings.TrimSpace(f.coOrganiser.Text)
	g.Degree, g.Specialisation = strings.TrimSpace(f.degree.Text), strings.TrimSpace(f.specialisation.Text)
	g.City = strings.TrimSpace(f.city.Text)
	code, ok := f.country.Code()
	if !ok {
		f.form.ShowErrors(fieldProblem("country", "is not a known country"))
		return false
	}
	g.Country = code
	if err := f.scr.host.Store().Programmes.Put(&g); err != nil {
		if !f.form.ShowErrors(err) {
			kit.ShowError(f.scr.host.Window(), err)
		}
		return false
	}
	*f.p = g
	return true
}

// cohortForm edits a cohort: its intake year, dates, places and applicants.
type cohortForm struct {
	scr  *Screen
	prog *data.Programme
	c    *data.Cohort // a copy being edited; no ID for a new one
	form *kit.RecordForm
	dlg  *kit.FormDialog

	year, places, applicants *kit.FormEntry
	start, graduation        *kit.DateEntry
}

// openCohortForm opens the form on cohort c of programme p (c nil for a new
// cohort, which opens once saved).
func (s *Screen) openCohortForm(p *data.Programme, c *data.Cohort) *cohortForm {
	f := &cohortForm{scr: s, prog: p, form: kit.NewRecordForm()}
	title := lang.L("New cohort of {{.Programme}}", map[string]any{"Programme": programmeName(p)})
	if c == nil {
		year := s.host.Today().Year() // or the year after the latest intake
		if row := s.index.Programme(p.ID); row != nil && len(row.Cohorts) > 0 {
			year = max(year, row.Cohorts[len(row.Cohorts)-1].IntakeYear+1)
		}
		f.c = &data.Cohort{Programme: p.ID, IntakeYear: year, Start: data.Date(strconv.Itoa(year) + "-09-01")}
	} else {
		cc := *c
		f.c = &cc
		title = lang.L("Edit the {{.Year}} intake of {{.Programme}}", map[string]any{"Year": c.IntakeYear, "Programme": programmeName(p)})
	}
	esc := func() { f.dlg.Close() }
	number := func(n int) *kit.FormEntry {
		e := kit.NewFormEntry(esc)
		if n != 0 {
			e.SetText(strconv.Itoa(n))
		}
		return e
	}
	f.year, f.places, f.applicants = number(f.c.IntakeYear), number(f.c.Places), number(f.c.Applicants)
	f.start, f.graduation = kit.NewDateEntry(s.host.Window(), esc), kit.NewDateEntry(s.host.Window(), esc)
	f.start.SetDate(f.c.Start)
	f.graduation.SetDate(f.c.Graduation)

	fm := f.form
	fm.Add("", lang.L("Programme"), widget.NewLabel(programmeName(p)))
	fm.Add("intake_year", kit.FieldName("intake_year"), f.year)
	fm.Add("start", kit.FieldName("start"), f.start)
	fm.Add("graduation", kit.FieldName("graduation"), f.graduation)
	fm.Add("places", kit.FieldName("places"), f.places)
	fm.Add("applicants", kit.FieldName("applicants"), f.applicants)
	fm.Add("", "", kit.Dim(lang.L("Admitted, enrolled, graduated and withdrawn, the scholarships and the splits by gender and nationality are counted from the cohort's students.")))
	if c != nil {
		fm.Add("", "", kit.FormHistory(s.host, c.ID, &f.dlg))
	}
	f.dlg = kit.ShowForm(s.host, title, fm.Content(), f, func() {
		s.reloadThen(func() {
			if c == nil {
				s.openCohort(f.c.ID)
			}
		})
	})
	s.host.Window().Canvas().Focus(f.year)
	return f
}

// wholeNumber reads a count typed in a form: "" is 0.
func wholeNumber(e *kit.FormEntry) (int, bool) {
	t := strings.TrimSpace(e.Text)
	if t == "" {
		return 0, true
	}
	n, err := strconv.Atoi(t)
	return n, err == nil
}

func (f *cohortForm) Save() bool {
	c := *f.c
	var ok bool
	if c.IntakeYear, ok = wholeNumber(f.year); !ok || c.IntakeYear == 0 {
		f.form.ShowErrors(fieldProblem("intake_year", "must be a year between 1990 and 2100"))
		return false
	}
	for field, e := range map[string]*kit.FormEntry{"places": f.places, "applicants": f.applicants} {
		n, ok := wholeNumber(e)
		if !ok {
			f.form.ShowErrors(fieldProblem(field, "must be a whole number"))
			return false
		}
		if field == "places" {
			c.Places = n
		} else {
			c.Applicants = n
		}
	}
	c.Start, c.Graduation = f.start.Date(), f.graduation.Date()
	if p := f.scr.index.Programme(c.Programme); p != nil {
		for _, other := range p.Cohorts {
			if other.ID != c.ID && other.IntakeYear == c.IntakeYear {
				f.form.ShowErrors(fieldProblem("intake_year", "is already a cohort of this programme"))
				return false
			}
		}
	}
	if err := f.scr.host.Store().Cohorts.Put(&c); err != nil {
		if !f.form.ShowErrors(err) {
			kit.ShowError(f.scr.host.Window(), err)
		}
		return false
	}
	*f.c = c
	return true
}

// studentForm edits a student of a cohort: who they are, their scholarship,
// and where they stand — the status, the thesis and its supervisor, the
// graduation date.
type studentForm struct {
	scr    *Screen
	cohort *data.CohortRow
	st     *data.Student // a copy being edited; no ID for a new one
	form   *kit.RecordForm
	dlg    *kit.FormDialog

	name, email, supervisor, thesis *kit.FormEntry
	gender                          *kit.Choice[data.Gender]
	nationality                     *countryEntry
	funder                          *kit.Choice[data.Funder]
	status                          *kit.Choice[data.StudentStatus]
	graduated                       *kit.DateEntry
}

// openStudentForm opens the form on student st of cohort (st nil for a new
// student).
func (s *Screen) openStudentForm(cohort *data.CohortRow, st *data.Student) *studentForm {
	f := &studentForm{scr: s, cohort: cohort, form: kit.NewRecordForm()}
	title := lang.L("New student of {{.Programme}}, intake {{.Year}}",
		map[string]any{"Programme": programmeName(cohort.Programme), "Year": cohort.IntakeYear})
	if st == nil {
		f.st = &data.Student{Cohort: cohort.ID, Status: data.StudentEnrolled}
	} else {
		c := *st
		f.st = &c
		title = lang.L("Edit {{.Name}}", map[string]any{"Name": st.Name})
	}
	esc := func() { f.dlg.Close() }
	entry := func(text string) *kit.FormEntry {
		e := kit.NewFormEntry(esc)
		e.SetText(text)
		return e
	}
	f.name, f.email, f.supervisor = entry(f.st.Name), entry(f.st.Email), entry(f.st.Supervisor)
	f.email.SetPlaceHolder("name@example.org")
	f.thesis = kit.NewFormTextArea(esc)
	f.thesis.SetMinRowsVisible(2)
	f.thesis.SetText(f.st.Thesis)
	f.gender = kit.NewChoice(data.Genders(), kit.GenderName, "", nil)
	f.gender.Set(f.st.Gender)
	f.nationality = newCountryEntry(esc)
	f.nationality.SetCode(f.st.Nationality)
	f.funder = kit.NewChoice(data.Funders(), kit.FunderName, "", nil)
	f.funder.Set(f.st.Funder)
	f.graduated = kit.NewDateEntry(s.host.Window(), esc)
	f.graduated.SetDate(f.st.Graduated)
	f.status = kit.NewChoice(data.StudentStatuses(), kit.StudentStatusName, "", nil)
	f.status.Set(f.st.Status)
	// Only the user's change of status proposes a date: a graduate stored
	// without one keeps the field empty, flagged below, rather than
	// saving a date nobody gave.
	f.status.Select.OnChanged = func(string) { f.statusChanged() }

	fm := f.form
	fm.Add("", lang.L("Cohort"), widget.NewLabel(lang.L("{{.Programme}}, intake {{.Year}}",
		map[string]any{"Programme": programmeName(cohort.Programme), "Year": cohort.IntakeYear})))
	fm.Add("name", lang.L("Full name"), f.name)
	fm.Add("gender", kit.FieldName("gender"), f.gender.Select)
	fm.Add("nationality", kit.FieldName("nationality"), f.nationality)
	fm.Add("email", kit.FieldName("email"), f.email)
	fm.Add("funder", kit.FieldName("funder"), f.funder.Select)
	fm.Add("status", kit.FieldName("status"), f.status.Select)
	fm.Add("thesis", kit.FieldName("thesis"), f.thesis)
	fm.Add("supervisor", kit.FieldName("supervisor"), f.supervisor)
	fm.Add("graduated", kit.FieldName("graduated"), f.graduated)
	if st != nil && slices.Contains(st.Missing(), "graduated") {
		fm.Add("", "", incompleteNote(lang.L("Incomplete: a graduate needs a graduation date.")))
	}
	if st != nil {
		del := &widget.Button{Text: lang.L("Delete student"), Icon: theme.DeleteIcon(), Importance: widget.DangerImportance, OnTapped: f.delete}
		buttons := container.NewHBox(del)
		if st.Email != "" && !data.IsForgotten(st.Email) {
			buttons.Add(&widget.Button{Text: lang.L("Forget this person"), Icon: theme.VisibilityOffIcon(), Importance: widget.DangerImportance, OnTapped: f.forget})
		}
		fm.Add("", "", buttons)
		fm.Add("", "", kit.FormHistory(s.host, st.ID, &f.dlg))
	}
	f.dlg = kit.ShowForm(s.host, title, fm.Content(), f, s.reload)
	s.host.Window().Canvas().Focus(f.name)
	return f
}

// statusChanged gives a new graduate the cohort's graduation date (or
// today's), which a graduate needs.
func (f *studentForm) statusChanged() {
	if f.status.Value() != data.StudentGraduated || f.graduated.Date() != "" {
		return
	}
	date := f.cohort.Graduation
	if date == "" || f.scr.host.Today() < date {
		date = f.scr.host.Today()
	}
	f.graduated.SetDate(date)
}

func (f *studentForm) Save() bool {
	st := *f.st
	st.Name, st.Email = strings.TrimSpace(f.name.Text), strings.TrimSpace(f.email.Text)
	st.Gender, st.Funder, st.Status = f.gender.Value(), f.funder.Value(), f.status.Value()
	st.Thesis, st.Supervisor = strings.TrimSpace(f.thesis.Text), strings.TrimSpace(f.supervisor.Text)
	st.Graduated = f.graduated.Date()
	code, ok := f.nationality.Code()
	if !ok {
		f.form.ShowErrors(fieldProblem("nationality", "is not a known country"))
		return false
	}
	st.Nationality = code
	if e := data.NormEmail(st.Email); e != "" {
		for _, other := range f.scr.index.Students(data.StudentQuery{Cohort: st.Cohort}) {
			if other.ID != st.ID && data.NormEmail(other.Email) == e {
				f.form.ShowErrors(fieldProblem("email", "is already the email of another student of this cohort"))
				return false
			}
		}
	}
	if err := f.scr.host.Store().Students.Put(&st); err != nil {
		if !f.form.ShowErrors(err) {
			kit.ShowError(f.scr.host.Window(), err)
		}
		return false
	}
	*f.st = st
	return true
}

func (f *studentForm) delete() { f.scr.askDeleteStudent(f.st, f.dlg.Close) }

// askDeleteStudent asks whether to delete student st, and deletes them on
// yes, then calls deleted and reloads. The form's Delete button and the
// Delete key on a cohort's students ask the same question.
func (s *Screen) askDeleteStudent(st *data.Student, deleted func()) {
	q := lang.L("Delete {{.Name}}?", map[string]any{"Name": st.Name})
	kit.Confirm(s.host, lang.L("Delete student"), q, func() {
		if err := s.host.Store().Students.Delete(st.ID); err != nil {
			kit.ShowError(s.host.Window(), err)
			return
		}
		deleted()
		s.reload()
	})
}

// forget asks, then erases the student's personal data from every record
// of their email (kit.ForgetPerson): this one and their enrolments and
// other student records. The form closes; the figures stay as they were.
func (f *studentForm) forget() {
	kit.ForgetPerson(f.scr.host, f.st.Email, func(data.ForgetPlan) { f.dlg.CloseChanged() })
}

// countryEntry is a field for a country: the user types a name (English or
// Chinese) or a code, or picks from the list, which narrows as they type.
type countryEntry struct {
	widget.SelectEntry
	onEscape func()
	all      []data.Country // by name in the interface's language
}

func newCountryEntry(onEscape func()) *countryEntry {
	e := &countryEntry{onEscape: onEscape, all: data.CountriesByName(kit.InterfaceLanguage())}
	e.ExtendBaseWidget(e)
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	e.SetPlaceHolder(lang.L("Type a country or its code, or choose"))
	e.SetOptions(e.matching(""))
	e.OnChanged = func(text string) { e.SetOptions(e.matching(text)) }
	return e
}

// matching names the countries whose name contains text, or whose code it is.
func (e *countryEntry) matching(text string) []string {
	text = strings.ToLower(strings.TrimSpace(text))
	var out []string
	for _, c := range e.all {
		name := kit.CountryName(c.Code)
		if text == "" || strings.Contains(strings.ToLower(name), text) || strings.EqualFold(c.Code, text) {
			out = append(out, name)
		}
	}
	return out
}

// Code is the ISO code of the country typed or chosen: "" with ok when the
// field is empty; ok is false when the text names no country.
func (e *countryEntry) Code() (code string, ok bool) {
	text := strings.TrimSpace(e.Text)
	if text == "" {
		return "", true
	}
	c, ok := data.LookupCountry(text)
	return c.Code, ok
}

// SetCode shows the country of code.
func (e *countryEntry) SetCode(code string) { e.SetText(kit.CountryName(code)) }

func (e *countryEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape && e.onEscape != nil {
		e.onEscape()
		return
	}
	e.SelectEntry.TypedKey(k)
}
