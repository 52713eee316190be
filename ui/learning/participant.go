package learning

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"tiscdesk/data"
	"tiscdesk/ui/kit"
)

// participantPage shows one person, found by email across sessions: every
// course they took, with status, score and certificate. A row opens the
// enrolment's form.
type participantPage struct {
	widget.BaseWidget
	s       *Screen
	email   string
	rows    []*data.EnrolmentRow
	content *fyne.Container
	// institution says which institution of the register the person's
	// organisation or email matches (participant_institution.go).
	institution *widget.Label
	instLoad    kit.Loader[*data.Institution]
}

func newParticipantPage(s *Screen, email string) *participantPage {
	p := &participantPage{s: s, email: email, content: container.NewStack()}
	p.ExtendBaseWidget(p)
	p.reload()
	return p
}

func (p *participantPage) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(p.content)
}

// reload reads the participant's enrolments from the screen's index.
func (p *participantPage) reload() {
	if p.s.index == nil {
		return
	}
	p.rows = p.s.index.Participant(p.email)
	if len(p.rows) == 0 { // the last enrolment was deleted or moved
		p.s.showMain()
		return
	}
	p.content.Objects = []fyne.CanvasObject{p.build()}
	p.content.Refresh()
}

func (p *participantPage) build() fyne.CanvasObject {
	latest := p.rows[0]
	back := &widget.Button{Text: lang.L("Distance learning"), Icon: theme.NavigateBackIcon(), Importance: widget.LowImportance, OnTapped: p.s.showMain}
	title := widget.NewLabelWithStyle(latest.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	var about []string
	for _, s := range []string{latest.Email, latest.Organisation(), kit.ProvinceName(latest.Province()),
		data.CountryName(latest.Country(), kit.InterfaceLanguage())} {
		if s != "" {
			about = append(about, s)
		}
	}
	st := data.StatsOf(p.rows)
	summary := lang.L("{{.Enrolments}}: {{.Completed}} completed, {{.Certified}}",
		map[string]any{"Enrolments": enrolmentsCounted(st.Enrolments), "Completed": kit.Number(st.Completed()),
			"Certified": kit.Counted(st.Certified, "{{.Count}} certificate", "{{.Count}} certificates")})
	forget := &widget.Button{Text: lang.L("Forget this person"), Icon: theme.VisibilityOffIcon(), Importance: widget.DangerImportance, OnTapped: p.forget}
	if data.IsForgotten(p.email) {
		forget.Hide() // already forgotten: nothing personal is left to erase
	}
	head := container.NewVBox(container.NewBorder(nil, nil, back, forget), title, kit.Dim(strings.Join(about, " · ")),
		p.institutionLine(), widget.NewLabelWithStyle(summary, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	cols := participantColumns()
	table := kit.NewRecordTable(cols, kit.TranslatedTitles(cols), nil, func(r *data.EnrolmentRow) { p.s.editEnrolment(r.ID) })
	table.OnDelete = func(r *data.EnrolmentRow) { p.s.askDeleteEnrolment(r.ID, r.Name, r.Session.Session.Code, func() {}) }
	table.SetRows(p.rows)
	return container.NewBorder(head, nil, nil, nil, table)
}

// forget asks, then erases the person's personal data from every record
// (kit.ForgetPerson); the page then closes, as the person it showed is no
// longer recorded under that email.
func (p *participantPage) forget() {
	kit.ForgetPerson(p.s.host, p.email, func(data.ForgetPlan) { p.s.reload() })
}

func participantColumns() []kit.Column[*data.EnrolmentRow] {
	return []kit.Column[*data.EnrolmentRow]{
		{Title: "Session", Width: 86, Sort: -1, Cell: func(r *data.EnrolmentRow) (string, bool) { return r.Session.Session.Code, false }},
		{Title: "Course", Width: 260, Sort: -1, Cell: func(r *data.EnrolmentRow) (string, bool) { return sessionCourse(r.Session), false }},
		{Title: "Status", Width: 94, Sort: -1, Cell: func(r *data.EnrolmentRow) (string, bool) {
			return kit.EnrolmentStatusName(r.Status()), r.Status() == data.StatusFailed
		}},
		{Title: "Final score", Width: 74, Sort: -1, Cell: func(r *data.EnrolmentRow) (string, bool) { return enrolmentScore(r.Score()), false }},
		{Title: "Certificate", Width: 170, Sort: -1, Cell: func(r *data.EnrolmentRow) (string, bool) { return r.Certificate, false }},
		{Title: "Certificate date", Width: 110, Sort: -1, Cell: func(r *data.EnrolmentRow) (string, bool) { return string(r.CertificateDate()), false }},
		{Title: "Organisation", Width: 160, Sort: -1, Cell: func(r *data.EnrolmentRow) (string, bool) { return r.Organisation(), false }},
	}
}
