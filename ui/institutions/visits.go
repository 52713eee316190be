package institutions

import (
	"context"
	"fmt"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"tiscdesk/data"
	"tiscdesk/ui/kit"
)

// Visits is the Site visits section: every site visit, searchable,
// filtered by period, place, kind, recommendation and overdue follow-ups,
// sortable by column. A row opens the visit's form.
type Visits struct {
	widget.BaseWidget
	host kit.Host

	index          *data.VisitIndex
	indexLoad      kit.Loader[*data.VisitIndex]
	query          data.VisitQuery
	count          *widget.Label
	search         *widget.Entry
	period         *kit.Choice[kit.PeriodChoice]
	from, to       *kit.DateEntry
	dates          *fyne.Container // From and To, shown for "between dates"
	place          *kit.Choice[visitPlace]
	kind           *kit.Choice[data.VisitKind]
	recommendation *kit.Choice[data.Recommendation]
	overdue        *widget.Check
	table          *kit.RecordTable[*data.VisitRow]
	cols           []kit.Column[*data.VisitRow]
	empty          *kit.Empty
}

var (
	_ kit.Screen   = (*Visits)(nil)
	_ kit.Creator  = (*Visits)(nil)
	_ kit.Searcher = (*Visits)(nil)
)

// visitPlace is a choice of the place filter: a whole region or one province.
type visitPlace struct {
	region   data.Region
	province string
}

// NewVisits is the Site visits section over host.
func NewVisits(host kit.Host) *Visits {
	s := &Visits{host: host}
	s.count = widget.NewLabel("")
	s.count.Importance = widget.LowImportance
	s.search = widget.NewEntry()
	s.search.SetPlaceHolder(lang.L("Search institutions, visitors, people met and findings"))
	s.search.OnChanged = func(string) { s.apply() }

	s.period = kit.NewChoice([]kit.PeriodChoice{kit.PeriodAll, kit.PeriodThisYear, kit.PeriodLastYear, kit.PeriodLast12Months, kit.PeriodBetween},
		kit.PeriodName, "", s.periodChanged)
	s.from, s.to = kit.NewDateEntry(host.Window(), nil), kit.NewDateEntry(host.Window(), nil)
	s.from.OnChanged = func(string) { s.apply() }
	s.to.OnChanged = func(string) { s.apply() }
	s.dates = container.NewHBox(widget.NewLabel(lang.L("From")), container.New(columnsLayout{visitDueWidth}, s.from),
		widget.NewLabel(lang.L("to")), container.New(columnsLayout{visitDueWidth}, s.to))
	s.dates.Hide()

	var places []visitPlace
	for _, r := range data.Regions() {
		places = append(places, visitPlace{region: r})
		for _, p := range data.Provinces() {
			if p.Region == r {
				places = append(places, visitPlace{province: p.Code})
			}
		}
	}
	s.place = kit.NewChoice(places, placeChoiceName, lang.L("All regions and provinces"), s.apply)
	s.kind = kit.NewChoice(data.VisitKinds(), kit.VisitKindName, lang.L("All kinds of visit"), s.apply)
	s.recommendation = kit.NewChoice(data.Recommendations(), kit.RecommendationName, lang.L("Any recommendation"), s.apply)
	s.overdue = widget.NewCheck(lang.L("Overdue follow-ups only"), func(bool) { s.apply() })
	s.empty = kit.NewEmpty(&widget.Button{Text: lang.L("New visit"), Icon: theme.ContentAddIcon(), OnTapped: s.NewRecord})

	s.cols = visitColumns()
	s.table = kit.NewRecordTable(s.cols, kit.TranslatedTitles(s.cols),
		func(by int, desc bool) { s.query.Sort, s.query.Desc = data.VisitSort(by), desc; s.apply() },
		s.open)
	s.table.OnDelete = func(r *data.VisitRow) { askDeleteVisit(s.host, r.Visit, r.InstitutionName, s.reload) }
	s.table.SetSortOrder(int(data.VisitSortByDate), true) // newest first
	s.query.Desc = true
	s.period.Set(kit.PeriodAll)
	s.ExtendBaseWidget(s)
	return s
}

// visitColumns are the list's columns, each as wide as its widest value in
// the interface's language; the institution column takes what is left.
func visitColumns() []kit.Column[*data.VisitRow] {
	cols := []kit.Column[*data.VisitRow]{
		{Title: "Date", Width: 0, Sort: int(data.VisitSortByDate), Cell: func(r *data.VisitRow) (string, bool) { return string(r.Date), false }},
		{Title: "Institution", Width: 180, Sort: int(data.VisitSortByInstitution), Cell: func(r *data.VisitRow) (string, bool) { return r.InstitutionName, false }},
		{Title: "Province", Width: 0, Sort: int(data.VisitSortByProvince), Cell: func(r *data.VisitRow) (string, bool) { return kit.ProvinceName(r.Province), false }},
		{Title: "Kind", Width: 0, Sort: int(data.VisitSortByKind), Cell: func(r *data.VisitRow) (string, bool) { return visitKindText(r.Visit), r.Draft }},
		{Title: "Score", Width: 0, Sort: int(data.VisitSortByScore), Cell: func(r *data.VisitRow) (string, bool) {
			if !r.Scored {
				return "–", false
			}
			return scoreText(r.Overall), false
		}},
		{Title: "Recommendation", Width: 0, Sort: int(data.VisitSortByRecommendation), Cell: func(r *data.VisitRow) (string, bool) {
			if r.Recommendation == "" {
				return "–", false
			}
			return kit.RecommendationName(r.Recommendation), false
		}},
		{Title: "Follow-ups", Width: 0, Sort: int(data.VisitSortByFollowUps), Cell: func(r *data.VisitRow) (string, bool) {
			return visitFollowUpText(r.Open, r.Overdue, len(r.FollowUps)), r.Overdue > 0
		}},
	}
	var provinces, kinds, recommendations []string
	for _, p := range data.Provinces() {
		provinces = append(provinces, kit.ProvinceName(p.Code))
	}
	for _, k := range data.VisitKinds() {
		kinds = append(kinds, visitKindText(&data.Visit{Kind: k, Draft: true}))
	}
	for _, r := range data.Recommendations() {
		recommendations = append(recommendations, kit.RecommendationName(r))
	}
	widest := [][]string{{"2000-12-31"}, nil, provinces, kinds, {scoreText(4.8)}, recommendations,
		{visitFollowUpText(8, 8, 8), visitFollowUpText(8, 0, 8), lang.L("all done")}}
	for i, values := range widest {
		if values != nil {
			cols[i].Width = columnWidth(lang.L(cols[i].Title), values)
		}
	}
	return cols
}

// columnWidth fits the widest of values (bold, as alerts are drawn) and the
// title with its sort arrow.
func columnWidth(title string, values []string) float32 {
	size := theme.TextSize()
	w := fyne.MeasureText(title, size, fyne.TextStyle{}).Width + theme.IconInlineSize() + theme.Padding()
	for _, v := range values {
		w = max(w, fyne.MeasureText(v, size, fyne.TextStyle{Bold: true}).Width)
	}
	return w + 2*theme.InnerPadding()
}

func (s *Visits) CreateRenderer() fyne.WidgetRenderer {
	heading := widget.NewLabelWithStyle(lang.L("Site visits"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameHeadingText
	newBtn := &widget.Button{Text: lang.L("New visit"), Icon: theme.ContentAddIcon(), Importance: widget.HighImportance, OnTapped: s.NewRecord}
	top := container.NewBorder(nil, nil, container.NewHBox(heading, container.NewCenter(s.count)), newBtn)
	search := container.NewBorder(nil, nil, widget.NewIcon(theme.SearchIcon()), s.overdue, s.search)
	filters := container.NewGridWithColumns(4, s.period.Select, s.place.Select, s.kind.Select, s.recommendation.Select)
	list := container.NewBorder(container.NewVBox(top, search, filters, s.dates, s.empty), nil, nil, nil, s.table)
	return widget.NewSimpleRenderer(container.NewPadded(list))
}

// Resize gives the institution column what the others leave.
func (s *Visits) Resize(size fyne.Size) {
	s.BaseWidget.Resize(size)
	used := theme.Padding() * float32(len(s.cols)+4) // cell gaps, the screen's padding, the scroll bar
	for i, c := range s.cols {
		if i != 1 {
			used += c.Width
		}
	}
	s.table.Table.SetColumnWidth(1, max(s.cols[1].Width, size.Width-used))
}

// Shown reloads the visits.
func (s *Visits) Shown() { s.reload() }

// FocusSearch goes to the search field (Ctrl+F).
func (s *Visits) FocusSearch() { s.host.Window().Canvas().Focus(s.search) }

// NewRecord opens the form for a new visit (Ctrl+N); its institution is
// picked in the form.
func (s *Visits) NewRecord() {
	v := &data.Visit{Date: s.host.Today(), Kind: data.VisitAssessment, Visitors: []string{s.host.Store().DeviceLabel()}}
	showVisitForm(s.host, v, s.reload)
}

func (s *Visits) open(r *data.VisitRow) { showVisitForm(s.host, r.Visit, s.reload) }

// reload loads the visits off the UI goroutine and shows them filtered.
func (s *Visits) reload() {
	today := s.host.Today()
	s.indexLoad.Load(s.host.Window(), func(context.Context, func(int, int)) (*data.VisitIndex, error) {
		return s.host.Store().VisitIndex(today)
	}, func(x *data.VisitIndex) {
		s.index = x
		s.apply()
	})
}

func (s *Visits) periodChanged() {
	if s.period.Value() == kit.PeriodBetween {
		s.dates.Show()
	} else {
		s.dates.Hide()
	}
	s.apply()
}

// currentPeriod is the period the filter asks for; a From or To that is not
// (yet) a date leaves that end open.
func (s *Visits) currentPeriod() data.Period {
	if s.period.Value() != kit.PeriodBetween {
		return kit.PresetPeriod(s.period.Value(), s.host.Today())
	}
	var p data.Period
	if d := s.from.Date(); d.Valid() {
		p.From = d
	}
	if d := s.to.Date(); d.Valid() {
		p.To = d
	}
	return p
}

// apply filters and sorts the loaded visits as the search and filters say.
func (s *Visits) apply() {
	if s.index == nil {
		return
	}
	place := s.place.Value()
	s.query.Text = s.search.Text
	s.query.Period = s.currentPeriod()
	s.query.Region, s.query.Province = place.region, place.province
	s.query.Kind = s.kind.Value()
	s.query.Recommendation = s.recommendation.Value()
	s.query.OverdueOnly = s.overdue.Checked
	rows := s.index.Filter(s.query)
	s.table.SetRows(rows)
	total := s.index.Len()
	switch {
	case total == 1:
		s.count.SetText(lang.L("1 visit"))
	case len(rows) == total:
		s.count.SetText(kit.Plural(total, "{{.Count}} visit", "{{.Count}} visits", map[string]any{"Count": total}))
	default:
		s.count.SetText(kit.Plural(total, "{{.Shown}} of {{.Count}} visit", "{{.Shown}} of {{.Count}} visits", map[string]any{"Shown": len(rows), "Count": total}))
	}
	switch {
	case total == 0:
		s.empty.ShowEmpty(lang.L("No site visits are recorded yet. Press New visit (Ctrl+N) to record one, or open an institution and choose New visit there."))
	case len(rows) == 0:
		s.empty.ShowNoMatch(lang.L("No visit matches the search and filters."))
	default:
		s.empty.Hide()
	}
}

// shownRows is what the table shows, in order (for tests).
func (s *Visits) shownRows() []*data.VisitRow { return s.table.RowsShown() }

// Display names shared by the list and the form.

// placeChoiceName shows a region as "East (all)" and its provinces indented
// beneath it.
func placeChoiceName(p visitPlace) string {
	if p.province != "" {
		return "    " + kit.ProvinceName(p.province)
	}
	return lang.L("{{.Region}} (all)", map[string]any{"Region": kit.RegionName(p.region)})
}

// visitFollowUpText is "2 open, 1 overdue", "all done", or "" when the
// visit has no follow-up actions.
func visitFollowUpText(open, overdue, all int) string {
	if all > 0 && open == 0 {
		return lang.L("all done")
	}
	return followUpSummary(open, overdue)
}

// scoreColor marks a checklist score: red for weak (0-1), amber for fair
// (2-3), green for good (4-5), grey when not assessed.
func scoreColor(score int) color.Color {
	switch {
	case score < 0:
		return theme.Color(theme.ColorNameDisabled)
	case score <= 1:
		return theme.Color(theme.ColorNameError)
	case score <= 3:
		return theme.Color(theme.ColorNameWarning)
	}
	return theme.Color(theme.ColorNameSuccess)
}

// scoreText is an overall score as shown: "3.6 / 5".
func scoreText(s float64) string {
	return lang.L("{{.Score}} / 5", map[string]any{"Score": fmt.Sprintf("%.1f", s)})
}
