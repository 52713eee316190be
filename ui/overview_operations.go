package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"tiscdesk/data"
	"tiscdesk/ui/kit"
)

// The Overview's part on the operational TISCs (DESIGN section 12): the
// evaluations overdue or due within 90 days, the host agreements expired or
// expiring, and last year's totals of the yearly returns.

// operationsFacts is what the part shows.
type operationsFacts struct {
	due    []data.DueItem
	totals data.YearTotals
}

// operationsPanel is that part of the Overview, loaded with it.
type operationsPanel struct {
	widget.BaseWidget
	store                               *data.Store
	win                                 fyne.Window
	overdue, dueSoon, agreements, total *kit.Figure
	list                                *fyne.Container
	load                                kit.Loader[operationsFacts]
}

// maxDueShown is how many due items the Overview lists; the rest are
// counted in the figures.
const maxDueShown = 8

func newOperationsPanel(store *data.Store, win fyne.Window) *operationsPanel {
	p := &operationsPanel{store: store, win: win, list: container.NewVBox(),
		overdue:    kit.NewFigure(lang.L("Evaluations overdue")),
		dueSoon:    kit.NewFigure(lang.L("Evaluations due within 90 days")),
		agreements: kit.NewFigure(lang.L("Host agreements expiring")),
		total:      kit.NewFigure(lang.L("Yearly returns, last year")),
	}
	p.ExtendBaseWidget(p)
	return p
}

func (p *operationsPanel) CreateRenderer() fyne.WidgetRenderer {
	title := widget.NewLabelWithStyle(lang.L("TISCs after the plaque"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	cards := container.NewGridWithColumns(4, p.overdue, p.dueSoon, p.agreements, p.total)
	return widget.NewSimpleRenderer(container.NewVBox(title, cards, p.list))
}

// reload reads the due items and last year's totals off the UI goroutine.
func (p *operationsPanel) reload(today data.Date) {
	p.load.Load(p.win, func(context.Context, func(int, int)) (operationsFacts, error) {
		due, err := p.store.OperationsDue(today)
		if err != nil {
			return operationsFacts{}, err
		}
		totals, err := p.store.YearTotals(today.Year() - 1)
		return operationsFacts{due, totals}, err
	}, p.apply)
}

func (p *operationsPanel) apply(f operationsFacts) {
	var overdue, soon, expiring, expired int
	for _, d := range f.due {
		switch d.Kind {
		case data.EvaluationOverdue:
			overdue++
		case data.EvaluationDueSoon:
			soon++
		case data.AgreementExpiring:
			expiring++
		case data.AgreementExpired:
			expired++
		}
	}
	p.overdue.Set(kit.Number(overdue), "", overdue > 0)
	p.dueSoon.Set(kit.Number(soon), "", false)
	note := ""
	if expired > 0 {
		note = lang.L("{{.Count}} expired", map[string]any{"Count": kit.Number(expired)})
	}
	p.agreements.Set(kit.Number(expiring+expired), note, expired > 0)
	t := f.totals
	p.total.Set(kit.Number(t.Returns), lang.L("{{.Year}}: {{.Inquiries}}, {{.Participants}} trained",
		map[string]any{"Year": t.Year, "Inquiries": kit.Counted(t.Total.Inquiries, "{{.Count}} inquiry", "{{.Count}} inquiries"),
			"Participants": kit.Number(t.Total.TrainingParticipants)}), false)
	p.list.Objects = nil
	for i, d := range f.due {
		if i == maxDueShown {
			p.list.Add(kit.Dim(lang.L("and {{.Count}} more", map[string]any{"Count": len(f.due) - maxDueShown})))
			break
		}
		line := widget.NewLabel(string(d.Date) + "   " + dueKindName(d.Kind) + "   " + d.Institution.DisplayName())
		if d.Kind == data.EvaluationOverdue || d.Kind == data.AgreementExpired {
			line.Importance = widget.DangerImportance
		}
		p.list.Add(line)
	}
	p.list.Refresh()
}

// dueKindName says what falls due, in the interface's language.
func dueKindName(k data.DueKind) string {
	switch k {
	case data.EvaluationOverdue:
		return lang.L("Evaluation overdue")
	case data.EvaluationDueSoon:
		return lang.L("Evaluation due")
	case data.AgreementExpired:
		return lang.L("Agreement expired")
	}
	return lang.L("Agreement expires")
}
