// Package photo reads the photos a field officer attaches to a visit
// (DESIGN section 13): a JPEG or PNG file is checked, turned upright as its
// EXIF says, downscaled to at most 1,600 pixels on its longest side and
// stored as a JPEG, with a small thumbnail, the time it was taken and the
// position from its EXIF. Every byte of a photo comes from outside, so
// every size is bounded before anything is allocated for it.
package photo

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"time"

	"golang.org/x/image/draw"

	"tiscdesk/data/model"
)

// Sizes of what is stored.
const (
	LongestSide = 1600 // a stored photo's longest side, in pixels
	ThumbSide   = 320  // a thumbnail's
	quality     = 85   // JPEG quality of a stored photo
	thumbQ      = 75
)

// Limits bound what Import accepts.
type Limits struct {
	MaxBytes  int // the file's size
	MaxPixels int // width × height, checked before the image is decoded
}

// DefaultLimits take any camera's or phone's photo (a 100-megapixel frame
// is 100 million pixels) and refuse files made to exhaust the memory.
var DefaultLimits = Limits{MaxBytes: 64 << 20, MaxPixels: 120_000_000}

// Errors of Import, for the window to say in the user's language.
var (
	ErrNotPhoto = errors.New("is not a JPEG or PNG photo")
	ErrDamaged  = errors.New("is a damaged JPEG or PNG file")
	ErrTooLarge = errors.New("is too large to be a photo")
)

// Photo is a photo as stored: the downscaled JPEG, its thumbnail and what
// its EXIF said.
type Photo struct {
	JPEG     []byte
	Thumb    []byte
	Hash     string // of JPEG: the key it is stored under
	Width    int
	Height   int
	TakenAt  time.Time       // zero when the photo does not say
	Position *model.GeoPoint // nil when the photo does not say
}

// Import reads a photo file's bytes within DefaultLimits.
func Import(raw []byte) (*Photo, error) { return ImportWithin(raw, DefaultLimits) }

// ImportWithin reads a photo file's bytes: a JPEG or PNG, known by its
// content. Returns an error wrapping ErrNotPhoto for anything else,
// ErrTooLarge past the limits and ErrDamaged when the image cannot be
// decoded. The same file always gives the same bytes and so the same hash.
func ImportWithin(raw []byte, lim Limits) (*Photo, error) {
	if len(raw) > lim.MaxBytes {
		return nil, fmt.Errorf("%d MB: %w", len(raw)>>20, ErrTooLarge)
	}
	var isJPEG bool
	switch {
	case bytes.HasPrefix(raw, []byte{0xFF, 0xD8, 0xFF}):
		isJPEG = true
	case bytes.HasPrefix(raw, []byte("\x89PNG\r\n\x1a\n")):
	default:
		return nil, ErrNotPhoto
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("%v: %w", err, ErrDamaged)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return nil, ErrDamaged
	}
	if int64(cfg.Width)*int64(cfg.Height) > int64(lim.MaxPixels) {
		return nil, fmt.Errorf("%d × %d pixels: %w", cfg.Width, cfg.Height, ErrTooLarge)
	}
	var img image.Image
	if isJPEG {
		img, err = jpeg.Decode(bytes.NewReader(raw))
	} else {
		img, err = png.Decode(bytes.NewReader(raw))
	}
	if err != nil {
		return nil, fmt.Errorf("%v: %w", err, ErrDamaged)
	}
	var facts exifFacts
	if isJPEG {
		facts = readEXIF(raw)
	}
	full := orient(fit(img, LongestSide), facts.orientation)
	p := &Photo{Width: full.Bounds().Dx(), Height: full.Bounds().Dy(), TakenAt: facts.taken, Position: facts.position}
	if p.JPEG, err = encode(full, quality); err != nil {
		return nil, err
	}
	if p.Thumb, err = encode(fit(full, ThumbSide), thumbQ); err != nil {
		return nil, err
	}
	p.Hash = Hash(p.JPEG)
	return p, nil
}

// Hash is the key of a stored photo: the hex SHA-256 of its bytes.
func Hash(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// Thumbnail makes the thumbnail of a stored photo (for a photo received
// without one). Returns ErrDamaged when jpg is not a JPEG.
func Thumbnail(jpg []byte) ([]byte, error) {
	img, err := DecodeStored(jpg)
	if err != nil {
		return nil, err
	}
	return encode(fit(img, ThumbSide), thumbQ)
}

// Shrink re-encodes a stored photo at most side pixels on its longest side
// and the given JPEG quality: the visit report's copy.
func Shrink(jpg []byte, side, q int) ([]byte, error) {
	img, err := DecodeStored(jpg)
	if err != nil {
		return nil, err
	}
	return encode(fit(img, side), q)
}

// DecodeStored decodes a stored photo (a JPEG of at most LongestSide
// pixels a side, as Import makes them, or as a bundle claims). Returns an
// error wrapping ErrDamaged for anything else.
func DecodeStored(jpg []byte) (image.Image, error) {
	cfg, err := jpeg.DecodeConfig(bytes.NewReader(jpg))
	if err != nil {
		return nil, fmt.Errorf("%v: %w", err, ErrDamaged)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width > LongestSide || cfg.Height > LongestSide {
		return nil, fmt.Errorf("a stored photo of %d × %d pixels: %w", cfg.Width, cfg.Height, ErrDamaged)
	}
	img, err := jpeg.Decode(bytes.NewReader(jpg))
	if err != nil {
		return nil, fmt.Errorf("%v: %w", err, ErrDamaged)
	}
	return img, nil
}

// fit scales img down (never up) so that its longest side is at most side,
// onto white (a transparent PNG's background).
func fit(img image.Image, side int) *image.RGBA {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	if long := max(w, h); long > side {
		w, h = max(1, (w*side+long/2)/long), max(1, (h*side+long/2)/long)
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(dst, dst.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	if w == b.Dx() && h == b.Dy() {
		draw.Draw(dst, dst.Bounds(), img, b.Min, draw.Over)
		return dst
	}
	draw.ApproxBiLinear.Scale(dst, dst.Bounds(), img, b, draw.Over, nil)
	return dst
}

// orient turns src upright as EXIF orientation o says (1, or 0 for not
// said, leaves it as it is).
func orient(src *image.RGBA, o int) *image.RGBA {
	if o <= 1 || o > 8 {
		return src
	}
	w, h := src.Bounds().Dx(), src.Bounds().Dy()
	dw, dh := w, h
	if o >= 5 {
		dw, dh = h, w
	}
	dst := image.NewRGBA(image.Rect(0, 0, dw, dh))
	for dy := 0; dy < dh; dy++ {
		for dx := 0; dx < dw; dx++ {
			var sx, sy int
			switch o {
			case 2:
				sx, sy = w-1-dx, dy
			case 3:
				sx, sy = w-1-dx, h-1-dy
			case 4:
				sx, sy = dx, h-1-dy
			case 5:
				sx, sy = dy, dx
			case 6:
				sx, sy = dy, h-1-dx
			case 7:
				sx, sy = w-1-dy, h-1-dx
			case 8:
				sx, sy = w-1-dy, dx
			}
			si, di := src.PixOffset(sx, sy), dst.PixOffset(dx, dy)
			copy(dst.Pix[di:di+4], src.Pix[si:si+4])
		}
	}
	return dst
}

func encode(img image.Image, q int) ([]byte, error) {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: q}); err != nil {
		return nil, fmt.Errorf("encode a photo: %w", err)
	}
	return buf.Bytes(), nil
}
