package tabular

import (
	"bytes"
	"unicode/utf8"
)

// sharedStrings are a workbook's shared strings end to end in one string,
// with where each ends: 200,000 names held so cost their bytes and four
// more each, rather than a string header and an allocation each.
type sharedStrings struct {
	text string
	ends []uint32 // string i is text[ends[i-1]:ends[i]], from 0 for the first
}

func (s *sharedStrings) len() int { return len(s.ends) }

func (s *sharedStrings) at(i int) string {
	start := uint32(0)
	if i > 0 {
		start = s.ends[i-1]
	}
	return s.text[start:s.ends[i]]
}

// readStrings reads the shared strings as they decompress: each is its
// text, or the text of its runs, without the phonetic guides (rPh) Excel
// keeps for Chinese and Japanese. Line ends read as XML reads them (a
// carriage return written as such is a line feed).
func (wb *Workbook) readStrings() error {
	f := wb.files["xl/sharedStrings.xml"]
	if f == nil {
		return nil
	}
	s, err := openPart(f)
	if err != nil {
		return err
	}
	defer s.Close()
	fail := func(why string) error {
		if s.err != nil {
			return s.err
		}
		return damaged("shared strings: %s", why)
	}
	start, el, ok := s.nextElement()
	if !ok || el != elemSST {
		return fail("no <sst> element")
	}
	var slab, one []byte
	var ends []uint32
	if !s.skipTag(start) {
		for {
			s.release()
			start, el, ok := s.nextElement()
			if !ok {
				return fail("unexpected end of the part")
			}
			if el == elemEnd+elemSST {
				break
			}
			if el != elemSI {
				continue
			}
			one = one[:0]
			if !s.skipTag(start) {
				if one, ok = s.stringItem(one); !ok {
					return fail("unexpected end of a string")
				}
			}
			slab = appendOOXML(slab, one)
			if len(slab) > maxPart {
				return fail("too large")
			}
			ends = append(ends, uint32(len(slab)))
		}
	}
	if !utf8.Valid(slab) {
		return fail("invalid UTF-8")
	}
	wb.strings = sharedStrings{text: string(slab), ends: ends}
	return nil
}

// stringItem appends the text of the <si> just opened to dst, up to its
// </si>; false when the part ends first.
func (s *partStream) stringItem(dst []byte) ([]byte, bool) {
	for {
		start, el, ok := s.nextElement()
		if !ok {
			return dst, false
		}
		switch el {
		case elemEnd + elemSI:
			return dst, true
		case elemT:
			if s.skipTag(start) {
				continue
			}
			text, ok := s.text()
			if !ok {
				return dst, false
			}
			if bytes.IndexByte(text, '\r') >= 0 {
				text = bytes.ReplaceAll(bytes.ReplaceAll(text, []byte("\r\n"), []byte("\n")), []byte("\r"), []byte("\n"))
			}
			dst = unescapeXML(dst, text)
		case elemRPh:
			if !s.skipTag(start) && !s.skipPast("</rPh>") {
				return dst, false
			}
		}
	}
}
