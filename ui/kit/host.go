// Package kit is what TISC Desk's window and its areas share: the Host an
// area is given (the store, the window, the desktop, today, the form stack)
// and the Screen it gives back; the one Loader through which every view
// reads the store off the UI goroutine; the Platform (files, programs,
// questions); form dialogs, record forms, tables and pickers; the display
// names of the domain's values; the theme and the interface's language.
// It imports no area: areas import it, and talk to each other only
// through the Host.
package kit

import (
	"fyne.io/fyne/v2"

	"tiscdesk/data"
)

// Screen is one section of the window. Shown runs each time the section
// comes into view, so that a screen reloads what may have changed.
type Screen interface {
	fyne.CanvasObject
	Shown()
}

// Host is what an area asks of the window that holds it: the shell in the
// program, a stand-in in tests (kittest). Areas do not know each other;
// where one needs another's work, it asks the host.
type Host interface {
	// Store is the database the window shows.
	Store() *data.Store
	// Window is the window, for dialogs and focus.
	Window() fyne.Window
	// Platform answers for the desktop: files, programs and questions.
	Platform() Platform
	// Today is the store's date: the one seam through which the window
	// asks what day it is (data.Clock).
	Today() data.Date
	// Forms is the stack of the window's open form dialogs.
	Forms() *Forms
	// DeviceChanged says the device label changed, for the shell to show it.
	DeviceChanged()
	// LanguageChanged says the user chose the interface language code
	// (LangSystem, LangEnglish, LangChinese), already saved in the store:
	// the shell loads its translations and relabels the window.
	LanguageChanged(code string)
	// PrintVisitReport asks where to save the report of visit id, in the
	// interface's language, and writes it, as the Reports section does.
	PrintVisitReport(id data.ID)
}

// Navigator is a Host that can bring another section into view (the
// shell): an empty list in one area may offer the action of another.
type Navigator interface {
	// ShowSection switches to the section with id ("visits", ...).
	ShowSection(id string)
}
