package assets

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"image/png"
	"io/fs"
	"os"
	"strings"
	"testing"
)

// TestFontIsTrueTypeWithCJK guards what the UI theme and fpdf need: a single
// TrueType (glyf) face, not a collection or CFF font, that has glyphs for
// Latin letters, digits and Chinese. A missing glyph shows as a box on
// screen and in every report.
func TestFontIsTrueTypeWithCJK(t *testing.T) {
	font := Font()
	if len(font) < 1<<20 {
		t.Fatalf("Font() is %d bytes, want over 1 MB", len(font))
	}
	if !bytes.HasPrefix(font, []byte{0x00, 0x01, 0x00, 0x00}) {
		t.Fatalf("Font() starts with % x, want the TrueType signature 00 01 00 00", font[:4])
	}
	tables, err := sfntTables(font)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := tables["glyf"]; !ok {
		t.Fatal("Font() has no 'glyf' table: fpdf needs TrueType outlines")
	}
	cmap, ok := tables["cmap"]
	if !ok {
		t.Fatal("Font() has no 'cmap' table")
	}
	subtables, err := unicodeSubtables(cmap)
	if err != nil {
		t.Fatal(err)
	}
	formats := map[uint16]bool{}
	for _, st := range subtables {
		formats[st.format] = true
	}
	if !formats[4] || !formats[12] {
		t.Fatalf("cmap has Unicode subtables of formats %v, want both 4 and 12", formats)
	}

	for _, r := range []rune{'A', 'z', '0', '中', '省', '选'} {
		var first uint32
		for i, st := range subtables {
			g, err := st.glyph(r)
			if err != nil {
				t.Fatalf("cmap format %d, rune %q: %v", st.format, r, err)
			}
			if g == 0 {
				t.Errorf("cmap format %d maps %q (U+%04X) to no glyph", st.format, r, r)
			}
			// Every Unicode subtable must agree; this also checks the parser.
			if i == 0 {
				first = g
			} else if g != first {
				t.Errorf("rune %q: cmap format %d gives glyph %d, format %d gives %d",
					r, subtables[0].format, first, st.format, g)
			}
		}
	}
	if FontName != "wqy-microhei.ttf" {
		t.Errorf("FontName = %q", FontName)
	}
}

func TestIconIs512PNG(t *testing.T) {
	img, err := png.Decode(bytes.NewReader(Icon()))
	if err != nil {
		t.Fatalf("decode Icon(): %v", err)
	}
	if b := img.Bounds(); b.Dx() != 512 || b.Dy() != 512 {
		t.Errorf("Icon() is %dx%d, want 512x512", b.Dx(), b.Dy())
	}
}

// TestTranslationsAreJSONObjects checks what Fyne's lang package loads:
// one JSON object per language.
func TestTranslationsAreJSONObjects(t *testing.T) {
	for _, name := range []string{"tiscdesk.en.json", "tiscdesk.zh_Hans.json"} {
		data, err := fs.ReadFile(Translations, "translations/"+name)
		if err != nil {
			t.Errorf("read %s: %v", name, err)
			continue
		}
		var strs map[string]any
		if err := json.Unmarshal(data, &strs); err != nil {
			t.Errorf("%s is not a JSON object: %v", name, err)
		}
	}
}

// sfntTables returns the tables of a TrueType file by tag, each slice
// holding exactly the table's bytes.
func sfntTables(font []byte) (map[string][]byte, error) {
	if len(font) < 12 {
		return nil, fmt.Errorf("font header truncated")
	}
	n := int(binary.BigEndian.Uint16(font[4:]))
	tables := make(map[string][]byte, n)
	for i := range n {
		rec := 12 + 16*i
		if rec+16 > len(font) {
			return nil, fmt.Errorf("table directory truncated at record %d", i)
		}
		tag := string(font[rec : rec+4])
		off := int(binary.BigEndian.Uint32(font[rec+8:]))
		length := int(binary.BigEndian.Uint32(font[rec+12:]))
		if off < 0 || length < 0 || off+length > len(font) {
			return nil, fmt.Errorf("table %q at %d+%d lies outside the font", tag, off, length)
		}
		tables[tag] = font[off : off+length]
	}
	return tables, nil
}

// cmapSubtable is one Unicode character-to-glyph map of format 4 or 12.
type cmapSubtable struct {
	format uint16
	data   []byte // from the subtable's start to the end of the cmap table
}

// unicodeSubtables returns the cmap subtables of formats 4 and 12 for
// Unicode encodings: platform 0 (Unicode) or platform 3 (Windows) with
// encoding 1 (BMP) or 10 (full repertoire).
func unicodeSubtables(cmap []byte) ([]cmapSubtable, error) {
	if len(cmap) < 4 {
		return nil, fmt.Errorf("cmap header truncated")
	}
	n := int(binary.BigEndian.Uint16(cmap[2:]))
	var out []cmapSubtable
	for i := range n {
		rec := 4 + 8*i
		if rec+8 > len(cmap) {
			return nil, fmt.Errorf("cmap record %d truncated", i)
		}
		platform := binary.BigEndian.Uint16(cmap[rec:])
		encoding := binary.BigEndian.Uint16(cmap[rec+2:])
		off := int(binary.BigEndian.Uint32(cmap[rec+4:]))
		if off+2 > len(cmap) {
			return nil, fmt.Errorf("cmap subtable %d at %d lies outside cmap", i, off)
		}
		unicode := platform == 0 || (platform == 3 && (encoding == 1 || encoding == 10))
		format := binary.BigEndian.Uint16(cmap[off:])
		if unicode && (format == 4 || format == 12) {
			out = append(out, cmapSubtable{format: format, data: cmap[off:]})
		}
	}
	return out, nil
}

// glyph returns the glyph index for r, 0 if the subtable has none.
func (st cmapSubtable) glyph(r rune) (uint32, error) {
	if st.format == 4 {
		return glyphFormat4(st.data, r)
	}
	return glyphFormat12(st.data, r)
}

// glyphFormat4 looks r up in a segment mapping to delta values (BMP only).
func glyphFormat4(d []byte, r rune) (uint32, error) {
	if r > 0xFFFF {
		return 0, nil
	}
	c := uint16(r)
	if len(d) < 14 {
		return 0, fmt.Errorf("format 4 header truncated")
	}
	segs := int(binary.BigEndian.Uint16(d[6:])) / 2
	ends := 14
	starts := ends + 2*segs + 2 // after endCode[] and reservedPad
	deltas := starts + 2*segs
	rangeOffs := deltas + 2*segs
	if rangeOffs+2*segs > len(d) {
		return 0, fmt.Errorf("format 4 segment arrays truncated")
	}
	for i := range segs {
		end := binary.BigEndian.Uint16(d[ends+2*i:])
		if c > end {
			continue
		}
		start := binary.BigEndian.Uint16(d[starts+2*i:])
		if c < start {
			return 0, nil
		}
		delta := binary.BigEndian.Uint16(d[deltas+2*i:])
		ro := int(binary.BigEndian.Uint16(d[rangeOffs+2*i:]))
		if ro == 0 {
			return uint32(c + delta), nil // modulo 65536, as the spec says
		}
		// idRangeOffset counts bytes from its own position into glyphIdArray.
		at := rangeOffs + 2*i + ro + 2*int(c-start)
		if at+2 > len(d) {
			return 0, fmt.Errorf("format 4 glyph index for U+%04X outside the subtable", c)
		}
		g := binary.BigEndian.Uint16(d[at:])
		if g == 0 {
			return 0, nil
		}
		return uint32(g + delta), nil
	}
	return 0, nil
}

// glyphFormat12 looks r up in a segmented coverage table (all planes).
func glyphFormat12(d []byte, r rune) (uint32, error) {
	if len(d) < 16 {
		return 0, fmt.Errorf("format 12 header truncated")
	}
	n := int(binary.BigEndian.Uint32(d[12:]))
	if n > (len(d)-16)/12 {
		return 0, fmt.Errorf("format 12 groups truncated")
	}
	c := uint32(r)
	for i := range n {
		grp := d[16+12*i:]
		first := binary.BigEndian.Uint32(grp)
		last := binary.BigEndian.Uint32(grp[4:])
		if c >= first && c <= last {
			return binary.BigEndian.Uint32(grp[8:]) + c - first, nil
		}
	}
	return 0, nil
}

// TestVersionMatchesFyneApp keeps the version the program prints equal to
// the one packages carry.
func TestVersionMatchesFyneApp(t *testing.T) {
	raw, err := os.ReadFile("../FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(raw), `Version = "`+Version+`"`) {
		t.Fatalf("FyneApp.toml does not carry Version = %q", Version)
	}
}
