package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"tiscdesk/data"
	"tiscdesk/ui/kit"
	"tiscdesk/ui/kit/kittest"
)

// emptyStates are the Empty widgets under o that are on show, in every
// tab of its tab bars (the tab on show renders only its own).
func emptyStates(t *testing.T, o fyne.CanvasObject) []*kit.Empty {
	var found []*kit.Empty
	seen := map[*kit.Empty]bool{}
	var visit func(o fyne.CanvasObject)
	visit = func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *kit.Empty:
			if v.Visible() && !seen[v] {
				seen[v] = true
				found = append(found, v)
			}
		case *container.AppTabs:
			for _, item := range v.Items {
				kittest.WalkObjects(t, item.Content, visit)
			}
		}
	}
	kittest.WalkObjects(t, o, visit)
	return found
}

// TestEveryEmptyListOffersItsActions opens every section on an empty
// database: each empty list says what is empty and offers what fills it as
// buttons, never a command to type, and every such button does something
// when tapped (a form, the import wizard, a file saved or asked for, or
// another section).
func TestEveryEmptyListOffersItsActions(t *testing.T) {
	for _, code := range []string{kit.LangEnglish, kit.LangChinese} {
		t.Run(code, func(t *testing.T) { emptyListsOfferActions(t, code) })
	}
}

func emptyListsOfferActions(t *testing.T, code string) {
	store := emptyStore(t)
	w := kittest.NewWindow(t, code)
	w.Resize(fyne.NewSize(1180, 760))
	pf := kittest.NewPlatform(t)
	// Merge a bundle… asks for a file: give it one that is not a bundle,
	// which the window refuses in a dialog.
	pf.OpenPath = filepath.Join(t.TempDir(), "not-a-bundle.tiscx")
	if err := os.WriteFile(pf.OpenPath, []byte("hello"), 0o644); err != nil {
		t.Fatal(err)
	}
	sh := Mount(store, w, pf)
	kittest.Settle(t)

	// How many empty lists each section shows on an empty database.
	want := map[string]int{
		"institutions": 1, // the register
		"visits":       1,
		"learning":     2, // enrolments, sessions
		"degrees":      1, // programmes
		"reports":      1, // the finished visits a visit report is made of
		"exchange":     2, // conflicts, devices
	}
	for id, n := range want {
		sh.ShowSection(id)
		kittest.Settle(t)
		empties := emptyStates(t, sh.built[id])
		if len(empties) != n {
			t.Errorf("%s: %d empty lists on show, want %d", id, len(empties), n)
		}
		for _, e := range empties {
			if strings.TrimSpace(e.Text()) == "" || strings.Contains(e.Text(), "tiscdesk ") {
				t.Errorf("%s: an empty list says %q", id, e.Text())
			}
			if !e.Actions().Visible() || len(e.Actions().Objects) == 0 {
				t.Errorf("%s: the empty list %q offers no action", id, e.Text())
				continue
			}
			for _, o := range e.Actions().Objects {
				tapAction(t, sh, w, pf, id, o.(*widget.Button))
			}
		}
	}
}

// tapAction taps b on the empty list of section id and checks that
// something came of it, then puts the window back as it was.
func tapAction(t *testing.T, sh *Shell, w fyne.Window, pf *kittest.Platform, id string, b *widget.Button) {
	t.Helper()
	overlays, saved := len(w.Canvas().Overlays().List()), len(pf.Saved)
	test.Tap(b)
	kittest.Settle(t)
	kittest.Settle(t)
	switch {
	case len(w.Canvas().Overlays().List()) > overlays: // a form, the wizard, a dialog
		for sh.Forms().Len() > 0 {
			sh.Forms().Top().Close()
		}
		for len(w.Canvas().Overlays().List()) > overlays {
			w.Canvas().Overlays().Remove(w.Canvas().Overlays().Top())
		}
	case len(pf.Saved) > saved: // Export a bundle… saved one
	case sh.Current() != id: // it opened another section
		sh.ShowSection(id)
		kittest.Settle(t)
	default:
		t.Errorf("%s: tapping %q did nothing", id, b.Text)
	}
}

// TestOverviewWithoutInstitutionsOffersTheRegister: a database with
// records but no institution shows the figures, and where the register's
// line would be, what fills it as buttons.
func TestOverviewWithoutInstitutionsOffersTheRegister(t *testing.T) {
	store := emptyStore(t)
	if err := store.Programmes.Put(&data.Programme{Name: "WIPO-Tongji Master of Intellectual Property", Partner: "Tongji University"}); err != nil {
		t.Fatal(err)
	}
	sh, w := newTestShell(t, store, kit.LangEnglish)
	ov := waitOverview(t, sh)
	if ov.welcome.Visible() || !ov.noRegister.Visible() {
		t.Fatalf("welcome on show %v, the register's empty state on show %v", ov.welcome.Visible(), ov.noRegister.Visible())
	}
	test.Tap(kittest.FindButton(t, ov.noRegister.Actions(), "Open Institutions"))
	kittest.Settle(t)
	if sh.Current() != "institutions" {
		t.Errorf("Open Institutions opened %q", sh.Current())
	}
	sh.ShowSection("overview")
	test.Tap(kittest.FindButton(t, ov.noRegister.Actions(), "Import a spreadsheet"))
	kittest.Settle(t)
	if top := w.Canvas().Overlays().Top(); top == nil || !kittest.HasText(t, top, "Import institutions") {
		t.Error("Import a spreadsheet opened no import wizard for institutions")
	}
}
