package institutions

import (
	"context"
	"errors"
	"fmt"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"tiscdesk/data"
	"tiscdesk/ui/kit"
)

// Page shows one institution: its details, contacts, services,
// stage history and visits, with the actions on it.
type Page struct {
	widget.BaseWidget
	host    kit.Host
	id      data.ID
	back    func()
	changed func() // the register must reload

	inst     *data.Institution
	visits   []*data.VisitRow
	ops      operationsData // returns, evaluations, trained staff
	content  *fyne.Container
	pageLoad kit.Loader[institutionPageData]
	changes  *kit.HistoryPanel // the versions of the institution's record
}

// institutionPageData is what the page shows: the institution and its
// visits, newest first.
type institutionPageData struct {
	inst   *data.Institution
	visits []*data.VisitRow
	ops    operationsData
}

// newInstitutionPage shows "Loading…" and starts reading the institution
// off the UI goroutine.
func newInstitutionPage(host kit.Host, id data.ID, back, changed func()) *Page {
	p := &Page{host: host, id: id, back: back, changed: changed, content: container.NewStack(kit.QuietLabel(lang.L("Loading…")))}
	p.ExtendBaseWidget(p)
	p.reload()
	return p
}

func (p *Page) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(p.content)
}

// reload reads the institution and its visits again off the UI goroutine
// and redraws the page. An institution deleted meanwhile goes back to the
// list; another error is shown, the page left as it was.
func (p *Page) reload() {
	store, id, today := p.host.Store(), p.id, p.host.Today()
	p.pageLoad.LoadWithProgress(p.host.Window(), func(context.Context, func(int, int)) (institutionPageData, error) {
		in, err := store.Institutions.Get(id)
		if err != nil {
			return institutionPageData{}, err
		}
		x, err := store.VisitIndex(today)
		if err != nil {
			return institutionPageData{}, err
		}
		ops, err := loadOperations(store, id)
		if err != nil {
			return institutionPageData{}, err
		}
		return institutionPageData{in, x.Filter(data.VisitQuery{Institution: id, Desc: true}), ops}, nil
	}, nil, func(d institutionPageData, err error) {
		switch {
		case errors.Is(err, data.ErrNotFound):
			p.back() // deleted meanwhile
		case err != nil:
			kit.ShowError(p.host.Window(), err)
		default:
			p.inst, p.visits, p.ops = d.inst, d.visits, d.ops
			p.content.Objects = []fyne.CanvasObject{p.build()}
			p.content.Refresh()
		}
	})
}

func (p *Page) build() fyne.CanvasObject {
	in := p.inst
	back := &widget.Button{Text: lang.L("Institutions"), Icon: theme.NavigateBackIcon(), Importance: widget.LowImportance, OnTapped: p.back}
	title := widget.NewLabelWithStyle(in.DisplayName(), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	title.Wrapping = fyne.TextWrapWord
	sub := widget.NewLabel(in.EnglishName)
	sub.Importance = widget.LowImportance
	if in.LocalName == "" {
		sub.SetText("")
	}
	actions := container.NewHBox(
		&widget.Button{Text: lang.L("Change stage"), Icon: theme.MediaFastForwardIcon(), Importance: widget.HighImportance, OnTapped: p.changeStage},
		&widget.Button{Text: lang.L("New visit"), Icon: theme.ContentAddIcon(), OnTapped: p.newVisit},
		&widget.Button{Text: lang.L("Edit"), Icon: theme.DocumentCreateIcon(), OnTapped: p.edit},
		&widget.Button{Text: lang.L("Delete"), Icon: theme.DeleteIcon(), Importance: widget.DangerImportance, OnTapped: p.delete},
	)
	stage := kit.Chip(kit.StageName(in.Stage), stageColour(in.Stage))
	head := container.NewVBox(
		container.NewBorder(nil, nil, back, actions),
		title, container.NewHBox(container.NewCenter(stage), sub),
	)
	parts := []fyne.CanvasObject{head}
	if flag := incompleteFlag(in); flag != nil {
		parts = append(parts, flag)
	}
	if banner := p.overdueBanner(); banner != nil {
		parts = append(parts, banner)
	}
	left := container.NewVBox(p.details(), p.contacts(), p.services())
	right := container.NewVBox(p.history(), p.timeline())
	parts = append(parts, container.NewGridWithColumns(2, left, right), p.operations())
	p.changes = kit.NewHistoryPanel(p.host, p.id, p.afterChange)
	p.changes.Reload()
	parts = append(parts, card(lang.L("History of changes"), p.changes))
	// Keep the content clear of the scroll bar.
	inset := layout.NewCustomPaddedLayout(0, 0, 0, 2*theme.Padding())
	return container.NewVScroll(container.New(inset, container.NewVBox(parts...)))
}

// incompleteFlag says what an institution created without its type or
// province (an import whose list did not give them: DESIGN section 5, a
// missing fact is a warning) lacks, until it is given with Edit; nil when
// it lacks nothing.
func incompleteFlag(in *data.Institution) fyne.CanvasObject {
	var text string
	switch missing := strings.Join(in.Missing(), " "); missing {
	case "":
		return nil
	case "type":
		text = lang.L("Incomplete: give the type (Edit).")
	case "province":
		text = lang.L("Incomplete: give the province (Edit).")
	default:
		text = lang.L("Incomplete: give the type and the province (Edit).")
	}
	l := widget.NewLabel(text)
	l.Importance = widget.WarningImportance
	l.Wrapping = fyne.TextWrapWord
	return l
}

// overdueBanner says how many follow-up actions are past due, if any.
func (p *Page) overdueBanner() fyne.CanvasObject {
	n := 0
	for _, v := range p.visits {
		n += v.Overdue
	}
	if n == 0 {
		return nil
	}
	msg := widget.NewLabel(lang.L("Overdue follow-up actions: {{.Count}}. See the visits below.", map[string]any{"Count": n}))
	msg.Importance = widget.DangerImportance
	msg.TextStyle.Bold = true
	return container.NewBorder(nil, nil, widget.NewIcon(theme.WarningIcon()), nil, msg)
}

func card(title string, body fyne.CanvasObject) fyne.CanvasObject {
	t := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	return widget.NewCard("", "", container.NewVBox(t, body))
}

func (p *Page) details() fyne.CanvasObject {
	in := p.inst
	grid := container.New(layout.NewFormLayout())
	row := func(label, value string) {
		if value == "" {
			value = "–"
		}
		v := widget.NewLabel(value)
		v.Wrapping = fyne.TextWrapWord
		v.Selectable = true
		grid.Add(widget.NewLabelWithStyle(lang.L(label), fyne.TextAlignTrailing, fyne.TextStyle{}))
		grid.Add(v)
	}
	row("Type", kit.TypeName(in.Type))
	prov := kit.ProvinceName(in.Province)
	if pr, ok := data.ProvinceByCode(in.Province); ok {
		prov += " · " + kit.RegionName(pr.Region)
	}
	row("Province", prov)
	row("City", in.City)
	row("Address", in.Address)
	row("Website", in.Website)
	row("Batch", in.Batch)
	row("Notes", in.Notes)
	row("Last changed", fmt.Sprintf("%s · %s", in.UpdatedAt.Local().Format("2006-01-02 15:04"), in.UpdatedBy))
	return card(lang.L("Details"), grid)
}

func (p *Page) contacts() fyne.CanvasObject {
	box := container.NewVBox()
	for _, c := range p.inst.Contacts {
		name := widget.NewLabelWithStyle(strings.TrimSpace(c.Name+"  "+c.Title), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		reach := widget.NewLabel(strings.Trim(c.Email+"   "+c.Phone, " "))
		reach.Selectable = true
		box.Add(container.NewVBox(name, reach))
	}
	if len(p.inst.Contacts) == 0 {
		box.Add(kit.Dim(lang.L("No contacts recorded.")))
	}
	return card(lang.L("Contacts"), box)
}

func (p *Page) services() fyne.CanvasObject {
	box := container.NewVBox()
	for _, s := range p.inst.Services {
		box.Add(widget.NewLabel("• " + kit.ServiceName(s)))
	}
	if len(p.inst.Services) == 0 {
		box.Add(kit.Dim(lang.L("No services recorded.")))
	}
	return card(lang.L("Services offered"), box)
}

func (p *Page) history() fyne.CanvasObject {
	box := container.NewVBox()
	h := p.inst.History
	for i := len(h) - 1; i >= 0; i-- { // newest first
		c := h[i]
		by := widget.NewLabel(c.By)
		by.Importance = widget.LowImportance
		box.Add(container.NewHBox(widget.NewLabel(string(c.Date)),
			container.NewCenter(kit.Chip(kit.StageName(c.Stage), stageColour(c.Stage))), by))
		if c.Note != "" {
			note := widget.NewLabel(c.Note)
			note.Wrapping = fyne.TextWrapWord
			note.Importance = widget.LowImportance
			box.Add(note)
		}
	}
	if len(h) == 0 {
		box.Add(kit.Dim(lang.L("No stage changes recorded.")))
	}
	return card(lang.L("Stage history"), box)
}

func (p *Page) timeline() fyne.CanvasObject {
	box := container.NewVBox()
	for _, v := range p.visits {
		v := v
		score := "–"
		if v.Scored {
			score = fmt.Sprintf("%.1f / 5", v.Overall)
		}
		label := fmt.Sprintf("%s   %s", v.Date, visitKindText(v.Visit))
		if v.Recommendation != "" {
			label += "   · " + kit.RecommendationName(v.Recommendation)
		}
		btn := &widget.Button{Text: label, Alignment: widget.ButtonAlignLeading, Importance: widget.LowImportance,
			OnTapped: func() { openVisitForm(p.host, v.Visit, p.afterChange) }}
		right := widget.NewLabel(score)
		line := container.NewBorder(nil, nil, nil, right, btn)
		box.Add(line)
		if fu := followUpSummary(v.Open, v.Overdue); fu != "" {
			t := canvas.NewText("    "+fu, theme.Color(theme.ColorNamePlaceHolder))
			t.TextSize = theme.CaptionTextSize()
			if v.Overdue > 0 {
				t.Color = theme.Color(theme.ColorNameError)
				t.TextStyle.Bold = true
			}
			box.Add(t)
		}
	}
	if len(p.visits) == 0 {
		box.Add(kit.Dim(lang.L("No visits yet. New visit records one.")))
	}
	return card(lang.L("Visits"), box)
}

func (p *Page) afterChange() {
	p.reload()
	p.changed()
}

func (p *Page) newVisit() {
	v := &data.Visit{Institution: p.id, Date: p.host.Today(), Kind: data.VisitAssessment,
		Visitors: []string{p.host.Store().DeviceLabel()}}
	openVisitForm(p.host, v, p.afterChange)
}

func (p *Page) edit() {
	openInstitutionForm(p.host, p.inst, func(*data.Institution) { p.afterChange() })
}

func (p *Page) changeStage() {
	openStageForm(p.host, p.inst, p.afterChange)
}

func (p *Page) delete() {
	askDelete(p.host, p.id, p.inst.DisplayName(), len(p.visits), func() {
		p.changed()
		p.back()
	})
}

// askDelete asks whether to delete institution id (named name, with its
// visits), and deletes it on yes, then calls deleted.
func askDelete(host kit.Host, id data.ID, name string, visits int, deleted func()) {
	q := lang.L("Delete {{.Name}}?", map[string]any{"Name": name})
	if visits > 0 {
		q += "\n" + kit.Plural(visits, "Its {{.Count}} visit will be deleted too.", "Its {{.Count}} visits will be deleted too.", map[string]any{"Count": visits})
	}
	kit.Confirm(host, lang.L("Delete institution"), q, func() {
		if err := host.Store().Institutions.Delete(id); err != nil {
			kit.ShowError(host.Window(), err)
			return
		}
		deleted()
	})
}

// stageColour is the colour of a stage's chip: the pipeline deepens in blue
// towards operational (green); exits are grey, suspension amber.
func stageColour(s data.Stage) color.Color {
	switch s {
	case data.StageOperational:
		return kit.SuccessTeal
	case data.StageRejected, data.StageWithdrawn:
		return color.NRGBA{R: 0x75, G: 0x75, B: 0x75, A: 0xff}
	case data.StageSuspended:
		return color.NRGBA{R: 0xb2, G: 0x6a, B: 0x00, A: 0xff}
	}
	return kit.BrandBlue
}
