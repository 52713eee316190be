// Package phototest makes photo files for tests: JPEGs and PNGs drawn here,
// with an EXIF block saying what a camera would (orientation, position,
// time taken).
package phototest

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/jpeg"
	"image/png"
	"math"
	"time"
)

// EXIF is what a camera writes that TISC Desk reads.
type EXIF struct {
	Orientation int // 0: not written
	Lat, Lon    float64
	GPS         bool
	Taken       time.Time // zero: not written
}

// Picture draws a w × h picture: a red top-left quarter, the rest a
// gradient, so that a test can tell which way up it is.
func Picture(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		row := img.Pix[y*img.Stride : y*img.Stride+4*w]
		for x := 0; x < w; x++ {
			c := [4]byte{uint8(40 + 150*x/w), uint8(60 + 150*y/h), 200, 255}
			if x < w/2 && y < h/2 {
				c = [4]byte{230, 20, 20, 255}
			}
			copy(row[4*x:], c[:])
		}
	}
	return img
}

// JPEG encodes Picture(w, h) with the EXIF block e.
func JPEG(w, h int, e EXIF) []byte {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, Picture(w, h), &jpeg.Options{Quality: 90}); err != nil {
		panic(err)
	}
	return WithEXIF(buf.Bytes(), e)
}

// PNG encodes Picture(w, h).
func PNG(w, h int) []byte {
	var buf bytes.Buffer
	if err := png.Encode(&buf, Picture(w, h)); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

// WithEXIF puts an APP1 EXIF segment saying e right after the JPEG's SOI.
func WithEXIF(jpg []byte, e EXIF) []byte {
	if e.Orientation == 0 && !e.GPS && e.Taken.IsZero() {
		return jpg
	}
	le := binary.LittleEndian
	type entry struct {
		tag, typ uint16
		count    uint32
		data     []byte
	}
	short := func(v int) []byte { b := make([]byte, 2); le.PutUint16(b, uint16(v)); return b }
	long := func(v int) []byte { b := make([]byte, 4); le.PutUint32(b, uint32(v)); return b }
	dms := func(v float64) []byte {
		v = math.Abs(v)
		d := math.Floor(v)
		m := math.Floor((v - d) * 60)
		s := ((v-d)*60 - m) * 60
		b := make([]byte, 24)
		for i, r := range [][2]uint32{{uint32(d), 1}, {uint32(m), 1}, {uint32(math.Round(s * 10000)), 10000}} {
			le.PutUint32(b[i*8:], r[0])
			le.PutUint32(b[i*8+4:], r[1])
		}
		return b
	}
	// Lay out IFD0, then the Exif IFD, then the GPS IFD, each followed by
	// the values that do not fit in an entry.
	var ifd0, exifIFD, gpsIFD []entry
	if e.Orientation != 0 {
		ifd0 = append(ifd0, entry{0x0112, 3, 1, short(e.Orientation)})
	}
	if !e.Taken.IsZero() {
		exifIFD = append(exifIFD, entry{0x9003, 2, 20, append([]byte(e.Taken.Format("2006:01:02 15:04:05")), 0)})
	}
	if e.GPS {
		ns, ew := "N\x00", "E\x00"
		if e.Lat < 0 {
			ns = "S\x00"
		}
		if e.Lon < 0 {
			ew = "W\x00"
		}
		gpsIFD = []entry{{1, 2, 2, []byte(ns)}, {2, 5, 3, dms(e.Lat)}, {3, 2, 2, []byte(ew)}, {4, 5, 3, dms(e.Lon)}}
	}
	size := func(es []entry) int {
		n := 2 + 12*len(es) + 4
		for _, x := range es {
			if len(x.data) > 4 {
				n += len(x.data)
			}
		}
		return n
	}
	extra0 := 0
	if len(exifIFD) > 0 {
		extra0++
	}
	if len(gpsIFD) > 0 {
		extra0++
	}
	off0 := 8
	offExif := off0 + size(ifd0) + 12*extra0
	offGPS := offExif
	if len(exifIFD) > 0 {
		offGPS += size(exifIFD)
	}
	if len(exifIFD) > 0 {
		ifd0 = append(ifd0, entry{0x8769, 4, 1, long(offExif)})
	}
	if len(gpsIFD) > 0 {
		ifd0 = append(ifd0, entry{0x8825, 4, 1, long(offGPS)})
	}
	tiff := []byte("II*\x00")
	tiff = append(tiff, long(off0)...)
	write := func(es []entry, at int) {
		dataAt := at + 2 + 12*len(es) + 4
		var data []byte
		tiff = append(tiff, short(len(es))...)
		for _, x := range es {
			tiff = append(tiff, short(int(x.tag))...)
			tiff = append(tiff, short(int(x.typ))...)
			tiff = append(tiff, long(int(x.count))...)
			if len(x.data) <= 4 {
				tiff = append(tiff, append(x.data, make([]byte, 4-len(x.data))...)...)
			} else {
				tiff = append(tiff, long(dataAt+len(data))...)
				data = append(data, x.data...)
			}
		}
		tiff = append(tiff, 0, 0, 0, 0)
		tiff = append(tiff, data...)
	}
	write(ifd0, off0)
	if len(exifIFD) > 0 {
		write(exifIFD, offExif)
	}
	if len(gpsIFD) > 0 {
		write(gpsIFD, offGPS)
	}
	seg := append([]byte("Exif\x00\x00"), tiff...)
	out := []byte{0xFF, 0xD8, 0xFF, 0xE1, byte((len(seg) + 2) >> 8), byte(len(seg) + 2)}
	out = append(out, seg...)
	return append(out, jpg[2:]...)
}

// Scene draws a w × h picture with the grain of a real photo: the
// Picture's shapes, stripes of several widths and noise, numbered by seed
// so that each scene is a different photo.
func Scene(w, h int, seed uint32) *image.RGBA {
	img := Picture(w, h)
	x := seed*2654435761 + 1
	for y := 0; y < h; y++ {
		for i := 0; i < w; i++ {
			x ^= x << 13
			x ^= x >> 17
			x ^= x << 5
			o := img.PixOffset(i, y)
			stripe := uint8(0)
			if (i/(7+int(seed%5))+y/11)%3 == 0 {
				stripe = 30
			}
			for c := 0; c < 3; c++ {
				v := int(img.Pix[o+c]) + int(x>>(8*c)&31) - 16 - int(stripe)
				img.Pix[o+c] = uint8(min(255, max(0, v)))
			}
		}
	}
	return img
}

// SceneJPEG encodes Scene(w, h, seed) as a camera would (quality 92).
func SceneJPEG(w, h int, seed uint32, e EXIF) []byte {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, Scene(w, h, seed), &jpeg.Options{Quality: 92}); err != nil {
		panic(err)
	}
	return WithEXIF(buf.Bytes(), e)
}
