package institutions

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"tiscdesk/ui/kit"
	"tiscdesk/ui/kit/kittest"
)

// The institution's page shows its history field by field, in the user's
// language, and restores an old version as a new one.
func TestInstitutionPageRestoresAnOldVersion(t *testing.T) {
	store := kittest.SampleStore(t)
	h := kittest.NewHost(t, store, kit.LangChinese)
	in := institutionNamed(t, store, "Guizhou University")
	oldCity := in.City
	in.City, in.Notes = "遵义", "搬迁了？"
	if err := store.Institutions.Put(in); err != nil {
		t.Fatal(err)
	}

	r := NewRegister(h)
	h.Show(r)
	kittest.Settle(t)
	r.open(in.ID)
	kittest.Settle(t)
	panel := r.page.changes
	if panel == nil || len(panel.Versions()) < 2 {
		t.Fatalf("the page's history shows %v versions", panel)
	}
	texts := kittest.Texts(t, panel)
	want := "城市:  " + oldCity + "  →  遵义"
	if !slices.Contains(texts, want) {
		t.Errorf("the history does not show %q in Chinese; it shows %q", want, texts)
	}
	var restore *widget.Button
	kittest.WalkObjects(t, panel, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == "恢复此版本" {
			restore = b // the last is the oldest
		}
	})
	if restore == nil {
		t.Fatal("no “restore this version” button")
	}
	asked := ""
	h.Desktop.Answer = func(title, q string, yes func()) { asked = q; yes() }
	before := len(panel.Versions())
	test.Tap(restore)
	kittest.Settle(t)
	if !strings.Contains(asked, "新版本") {
		t.Errorf("the question was %q", asked)
	}
	got, _ := store.Institutions.Get(in.ID)
	if got.City != oldCity || got.Notes != "" || got.UpdatedBy != store.DeviceLabel() || !got.UpdatedAt.After(in.UpdatedAt) {
		t.Errorf("after restore: city %q notes %q updated %v", got.City, got.Notes, got.UpdatedAt)
	}
	kittest.Settle(t)
	if n := len(r.page.changes.Versions()); n != before+1 {
		t.Errorf("after restore the page shows %d versions, want %d", n, before+1)
	}
}
