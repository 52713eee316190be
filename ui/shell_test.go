package ui

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"tiscdesk/data"
)

// sampleStore opens a store in a temporary folder with the sample loaded.
func sampleStore(t *testing.T) *data.Store {
	t.Helper()
	return sampleStoreWith(t, data.SystemClock)
}

// sampleStoreWith is sampleStore on clock: the window's today is its date.
func sampleStoreWith(t *testing.T, clock data.Clock) *data.Store {
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

// newTestShell mounts a shell over store in a test window, in language code.
func newTestShell(t *testing.T, store *data.Store, code string) (*Shell, fyne.Window) {
	t.Helper()
	a := test.NewTempApp(t)
	a.Settings().SetTheme(newTheme())
	applyLanguage(code)
	t.Cleanup(func() { applyLanguage(langEnglish) })
	takeUITurn(t)
	w := a.NewWindow(windowTitle)
	w.Resize(fyne.NewSize(1180, 760))
	sh := Mount(store, w, newFakePlatform(t))
	settle(t)
	return sh, w
}

// takeUITurn makes the test's goroutine the window's UI goroutine until
// the test ends: it holds uiTurn, so the loads' results, handed back with
// fyne.Do (which Fyne's test driver runs at once on the loading
// goroutine), wait until the test lets them in with settle, as they wait
// for the UI goroutine in a real window. At the end the loads still under
// way are let finish before the test's app and store go.
func takeUITurn(t *testing.T) {
	t.Helper()
	if holdsUITurn {
		return // a second window in the same test
	}
	uiTurn.Lock()
	holdsUITurn = true
	t.Cleanup(func() {
		settle(t)
		holdsUITurn = false
		uiTurn.Unlock()
	})
}

// holdsUITurn says whether the running test holds uiTurn.
var holdsUITurn bool

// settle lets the loads under way finish and hand back their results, as
// the UI goroutine of an idle window does, and fails the test if they take
// longer than 20 seconds.
func settle(t *testing.T) {
	t.Helper()
	if err := settleWithin(20 * time.Second); err != nil {
		t.Fatal(err)
	}
}

// settleWithin is settle giving up after d.
func settleWithin(d time.Duration) error {
	uiTurn.Unlock()
	defer uiTurn.Lock()
	deadline := time.Now().Add(d)
	for inFlight.Load() > 0 {
		if time.Now().After(deadline) {
			return fmt.Errorf("%d loads still under way after %s", inFlight.Load(), d)
		}
		time.Sleep(time.Millisecond)
	}
	return nil
}

// texts collects the text of every label, entry and canvas.Text under o.
func texts(t *testing.T, o fyne.CanvasObject) []string {
	var out []string
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *widget.Label:
			out = append(out, v.Text)
			return
		case *canvas.Text:
			out = append(out, v.Text)
			return
		case *fyne.Container:
			for _, c := range v.Objects {
				walk(c)
			}
			return
		case *widget.List, *widget.Entry, *widget.Select:
			// Rendered rows of a list are widgets themselves; walk them too.
		}
		if w, ok := o.(fyne.Widget); ok {
			for _, c := range test.TempWidgetRenderer(t, w).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return out
}

func hasText(t *testing.T, o fyne.CanvasObject, want string) bool {
	for _, s := range texts(t, o) {
		if s == want {
			return true
		}
	}
	return false
}

// waitOverview reloads the overview and waits for its figures.
func waitOverview(t *testing.T, sh *Shell) *Overview {
	t.Helper()
	ov := sh.built["overview"].(*Overview)
	ov.Reload()
	settle(t)
	return ov
}

// On the first day of a year, a leap day and the last day of a year, the
// Overview speaks of the clock's year and shows the store's figures for it.
func TestShellOverviewOnAwkwardDays(t *testing.T) {
	for _, day := range []data.Date{"2027-01-01", "2028-02-29", "2030-12-31"} {
		t.Run(string(day), func(t *testing.T) {
			store := sampleStoreWith(t, data.ClockOn(day))
			sh, w := newTestShell(t, store, langEnglish)
			ov := waitOverview(t, sh)
			want, err := store.Overview(day)
			if err != nil {
				t.Fatal(err)
			}
			if !hasText(t, w.Content(), "Overview "+strconv.Itoa(day.Year())) {
				t.Errorf("the Overview on %s does not speak of its year; texts: %q", day, texts(t, w.Content()))
			}
			for key, n := range map[string]int{"visits": want.VisitsThisYear, "enrolments": want.EnrolmentsThisYear, "operational": want.Operational} {
				if got := ov.figures[key].Value(); got != strconv.Itoa(n) {
					t.Errorf("figure %s shows %q, want %d", key, got, n)
				}
			}
		})
	}
}

func TestShellOverviewShowsTheStoresFigures(t *testing.T) {
	store := sampleStore(t)
	sh, w := newTestShell(t, store, langEnglish)
	if sh.Current() != "overview" {
		t.Fatalf("the window opens on %q, want the overview", sh.Current())
	}
	ov := waitOverview(t, sh)
	want, err := store.Overview(store.Today())
	if err != nil {
		t.Fatal(err)
	}
	if want.Operational == 0 || want.InPipeline == 0 || want.EnrolmentsThisYear == 0 || want.Students == 0 {
		t.Fatalf("the sample should make every headline figure non-zero: %+v", want)
	}
	for key, n := range map[string]int{
		"operational": want.Operational, "pipeline": want.InPipeline, "visits": want.VisitsThisYear,
		"followups": want.OpenFollowUps, "enrolments": want.EnrolmentsThisYear,
		"students": want.Students, "graduates": want.Graduates,
	} {
		if got := ov.figures[key].Value(); got != strconv.Itoa(n) {
			t.Errorf("figure %s shows %q, want %d", key, got, n)
		}
	}
	content := w.Content()
	if !hasText(t, content, "Operational TISCs") || !hasText(t, content, "TISC pipeline by stage") {
		t.Errorf("overview captions missing; texts: %q", texts(t, content))
	}
	// The chart has a bar per stage with its count.
	if !hasText(t, content, "Agreement signed") || !hasText(t, content, strconv.Itoa(want.ByStage[data.StageAgreement])) {
		t.Errorf("pipeline chart lacks the agreement-signed bar")
	}
	if want.OverdueFollowUps > 0 && !hasText(t, content, strconv.Itoa(want.OverdueFollowUps)+" overdue") {
		t.Errorf("overdue follow-ups do not stand out on the overview")
	}
}

func TestShellSwitchesEverySection(t *testing.T) {
	store := sampleStore(t)
	sh, w := newTestShell(t, store, langEnglish)
	headings := map[string]string{
		"overview": "", "institutions": "Institutions", "visits": "Site visits", "learning": "Distance learning",
		"degrees": "Joint degrees", "reports": "Reports", "exchange": "Exchange", "settings": "Settings",
	}
	for i, s := range sh.sections {
		sh.nav.Select(i) // as a click on the navigation does
		if sh.Current() != s.id {
			t.Fatalf("selecting %q shows %q", s.id, sh.Current())
		}
		if h := headings[s.id]; h != "" && !hasText(t, w.Content(), h) {
			t.Errorf("section %s does not show its heading %q", s.id, h)
		}
	}
	c, _ := store.Counts()
	sh.ShowSection("degrees")
	settle(t)
	if want := "The database holds " + strconv.Itoa(c.Cohorts) + " cohorts and " + strconv.Itoa(c.Students) + " students."; !hasText(t, w.Content(), want) {
		t.Errorf("joint degrees section lacks %q", want)
	}
	sh.ShowSection("settings")
	if !hasText(t, w.Content(), store.Path()) {
		t.Errorf("settings does not show the database path")
	}
}

func TestSettingsSavesTheDeviceLabel(t *testing.T) {
	store := sampleStore(t)
	sh, _ := newTestShell(t, store, langEnglish)
	sh.ShowSection("settings")
	set := sh.built["settings"].(*Settings)

	set.label.SetText("")
	test.Tap(set.labelSave)
	if set.labelNote.Hidden || set.labelNote.Text != "is required" {
		t.Fatalf("a blank label shows %q (hidden %v), want the message beside the field", set.labelNote.Text, set.labelNote.Hidden)
	}
	set.label.SetText("")
	test.Type(set.label, "Field laptop Chengdu")
	test.Tap(set.labelSave)
	if store.DeviceLabel() != "Field laptop Chengdu" || !set.labelNote.Hidden {
		t.Fatalf("label saved as %q", store.DeviceLabel())
	}
	if sh.device.Text != "Field laptop Chengdu" {
		t.Errorf("navigation still shows %q", sh.device.Text)
	}
}

func TestChineseInterface(t *testing.T) {
	store := sampleStore(t)
	sh, w := newTestShell(t, store, langChinese)
	waitOverview(t, sh)
	for _, want := range []string{"概览", "机构", "实地考察", "远程学习", "已运营的 TISC", "已签约"} {
		if !hasText(t, w.Content(), want) {
			t.Errorf("Chinese interface lacks %q; texts: %q", want, strings.Join(texts(t, w.Content()), " | "))
		}
	}
}

func TestLanguageChangeInSettingsRelabelsTheWindow(t *testing.T) {
	store := sampleStore(t)
	sh, w := newTestShell(t, store, langEnglish)
	sh.ShowSection("settings")
	sh.built["settings"].(*Settings).language.SetSelected("简体中文")
	if store.Language() != "zh" {
		t.Fatalf("language saved as %q", store.Language())
	}
	if !hasText(t, w.Content(), "设置") || !hasText(t, w.Content(), "设备名称") {
		t.Fatalf("after choosing Chinese the window still reads: %q", texts(t, w.Content()))
	}
	now := w.Content().(*Shell)
	if now.Current() != "settings" {
		t.Errorf("after relabelling the window shows %q, want settings still", now.Current())
	}
}
