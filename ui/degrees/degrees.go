// Package degrees is the Joint degrees section: the programmes and their
// cohorts, each cohort's page with its figures and students, and the forms
// of programmes, cohorts and students.
package degrees

import (
	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"tiscdesk/data"
	"tiscdesk/ui/importer"
	"tiscdesk/ui/kit"
)

// Screen is the Joint degrees section: every programme with its
// cohorts and their figures, and a cohort's page with its students. The
// figures are counted from the students each time the section loads.
type Screen struct {
	widget.BaseWidget
	host kit.Host

	index      *data.DegreeIndex
	indexLoad  kit.Loader[*data.DegreeIndex]
	afterLoad  []func() // what the reloads under way are to do next
	count      *widget.Label
	empty      *kit.Empty
	programmes *fyne.Container // a card per programme

	list   fyne.CanvasObject // the programmes view
	body   *fyne.Container   // shows the list or a cohort's page
	cohort *CohortPage
}

var (
	_ kit.Screen   = (*Screen)(nil)
	_ kit.Creator  = (*Screen)(nil)
	_ kit.Searcher = (*Screen)(nil)
)

// New is the Joint degrees section over host.
func New(host kit.Host) *Screen {
	s := &Screen{host: host, programmes: container.NewVBox()}
	s.count = kit.QuietLabel("")
	s.empty = kit.NewEmpty(
		&widget.Button{Text: lang.L("Import roster…"), Icon: theme.UploadIcon(), OnTapped: s.importRoster},
		&widget.Button{Text: lang.L("New programme"), Icon: theme.ContentAddIcon(), OnTapped: s.newProgramme})
	s.ExtendBaseWidget(s)
	return s
}

func (s *Screen) CreateRenderer() fyne.WidgetRenderer {
	heading := widget.NewLabelWithStyle(lang.L("Joint degrees"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameHeadingText
	newBtn := &widget.Button{Text: lang.L("New programme"), Icon: theme.ContentAddIcon(), Importance: widget.HighImportance, OnTapped: s.newProgramme}
	importBtn := &widget.Button{Text: lang.L("Import roster…"), Icon: theme.UploadIcon(), OnTapped: s.importRoster}
	exportBtn := &widget.Button{Text: lang.L("Export…"), Icon: theme.DownloadIcon(), OnTapped: s.exportFile}
	// The count takes the room left beside the buttons, cut short with "…"
	// rather than widening the window past 1024 pixels.
	s.count.Truncation = fyne.TextTruncateEllipsis
	top := container.NewBorder(nil, nil, heading, container.NewHBox(importBtn, exportBtn, newBtn), s.count)
	inset := layout.NewCustomPaddedLayout(0, 0, 0, 2*theme.Padding()) // clear of the scroll bar
	scroll := container.NewVScroll(container.New(inset, container.NewVBox(s.empty, s.programmes)))
	s.list = container.NewBorder(top, nil, nil, nil, scroll)
	s.body = container.NewStack(s.list)
	if s.cohort != nil {
		s.body.Objects = []fyne.CanvasObject{s.cohort}
	}
	return widget.NewSimpleRenderer(container.NewPadded(s.body))
}

// Shown reloads the programmes and cohorts.
func (s *Screen) Shown() { s.reload() }

// NewRecord (Ctrl+N) adds a student on a cohort's page, else a programme.
func (s *Screen) NewRecord() {
	if s.cohort != nil {
		s.cohort.newStudent()
		return
	}
	s.newProgramme()
}

// FocusSearch (Ctrl+F) goes to the search field of a cohort's students.
func (s *Screen) FocusSearch() {
	if s.cohort != nil {
		s.host.Window().Canvas().Focus(s.cohort.search)
	}
}

// reload loads the programmes, cohorts and students off the UI goroutine,
// then redraws the list and the open cohort's page.
func (s *Screen) reload() { s.reloadThen(nil) }

// reloadThen reloads, then runs then (when not nil) on the UI goroutine.
// A later reload that supersedes this one runs it instead.
func (s *Screen) reloadThen(then func()) {
	if then != nil {
		s.afterLoad = append(s.afterLoad, then)
	}
	s.indexLoad.Load(s.host.Window(), func(context.Context, func(int, int)) (*data.DegreeIndex, error) {
		return s.host.Store().DegreeIndex()
	}, func(x *data.DegreeIndex) {
		s.index = x
		s.show()
		if s.cohort != nil {
			s.cohort.reload()
		}
		after := s.afterLoad
		s.afterLoad = nil
		for _, then := range after {
			then()
		}
	})
}

// show redraws the programme cards from the index.
func (s *Screen) show() {
	x := s.index
	cohorts := 0
	for _, p := range x.Programmes {
		cohorts += len(p.Cohorts)
	}
	s.count.SetText(lang.L("The database holds {{.Cohorts}} and {{.Students}}.",
		map[string]any{"Cohorts": cohortsCounted(cohorts), "Students": studentsCounted(x.Totals.Students)}))
	s.programmes.Objects = nil
	for _, p := range x.Programmes {
		s.programmes.Add(s.programmeCard(p))
	}
	s.programmes.Refresh()
	if len(x.Programmes) == 0 {
		s.empty.ShowEmpty(lang.L("No joint-degree programme yet. Add one with New programme (Ctrl+N), or import a roster of students with Import roster…: its programmes and cohorts are created with it."))
	} else {
		s.empty.Hide()
	}
}

// programmeCard shows a programme, what it awards and with whom, and its
// cohorts with their figures.
func (s *Screen) programmeCard(p *data.ProgrammeRow) fyne.CanvasObject {
	title := widget.NewLabelWithStyle(programmeName(p.Programme), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	title.Wrapping = fyne.TextWrapWord
	actions := container.NewHBox(
		&widget.Button{Text: lang.L("New cohort"), Icon: theme.ContentAddIcon(), OnTapped: func() { s.newCohort(p.Programme) }},
		&widget.Button{Text: lang.L("Edit"), Icon: theme.DocumentCreateIcon(), OnTapped: func() { s.editProgramme(p.Programme) }},
		&widget.Button{Text: lang.L("Delete"), Icon: theme.DeleteIcon(), Importance: widget.DangerImportance,
			OnTapped: func() { s.deleteProgramme(p) }},
	)
	parts := []fyne.CanvasObject{container.NewBorder(nil, nil, nil, actions, title)}
	if other := otherName(p.Programme); other != "" {
		parts = append(parts, kit.QuietLabel(other))
	}
	about := kit.Dim(programmeDetails(p.Programme))
	parts = append(parts, about)
	if p.Incomplete() {
		parts = append(parts, incompleteLabel())
	}
	if len(p.Cohorts) == 0 {
		parts = append(parts, kit.Dim(lang.L("No cohorts yet. New cohort adds one; importing a roster adds the cohorts it names.")))
	} else {
		parts = append(parts, s.cohortTable(p), kit.Dim(totalsLine(p.Totals)))
	}
	return widget.NewCard("", "", container.NewVBox(parts...))
}

// programmeName is the name in the interface's language, when there is one.
func programmeName(p *data.Programme) string {
	if kit.InterfaceIsChinese() && p.NameZH != "" {
		return p.NameZH
	}
	return p.Name
}

// otherName is the programme's name in the other language, or "".
func otherName(p *data.Programme) string {
	if kit.InterfaceIsChinese() && p.NameZH != "" {
		return p.Name
	}
	return p.NameZH
}

// programmeDetails is one line: partner, co-organiser, degree, place.
func programmeDetails(p *data.Programme) string {
	var parts []string
	add := func(label, value string) {
		if value != "" {
			parts = append(parts, lang.L("{{.Label}}: {{.Value}}", map[string]any{"Label": lang.L(label), "Value": value}))
		}
	}
	add("Partner university", p.Partner)
	add("Co-organiser", p.CoOrganiser)
	add("Degree", p.Degree)
	add("Specialisation", p.Specialisation)
	place := strings.TrimSpace(strings.Join([]string{p.City, kit.CountryName(p.Country)}, ", "))
	add("Place", strings.Trim(place, ", "))
	return strings.Join(parts, "  ·  ")
}

// totalsLine sums a programme's cohorts.
func totalsLine(f data.CohortFigures) string {
	return lang.L("All cohorts: {{.Admitted}} admitted, {{.Enrolled}} enrolled, {{.Graduated}} graduated, {{.Withdrawn}} withdrawn; {{.Countries}}.",
		map[string]any{"Admitted": kit.Number(f.Admitted), "Enrolled": kit.Number(f.Enrolled), "Graduated": kit.Number(f.Graduated), "Withdrawn": kit.Number(f.Withdrawn),
			"Countries": kit.Counted(f.Countries(), "{{.Count}} country", "{{.Count}} countries")})
}

func cohortsCounted(n int) string { return kit.Counted(n, "{{.Count}} cohort", "{{.Count}} cohorts") }

func studentsCounted(n int) string {
	return kit.Counted(n, "{{.Count}} student", "{{.Count}} students")
}

func cohortColumns() []kit.Column[*data.CohortRow] {
	num := func(n int) string { return strconv.Itoa(n) }
	return []kit.Column[*data.CohortRow]{
		{Title: "Intake", Width: 92, Sort: 0, Cell: func(c *data.CohortRow) (string, bool) { return strconv.Itoa(c.IntakeYear), false }},
		{Title: "Places", Width: 62, Sort: -1, Cell: func(c *data.CohortRow) (string, bool) { return num(c.Places), false }},
		{Title: "Applicants", Width: 84, Sort: -1, Cell: func(c *data.CohortRow) (string, bool) { return num(c.Applicants), false }},
		{Title: "Admitted", Width: 76, Sort: -1, Cell: func(c *data.CohortRow) (string, bool) { return num(c.Figures.Admitted), c.Figures.OverPlaces() }},
		{Title: "Enrolled", Width: 70, Sort: -1, Cell: func(c *data.CohortRow) (string, bool) { return num(c.Figures.Enrolled), false }},
		{Title: "Graduated", Width: 82, Sort: -1, Cell: func(c *data.CohortRow) (string, bool) { return num(c.Figures.Graduated), false }},
		{Title: "Withdrawn", Width: 82, Sort: -1, Cell: func(c *data.CohortRow) (string, bool) { return num(c.Figures.Withdrawn), false }},
		{Title: "Women / men", Width: 98, Sort: -1, Cell: func(c *data.CohortRow) (string, bool) { return genderSplit(c.Figures), false }},
		{Title: "Countries", Width: 78, Sort: -1, Cell: func(c *data.CohortRow) (string, bool) { return num(c.Figures.Countries()), false }},
		{Title: "Scholarships", Width: 150, Sort: -1, Cell: func(c *data.CohortRow) (string, bool) { return scholarshipsText(c.Figures), false }},
	}
}

// cohortTable lists a programme's cohorts with their figures; a tap on one
// opens its page. It is as tall as its rows: the screen scrolls, not it.
func (s *Screen) cohortTable(p *data.ProgrammeRow) fyne.CanvasObject {
	cols := cohortColumns()
	var t *kit.RecordTable[*data.CohortRow]
	t = kit.NewRecordTable(cols, kit.TranslatedTitles(cols), func(_ int, desc bool) {
		rows := append([]*data.CohortRow(nil), p.Cohorts...)
		if desc {
			for i, j := 0, len(rows)-1; i < j; i, j = i+1, j-1 {
				rows[i], rows[j] = rows[j], rows[i]
			}
		}
		t.SetRows(rows)
	}, func(c *data.CohortRow) { s.openCohort(c.ID) })
	t.OnDelete = s.askDeleteCohort
	t.SetRows(p.Cohorts)
	return container.New(&wholeTableLayout{stretch: t.StretchLast, rows: len(p.Cohorts)}, t)
}

// wholeTableLayout gives a table the height of all its rows and widens its
// last column to the width it gets.
type wholeTableLayout struct {
	stretch func(width float32)
	rows    int
}

func (l *wholeTableLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	l.stretch(size.Width)
	objs[0].Resize(size)
}

func (l *wholeTableLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	// A table's rows are as tall as its tallest template: cell or header.
	header := &widget.Button{Text: "M", Icon: theme.MenuDropUpIcon()}
	row := max(kit.NewTableCell().MinSize().Height, header.MinSize().Height) + theme.SeparatorThicknessSize()
	return fyne.NewSize(400, float32(l.rows+1)*row+theme.Padding())
}

// genderSplit is "12 / 11": women / men (others and unspecified in the
// cohort's page).
func genderSplit(f data.CohortFigures) string {
	return strconv.Itoa(f.ByGender[data.GenderFemale]) + " / " + strconv.Itoa(f.ByGender[data.GenderMale])
}

// scholarshipsText is "WIPO 12 · Host government 6 · Self-funded 5".
func scholarshipsText(f data.CohortFigures) string {
	var parts []string
	for _, c := range f.Scholarships() {
		parts = append(parts, kit.FunderName(c.Value)+" "+strconv.Itoa(c.N))
	}
	return strings.Join(parts, " · ")
}

// openCohort shows the page of cohort id.
func (s *Screen) openCohort(id data.ID) {
	if s.index == nil || s.index.Cohort(id) == nil {
		return
	}
	s.cohort = newCohortPage(s, id)
	if s.body != nil { // else CreateRenderer shows it
		s.body.Objects = []fyne.CanvasObject{s.cohort}
		s.body.Refresh()
	}
}

// showList goes back from a cohort's page to the programmes.
func (s *Screen) showList() {
	s.cohort = nil
	if s.body != nil {
		s.body.Objects = []fyne.CanvasObject{s.list}
		s.body.Refresh()
	}
}

func (s *Screen) newProgramme() {
	s.openProgrammeForm(nil)
}

func (s *Screen) editProgramme(p *data.Programme) {
	s.openProgrammeForm(p)
}

func (s *Screen) newCohort(p *data.Programme) {
	s.openCohortForm(p, nil)
}

func (s *Screen) deleteProgramme(p *data.ProgrammeRow) {
	q := lang.L("Delete {{.Name}}?", map[string]any{"Name": programmeName(p.Programme)})
	if len(p.Cohorts) > 0 {
		q += "\n" + lang.L("Its {{.Cohorts}} and {{.Students}} will be deleted too.",
			map[string]any{"Cohorts": cohortsCounted(len(p.Cohorts)), "Students": studentsCounted(p.Totals.Students)})
	}
	kit.Confirm(s.host, lang.L("Delete programme"), q, func() {
		if err := s.host.Store().Programmes.Delete(p.ID); err != nil {
			kit.ShowError(s.host.Window(), err)
			return
		}
		s.reload()
	})
}

// importRoster opens the import wizard for a roster of students.
func (s *Screen) importRoster() {
	importer.Open(s.host, importer.Students(s.host.Store()), s.reload)
}

// exportFile saves every student as an Excel workbook or CSV, as the file
// name chosen says (kit.ExportList).
func (s *Screen) exportFile() {
	holds := lang.L("the names, emails, genders, nationalities, thesis titles and supervisors of the students")
	kit.ExportPersonalList(s.host, "students", holds, s.host.Store().ExportStudents, func(n int, file string) string {
		return kit.Plural(n, "{{.Count}} student written to {{.File}}.", "{{.Count}} students written to {{.File}}.", map[string]any{"Count": n, "File": file})
	})
}
