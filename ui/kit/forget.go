package kit

import (
	"context"
	"strings"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"

	"tiscdesk/data"
)

// ForgetPerson is the window's "Forget this person" (DESIGN section 14), as
// `tiscdesk forget EMAIL` is the command line's: it reads what forgetting
// the person with email would erase, asks with that list and what is kept,
// and on yes erases through data/privacy, all off the UI goroutine. done
// runs on the UI goroutine with what was erased, after the window has said
// so. An error (nobody has that email any more, the store refused) is
// shown in the window and nothing is erased.
func ForgetPerson(h Host, email string, done func(data.ForgetPlan)) {
	var find Loader[data.ForgetPlan]
	store, win := h.Store(), h.Window()
	find.Load(win, func(context.Context, func(int, int)) (data.ForgetPlan, error) {
		return store.FindPerson(email)
	}, func(plan data.ForgetPlan) {
		question := lang.L("Forget {{.Email}}? This erases, and cannot be undone:", map[string]any{"Email": plan.Email}) +
			"\n" + forgetList(plan) + "\n\n" + forgetKept()
		Confirm(h, lang.L("Forget this person"), question, func() {
			var forget Loader[data.ForgetPlan]
			forget.Load(win, func(context.Context, func(int, int)) (data.ForgetPlan, error) {
				return store.Forget(email)
			}, func(erased data.ForgetPlan) {
				dialog.ShowInformation(lang.L("Forget this person"),
					lang.L("{{.Email}} was forgotten: the records now carry {{.Identity}} instead.", map[string]any{"Email": erased.Email, "Identity": erased.Identity})+
						"\n"+lang.L("The erasure travels to other computers with the next bundle or sync. Backups made before now still hold the person: delete them if they must go too."), win)
				if done != nil {
					done(erased)
				}
			})
		})
	})
}

// forgetList says, one line each, what forgetting plan's person erases.
func forgetList(p data.ForgetPlan) string {
	var lines []string
	if len(p.Names) > 0 {
		lines = append(lines, Plural(len(p.Names), "• the name {{.Names}} and the email {{.Email}}", "• the names {{.Names}} and the email {{.Email}}",
			map[string]any{"Names": strings.Join(p.Names, ", "), "Email": p.Email}))
	}
	if p.Enrolments > 0 {
		lines = append(lines, Plural(p.Enrolments, "• on {{.Count}} enrolment: name, email, organisation, certificate number",
			"• on {{.Count}} enrolments: name, email, organisation, certificate number", map[string]any{"Count": p.Enrolments}))
	}
	if p.Students > 0 {
		lines = append(lines, Plural(p.Students, "• on {{.Count}} student record: name, email, thesis title, supervisor",
			"• on {{.Count}} student records: name, email, thesis title, supervisor", map[string]any{"Count": p.Students}))
	}
	if p.Contacts > 0 {
		lines = append(lines, Plural(p.Contacts, "• {{.Count}} contact of an institution", "• {{.Count}} contacts of institutions", map[string]any{"Count": p.Contacts}))
	}
	if p.Visits > 0 {
		lines = append(lines, Plural(p.Visits, "• the person among the people met of {{.Count}} visit", "• the person among the people met of {{.Count}} visits", map[string]any{"Count": p.Visits}))
	}
	if p.Conflicts > 0 {
		lines = append(lines, Plural(p.Conflicts, "• {{.Count}} version in the conflict list", "• {{.Count}} versions in the conflict list", map[string]any{"Count": p.Conflicts}))
	}
	lines = append(lines, lang.L("• and every earlier version of those records in their history."))
	return strings.Join(lines, "\n")
}

func forgetKept() string {
	return lang.L("Kept: session or cohort, gender, province, country, status, score and dates, so the figures do not change.")
}
