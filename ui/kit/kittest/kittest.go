// Package kittest is what the tests of the window's packages share: a
// sample store, a test window that takes the UI goroutine's turn, a stand-in
// for the desktop (Platform) and for the shell (Host), and ways to read and
// drive widgets as a user does.
package kittest

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"tiscdesk/data"
	"tiscdesk/ui/kit"
	"tiscdesk/ui/kit/internal/uiturn"
)

// SampleStore opens a store in a temporary folder with the sample loaded.
func SampleStore(t testing.TB) *data.Store {
	t.Helper()
	return SampleStoreWith(t, data.SystemClock)
}

// SampleStoreWith is SampleStore on clock: the window's today is its date.
func SampleStoreWith(t testing.TB, clock data.Clock) *data.Store {
	t.Helper()
	s, err := data.OpenWith(filepath.Join(t.TempDir(), "ui.db"), data.Options{Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.LoadSample(s.Today()); err != nil {
		t.Fatal(err)
	}
	return s
}

// windowTitle is the title of the windows NewWindow makes: the program's.
const windowTitle = "TISC Desk"

// NewWindow is a window of a test app in the program's theme and size, in
// language code (kit.LangEnglish, kit.LangChinese), whose UI goroutine is
// the test's (TakeUITurn).
func NewWindow(t testing.TB, code string) fyne.Window {
	t.Helper()
	a := test.NewTempApp(t)
	a.Settings().SetTheme(kit.NewTheme())
	kit.ApplyLanguage(code)
	t.Cleanup(func() { kit.ApplyLanguage(kit.LangEnglish) })
	TakeUITurn(t)
	w := a.NewWindow(windowTitle)
	w.Resize(fyne.NewSize(1180, 760))
	return w
}

// TakeUITurn makes the test's goroutine the window's UI goroutine until
// the test ends: it holds the UI turn, so the loads' results, handed back
// with fyne.Do (which Fyne's test driver runs at once on the loading
// goroutine), wait until the test lets them in with Settle, as they wait
// for the UI goroutine in a real window. At the end the loads still under
// way are let finish before the test's app and store go.
func TakeUITurn(t testing.TB) {
	t.Helper()
	if holdsUITurn {
		return // a second window in the same test
	}
	uiturn.Mu.Lock()
	holdsUITurn = true
	t.Cleanup(func() {
		Settle(t)
		holdsUITurn = false
		uiturn.Mu.Unlock()
	})
}

// holdsUITurn says whether the running test holds the UI turn.
var holdsUITurn bool

// Settle lets the loads under way finish and hand back their results, as
// the UI goroutine of an idle window does, and fails the test if they take
// longer than 20 seconds.
func Settle(t testing.TB) {
	t.Helper()
	if err := SettleWithin(20 * time.Second); err != nil {
		t.Fatal(err)
	}
}

// SettleWithin is Settle giving up after d, with an error.
func SettleWithin(d time.Duration) error {
	uiturn.Mu.Unlock()
	defer uiturn.Mu.Lock()
	deadline := time.Now().Add(d)
	for uiturn.InFlight.Load() > 0 {
		if time.Now().After(deadline) {
			return fmt.Errorf("%d loads still under way after %s", uiturn.InFlight.Load(), d)
		}
		time.Sleep(time.Millisecond)
	}
	return nil
}

// YieldUITurn lets the loads under way hand back results for d, as an idle
// UI goroutine does, and returns how long it then waited for its turn: the
// time a tap would wait before the window answers it.
func YieldUITurn(d time.Duration) time.Duration {
	uiturn.Mu.Unlock()
	time.Sleep(d)
	start := time.Now()
	uiturn.Mu.Lock()
	return time.Since(start)
}

// PDFText is what pdftotext reads in the PDF at path, without white space.
func PDFText(t testing.TB, path string) string {
	t.Helper()
	out, err := exec.Command("pdftotext", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	return strings.Join(strings.Fields(string(out)), "")
}
