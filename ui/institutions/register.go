// Package institutions is the area of institutions and their site visits:
// the register (the Institutions section) with each institution's page and
// forms, and the Site visits section with the visit form and its pickers.
package institutions

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"tiscdesk/data"
	"tiscdesk/ui/importer"
	"tiscdesk/ui/kit"
)

// Register is the Institutions section: a searchable, filterable, sortable
// list of institutions, and each institution's page.
type Register struct {
	widget.BaseWidget
	host kit.Host

	index    *data.InstitutionIndex
	query    data.InstitutionQuery
	search   *widget.Entry
	stage    *kit.Choice[data.Stage]
	region   *kit.Choice[data.Region]
	province *kit.Choice[string]
	kind     *kit.Choice[data.InstitutionType]
	table    *kit.RecordTable[*data.InstitutionRow]
	count    *widget.Label
	empty    *kit.Empty // on an empty register, offers what fills it

	list *fyne.Container // the list view
	body *fyne.Container // shows the list or a page
	page *Page

	indexLoad kit.Loader[*data.InstitutionIndex]
}

var (
	_ kit.Screen   = (*Register)(nil)
	_ kit.Creator  = (*Register)(nil)
	_ kit.Searcher = (*Register)(nil)
)

// NewRegister is the Institutions section over host.
func NewRegister(host kit.Host) *Register {
	s := &Register{host: host}
	s.search = widget.NewEntry()
	s.search.SetPlaceHolder(lang.L("Search by name or city"))
	s.search.OnChanged = func(text string) { s.query.Text = text; s.apply() }
	s.stage = kit.NewChoice(data.Stages(), kit.StageName, lang.L("All stages"), func() { s.query.Stage = s.stage.Value(); s.apply() })
	s.region = kit.NewChoice(data.Regions(), kit.RegionName, lang.L("All regions"), func() { s.query.Region = s.region.Value(); s.apply() })
	codes := make([]string, 0, 34)
	for _, p := range data.Provinces() {
		codes = append(codes, p.Code)
	}
	s.province = kit.NewChoice(codes, kit.ProvinceName, lang.L("All provinces"), func() { s.query.Province = s.province.Value(); s.apply() })
	s.kind = kit.NewChoice(data.InstitutionTypes(), kit.TypeName, lang.L("All types"), func() { s.query.Type = s.kind.Value(); s.apply() })
	s.count = widget.NewLabel("")
	s.count.Importance = widget.LowImportance
	s.empty = kit.NewEmpty(
		&widget.Button{Text: lang.L("New institution"), Icon: theme.ContentAddIcon(), OnTapped: s.NewRecord},
		&widget.Button{Text: lang.L("Import a spreadsheet"), Icon: theme.UploadIcon(), OnTapped: s.importFile})
	s.table = kit.NewRecordTable(institutionColumns(), kit.TranslatedTitles(institutionColumns()),
		func(by int, desc bool) { s.query.Sort, s.query.Desc = data.InstitutionSort(by), desc; s.apply() },
		func(r *data.InstitutionRow) { s.open(r.ID) })
	s.table.OnDelete = func(r *data.InstitutionRow) { askDelete(s.host, r.ID, r.DisplayName(), r.Visits, s.reload) }
	s.ExtendBaseWidget(s)
	return s
}

func institutionColumns() []kit.Column[*data.InstitutionRow] {
	return []kit.Column[*data.InstitutionRow]{
		{Title: "Name", Width: 190, Sort: int(data.SortByName), Cell: func(r *data.InstitutionRow) (string, bool) { return r.LocalName, false }},
		{Title: "English name", Width: 150, Sort: int(data.SortByEnglishName), Cell: func(r *data.InstitutionRow) (string, bool) { return r.EnglishName, false }},
		{Title: "Type", Width: 105, Sort: int(data.SortByType), Cell: func(r *data.InstitutionRow) (string, bool) { return kit.TypeName(r.Type), false }},
		{Title: "Province", Width: 82, Sort: int(data.SortByProvince), Cell: func(r *data.InstitutionRow) (string, bool) { return kit.ProvinceName(r.Province), false }},
		{Title: "City", Width: 60, Sort: int(data.SortByCity), Cell: func(r *data.InstitutionRow) (string, bool) { return r.City, false }},
		{Title: "Stage", Width: 100, Sort: int(data.SortByStage), Cell: func(r *data.InstitutionRow) (string, bool) { return kit.StageName(r.Stage), false }},
		{Title: "Last visit", Width: 92, Sort: int(data.SortByLastVisit), Cell: func(r *data.InstitutionRow) (string, bool) { return string(r.LastVisit), false }},
		{Title: "Follow-ups", Width: 130, Sort: int(data.SortByFollowUps), Cell: func(r *data.InstitutionRow) (string, bool) {
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

func (s *Register) CreateRenderer() fyne.WidgetRenderer {
	heading := widget.NewLabelWithStyle(lang.L("Institutions"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameHeadingText
	newBtn := &widget.Button{Text: lang.L("New institution"), Icon: theme.ContentAddIcon(), Importance: widget.HighImportance, OnTapped: s.NewRecord}
	importBtn := &widget.Button{Text: lang.L("Import…"), Icon: theme.UploadIcon(), OnTapped: s.importFile}
	exportBtn := &widget.Button{Text: lang.L("Export…"), Icon: theme.DownloadIcon(), OnTapped: s.exportFile}
	statsBtn := &widget.Button{Text: lang.L("Import yearly statistics…"), Icon: theme.UploadIcon(), OnTapped: s.importStatistics}
	top := container.NewBorder(nil, nil, container.NewHBox(heading, s.count), container.NewHBox(importBtn, statsBtn, exportBtn, newBtn))
	filters := container.NewGridWithColumns(4, s.stage.Select, s.region.Select, s.province.Select, s.kind.Select)
	search := container.NewBorder(nil, nil, widget.NewIcon(theme.SearchIcon()), nil, s.search)
	s.list = container.NewBorder(container.NewVBox(top, search, filters, s.empty), nil, nil, nil, s.table)
	s.body = container.NewStack(s.list)
	return widget.NewSimpleRenderer(container.NewPadded(s.body))
}

func (s *Register) Resize(size fyne.Size) {
	s.BaseWidget.Resize(size)
	s.table.StretchLast(size.Width)
}

// Shown reloads the register.
func (s *Register) Shown() { s.reload() }

// FocusSearch goes back to the list and its search field (Ctrl+F).
func (s *Register) FocusSearch() {
	s.showList()
	s.host.Window().Canvas().Focus(s.search)
}

// NewRecord opens the form for a new institution (Ctrl+N).
func (s *Register) NewRecord() {
	openInstitutionForm(s.host, nil, func(in *data.Institution) { s.reload(); s.open(in.ID) })
}

// importFile opens the import wizard for institutions.
func (s *Register) importFile() {
	importer.Open(s.host, importer.Institutions(s.host.Store()), s.reload)
}

// importStatistics opens the import wizard for the TISCs' yearly returns.
func (s *Register) importStatistics() {
	importer.Open(s.host, importer.Statistics(s.host.Store()), s.reload)
}

// exportFile saves the register as an Excel workbook or CSV, as the file name
// chosen says (kit.ExportList).
func (s *Register) exportFile() {
	holds := lang.L("the names, titles, emails and phone numbers of the institutions' contacts")
	kit.ExportPersonalList(s.host, "institutions", holds, s.host.Store().ExportInstitutions, func(n int, file string) string {
		return kit.Plural(n, "{{.Count}} institution written to {{.File}}.", "{{.Count}} institutions written to {{.File}}.", map[string]any{"Count": n, "File": file})
	})
}

// reload loads the register off the UI goroutine and shows it filtered.
func (s *Register) reload() {
	today := s.host.Today()
	s.indexLoad.Load(s.host.Window(), func(context.Context, func(int, int)) (*data.InstitutionIndex, error) {
		return s.host.Store().InstitutionIndex(today)
	}, func(x *data.InstitutionIndex) {
		s.index = x
		s.apply()
		if s.page != nil {
			s.page.reload()
		}
	})
}

// apply filters and sorts the loaded register as the query says.
func (s *Register) apply() {
	if s.index == nil {
		return
	}
	rows := s.index.Filter(s.query)
	s.table.SetRows(rows)
	total := s.index.Len()
	if len(rows) == total {
		s.count.SetText(kit.Plural(total, "{{.Count}} institution", "{{.Count}} institutions", map[string]any{"Count": total}))
	} else {
		s.count.SetText(kit.Plural(total, "{{.Shown}} of {{.Count}} institution", "{{.Shown}} of {{.Count}} institutions", map[string]any{"Shown": len(rows), "Count": total}))
	}
	switch {
	case total == 0:
		s.empty.ShowEmpty(lang.L("The register is empty. Add the first institution, or import a spreadsheet of them."))
	case len(rows) == 0:
		s.empty.ShowNoMatch(lang.L("No institution matches the search and filters."))
	default:
		s.empty.Hide()
	}
}

// shownRows is what the table shows, in order (for tests).
func (s *Register) shownRows() []*data.InstitutionRow { return s.table.RowsShown() }

// open shows the page of institution id.
func (s *Register) open(id data.ID) {
	s.page = newInstitutionPage(s.host, id, s.showList, s.reload)
	s.body.Objects = []fyne.CanvasObject{s.page}
	s.body.Refresh()
}

// showList goes back from a page to the list.
func (s *Register) showList() {
	s.page = nil
	if s.body != nil {
		s.body.Objects = []fyne.CanvasObject{s.list}
		s.body.Refresh()
	}
}
