package exchange

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"tiscdesk/data"
)

// Sealed bundles in the window (DESIGN section 14): a bundle sealed for
// this computer opens as a plain one does; one sealed with a passphrase
// asks for it, and asks again when it does not open the bundle.

// askPassphrase asks for the passphrase of the sealed bundle at path, then
// reads its manifest again with it. wrong says the last one did not open it.
func (x *Screen) askPassphrase(path string, wrong bool) {
	entry := widget.NewPasswordEntry()
	text := lang.L("This bundle is sealed with a passphrase. Type the passphrase you were given for it.")
	if wrong {
		text = lang.L("That passphrase does not open this bundle. Nothing was changed. Try again.")
	}
	note := widget.NewLabel(text)
	note.Wrapping = fyne.TextWrapWord
	items := []*widget.FormItem{
		{Widget: note},
		{Text: lang.L("Passphrase"), Widget: entry},
	}
	d := dialog.NewForm(lang.L("Open a sealed bundle"), lang.L("Open"), lang.L("Cancel"), items, func(ok bool) {
		if ok && entry.Text != "" {
			x.confirmMergeWith(path, entry.Text)
		}
	}, x.host.Window())
	x.passEntry = entry
	d.Resize(fyne.NewSize(480, 240)) // room for the note to wrap in lines, not words
	d.Show()
	x.host.Window().Canvas().Focus(entry)
}

// sealRefusal is what the window says of a sealed bundle that does not
// open, or "" when err is not about sealing.
func sealRefusal(err error) string {
	var se *data.SealError
	switch {
	case errors.Is(err, data.ErrNotSealed):
		return lang.L("This bundle is not sealed, although a passphrase was given. Nothing was changed.")
	case errors.As(err, &se) && se.For == data.SealedDevice:
		return lang.L("This bundle is sealed for another computer and does not open here. Ask for a bundle sealed for this computer or with a passphrase. Nothing was changed.")
	}
	return ""
}

// sealNeedsPassphrase reports whether err asks for a (new) passphrase, and
// whether the last one was wrong.
func sealNeedsPassphrase(err error) (ask, wrong bool) {
	var se *data.SealError
	if !errors.As(err, &se) || se.For != data.SealedPassphrase {
		return false, false
	}
	return true, errors.Is(err, data.ErrWrongPassphrase)
}
