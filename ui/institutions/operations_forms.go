package institutions

import (
	"errors"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"

	"tiscdesk/data"
	"tiscdesk/ui/kit"
)

// The forms of a TISC's life after its plaque (DESIGN section 12): a yearly
// return and an evaluation. The service level and host agreement are on the
// institution's own form.

// levelName, evaluationKindName, gradeName and outcomeName name the
// enumerations of section 12 in the interface's language.
func levelName(v data.ServiceLevel) string { return lang.X("service_level."+string(v), v.NameEN()) }
func evaluationKindName(k data.EvaluationKind) string {
	return lang.X("evaluation_kind."+string(k), k.NameEN())
}
func gradeName(g data.Grade) string     { return lang.X("grade."+string(g), g.NameEN()) }
func outcomeName(o data.Outcome) string { return lang.X("outcome."+string(o), o.NameEN()) }

// returnForm edits one yearly return of an institution.
type returnForm struct {
	host    kit.Host
	r       *data.YearlyReturn // a copy being edited; no ID for a new one
	form    *kit.RecordForm
	dlg     *kit.FormDialog
	year    *kit.FormEntry
	figures map[string]*kit.FormEntry // by the figure's field
	notes   *kit.FormEntry
}

// openReturnForm opens the form on r (a new return when r has no ID) of
// the institution in; saved runs after it is saved.
func openReturnForm(host kit.Host, in *data.Institution, r *data.YearlyReturn, saved func()) *returnForm {
	c := *r
	f := &returnForm{host: host, r: &c, form: kit.NewRecordForm(), figures: map[string]*kit.FormEntry{}}
	escape := func() { f.dlg.Close() }
	f.year = kit.NewFormEntry(escape)
	if c.Year != 0 {
		f.year.SetText(strconv.Itoa(c.Year))
	}
	f.year.SetPlaceHolder(strconv.Itoa(host.Today().Year() - 1))
	f.form.Add("year", kit.FieldName("year"), f.year)
	for _, fig := range c.Figures() {
		e := kit.NewFormEntry(escape)
		if c.ID != data.NilID || *fig.Value != 0 {
			e.SetText(strconv.Itoa(*fig.Value))
		}
		e.SetPlaceHolder("0")
		f.figures[fig.Field] = e
		f.form.Add(fig.Field, kit.FieldName(fig.Field), e)
	}
	f.notes = kit.NewFormTextArea(escape)
	f.notes.SetText(c.Notes)
	f.form.Add("notes", kit.FieldName("notes"), f.notes)
	title := lang.L("New yearly return of {{.Name}}", map[string]any{"Name": in.DisplayName()})
	if c.ID != data.NilID {
		title = lang.L("Yearly return {{.Year}} of {{.Name}}", map[string]any{"Year": c.Year, "Name": in.DisplayName()})
	}
	f.dlg = kit.ShowForm(host, title, f.form.Content(), f, saved)
	host.Window().Canvas().Focus(f.year)
	return f
}

// Save reads the inputs, shows what is wrong beside the fields, or saves.
// A figure left empty is 0.
func (f *returnForm) Save() bool {
	var bad []data.FieldError
	whole := func(field, text string) int {
		text = strings.TrimSpace(strings.NewReplacer(",", "", " ", "", "，", "").Replace(text))
		if text == "" {
			return 0
		}
		n, err := strconv.Atoi(text)
		if err != nil {
			bad = append(bad, data.FieldError{Field: field, Message: "is not a whole number"})
		}
		return n
	}
	r := *f.r
	r.Year = whole("year", f.year.Text)
	if strings.TrimSpace(f.year.Text) == "" {
		bad = append(bad, data.FieldError{Field: "year", Message: "is required"})
	}
	for _, fig := range r.Figures() {
		*fig.Value = whole(fig.Field, f.figures[fig.Field].Text)
	}
	r.Notes = strings.TrimSpace(f.notes.Text)
	if len(bad) > 0 {
		// Say what else is wrong at once, beside the fields that parsed.
		var ve *data.ValidationError
		if errors.As(r.Validate(), &ve) {
			for _, fe := range ve.Fields {
				if !slices.ContainsFunc(bad, func(b data.FieldError) bool { return b.Field == fe.Field }) {
					bad = append(bad, fe)
				}
			}
		}
		f.form.ShowErrors(&data.ValidationError{Fields: bad})
		return false
	}
	if err := f.host.Store().Statistics.Put(&r); err != nil {
		if !f.form.ShowErrors(err) {
			kit.ShowError(f.host.Window(), err)
		}
		return false
	}
	*f.r = r
	return true
}

// evaluationForm edits one evaluation of an institution.
type evaluationForm struct {
	host              kit.Host
	e                 *data.Evaluation
	form              *kit.RecordForm
	dlg               *kit.FormDialog
	date              *kit.DateEntry
	kind              *kit.Choice[data.EvaluationKind]
	grade             *kit.Choice[data.Grade]
	outcome           *kit.Choice[data.Outcome]
	evaluators, notes *kit.FormEntry
}

// openEvaluationForm opens the form on e (a new evaluation when e has no
// ID) of the institution in; saved runs after it is saved.
func openEvaluationForm(host kit.Host, in *data.Institution, e *data.Evaluation, saved func()) *evaluationForm {
	c := *e
	f := &evaluationForm{host: host, e: &c, form: kit.NewRecordForm()}
	escape := func() { f.dlg.Close() }
	f.date = kit.NewDateEntry(host.Window(), escape)
	f.date.SetDate(c.Date)
	f.kind = kit.NewChoice(data.EvaluationKinds(), evaluationKindName, "", nil)
	f.kind.Set(c.Kind)
	f.grade = kit.NewChoice(data.Grades(), gradeName, "", nil)
	f.grade.Set(c.Grade)
	f.outcome = kit.NewChoice(data.Outcomes(), outcomeName, "", nil)
	f.outcome.Set(c.Outcome)
	f.evaluators = kit.NewFormEntry(escape)
	f.evaluators.SetText(c.Evaluators)
	f.evaluators.SetPlaceHolder(lang.L("e.g. CNIPA and WIPO"))
	f.notes = kit.NewFormTextArea(escape)
	f.notes.SetText(c.Notes)
	f.form.Add("date", kit.FieldName("date"), f.date)
	f.form.Add("evaluation_kind", kit.FieldName("evaluation_kind"), f.kind.Select)
	f.form.Add("grade", kit.FieldName("grade"), f.grade.Select)
	f.form.Add("outcome", kit.FieldName("outcome"), f.outcome.Select)
	f.form.Add("evaluators", kit.FieldName("evaluators"), f.evaluators)
	f.form.Add("notes", kit.FieldName("notes"), f.notes)
	title := lang.L("New evaluation of {{.Name}}", map[string]any{"Name": in.DisplayName()})
	if c.ID != data.NilID {
		title = lang.L("Evaluation of {{.Name}}", map[string]any{"Name": in.DisplayName()})
	}
	f.dlg = kit.ShowForm(host, title, container.NewVBox(f.form.Content()), f, saved)
	return f
}

// Save reads the inputs and saves, or shows what is wrong beside the fields.
func (f *evaluationForm) Save() bool {
	e := *f.e
	e.Date = f.date.Date()
	e.Kind, e.Grade, e.Outcome = f.kind.Value(), f.grade.Value(), f.outcome.Value()
	e.Evaluators = strings.TrimSpace(f.evaluators.Text)
	e.Notes = strings.TrimSpace(f.notes.Text)
	if err := f.host.Store().Evaluations.Put(&e); err != nil {
		if !f.form.ShowErrors(err) {
			kit.ShowError(f.host.Window(), err)
		}
		return false
	}
	*f.e = e
	return true
}

// addOperations adds the service level and the host agreement to the
// institution's form.
func (f *institutionForm) addOperations() {
	f.level = kit.NewChoice(data.ServiceLevels(), levelName, "", nil)
	f.level.Set(f.in.ServiceLevel)
	f.agreementSigned = kit.NewDateEntry(f.host.Window(), f.escape)
	f.agreementSigned.SetDate(f.in.AgreementSigned)
	f.agreementExpires = kit.NewDateEntry(f.host.Window(), f.escape)
	f.agreementExpires.SetDate(f.in.AgreementExpires)
	f.form.Add("service_level", kit.FieldName("service_level"), f.level.Select)
	f.form.Add("agreement_signed", kit.FieldName("agreement_signed"), f.agreementSigned)
	f.form.Add("agreement_expires", kit.FieldName("agreement_expires"), f.agreementExpires)
}

// collectOperations copies the service level and agreement into the record.
func (f *institutionForm) collectOperations() {
	f.in.ServiceLevel = f.level.Value()
	f.in.AgreementSigned = f.agreementSigned.Date()
	f.in.AgreementExpires = f.agreementExpires.Date()
}
