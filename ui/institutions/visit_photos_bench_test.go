package institutions

import (
	"testing"

	"tiscdesk/data"
	"tiscdesk/data/photo"
	"tiscdesk/data/photo/phototest"
	"tiscdesk/ui/kit"
	"tiscdesk/ui/kit/kittest"
)

// BenchmarkVisitFormTwentyPhotos opens the form of a visit with 20 photos
// (of 1,600 × 1,200 pixels) until its thumbnails show: the form is built
// on the UI goroutine, the thumbnails read off it. Budget: 300 ms. "none"
// is the same form with no photo, for comparison.
func BenchmarkVisitFormTwentyPhotos(b *testing.B) {
	store := kittest.SampleStore(b)
	h := kittest.NewHost(b, store, kit.LangEnglish)
	vs, _ := store.Visits.Where(func(v *data.Visit) bool { return v.Counts() })
	v := vs[0]
	v.Photos = nil
	for i := range 20 {
		p, err := photo.Attach(store.Store, phototest.SceneJPEG(1600, 1200, uint32(i+1), phototest.EXIF{}))
		if err != nil {
			b.Fatal(err)
		}
		p.Caption = "阅览室 reading room"
		v.Photos = append(v.Photos, p)
	}
	if err := store.Visits.Put(v); err != nil {
		b.Fatal(err)
	}
	bare := *vs[1]
	bare.Photos = nil
	for _, c := range []struct {
		name string
		v    *data.Visit
	}{{"none", &bare}, {"twenty", v}} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				f := showVisitForm(h, c.v, nil)
				kittest.Settle(b)
				if len(f.photos.thumbs) != len(c.v.Photos) {
					b.Fatalf("%d thumbnails loaded", len(f.photos.thumbs))
				}
				f.dlg.Close()
			}
		})
	}
}
