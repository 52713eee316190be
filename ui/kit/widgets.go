package kit

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Dim is a quiet label that wraps: notes and empty-state lines.
func Dim(text string) *widget.Label {
	l := QuietLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// QuietLabel is a label in the low-importance colour: hints, column heads.
func QuietLabel(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Importance = widget.LowImportance
	return l
}

// Wide gives o at least width w.
func Wide(w float32, o fyne.CanvasObject) fyne.CanvasObject {
	return container.NewStack(MinWidth(w), o)
}

// MinWidth is an empty object w wide, to keep a row or column at least that wide.
func MinWidth(w float32) fyne.CanvasObject {
	r := canvas.NewRectangle(nil)
	r.SetMinSize(fyne.NewSize(w, 0))
	return r
}

// Tall gives o at least height h.
func Tall(h float32, o fyne.CanvasObject) fyne.CanvasObject {
	r := canvas.NewRectangle(nil)
	r.SetMinSize(fyne.NewSize(0, h))
	return container.NewStack(r, o)
}

// Chip is a small coloured label, e.g. a pipeline stage.
func Chip(text string, fill color.Color) fyne.CanvasObject {
	bg := canvas.NewRectangle(fill)
	bg.CornerRadius = 8
	t := canvas.NewText(text, color.White)
	t.TextStyle.Bold = true
	t.TextSize = theme.CaptionTextSize() + 1
	return container.NewStack(bg, container.New(layout.NewCustomPaddedLayout(2, 2, 8, 8), t))
}

// Figure is one headline number with its caption and an optional note.
type Figure struct {
	widget.BaseWidget
	value   *canvas.Text
	caption *widget.Label
	note    *canvas.Text
}

// NewFigure is a figure under caption, showing "…" until it is Set.
func NewFigure(caption string) *Figure {
	f := &Figure{
		value:   canvas.NewText("…", theme.Color(theme.ColorNamePrimary)),
		caption: widget.NewLabel(caption),
		note:    canvas.NewText("", theme.Color(theme.ColorNamePlaceHolder)),
	}
	f.value.TextSize = 30
	f.value.TextStyle.Bold = true
	f.note.TextSize = theme.CaptionTextSize()
	f.caption.Wrapping = fyne.TextWrapWord
	f.ExtendBaseWidget(f)
	return f
}

// Set shows value with note beneath it, the note in the error colour when
// alert.
func (f *Figure) Set(value, note string, alert bool) {
	f.value.Text = value
	f.note.Text = note
	if alert {
		f.note.Color = theme.Color(theme.ColorNameError)
		f.note.TextStyle.Bold = true
	} else {
		f.note.Color = theme.Color(theme.ColorNamePlaceHolder)
		f.note.TextStyle.Bold = false
	}
	f.Refresh()
}

// Value is the figure's number as shown.
func (f *Figure) Value() string { return f.value.Text }

func (f *Figure) CreateRenderer() fyne.WidgetRenderer {
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	bg.CornerRadius = theme.InputRadiusSize()
	// Labels carry an inner padding that bare text does not: indent the
	// number and the note to line up with the caption.
	indent := func(o fyne.CanvasObject) fyne.CanvasObject {
		return container.New(layout.NewCustomPaddedLayout(0, 0, theme.InnerPadding(), 0), o)
	}
	inner := container.NewVBox(indent(f.value), f.caption, indent(f.note))
	return widget.NewSimpleRenderer(container.NewStack(bg, container.NewPadded(inner)))
}
