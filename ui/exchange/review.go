package exchange

import (
	"context"
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"tiscdesk/data"
	"tiscdesk/ui/kit"
)

// conflictReview shows a version set aside beside the record's current
// version, field by field, to restore or dismiss it.
type conflictReview struct {
	x       *Screen
	r       data.ConflictReview
	dlg     dialog.Dialog
	body    fyne.CanvasObject
	restore *widget.Button
	dismiss *widget.Button
	problem *widget.Label
}

// review reads the two versions of conflict c off the UI goroutine and
// shows them side by side. A conflict that cannot be read is explained and
// the list read again.
func (x *Screen) review(c data.Conflict) {
	store := x.host.Store()
	x.reviewLoad.LoadWithProgress(x.host.Window(), func(context.Context, func(int, int)) (data.ConflictReview, error) {
		return store.ReviewConflict(c.Key)
	}, nil, func(r data.ConflictReview, err error) {
		if err != nil {
			kit.ShowError(x.host.Window(), err)
			x.reload()
			return
		}
		x.showReview(r)
	})
}

func (x *Screen) showReview(r data.ConflictReview) {
	v := &conflictReview{x: x, r: r, problem: refusal("")}
	v.problem.Hide()
	restoreText := lang.L("Restore this version")
	if r.LostDeleted() {
		restoreText = lang.L("Delete the record again")
	}
	v.restore = &widget.Button{Text: restoreText, Icon: theme.HistoryIcon(), Importance: widget.HighImportance, OnTapped: v.confirmRestore}
	v.dismiss = &widget.Button{Text: lang.L("Dismiss: keep the current version"), Icon: theme.DeleteIcon(), OnTapped: v.confirmDismiss}
	closeBtn := &widget.Button{Text: lang.L("Close"), OnTapped: func() { v.dlg.Hide() }}
	intro := widget.NewLabel(reviewIntro(r))
	intro.Wrapping = fyne.TextWrapWord
	from := kit.Dim(lang.L("From the bundle of “{{.Device}}”, merged {{.Time}}.", map[string]any{"Device": r.PeerLabel, "Time": timeText(r.Merged)}))
	top := container.NewVBox(intro, from, v.problem)
	buttons := container.NewBorder(nil, nil, nil, container.NewHBox(closeBtn, v.dismiss, v.restore))
	v.body = container.NewBorder(top, buttons, nil, nil, v.fieldTable())
	v.dlg = dialog.NewCustomWithoutButtons(kindName(r.Kind)+": "+r.Title, v.body, x.host.Window())
	size := x.host.Window().Canvas().Size()
	v.dlg.Resize(fyne.NewSize(min(900, size.Width*0.95), min(620, size.Height*0.9)))
	v.dlg.Show()
}

// reviewIntro says what happened to the record, in a sentence.
func reviewIntro(r data.ConflictReview) string {
	args := map[string]any{"Lost": versionText(r.LostMeta()), "Kept": versionText(r.Kept)}
	switch {
	case r.Reason == data.ConflictDuplicate:
		return lang.L("The same record was entered on both computers. The two were merged into one, and this version ({{.Lost}}) was set aside. Restoring it puts its fields on the record kept.", args)
	case r.Reason == data.ConflictOrphan:
		return lang.L("This version ({{.Lost}}) belongs to a record that was deleted, so it is shown nowhere else. It can be restored once what it belongs to exists again.", args)
	case r.LostDeleted():
		return lang.L("This record was deleted ({{.Lost}}), but the other computer changed it later ({{.Kept}}), so it was kept.", args)
	case r.Kept.Deleted:
		return lang.L("This record was changed ({{.Lost}}), but deleted later ({{.Kept}}). Restoring this version brings it back.", args)
	}
	return lang.L("Both computers changed this record since they last exchanged. The newer version ({{.Kept}}) was kept; this version ({{.Lost}}) was set aside.", args)
}

// fieldTable lists the fields of both versions; those that differ stand out.
func (v *conflictReview) fieldTable() fyne.CanvasObject {
	fields := v.r.Fields
	current := lang.L("Current version")
	switch {
	case v.r.Current == nil:
		current = lang.L("Current version: none on this computer")
	case v.r.CurrentDeleted():
		current = lang.L("Current version: deleted")
	}
	lost := lang.L("Version set aside")
	if v.r.LostDeleted() {
		lost = lang.L("Version set aside: a deletion")
	}
	headers := []string{lang.L("Field"), lost, current}
	t := widget.NewTable(
		func() (int, int) { return len(fields), 3 },
		func() fyne.CanvasObject { return kit.NewTableCell() },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			f := fields[id.Row]
			text := kit.FieldName(f.Field)
			switch id.Col {
			case 1:
				text = fieldValue(v.r.Kind, f.Field, f.Lost)
			case 2:
				text = fieldValue(v.r.Kind, f.Field, f.Current)
			}
			o.(*kit.TableCell).Set(text, f.Differs && id.Col > 0)
		})
	t.ShowHeaderRow = true
	t.CreateHeader = func() fyne.CanvasObject { return kit.NewTableCell() }
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < 3 {
			o.(*kit.TableCell).Set(headers[id.Col], false)
		}
	}
	t.SetColumnWidth(0, 170)
	t.SetColumnWidth(1, 330)
	t.SetColumnWidth(2, 330)
	return t
}

func (v *conflictReview) confirmRestore() {
	q := lang.L("Make this version the current one? The current version is replaced, as if you had edited the record.")
	if v.r.CurrentDeleted() {
		q = lang.L("Bring the record back with this version?")
	}
	if v.r.LostDeleted() {
		q = lang.L("Delete {{.Record}} again? What belongs to it is deleted too.", map[string]any{"Record": v.r.Title})
	}
	kit.Confirm(v.x.host, lang.L("Restore"), q, func() { v.do(v.x.host.Store().RestoreConflict) })
}

func (v *conflictReview) confirmDismiss() {
	kit.Confirm(v.x.host, lang.L("Dismiss"), lang.L("Take this version off the conflict list for good? The current version stays as it is."),
		func() { v.do(v.x.host.Store().DismissConflict) })
}

// do restores or dismisses the conflict; a refusal is shown in the dialog.
func (v *conflictReview) do(action func(key string) error) {
	if err := action(v.r.Key); err != nil {
		var ve *data.ValidationError
		if errors.As(err, &ve) {
			lines := []string{lang.L("This version cannot be restored:")}
			for _, f := range ve.Fields {
				lines = append(lines, "• "+kit.FieldName(f.Field)+": "+lang.L(f.Message))
			}
			v.problem.SetText(strings.Join(lines, "\n"))
		} else {
			v.problem.SetText(kit.UserMessage(err))
		}
		v.problem.Show()
		return
	}
	v.dlg.Hide()
	v.x.reload()
}

// fieldValue is kit.FieldValue.
func fieldValue(kind, field, text string) string { return kit.FieldValue(kind, field, text) }
