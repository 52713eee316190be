package ui

import (
	"context"
	"fmt"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"tiscdesk/data"
	"tiscdesk/ui/kit"
)

// Overview shows the headline figures and the pipeline chart, computed from
// the store each time the section is shown.
type Overview struct {
	widget.BaseWidget
	store *data.Store
	win   fyne.Window

	heading     *widget.Label
	figures     map[string]*kit.Figure
	pipeline    *barChart
	exits       *barChart
	regions     *barChart
	status      *widget.Label
	noRegister  *kit.Empty       // the register is empty, other records are not
	operations  *operationsPanel // evaluations due, agreements expiring, last year's returns
	figuresLoad kit.Loader[overviewState]
	// duplicates says how many possible duplicates wait for review, with a
	// button to them; hidden when there are none.
	duplicates     *fyne.Container
	duplicatesText *widget.Label
	duplicatesLoad kit.Loader[int]
	duplicateCount data.DuplicateCount // found again only when the database changed

	// welcome replaces the figures while the database is empty.
	welcome *welcome
	filled  fyne.CanvasObject
}

// overviewState is what the Overview loads: the figures, and whether the
// database is empty (then the welcome shows instead).
type overviewState struct {
	figures data.Overview
	empty   bool
}

var _ kit.Screen = (*Overview)(nil)

// Figure keys, in display order.
var overviewFigures = []struct{ key, caption string }{
	{"operational", "Operational TISCs"},
	{"pipeline", "Candidates in the pipeline"},
	{"visits", "Site visits this year"},
	{"followups", "Open follow-up actions"},
	{"enrolments", "DL enrolments this year"},
	{"completion", "DL completion rate this year"},
	{"students", "Joint-degree students"},
	{"graduates", "Graduates"},
}

func newOverview(sh *Shell) *Overview {
	o := &Overview{store: sh.store, win: sh.win, figures: map[string]*kit.Figure{}}
	o.welcome = newWelcome(sh, o.Reload)
	o.welcome.Hide()
	o.heading = widget.NewLabelWithStyle(lang.L("Overview"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	o.heading.SizeName = theme.SizeNameHeadingText
	for _, f := range overviewFigures {
		o.figures[f.key] = kit.NewFigure(lang.L(f.caption))
	}
	o.pipeline = newBarChart(kit.BrandBlue)
	o.exits = newBarChart(color.NRGBA{R: 0x90, G: 0x90, B: 0x90, A: 0xff})
	o.regions = newBarChart(kit.SuccessTeal)
	o.status = widget.NewLabel("")
	o.status.Importance = widget.LowImportance
	o.noRegister = kit.NewEmpty(
		&widget.Button{Text: lang.L("Import a spreadsheet"), Icon: theme.UploadIcon(), OnTapped: o.welcome.importFile},
		&widget.Button{Text: lang.L("Open Institutions"), Icon: theme.StorageIcon(), OnTapped: func() { sh.ShowSection("institutions") }})
	o.operations = newOperationsPanel(sh.store, sh.win)
	o.duplicatesText = widget.NewLabel("")
	review := &widget.Button{Text: lang.L("Review duplicates"), Icon: theme.ContentCopyIcon(), OnTapped: func() { sh.ShowSection("duplicates") }}
	o.duplicates = container.NewBorder(nil, nil, nil, review, o.duplicatesText)
	o.duplicates.Hide()
	o.ExtendBaseWidget(o)
	return o
}

func (o *Overview) CreateRenderer() fyne.WidgetRenderer {
	cards := container.NewGridWithColumns(4)
	for _, f := range overviewFigures {
		cards.Add(o.figures[f.key])
	}
	pipeTitle := widget.NewLabelWithStyle(lang.L("TISC pipeline by stage"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	exitTitle := widget.NewLabelWithStyle(lang.L("Left the pipeline"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	regionTitle := widget.NewLabelWithStyle(lang.L("Operational TISCs by region"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	charts := container.NewGridWithColumns(2,
		container.NewVBox(pipeTitle, o.pipeline, exitTitle, o.exits),
		container.NewVBox(regionTitle, o.regions))
	o.filled = container.NewVBox(o.heading, o.duplicates, cards, widget.NewSeparator(), o.operations, widget.NewSeparator(), charts, o.status, o.noRegister)
	if !o.welcome.Visible() {
		o.filled.Show()
	} else {
		o.filled.Hide()
	}
	return widget.NewSimpleRenderer(container.NewVScroll(container.NewPadded(container.NewVBox(o.welcome, o.filled))))
}

// Shown computes the figures again.
func (o *Overview) Shown() { o.Reload() }

// Reload computes the figures off the UI goroutine and shows them.
func (o *Overview) Reload() {
	today := o.store.Today()
	o.figuresLoad.Load(o.win, func(context.Context, func(int, int)) (overviewState, error) {
		defer o.store.ReleaseMapped() // a full scan: its pages are not read again soon
		counts, err := o.store.Counts()
		if err != nil {
			return overviewState{}, err
		}
		ov, err := o.store.Overview(today)
		return overviewState{ov, isEmpty(counts)}, err
	}, o.show)
	o.operations.reload(today)
	o.duplicatesLoad.Load(o.win, func(context.Context, func(int, int)) (int, error) {
		return o.duplicateCount.Of(o.store.Store)
	}, o.showDuplicates)
}

// showDuplicates says how many possible duplicates wait for review.
func (o *Overview) showDuplicates(n int) {
	if n == 0 {
		o.duplicates.Hide()
		return
	}
	o.duplicatesText.SetText(kit.Plural(n, "{{.Count}} possible duplicate waits for review.", "{{.Count}} possible duplicates wait for review.", map[string]any{"Count": n}))
	o.duplicates.Show()
}

// show shows the welcome on an empty database, else the figures.
func (o *Overview) show(st overviewState) {
	if st.empty {
		o.welcome.Show()
		if o.filled != nil {
			o.filled.Hide()
		}
	} else {
		o.welcome.Hide()
		if o.filled != nil {
			o.filled.Show()
		}
	}
	o.apply(st.figures)
}

func (o *Overview) apply(ov data.Overview) {
	o.heading.SetText(lang.L("Overview {{.Year}}", map[string]any{"Year": ov.Year}))
	set := func(key, value, note string, alert bool) {
		o.figures[key].Set(value, note, alert)
	}
	set("operational", kit.Number(ov.Operational), "", false)
	set("pipeline", kit.Number(ov.InPipeline), "", false)
	set("visits", kit.Number(ov.VisitsThisYear), "", false)
	overdue := ""
	if ov.OverdueFollowUps > 0 {
		overdue = lang.L("{{.Count}} overdue", map[string]any{"Count": kit.Number(ov.OverdueFollowUps)})
	}
	set("followups", kit.Number(ov.OpenFollowUps), overdue, ov.OverdueFollowUps > 0)
	set("enrolments", kit.Number(ov.EnrolmentsThisYear), "", false)
	if rate, ok := ov.CompletionRate(); ok {
		set("completion", fmt.Sprintf("%.0f%%", rate*100),
			lang.L("{{.Done}} of {{.All}} completed", map[string]any{"Done": kit.Number(ov.CompletedThisYear), "All": kit.Number(ov.EnrolmentsThisYear)}), false)
	} else {
		set("completion", "–", lang.L("no enrolments this year"), false)
	}
	set("students", kit.Number(ov.Students), "", false)
	set("graduates", kit.Number(ov.Graduates), "", false)

	var pipe, exits []bar
	most := 0
	var labelWidth float32
	for _, s := range data.Stages() {
		b := bar{label: kit.StageName(s), value: ov.ByStage[s]}
		most = max(most, b.value)
		labelWidth = max(labelWidth, widget.NewLabel(b.label).MinSize().Width)
		if s.IsExit() {
			exits = append(exits, b)
		} else {
			pipe = append(pipe, b)
		}
	}
	o.pipeline.setBars(pipe, most, labelWidth)
	o.exits.setBars(exits, most, labelWidth)
	var regions []bar
	mostInRegion := 0
	for _, r := range data.Regions() {
		regions = append(regions, bar{label: kit.RegionName(r), value: ov.OperationalByRegion[r]})
		mostInRegion = max(mostInRegion, ov.OperationalByRegion[r])
	}
	o.regions.setBars(regions, mostInRegion, 0)
	total := 0
	for _, n := range ov.ByStage {
		total += n
	}
	if total == 0 {
		o.status.Hide()
		o.noRegister.ShowEmpty(lang.L("No institutions in the register yet. Add them in Institutions."))
	} else {
		o.status.Show()
		o.noRegister.Hide()
		o.status.SetText(kit.Plural(total, "{{.Count}} institution in the register.", "{{.Count}} institutions in the register.", map[string]any{"Count": total}))
	}
	startedUp()
}

// bar is one row of a barChart.
type bar struct {
	label string
	value int
}

// barChart draws labelled horizontal bars scaled to the largest value.
type barChart struct {
	widget.BaseWidget
	fill color.Color
	bars []bar
	rows *fyne.Container
}

func newBarChart(fill color.Color) *barChart {
	c := &barChart{fill: fill, rows: container.NewVBox()}
	c.ExtendBaseWidget(c)
	return c
}

// setBars shows bars scaled so that most fills the width, with a label
// column at least labelWidth wide; charts shown together pass the same
// scale and width so that their bars compare.
func (c *barChart) setBars(bars []bar, most int, labelWidth float32) {
	c.bars = bars
	most = max(most, 1)
	labels := make([]*widget.Label, len(bars))
	for i, b := range bars {
		labels[i] = widget.NewLabel(b.label)
		labelWidth = max(labelWidth, labels[i].MinSize().Width)
	}
	c.rows.Objects = nil
	for i, b := range bars {
		rect := canvas.NewRectangle(c.fill)
		rect.CornerRadius = 3
		if b.value == 0 {
			rect.Hide()
		}
		count := widget.NewLabelWithStyle(kit.Number(b.value), fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
		layout := &barLayout{fraction: float32(b.value) / float32(most), labelWidth: labelWidth}
		c.rows.Add(container.New(layout, labels[i], rect, count))
	}
	c.rows.Refresh()
}

func (c *barChart) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(c.rows) }

// barLayout places a label column as wide as the chart's widest label, a bar
// of the given fraction of the remaining width, and the count at its end.
type barLayout struct{ fraction, labelWidth float32 }

func (l *barLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	label, rect, count := objs[0], objs[1], objs[2]
	label.Resize(fyne.NewSize(l.labelWidth, size.Height))
	label.Move(fyne.NewPos(0, 0))
	countW := count.MinSize().Width
	avail := size.Width - l.labelWidth - countW - theme.Padding()
	if avail < 0 {
		avail = 0
	}
	w := avail * l.fraction
	if l.fraction > 0 && w < 3 {
		w = 3
	}
	h := size.Height * 0.6
	rect.Resize(fyne.NewSize(w, h))
	rect.Move(fyne.NewPos(l.labelWidth, (size.Height-h)/2))
	count.Resize(fyne.NewSize(countW, size.Height))
	count.Move(fyne.NewPos(l.labelWidth+w+theme.Padding(), 0))
}

func (l *barLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := objs[0].MinSize().Height
	return fyne.NewSize(l.labelWidth+objs[2].MinSize().Width+60, h)
}
