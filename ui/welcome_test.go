package ui

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"fyne.io/fyne/v2/test"

	"tiscdesk/data"
	"tiscdesk/ui/kit"
	"tiscdesk/ui/kit/kittest"
)

// emptyStore is a new, empty database.
func emptyStore(t *testing.T) *data.Store {
	t.Helper()
	s, err := data.Open(filepath.Join(t.TempDir(), "new.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// TestWelcomeLoadsTheSample: a new user on an empty database sees the
// welcome, not a page of zeros; its "Load the sample data" fills the
// database and the Overview shows the sample's figures.
func TestWelcomeLoadsTheSample(t *testing.T) {
	store := emptyStore(t)
	sh, w := newTestShell(t, store, kit.LangEnglish)
	ov := waitOverview(t, sh)
	if !ov.welcome.Visible() || ov.filled.Visible() {
		t.Fatal("an empty database does not open on the welcome")
	}
	for _, label := range []string{"Load the sample data", "Import a spreadsheet", "Merge a bundle", "Connect to a team hub"} {
		if b := kittest.FindButton(t, w.Content(), label); b == nil {
			t.Fatalf("the welcome has no button %q", label)
		}
	}

	test.Tap(kittest.FindButton(t, w.Content(), "Load the sample data"))
	kittest.Settle(t)
	kittest.Settle(t) // the Overview's reload after the sample

	c, err := store.Counts()
	if err != nil || c.Institutions == 0 {
		t.Fatalf("the sample was not loaded: %+v %v", c, err)
	}
	if ov.welcome.Visible() || !ov.filled.Visible() {
		t.Fatal("after the sample the Overview still shows the welcome")
	}
	want, _ := store.Overview(store.Today())
	if got := ov.figures["operational"].Value(); got != strconv.Itoa(want.Operational) || want.Operational == 0 {
		t.Errorf("operational TISCs show %q, the store has %d", got, want.Operational)
	}
}

// TestWelcomeInChinese: the welcome's buttons speak Chinese; connecting to
// a hub opens Exchange; a sample database never shows the welcome.
func TestWelcomeInChinese(t *testing.T) {
	sh, w := newTestShell(t, emptyStore(t), kit.LangChinese)
	waitOverview(t, sh)
	hub := kittest.FindButton(t, w.Content(), "连接团队中心")
	if hub == nil {
		t.Fatalf("no Chinese hub button; texts %q", kittest.Texts(t, w.Content()))
	}
	test.Tap(hub)
	kittest.Settle(t)
	if sh.Current() != "exchange" {
		t.Errorf("the hub button opened %q", sh.Current())
	}

	sh2, _ := newTestShell(t, kittest.SampleStore(t), kit.LangEnglish)
	if ov := waitOverview(t, sh2); ov.welcome.Visible() {
		t.Error("a database with the sample shows the welcome")
	}
}

// TestWelcomeMergesABundle: Merge a bundle asks for a file, asks whether
// to merge it in Exchange, and yes fills the empty database.
func TestWelcomeMergesABundle(t *testing.T) {
	other := kittest.SampleStore(t)
	bundle := filepath.Join(t.TempDir(), "coordinator.tiscx")
	f, err := os.Create(bundle)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := other.ExportBundle(f, data.ExportOptions{}); err != nil {
		t.Fatal(err)
	}
	f.Close()

	store := emptyStore(t)
	w := kittest.NewWindow(t, kit.LangEnglish)
	pf := kittest.NewPlatform(t)
	pf.OpenPath = bundle
	var asked []string
	pf.Answer = func(_, question string, yes func()) { asked = append(asked, question); yes() }
	sh := Mount(store, w, pf)
	kittest.Settle(t)
	waitOverview(t, sh)
	test.Tap(kittest.FindButton(t, w.Content(), "Merge a bundle"))
	kittest.Settle(t)
	if sh.Current() != "exchange" || len(asked) != 1 {
		t.Fatalf("Merge a bundle opened %q and asked %q", sh.Current(), asked)
	}
	mine, _ := store.Counts()
	theirs, _ := other.Counts()
	if mine != theirs {
		t.Errorf("after yes the database holds %+v; the bundle's %+v", mine, theirs)
	}
}
