package photo

import (
	"testing"
	"time"

	"tiscdesk/data/photo/phototest"
)

// FuzzImport feeds hostile files to the whole decoder path: the content
// sniffing, the EXIF reader, the JPEG and PNG decoders, the turning and
// the downscaling. Nothing may panic; whatever is accepted is a photo of
// at most LongestSide pixels a side, stored under its hash, whose
// thumbnail decodes. The pixel bound is lower than DefaultLimits' so that
// each input is quick: the bound is checked the same way.
func FuzzImport(f *testing.F) {
	f.Add(phototest.JPEG(24, 16, phototest.EXIF{Orientation: 6, GPS: true, Lat: 31.23, Lon: 121.47, Taken: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}))
	f.Add(phototest.JPEG(16, 24, phototest.EXIF{Orientation: 3}))
	f.Add(phototest.PNG(20, 10))
	f.Add([]byte("\xFF\xD8\xFF\xE1\x00\x10Exif\x00\x00MM\x00*\x00\x00\x00\x08"))
	f.Add([]byte("\x89PNG\r\n\x1a\n"))
	lim := Limits{MaxBytes: 1 << 20, MaxPixels: 1 << 16}
	f.Fuzz(func(t *testing.T, raw []byte) {
		_ = readEXIF(raw)
		p, err := ImportWithin(raw, lim)
		if err != nil {
			return
		}
		if p.Width < 1 || p.Height < 1 || p.Width > LongestSide || p.Height > LongestSide || p.Hash != Hash(p.JPEG) {
			t.Fatalf("accepted as %d × %d, hash %s", p.Width, p.Height, p.Hash)
		}
		if p.Position != nil && !p.Position.OnEarth() {
			t.Fatalf("position off the Earth: %+v", p.Position)
		}
		if _, err := DecodeStored(p.JPEG); err != nil {
			t.Fatalf("the stored photo does not decode: %v", err)
		}
		if _, err := DecodeStored(p.Thumb); err != nil {
			t.Fatalf("the thumbnail does not decode: %v", err)
		}
	})
}
