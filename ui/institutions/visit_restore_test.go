package institutions

import (
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"tiscdesk/data/photo/phototest"
	"tiscdesk/ui/kit"
	"tiscdesk/ui/kit/kittest"
)

// A photo removed from a visit by mistake comes back by restoring the
// version before, from the visit form's History: the restore closes the
// form, and the visit opened again shows the photo and its caption.
func TestVisitPhotoRemovedThenRestoredFromHistory(t *testing.T) {
	store := kittest.SampleStore(t)
	h := kittest.NewHost(t, store, kit.LangEnglish)
	path := filepath.Join(t.TempDir(), "plaque.jpg")
	if err := os.WriteFile(path, phototest.JPEG(900, 600, phototest.EXIF{}), 0o600); err != nil {
		t.Fatal(err)
	}
	f := newVisitThroughList(t, h, "guizhou")
	h.Desktop.OpenPath = path
	f.photos.choose()
	kittest.Settle(t)
	if len(f.photos.photos) != 1 {
		t.Fatalf("%d photos attached", len(f.photos.photos))
	}
	hash := f.photos.photos[0].Hash
	test.Type(f.photos.captions[hash], "The TISC plaque")
	h.Keys.Save()
	kittest.Settle(t)
	guizhou := institutionNamed(t, store, "Guizhou University")
	vs := visitsOf(t, store, guizhou.ID)
	v := vs[len(vs)-1]

	f = showVisitForm(h, v, nil)
	kittest.Settle(t)
	f.photos.remove(hash)
	h.Keys.Save()
	kittest.Settle(t)
	if got, _ := store.Visits.Get(v.ID); len(got.Photos) != 0 {
		t.Fatalf("the photo was not removed: %v", got.Photos)
	}

	got, _ := store.Visits.Get(v.ID)
	f = showVisitForm(h, got, nil)
	kittest.Settle(t)
	if thumbnails(t, f.photos) != 0 || len(f.changes.Versions()) != 2 {
		t.Fatalf("before the restore: %d thumbnails, %d versions", thumbnails(t, f.photos), len(f.changes.Versions()))
	}
	// The versions are shown newest first: the first restore button is the
	// version with the photo, the one before its removal.
	var restore *widget.Button
	kittest.WalkObjects(t, f.changes, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == "Restore this version" && restore == nil {
			restore = b
		}
	})
	if restore == nil {
		t.Fatal("no “restore this version” button in the visit's history")
	}
	h.Desktop.Answer = func(title, q string, yes func()) { yes() }
	test.Tap(restore)
	kittest.Settle(t)
	if h.Forms().Len() != 0 {
		t.Error("the form stayed open after the restore, showing the version replaced")
	}
	back, _ := store.Visits.Get(v.ID)
	if len(back.Photos) != 1 || back.Photos[0].Hash != hash || back.Photos[0].Caption != "The TISC plaque" || !back.UpdatedAt.After(got.UpdatedAt) {
		t.Fatalf("after the restore the visit holds %+v (updated %v)", back.Photos, back.UpdatedAt)
	}
	f = showVisitForm(h, back, nil)
	kittest.Settle(t)
	if thumbnails(t, f.photos) != 1 || f.photos.captions[hash].Text != "The TISC plaque" || len(f.changes.Versions()) != 3 {
		t.Errorf("reopened: %d thumbnails, %d versions", thumbnails(t, f.photos), len(f.changes.Versions()))
	}
}
