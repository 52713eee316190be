package institutions

import (
	"errors"
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

// The follow-up actions of the visit form: one row each (action, owner,
// due date, done), the overdue ones marked, their messages named.

// followUpRow is one follow-up action on the visit form.
type followUpRow struct {
	action, owner *kit.FormEntry
	due           *kit.DateEntry
	done          *widget.Check
	doneOn        data.Date
	remove        *widget.Button
	status        *fyne.Container // the overdue mark, or when it was done
	field         *kit.FormField
	box           *fyne.Container
}

func (f *visitForm) followUpSection() fyne.CanvasObject {
	f.followBox = container.NewVBox()
	f.followSummary = canvas.NewText("", theme.Color(theme.ColorNameError))
	f.followSummary.TextStyle.Bold = true
	f.followHead = container.New(followUpColumns(),
		kit.QuietLabel(lang.L("Action")), kit.QuietLabel(lang.L("Owner")), kit.QuietLabel(lang.L("Due")), layout.NewSpacer(), layout.NewSpacer())
	for _, fu := range f.orig.FollowUps {
		f.addFollowUp(fu)
	}
	add := &widget.Button{Text: lang.L("Add follow-up"), Icon: theme.ContentAddIcon(), OnTapped: func() {
		r := f.addFollowUp(data.FollowUp{})
		f.host.Window().Canvas().Focus(r.action)
	}}
	f.relistFollowUps()
	title := container.NewHBox(sectionTitle(lang.L("Follow-up actions")), container.NewCenter(f.followSummary))
	return container.NewVBox(title, f.followHead, f.followBox, container.NewHBox(add))
}

func followUpColumns() columnsLayout {
	done := widget.NewCheck(lang.L("Done"), nil).MinSize().Width
	return columnsLayout{0, visitOwnerWidth, visitDueWidth, done, visitRemoveWidth}
}

func (f *visitForm) addFollowUp(fu data.FollowUp) *followUpRow {
	r := &followUpRow{
		action: f.entry(fu.Action, lang.L("What is to be done")),
		owner:  f.entry(fu.Owner, lang.L("Who")),
		due:    kit.NewDateEntry(f.host.Window(), f.escape),
		done:   widget.NewCheck(lang.L("Done"), nil),
		doneOn: fu.DoneOn,
		status: container.NewHBox(),
	}
	r.due.SetDate(fu.Due)
	r.done.Checked = fu.Done
	r.done.OnChanged = func(on bool) {
		r.doneOn = ""
		if on {
			r.doneOn = f.today
		}
		f.relistFollowUps()
	}
	r.due.OnChanged = func(string) { f.relistFollowUps() }
	r.remove = &widget.Button{Icon: theme.DeleteIcon(), Importance: widget.LowImportance, OnTapped: func() { f.removeFollowUp(r) }}
	r.field = f.form.Add("", "", container.New(followUpColumns(), r.action, r.owner, r.due, r.done, r.remove))
	r.box = container.NewVBox(r.field.Input, r.field.Msg, r.status)
	f.followUps = append(f.followUps, r)
	f.relistFollowUps()
	return r
}

func (f *visitForm) removeFollowUp(r *followUpRow) {
	for i, x := range f.followUps {
		if x == r {
			f.followUps = append(f.followUps[:i], f.followUps[i+1:]...)
			break
		}
	}
	r.field.SetMessage("")
	f.relistFollowUps()
}

// relistFollowUps shows the rows with their overdue marks, keys each row by
// its place ("follow_ups.1" finds the second) and sums them up in the title.
func (f *visitForm) relistFollowUps() {
	if f.followBox == nil {
		return // still building
	}
	f.followBox.Objects = nil
	fields := make([]*kit.FormField, len(f.followUps))
	open, overdue := 0, 0
	for i, r := range f.followUps {
		fields[i] = r.field
		f.followBox.Add(r.box)
		r.status.Objects = nil
		switch due := r.due.Date(); {
		case r.done.Checked:
			if r.doneOn != "" {
				r.status.Add(canvas.NewText(lang.L("Done on {{.Date}}", map[string]any{"Date": r.doneOn}), theme.Color(theme.ColorNamePlaceHolder)))
			}
		case due.Valid() && due.Before(f.today):
			open++
			overdue++
			days := int(f.today.Time().Sub(due.Time()).Hours() / 24)
			late := canvas.NewText(kit.Plural(days, "due {{.Date}}, {{.Days}} day ago", "due {{.Date}}, {{.Days}} days ago", map[string]any{"Date": due, "Days": days}),
				theme.Color(theme.ColorNameError))
			late.TextStyle.Bold = true
			r.status.Add(kit.Chip(lang.L("Overdue"), theme.Color(theme.ColorNameError)))
			r.status.Add(container.NewCenter(late))
		default:
			open++
		}
		r.status.Refresh()
	}
	f.form.Rekey("follow_ups", fields)
	f.followHead.Hidden = len(f.followUps) == 0
	f.followHead.Refresh()
	f.followSummary.Text = ""
	if open > 0 {
		f.followSummary.Text = visitFollowUpText(open, overdue, len(f.followUps))
	}
	f.followSummary.Color = theme.Color(theme.ColorNamePlaceHolder)
	if overdue > 0 {
		f.followSummary.Color = theme.Color(theme.ColorNameError)
	}
	f.followSummary.Refresh()
	f.followBox.Refresh()
}

// nameFollowUpFields says which field of a follow-up row a message is
// about ("Due: is not a date ..."), since the row has one message line.
func (f *visitForm) nameFollowUpFields(err error) {
	var ve *data.ValidationError
	if !errors.As(err, &ve) {
		return
	}
	for _, fe := range ve.Fields {
		parts := strings.Split(fe.Field, ".")
		if len(parts) != 3 || parts[0] != "follow_ups" {
			continue
		}
		if ff := f.form.FieldFor(fe.Field); ff != nil && ff.Msg.Text == lang.L(fe.Message) {
			ff.SetMessage(lang.L("{{.Field}}: {{.Message}}", map[string]any{"Field": kit.FieldName(parts[2]), "Message": ff.Msg.Text}))
		}
	}
}
