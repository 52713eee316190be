package settings

import (
	"context"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"tiscdesk/data"
	"tiscdesk/ui/kit"
)

// backupsSetting is Settings' row for backups: how many to keep, where
// they are, the newest one, a failure if the last one failed, and Back up
// now.
type backupsSetting struct {
	store *data.Store
	win   fyne.Window
	keep  *widget.Entry
	save  *widget.Button
	note  *widget.Label // validation message beside the number
	info  *widget.Label
	fail  *widget.Label
	now   *widget.Button

	backupLoad kit.Loader[struct{}]
	listLoad   kit.Loader[[]data.Backup]
}

func newBackupsSetting(store *data.Store, win fyne.Window) *backupsSetting {
	b := &backupsSetting{store: store, win: win}
	b.keep = widget.NewEntry()
	b.keep.SetText(strconv.Itoa(store.BackupsToKeep()))
	b.keep.OnSubmitted = func(string) { b.saveKeep() }
	b.save = &widget.Button{Text: lang.L("Save"), Icon: theme.DocumentSaveIcon(), OnTapped: b.saveKeep}
	b.note = widget.NewLabel("")
	b.note.Importance = widget.DangerImportance
	b.note.Hide()
	b.info = widget.NewLabel("")
	b.info.Wrapping = fyne.TextWrapWord
	b.info.Importance = widget.LowImportance
	b.fail = widget.NewLabel("")
	b.fail.Wrapping = fyne.TextWrapWord
	b.fail.Importance = widget.DangerImportance
	b.now = &widget.Button{Text: lang.L("Back up now"), Icon: theme.ContentCopyIcon(), OnTapped: b.backUpNow}
	b.refresh()
	return b
}

// object lays the row out for Settings' form.
func (b *backupsSetting) object() fyne.CanvasObject {
	keep := container.NewHBox(widget.NewLabel(lang.L("Keep the newest")), container.NewGridWrap(fyne.NewSize(80, b.keep.MinSize().Height), b.keep),
		widget.NewLabel(lang.L("backups")), b.save)
	return container.NewVBox(keep, b.note, b.info, b.fail, container.NewHBox(b.now))
}

func (b *backupsSetting) saveKeep() {
	n, err := strconv.Atoi(b.keep.Text)
	if err == nil {
		err = b.store.SetBackupsToKeep(n)
	} else {
		err = &data.ValidationError{Fields: []data.FieldError{{Field: "backups_keep", Message: "must be between 1 and 100"}}}
	}
	if err != nil {
		b.note.SetText(kit.FieldMessage(err, "backups_keep"))
		b.note.Show()
		return
	}
	b.note.Hide()
	b.keep.SetText(strconv.Itoa(b.store.BackupsToKeep()))
	b.refresh()
}

func (b *backupsSetting) backUpNow() {
	b.now.Disable()
	b.backupLoad.LoadWithProgress(b.win, func(context.Context, func(int, int)) (struct{}, error) {
		_, err := b.store.Backup("manual")
		return struct{}{}, err
	}, nil, func(_ struct{}, err error) {
		b.now.Enable()
		b.refresh()
		if err != nil {
			b.fail.SetText(lang.L("The last backup failed: {{.Error}}", map[string]any{"Error": kit.UserMessage(err)}))
		}
	})
}

// refresh shows the folder, the newest backup and the last failure. The
// folder is listed off the UI goroutine; a failure to list it is shown.
func (b *backupsSetting) refresh() {
	path := b.store.Path()
	b.listLoad.LoadWithProgress(b.win, func(context.Context, func(int, int)) ([]data.Backup, error) {
		return data.ListBackups(path)
	}, nil, func(list []data.Backup, err error) { b.show(list, err) })
}

func (b *backupsSetting) show(list []data.Backup, listErr error) {
	folder := data.BackupDir(b.store.Path())
	if len(list) == 0 {
		b.info.SetText(lang.L("Backups are made when TISC Desk starts and after large imports and merges, in {{.Folder}}. There is none yet.",
			map[string]any{"Folder": folder}))
	} else {
		b.info.SetText(kit.Plural(len(list), "Backups are made when TISC Desk starts and after large imports and merges, in {{.Folder}}. The newest is from {{.Date}}; 1 is kept.",
			"Backups are made when TISC Desk starts and after large imports and merges, in {{.Folder}}. The newest is from {{.Date}}; {{.Count}} are kept.",
			map[string]any{"Folder": folder, "Date": list[0].Time.Local().Format("2006-01-02 15:04"), "Count": len(list)}))
	}
	switch err := b.store.BackupFailure(); {
	case listErr != nil:
		b.fail.SetText(lang.L("The backups folder cannot be read: {{.Error}}", map[string]any{"Error": kit.UserMessage(listErr)}))
		b.fail.Show()
	case err != nil:
		b.fail.SetText(lang.L("The last backup failed: {{.Error}}", map[string]any{"Error": kit.UserMessage(err)}))
		b.fail.Show()
	default:
		b.fail.Hide()
	}
}
