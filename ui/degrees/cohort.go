package degrees

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"tiscdesk/data"
	"tiscdesk/ui/kit"
)

// CohortPage shows one cohort: its figures, counted from its students, and
// the students, searchable, filtered by status and sortable; a student
// opens in the student form.
type CohortPage struct {
	widget.BaseWidget
	scr *Screen
	id  data.ID
	row *data.CohortRow

	query  data.StudentQuery
	search *widget.Entry
	status *kit.Choice[data.StudentStatus]
	table  *kit.RecordTable[*data.StudentRow]
	count  *widget.Label
	empty  *kit.Empty
	// incomplete flags the graduates without a graduation date (imported
	// from a roster that did not give it: a missing fact is a warning).
	incomplete *widget.Label

	title, dates       *widget.Label
	figures            map[string]*kit.Figure
	scholarships       *widget.Label
	gender, nationals  *widget.Label
	nationalitiesTitle *widget.Label
}

var _ fyne.Widget = (*CohortPage)(nil)

// cohortFigureKeys are the figure cards of a cohort's page, in order.
var cohortFigureKeys = []struct{ key, caption string }{
	{"places", "Places"},
	{"applicants", "Applicants"},
	{"admitted", "Admitted"},
	{"enrolled", "Enrolled"},
	{"graduated", "Graduated"},
	{"withdrawn", "Withdrawn"},
}

func newCohortPage(scr *Screen, id data.ID) *CohortPage {
	p := &CohortPage{scr: scr, id: id, figures: map[string]*kit.Figure{}}
	p.query = data.StudentQuery{Cohort: id}
	p.search = widget.NewEntry()
	p.search.SetPlaceHolder(lang.L("Search by name, email, nationality, thesis or supervisor"))
	p.search.OnChanged = func(text string) { p.query.Text = text; p.apply() }
	p.status = kit.NewChoice(data.StudentStatuses(), kit.StudentStatusName, lang.L("All statuses"), func() {
		p.query.Status = p.status.Value()
		p.apply()
	})
	p.count = kit.QuietLabel("")
	p.empty = kit.NewEmpty(
		&widget.Button{Text: lang.L("Import roster…"), Icon: theme.UploadIcon(), OnTapped: scr.importRoster},
		&widget.Button{Text: lang.L("New student"), Icon: theme.ContentAddIcon(), OnTapped: p.newStudent})
	p.incomplete = incompleteNote("")
	p.incomplete.Hide()
	cols := studentColumns()
	p.table = kit.NewRecordTable(cols, kit.TranslatedTitles(cols),
		func(by int, desc bool) { p.query.Sort, p.query.Desc = data.StudentSort(by), desc; p.apply() },
		func(r *data.StudentRow) { scr.openStudentForm(p.row, r.Student) })
	p.table.OnDelete = func(r *data.StudentRow) { scr.askDeleteStudent(r.Student, func() {}) }
	p.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.title.SizeName = theme.SizeNameSubHeadingText
	p.title.Wrapping = fyne.TextWrapWord
	p.dates = kit.QuietLabel("")
	for _, f := range cohortFigureKeys {
		p.figures[f.key] = kit.NewFigure(lang.L(f.caption))
	}
	p.scholarships, p.gender, p.nationals = wrapped(), wrapped(), wrapped()
	p.nationalitiesTitle = widget.NewLabelWithStyle("", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	p.ExtendBaseWidget(p)
	p.reload()
	return p
}

func wrapped() *widget.Label {
	l := widget.NewLabel("")
	l.Wrapping = fyne.TextWrapWord
	return l
}

func studentColumns() []kit.Column[*data.StudentRow] {
	return []kit.Column[*data.StudentRow]{
		{Title: "Full name", Width: 160, Sort: int(data.SortStudentsByName), Cell: func(r *data.StudentRow) (string, bool) { return r.Name, false }},
		{Title: "Gender", Width: 62, Sort: int(data.SortStudentsByGender), Cell: func(r *data.StudentRow) (string, bool) {
			if r.Gender == data.GenderUnspecified {
				return "", false
			}
			return kit.GenderName(r.Gender), false
		}},
		{Title: "Nationality", Width: 118, Sort: int(data.SortStudentsByNationality), Cell: func(r *data.StudentRow) (string, bool) { return kit.CountryName(r.Nationality), false }},
		{Title: "Email", Width: 176, Sort: int(data.SortStudentsByEmail), Cell: func(r *data.StudentRow) (string, bool) { return r.Email, false }},
		{Title: "Scholarship", Width: 112, Sort: int(data.SortStudentsByFunder), Cell: func(r *data.StudentRow) (string, bool) {
			if r.Funder == data.FunderNotRecorded {
				return "", false
			}
			return kit.FunderName(r.Funder), false
		}},
		{Title: "Status", Width: 104, Sort: int(data.SortStudentsByStatus), Cell: func(r *data.StudentRow) (string, bool) {
			return kit.StudentStatusName(r.Status), r.Status == data.StudentWithdrawn || r.Status == data.StudentFailed
		}},
		{Title: "Graduation date", Width: 106, Sort: int(data.SortStudentsByGraduated), Cell: func(r *data.StudentRow) (string, bool) {
			if slices.Contains(r.Missing(), "graduated") {
				return lang.L("missing"), true
			}
			return string(r.Graduated), false
		}},
		{Title: "Thesis title", Width: 120, Sort: -1, Cell: func(r *data.StudentRow) (string, bool) { return r.Thesis, false }},
	}
}

func (p *CohortPage) CreateRenderer() fyne.WidgetRenderer {
	back := &widget.Button{Text: lang.L("Joint degrees"), Icon: theme.NavigateBackIcon(), Importance: widget.LowImportance, OnTapped: p.scr.showList}
	actions := container.NewHBox(
		&widget.Button{Text: lang.L("New student"), Icon: theme.ContentAddIcon(), Importance: widget.HighImportance, OnTapped: p.newStudent},
		&widget.Button{Text: lang.L("Import roster…"), Icon: theme.UploadIcon(), OnTapped: p.scr.importRoster},
		&widget.Button{Text: lang.L("Edit cohort"), Icon: theme.DocumentCreateIcon(), OnTapped: p.edit},
		&widget.Button{Text: lang.L("Delete"), Icon: theme.DeleteIcon(), Importance: widget.DangerImportance, OnTapped: p.delete},
	)
	cards := container.NewGridWithColumns(len(cohortFigureKeys))
	for _, f := range cohortFigureKeys {
		cards.Add(widget.NewCard("", "", p.figures[f.key]))
	}
	splits := container.New(layout.NewFormLayout(),
		widget.NewLabelWithStyle(lang.L("Scholarships"), fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}), p.scholarships,
		widget.NewLabelWithStyle(lang.L("Gender"), fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}), p.gender,
		p.nationalitiesTitle, p.nationals,
	)
	filters := container.NewBorder(nil, nil, widget.NewIcon(theme.SearchIcon()), container.NewHBox(p.status.Select, p.count), p.search)
	top := container.NewVBox(
		container.NewBorder(nil, nil, back, actions),
		p.title, p.dates, cards, splits, p.incomplete, filters, p.empty,
	)
	return widget.NewSimpleRenderer(container.NewBorder(top, nil, nil, nil, p.table))
}

func (p *CohortPage) Resize(size fyne.Size) {
	p.BaseWidget.Resize(size)
	p.table.StretchLast(size.Width)
}

// reload shows the cohort as the screen's index has it; a cohort deleted
// meanwhile goes back to the list.
func (p *CohortPage) reload() {
	row := p.scr.index.Cohort(p.id)
	if row == nil {
		p.scr.showList()
		return
	}
	p.row = row
	c, f := p.row, p.row.Figures
	p.title.SetText(lang.L("{{.Programme}}, intake {{.Year}}", map[string]any{"Programme": programmeName(c.Programme), "Year": c.IntakeYear}))
	p.dates.SetText(lang.L("Start: {{.Start}}   Graduation: {{.Graduation}}",
		map[string]any{"Start": orDash(string(c.Start)), "Graduation": orDash(string(c.Graduation))}))

	num := strconv.Itoa
	p.figures["places"].Set(num(f.Places), "", false)
	p.figures["applicants"].Set(num(f.Applicants), "", false)
	admittedNote := ""
	switch {
	case f.OverPlaces():
		admittedNote = lang.L("more than the places")
	case f.Applied > 0:
		admittedNote = lang.L("{{.Count}} awaiting a decision", map[string]any{"Count": f.Applied})
	}
	p.figures["admitted"].Set(num(f.Admitted), admittedNote, f.OverPlaces())
	thesis := ""
	if f.Thesis > 0 {
		thesis = lang.L("{{.Count}} writing the thesis", map[string]any{"Count": f.Thesis})
	}
	p.figures["enrolled"].Set(num(f.Enrolled), thesis, false)
	p.figures["graduated"].Set(num(f.Graduated), "", false)
	failed := ""
	if f.Failed > 0 {
		failed = lang.L("{{.Count}} failed", map[string]any{"Count": f.Failed})
	}
	p.figures["withdrawn"].Set(num(f.Withdrawn), failed, f.Failed > 0)

	var parts []string
	for _, s := range f.Scholarships() {
		parts = append(parts, kit.FunderName(s.Value)+" "+num(s.N))
	}
	p.scholarships.SetText(orDash(strings.Join(parts, "  ·  ")))
	parts = nil
	for _, g := range f.Genders() {
		parts = append(parts, kit.GenderName(g.Value)+" "+num(g.N))
	}
	p.gender.SetText(orDash(strings.Join(parts, "  ·  ")))
	parts = nil
	for _, n := range nationalitiesByName(f) {
		name := kit.CountryName(n.Value)
		if n.Value == "" {
			name = lang.L("not recorded")
		}
		parts = append(parts, name+" "+num(n.N))
	}
	p.nationalitiesTitle.SetText(lang.L("Nationalities ({{.Count}})", map[string]any{"Count": f.Countries()}))
	p.nationals.SetText(orDash(strings.Join(parts, "  ·  ")))
	p.flagIncomplete()
	p.apply()
}

// flagIncomplete says how many of the cohort's graduates have no
// graduation date, as a programme's card says it has no partner; their
// cells in the table say "missing".
func (p *CohortPage) flagIncomplete() {
	n := 0
	for _, r := range p.scr.index.Students(data.StudentQuery{Cohort: p.id}) {
		if slices.Contains(r.Missing(), "graduated") {
			n++
		}
	}
	if n == 0 {
		p.incomplete.SetText("")
		p.incomplete.Hide()
		return
	}
	p.incomplete.SetText(kit.Plural(n, "Incomplete: a graduate has no graduation date (open the student and give it).",
		"Incomplete: {{.Count}} graduates have no graduation date (open each student and give it).", map[string]any{"Count": n}))
	p.incomplete.Show()
}

// nationalitiesByName is the nationality split, the most frequent first,
// ties in the order of the names shown.
func nationalitiesByName(f data.CohortFigures) []data.Count[string] {
	rank := map[string]int{"": 1 << 20} // not recorded: last
	for i, c := range data.CountriesByName(kit.InterfaceLanguage()) {
		rank[c.Code] = i
	}
	list := f.Nationalities()
	slices.SortStableFunc(list, func(a, b data.Count[string]) int {
		if a.N != b.N {
			return cmp.Compare(b.N, a.N)
		}
		return cmp.Compare(rank[a.Value], rank[b.Value])
	})
	return list
}

// orDash is s, or "–" when s is empty.
func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}

// apply filters and sorts the cohort's students as the query says.
func (p *CohortPage) apply() {
	p.query.Cohort, p.query.Lang = p.id, kit.InterfaceLanguage()
	rows := p.scr.index.Students(p.query)
	p.table.SetRows(rows)
	total := p.row.Figures.Students
	if len(rows) == total {
		p.count.SetText(kit.Plural(total, "{{.Count}} student", "{{.Count}} students", map[string]any{"Count": total}))
	} else {
		p.count.SetText(kit.Plural(total, "{{.Shown}} of {{.Count}} student", "{{.Shown}} of {{.Count}} students", map[string]any{"Shown": len(rows), "Count": total}))
	}
	switch {
	case total == 0:
		p.empty.ShowEmpty(lang.L("No students yet. Add one with New student (Ctrl+N), or import the cohort's roster."))
	case len(rows) == 0:
		p.empty.ShowNoMatch(lang.L("No student matches the search and filter."))
	default:
		p.empty.Hide()
	}
}

// shownRows is what the table shows, in order (for tests).
func (p *CohortPage) shownRows() []*data.StudentRow { return p.table.RowsShown() }

// newStudent opens the form for a new student of this cohort (Ctrl+N).
func (p *CohortPage) newStudent() {
	p.scr.openStudentForm(p.row, nil)
}

func (p *CohortPage) edit() {
	p.scr.openCohortForm(p.row.Programme, p.row.Cohort)
}

func (p *CohortPage) delete() { p.scr.askDeleteCohort(p.row) }

// askDeleteCohort asks whether to delete cohort c with its students, and
// deletes it on yes, then shows the list. The page's Delete button and the
// Delete key on a programme's cohorts ask the same question.
func (s *Screen) askDeleteCohort(c *data.CohortRow) {
	q := lang.L("Delete the {{.Year}} intake of {{.Programme}}?", map[string]any{"Year": c.IntakeYear, "Programme": programmeName(c.Programme)})
	if n := c.Figures.Students; n > 0 {
		q += "\n" + kit.Plural(n, "Its {{.Count}} student will be deleted too.", "Its {{.Count}} students will be deleted too.", map[string]any{"Count": n})
	}
	kit.Confirm(s.host, lang.L("Delete cohort"), q, func() {
		if err := s.host.Store().Cohorts.Delete(c.ID); err != nil {
			kit.ShowError(s.host.Window(), err)
			return
		}
		s.showList()
		s.reload()
	})
}
