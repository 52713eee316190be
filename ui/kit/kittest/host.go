package kittest

import (
	"testing"

	"fyne.io/fyne/v2"

	"tiscdesk/data"
	"tiscdesk/ui/kit"
)

// Host stands in for the shell in an area's tests: a test window that shows
// one screen, with the shell's form stack and keys, the Platform as its
// desktop, and a record of what the area asked of the shell.
type Host struct {
	store   *data.Store
	win     fyne.Window
	forms   kit.Forms
	screen  kit.Screen
	Desktop *Platform // answers for the user and the system
	Keys    kit.Keys  // Ctrl+N, Ctrl+S, Ctrl+F and Escape, as the shell routes them

	// What the area asked of the shell.
	DeviceChanges int       // calls of DeviceChanged
	Languages     []string  // the codes LanguageChanged was told, in order
	Printed       []data.ID // the visits PrintVisitReport was asked for
}

var _ kit.Host = (*Host)(nil)

// NewHost is a Host over store in a NewWindow in language code.
func NewHost(t testing.TB, store *data.Store, code string) *Host {
	t.Helper()
	h := &Host{store: store, win: NewWindow(t, code), Desktop: NewPlatform(t)}
	h.Keys = kit.Keys{Forms: &h.forms, Screen: func() kit.Screen { return h.screen }}
	h.Keys.Install(h.win)
	return h
}

// Show puts s in the window as the shell shows a section: its Shown runs.
// Settle lets what it loads come back.
func (h *Host) Show(s kit.Screen) {
	h.screen = s
	h.win.SetContent(s)
	s.Shown()
}

// Store is the store the host was made over.
func (h *Host) Store() *data.Store { return h.store }

// Window is the test window.
func (h *Host) Window() fyne.Window { return h.win }

// Platform is h.Desktop.
func (h *Host) Platform() kit.Platform { return h.Desktop }

// Today is the store's date.
func (h *Host) Today() data.Date { return h.store.Today() }

// Forms is the stack of the window's open form dialogs.
func (h *Host) Forms() *kit.Forms { return &h.forms }

// DeviceChanged counts the call in DeviceChanges.
func (h *Host) DeviceChanged() { h.DeviceChanges++ }

// LanguageChanged records code in Languages and loads its translations, as
// the shell does before it relabels the window.
func (h *Host) LanguageChanged(code string) {
	h.Languages = append(h.Languages, code)
	kit.ApplyLanguage(code)
}

// PrintVisitReport records id in Printed.
func (h *Host) PrintVisitReport(id data.ID) { h.Printed = append(h.Printed, id) }

// Open is a Host over store in language code showing the screen that build
// makes over it, once what the screen loads has come back.
func Open[S kit.Screen](t testing.TB, store *data.Store, code string, build func(kit.Host) S) (*Host, S) {
	t.Helper()
	h := NewHost(t, store, code)
	s := build(h)
	h.Show(s)
	Settle(t)
	return h, s
}

// Screen is the screen on show, nil before Show.
func (h *Host) Screen() kit.Screen { return h.screen }
