package ui

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	bolt "go.etcd.io/bbolt"

	"tiscdesk/data"
	"tiscdesk/ui/kit"
	"tiscdesk/ui/kit/kittest"
)

// sampleFile writes the sample into a database of its own folder, backs it
// up when asked, closes it and returns its path and counts.
func sampleFile(t *testing.T, backUp bool) (string, data.Counts) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "tiscdesk.db")
	s, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.LoadSample(s.Today()); err != nil {
		t.Fatal(err)
	}
	if backUp {
		if _, err := s.Backup("open"); err != nil {
			t.Fatal(err)
		}
	}
	c, _ := s.Counts()
	return path, c
}

// damage spoils the file at path as the case says: its pages cut in half,
// or the root page of the visits overwritten (the header stays intact, so
// only the page check finds it).
func damage(t *testing.T, path, how string) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if how == "truncated" {
		var used int64
		db.View(func(tx *bolt.Tx) error { used = tx.Size(); return nil })
		db.Close()
		if err := os.Truncate(path, used/2); err != nil {
			t.Fatal(err)
		}
		return
	}
	var page int64
	db.View(func(tx *bolt.Tx) error {
		page = int64(tx.Bucket([]byte("visits")).RootPage())
		return nil
	})
	size := int64(db.Info().PageSize)
	db.Close()
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteAt(bytes.Repeat([]byte{0xA5, 0x3C, 0x00, 0xFF}, int(size)/4), page*size); err != nil {
		t.Fatal(err)
	}
}

// start runs the window's start-up on path in a test window.
func start(t *testing.T, path, language string) (*startup, fyne.Window) {
	t.Helper()
	a := test.NewTempApp(t)
	a.Settings().SetTheme(kit.NewTheme())
	kit.ApplyLanguage(language)
	t.Cleanup(func() { kit.ApplyLanguage(kit.LangEnglish) })
	w := a.NewWindow(windowTitle)
	w.Resize(fyne.NewSize(1180, 760))
	st := newStartup(path, w, kittest.NewPlatform(t))
	t.Cleanup(st.close)
	kittest.TakeUITurn(t)
	st.begin(data.Open(path))
	kittest.Settle(t)
	return st, w
}

// overlayTexts is the text of the dialog on top of w, if any.
func overlayTexts(t *testing.T, w fyne.Window) string {
	top := w.Canvas().Overlays().Top()
	if top == nil || !top.Visible() {
		return ""
	}
	return strings.Join(kittest.Texts(t, top), " | ")
}

func TestStartOnADamagedDatabaseOffersTheLatestBackup(t *testing.T) {
	for _, how := range []string{"truncated", "damaged page"} {
		t.Run(how, func(t *testing.T) {
			path, counts := sampleFile(t, true)
			damage(t, path, how)
			damaged, _ := os.ReadFile(path)

			st, w := start(t, path, kit.LangEnglish)
			if st.status != 1 || st.store != nil {
				t.Fatalf("a damaged database was opened (status %d)", st.status)
			}
			if !kittest.HasText(t, w.Content(), "TISC Desk could not open its database") {
				t.Fatalf("the window does not explain: %q", kittest.Texts(t, w.Content()))
			}
			offer := overlayTexts(t, w)
			want := "It holds: institutions " + kit.Number(counts.Institutions) + ", site visits " + kit.Number(counts.Visits)
			if !strings.Contains(offer, "Restore the latest sound backup?") || !strings.Contains(offer, want) {
				t.Fatalf("no offer of the backup with its contents; dialog: %q", offer)
			}
			unchanged := func(when string) {
				if now, _ := os.ReadFile(path); !bytes.Equal(now, damaged) {
					t.Fatalf("%s: the damaged file was changed without the user's yes", when)
				}
			}
			unchanged("at start")

			test.Tap(st.notNow)
			if overlayTexts(t, w) != "" {
				t.Fatal("Not now left the dialog open")
			}
			unchanged("after Not now")
			test.Tap(st.offerAgain)
			if !strings.Contains(overlayTexts(t, w), "Restore this backup") {
				t.Fatal("the offer cannot be shown again from the window")
			}
			unchanged("after showing the offer again")

			test.Tap(st.restore)
			kittest.Settle(t)
			if st.status != 0 || st.store == nil {
				t.Fatalf("after the yes the database is not open (status %d)", st.status)
			}
			if _, ok := w.Content().(*Shell); !ok {
				t.Fatal("after the restore the window does not show the program")
			}
			if c, _ := st.store.Counts(); c != counts {
				t.Fatalf("restored counts %+v, want the backup's %+v", c, counts)
			}
			list, _ := data.ListBackups(path)
			if len(list) == 0 || list[0].Reason != "replaced" {
				t.Fatalf("the damaged file was not kept: %+v", list)
			}
			if kept, _ := os.ReadFile(list[0].Path); !bytes.Equal(kept, damaged) {
				t.Fatal("the kept file is not the damaged one, byte for byte")
			}
			if said := overlayTexts(t, w); !strings.Contains(said, list[0].Path) {
				t.Errorf("the user is not told where the damaged file is: %q", said)
			}
		})
	}
}

func TestStartOnADamagedDatabaseWithoutBackup(t *testing.T) {
	path, _ := sampleFile(t, false)
	damage(t, path, "damaged page")
	damaged, _ := os.ReadFile(path)
	st, w := start(t, path, kit.LangEnglish)
	want := "No sound backup of this database was found in " + data.BackupDir(path) + "."
	if st.status != 1 || !kittest.HasText(t, w.Content(), want) {
		t.Fatalf("status %d; the window says %q, want %q", st.status, kittest.Texts(t, w.Content()), want)
	}
	if st.offer != nil || overlayTexts(t, w) != "" {
		t.Fatal("a restore is offered with no backup to restore")
	}
	if now, _ := os.ReadFile(path); !bytes.Equal(now, damaged) {
		t.Fatal("the damaged file was changed")
	}
}

func TestStartOnADamagedDatabaseInChinese(t *testing.T) {
	path, _ := sampleFile(t, true)
	damage(t, path, "truncated")
	_, w := start(t, path, kit.LangChinese)
	if offer := overlayTexts(t, w); !strings.Contains(offer, "恢复最新的完好备份？") || !strings.Contains(offer, "恢复此备份") {
		t.Fatalf("the offer is not in Chinese: %q", offer)
	}
	// The page behind the offer: a Chinese sentence; the English chain only
	// behind the closed Technical details.
	shown := strings.Join(shownTexts(t, w.Content()), " | ")
	if !strings.Contains(shown, "此文件不是 TISC Desk 数据库，或已损坏") {
		t.Errorf("the damaged-database page has no Chinese sentence: %q", shown)
	}
	if strings.Contains(shown, "truncated") || strings.Contains(shown, "bytes") {
		t.Errorf("the damaged-database page shows the technical chain: %q", shown)
	}
	if !kittest.HasText(t, w.Content(), "技术细节") {
		t.Errorf("the damaged-database page has no Technical details: %q", shown)
	}
}

// shownTexts are the texts under o that are on show: not inside a hidden
// object or a closed accordion item.
func shownTexts(t *testing.T, o fyne.CanvasObject) []string {
	var out []string
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if !o.Visible() {
			return
		}
		switch v := o.(type) {
		case *widget.Label:
			out = append(out, v.Text)
			return
		case *canvas.Text:
			out = append(out, v.Text)
			return
		case *widget.Accordion:
			for _, item := range v.Items {
				out = append(out, item.Title)
				if item.Open {
					walk(item.Detail)
				}
			}
			return
		case *fyne.Container:
			for _, c := range v.Objects {
				walk(c)
			}
			return
		}
		if wd, ok := o.(fyne.Widget); ok {
			for _, c := range test.TempWidgetRenderer(t, wd).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return out
}

func TestStartBacksUpASoundDatabase(t *testing.T) {
	path, _ := sampleFile(t, false)
	st, w := start(t, path, kit.LangEnglish)
	if st.status != 0 {
		t.Fatal("a sound database was not opened")
	}
	if _, ok := w.Content().(*Shell); !ok {
		t.Fatal("the window does not show the program")
	}
	list, _ := data.ListBackups(path)
	if len(list) != 1 || list[0].Reason != "open" {
		t.Fatalf("backups after start: %+v, want one made at open", list)
	}
	if info, _ := os.Stat(list[0].Path); info.Mode().Perm() != 0o600 {
		t.Errorf("backup mode %v, want 0600", info.Mode().Perm())
	}
	st.close()
	st.store = nil

	// Starting again with nothing changed keeps the one backup.
	start(t, path, kit.LangEnglish)
	if again, _ := data.ListBackups(path); len(again) != 1 {
		t.Fatalf("a start with unchanged data made another backup: %d", len(again))
	}
}
