package photo

import (
	"bytes"
	"encoding/binary"
	"math"
	"strings"
	"time"

	"tiscdesk/data/model"
)

// exifFacts are what TISC Desk reads of a photo's EXIF: how to turn it
// upright, where and when it was taken. The zero value says nothing.
type exifFacts struct {
	orientation int // 1-8 as EXIF numbers them; 0 when not said
	position    *model.GeoPoint
	taken       time.Time // the camera's local time, read as UTC; zero when not said
}

// EXIF tags read.
const (
	tagOrientation = 0x0112
	tagExifIFD     = 0x8769
	tagGPSIFD      = 0x8825
	tagDateTimeOrg = 0x9003
	tagDateTime    = 0x0132
	tagGPSLatRef   = 1
	tagGPSLat      = 2
	tagGPSLonRef   = 3
	tagGPSLon      = 4
)

// readEXIF finds the EXIF block of a JPEG file (its APP1 segment) and reads
// it. Whatever is missing or malformed is left unsaid: a photo with a
// damaged EXIF block is still a photo.
func readEXIF(jpg []byte) exifFacts {
	if len(jpg) < 4 || jpg[0] != 0xFF || jpg[1] != 0xD8 {
		return exifFacts{}
	}
	for i := 2; i+4 <= len(jpg); {
		if jpg[i] != 0xFF {
			return exifFacts{}
		}
		marker := jpg[i+1]
		if marker == 0xFF { // fill byte
			i++
			continue
		}
		if marker == 0xDA || marker == 0xD9 { // the image data begins: no EXIF after it
			return exifFacts{}
		}
		n := int(binary.BigEndian.Uint16(jpg[i+2:]))
		if n < 2 || i+2+n > len(jpg) {
			return exifFacts{}
		}
		seg := jpg[i+4 : i+2+n]
		if marker == 0xE1 && bytes.HasPrefix(seg, []byte("Exif\x00\x00")) {
			return readTIFF(seg[6:])
		}
		i += 2 + n
	}
	return exifFacts{}
}

// tiff is an EXIF block: a TIFF header and its directories.
type tiff struct {
	b     []byte
	order binary.ByteOrder
}

type ifdEntry struct {
	tag, typ uint16
	count    uint32
	value    []byte // the value's bytes, inline or at their offset; nil when out of bounds
}

func readTIFF(b []byte) exifFacts {
	var t tiff
	switch {
	case len(b) < 8:
		return exifFacts{}
	case string(b[:4]) == "II*\x00":
		t = tiff{b, binary.LittleEndian}
	case string(b[:4]) == "MM\x00*":
		t = tiff{b, binary.BigEndian}
	default:
		return exifFacts{}
	}
	var f exifFacts
	ifd0 := t.ifd(t.order.Uint32(b[4:]))
	var exifAt, gpsAt uint32
	var dateTime string
	for _, e := range ifd0 {
		switch e.tag {
		case tagOrientation:
			if o := t.short(e); o >= 1 && o <= 8 {
				f.orientation = o
			}
		case tagExifIFD:
			exifAt = t.long(e)
		case tagGPSIFD:
			gpsAt = t.long(e)
		case tagDateTime:
			dateTime = t.ascii(e)
		}
	}
	if exifAt != 0 {
		for _, e := range t.ifd(exifAt) {
			if e.tag == tagDateTimeOrg {
				dateTime = t.ascii(e)
			}
		}
	}
	if ts, err := time.Parse("2006:01:02 15:04:05", strings.TrimSpace(dateTime)); err == nil {
		f.taken = ts
	}
	if gpsAt != 0 {
		f.position = t.gps(t.ifd(gpsAt))
	}
	return f
}

// ifd reads the directory at offset: at most 512 entries, those whose
// values lie within the block.
func (t tiff) ifd(offset uint32) []ifdEntry {
	if offset < 8 || uint64(offset)+2 > uint64(len(t.b)) {
		return nil
	}
	n := int(t.order.Uint16(t.b[offset:]))
	if n > 512 {
		return nil
	}
	var out []ifdEntry
	for i := 0; i < n; i++ {
		at := uint64(offset) + 2 + uint64(i)*12
		if at+12 > uint64(len(t.b)) {
			break
		}
		raw := t.b[at : at+12]
		e := ifdEntry{tag: t.order.Uint16(raw), typ: t.order.Uint16(raw[2:]), count: t.order.Uint32(raw[4:])}
		size := uint64(typeSize(e.typ)) * uint64(e.count)
		switch {
		case size == 0:
		case size <= 4:
			e.value = raw[8 : 8+size]
		default:
			if off := uint64(t.order.Uint32(raw[8:])); off+size <= uint64(len(t.b)) {
				e.value = t.b[off : off+size]
			}
		}
		out = append(out, e)
	}
	return out
}

func typeSize(typ uint16) int {
	switch typ {
	case 1, 2, 6, 7:
		return 1
	case 3, 8:
		return 2
	case 4, 9, 11:
		return 4
	case 5, 10, 12:
		return 8
	}
	return 0
}

func (t tiff) short(e ifdEntry) int {
	switch {
	case e.typ == 3 && len(e.value) >= 2:
		return int(t.order.Uint16(e.value))
	case e.typ == 4 && len(e.value) >= 4:
		return int(t.order.Uint32(e.value))
	}
	return 0
}

func (t tiff) long(e ifdEntry) uint32 {
	if (e.typ == 4 || e.typ == 13) && len(e.value) >= 4 {
		return t.order.Uint32(e.value)
	}
	return 0
}

func (t tiff) ascii(e ifdEntry) string {
	if e.typ != 2 {
		return ""
	}
	return string(bytes.TrimRight(e.value, "\x00"))
}

// rationals reads e's unsigned fractions.
func (t tiff) rationals(e ifdEntry) []float64 {
	if e.typ != 5 {
		return nil
	}
	var out []float64
	for i := 0; i+8 <= len(e.value); i += 8 {
		num, den := t.order.Uint32(e.value[i:]), t.order.Uint32(e.value[i+4:])
		if den == 0 {
			return nil
		}
		out = append(out, float64(num)/float64(den))
	}
	return out
}

// gps reads latitude and longitude (degrees, minutes, seconds with their
// hemisphere letters); nil unless both are there and on the Earth.
func (t tiff) gps(entries []ifdEntry) *model.GeoPoint {
	var latRef, lonRef string
	var lat, lon []float64
	for _, e := range entries {
		switch e.tag {
		case tagGPSLatRef:
			latRef = t.ascii(e)
		case tagGPSLat:
			lat = t.rationals(e)
		case tagGPSLonRef:
			lonRef = t.ascii(e)
		case tagGPSLon:
			lon = t.rationals(e)
		}
	}
	if len(lat) != 3 || len(lon) != 3 {
		return nil
	}
	g := &model.GeoPoint{Lat: lat[0] + lat[1]/60 + lat[2]/3600, Lon: lon[0] + lon[1]/60 + lon[2]/3600}
	if latRef == "S" {
		g.Lat = -g.Lat
	}
	if lonRef == "W" {
		g.Lon = -g.Lon
	}
	g.Lat, g.Lon = math.Round(g.Lat*1e7)/1e7, math.Round(g.Lon*1e7)/1e7
	if !g.OnEarth() {
		return nil
	}
	return g
}
