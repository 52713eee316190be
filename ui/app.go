// Package ui is TISC Desk's desktop program, the shell of its window: Run
// opens the database (offering the latest sound backup when it is damaged),
// and the Shell shows the navigation, the File menu and its keys, the
// Overview, and the sections of the areas (institutions and visits,
// learning, degrees, reportsview, exchange, settings), each a package that
// is given the shell as its kit.Host and knows no other area.
package ui

import (
	"fmt"
	"os"
	"runtime/debug"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"tiscdesk/assets"
	"tiscdesk/data"
	"tiscdesk/ui/kit"
)

// iconResource is the application icon.
var iconResource = fyne.NewStaticResource("icon.png", assets.Icon())

// AppID is the application id of FyneApp.toml.
const AppID = "int.wipo.tiscdesk"

// windowTitle stays the product's name in every language: scripts and
// window managers find the window by it.
const windowTitle = "TISC Desk"

// startedAt approximates the process start (package initialisation), for
// the start-up trace.
var startedAt = time.Now()

// startedUp runs once the Overview first shows its figures. With
// TISCDESK_TRACE_STARTUP=1 it prints how long that took, the start-up time
// users feel. It then sets the garbage collector's target for the rest of
// the session (windowGCPercent): during start-up, Fyne's parse of the fonts
// and the first layout make much short-lived garbage while the heap is
// small, and at 10% from the first allocation the collector ran so often
// that the Overview came 80-120 ms later.
var startedUp = sync.OnceFunc(func() {
	if os.Getenv("TISCDESK_TRACE_STARTUP") == "1" {
		fmt.Fprintf(os.Stderr, "startup: overview shown with data %d ms after start\n", time.Since(startedAt).Milliseconds())
	}
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(windowGCPercent)
	}
})

// goHeapLimit is the Go heap's soft limit in the window (see Run).
const goHeapLimit = 192 << 20

// windowGCPercent is the garbage collector's target in the window: collect
// once the heap has grown by 10% over what is alive, not by Go's default
// 100%. With 200,000 enrolments about 95 MB is alive, nearly all of it for
// as long as the window is open (the enrolment index, and the CJK font,
// which Fyne parses once per text style), while typing in the list's search
// and sorting it make a little garbage. At 100% the heap grew to 170 MB
// before each collection and stayed that big; at 10% the window holding
// 200,139 enrolments stays near 285 MB through every section. A collection
// marks the live heap in about 25 ms on the second core, every few dozen
// keystrokes or once per new sort order; filtering stays within 11 ms.
const windowGCPercent = 10

// Run opens the database at dbPath and shows the window until it is closed.
// It returns the process exit status.
func Run(dbPath string) int { return run(dbPath, "") }

// RunWithBundle is Run with the Exchange section shown, asking whether to
// merge the bundle at bundle (tiscdesk FILE.tiscx, or a double-click on a
// .tiscx file where the installers made TISC Desk its program).
func RunWithBundle(dbPath, bundle string) int { return run(dbPath, bundle) }

func run(dbPath, bundle string) int {
	// A soft limit on the Go heap: loading 200,000 enrolments makes
	// short-lived garbage that the default GC pacing lets double the heap;
	// near this limit the GC collects sooner instead. $GOMEMLIMIT overrides.
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(goHeapLimit)
	}
	watchHeap()
	endOnTerm()
	a := app.NewWithID(AppID)
	a.Settings().SetTheme(kit.NewTheme())
	a.SetIcon(iconResource)

	store, err := data.Open(dbPath)
	language := kit.LangSystem
	if err == nil {
		language = store.Language()
	}
	kit.ApplyLanguage(language)

	w := a.NewWindow(windowTitle)
	w.Resize(rememberedSize(a.Preferences()))
	w.SetOnClosed(func() { rememberSize(a.Preferences(), w.Canvas().Size()) })
	st := newStartup(dbPath, w, kit.SystemPlatform{})
	st.bundle = bundle
	defer st.close()
	st.begin(store, err) // a damaged database: the latest sound backup is offered
	w.ShowAndRun()
	return st.status
}

// Mount puts a new shell over store into w, rebuilt when the language
// changes; pf is the platform it asks for files, programs and answers.
func Mount(store *data.Store, w fyne.Window, pf kit.Platform) *Shell {
	sh := NewShell(store, w, pf)
	sh.relabel = func() {
		next := Mount(store, w, pf)
		next.ShowSection(sh.Current())
	}
	w.SetContent(sh)
	return sh
}

// openFailure explains why the database could not be opened: a sentence
// in the user's language, the technical chain only behind Technical
// details (kit.ErrorView).
func openFailure(path string, err error) fyne.CanvasObject {
	title := widget.NewLabelWithStyle(lang.L("TISC Desk could not open its database"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	msg := kit.ErrorView(err)
	file := widget.NewLabel(path)
	file.Selectable = true
	hint := widget.NewLabel(lang.L("To use another file, start TISC Desk with --db FILE."))
	hint.Importance = widget.LowImportance
	return container.NewPadded(container.NewVBox(title, msg, file, hint))
}
