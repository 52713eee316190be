package ui

import (
	"errors"
	"image/color"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"tiscdesk/data"
)

// recordForm lays out labelled inputs in two columns and shows, beneath an
// input, the message the store gave for its field. Fields are keyed by the
// record's JSON field name, as data.FieldError names them.
type recordForm struct {
	fields  []*formField
	byKey   map[string]*formField
	general *widget.Label // messages for fields the form does not show
}

type formField struct {
	key   string
	label *widget.Label
	input fyne.CanvasObject
	msg   *canvas.Text
}

func newRecordForm() *recordForm {
	g := widget.NewLabel("")
	g.Importance = widget.DangerImportance
	g.Wrapping = fyne.TextWrapWord
	g.Hide()
	return &recordForm{byKey: map[string]*formField{}, general: g}
}

func newFieldMessage() *canvas.Text {
	msg := canvas.NewText("", theme.Color(theme.ColorNameError))
	msg.TextSize = theme.CaptionTextSize()
	msg.Hide()
	return msg
}

// add appends a field; key "" for an input the store does not validate.
func (f *recordForm) add(key, label string, input fyne.CanvasObject) *formField {
	msg := newFieldMessage()
	ff := &formField{key: key, label: widget.NewLabelWithStyle(label, fyne.TextAlignTrailing, fyne.TextStyle{}), input: input, msg: msg}
	f.fields = append(f.fields, ff)
	if key != "" {
		f.byKey[key] = ff
	}
	return ff
}

// attach registers under key a message that the caller places itself, e.g.
// in a row of a list inside the form ("follow_ups.2").
func (f *recordForm) attach(key string) *canvas.Text {
	msg := newFieldMessage()
	f.byKey[key] = &formField{key: key, msg: msg}
	return msg
}

// detach forgets the attached messages whose keys start with prefix.
func (f *recordForm) detach(prefix string) {
	for k, ff := range f.byKey {
		if strings.HasPrefix(k, prefix) && ff.input == nil {
			delete(f.byKey, k)
		}
	}
}

// content is the form's layout: label | input with its message.
func (f *recordForm) content() fyne.CanvasObject {
	grid := container.New(layout.NewFormLayout())
	for _, ff := range f.fields {
		grid.Add(ff.label)
		grid.Add(container.NewVBox(ff.input, ff.msg))
	}
	return container.NewVBox(f.general, grid)
}

// clearErrors hides every message.
func (f *recordForm) clearErrors() {
	for _, ff := range f.fields {
		ff.msg.Text = ""
		ff.msg.Hide()
	}
	for _, ff := range f.byKey {
		ff.msg.Text = ""
		ff.msg.Hide()
	}
	f.general.Hide()
}

// showErrors puts each of err's field messages beneath its input; messages
// of fields not on the form ("contacts.0.email" with no such input) go to
// the message at the top. It returns false when err is not a validation
// error.
func (f *recordForm) showErrors(err error) bool {
	f.clearErrors()
	var ve *data.ValidationError
	if !errors.As(err, &ve) {
		return false
	}
	var rest []string
	for _, fe := range ve.Fields {
		if ff := f.fieldFor(fe.Field); ff != nil {
			if ff.msg.Text == "" {
				ff.msg.Text = lang.L(fe.Message)
				ff.msg.Show()
				ff.msg.Refresh()
			}
			continue
		}
		rest = append(rest, fe.Field+": "+lang.L(fe.Message))
	}
	if len(rest) > 0 {
		f.general.SetText(strings.Join(rest, "\n"))
		f.general.Show()
	}
	return true
}

// fieldFor finds the input for a field name, trying its prefixes:
// "checklist.2.score" falls back to "checklist.2", then "checklist".
func (f *recordForm) fieldFor(name string) *formField {
	for {
		if ff, ok := f.byKey[name]; ok {
			return ff
		}
		i := strings.LastIndexByte(name, '.')
		if i < 0 {
			return nil
		}
		name = name[:i]
	}
}

// message is the message shown for key, "" when none.
func (f *recordForm) message(key string) string {
	if ff, ok := f.byKey[key]; ok {
		return ff.msg.Text
	}
	return ""
}

// formEntry is an Entry that hands Escape to the form, so that Escape closes
// a dialog while the cursor is in a field (a focused Entry gets the key).
type formEntry struct {
	widget.Entry
	onEscape func()
}

func newFormEntry(onEscape func()) *formEntry {
	e := &formEntry{onEscape: onEscape}
	e.ExtendBaseWidget(e)
	return e
}

func newFormTextArea(onEscape func()) *formEntry {
	e := newFormEntry(onEscape)
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.SetMinRowsVisible(3)
	return e
}

func (e *formEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape && e.onEscape != nil {
		e.onEscape()
		return
	}
	e.Entry.TypedKey(k)
}

// dateEntry is a YYYY-MM-DD entry with a calendar as a picker. Fyne's
// DateEntry has no Chinese format and English month names (DESIGN 10).
type dateEntry struct {
	formEntry
	win fyne.Window
}

func newDateEntry(win fyne.Window, onEscape func()) *dateEntry {
	d := &dateEntry{win: win}
	d.onEscape = onEscape
	d.PlaceHolder = "YYYY-MM-DD"
	d.ActionItem = &widget.Button{Icon: theme.CalendarIcon(), Importance: widget.LowImportance, OnTapped: d.pick}
	d.ExtendBaseWidget(d)
	return d
}

// Date is what was typed, trimmed; the store says whether it is a date.
func (d *dateEntry) Date() data.Date { return data.Date(strings.TrimSpace(d.Text)) }

// SetDate shows date.
func (d *dateEntry) SetDate(date data.Date) { d.SetText(string(date)) }

func (d *dateEntry) pick() {
	start := time.Now()
	if t := d.Date().Time(); !t.IsZero() {
		start = t
	}
	var pop *widget.PopUp
	cal := widget.NewCalendar(start, func(t time.Time) {
		d.SetText(t.Format("2006-01-02"))
		pop.Hide()
	})
	pop = widget.NewPopUp(cal, d.win.Canvas())
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(d)
	pop.ShowAtPosition(pos.Add(fyne.NewPos(0, d.Size().Height)))
}

// chip is a small coloured label, e.g. a pipeline stage.
func chip(text string, fill color.Color) fyne.CanvasObject {
	bg := canvas.NewRectangle(fill)
	bg.CornerRadius = 8
	t := canvas.NewText(text, color.White)
	t.TextStyle.Bold = true
	t.TextSize = theme.CaptionTextSize() + 1
	return container.NewStack(bg, container.New(layout.NewCustomPaddedLayout(2, 2, 8, 8), t))
}

// choice is a Select over typed values shown by name.
type choice[T comparable] struct {
	sel    *widget.Select
	values []T
	names  []string
}

// newChoice builds a Select whose options are name(v) for each of values;
// anyLabel, when set, is a first option meaning "no value".
func newChoice[T comparable](values []T, name func(T) string, anyLabel string, changed func()) *choice[T] {
	c := &choice[T]{}
	if anyLabel != "" {
		var zero T
		c.values = append(c.values, zero)
		c.names = append(c.names, anyLabel)
	}
	for _, v := range values {
		c.values = append(c.values, v)
		c.names = append(c.names, name(v))
	}
	c.sel = widget.NewSelect(c.names, nil)
	if anyLabel != "" {
		c.sel.SetSelectedIndex(0)
	}
	// Attached after the first selection, which is not the user's change.
	c.sel.OnChanged = func(string) {
		if changed != nil {
			changed()
		}
	}
	return c
}

// Value is the chosen value (the zero value for "any" or nothing chosen).
func (c *choice[T]) Value() T {
	i := c.sel.SelectedIndex()
	if i < 0 {
		var zero T
		return zero
	}
	return c.values[i]
}

// Set chooses v, if it is one of the options.
func (c *choice[T]) Set(v T) {
	for i, x := range c.values {
		if x == v {
			c.sel.SetSelectedIndex(i)
			return
		}
	}
}
