package kit

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Savable is the form of a record in a form dialog: Save validates and
// saves it, and returns true when the record was saved.
type Savable interface {
	Save() bool
}

// Forms is the stack of a window's open form dialogs, innermost last:
// Ctrl+S saves the one on top and Escape closes it (see Keys). The zero
// value is an empty stack.
type Forms struct {
	open []*FormDialog
}

// Len is the number of open form dialogs.
func (fs *Forms) Len() int { return len(fs.open) }

// Top is the form dialog on top, nil when none is open.
func (fs *Forms) Top() *FormDialog {
	if len(fs.open) == 0 {
		return nil
	}
	return fs.open[len(fs.open)-1]
}

func (fs *Forms) drop(fd *FormDialog) {
	for i, f := range fs.open {
		if f == fd {
			fs.open = append(fs.open[:i], fs.open[i+1:]...)
			return
		}
	}
}

// FormDialog is a modal form with Save and Cancel. Ctrl+S saves it and
// Escape closes it.
type FormDialog struct {
	forms  *Forms
	dlg    *dialog.CustomDialog
	form   Savable
	closed bool
	// saved is called after a successful save, once the dialog has closed.
	saved func()
}

// ShowForm opens body, the fields of form, in a form dialog titled title
// over h's window, on top of h's other forms. saved (when not nil) runs
// after a successful save, once the dialog has closed.
func ShowForm(h Host, title string, body fyne.CanvasObject, form Savable, saved func()) *FormDialog {
	forms, win := h.Forms(), h.Window()
	fd := &FormDialog{forms: forms, form: form, saved: saved}
	save := &widget.Button{Text: lang.L("Save"), Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance, OnTapped: fd.Save}
	cancel := &widget.Button{Text: lang.L("Cancel"), Icon: theme.CancelIcon(), OnTapped: fd.Close}
	hint := widget.NewLabel(lang.L("Ctrl+S saves, Escape closes"))
	hint.Importance = widget.LowImportance
	buttons := container.NewBorder(nil, nil, hint, container.NewHBox(cancel, save))
	scroll := container.NewVScroll(body)
	size := win.Canvas().Size()
	scroll.SetMinSize(fyne.NewSize(min(760, size.Width*0.9), min(560, size.Height*0.75)))
	fd.dlg = dialog.NewCustomWithoutButtons(title, container.NewBorder(nil, buttons, nil, nil, scroll), win)
	fd.dlg.SetOnClosed(func() { fd.closed = true; forms.drop(fd) })
	forms.open = append(forms.open, fd)
	fd.dlg.Show()
	return fd
}

// Form is the form the dialog holds.
func (fd *FormDialog) Form() Savable { return fd.form }

// Save saves the form and, when it was saved, closes the dialog.
func (fd *FormDialog) Save() {
	if fd.closed || !fd.form.Save() {
		return
	}
	fd.Close()
	if fd.saved != nil {
		fd.saved()
	}
}

// Resize makes the dialog size big, and lays its form out again.
func (fd *FormDialog) Resize(size fyne.Size) {
	fd.dlg.Resize(size)
	fd.dlg.Refresh() // the scroll measures the laid-out form again
}

// CloseChanged closes the dialog of a record changed otherwise than by Save
// (deleted): the dialog's saved callback runs as after a save.
func (fd *FormDialog) CloseChanged() {
	fd.Close()
	if fd.saved != nil {
		fd.saved()
	}
}

// Close closes the dialog without saving.
func (fd *FormDialog) Close() {
	if !fd.closed {
		fd.dlg.Hide()
	}
	fd.closed = true
	fd.forms.drop(fd)
}

// Confirm asks a yes/no question over h's window; yes runs onYes.
func Confirm(h Host, title, question string, onYes func()) {
	h.Platform().Confirm(h.Window(), title, question, onYes)
}
