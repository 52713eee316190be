package kittest

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"tiscdesk/ui/kit"
)

// Texts collects the text of every label, entry and canvas.Text under o.
func Texts(t *testing.T, o fyne.CanvasObject) []string {
	var out []string
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *widget.Label:
			out = append(out, v.Text)
			return
		case *canvas.Text:
			out = append(out, v.Text)
			return
		case *fyne.Container:
			for _, c := range v.Objects {
				walk(c)
			}
			return
		case *widget.List, *widget.Entry, *widget.Select:
			// Rendered rows of a list are widgets themselves; walk them too.
		}
		if w, ok := o.(fyne.Widget); ok {
			for _, c := range test.TempWidgetRenderer(t, w).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return out
}

// HasText says whether one of the Texts under o is want.
func HasText(t *testing.T, o fyne.CanvasObject, want string) bool {
	for _, s := range Texts(t, o) {
		if SameLabel(s, want) {
			return true
		}
	}
	return false
}

// SameLabel says whether label reads as want: in English an ellipsis shows
// as three full stops and curly quotes as straight ones
// (kit.EnglishPunctuation), so "Import…" is "Import...".
func SameLabel(label, want string) bool {
	return label == want || label == kit.EnglishPunctuation.Replace(want)
}

// FindButton finds the button labelled text under o.
func FindButton(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	var found *widget.Button
	WalkObjects(t, o, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && SameLabel(b.Text, text) && found == nil {
			found = b
		}
	})
	if found == nil {
		t.Fatalf("no button %q", text)
	}
	return found
}

// WalkObjects calls visit on o and every object rendered under it.
func WalkObjects(t *testing.T, o fyne.CanvasObject, visit func(fyne.CanvasObject)) {
	visit(o)
	switch v := o.(type) {
	case *fyne.Container:
		for _, c := range v.Objects {
			WalkObjects(t, c, visit)
		}
	case *widget.Button:
	case fyne.Widget:
		for _, c := range test.TempWidgetRenderer(t, v).Objects() {
			WalkObjects(t, c, visit)
		}
	}
}

// TapHeader sorts tbl by column col as a click on its header does.
func TapHeader(tbl *widget.Table, col int) {
	b := tbl.CreateHeader()
	tbl.UpdateHeader(widget.TableCellID{Row: -1, Col: col}, b)
	b.(*widget.Button).OnTapped()
}

// OpenRow opens row r of tbl as a click on it does.
func OpenRow[R comparable](t *testing.T, tbl *kit.RecordTable[R], r R) {
	t.Helper()
	for i, x := range tbl.RowsShown() {
		if x == r {
			tbl.Table.OnSelected(widget.TableCellID{Row: i})
			return
		}
	}
	t.Fatalf("the table does not show %v", r)
}

// OpenForm is the form of type F in the form dialog on top of h's window.
func OpenForm[F kit.Savable](t *testing.T, h kit.Host) F {
	t.Helper()
	top := h.Forms().Top()
	if top == nil {
		t.Fatal("no form is open")
	}
	f, ok := top.Form().(F)
	if !ok {
		t.Fatalf("the form on top is a %T", top.Form())
	}
	return f
}

// TabTo presses Tab until o has the keyboard focus, as a user reaching it
// from the top of the window does; it fails after 40 presses.
func TabTo(t *testing.T, c fyne.Canvas, o fyne.Focusable) {
	t.Helper()
	c.Unfocus()
	for range 40 {
		c.FocusNext()
		if c.Focused() == o {
			return
		}
	}
	t.Fatalf("Tab never reaches the %T; the focus is on %T", o, c.Focused())
}

// Press types keys into the object with the keyboard focus.
func Press(c fyne.Canvas, keys ...fyne.KeyName) {
	for _, k := range keys {
		c.Focused().TypedKey(&fyne.KeyEvent{Name: k})
	}
}

// DeleteByKeyboard deletes a row of table as a keyboard user does: Tab
// until the table has the focus, Down, Delete, yes to the question. It
// fails unless a question was asked before anything was deleted and gone
// then says the row left the database; it returns the row and the question.
func DeleteByKeyboard[R any](t *testing.T, h *Host, table *kit.RecordTable[R], gone func(R) bool) (R, string) {
	t.Helper()
	c := h.Window().Canvas()
	asked, goneBeforeYes := "", false
	var victim R
	h.Desktop.Answer = func(_, question string, yes func()) {
		asked, goneBeforeYes = question, gone(victim)
		yes()
	}
	defer func() { h.Desktop.Answer = nil }()
	TabTo(t, c, table)
	Press(c, fyne.KeyDown)
	victim, ok := table.FocusedRow()
	if !ok {
		t.Fatal("Down put the focus on no row")
	}
	Press(c, fyne.KeyDelete)
	Settle(t)
	switch {
	case asked == "":
		t.Fatal("Delete did not ask")
	case goneBeforeYes:
		t.Fatalf("Delete deleted before the yes to %q", asked)
	case !gone(victim):
		t.Fatalf("after the yes to %q the row is still in the database", asked)
	}
	return victim, asked
}

// First is the first object of type T under o, the zero T when none is.
func First[T fyne.CanvasObject](t *testing.T, o fyne.CanvasObject) T { return first[T](t, o) }
