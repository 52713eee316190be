package institutions

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"tiscdesk/data"
	"tiscdesk/ui/kit"
)

// institutionPicker chooses the visited institution: a search-as-you-type
// entry over the register with the best matches listed beneath it. When the
// visit already has its institution, it shows the name, read-only.
type institutionPicker struct {
	host      kit.Host
	id        data.ID
	name      string
	index     *data.InstitutionIndex
	indexLoad kit.Loader[*data.InstitutionIndex]
	entry     *kit.FormEntry
	results   *fyne.Container
	picking   *fyne.Container // the entry and its matches
	chosen    *fyne.Container // the name, and Change for a new visit
	label     *widget.Label
	box       *fyne.Container
	picked    func() // moves on once an institution is picked
}

const pickerMatches = 6

func newInstitutionPicker(host kit.Host, id data.ID, esc func()) *institutionPicker {
	p := &institutionPicker{host: host, id: id, results: container.NewVBox()}
	p.label = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.label.Wrapping = fyne.TextWrapWord
	if id != data.NilID {
		// The institution is read off the UI goroutine; one deleted
		// meanwhile is unknown, another error is shown.
		p.name = lang.L("Unknown institution")
		p.label.SetText(lang.L("Loading…"))
		p.box = container.NewVBox(p.label)
		var get kit.Loader[*data.Institution]
		get.LoadWithProgress(host.Window(), func(context.Context, func(int, int)) (*data.Institution, error) {
			return host.Store().Institutions.Get(id)
		}, nil, func(in *data.Institution, err error) {
			switch {
			case err == nil:
				p.name = in.DisplayName()
				p.label.SetText(describeInstitution(in))
			case errors.Is(err, data.ErrNotFound):
				p.label.SetText(p.name)
			default:
				p.label.SetText(p.name)
				kit.ShowError(host.Window(), err)
			}
		})
		return p
	}
	p.entry = kit.NewFormEntry(esc)
	p.entry.SetPlaceHolder(lang.L("Type part of the name, the English name or the city"))
	p.entry.OnChanged = func(string) { p.filter() }
	p.entry.OnSubmitted = func(string) { p.pickFirst() }
	change := &widget.Button{Text: lang.L("Change"), Importance: widget.LowImportance, OnTapped: p.unpick}
	p.picking = container.NewVBox(p.entry, p.results)
	p.chosen = container.NewBorder(nil, nil, nil, change, p.label)
	p.chosen.Hide()
	p.box = container.NewVBox(p.picking, p.chosen)
	today := host.Today()
	p.indexLoad.Load(host.Window(), func(context.Context, func(int, int)) (*data.InstitutionIndex, error) {
		return host.Store().InstitutionIndex(today)
	}, func(x *data.InstitutionIndex) {
		p.index = x
		p.filter()
	})
	return p
}

// describeInstitution is "同济大学 · Tongji University · Shanghai".
func describeInstitution(in *data.Institution) string {
	parts := []string{in.DisplayName()}
	if in.EnglishName != "" && in.EnglishName != in.DisplayName() {
		parts = append(parts, in.EnglishName)
	}
	return strings.Join(append(parts, kit.ProvinceName(in.Province)), " · ")
}

func (p *institutionPicker) matches() []*data.InstitutionRow {
	text := strings.TrimSpace(p.entry.Text)
	if p.index == nil || text == "" {
		return nil
	}
	return p.index.Filter(data.InstitutionQuery{Text: text})
}

func (p *institutionPicker) filter() {
	p.results.Objects = nil
	rows := p.matches()
	switch {
	case p.index == nil:
		p.results.Add(kit.QuietLabel(lang.L("Loading the register…")))
	case strings.TrimSpace(p.entry.Text) == "":
	case len(rows) == 0:
		p.results.Add(kit.QuietLabel(lang.L("No institution matches. Try fewer letters, or the English name.")))
	}
	for i, r := range rows {
		if i == pickerMatches {
			p.results.Add(kit.QuietLabel(lang.L("{{.Count}} more: type more of the name", map[string]any{"Count": len(rows) - i})))
			break
		}
		text := describeInstitution(r.Institution) + " · " + kit.StageName(r.Stage)
		p.results.Add(&widget.Button{Text: text, Alignment: widget.ButtonAlignLeading, Importance: widget.LowImportance,
			Icon: theme.NavigateNextIcon(), OnTapped: func() { p.pick(r.Institution) }})
	}
	p.results.Refresh()
}

func (p *institutionPicker) pickFirst() {
	if rows := p.matches(); len(rows) > 0 {
		p.pick(rows[0].Institution)
	}
}

func (p *institutionPicker) pick(in *data.Institution) {
	p.id, p.name = in.ID, in.DisplayName()
	p.label.SetText(describeInstitution(in))
	p.picking.Hide()
	p.chosen.Show()
	p.box.Refresh()
	if p.picked != nil {
		p.picked() // the hidden entry must not keep the focus
	}
}

func (p *institutionPicker) unpick() {
	p.id, p.name = data.NilID, ""
	p.chosen.Hide()
	p.picking.Show()
	p.box.Refresh()
	p.host.Window().Canvas().Focus(p.entry)
}

// scorePicker is a checklist score: not assessed, or 0 to 5, as a row of
// segments. It is one stop for Tab; a digit types the score, "-" or Delete
// clears it, the arrow keys step, a click chooses.
type scorePicker struct {
	widget.BaseWidget
	score    int
	focused  bool
	onChange func()
	onEscape func()
}

const (
	notAssessed      = -1
	scoreSegments    = 7 // –, 0 … 5
	scorePickerWidth = 7 * 32
)

func newScorePicker(score int, onChange, onEscape func()) *scorePicker {
	p := &scorePicker{score: score, onChange: onChange, onEscape: onEscape}
	p.ExtendBaseWidget(p)
	return p
}

// Score is the score chosen; ok is false when not assessed.
func (p *scorePicker) Score() (score int, ok bool) { return p.score, p.score != notAssessed }

func (p *scorePicker) set(score int) {
	score = max(notAssessed, min(5, score))
	if score == p.score {
		return
	}
	p.score = score
	p.Refresh()
	if p.onChange != nil {
		p.onChange()
	}
}

func (p *scorePicker) Tapped(e *fyne.PointEvent) {
	if c := fyne.CurrentApp().Driver().CanvasForObject(p); c != nil && !p.focused {
		c.Focus(p) // so that Tab goes on from here
	}
	seg := int(e.Position.X / (p.Size().Width / scoreSegments))
	p.set(max(0, min(scoreSegments-1, seg)) - 1)
}

func (p *scorePicker) Cursor() desktop.Cursor { return desktop.PointerCursor }

func (p *scorePicker) FocusGained() { p.focused = true; p.Refresh() }
func (p *scorePicker) FocusLost()   { p.focused = false; p.Refresh() }

func (p *scorePicker) TypedRune(r rune) {
	switch {
	case r >= '0' && r <= '5':
		p.set(int(r - '0'))
	case r == '-' || r == '–':
		p.set(notAssessed)
	}
}

func (p *scorePicker) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyLeft, fyne.KeyDown:
		p.set(p.score - 1)
	case fyne.KeyRight, fyne.KeyUp:
		p.set(p.score + 1)
	case fyne.KeyDelete, fyne.KeyBackspace:
		p.set(notAssessed)
	case fyne.KeyEscape:
		if p.onEscape != nil {
			p.onEscape()
		}
	}
}

func (p *scorePicker) CreateRenderer() fyne.WidgetRenderer {
	r := &scoreRenderer{p: p, frame: canvas.NewRectangle(nil)}
	r.objects = append(r.objects, r.frame)
	for i := range scoreSegments {
		cell := canvas.NewRectangle(nil)
		text := "–"
		if i > 0 {
			text = strconv.Itoa(i - 1)
		}
		t := canvas.NewText(text, nil)
		t.Alignment = fyne.TextAlignCenter
		r.cells, r.texts = append(r.cells, cell), append(r.texts, t)
		r.objects = append(r.objects, cell, t)
	}
	r.Refresh()
	return r
}

type scoreRenderer struct {
	p       *scorePicker
	frame   *canvas.Rectangle
	cells   []*canvas.Rectangle
	texts   []*canvas.Text
	objects []fyne.CanvasObject
}

func (r *scoreRenderer) Layout(size fyne.Size) {
	r.frame.Resize(size)
	w := size.Width / scoreSegments
	inset := float32(3)
	for i, c := range r.cells {
		c.Move(fyne.NewPos(float32(i)*w+inset, inset))
		c.Resize(fyne.NewSize(w-2*inset, size.Height-2*inset))
		t := r.texts[i]
		h := t.MinSize().Height
		t.Move(fyne.NewPos(float32(i)*w, (size.Height-h)/2))
		t.Resize(fyne.NewSize(w, h))
	}
}

func (r *scoreRenderer) MinSize() fyne.Size {
	h := fyne.MeasureText("0", theme.TextSize(), fyne.TextStyle{}).Height + 2*theme.InnerPadding()
	return fyne.NewSize(scorePickerWidth, h)
}

func (r *scoreRenderer) Refresh() {
	r.frame.FillColor = theme.Color(theme.ColorNameInputBackground)
	r.frame.StrokeColor = theme.Color(theme.ColorNameInputBorder)
	r.frame.StrokeWidth = 1
	if r.p.focused {
		r.frame.StrokeColor = theme.Color(theme.ColorNamePrimary)
		r.frame.StrokeWidth = 2
	}
	r.frame.CornerRadius = theme.InputRadiusSize()
	for i, c := range r.cells {
		t := r.texts[i]
		t.TextSize = theme.TextSize()
		chosen := i-1 == r.p.score
		c.CornerRadius = theme.InputRadiusSize()
		c.FillColor = nil
		t.Color = theme.Color(theme.ColorNameForeground)
		t.TextStyle.Bold = chosen
		if chosen {
			c.FillColor = scoreColor(r.p.score)
			t.Color = theme.Color(theme.ColorNameForegroundOnPrimary)
		}
		c.Refresh()
		t.Refresh()
	}
	r.frame.Refresh()
}

func (r *scoreRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *scoreRenderer) Destroy()                     {}
