package learning

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"tiscdesk/data"
	"tiscdesk/ui/kit"
)

// enrolmentList is the Enrolments tab: every enrolment, or one session's,
// searched by name, email or organisation and filtered by session, course,
// language, year, status, province and gender. The table is virtualised and
// the index keeps each sort order, so 200,000 rows filter as you type.
type enrolmentList struct {
	s     *Screen
	index *data.EnrolmentIndex
	query data.EnrolmentQuery

	search     *widget.Entry
	session    *kit.Choice[data.ID]
	course     *kit.Choice[string]
	language   *kit.Choice[data.Language]
	year       *kit.Choice[int]
	status     *kit.Choice[data.EnrolmentStatus]
	province   *kit.Choice[string]
	gender     *kit.Choice[data.GenderFilter]
	filters    *fyne.Container // the selects, rebuilt when the index brings new options
	shown      *widget.Label
	empty      *kit.Empty
	sessionBar *fyne.Container // the chosen session's details and actions
	table      *kit.RecordTable[*data.EnrolmentRow]
	// quiet is set while the list sets its own filters, so that their
	// change callbacks do not filter once per select.
	quiet bool
}

func newEnrolmentList(s *Screen) *enrolmentList {
	l := &enrolmentList{s: s}
	l.search = widget.NewEntry()
	l.search.SetPlaceHolder(lang.L("Search by name, email or organisation"))
	l.search.OnChanged = func(text string) { l.query.Text = text; l.apply() }
	l.language = kit.NewChoice(data.Languages(), kit.DlLanguageName, lang.L("All languages"), l.filtersChanged)
	l.status = kit.NewChoice(data.EnrolmentStatuses(), kit.EnrolmentStatusName, lang.L("All statuses"), l.filtersChanged)
	codes := make([]string, 0, 34)
	for _, p := range data.Provinces() {
		codes = append(codes, p.Code)
	}
	l.province = kit.NewChoice(codes, kit.ProvinceName, lang.L("All provinces"), l.filtersChanged)
	l.gender = kit.NewChoice([]data.GenderFilter{"female", "male", "other", data.GenderFilterUnspecified},
		genderFilterName, lang.L("All genders"), l.filtersChanged)
	l.session = kit.NewChoice[data.ID](nil, nil, lang.L("All sessions"), l.filtersChanged)
	l.course = kit.NewChoice[string](nil, nil, lang.L("All courses"), l.filtersChanged)
	l.year = kit.NewChoice[int](nil, nil, lang.L("All years"), l.filtersChanged)
	l.filters = container.NewGridWithColumns(4) // two rows: seven in one need more than 1024 pixels
	l.layoutFilters()
	l.shown = widget.NewLabel("")
	l.shown.Importance = widget.LowImportance
	l.empty = kit.NewEmpty(
		&widget.Button{Text: lang.L("Import enrolments…"), Icon: theme.UploadIcon(), OnTapped: s.importFile},
		&widget.Button{Text: lang.L("New enrolment"), Icon: theme.ContentAddIcon(), OnTapped: s.newEnrolment})
	l.sessionBar = container.NewVBox()
	l.sessionBar.Hide()
	cols := enrolmentColumns()
	l.table = kit.NewRecordTable(cols, kit.TranslatedTitles(cols),
		func(by int, desc bool) { l.query.Sort, l.query.Desc = data.EnrolmentSort(by), desc; l.apply() },
		func(r *data.EnrolmentRow) { l.s.editEnrolment(r.ID) })
	l.table.OnDelete = func(r *data.EnrolmentRow) {
		l.s.askDeleteEnrolment(r.ID, r.Name, r.Session.Session.Code, func() {})
	}
	return l
}

func genderFilterName(g data.GenderFilter) string {
	if g == data.GenderFilterUnspecified {
		return kit.GenderName(data.GenderUnspecified)
	}
	return kit.GenderName(data.Gender(g))
}

func enrolmentColumns() []kit.Column[*data.EnrolmentRow] {
	return []kit.Column[*data.EnrolmentRow]{
		{Title: "Full name", Width: 120, Sort: int(data.EnrolmentSortByName), Cell: func(r *data.EnrolmentRow) (string, bool) { return r.Name, false }},
		{Title: "Email", Width: 160, Sort: int(data.EnrolmentSortByEmail), Cell: func(r *data.EnrolmentRow) (string, bool) { return r.Email, false }},
		{Title: "Organisation", Width: 140, Sort: int(data.EnrolmentSortByOrganisation), Cell: func(r *data.EnrolmentRow) (string, bool) { return r.Organisation(), false }},
		{Title: "Session", Width: 82, Sort: int(data.EnrolmentSortBySession), Cell: func(r *data.EnrolmentRow) (string, bool) { return r.Session.Session.Code, false }},
		{Title: "Province", Width: 88, Sort: int(data.EnrolmentSortByProvince), Cell: func(r *data.EnrolmentRow) (string, bool) { return kit.ProvinceName(r.Province()), false }},
		{Title: "Gender", Width: 68, Sort: int(data.EnrolmentSortByGender), Cell: func(r *data.EnrolmentRow) (string, bool) {
			if r.Gender() == data.GenderUnspecified {
				return "", false
			}
			return kit.GenderName(r.Gender()), false
		}},
		{Title: "Status", Width: 94, Sort: int(data.EnrolmentSortByStatus), Cell: func(r *data.EnrolmentRow) (string, bool) {
			return kit.EnrolmentStatusName(r.Status()), r.Status() == data.StatusFailed
		}},
		{Title: "Final score", Width: 82, Sort: int(data.EnrolmentSortByScore), Cell: func(r *data.EnrolmentRow) (string, bool) { return enrolmentScore(r.Score()), false }},
		{Title: "Certificate", Width: 120, Sort: int(data.EnrolmentSortByCertificate), Cell: func(r *data.EnrolmentRow) (string, bool) { return r.Certificate, false }},
	}
}

func (l *enrolmentList) content() fyne.CanvasObject {
	search := container.NewBorder(nil, nil, widget.NewIcon(theme.SearchIcon()), l.shown, l.search)
	return container.NewBorder(container.NewVBox(search, l.filters, l.sessionBar, l.empty), nil, nil, nil, l.table)
}

func (l *enrolmentList) layoutFilters() {
	l.filters.Objects = []fyne.CanvasObject{l.session.Select, l.course.Select, l.language.Select, l.year.Select,
		l.status.Select, l.province.Select, l.gender.Select}
	l.filters.Refresh()
}

// indexChanged offers the sessions, courses and years of a new index,
// keeping what was chosen, and shows the index filtered.
func (l *enrolmentList) indexChanged(x *data.EnrolmentIndex) {
	l.index = x
	l.quiet = true
	ids := make([]data.ID, len(x.Sessions))
	codes := map[data.ID]string{}
	for i, sr := range x.Sessions {
		ids[i], codes[sr.ID] = sr.ID, sr.Session.Code
	}
	l.session = rechoose(l.session, ids, func(id data.ID) string { return codes[id] }, lang.L("All sessions"), l.filtersChanged)
	var numbers []string
	titles := map[string]string{}
	for _, c := range x.Courses {
		numbers = append(numbers, c.Number)
		titles[c.Number] = "DL-" + c.Number + " " + courseTitle(c.Course)
	}
	l.course = rechoose(l.course, numbers, func(n string) string { return titles[n] }, lang.L("All courses"), l.filtersChanged)
	l.year = rechoose(l.year, x.Years(), strconv.Itoa, lang.L("All years"), l.filtersChanged)
	l.layoutFilters()
	l.quiet = false
	l.filtersChanged()
}

// rechoose builds a choice over new values that keeps old's selection when
// it is still among them.
func rechoose[T comparable](old *kit.Choice[T], values []T, name func(T) string, anyLabel string, changed func()) *kit.Choice[T] {
	c := kit.NewChoice(values, name, anyLabel, changed)
	c.Set(old.Value())
	return c
}

// setSession shows the enrolments of session id alone.
func (l *enrolmentList) setSession(id data.ID) {
	l.session.Set(id)
	l.filtersChanged()
}

func (l *enrolmentList) filtersChanged() {
	if l.quiet {
		return
	}
	q := &l.query
	q.Session, q.Course, q.Language, q.Year = l.session.Value(), l.course.Value(), l.language.Value(), l.year.Value()
	q.Status, q.Province, q.Gender = l.status.Value(), l.province.Value(), l.gender.Value()
	l.showSessionBar()
	l.apply()
}

// apply filters and sorts the index as the query says.
func (l *enrolmentList) apply() {
	if l.index == nil {
		return
	}
	rows := l.index.Filter(l.query)
	l.table.SetRows(rows)
	total := l.index.Len()
	l.shown.SetText(lang.L("{{.Shown}} of {{.Count}}", map[string]any{"Shown": len(rows), "Count": total}))
	switch {
	case total == 0:
		l.empty.ShowEmpty(lang.L("No enrolments yet. Import a spreadsheet with Import enrolments, or add one with New enrolment (Ctrl+N)."))
	case len(rows) == 0:
		l.empty.ShowNoMatch(lang.L("No enrolment matches the search and filters."))
	default:
		l.empty.Hide()
	}
}

// showSessionBar describes the session chosen in the filter, with its
// figures and what can be done with it.
func (l *enrolmentList) showSessionBar() {
	sr := (*data.SessionRow)(nil)
	if l.index != nil && l.query.Session != data.NilID {
		sr = l.index.Session(l.query.Session)
	}
	if sr == nil {
		l.sessionBar.Hide()
		return
	}
	title := widget.NewLabelWithStyle(sr.Session.Code+"  "+sessionCourse(sr), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Truncation = fyne.TextTruncateEllipsis
	details := sessionDetails(sr)
	edit := &widget.Button{Text: lang.L("Edit session…"), Icon: theme.DocumentCreateIcon(), OnTapped: func() { l.s.openSessionForm(sr.Session) }}
	all := &widget.Button{Text: lang.L("All sessions"), Icon: theme.CancelIcon(), Importance: widget.LowImportance,
		OnTapped: func() { l.setSession(data.NilID) }}
	l.sessionBar.Objects = []fyne.CanvasObject{
		container.NewBorder(nil, nil, nil, container.NewHBox(edit, all), title),
		kit.Dim(details), widget.NewSeparator(),
	}
	l.sessionBar.Refresh()
	l.sessionBar.Show()
}

// sessionDetails is a line of a session's dates, platform and figures.
func sessionDetails(sr *data.SessionRow) string {
	st := sr.Stats
	dates := ""
	if sr.Start != "" || sr.End != "" {
		dates = string(sr.Start) + " – " + string(sr.End) + " · "
	}
	return dates + lang.L("{{.Language}} · {{.Enrolments}} · completion {{.Completion}} · pass rate {{.Pass}} · {{.Withdrawn}} withdrawn",
		map[string]any{"Language": kit.DlLanguageName(sr.Code.Language), "Enrolments": enrolmentsCounted(st.Enrolments),
			"Completion": rate(st.CompletionRate()), "Pass": rate(st.PassRate()), "Withdrawn": st.Withdrawn()})
}

// shownRows is what the table shows, in order (for tests).
func (l *enrolmentList) shownRows() []*data.EnrolmentRow { return l.table.RowsShown() }
