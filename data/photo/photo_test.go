package photo

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/jpeg"
	"math"
	"testing"
	"time"

	"tiscdesk/data/photo/phototest"
)

// redAt says whether the pixel at (x, y) of a stored photo is the test
// picture's red quarter.
func redAt(t *testing.T, jpg []byte, fx, fy float64) bool {
	t.Helper()
	img, err := jpeg.Decode(bytes.NewReader(jpg))
	if err != nil {
		t.Fatal(err)
	}
	b := img.Bounds()
	r, g, bl, _ := img.At(b.Min.X+int(fx*float64(b.Dx())), b.Min.Y+int(fy*float64(b.Dy()))).RGBA()
	return r>>8 > 180 && g>>8 < 80 && bl>>8 < 80
}

func TestImportReadsEXIF(t *testing.T) {
	taken := time.Date(2026, 10, 15, 14, 30, 5, 0, time.UTC)
	raw := phototest.JPEG(400, 300, phototest.EXIF{GPS: true, Lat: 26.44611, Lon: -106.65917, Taken: taken})
	p, err := Import(raw)
	if err != nil {
		t.Fatal(err)
	}
	if p.Position == nil || math.Abs(p.Position.Lat-26.44611) > 1e-5 || math.Abs(p.Position.Lon+106.65917) > 1e-5 {
		t.Errorf("position %+v, want 26.44611, -106.65917", p.Position)
	}
	if !p.TakenAt.Equal(taken) {
		t.Errorf("taken at %v, want %v", p.TakenAt, taken)
	}
	if p.Width != 400 || p.Height != 300 || p.Hash != Hash(p.JPEG) || len(p.Thumb) == 0 {
		t.Errorf("a small photo stored as %d × %d, hash %s", p.Width, p.Height, p.Hash)
	}
	again, _ := Import(raw)
	if again.Hash != p.Hash {
		t.Error("the same file gave two hashes")
	}
	plain, _ := Import(phototest.JPEG(400, 300, phototest.EXIF{}))
	if plain.Position != nil || !plain.TakenAt.IsZero() {
		t.Errorf("a photo without EXIF has position %v, time %v", plain.Position, plain.TakenAt)
	}
}

// Each EXIF orientation turns the picture upright: its red quarter ends
// top-left, its sides swapped for 5-8.
func TestImportTurnsPhotosUpright(t *testing.T) {
	// The camera stored the picture as it lay on the sensor; orientation o
	// says how to turn it. Make the stored picture by undoing o on an
	// upright one, then check Import undoes that.
	upright := phototest.Picture(80, 60)
	for o := 1; o <= 8; o++ {
		stored := inverse(upright, o)
		var buf bytes.Buffer
		_ = jpeg.Encode(&buf, stored, &jpeg.Options{Quality: 95})
		p, err := Import(phototest.WithEXIF(buf.Bytes(), phototest.EXIF{Orientation: o}))
		if err != nil {
			t.Fatal(err)
		}
		if p.Width != 80 || p.Height != 60 {
			t.Errorf("orientation %d: %d × %d, want 80 × 60", o, p.Width, p.Height)
		}
		if !redAt(t, p.JPEG, 0.2, 0.2) || redAt(t, p.JPEG, 0.8, 0.8) || redAt(t, p.JPEG, 0.8, 0.2) {
			t.Errorf("orientation %d: the photo is not upright", o)
		}
	}
}

// inverse is the picture a camera stores for an upright img under EXIF
// orientation o: orient(inverse(img, o), o) == img.
func inverse(img *image.RGBA, o int) *image.RGBA {
	undo := map[int]int{1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 6: 8, 7: 7, 8: 6}
	return orient(img, undo[o])
}

func TestImportDownscalesALargePhoto(t *testing.T) {
	raw := phototest.JPEG(4800, 3600, phototest.EXIF{Orientation: 6})
	start := time.Now()
	p, err := Import(raw)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("4800 × 3600 (%d KB) → %d × %d (%d KB, thumbnail %d KB) in %v", len(raw)>>10, p.Width, p.Height, len(p.JPEG)>>10, len(p.Thumb)>>10, time.Since(start))
	if p.Width != 1200 || p.Height != 1600 {
		t.Errorf("stored as %d × %d, want 1200 × 1600 (turned, longest side 1,600)", p.Width, p.Height)
	}
	cfg, _ := jpeg.DecodeConfig(bytes.NewReader(p.Thumb))
	if max(cfg.Width, cfg.Height) != ThumbSide {
		t.Errorf("thumbnail %d × %d", cfg.Width, cfg.Height)
	}
}

func TestImportPNG(t *testing.T) {
	p, err := Import(phototest.PNG(2400, 1200))
	if err != nil {
		t.Fatal(err)
	}
	if p.Width != 1600 || p.Height != 800 || !redAt(t, p.JPEG, 0.2, 0.2) {
		t.Errorf("a PNG stored as %d × %d", p.Width, p.Height)
	}
}

// Files that are not photos, damaged ones and decompression bombs are
// refused with an error that says which, before much is allocated.
func TestImportRefuses(t *testing.T) {
	good := phototest.JPEG(64, 48, phototest.EXIF{})
	bomb := pngHeader(12000, 11000) // says 132 megapixels: refused before any is decoded
	jpegBomb := jpegSaying(good, 20000, 20000)
	for _, c := range []struct {
		name string
		raw  []byte
		want error
	}{
		{"text", []byte("Name,Email\n王芳,wang@example.cn\n"), ErrNotPhoto},
		{"empty", nil, ErrNotPhoto},
		{"GIF", []byte("GIF89a\x01\x00\x01\x00"), ErrNotPhoto},
		{"truncated JPEG", good[:len(good)/2], ErrDamaged},
		{"JPEG header only", good[:20], ErrDamaged},
		{"PNG signature only", []byte("\x89PNG\r\n\x1a\n"), ErrDamaged},
		{"decompression bomb", bomb, ErrTooLarge},
		{"JPEG saying 20000 × 20000", jpegBomb, ErrTooLarge},
	} {
		_, err := Import(c.raw)
		if !errors.Is(err, c.want) {
			t.Errorf("%s: %v; want %v", c.name, err, c.want)
		}
	}
	if _, err := ImportWithin(good, Limits{MaxBytes: 100, MaxPixels: 1 << 20}); !errors.Is(err, ErrTooLarge) {
		t.Errorf("a file over the byte limit: %v", err)
	}
}

func TestEXIFReaderSurvivesDamage(t *testing.T) {
	raw := phototest.JPEG(32, 32, phototest.EXIF{GPS: true, Lat: 31.2, Lon: 121.5, Orientation: 6, Taken: time.Now()})
	for cut := 0; cut < 400 && cut < len(raw); cut++ {
		_ = readEXIF(raw[:cut])
		b := bytes.Clone(raw)
		b[cut] ^= 0xFF
		_ = readEXIF(b)
	}
}

// jpegSaying is jpg with its frame header changed to say w × h pixels:
// the rest of the file still holds the small image's data.
func jpegSaying(jpg []byte, w, h int) []byte {
	out := bytes.Clone(jpg)
	i := bytes.Index(out, []byte{0xFF, 0xC0})
	if i < 0 {
		panic("no baseline frame header")
	}
	binary.BigEndian.PutUint16(out[i+5:], uint16(h))
	binary.BigEndian.PutUint16(out[i+7:], uint16(w))
	return out
}

// pngHeader is the start of a PNG file that says it is w × h pixels: all
// that DecodeConfig reads.
func pngHeader(w, h int) []byte {
	ihdr := make([]byte, 17)
	copy(ihdr, "IHDR")
	binary.BigEndian.PutUint32(ihdr[4:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[8:], uint32(h))
	ihdr[12], ihdr[13] = 8, 0 // 8-bit grey
	out := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0d")
	out = append(out, ihdr...)
	return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(ihdr))
}
