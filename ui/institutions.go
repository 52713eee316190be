package ui

import (
	"context"
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"tiscdesk/data"
)

// InstitutionsScreen is the register: a searchable, filterable, sortable
// list of institutions, and each institution's page.
type InstitutionsScreen struct {
	widget.BaseWidget
	sh *Shell

	index    *data.InstitutionIndex
	query    data.InstitutionQuery
	search   *widget.Entry
	stage    *choice[data.Stage]
	region   *choice[data.Region]
	province *choice[string]
	kind     *choice[data.InstitutionType]
	table    *recordTable[*data.InstitutionRow]
	count    *widget.Label
	empty    *widget.Label

	list *fyne.Container // the list view
	body *fyne.Container // shows the list or a page
	page *InstitutionPage

	indexLoad loader[*data.InstitutionIndex]
}

var (
	_ screen   = (*InstitutionsScreen)(nil)
	_ creator  = (*InstitutionsScreen)(nil)
	_ searcher = (*InstitutionsScreen)(nil)
)

func newInstitutionsScreen(sh *Shell) *InstitutionsScreen {
	s := &InstitutionsScreen{sh: sh}
	s.search = widget.NewEntry()
	s.search.SetPlaceHolder(lang.L("Search by name or city"))
	s.search.OnChanged = func(text string) { s.query.Text = text; s.apply() }
	s.stage = newChoice(data.Stages(), stageName, lang.L("All stages"), func() { s.query.Stage = s.stage.Value(); s.apply() })
	s.region = newChoice(data.Regions(), regionName, lang.L("All regions"), func() { s.query.Region = s.region.Value(); s.apply() })
	codes := make([]string, 0, 34)
	for _, p := range data.Provinces() {
		codes = append(codes, p.Code)
	}
	s.province = newChoice(codes, provinceName, lang.L("All provinces"), func() { s.query.Province = s.province.Value(); s.apply() })
	s.kind = newChoice(data.InstitutionTypes(), typeName, lang.L("All types"), func() { s.query.Type = s.kind.Value(); s.apply() })
	s.count = widget.NewLabel("")
	s.count.Importance = widget.LowImportance
	s.empty = widget.NewLabel("")
	s.empty.Hide()
	s.table = newRecordTable(institutionColumns(), translatedTitles(institutionColumns()),
		func(by int, desc bool) { s.query.Sort, s.query.Desc = data.InstitutionSort(by), desc; s.apply() },
		func(r *data.InstitutionRow) { s.open(r.ID) })
	s.ExtendBaseWidget(s)
	return s
}

func institutionColumns() []column[*data.InstitutionRow] {
	return []column[*data.InstitutionRow]{
		{"Name", 190, int(data.SortByName), func(r *data.InstitutionRow) (string, bool) { return r.LocalName, false }},
		{"English name", 150, int(data.SortByEnglishName), func(r *data.InstitutionRow) (string, bool) { return r.EnglishName, false }},
		{"Type", 105, int(data.SortByType), func(r *data.InstitutionRow) (string, bool) { return typeName(r.Type), false }},
		{"Province", 82, int(data.SortByProvince), func(r *data.InstitutionRow) (string, bool) { return provinceName(r.Province), false }},
		{"City", 60, int(data.SortByCity), func(r *data.InstitutionRow) (string, bool) { return r.City, false }},
		{"Stage", 100, int(data.SortByStage), func(r *data.InstitutionRow) (string, bool) { return stageName(r.Stage), false }},
		{"Last visit", 92, int(data.SortByLastVisit), func(r *data.InstitutionRow) (string, bool) { return string(r.LastVisit), false }},
		{"Follow-ups", 130, int(data.SortByFollowUps), func(r *data.InstitutionRow) (string, bool) {
			return followUpCell(r.OpenFollowUps, r.Overdue), r.Overdue > 0
		}},
	}
}

// followUpSummary is "2 open, 1 overdue", or "" when nothing is open.
func followUpSummary(open, overdue int) string {
	switch {
	case open == 0:
		return ""
	case overdue == 0:
		return lang.L("{{.Open}} open", map[string]any{"Open": open})
	}
	return lang.L("{{.Open}} open, {{.Overdue}} overdue", map[string]any{"Open": open, "Overdue": overdue})
}

// followUpCell is the short form for a table cell: "1 overdue / 2", "2 open".
func followUpCell(open, overdue int) string {
	if overdue == 0 {
		return followUpSummary(open, 0)
	}
	return lang.L("{{.Overdue}} overdue / {{.Open}}", map[string]any{"Open": open, "Overdue": overdue})
}

func (s *InstitutionsScreen) CreateRenderer() fyne.WidgetRenderer {
	heading := widget.NewLabelWithStyle(lang.L("Institutions"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameHeadingText
	newBtn := &widget.Button{Text: lang.L("New institution"), Icon: theme.ContentAddIcon(), Importance: widget.HighImportance, OnTapped: s.newRecord}
	importBtn := &widget.Button{Text: lang.L("Import…"), Icon: theme.UploadIcon(), OnTapped: func() { s.importFile() }}
	exportBtn := &widget.Button{Text: lang.L("Export CSV…"), Icon: theme.DownloadIcon(), OnTapped: s.exportFile}
	top := container.NewBorder(nil, nil, container.NewHBox(heading, s.count), container.NewHBox(importBtn, exportBtn, newBtn))
	filters := container.NewGridWithColumns(4, s.stage.sel, s.region.sel, s.province.sel, s.kind.sel)
	search := container.NewBorder(nil, nil, widget.NewIcon(theme.SearchIcon()), nil, s.search)
	s.list = container.NewBorder(container.NewVBox(top, search, filters, s.empty), nil, nil, nil, s.table)
	s.body = container.NewStack(s.list)
	return widget.NewSimpleRenderer(container.NewPadded(s.body))
}

func (s *InstitutionsScreen) Resize(size fyne.Size) {
	s.BaseWidget.Resize(size)
	s.table.stretchLast(size.Width)
}

func (s *InstitutionsScreen) shown() { s.reload() }

func (s *InstitutionsScreen) focusSearch() {
	s.showList()
	s.sh.win.Canvas().Focus(s.search)
}

// newRecord opens the form for a new institution (Ctrl+N).
func (s *InstitutionsScreen) newRecord() {
	s.sh.openInstitutionForm(nil, func(in *data.Institution) { s.reload(); s.open(in.ID) })
}

// importFile opens the import wizard for institutions.
func (s *InstitutionsScreen) importFile() *importWizard {
	return s.sh.openImportWizard(institutionImport(s.sh.store), s.reload)
}

// exportFile saves the register as CSV (UTF-8 with a byte-order mark, so
// Excel opens the Chinese correctly). The save dialog asks before it
// replaces an existing file.
func (s *InstitutionsScreen) exportFile() {
	s.sh.exportCSV("institutions", s.sh.store.ExportInstitutions, func(n int, file string) string {
		return lang.L("{{.Count}} institutions written to {{.File}}.", map[string]any{"Count": n, "File": file})
	})
}

// reload loads the register off the UI goroutine and shows it filtered.
func (s *InstitutionsScreen) reload() {
	today := s.sh.today()
	s.indexLoad.load(s.sh.win, func(context.Context, func(int, int)) (*data.InstitutionIndex, error) {
		return s.sh.store.InstitutionIndex(today)
	}, func(x *data.InstitutionIndex) {
		s.index = x
		s.apply()
		if s.page != nil {
			s.page.reload()
		}
	})
}

// apply filters and sorts the loaded register as the query says.
func (s *InstitutionsScreen) apply() {
	if s.index == nil {
		return
	}
	rows := s.index.Filter(s.query)
	s.table.setRows(rows)
	total := s.index.Len()
	if len(rows) == total {
		s.count.SetText(lang.L("{{.Count}} institutions", map[string]any{"Count": total}))
	} else {
		s.count.SetText(lang.L("{{.Shown}} of {{.Count}} institutions", map[string]any{"Shown": len(rows), "Count": total}))
	}
	switch {
	case total == 0:
		s.empty.SetText(lang.L("The register is empty. Add an institution with New institution (Ctrl+N), or import a spreadsheet with: tiscdesk import institutions FILE"))
		s.empty.Show()
	case len(rows) == 0:
		s.empty.SetText(lang.L("No institution matches the search and filters."))
		s.empty.Show()
	default:
		s.empty.Hide()
	}
}

// shownRows is what the table shows, in order (for tests).
func (s *InstitutionsScreen) shownRows() []*data.InstitutionRow { return s.table.rows }

// open shows the page of institution id.
func (s *InstitutionsScreen) open(id data.ID) {
	s.page = newInstitutionPage(s.sh, id, s.showList, s.reload)
	s.body.Objects = []fyne.CanvasObject{s.page}
	s.body.Refresh()
}

// showList goes back from a page to the list.
func (s *InstitutionsScreen) showList() {
	s.page = nil
	if s.body != nil {
		s.body.Objects = []fyne.CanvasObject{s.list}
		s.body.Refresh()
	}
}
