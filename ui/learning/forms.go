package learning

import (
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

// enrolmentForm edits one participant's enrolment in one session. The
// store refuses a second enrolment of the same email in the same session;
// the message shows beside the email.
type enrolmentForm struct {
	s    *Screen
	e    *data.Enrolment // a copy being edited; no ID for a new one
	form *kit.RecordForm
	dlg  *kit.FormDialog

	session                                  *kit.Choice[data.ID]
	name, email, organisation, score, certNo *kit.FormEntry
	gender                                   *kit.Choice[data.Gender]
	province, country                        *kit.Choice[string]
	status                                   *kit.Choice[data.EnrolmentStatus]
	registered, certDate                     *kit.DateEntry
}

// editEnrolment opens the form on the stored enrolment id.
func (s *Screen) editEnrolment(id data.ID) {
	e, err := s.host.Store().Enrolments.Get(id)
	if err != nil {
		kit.ShowError(s.host.Window(), err)
		s.reload()
		return
	}
	s.openEnrolmentForm(e)
}

// openEnrolmentForm opens the form on e (without an ID for a new enrolment).
func (s *Screen) openEnrolmentForm(e *data.Enrolment) *enrolmentForm {
	c := *e
	f := &enrolmentForm{s: s, e: &c, form: kit.NewRecordForm()}
	title := lang.L("New enrolment")
	if e.ID != data.NilID {
		title = lang.L("Enrolment of {{.Name}}", map[string]any{"Name": e.Name})
	}
	body := f.build()
	f.dlg = kit.ShowForm(s.host, title, body, f, s.reload)
	s.host.Window().Canvas().Focus(f.name)
	return f
}

func (f *enrolmentForm) entry(text string) *kit.FormEntry {
	e := kit.NewFormEntry(func() { f.dlg.Close() })
	e.SetText(text)
	return e
}

func (f *enrolmentForm) build() fyne.CanvasObject {
	e, x := f.e, f.s.index
	var ids []data.ID
	codes := map[data.ID]string{}
	for _, sr := range x.Sessions {
		ids = append(ids, sr.ID)
		codes[sr.ID] = sr.Session.Code + "  " + sessionCourse(sr)
	}
	f.session = kit.NewChoice(ids, func(id data.ID) string { return codes[id] }, "", nil)
	f.session.Select.PlaceHolder = lang.L("Choose a session")
	f.session.Set(e.Session)
	f.name, f.email, f.organisation = f.entry(e.Name), f.entry(e.Email), f.entry(e.Organisation)
	f.email.SetPlaceHolder("name@example.cn")
	f.gender = kit.NewChoice(data.Genders(), kit.GenderName, "", nil)
	f.gender.Set(e.Gender)
	provinces := make([]string, 0, 34)
	for _, p := range data.Provinces() {
		provinces = append(provinces, p.Code)
	}
	f.province = kit.NewChoice(provinces, kit.ProvinceName, lang.L("(none)"), nil)
	f.province.Set(e.Province)
	var countries []string
	for _, c := range data.CountriesByName(kit.InterfaceLanguage()) {
		countries = append(countries, c.Code)
	}
	f.country = kit.NewChoice(countries, func(code string) string { return data.CountryName(code, kit.InterfaceLanguage()) }, lang.L("(none)"), nil)
	f.country.Set(e.Country)
	f.registered = kit.NewDateEntry(f.s.host.Window(), func() { f.dlg.Close() })
	f.registered.SetDate(e.Registered)
	f.status = kit.NewChoice(data.EnrolmentStatuses(), kit.EnrolmentStatusName, "", nil)
	f.status.Set(e.Status)
	score := ""
	if e.Score != nil {
		score = strconv.FormatFloat(*e.Score, 'f', -1, 64)
	}
	f.score = f.entry(score)
	f.score.SetPlaceHolder("0–100")
	f.certNo = f.entry(e.Certificate)
	f.certDate = kit.NewDateEntry(f.s.host.Window(), func() { f.dlg.Close() })
	f.certDate.SetDate(e.CertificateDate)

	fm := f.form
	fm.Add("session", kit.FieldName("session"), f.session.Select)
	fm.Add("name", lang.L("Full name"), f.name)
	fm.Add("email", kit.FieldName("email"), f.email)
	fm.Add("gender", kit.FieldName("gender"), f.gender.Select)
	fm.Add("organisation", kit.FieldName("organisation"), f.organisation)
	fm.Add("province", kit.FieldName("province"), f.province.Select)
	fm.Add("country", kit.FieldName("country"), f.country.Select)
	fm.Add("registered", kit.FieldName("registered"), f.registered)
	fm.Add("status", kit.FieldName("status"), f.status.Select)
	fm.Add("score", kit.FieldName("score"), f.score)
	fm.Add("certificate", kit.FieldName("certificate"), f.certNo)
	fm.Add("certificate_date", kit.FieldName("certificate_date"), f.certDate)
	if e.ID == data.NilID {
		return fm.Content()
	}
	email := e.Email
	courses := &widget.Button{Text: lang.L("All courses of this participant"), Icon: theme.AccountIcon(),
		OnTapped: func() { f.dlg.Close(); f.s.showParticipant(email) }}
	del := &widget.Button{Text: lang.L("Delete enrolment"), Icon: theme.DeleteIcon(), Importance: widget.DangerImportance, OnTapped: f.delete}
	return container.NewVBox(fm.Content(), widget.NewSeparator(), container.NewHBox(courses, del),
		kit.FormHistory(f.s.host, e.ID, &f.dlg))
}

// collect copies the inputs into the record; it returns false, with the
// message shown, when the score is not a number.
func (f *enrolmentForm) collect() bool {
	e := f.e
	e.Session = f.session.Value()
	e.Name, e.Email = strings.TrimSpace(f.name.Text), strings.TrimSpace(f.email.Text)
	e.Organisation = strings.TrimSpace(f.organisation.Text)
	e.Gender, e.Province, e.Country = f.gender.Value(), f.province.Value(), f.country.Value()
	e.Registered, e.Status = f.registered.Date(), f.status.Value()
	e.Certificate, e.CertificateDate = strings.TrimSpace(f.certNo.Text), f.certDate.Date()
	e.Score = nil
	if text := strings.TrimSpace(strings.Replace(f.score.Text, ",", ".", 1)); text != "" {
		score, err := strconv.ParseFloat(text, 64)
		if err != nil {
			f.form.ShowErrors(&data.ValidationError{Fields: []data.FieldError{{Field: "score", Message: "is not a number"}}})
			return false
		}
		e.Score = &score
	}
	return true
}

func (f *enrolmentForm) Save() bool {
	if !f.collect() {
		return false
	}
	saved := *f.e
	err := f.s.host.Store().Enrolments.Put(&saved)
	if err == nil {
		*f.e = saved
		return true
	}
	if !f.form.ShowErrors(err) {
		kit.ShowError(f.s.host.Window(), err)
	}
	return false
}

func (f *enrolmentForm) delete() {
	session := ""
	if sr := f.s.index.Session(f.e.Session); sr != nil {
		session = sr.Session.Code
	}
	f.s.askDeleteEnrolment(f.e.ID, f.e.Name, session, f.dlg.Close)
}

// askDeleteEnrolment asks whether to delete enrolment id (of name, in
// session), and deletes it on yes, then calls deleted and reloads.
func (s *Screen) askDeleteEnrolment(id data.ID, name, session string, deleted func()) {
	kit.Confirm(s.host, lang.L("Delete enrolment"), lang.L("Delete the enrolment of {{.Name}} in {{.Session}}?",
		map[string]any{"Name": name, "Session": session}), func() {
		if err := s.host.Store().Enrolments.Delete(id); err != nil {
			kit.ShowError(s.host.Window(), err)
			return
		}
		deleted()
		s.reload()
	})
}

// sessionForm edits a session: its Academy code, dates, platform and tutors.
type sessionForm struct {
	s        *Screen
	ss       *data.Session
	form     *kit.RecordForm
	dlg      *kit.FormDialog
	code     *kit.FormEntry
	platform *kit.FormEntry
	tutors   *kit.FormEntry
	start    *kit.DateEntry
	end      *kit.DateEntry
}

// openSessionForm opens the form on ss (nil for a new session).
func (s *Screen) openSessionForm(ss *data.Session) *sessionForm {
	f := &sessionForm{s: s, ss: &data.Session{}, form: kit.NewRecordForm()}
	if ss != nil {
		c := *ss
		c.Tutors = append([]string(nil), ss.Tutors...)
		f.ss = &c
	}
	esc := func() { f.dlg.Close() }
	f.code = kit.NewFormEntry(esc)
	f.code.SetText(f.ss.Code)
	f.code.SetPlaceHolder("101C" + strconv.Itoa(s.host.Today().Year()%100) + "S1")
	f.start, f.end = kit.NewDateEntry(s.host.Window(), esc), kit.NewDateEntry(s.host.Window(), esc)
	f.start.SetDate(f.ss.Start)
	f.end.SetDate(f.ss.End)
	f.platform = kit.NewFormEntry(esc)
	f.platform.SetText(f.ss.Platform)
	f.platform.SetPlaceHolder("WIPO Academy eLearning Centre")
	f.tutors = kit.NewFormEntry(esc)
	f.tutors.SetText(strings.Join(f.ss.Tutors, "; "))
	f.tutors.SetPlaceHolder(lang.L("Names, separated by semicolons"))
	fm := f.form
	fm.Add("code", kit.FieldName("code"), f.code)
	fm.Add("", "", kit.Dim(lang.L("The Academy's code: course number, language letter, year, semester. 101C18S1 is DL-101 in Chinese, 2018, first semester.")))
	fm.Add("start", kit.FieldName("start"), f.start)
	fm.Add("end", kit.FieldName("end"), f.end)
	fm.Add("platform", kit.FieldName("platform"), f.platform)
	fm.Add("tutors", kit.FieldName("tutors"), f.tutors)
	body := fm.Content()
	title := lang.L("New session")
	if ss != nil {
		title = lang.L("Session {{.Code}}", map[string]any{"Code": ss.Code})
		del := &widget.Button{Text: lang.L("Delete session"), Icon: theme.DeleteIcon(), Importance: widget.DangerImportance, OnTapped: f.delete}
		body = container.NewVBox(body, widget.NewSeparator(), container.NewHBox(del))
	}
	f.dlg = kit.ShowForm(s.host, title, body, f, s.reload)
	s.host.Window().Canvas().Focus(f.code)
	return f
}

func (f *sessionForm) Save() bool {
	ss := *f.ss
	ss.Code = strings.TrimSpace(f.code.Text)
	ss.Start, ss.End = f.start.Date(), f.end.Date()
	ss.Platform = strings.TrimSpace(f.platform.Text)
	ss.Tutors = nil
	for _, t := range strings.FieldsFunc(f.tutors.Text, func(r rune) bool { return strings.ContainsRune(";；,，\n", r) }) {
		if t = strings.TrimSpace(t); t != "" {
			ss.Tutors = append(ss.Tutors, t)
		}
	}
	if err := f.s.host.Store().Sessions.Put(&ss); err != nil {
		if !f.form.ShowErrors(err) {
			kit.ShowError(f.s.host.Window(), err)
		}
		return false
	}
	*f.ss = ss
	return true
}

func (f *sessionForm) delete() {
	f.s.askDeleteSession(f.ss.ID, f.ss.Code, f.dlg.Close)
}

// askDeleteSession asks whether to delete session id (coded code) with its
// enrolments, and deletes it on yes, then calls deleted and reloads. The
// form's Delete button and the Delete key on the list ask the same question.
func (s *Screen) askDeleteSession(id data.ID, code string, deleted func()) {
	n := 0
	if sr := s.index.Session(id); sr != nil {
		n = sr.Stats.Enrolments
	}
	kit.Confirm(s.host, lang.L("Delete session"), kit.Plural(n, "Delete session {{.Code}} and its {{.Count}} enrolment?", "Delete session {{.Code}} and its {{.Count}} enrolments?",
		map[string]any{"Code": code, "Count": n}), func() {
		if err := s.host.Store().Sessions.Delete(id); err != nil {
			kit.ShowError(s.host.Window(), err)
			return
		}
		deleted()
		s.enrolments.setSession(data.NilID)
		s.reload()
	})
}

// courseForm edits a catalogue entry: the course's number and titles.
type courseForm struct {
	s              *Screen
	c              *data.Course
	form           *kit.RecordForm
	dlg            *kit.FormDialog
	number, en, zh *kit.FormEntry
}

// openCourseForm opens the form on c (nil for a new course).
func (s *Screen) openCourseForm(c *data.Course) *courseForm {
	f := &courseForm{s: s, c: &data.Course{}, form: kit.NewRecordForm()}
	if c != nil {
		cc := *c
		f.c = &cc
	}
	esc := func() { f.dlg.Close() }
	f.number, f.en, f.zh = kit.NewFormEntry(esc), kit.NewFormEntry(esc), kit.NewFormEntry(esc)
	f.number.SetText(f.c.Number)
	f.number.SetPlaceHolder("318")
	f.en.SetText(f.c.TitleEN)
	f.zh.SetText(f.c.TitleZH)
	fm := f.form
	fm.Add("number", kit.FieldName("number"), f.number)
	fm.Add("title_en", kit.FieldName("title_en"), f.en)
	fm.Add("title_zh", kit.FieldName("title_zh"), f.zh)
	body := fm.Content()
	title := lang.L("New course")
	if c != nil {
		title = c.Label()
		if f.sessionsOf(c.Number) == 0 {
			del := &widget.Button{Text: lang.L("Delete course"), Icon: theme.DeleteIcon(), Importance: widget.DangerImportance, OnTapped: f.delete}
			body = container.NewVBox(body, widget.NewSeparator(), container.NewHBox(del))
		}
	}
	f.dlg = kit.ShowForm(s.host, title, body, f, s.reload)
	s.host.Window().Canvas().Focus(f.number)
	return f
}

func (f *courseForm) sessionsOf(number string) int {
	for _, c := range f.s.index.Courses {
		if c.Number == number {
			return c.Sessions
		}
	}
	return 0
}

func (f *courseForm) Save() bool {
	c := *f.c
	c.Number = strings.TrimSpace(strings.TrimPrefix(strings.ToUpper(strings.TrimSpace(f.number.Text)), "DL-"))
	c.TitleEN, c.TitleZH = strings.TrimSpace(f.en.Text), strings.TrimSpace(f.zh.Text)
	if err := f.s.host.Store().Courses.Put(&c); err != nil {
		if !f.form.ShowErrors(err) {
			kit.ShowError(f.s.host.Window(), err)
		}
		return false
	}
	*f.c = c
	return true
}

func (f *courseForm) delete() {
	f.s.askDeleteCourse(f.c, f.dlg.Close)
}

// askDeleteCourse asks whether to delete course c from the catalogue, and
// deletes it on yes, then calls deleted and reloads.
func (s *Screen) askDeleteCourse(c *data.Course, deleted func()) {
	kit.Confirm(s.host, lang.L("Delete course"), lang.L("Delete {{.Course}} from the catalogue?", map[string]any{"Course": c.Label()}), func() {
		if err := s.host.Store().Courses.Delete(c.ID); err != nil {
			kit.ShowError(s.host.Window(), err)
			return
		}
		deleted()
		s.reload()
	})
}
