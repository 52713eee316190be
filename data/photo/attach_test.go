package photo_test

import (
	"testing"

	"tiscdesk/data/datatest"
	"tiscdesk/data/photo"
	"tiscdesk/data/photo/phototest"
	"tiscdesk/data/store"
)

// The same photo attached twice, to two visits, is stored once; the space
// Settings shows counts it once.
func TestSamePhotoIsStoredOnce(t *testing.T) {
	s := datatest.Open(t)
	raw := phototest.JPEG(800, 600, phototest.EXIF{GPS: true, Lat: 31.2, Lon: 121.5})
	a, err := photo.Attach(s, raw)
	if err != nil {
		t.Fatal(err)
	}
	b, err := photo.Attach(s, raw)
	if err != nil {
		t.Fatal(err)
	}
	if a.Hash != b.Hash || a.Position == nil {
		t.Fatalf("attached twice: %s and %s, position %v", a.Hash, b.Hash, a.Position)
	}
	other, _ := photo.Attach(s, phototest.PNG(300, 200))
	space, err := s.PhotoSpace()
	if err != nil {
		t.Fatal(err)
	}
	var stored []byte
	_ = s.View(func(tx *store.Tx) error { stored = tx.Photo(a.Hash); return nil })
	if space.Photos != 2 || space.Bytes < int64(len(stored)) || photo.Hash(stored) != a.Hash || other.Hash == a.Hash {
		t.Errorf("space %+v after the same photo twice and another", space)
	}
}
