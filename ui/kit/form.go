package kit

import (
	"errors"
	"strconv"
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

// RecordForm lays out labelled inputs in two columns and shows, beneath an
// input, the message the store gave for its field. Fields are keyed by the
// record's JSON field name, as data.FieldError names them.
type RecordForm struct {
	fields  []*FormField
	byKey   map[string]*FormField
	General *widget.Label // messages for fields the form does not show
}

// FormField is one field of a RecordForm: its label, its input (nil for a
// message attached alone) and the message beneath it.
type FormField struct {
	key   string
	Label *widget.Label     // the field's label, for a layout of its own
	Input fyne.CanvasObject // the input; nil for a message attached alone
	Msg   *canvas.Text      // the store's message about the field
}

// SetMessage shows msg beneath (or beside) the field; "" hides it.
func (ff *FormField) SetMessage(msg string) {
	ff.Msg.Text = msg
	ff.Msg.Hidden = msg == ""
	ff.Msg.Refresh()
}

// NewRecordForm is an empty form.
func NewRecordForm() *RecordForm {
	g := widget.NewLabel("")
	g.Importance = widget.DangerImportance
	g.Wrapping = fyne.TextWrapWord
	g.Hide()
	return &RecordForm{byKey: map[string]*FormField{}, General: g}
}

func newFieldMessage() *canvas.Text {
	msg := canvas.NewText("", theme.Color(theme.ColorNameError))
	msg.TextSize = theme.CaptionTextSize()
	msg.Hide()
	return msg
}

// Add appends a field; key "" for an input the store does not validate.
func (f *RecordForm) Add(key, label string, input fyne.CanvasObject) *FormField {
	msg := newFieldMessage()
	ff := &FormField{key: key, Label: widget.NewLabelWithStyle(label, fyne.TextAlignTrailing, fyne.TextStyle{}), Input: input, Msg: msg}
	f.fields = append(f.fields, ff)
	if key != "" {
		f.byKey[key] = ff
	}
	return ff
}

// Attach registers under key a message that the caller places itself, e.g.
// in a row of a list inside the form ("follow_ups.2").
func (f *RecordForm) Attach(key string) *canvas.Text {
	msg := newFieldMessage()
	f.byKey[key] = &FormField{key: key, Msg: msg}
	return msg
}

// Detach forgets the attached messages whose keys start with prefix.
func (f *RecordForm) Detach(prefix string) {
	for k, ff := range f.byKey {
		if strings.HasPrefix(k, prefix) && ff.Input == nil {
			delete(f.byKey, k)
		}
	}
}

// Rekey drops the keys prefix.N and points prefix.0, prefix.1, ... at
// fields, as the rows of a list in the form are numbered after one is
// removed.
func (f *RecordForm) Rekey(prefix string, fields []*FormField) {
	for k := range f.byKey {
		if strings.HasPrefix(k, prefix+".") {
			delete(f.byKey, k)
		}
	}
	for i, ff := range fields {
		f.byKey[prefix+"."+strconv.Itoa(i)] = ff
	}
}

// Content is the form's layout: label | input with its message.
func (f *RecordForm) Content() fyne.CanvasObject {
	grid := container.New(layout.NewFormLayout())
	for _, ff := range f.fields {
		grid.Add(ff.Label)
		grid.Add(container.NewVBox(ff.Input, ff.Msg))
	}
	return container.NewVBox(f.General, grid)
}

// clearErrors hides every message.
func (f *RecordForm) clearErrors() {
	for _, ff := range f.fields {
		ff.Msg.Text = ""
		ff.Msg.Hide()
	}
	for _, ff := range f.byKey {
		ff.Msg.Text = ""
		ff.Msg.Hide()
	}
	f.General.Hide()
}

// ShowErrors puts each of err's field messages beneath its input; messages
// of fields not on the form ("contacts.0.email" with no such input) go to
// the message at the top. It returns false when err is not a validation
// error.
func (f *RecordForm) ShowErrors(err error) bool {
	f.clearErrors()
	var ve *data.ValidationError
	if !errors.As(err, &ve) {
		return false
	}
	var rest []string
	for _, fe := range ve.Fields {
		if ff := f.FieldFor(fe.Field); ff != nil {
			if ff.Msg.Text == "" {
				ff.Msg.Text = lang.L(fe.Message)
				ff.Msg.Show()
				ff.Msg.Refresh()
			}
			continue
		}
		rest = append(rest, FieldName(fe.Field)+": "+lang.L(fe.Message))
	}
	if len(rest) > 0 {
		f.General.SetText(strings.Join(rest, "\n"))
		f.General.Show()
	}
	return true
}

// FieldFor finds the input for a field name, trying its prefixes:
// "checklist.2.score" falls back to "checklist.2", then "checklist".
func (f *RecordForm) FieldFor(name string) *FormField {
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

// Message is the message shown for key, "" when none.
func (f *RecordForm) Message(key string) string {
	if ff, ok := f.byKey[key]; ok {
		return ff.Msg.Text
	}
	return ""
}

// FormEntry is an Entry that hands Escape to the form, so that Escape closes
// a dialog while the cursor is in a field (a focused Entry gets the key).
type FormEntry struct {
	widget.Entry
	onEscape func()
}

// NewFormEntry is an entry of a form dialog; Escape in it runs onEscape.
func NewFormEntry(onEscape func()) *FormEntry {
	e := &FormEntry{onEscape: onEscape}
	e.ExtendBaseWidget(e)
	return e
}

// NewFormTextArea is a multi-line FormEntry, three lines high.
func NewFormTextArea(onEscape func()) *FormEntry {
	e := NewFormEntry(onEscape)
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.SetMinRowsVisible(3)
	return e
}

func (e *FormEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape && e.onEscape != nil {
		e.onEscape()
		return
	}
	e.Entry.TypedKey(k)
}

// DateEntry is a YYYY-MM-DD entry with a calendar as a picker. Fyne's
// DateEntry has no Chinese format and English month names (DESIGN 10).
type DateEntry struct {
	FormEntry
	win fyne.Window
}

// NewDateEntry is a date entry whose calendar pops up over win; Escape in
// it runs onEscape (nil: the entry keeps Escape).
func NewDateEntry(win fyne.Window, onEscape func()) *DateEntry {
	d := &DateEntry{win: win}
	d.onEscape = onEscape
	d.PlaceHolder = "YYYY-MM-DD"
	d.ActionItem = &widget.Button{Icon: theme.CalendarIcon(), Importance: widget.LowImportance, OnTapped: d.pick}
	d.ExtendBaseWidget(d)
	return d
}

// Date is what was typed, trimmed; the store says whether it is a date.
func (d *DateEntry) Date() data.Date { return data.Date(strings.TrimSpace(d.Text)) }

// SetDate shows date.
func (d *DateEntry) SetDate(date data.Date) { d.SetText(string(date)) }

func (d *DateEntry) pick() {
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

// Choice is a Select over typed values shown by name.
type Choice[T comparable] struct {
	Select *widget.Select
	values []T
	names  []string
}

// NewChoice builds a Select whose options are name(v) for each of values;
// anyLabel, when set, is a first option meaning "no value".
func NewChoice[T comparable](values []T, name func(T) string, anyLabel string, changed func()) *Choice[T] {
	c := &Choice[T]{}
	if anyLabel != "" {
		var zero T
		c.values = append(c.values, zero)
		c.names = append(c.names, anyLabel)
	}
	for _, v := range values {
		c.values = append(c.values, v)
		c.names = append(c.names, name(v))
	}
	c.Select = widget.NewSelect(c.names, nil)
	if anyLabel != "" {
		c.Select.SetSelectedIndex(0)
	}
	// Attached after the first selection, which is not the user's change.
	c.Select.OnChanged = func(string) {
		if changed != nil {
			changed()
		}
	}
	return c
}

// SetOptions offers values under names instead, with nothing chosen.
func (c *Choice[T]) SetOptions(values []T, names []string) {
	c.values, c.names = values, names
	c.Select.Options = names
	c.Select.ClearSelected()
	c.Select.Refresh()
}

// Value is the chosen value (the zero value for "any" or nothing chosen).
func (c *Choice[T]) Value() T {
	i := c.Select.SelectedIndex()
	if i < 0 {
		var zero T
		return zero
	}
	return c.values[i]
}

// Set chooses v, if it is one of the options.
func (c *Choice[T]) Set(v T) {
	for i, x := range c.values {
		if x == v {
			c.Select.SetSelectedIndex(i)
			return
		}
	}
}
