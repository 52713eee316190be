package ui

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
)

// VisitsScreen lists every site visit: searchable, filtered by period,
// place, kind, recommendation and overdue follow-ups, sortable by column.
// A row opens the visit's form.
type VisitsScreen struct {
	widget.BaseWidget
	sh *Shell

	index          *data.VisitIndex
	indexLoad      loader[*data.VisitIndex]
	query          data.VisitQuery
	count          *widget.Label
	search         *widget.Entry
	period         *choice[periodChoice]
	from, to       *dateEntry
	dates          *fyne.Container // From and To, shown for "between dates"
	place          *choice[visitPlace]
	kind           *choice[data.VisitKind]
	recommendation *choice[data.Recommendation]
	overdue        *widget.Check
	table          *recordTable[*data.VisitRow]
	cols           []column[*data.VisitRow]
	empty          *widget.Label
}

var (
	_ screen   = (*VisitsScreen)(nil)
	_ creator  = (*VisitsScreen)(nil)
	_ searcher = (*VisitsScreen)(nil)
)

// visitPlace is a choice of the place filter: a whole region or one province.
type visitPlace struct {
	region   data.Region
	province string
}

func newVisitsScreen(sh *Shell) *VisitsScreen {
	s := &VisitsScreen{sh: sh}
	s.count = widget.NewLabel("")
	s.count.Importance = widget.LowImportance
	s.search = widget.NewEntry()
	s.search.SetPlaceHolder(lang.L("Search institutions, visitors, people met and findings"))
	s.search.OnChanged = func(string) { s.apply() }

	s.period = newChoice([]periodChoice{periodAll, periodThisYear, periodLastYear, periodLast12Months, periodBetween},
		periodName, "", s.periodChanged)
	s.from, s.to = newDateEntry(sh.win, nil), newDateEntry(sh.win, nil)
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
	s.place = newChoice(places, placeChoiceName, lang.L("All regions and provinces"), s.apply)
	s.kind = newChoice(data.VisitKinds(), visitKindName, lang.L("All kinds of visit"), s.apply)
	s.recommendation = newChoice(data.Recommendations(), recommendationName, lang.L("Any recommendation"), s.apply)
	s.overdue = widget.NewCheck(lang.L("Overdue follow-ups only"), func(bool) { s.apply() })
	s.empty = widget.NewLabel("")
	s.empty.Wrapping = fyne.TextWrapWord
	s.empty.Hide()

	s.cols = visitColumns()
	s.table = newRecordTable(s.cols, translatedTitles(s.cols),
		func(by int, desc bool) { s.query.Sort, s.query.Desc = data.VisitSort(by), desc; s.apply() },
		s.open)
	s.table.desc, s.query.Desc = true, true // newest first
	s.period.Set(periodAll)
	s.ExtendBaseWidget(s)
	return s
}

// visitColumns are the list's columns, each as wide as its widest value in
// the interface's language; the institution column takes what is left.
func visitColumns() []column[*data.VisitRow] {
	cols := []column[*data.VisitRow]{
		{"Date", 0, int(data.VisitSortByDate), func(r *data.VisitRow) (string, bool) { return string(r.Date), false }},
		{"Institution", 180, int(data.VisitSortByInstitution), func(r *data.VisitRow) (string, bool) { return r.InstitutionName, false }},
		{"Province", 0, int(data.VisitSortByProvince), func(r *data.VisitRow) (string, bool) { return provinceName(r.Province), false }},
		{"Kind", 0, int(data.VisitSortByKind), func(r *data.VisitRow) (string, bool) { return visitKindName(r.Kind), false }},
		{"Score", 0, int(data.VisitSortByScore), func(r *data.VisitRow) (string, bool) {
			if !r.Scored {
				return "–", false
			}
			return scoreText(r.Overall), false
		}},
		{"Recommendation", 0, int(data.VisitSortByRecommendation), func(r *data.VisitRow) (string, bool) {
			if r.Recommendation == "" {
				return "–", false
			}
			return recommendationName(r.Recommendation), false
		}},
		{"Follow-ups", 0, int(data.VisitSortByFollowUps), func(r *data.VisitRow) (string, bool) {
			return visitFollowUpText(r.Open, r.Overdue, len(r.FollowUps)), r.Overdue > 0
		}},
	}
	var provinces, kinds, recommendations []string
	for _, p := range data.Provinces() {
		provinces = append(provinces, provinceName(p.Code))
	}
	for _, k := range data.VisitKinds() {
		kinds = append(kinds, visitKindName(k))
	}
	for _, r := range data.Recommendations() {
		recommendations = append(recommendations, recommendationName(r))
	}
	widest := [][]string{{"2000-12-31"}, nil, provinces, kinds, {scoreText(4.8)}, recommendations,
		{visitFollowUpText(8, 8, 8), visitFollowUpText(8, 0, 8), lang.L("all done")}}
	for i, values := range widest {
		if values != nil {
			cols[i].width = columnWidth(lang.L(cols[i].title), values)
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

func (s *VisitsScreen) CreateRenderer() fyne.WidgetRenderer {
	heading := widget.NewLabelWithStyle(lang.L("Site visits"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameHeadingText
	newBtn := &widget.Button{Text: lang.L("New visit"), Icon: theme.ContentAddIcon(), Importance: widget.HighImportance, OnTapped: s.newRecord}
	top := container.NewBorder(nil, nil, container.NewHBox(heading, container.NewCenter(s.count)), newBtn)
	search := container.NewBorder(nil, nil, widget.NewIcon(theme.SearchIcon()), s.overdue, s.search)
	filters := container.NewGridWithColumns(4, s.period.sel, s.place.sel, s.kind.sel, s.recommendation.sel)
	list := container.NewBorder(container.NewVBox(top, search, filters, s.dates, s.empty), nil, nil, nil, s.table)
	return widget.NewSimpleRenderer(container.NewPadded(list))
}

// Resize gives the institution column what the others leave.
func (s *VisitsScreen) Resize(size fyne.Size) {
	s.BaseWidget.Resize(size)
	used := theme.Padding() * float32(len(s.cols)+4) // cell gaps, the screen's padding, the scroll bar
	for i, c := range s.cols {
		if i != 1 {
			used += c.width
		}
	}
	s.table.Table.SetColumnWidth(1, max(s.cols[1].width, size.Width-used))
}

func (s *VisitsScreen) shown() { s.reload() }

func (s *VisitsScreen) focusSearch() { s.sh.win.Canvas().Focus(s.search) }

// newRecord opens the form for a new visit (Ctrl+N); its institution is
// picked in the form.
func (s *VisitsScreen) newRecord() {
	v := &data.Visit{Date: s.sh.today(), Kind: data.VisitAssessment, Visitors: []string{s.sh.store.DeviceLabel()}}
	s.sh.showVisitForm(v, s.reload)
}

func (s *VisitsScreen) open(r *data.VisitRow) { s.sh.showVisitForm(r.Visit, s.reload) }

// reload loads the visits off the UI goroutine and shows them filtered.
func (s *VisitsScreen) reload() {
	today := s.sh.today()
	s.indexLoad.load(s.sh.win, func(context.Context, func(int, int)) (*data.VisitIndex, error) {
		return s.sh.store.VisitIndex(today)
	}, func(x *data.VisitIndex) {
		s.index = x
		s.apply()
	})
}

func (s *VisitsScreen) periodChanged() {
	if s.period.Value() == periodBetween {
		s.dates.Show()
	} else {
		s.dates.Hide()
	}
	s.apply()
}

// currentPeriod is the period the filter asks for; a From or To that is not
// (yet) a date leaves that end open.
func (s *VisitsScreen) currentPeriod() data.Period {
	if s.period.Value() != periodBetween {
		return presetPeriod(s.period.Value(), s.sh.today())
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
func (s *VisitsScreen) apply() {
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
	s.table.setRows(rows)
	total := s.index.Len()
	switch {
	case total == 1:
		s.count.SetText(lang.L("1 visit"))
	case len(rows) == total:
		s.count.SetText(lang.L("{{.Count}} visits", map[string]any{"Count": total}))
	default:
		s.count.SetText(lang.L("{{.Shown}} of {{.Count}} visits", map[string]any{"Shown": len(rows), "Count": total}))
	}
	switch {
	case total == 0:
		s.empty.SetText(lang.L("No site visits are recorded yet. Press New visit (Ctrl+N) to record one, or open an institution and choose New visit there."))
		s.empty.Show()
	case len(rows) == 0:
		s.empty.SetText(lang.L("No visit matches the search and filters."))
		s.empty.Show()
	default:
		s.empty.Hide()
	}
}

// shownRows is what the table shows, in order (for tests).
func (s *VisitsScreen) shownRows() []*data.VisitRow { return s.table.rows }

// Display names shared by the list and the form.

// placeChoiceName shows a region as "East (all)" and its provinces indented
// beneath it.
func placeChoiceName(p visitPlace) string {
	if p.province != "" {
		return "    " + provinceName(p.province)
	}
	return lang.L("{{.Region}} (all)", map[string]any{"Region": regionName(p.region)})
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

// quietLabel is a label in the low-importance colour: hints, column heads.
func quietLabel(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Importance = widget.LowImportance
	return l
}
