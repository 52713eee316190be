package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"tiscdesk/data"
)

// comingSoon stands in for a section that a later version builds. It says
// what the section will do and what the database already holds for it.
type comingSoon struct {
	widget.BaseWidget
	store *data.Store
	title string
	what  string
	count func(data.Counts) string
	held  *widget.Label
}

var _ screen = (*comingSoon)(nil)

func newComingSoon(store *data.Store, title, what string, count func(data.Counts) string) *comingSoon {
	c := &comingSoon{store: store, title: title, what: what, count: count, held: widget.NewLabel("")}
	c.ExtendBaseWidget(c)
	return c
}

func countEnrolments(c data.Counts) string {
	return lang.L("The database holds {{.Sessions}} sessions and {{.Count}} enrolments.", map[string]any{"Sessions": c.Sessions, "Count": c.Enrolments})
}

func countStudents(c data.Counts) string {
	return lang.L("The database holds {{.Cohorts}} cohorts and {{.Count}} students.", map[string]any{"Cohorts": c.Cohorts, "Count": c.Students})
}

func (c *comingSoon) shown() {
	if c.count == nil {
		return
	}
	if counts, err := c.store.Counts(); err == nil {
		c.held.SetText(c.count(counts))
	}
}

func (c *comingSoon) CreateRenderer() fyne.WidgetRenderer {
	heading := widget.NewLabelWithStyle(lang.L(c.title), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameHeadingText
	what := widget.NewLabel(lang.L(c.what))
	what.Wrapping = fyne.TextWrapWord
	soon := widget.NewLabel(lang.L("This section is coming soon."))
	soon.Importance = widget.LowImportance
	return widget.NewSimpleRenderer(container.NewPadded(container.NewVBox(heading, what, c.held, soon)))
}
