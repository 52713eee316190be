package institutions

import (
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"

	"tiscdesk/data/photo/phototest"
	"tiscdesk/ui/kit"
	"tiscdesk/ui/kit/kittest"
)

// thumbnails counts the photo tiles that show a picture.
func thumbnails(t *testing.T, s *photoStrip) int {
	t.Helper()
	n := 0
	kittest.WalkObjects(t, s.tiles, func(o fyne.CanvasObject) {
		if img, ok := o.(*canvas.Image); ok && img.Resource != nil {
			n++
		}
	})
	return n
}

// A field officer attaches a photo to a visit from the file chooser, gives
// it a caption, saves, and finds it there when the visit is opened again;
// its EXIF position fills the visit's. A file that is not a photo is
// refused beside the photos and nothing is added.
func TestVisitPhotoAttachedSavedAndReopened(t *testing.T) {
	store := kittest.SampleStore(t)
	h := kittest.NewHost(t, store, kit.LangEnglish)
	dir := t.TempDir()
	jpg := filepath.Join(dir, "premises.jpg")
	if err := os.WriteFile(jpg, phototest.JPEG(2000, 1500, phototest.EXIF{GPS: true, Lat: 26.44611, Lon: 106.65917}), 0o600); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "notes.jpg")
	if err := os.WriteFile(bad, []byte("not a photo at all"), 0o600); err != nil {
		t.Fatal(err)
	}

	f := newVisitThroughList(t, h, "guizhou")
	h.Desktop.OpenPath = bad
	f.photos.choose()
	kittest.Settle(t)
	if len(f.photos.photos) != 0 || f.photos.note.Hidden || f.photos.note.Text != "notes.jpg is not a JPEG or PNG photo: nothing was added." {
		t.Fatalf("a text file named .jpg: %d photos, note %q", len(f.photos.photos), f.photos.note.Text)
	}
	h.Desktop.OpenPath = jpg
	f.photos.choose()
	kittest.Settle(t)
	if len(f.photos.photos) != 1 || thumbnails(t, f.photos) != 1 || !f.photos.note.Hidden {
		t.Fatalf("after choosing a photo: %d photos, %d thumbnails, note %q", len(f.photos.photos), thumbnails(t, f.photos), f.photos.note.Text)
	}
	if f.position.Text == "" {
		t.Error("the photo's position did not fill the visit's")
	}
	test.Type(f.photos.captions[f.photos.photos[0].Hash], "Reading room, 12 workstations")
	// Dropping the same photo again adds nothing: it is attached already.
	f.photos.dropped([]fyne.URI{storage.NewFileURI(jpg)})
	kittest.Settle(t)
	if len(f.photos.photos) != 1 {
		t.Errorf("the same photo dropped again: %d photos", len(f.photos.photos))
	}
	h.Keys.Save()
	kittest.Settle(t)
	if h.Forms().Len() != 0 {
		t.Fatalf("saving failed: %q", kittest.Texts(t, h.Window().Canvas().Overlays().Top()))
	}
	guizhou := institutionNamed(t, store, "Guizhou University")
	vs := visitsOf(t, store, guizhou.ID)
	v := vs[len(vs)-1]
	if len(v.Photos) != 1 || v.Photos[0].Caption != "Reading room, 12 workstations" || v.Photos[0].Width != 1600 || v.Position == nil {
		t.Fatalf("saved photos %+v, position %v", v.Photos, v.Position)
	}

	f = showVisitForm(h, v, nil)
	kittest.Settle(t)
	if thumbnails(t, f.photos) != 1 || f.photos.captions[v.Photos[0].Hash].Text != "Reading room, 12 workstations" {
		t.Fatalf("reopened, the visit shows %d thumbnails", thumbnails(t, f.photos))
	}
	f.photos.view(v.Photos[0].Hash)
	kittest.Settle(t)
	if f.photos.viewer.img.Resource == nil || f.photos.viewer.caption.Text == "" {
		t.Error("the viewer shows no photo")
	}
}

// Photos move and go; the order saved is the order shown.
func TestVisitPhotosReorderAndRemove(t *testing.T) {
	store := kittest.SampleStore(t)
	h := kittest.NewHost(t, store, kit.LangEnglish)
	dir := t.TempDir()
	var uris []fyne.URI
	for i, size := range [][2]int{{300, 200}, {200, 300}, {250, 250}} {
		path := filepath.Join(dir, "p"+string(rune('a'+i))+".png")
		_ = os.WriteFile(path, phototest.PNG(size[0], size[1]), 0o600)
		uris = append(uris, storage.NewFileURI(path))
	}
	f := newVisitThroughList(t, h, "guizhou")
	f.photos.dropped(uris)
	kittest.Settle(t)
	if len(f.photos.photos) != 3 {
		t.Fatalf("3 files dropped: %d photos", len(f.photos.photos))
	}
	a, b, c := f.photos.photos[0].Hash, f.photos.photos[1].Hash, f.photos.photos[2].Hash
	f.photos.move(c, -1)
	f.photos.remove(a)
	h.Keys.Save()
	kittest.Settle(t)
	guizhou := institutionNamed(t, store, "Guizhou University")
	vs := visitsOf(t, store, guizhou.ID)
	got := vs[len(vs)-1].Photos
	if len(got) != 2 || got[0].Hash != c || got[1].Hash != b {
		t.Errorf("saved order %v, want the third then the second", got)
	}
}
