package institutions

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"

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

// The institution page's sections on its life after the plaque (DESIGN
// section 12): its yearly returns as a table of years with a small chart,
// its service level and host agreement, its evaluations and the next one
// due, and the people of it the DL enrolments show as trained.

// operationsData is what those sections show, read with the page.
type operationsData struct {
	returns  []*data.YearlyReturn // newest year first
	evals    []*data.Evaluation   // newest first
	staff    []*data.Enrolment
	sessions map[data.ID]string // session id → code, for the staff's courses
}

// loadOperations reads the institution's returns, evaluations and trained
// staff; it runs off the UI goroutine with the page's load.
func loadOperations(store *data.Store, id data.ID) (operationsData, error) {
	var d operationsData
	var err error
	if d.returns, err = store.Statistics.Where(func(r *data.YearlyReturn) bool { return r.Institution == id }); err != nil {
		return d, err
	}
	slices.SortFunc(d.returns, func(a, b *data.YearlyReturn) int { return cmp.Compare(b.Year, a.Year) })
	if d.evals, err = store.Evaluations.Where(func(e *data.Evaluation) bool { return e.Institution == id }); err != nil {
		return d, err
	}
	slices.SortFunc(d.evals, func(a, b *data.Evaluation) int { return cmp.Compare(b.Date, a.Date) })
	if d.staff, err = store.TrainedStaff(id); err != nil {
		return d, err
	}
	d.sessions = map[data.ID]string{}
	if len(d.staff) > 0 {
		sessions, err := store.Sessions.List()
		if err != nil {
			return d, err
		}
		for _, s := range sessions {
			d.sessions[s.ID] = s.Code
		}
	}
	return d, nil
}

// operations is the page's part on the TISC's operation.
func (p *Page) operations() fyne.CanvasObject {
	// The table of years takes the page's width: its headers are long.
	return container.NewVBox(p.returns(), container.NewGridWithColumns(2, p.agreement(), p.evaluations()), p.trainedStaff())
}

// dueText says when date falls, from today: the date, and "in N days" or
// "N days ago"; alert is true within data.DueWithinDays or past.
func dueText(date, today data.Date) (text string, alert, past bool) {
	days := int(date.Time().Sub(today.Time()).Hours() / 24)
	switch {
	case days < 0:
		return kit.Plural(-days, "{{.Date}}, {{.Days}} day ago", "{{.Date}}, {{.Days}} days ago", map[string]any{"Date": string(date), "Days": -days}), true, true
	case days == 0:
		return lang.L("{{.Date}}, today", map[string]any{"Date": string(date)}), true, false
	case days <= data.DueWithinDays:
		return kit.Plural(days, "{{.Date}}, in {{.Days}} day", "{{.Date}}, in {{.Days}} days", map[string]any{"Date": string(date), "Days": days}), true, false
	}
	return string(date), false, false
}

// agreement shows the service level and the host agreement, its expiry
// marked when it has passed or falls within 90 days.
func (p *Page) agreement() fyne.CanvasObject {
	in, today := p.inst, p.host.Today()
	grid := container.New(layout.NewFormLayout())
	add := func(label string, value fyne.CanvasObject) {
		grid.Add(widget.NewLabelWithStyle(label, fyne.TextAlignTrailing, fyne.TextStyle{}))
		grid.Add(value)
	}
	add(kit.FieldName("service_level"), widget.NewLabel(levelName(in.ServiceLevel)))
	add(kit.FieldName("agreement_signed"), widget.NewLabel(orDash(string(in.AgreementSigned))))
	expires := widget.NewLabel(orDash(string(in.AgreementExpires)))
	if in.AgreementExpires != "" {
		text, alert, past := dueText(in.AgreementExpires, today)
		if past {
			text = lang.L("Expired on {{.Date}}", map[string]any{"Date": string(in.AgreementExpires)})
		}
		expires.SetText(text)
		if alert {
			expires.Importance = widget.DangerImportance
			expires.TextStyle.Bold = true
		}
	}
	add(kit.FieldName("agreement_expires"), expires)
	hint := kit.Dim(lang.L("Edit sets the service level and the agreement."))
	return card(lang.L("Service and host agreement"), container.NewVBox(grid, hint))
}

// evaluations lists the evaluations, newest first, and the next one due.
func (p *Page) evaluations() fyne.CanvasObject {
	ops := p.ops
	box := container.NewVBox()
	var evals []data.Evaluation
	for _, e := range ops.evals {
		evals = append(evals, *e)
	}
	if due := data.NextEvaluationDue(p.inst, evals); due != "" {
		text, alert, past := dueText(due, p.host.Today())
		msg := lang.L("Next evaluation due: {{.When}}", map[string]any{"When": text})
		if past {
			msg = lang.L("Evaluation overdue: due {{.When}}", map[string]any{"When": text})
		}
		next := widget.NewLabel(msg)
		next.TextStyle.Bold = true
		if alert {
			next.Importance = widget.DangerImportance
		}
		box.Add(next)
	} else {
		box.Add(kit.Dim(lang.L("Evaluations fall due once the TISC is operational.")))
	}
	for _, e := range ops.evals {
		e := e
		label := fmt.Sprintf("%s   %s", e.Date, evaluationKindName(e.Kind))
		if e.Grade != "" {
			label += "   · " + gradeName(e.Grade)
		}
		if e.Outcome != "" {
			label += "   · " + outcomeName(e.Outcome)
		}
		box.Add(&widget.Button{Text: label, Alignment: widget.ButtonAlignLeading, Importance: widget.LowImportance,
			OnTapped: func() { openEvaluationForm(p.host, p.inst, e, p.afterChange) }})
	}
	if len(ops.evals) == 0 {
		box.Add(kit.Dim(lang.L("No evaluations recorded.")))
	}
	add := &widget.Button{Text: lang.L("New evaluation"), Icon: theme.ContentAddIcon(), OnTapped: p.newEvaluation}
	return card(lang.L("Evaluations"), container.NewVBox(box, container.NewHBox(add)))
}

func (p *Page) newEvaluation() {
	openEvaluationForm(p.host, p.inst, &data.Evaluation{Institution: p.id, Date: p.host.Today(), Kind: data.EvaluationOperational}, p.afterChange)
}

func (p *Page) newReturn() {
	year := p.host.Today().Year() - 1 // returns come in after the year ends
	for _, r := range p.ops.returns {
		if r.Year == year {
			year = p.host.Today().Year()
		}
	}
	openReturnForm(p.host, p.inst, &data.YearlyReturn{Institution: p.id, Year: year}, p.afterChange)
}

// returnColumns are the figures the table of years shows.
var returnColumns = []string{"inquiries", "search_reports", "training_participants", "staff", "staff_trained"}

// returns shows the yearly returns: a chart of the inquiries by year, and a
// table of years whose year opens the return's form.
func (p *Page) returns() fyne.CanvasObject {
	rets := p.ops.returns
	add := &widget.Button{Text: lang.L("New yearly return"), Icon: theme.ContentAddIcon(), OnTapped: p.newReturn}
	if len(rets) == 0 {
		return card(lang.L("Yearly statistics"), container.NewVBox(
			kit.Dim(lang.L("No yearly returns yet. New yearly return records one, or import a spreadsheet from the register.")),
			container.NewHBox(add)))
	}
	// One grid per row, so that the wrapped headers do not make every row
	// as tall as they are.
	cols := len(returnColumns) + 1
	header := container.NewGridWithColumns(cols)
	head := func(s string) {
		l := widget.NewLabelWithStyle(s, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
		l.Wrapping = fyne.TextWrapWord
		header.Add(l)
	}
	head(kit.FieldName("year"))
	for _, f := range returnColumns {
		head(kit.FieldName(f))
	}
	table := container.NewVBox(header, widget.NewSeparator())
	for _, r := range rets {
		r := r
		row := container.NewGridWithColumns(cols, &widget.Button{Text: strconv.Itoa(r.Year), Alignment: widget.ButtonAlignTrailing,
			Importance: widget.LowImportance, OnTapped: func() { openReturnForm(p.host, p.inst, r, p.afterChange) }})
		values := map[string]int{}
		for _, f := range r.Figures() {
			values[f.Field] = *f.Value
		}
		for _, f := range returnColumns {
			row.Add(widget.NewLabelWithStyle(strconv.Itoa(values[f]), fyne.TextAlignTrailing, fyne.TextStyle{}))
		}
		table.Add(row)
	}
	chartTitle := kit.Dim(lang.L("Inquiries by year"))
	chart := container.NewVBox(chartTitle, newYearsChart(rets))
	return card(lang.L("Yearly statistics"), container.NewVBox(container.NewBorder(nil, nil, nil, kit.Wide(260, chart), table), container.NewHBox(add)))
}

// newYearsChart draws the inquiries of each year as a column, oldest first.
func newYearsChart(rets []*data.YearlyReturn) fyne.CanvasObject {
	most := 1
	for _, r := range rets {
		most = max(most, r.Inquiries)
	}
	cols := container.NewGridWithColumns(max(len(rets), 4))
	for i := len(rets) - 1; i >= 0; i-- {
		r := rets[i]
		bar := canvas.NewRectangle(kit.BrandBlue)
		bar.CornerRadius = 2
		value := canvas.NewText(strconv.Itoa(r.Inquiries), theme.Color(theme.ColorNameForeground))
		value.TextSize = theme.CaptionTextSize()
		value.Alignment = fyne.TextAlignCenter
		year := canvas.NewText(strconv.Itoa(r.Year), theme.Color(theme.ColorNamePlaceHolder))
		year.TextSize = theme.CaptionTextSize()
		year.Alignment = fyne.TextAlignCenter
		cols.Add(container.NewBorder(value, year, nil, nil,
			container.New(&columnLayout{fraction: float32(r.Inquiries) / float32(most)}, bar)))
	}
	return cols
}

// columnLayout stands a bar of the given fraction of the height on the
// bottom of its cell, half the cell wide.
type columnLayout struct{ fraction float32 }

func (l *columnLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	h := size.Height * l.fraction
	if l.fraction > 0 && h < 2 {
		h = 2
	}
	w := size.Width / 2
	objs[0].Resize(fyne.NewSize(w, h))
	objs[0].Move(fyne.NewPos((size.Width-w)/2, size.Height-h))
}

func (l *columnLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(24, 70) }

// trainedStaff lists the people the DL enrolments match to the
// institution: each person once, with their courses and certificates.
func (p *Page) trainedStaff() fyne.CanvasObject {
	type person struct {
		name, email, org string
		courses          []*data.Enrolment
	}
	var people []*person
	byEmail := map[string]*person{}
	certified := 0
	for _, e := range p.ops.staff {
		k := data.NormEmail(e.Email)
		pp := byEmail[k]
		if pp == nil {
			pp = &person{name: e.Name, email: e.Email, org: e.Organisation}
			byEmail[k] = pp
			people = append(people, pp)
		}
		pp.courses = append(pp.courses, e)
	}
	box := container.NewVBox()
	for _, pp := range people {
		has := false
		line := ""
		for i, e := range pp.courses {
			if i > 0 {
				line += "   ·   "
			}
			line += orDash(p.ops.sessions[e.Session]) + " " + kit.EnrolmentStatusName(e.Status)
			if e.Certificate != "" {
				line += " " + lang.L("(certificate {{.Number}})", map[string]any{"Number": e.Certificate})
				has = true
			}
		}
		if has {
			certified++
		}
		name := widget.NewLabelWithStyle(pp.name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		who := kit.Dim(pp.email + "   " + pp.org)
		courses := widget.NewLabel(line)
		courses.Wrapping = fyne.TextWrapWord
		box.Add(container.NewVBox(container.NewHBox(name, who), courses))
	}
	if len(people) == 0 {
		box.Add(kit.Dim(lang.L("Nobody of this institution is in the DL enrolments yet (matched by organisation name or email domain).")))
	} else {
		sum := widget.NewLabel(lang.L("{{.People}} people took DL courses; {{.Certified}} hold a certificate.",
			map[string]any{"People": len(people), "Certified": certified}))
		sum.TextStyle.Bold = true
		box.Objects = append([]fyne.CanvasObject{sum}, box.Objects...)
	}
	return card(lang.L("Trained staff"), box)
}

func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}
