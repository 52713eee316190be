package kit

import (
	"net/url"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
)

// Platform is what the window asks of the desktop it runs on: the files
// the user chooses, the program that opens a file, and yes-or-no
// questions. Run passes systemPlatform; tests pass a fake that answers at once.
type Platform interface {
	// SaveFile asks where to save a file, suggesting name, showing the
	// files with one of exts (".csv"); chosen receives the file opened for
	// writing. The dialog asks before it replaces a file. Nothing happens
	// when the user cancels; an error is shown in win.
	SaveFile(win fyne.Window, name string, exts []string, chosen func(fyne.URIWriteCloser))
	// ChooseSaveFile asks where to save a file as SaveFile does, but
	// neither creates nor empties the file chosen: chosen receives its
	// location, to be written through data.SaveFile, which replaces a file
	// only with a complete new one.
	ChooseSaveFile(win fyne.Window, name string, exts []string, chosen func(fyne.URI))
	// OpenFile asks for a file with one of exts; chosen receives it opened
	// for reading, to close. Nothing happens when the user cancels; an
	// error is shown in win.
	OpenFile(win fyne.Window, exts []string, chosen func(fyne.URIReadCloser))
	// OpenURL opens u with the program the system gives it. Returns an
	// error when there is none.
	OpenURL(u *url.URL) error
	// Confirm asks question under title; yes runs if the user says yes.
	Confirm(win fyne.Window, title, question string, yes func())
}

// SystemPlatform is the platform of a real window: Fyne's dialogs and the
// system's programs.
type SystemPlatform struct{}

var _ Platform = SystemPlatform{}

// SaveFile shows Fyne's save dialog.
func (SystemPlatform) SaveFile(win fyne.Window, name string, exts []string, chosen func(fyne.URIWriteCloser)) {
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		switch {
		case err != nil:
			ShowError(win, err)
		case wc != nil:
			chosen(wc)
		}
	}, win)
	d.SetFileName(name)
	d.SetFilter(storage.NewExtensionFileFilter(exts))
	showFileDialog(win, d)
}

// ChooseSaveFile shows Fyne's save dialog, its writer deferred
// (deferFileWrites) and closed unwritten.
func (p SystemPlatform) ChooseSaveFile(win fyne.Window, name string, exts []string, chosen func(fyne.URI)) {
	deferFileWrites()
	p.SaveFile(win, name, exts, func(wc fyne.URIWriteCloser) {
		uri := wc.URI()
		if err := wc.Close(); err != nil {
			ShowError(win, err)
			return
		}
		chosen(uri)
	})
}

// OpenFile shows Fyne's open dialog.
func (SystemPlatform) OpenFile(win fyne.Window, exts []string, chosen func(fyne.URIReadCloser)) {
	d := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		switch {
		case err != nil:
			ShowError(win, err)
		case rc != nil:
			chosen(rc)
		}
	}, win)
	d.SetFilter(storage.NewExtensionFileFilter(exts))
	showFileDialog(win, d)
}

// showFileDialog shows d large enough to find a file among many.
func showFileDialog(win fyne.Window, d *dialog.FileDialog) {
	d.Show() // before Resize: a file dialog builds itself when shown
	size := win.Canvas().Size()
	d.Resize(fyne.NewSize(min(860, size.Width*0.9), min(600, size.Height*0.85)))
}

// OpenURL opens u with the program the system gives it.
func (SystemPlatform) OpenURL(u *url.URL) error { return fyne.CurrentApp().OpenURL(u) }

// Confirm shows Fyne's confirmation dialog.
func (SystemPlatform) Confirm(win fyne.Window, title, question string, yes func()) {
	dialog.ShowConfirm(title, question, func(ok bool) {
		if ok {
			yes()
		}
	}, win)
}
