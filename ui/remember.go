package ui

import "fyne.io/fyne/v2"

// The window remembers, from one run to the next, its size and the section
// on show (DESIGN section 3), in the app's preferences. Fyne has no way to
// place a window, so where it opens is left to the window manager.

const (
	prefSection = "window.section"
	prefWidth   = "window.width"
	prefHeight  = "window.height"
)

// defaultSize is the window's size on the first run; smallest is the
// least it reopens at, so that a size saved by mistake cannot hide it.
var (
	defaultSize = fyne.NewSize(1180, 760)
	smallest    = fyne.NewSize(800, 560)
)

// rememberedSize is the size the window had when it was last closed.
func rememberedSize(p fyne.Preferences) fyne.Size {
	w := float32(p.FloatWithFallback(prefWidth, float64(defaultSize.Width)))
	h := float32(p.FloatWithFallback(prefHeight, float64(defaultSize.Height)))
	return fyne.NewSize(max(w, smallest.Width), max(h, smallest.Height))
}

// rememberSize keeps size for the next run.
func rememberSize(p fyne.Preferences, size fyne.Size) {
	p.SetFloat(prefWidth, float64(size.Width))
	p.SetFloat(prefHeight, float64(size.Height))
}

// rememberedSection is the section on show when the window last closed.
func rememberedSection(p fyne.Preferences) string {
	return p.StringWithFallback(prefSection, "overview")
}

// preferences are the running app's, or nil outside one.
func preferences() fyne.Preferences {
	if a := fyne.CurrentApp(); a != nil {
		return a.Preferences()
	}
	return nil
}
