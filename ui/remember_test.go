package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"tiscdesk/data"
	"tiscdesk/ui/kit"
	"tiscdesk/ui/kit/kittest"
)

// TestWindowRemembersItsSectionAndSize: the section on show when the
// window closes is the one it opens on next time; its size is kept, and a
// size too small to use is not.
func TestWindowRemembersItsSectionAndSize(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(kit.NewTheme())
	kit.ApplyLanguage(kit.LangEnglish)
	path, _ := sampleFile(t, false)

	run := func() (*startup, *Shell) {
		st := newStartup(path, a.NewWindow(windowTitle), kittest.NewPlatform(t))
		kittest.TakeUITurn(t)
		st.begin(data.Open(path))
		kittest.Settle(t)
		sh, ok := st.win.Content().(*Shell)
		if !ok {
			t.Fatalf("the window shows %T", st.win.Content())
		}
		t.Cleanup(st.close)
		return st, sh
	}
	st, first := run()
	if first.Current() != "overview" {
		t.Fatalf("the first run opens on %q", first.Current())
	}
	first.ShowSection("degrees")
	kittest.Settle(t)
	st.close() // the window closes
	st.store = nil
	if _, second := run(); second.Current() != "degrees" {
		t.Errorf("the next run opens on %q, want degrees, where the last one was", second.Current())
	}

	p := a.Preferences()
	if got := rememberedSize(p); got != defaultSize {
		t.Errorf("no size kept yet: %v, want %v", got, defaultSize)
	}
	rememberSize(p, fyne.NewSize(1024, 700))
	if got := rememberedSize(p); got != fyne.NewSize(1024, 700) {
		t.Errorf("kept 1024×700, reopens at %v", got)
	}
	rememberSize(p, fyne.NewSize(10, 10))
	if got := rememberedSize(p); got != smallest {
		t.Errorf("kept 10×10, reopens at %v, want %v", got, smallest)
	}
}
