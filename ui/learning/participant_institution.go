package learning

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"tiscdesk/data"
	"tiscdesk/ui/kit"
)

// institutionLine is the line of a participant's page that names the
// institution of the register their enrolments match (by organisation name
// or email domain, as the institution's page lists its trained staff). It
// is read off the UI goroutine; the line stays empty until then.
func (p *participantPage) institutionLine() fyne.CanvasObject {
	if p.institution == nil {
		p.institution = widget.NewLabel("")
	}
	var orgs []string
	for _, r := range p.rows {
		if o := r.Organisation(); o != "" {
			orgs = append(orgs, o)
		}
	}
	store, email := p.s.host.Store(), p.email
	p.instLoad.Load(p.s.host.Window(), func(context.Context, func(int, int)) (*data.Institution, error) {
		return store.InstitutionOf(email, orgs...)
	}, func(in *data.Institution) {
		if in == nil {
			p.institution.SetText(lang.L("Institution: none of the register matches this person's organisation or email."))
			p.institution.Importance = widget.LowImportance
		} else {
			p.institution.SetText(lang.L("Institution: {{.Name}} ({{.Stage}})", map[string]any{"Name": in.DisplayName(), "Stage": kit.StageName(in.Stage)}))
			p.institution.Importance = widget.MediumImportance
		}
		p.institution.Refresh()
	})
	return p.institution
}
