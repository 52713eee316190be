package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// creator is a screen that makes a new record on Ctrl+N.
type creator interface{ newRecord() }

// searcher is a screen with a search field that Ctrl+F focuses.
type searcher interface{ focusSearch() }

var (
	shortcutNew  = &desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutSave = &desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutFind = &desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault}
)

// installKeys gives the window its File menu and keyboard shortcuts. The
// menu carries them so they work while the cursor is in a field (a focused
// entry would otherwise swallow them); the canvas carries them too for when
// nothing is focused.
func (sh *Shell) installKeys() {
	newItem := &fyne.MenuItem{Label: lang.L("New"), Shortcut: shortcutNew, Action: sh.keyNew}
	saveItem := &fyne.MenuItem{Label: lang.L("Save"), Shortcut: shortcutSave, Action: sh.keySave}
	findItem := &fyne.MenuItem{Label: lang.L("Find"), Shortcut: shortcutFind, Action: sh.keyFind}
	sh.win.SetMainMenu(fyne.NewMainMenu(fyne.NewMenu(lang.L("File"), newItem, saveItem, findItem)))
	c := sh.win.Canvas()
	c.AddShortcut(shortcutNew, func(fyne.Shortcut) { sh.keyNew() })
	c.AddShortcut(shortcutSave, func(fyne.Shortcut) { sh.keySave() })
	c.AddShortcut(shortcutFind, func(fyne.Shortcut) { sh.keyFind() })
	c.SetOnTypedKey(func(k *fyne.KeyEvent) {
		if k.Name == fyne.KeyEscape {
			sh.keyEscape()
		}
	})
}

func (sh *Shell) keyNew() {
	if len(sh.forms) > 0 {
		return
	}
	if c, ok := sh.built[sh.current].(creator); ok {
		c.newRecord()
	}
}

func (sh *Shell) keySave() {
	if n := len(sh.forms); n > 0 {
		sh.forms[n-1].save()
	}
}

func (sh *Shell) keyFind() {
	if len(sh.forms) > 0 {
		return
	}
	if s, ok := sh.built[sh.current].(searcher); ok {
		s.focusSearch()
	}
}

func (sh *Shell) keyEscape() {
	if n := len(sh.forms); n > 0 {
		sh.forms[n-1].close()
	}
}

// savable is the form of a record in a form dialog: save validates and
// saves it, and returns true when the record was saved.
type savable interface {
	save() bool
}

// formDialog is a modal form with Save and Cancel. Ctrl+S saves it and
// Escape closes it.
type formDialog struct {
	sh     *Shell
	dlg    *dialog.CustomDialog
	form   savable
	closed bool
	// Saved is called after a successful save, once the dialog has closed.
	saved func()
}

// showForm opens body, the fields of form, in a form dialog titled title.
func (sh *Shell) showForm(title string, body fyne.CanvasObject, form savable, saved func()) *formDialog {
	fd := &formDialog{sh: sh, form: form, saved: saved}
	save := &widget.Button{Text: lang.L("Save"), Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance, OnTapped: fd.save}
	cancel := &widget.Button{Text: lang.L("Cancel"), Icon: theme.CancelIcon(), OnTapped: fd.close}
	hint := widget.NewLabel(lang.L("Ctrl+S saves, Escape closes"))
	hint.Importance = widget.LowImportance
	buttons := container.NewBorder(nil, nil, hint, container.NewHBox(cancel, save))
	scroll := container.NewVScroll(body)
	size := sh.win.Canvas().Size()
	scroll.SetMinSize(fyne.NewSize(min(760, size.Width*0.9), min(560, size.Height*0.75)))
	fd.dlg = dialog.NewCustomWithoutButtons(title, container.NewBorder(nil, buttons, nil, nil, scroll), sh.win)
	fd.dlg.SetOnClosed(func() { fd.closed = true; sh.dropForm(fd) })
	sh.forms = append(sh.forms, fd)
	fd.dlg.Show()
	return fd
}

func (fd *formDialog) save() {
	if fd.closed || !fd.form.save() {
		return
	}
	fd.close()
	if fd.saved != nil {
		fd.saved()
	}
}

func (fd *formDialog) close() {
	if !fd.closed {
		fd.dlg.Hide()
	}
	fd.closed = true
	fd.sh.dropForm(fd)
}

func (sh *Shell) dropForm(fd *formDialog) {
	for i, f := range sh.forms {
		if f == fd {
			sh.forms = append(sh.forms[:i], sh.forms[i+1:]...)
			return
		}
	}
}

// confirm asks a yes/no question; yes runs onYes.
func (sh *Shell) confirm(title, question string, onYes func()) {
	sh.platform.Confirm(sh.win, title, question, onYes)
}
