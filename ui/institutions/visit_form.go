package institutions

import (
	"slices"
	"strconv"
	"strings"

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

// visitForm edits one site visit, in the order a field officer walks it:
// where and when, who was there, the assessment checklist with its overall
// score, staff and databases, the conclusion, and the follow-up actions.
type visitForm struct {
	host  kit.Host
	orig  *data.Visit // as opened: its Meta, position and photos are kept
	form  *kit.RecordForm
	dlg   *kit.FormDialog
	today data.Date

	institution         *institutionPicker
	date                *kit.DateEntry
	kind                *kit.Choice[data.VisitKind]
	visitors, peopleMet *kit.FormEntry
	checklist           []*checklistRow
	overall             *canvas.Text
	assessed            *widget.Label
	staff, t101, t318   *numberField
	databases           []*widget.Check // in the order of data.KnownDatabases
	recommendation      *kit.Choice[data.Recommendation]
	findings            *kit.FormEntry
	followUps           []*followUpRow
	followBox           *fyne.Container
	followHead          *fyne.Container
	followSummary       *canvas.Text
	position            *kit.FormEntry
	positionField       *kit.FormField
	positionShown       *widget.Label // the position as read, in both notations
	draft               *widget.Check
	changes             *kit.HistoryPanel // the versions of a saved visit
	photos              *photoStrip
	print               *widget.Button // the visit report of the saved visit
}

type checklistRow struct {
	criterion data.Criterion
	score     *scorePicker
	comment   *kit.FormEntry
	field     *kit.FormField
}

// numberField is a head count typed as a whole number.
type numberField struct {
	entry *kit.FormEntry
	field *kit.FormField
}

// Widths of the form's fixed columns.
const (
	visitNumberWidth = 90
	visitOwnerWidth  = 170
	visitDueWidth    = 150
	visitRemoveWidth = 40
)

// openVisitForm opens the form on v: a v with no ID is a new visit (the
// institution page pre-fills its institution; from the list of visits the
// user picks it). saved runs after a successful save or delete.
func openVisitForm(host kit.Host, v *data.Visit, saved func()) { showVisitForm(host, v, saved) }

// showVisitForm is openVisitForm returning the form, for the visits screen
// and tests.
func showVisitForm(host kit.Host, v *data.Visit, saved func()) *visitForm {
	f := &visitForm{host: host, orig: v, form: kit.NewRecordForm(), today: host.Today()}
	body := f.build()
	title := lang.L("New site visit")
	if v.ID != data.NilID {
		title = lang.L("Site visit on {{.Date}}", map[string]any{"Date": v.Date})
	}
	f.dlg = kit.ShowForm(host, title, body, f, saved)
	host.Window().SetOnDropped(func(_ fyne.Position, uris []fyne.URI) {
		if host.Forms().Top() == f.dlg { // the form is open and on top
			f.photos.dropped(uris)
		}
	})
	size := host.Window().Canvas().Size()
	f.dlg.Resize(fyne.NewSize(min(1040, size.Width*0.94), size.Height*0.92))
	switch {
	case v.Institution == data.NilID:
		host.Window().Canvas().Focus(f.institution.entry)
	case v.ID == data.NilID:
		host.Window().Canvas().Focus(f.date)
	}
	return f
}

func (f *visitForm) escape() {
	if f.dlg != nil {
		f.dlg.Close()
	}
}

func (f *visitForm) entry(text, placeholder string) *kit.FormEntry {
	e := kit.NewFormEntry(f.escape)
	e.SetText(text)
	e.SetPlaceHolder(placeholder)
	return e
}

func (f *visitForm) textArea(text, placeholder string) *kit.FormEntry {
	e := kit.NewFormTextArea(f.escape)
	e.SetText(text)
	e.SetPlaceHolder(placeholder)
	return e
}

func (f *visitForm) build() fyne.CanvasObject {
	v := f.orig
	fm := f.form
	f.institution = newInstitutionPicker(f.host, v.Institution, f.escape)
	f.date = kit.NewDateEntry(f.host.Window(), f.escape)
	f.institution.picked = func() { f.host.Window().Canvas().Focus(f.date) }
	f.date.SetDate(v.Date)
	f.kind = kit.NewChoice(data.VisitKinds(), kit.VisitKindName, "", nil)
	f.kind.Set(v.Kind)
	f.visitors = f.textArea(strings.Join(v.Visitors, "\n"), lang.L("One person per line"))
	f.peopleMet = f.textArea(strings.Join(v.PeopleMet, "\n"), lang.L("One person per line, e.g. 王芳, library director"))

	f.draft = widget.NewCheck(lang.L("Not finished yet: keep it out of the figures and reports"), func(bool) { f.updatePrint() })
	f.draft.Checked = v.Draft
	f.buildPosition()

	dateField := fm.Add("date", kit.FieldName("date"), f.date)
	kindField := fm.Add("kind", kit.FieldName("kind"), f.kind.Select)
	when := container.New(columnsLayout{visitDueWidth, kindField.Label.MinSize().Width, 240, 0},
		f.date, kindField.Label, f.kind.Select, layout.NewSpacer())
	about := [][2]fyne.CanvasObject{
		fieldRow(fm.Add("institution", kit.FieldName("institution"), f.institution.box)),
		{dateField.Label, container.NewVBox(when, dateField.Msg, kindField.Msg)},
		fieldRow(fm.Add("visitors", kit.FieldName("visitors"), f.visitors)),
		fieldRow(fm.Add("people_met", kit.FieldName("people_met"), f.peopleMet)),
		{f.positionField.Label, container.NewVBox(f.positionField.Input, f.positionShown, f.positionField.Msg)},
		fieldRow(fm.Add("draft", kit.FieldName("draft"), f.draft)),
	}

	f.staff = f.number("staff_count", lang.L("Dedicated staff"), v.StaffCount)
	f.t101 = f.number("trained_101", lang.L("Trained in DL-101"), v.Trained101)
	f.t318 = f.number("trained_318", lang.L("Trained in DL-318"), v.Trained318)
	dbs := container.NewHBox()
	for _, d := range data.KnownDatabases {
		c := widget.NewCheck(databaseName(d), nil)
		c.Checked = slices.Contains(v.Databases, d)
		f.databases = append(f.databases, c)
		dbs.Add(c)
	}
	f.recommendation = kit.NewChoice(data.Recommendations(), kit.RecommendationName, lang.L("None yet"), nil)
	f.recommendation.Set(v.Recommendation)
	f.findings = f.textArea(v.Findings, lang.L("What you saw, what is missing, what was agreed"))
	f.findings.SetMinRowsVisible(5)
	capacity := [][2]fyne.CanvasObject{
		f.numberRow(f.staff), f.numberRow(f.t101), f.numberRow(f.t318),
		fieldRow(fm.Add("databases", kit.FieldName("databases"), dbs)),
	}
	conclusion := [][2]fyne.CanvasObject{
		fieldRow(fm.Add("recommendation", kit.FieldName("recommendation"), f.recommendation.Select)),
		fieldRow(fm.Add("findings", kit.FieldName("findings"), f.findings)),
	}
	grids := alignedGrids(about, capacity, conclusion)

	parts := []fyne.CanvasObject{fm.General,
		sectionTitle(lang.L("The visit")), grids[0],
		widget.NewSeparator(), f.checklistSection(),
		widget.NewSeparator(), sectionTitle(lang.L("Staff and databases")), grids[1],
		widget.NewSeparator(), sectionTitle(lang.L("Conclusion")), grids[2],
		widget.NewSeparator(), f.followUpSection(),
		widget.NewSeparator(), f.buildPhotos(),
	}
	if v.ID != data.NilID {
		del := &widget.Button{Text: lang.L("Delete this visit"), Icon: theme.DeleteIcon(), Importance: widget.DangerImportance, OnTapped: f.delete}
		f.print = &widget.Button{Text: lang.L("Print visit report…"), Icon: theme.DocumentPrintIcon(), OnTapped: func() { f.host.PrintVisitReport(v.ID) }}
		parts = append(parts, widget.NewSeparator(), container.NewHBox(f.print, del))
		f.updatePrint()
		f.changes = kit.NewHistoryPanel(f.host, v.ID, f.restored)
		f.changes.Reload()
		parts = append(parts, widget.NewSeparator(), sectionTitle(lang.L("History of changes")), f.changes)
	}
	return container.NewVBox(parts...)
}

// alignedGrids lays out each section's label | input rows as a form, with
// one label column width for all of them, so the sections line up.
func alignedGrids(sections ...[][2]fyne.CanvasObject) []fyne.CanvasObject {
	width := float32(0)
	for _, rows := range sections {
		for _, r := range rows {
			width = max(width, r[0].MinSize().Width)
		}
	}
	out := make([]fyne.CanvasObject, len(sections))
	for i, rows := range sections {
		g := container.New(layout.NewFormLayout())
		for _, r := range rows {
			g.Add(container.NewStack(kit.MinWidth(width), r[0]))
			g.Add(r[1])
		}
		out[i] = g
	}
	return out
}

// fieldRow is a field's label and its input with the message beneath.
func fieldRow(ff *kit.FormField) [2]fyne.CanvasObject {
	return [2]fyne.CanvasObject{ff.Label, container.NewVBox(ff.Input, ff.Msg)}
}

func (f *visitForm) number(key, label string, n int) *numberField {
	nf := &numberField{entry: f.entry("", "0")}
	if n != 0 {
		nf.entry.SetText(strconv.Itoa(n))
	}
	nf.field = f.form.Add(key, label, nf.entry)
	nf.entry.OnChanged = func(string) {
		if _, ok := nf.value(); !ok {
			nf.field.SetMessage(lang.L("must be a whole number"))
		} else if nf.field.Msg.Text == lang.L("must be a whole number") {
			nf.field.SetMessage("")
		}
	}
	return nf
}

// numberRow puts the message beside the short entry rather than beneath.
func (f *visitForm) numberRow(nf *numberField) [2]fyne.CanvasObject {
	msg := container.NewVBox(layout.NewSpacer(), nf.field.Msg, layout.NewSpacer())
	return [2]fyne.CanvasObject{nf.field.Label, container.New(columnsLayout{visitNumberWidth, 0}, nf.entry, msg)}
}

// value is the number typed; blank is 0; ok is false for anything else.
func (nf *numberField) value() (n int, ok bool) {
	s := strings.TrimSpace(nf.entry.Text)
	if s == "" {
		return 0, true
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}

func (f *visitForm) checklistSection() fyne.CanvasObject {
	nameWidth := float32(0)
	for _, c := range data.Criteria() {
		nameWidth = max(nameWidth, widget.NewLabel(kit.CriterionName(c)).MinSize().Width)
	}
	cols := columnsLayout{nameWidth, scorePickerWidth, 0}
	rows := container.NewVBox(container.New(cols,
		kit.QuietLabel(lang.L("Criterion")), kit.QuietLabel(lang.L("Score")), kit.QuietLabel(lang.L("Comment"))))
	for _, c := range data.Criteria() {
		a, ok := f.orig.Assessed(c)
		r := &checklistRow{criterion: c, comment: f.entry(a.Comment, "")}
		score := notAssessed
		if ok {
			score = a.Score
		}
		r.score = newScorePicker(score, f.updateOverall, f.escape)
		r.field = f.form.Add("", kit.CriterionName(c), container.New(cols, widget.NewLabel(kit.CriterionName(c)), r.score, r.comment))
		f.checklist = append(f.checklist, r)
		rows.Add(container.NewVBox(r.field.Input, r.field.Msg))
	}

	f.overall = canvas.NewText("", theme.Color(theme.ColorNameForeground))
	f.overall.TextSize = theme.TextSubHeadingSize()
	f.overall.TextStyle.Bold = true
	f.assessed = widget.NewLabel("")
	f.assessed.Importance = widget.LowImportance
	f.updateOverall()
	score := container.NewHBox(widget.NewLabel(lang.L("Overall score")), container.NewCenter(f.overall), f.assessed)
	hint := kit.QuietLabel(lang.L("Score each criterion from 0 (absent) to 5 (excellent), or – when it was not assessed. With the score focused, type a digit."))
	hint.Wrapping = fyne.TextWrapWord
	return container.NewVBox(container.NewBorder(nil, nil, sectionTitle(lang.L("Assessment checklist")), score), hint, rows)
}

// updateOverall shows the overall score of the scores as they stand.
func (f *visitForm) updateOverall() {
	var v data.Visit
	for _, r := range f.checklist {
		if s, ok := r.score.Score(); ok {
			v.Checklist = append(v.Checklist, data.Assessment{Criterion: r.criterion, Score: s})
		}
	}
	s, ok := v.OverallScore()
	if !ok {
		f.overall.Text = lang.L("not assessed")
		f.overall.Color = theme.Color(theme.ColorNamePlaceHolder)
	} else {
		f.overall.Text = scoreText(s)
		f.overall.Color = scoreColor(int(s + 0.5))
	}
	f.overall.Refresh()
	f.assessed.SetText(lang.L("{{.Assessed}} of {{.All}} criteria assessed",
		map[string]any{"Assessed": len(v.Checklist), "All": len(f.checklist)}))
}

// collect reads the form into a copy of the visit. problems are what the
// store cannot say: a head count that is not a number, a comment on a
// criterion left unscored.
func (f *visitForm) collect() (v *data.Visit, problems map[*kit.FormField]string) {
	c := *f.orig
	v = &c
	problems = map[*kit.FormField]string{}
	v.Institution = f.institution.id
	v.Date = f.date.Date()
	v.Kind = f.kind.Value()
	v.Visitors = lines(f.visitors.Text)
	v.PeopleMet = lines(f.peopleMet.Text)
	v.Checklist = nil
	var scored []*kit.FormField
	for _, r := range f.checklist {
		comment := strings.TrimSpace(r.comment.Text)
		s, ok := r.score.Score()
		if !ok {
			if comment != "" {
				problems[r.field] = lang.L("give a score, or clear the comment")
			}
			continue
		}
		v.Checklist = append(v.Checklist, data.Assessment{Criterion: r.criterion, Score: s, Comment: comment})
		scored = append(scored, r.field)
	}
	f.form.Rekey("checklist", scored) // "checklist.2" is the third criterion scored
	for _, n := range []struct {
		nf  *numberField
		dst *int
	}{{f.staff, &v.StaffCount}, {f.t101, &v.Trained101}, {f.t318, &v.Trained318}} {
		var ok bool
		if *n.dst, ok = n.nf.value(); !ok {
			problems[n.nf.field] = lang.L("must be a whole number")
		}
	}
	v.Databases = nil
	for i, d := range data.KnownDatabases {
		if f.databases[i].Checked {
			v.Databases = append(v.Databases, d)
		}
	}
	var err error
	if v.Position, err = data.ParsePosition(f.position.Text); err != nil {
		problems[f.positionField] = positionProblem()
	}
	v.Draft = f.draft.Checked
	v.Photos = f.photos.collect()
	v.Recommendation = f.recommendation.Value()
	v.Findings = strings.TrimSpace(f.findings.Text)
	v.FollowUps = nil
	for _, r := range f.followUps {
		fu := data.FollowUp{Action: strings.TrimSpace(r.action.Text), Owner: strings.TrimSpace(r.owner.Text),
			Due: r.due.Date(), Done: r.done.Checked}
		if fu.Done {
			fu.DoneOn = r.doneOn
		}
		v.FollowUps = append(v.FollowUps, fu)
	}
	return v, problems
}

// save stores the visit, or shows beside each field what is wrong with it.
// Problems the store cannot see are shown with the store's own, all at once.
func (f *visitForm) Save() bool {
	v, problems := f.collect()
	if len(problems) == 0 {
		err := f.host.Store().Visits.Put(v)
		if err == nil {
			return true
		}
		if !f.form.ShowErrors(err) {
			kit.ShowError(f.host.Window(), err)
		}
		f.nameFollowUpFields(err)
		return false
	}
	err := v.Validate()
	f.form.ShowErrors(err)
	f.nameFollowUpFields(err)
	for ff, msg := range problems {
		ff.SetMessage(msg)
	}
	return false
}

func (f *visitForm) delete() {
	askDeleteVisit(f.host, f.orig, f.institution.name, f.dlg.CloseChanged)
}

// askDeleteVisit asks whether to delete visit v (to the institution named
// name), and deletes it on yes, then calls deleted. The form's Delete
// button and the Delete key on the list ask the same question.
func askDeleteVisit(host kit.Host, v *data.Visit, name string, deleted func()) {
	q := lang.L("Delete the visit of {{.Date}} to {{.Name}}?", map[string]any{"Date": v.Date, "Name": name}) +
		"\n" + lang.L("Its checklist, findings and follow-up actions go with it.")
	kit.Confirm(host, lang.L("Delete visit"), q, func() {
		if err := host.Store().Visits.Delete(v.ID); err != nil {
			kit.ShowError(host.Window(), err)
			return
		}
		deleted()
	})
}

// lines splits one-per-line text, dropping blank lines.
func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

func sectionTitle(text string) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.SizeName = theme.SizeNameSubHeadingText
	return l
}

// columnsLayout places objects side by side, object i widths[i] wide; a
// width of 0 takes what the others leave (at least its minimum). Every
// object is as tall as the row. The objects stay in reading order, so Tab
// walks them left to right.
type columnsLayout []float32

func (l columnsLayout) widths(objs []fyne.CanvasObject, total float32) []float32 {
	out := make([]float32, len(objs))
	fixed, fills := theme.Padding()*float32(len(objs)-1), 0
	for i, o := range objs {
		if out[i] = l[i]; out[i] == 0 {
			fills++
			fixed += o.MinSize().Width
			continue
		}
		fixed += out[i]
	}
	for i, o := range objs {
		if out[i] == 0 {
			out[i] = o.MinSize().Width + max(0, total-fixed)/float32(fills)
		}
	}
	return out
}

func (l columnsLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	x := float32(0)
	for i, w := range l.widths(objs, size.Width) {
		objs[i].Move(fyne.NewPos(x, 0))
		objs[i].Resize(fyne.NewSize(w, size.Height))
		x += w + theme.Padding()
	}
}

func (l columnsLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	w, h := float32(0), float32(0)
	for i, cw := range l.widths(objs, 0) {
		w += cw
		h = max(h, objs[i].MinSize().Height)
	}
	return fyne.NewSize(w+theme.Padding()*float32(len(objs)-1), h)
}

// databaseName shows the known databases by their own names; "national" is
// the country's own.
func databaseName(d string) string {
	if d == "national" {
		return lang.L("National databases")
	}
	return d
}
