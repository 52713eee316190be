package ui

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"tiscdesk/data"
	"tiscdesk/ui/kit"
)

// The database's safety when the window starts: the file is checked before
// it is opened; a damaged one is explained and the latest sound backup is
// offered, and nothing is replaced until the user says yes; a sound one is
// backed up.

// startup shows the database at path in win, or why it cannot. It owns the
// store the window shows (a restore replaces it) and closes it at the end.
type startup struct {
	path     string
	win      fyne.Window
	platform kit.Platform
	store    *data.Store
	status   int    // the process exit status: 1 while no database is shown
	bundle   string // a bundle to offer to merge once the database shows

	// The offer of the latest sound backup, when the database is damaged.
	backup          data.Backup
	offer           dialog.Dialog
	restore, notNow *widget.Button
	offerAgain      *widget.Button

	backupLoad  kit.Loader[struct{}]
	restoreLoad kit.Loader[*data.Store]
}

func newStartup(path string, win fyne.Window, pf kit.Platform) *startup {
	return &startup{path: path, win: win, platform: pf, status: 1}
}

// begin shows the outcome of data.Open(path), which runs bbolt's page check
// read-only first: the store, or the failure.
func (st *startup) begin(store *data.Store, err error) {
	if err == nil {
		st.mount(store)
		st.backUpAtOpen(store)
		return
	}
	if !errors.Is(err, data.ErrNotDatabase) {
		st.win.SetContent(openFailure(st.path, err)) // in use, or newer: a backup is not the answer
		return
	}
	b, berr := data.LatestSoundBackup(st.path)
	if berr != nil {
		st.win.SetContent(st.damaged(err, nil))
		return
	}
	st.backup = b
	st.win.SetContent(st.damaged(err, &b))
	st.showOffer()
}

func (st *startup) mount(store *data.Store) {
	st.store, st.status = store, 0
	section := "overview"
	if p := preferences(); p != nil {
		section = rememberedSection(p) // read before the new shell shows its first section
	}
	sh := Mount(store, st.win, st.platform)
	sh.ShowSection(section) // an id no longer known leaves the Overview
	if st.bundle != "" {
		sh.OfferBundle(st.bundle)
		st.bundle = ""
	}
}

// backUpAtOpen makes the backup at start off the UI goroutine. It is
// skipped when the newest backup holds the same data.
func (st *startup) backUpAtOpen(store *data.Store) {
	st.backupLoad.LoadWithProgress(st.win, func(context.Context, func(int, int)) (struct{}, error) {
		_, err := store.Backup("open")
		return struct{}{}, err
	}, nil, func(_ struct{}, err error) {
		if err != nil {
			dialog.ShowInformation(lang.L("TISC Desk"), lang.L("TISC Desk could not back up the database when it started: {{.Error}}",
				map[string]any{"Error": kit.UserMessage(err)}), st.win)
		}
	})
}

// damaged is the window's content for a damaged database: what happened,
// the file, and the latest sound backup if there is one.
func (st *startup) damaged(err error, b *data.Backup) fyne.CanvasObject {
	box := container.NewVBox(openFailure(st.path, err))
	if b == nil {
		none := widget.NewLabel(lang.L("No sound backup of this database was found in {{.Folder}}.",
			map[string]any{"Folder": data.BackupDir(st.path)}))
		none.Wrapping = fyne.TextWrapWord
		box.Add(container.NewPadded(none))
		return container.NewVScroll(box)
	}
	st.offerAgain = &widget.Button{Text: lang.L("Restore the latest sound backup…"), Icon: theme.HistoryIcon(), OnTapped: st.showOffer}
	box.Add(container.NewPadded(container.NewHBox(st.offerAgain)))
	return container.NewVScroll(box)
}

// showOffer asks whether to put the latest sound backup in place.
func (st *startup) showOffer() {
	b := st.backup
	when := b.Time.Local().Format("2006-01-02 15:04")
	holds := widget.NewLabel(lang.L("The latest sound backup was made on {{.Date}}. It holds: institutions {{.Institutions}}, site visits {{.Visits}}, enrolments {{.Enrolments}}, students {{.Students}}.",
		map[string]any{"Date": when, "Institutions": kit.Number(b.Counts.Institutions), "Visits": kit.Number(b.Counts.Visits),
			"Enrolments": kit.Number(b.Counts.Enrolments), "Students": kit.Number(b.Counts.Students)}))
	holds.Wrapping = fyne.TextWrapWord
	effect := widget.NewLabel(lang.L("Restoring it puts it in place of the damaged file, which is kept in the backups folder. Changes made after {{.Date}} are not in the backup.",
		map[string]any{"Date": when}))
	effect.Wrapping = fyne.TextWrapWord
	effect.Importance = widget.LowImportance
	file := widget.NewLabel(b.Path)
	file.Wrapping = fyne.TextWrapBreak
	file.Selectable = true

	st.restore = &widget.Button{Text: lang.L("Restore this backup"), Icon: theme.HistoryIcon(), Importance: widget.HighImportance, OnTapped: st.restoreBackup}
	st.notNow = &widget.Button{Text: lang.L("Not now"), OnTapped: func() { st.offer.Hide() }}
	body := container.NewVBox(holds, file, effect, container.NewHBox(layout.NewSpacer(), st.notNow, st.restore))
	st.offer = dialog.NewCustomWithoutButtons(lang.L("Restore the latest sound backup?"), body, st.win)
	st.offer.Resize(fyne.NewSize(620, 0))
	st.offer.Show()
}

// restoreBackup is the user's yes: the backup replaces the damaged file
// (kept in the backups folder) and the window opens on it.
func (st *startup) restoreBackup() {
	st.offer.Hide()
	b := st.backup
	var kept string
	st.restoreLoad.Load(st.win, func(context.Context, func(int, int)) (*data.Store, error) {
		var err error
		kept, err = data.Restore(st.path, b.Path)
		if err != nil {
			return nil, err
		}
		return data.Open(st.path)
	}, func(store *data.Store) {
		st.mount(store)
		said := lang.L("The backup of {{.Date}} is now the database. The damaged file is kept as {{.Path}}.",
			map[string]any{"Date": b.Time.Local().Format("2006-01-02 15:04"), "Path": kept})
		dialog.ShowInformation(lang.L("The backup was restored"), said, st.win)
	})
}

// close closes the store the window showed.
func (st *startup) close() {
	if st.store != nil {
		st.store.Close()
	}
}
