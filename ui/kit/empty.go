package kit

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// Empty stands where a list would be when it has no row (DESIGN section
// 3): a sentence that says what is empty and what fills it, and the
// actions that fill it as buttons, never a command to type. When a search
// or a filter hides every row, it says so without the actions.
type Empty struct {
	widget.BaseWidget
	text    *widget.Label
	actions *fyne.Container
}

// NewEmpty is an Empty, hidden, offering actions when its list is empty.
func NewEmpty(actions ...*widget.Button) *Empty {
	e := &Empty{text: widget.NewLabel("")}
	e.text.Wrapping = fyne.TextWrapWord
	objs := make([]fyne.CanvasObject, len(actions))
	for i, b := range actions {
		objs[i] = b
	}
	e.actions = container.NewHBox(objs...)
	e.ExtendBaseWidget(e)
	e.Hide()
	return e
}

// ShowEmpty says text, with the actions: the list holds nothing.
func (e *Empty) ShowEmpty(text string) {
	e.text.SetText(text)
	e.actions.Show()
	e.Show()
}

// ShowNoMatch says text, without the actions: the list holds rows, but
// none passes the search and filters.
func (e *Empty) ShowNoMatch(text string) {
	e.text.SetText(text)
	e.actions.Hide()
	e.Show()
}

// Text is the sentence on show.
func (e *Empty) Text() string { return e.text.Text }

// Actions are the buttons offered on an empty list.
func (e *Empty) Actions() *fyne.Container { return e.actions }

func (e *Empty) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewVBox(e.text, e.actions))
}
