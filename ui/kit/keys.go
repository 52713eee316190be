package kit

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
)

// Creator is a screen that makes a new record on Ctrl+N.
type Creator interface{ NewRecord() }

// Searcher is a screen with a search field that Ctrl+F focuses.
type Searcher interface{ FocusSearch() }

var (
	shortcutNew  = &desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutSave = &desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutFind = &desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault}
)

// Keys are the window's File menu and keyboard shortcuts: Save and Escape
// go to the form dialog on top, New and Find to the screen on show when no
// form is open.
type Keys struct {
	Forms  *Forms
	Screen func() Screen // the screen on show, nil when none
}

// Install gives win its File menu and the shortcuts. The menu carries them
// so they work while the cursor is in a field (a focused entry would
// otherwise swallow them); the canvas carries them too for when nothing is
// focused.
func (k Keys) Install(win fyne.Window) {
	newItem := &fyne.MenuItem{Label: lang.L("New"), Shortcut: shortcutNew, Action: k.New}
	saveItem := &fyne.MenuItem{Label: lang.L("Save"), Shortcut: shortcutSave, Action: k.Save}
	findItem := &fyne.MenuItem{Label: lang.L("Find"), Shortcut: shortcutFind, Action: k.Find}
	win.SetMainMenu(fyne.NewMainMenu(fyne.NewMenu(lang.L("File"), newItem, saveItem, findItem)))
	c := win.Canvas()
	c.AddShortcut(shortcutNew, func(fyne.Shortcut) { k.New() })
	c.AddShortcut(shortcutSave, func(fyne.Shortcut) { k.Save() })
	c.AddShortcut(shortcutFind, func(fyne.Shortcut) { k.Find() })
	c.SetOnTypedKey(func(e *fyne.KeyEvent) {
		if e.Name == fyne.KeyEscape {
			k.Escape()
		}
	})
}

// New is Ctrl+N: the screen on show makes a new record.
func (k Keys) New() {
	if k.Forms.Len() > 0 {
		return
	}
	if c, ok := k.Screen().(Creator); ok {
		c.NewRecord()
	}
}

// Save is Ctrl+S: the form on top saves.
func (k Keys) Save() {
	if fd := k.Forms.Top(); fd != nil {
		fd.Save()
	}
}

// Find is Ctrl+F: the screen on show focuses its search field.
func (k Keys) Find() {
	if k.Forms.Len() > 0 {
		return
	}
	if s, ok := k.Screen().(Searcher); ok {
		s.FocusSearch()
	}
}

// Escape closes the form on top.
func (k Keys) Escape() {
	if fd := k.Forms.Top(); fd != nil {
		fd.Close()
	}
}
