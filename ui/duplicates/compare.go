package duplicates

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"tiscdesk/data"
	"tiscdesk/ui/kit"
)

// compareForm shows two records side by side, a choice per field where they
// differ, and Merge: the second is merged into the first with the values
// chosen.
type compareForm struct {
	s          *Screen
	kind       string
	keep, drop data.DuplicateRecord
	fields     []data.FieldChoice
	choices    map[string]*widget.RadioGroup // by field, where the two differ
	options    map[string][2]string          // each choice's two options
	merge      *widget.Button
	notSame    *widget.Button
	problem    *widget.Label
	group      data.DuplicateGroup
	dlg        dialog.Dialog
}

func newCompareForm(s *Screen, kind string, keep, drop data.DuplicateRecord, fields []data.FieldChoice) *compareForm {
	f := &compareForm{s: s, kind: kind, keep: keep, drop: drop, fields: fields,
		choices: map[string]*widget.RadioGroup{}, options: map[string][2]string{}, problem: widget.NewLabel("")}
	f.problem.Wrapping = fyne.TextWrapWord
	f.problem.Importance = widget.DangerImportance
	f.problem.Hide()
	return f
}

func (f *compareForm) show() {
	grid := container.New(layout.NewFormLayout())
	same := 0
	for _, c := range f.fields {
		if c.Keep == c.Drop {
			same++
			continue
		}
		a, b := f.valueText(c.Field, c.Keep), f.valueText(c.Field, c.Drop)
		if a == b {
			b += " " // two options must differ to be told apart
		}
		r := widget.NewRadioGroup([]string{a, b}, nil)
		r.Horizontal = true
		r.Required = true
		r.SetSelected(a)
		f.choices[c.Field], f.options[c.Field] = r, [2]string{a, b}
		grid.Add(widget.NewLabelWithStyle(kit.FieldName(c.Field), fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}))
		grid.Add(r)
	}
	intro := widget.NewLabel(lang.L("“{{.Drop}}” will be merged into “{{.Keep}}”: choose, for each field where they differ, the value to keep. What refers to “{{.Drop}}” will refer to “{{.Keep}}”.",
		map[string]any{"Drop": f.drop.Name, "Keep": f.keep.Name}))
	intro.Wrapping = fyne.TextWrapWord
	note := kit.Dim(kit.Plural(same, "{{.Count}} other field says the same in both.", "{{.Count}} other fields say the same in both.", map[string]any{"Count": same}))
	if len(f.choices) == 0 {
		grid.Add(widget.NewLabel(lang.L("The two records say the same.")))
	}
	f.merge = &widget.Button{Text: lang.L("Merge"), Importance: widget.HighImportance, OnTapped: func() { f.s.mergeChosen(f) }}
	cancel := &widget.Button{Text: lang.L("Cancel"), OnTapped: func() { f.dlg.Hide(); f.s.compare = nil }}
	f.notSame = &widget.Button{Text: lang.L("Not the same: stop listing them"), OnTapped: func() { f.s.dismiss(f) }}
	body := container.NewBorder(container.NewVBox(intro, note, f.problem), container.NewBorder(nil, nil, f.notSame, container.NewHBox(cancel, f.merge)),
		nil, nil, container.NewVScroll(grid))
	f.dlg = dialog.NewCustomWithoutButtons(kit.KindPlural(f.kind)+": "+lang.L("merge two records"), body, f.s.host.Window())
	size := f.s.host.Window().Canvas().Size()
	f.dlg.Resize(fyne.NewSize(min(900, size.Width*0.95), min(620, size.Height*0.9)))
	f.dlg.Show()
}

// valueText is a value as the form shows it, cut to a line: a long list
// (the history of stages, the contacts) is told apart by its beginning.
func (f *compareForm) valueText(field, text string) string {
	if text == "" {
		return lang.L("(empty)")
	}
	v := []rune(kit.FieldValue(f.kind, field, text))
	if len(v) > maxValueRunes {
		return string(v[:maxValueRunes-1]) + "…"
	}
	return string(v)
}

// maxValueRunes is how much of a value a choice shows: two choices of
// this length fit beside the labels in the form's width.
const maxValueRunes = 44

// fromDrop lists the fields whose value the person took from the second
// record.
func (f *compareForm) fromDrop() []string {
	var out []string
	for _, c := range f.fields {
		if r := f.choices[c.Field]; r != nil && r.Selected == f.options[c.Field][1] {
			out = append(out, c.Field)
		}
	}
	return out
}

// choose selects, for field, the first record's value (0) or the second's
// (1): what a person does with the radio buttons.
func (f *compareForm) choose(field string, side int) {
	f.choices[field].SetSelected(f.options[field][side])
}
