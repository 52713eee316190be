package exchange

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tiscdesk/data/datatest"
	"tiscdesk/data/model"
	"tiscdesk/data/photo"
	"tiscdesk/data/photo/phototest"
	"tiscdesk/data/store"
)

// photoVisit gives a's first visit of fx two photos, one of them shown by
// a second visit as well, and returns the photos.
func photoVisits(t *testing.T, a *store.Store, fx exchangeBase) (model.Photo, model.Photo) {
	t.Helper()
	p1, err := photo.Attach(a, phototest.JPEG(640, 480, phototest.EXIF{GPS: true, Lat: 30.66, Lon: 104.06}))
	if err != nil {
		t.Fatal(err)
	}
	p2, err := photo.Attach(a, phototest.PNG(300, 500))
	if err != nil {
		t.Fatal(err)
	}
	p1.Caption, p2.Caption = "阅览室", "plaque"
	for i, photos := range [][]model.Photo{{p1, p2}, {p2}} {
		v := &model.Visit{Institution: fx.insts[i], Date: "2026-10-15", Kind: model.VisitAssessment, Photos: photos}
		if err := a.Visits.Put(v); err != nil {
			t.Fatal(err)
		}
	}
	return p1, p2
}

func photoBytes(s *store.Store, hash string) []byte {
	var b []byte
	_ = s.View(func(tx *store.Tx) error { b = tx.Photo(hash); return nil })
	return b
}

// Photos travel with their visits, each once: a photo two visits show is
// one entry of the bundle, a photo the receiver has is not stored again,
// and a bundle of changes carries only the photos of the visits changed.
func TestPhotosTravelOnce(t *testing.T) {
	a, b := datatest.OpenNamed(t, "a"), datatest.OpenNamed(t, "b")
	fx := seedBase(t, a, 3)
	p1, p2 := photoVisits(t, a, fx)
	path, m := exportBundle(t, a, "")
	if m.Photos != 2 {
		t.Fatalf("the bundle carries %d photos, want 2", m.Photos)
	}
	_, files := unzipBundle(t, readFile(t, path))
	n := 0
	for name := range files {
		if strings.HasPrefix(name, "photos/") && !strings.HasSuffix(name, ".thumb.jpg") {
			n++
		}
	}
	if n != 2 {
		t.Errorf("the zip holds %d photos, want 2 (one of them shown by two visits)", n)
	}
	rep := mergeFile(t, b, path)
	if rep.Photos != 2 || photo.Hash(photoBytes(b, p1.Hash)) != p1.Hash || photoBytes(b, p2.Hash) == nil {
		t.Fatalf("b stored %d photos", rep.Photos)
	}
	vs, _ := b.Visits.Where(func(v *model.Visit) bool { return len(v.Photos) == 2 })
	if len(vs) != 1 || vs[0].Photos[0].Caption != "阅览室" || vs[0].Photos[0].Position == nil {
		t.Errorf("b's visit with two photos: %+v", vs)
	}
	space, _ := b.PhotoSpace()
	if rep := mergeFile(t, b, path); rep.Photos != 0 {
		t.Errorf("merged again, %d photos stored again", rep.Photos)
	}
	if again, _ := b.PhotoSpace(); again != space {
		t.Errorf("merged again, the photos take %+v, were %+v", again, space)
	}
	// b edits a caption: its bundle for a carries the visit, whose photos a has.
	v := vs[0]
	v.Photos[1].Caption = "揭牌仪式"
	if err := b.Visits.Put(v); err != nil {
		t.Fatal(err)
	}
	path, m = exportBundle(t, b, a.DeviceID())
	if m.Count("visits") != 1 || m.Photos != 2 {
		t.Errorf("b's bundle of changes: %d visits, %d photos", m.Count("visits"), m.Photos)
	}
	if rep := mergeFile(t, a, path); rep.Photos != 0 {
		t.Errorf("a stored %d photos it had", rep.Photos)
	}
	got, _ := a.Visits.Get(v.ID)
	if got.Photos[1].Caption != "揭牌仪式" {
		t.Errorf("a's caption: %q", got.Photos[1].Caption)
	}
}

// A bundle made with NoPhotos carries the visits and their captions but no
// photo; the visit report there says the photos are not on that computer.
func TestBundleWithoutPhotos(t *testing.T) {
	a, b := datatest.OpenNamed(t, "a"), datatest.OpenNamed(t, "b")
	fx := seedBase(t, a, 2)
	p1, _ := photoVisits(t, a, fx)
	path := filepath.Join(t.TempDir(), "small.tiscx")
	m, err := SaveBundle(a, path, false, ExportOptions{NoPhotos: true})
	if err != nil {
		t.Fatal(err)
	}
	with, _ := exportBundle(t, a, "")
	if m.Photos != 0 || fileSize(t, path) >= fileSize(t, with) {
		t.Errorf("without photos: %d photos, %d bytes (with: %d)", m.Photos, fileSize(t, path), fileSize(t, with))
	}
	rep := mergeFile(t, b, path)
	if rep.Photos != 0 || photoBytes(b, p1.Hash) != nil {
		t.Errorf("b stored photos from a bundle without them")
	}
	vs, _ := b.Visits.Where(func(v *model.Visit) bool { return len(v.Photos) == 2 })
	if len(vs) != 1 {
		t.Fatalf("b's visits lost their photos' names and captions")
	}
	// The photos follow later, in a bundle with them.
	if rep := mergeFile(t, b, with); rep.Photos != 2 {
		t.Errorf("the later bundle stored %d photos", rep.Photos)
	}
}

// A photo whose bytes do not match its name makes the bundle damaged, and
// nothing of it is merged.
func TestTamperedPhotoRefusesTheBundle(t *testing.T) {
	a, b := datatest.OpenNamed(t, "a"), datatest.OpenNamed(t, "b")
	fx := seedBase(t, a, 2)
	p1, _ := photoVisits(t, a, fx)
	path, _ := exportBundle(t, a, "")
	raw := rewriteBundle(t, readFile(t, path), func(m *Manifest, files map[string][]byte) {
		files["photos/"+p1.Hash+".jpg"] = phototest.JPEG(64, 64, phototest.EXIF{})
	})
	before, _ := b.Counts()
	_, err := MergeBundle(context.Background(), b, bytesReader(raw), int64(len(raw)), MergeOptions{})
	if !errors.Is(err, ErrBundleDamaged) {
		t.Fatalf("a tampered photo: %v", err)
	}
	after, _ := b.Counts()
	if after != before || photoBytes(b, p1.Hash) != nil {
		t.Errorf("the refused bundle changed b: %+v -> %+v", before, after)
	}
	raw = rewriteBundle(t, readFile(t, path), func(m *Manifest, files map[string][]byte) { m.Photos = 5 })
	if _, err := MergeBundle(context.Background(), b, bytesReader(raw), int64(len(raw)), MergeOptions{}); !errors.Is(err, ErrBundleDamaged) {
		t.Errorf("a manifest counting photos that are not there: %v", err)
	}
}

// Restoring an old version makes a new version that travels: the other
// machine gets the restored fields, and keeps the version it replaced.
func TestRestoredVersionTravels(t *testing.T) {
	a, b := datatest.OpenNamed(t, "a"), datatest.OpenNamed(t, "b")
	fx := seedBase(t, a, 2)
	editInstitution(t, a, fx.insts[0], "first notes")
	editInstitution(t, a, fx.insts[0], "wrong notes")
	syncAll(t, a, b)
	vs, err := a.History(fx.insts[0])
	if err != nil {
		t.Fatal(err)
	}
	var first uint64
	for _, v := range vs {
		if strings.Contains(string(v.Record), "first notes") {
			first = v.Seq
		}
	}
	if first == 0 {
		t.Fatalf("a's history lacks the first notes: %d versions", len(vs))
	}
	if err := a.Restore(fx.insts[0], first); err != nil {
		t.Fatal(err)
	}
	path, _ := exportBundle(t, a, "")
	if rep := mergeFile(t, b, path); rep.Total().Updated != 1 {
		t.Errorf("b's merge: %+v", rep.Total())
	}
	if got, _ := institutionNotes(t, b, fx.insts[0]); got != "first notes" {
		t.Errorf("b's notes after the restore travelled: %q", got)
	}
	bv, _ := b.History(fx.insts[0])
	if len(bv) < 2 || !strings.Contains(string(bv[len(bv)-2].Record), "wrong notes") {
		t.Errorf("b did not keep the version the merge replaced: %d versions", len(bv))
	}
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func fileSize(t *testing.T, path string) int64 {
	t.Helper()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return st.Size()
}

func bytesReader(b []byte) *bytes.Reader { return bytes.NewReader(b) }
