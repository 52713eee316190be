package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"tiscdesk/data"
	"tiscdesk/ui/kit"
	"tiscdesk/ui/kit/kittest"
)

// A window started on a bundle (tiscdesk FILE.tiscx) shows Exchange and
// asks whether to merge that bundle; yes merges it.
func TestStartOnABundleOffersToMergeIt(t *testing.T) {
	other := kittest.SampleStore(t)
	bundle := filepath.Join(t.TempDir(), "field.tiscx")
	f, err := os.Create(bundle)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := other.ExportBundle(f, data.ExportOptions{}); err != nil {
		t.Fatal(err)
	}
	f.Close()

	a := test.NewTempApp(t)
	a.Settings().SetTheme(kit.NewTheme())
	w := a.NewWindow(windowTitle)
	w.Resize(fyne.NewSize(1180, 760))
	pf := kittest.NewPlatform(t)
	var asked []string
	pf.Answer = func(_, question string, yes func()) { asked = append(asked, question); yes() }
	path := filepath.Join(t.TempDir(), "coordinator.db")
	st := newStartup(path, w, pf)
	st.bundle = bundle
	t.Cleanup(st.close)
	kittest.TakeUITurn(t)
	st.begin(data.Open(path))
	kittest.Settle(t)

	sh, ok := w.Content().(*Shell)
	if !ok || sh.Current() != "exchange" {
		t.Fatalf("the window shows %T, section %q; want the Exchange section", w.Content(), sh.Current())
	}
	want := "Merge the bundle from \"" + other.DeviceLabel() + "\"" // straight quotes in English (kit.EnglishPunctuation)
	if len(asked) != 1 || !strings.HasPrefix(asked[0], want) {
		t.Fatalf("asked %q; want one question starting %q", asked, want)
	}
	mine, _ := st.store.Counts()
	theirs, _ := other.Counts()
	if mine != theirs {
		t.Errorf("after yes the database holds %+v; the bundle's %+v", mine, theirs)
	}
	sh.OfferBundle(bundle)
	kittest.Settle(t)
	if len(asked) != 2 {
		t.Errorf("a second offer asked %d questions in all, want 2", len(asked))
	}
}
