package tabular

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
)

// partStream reads one part of a workbook (a sheet, the shared strings) as
// it decompresses, through a window that holds what is being scanned rather
// than the whole part: a sheet of 100,000 rows decompresses to about 50 MB.
// Positions into buf stay valid until release, which the scanners call only
// where they hold none (between rows, between shared strings).
type partStream struct {
	r    io.ReadCloser
	name string
	buf  []byte // buf[:len] is what has been read and not released
	pos  int
	read int64 // bytes decompressed so far
	eof  bool
	err  error // why the part could not be read; sticky
}

// streamChunk is how much is read at a time, and the window's first size.
const streamChunk = 64 << 10

var errSheet = errors.New("the sheet's XML is damaged")

func openPart(f *zip.File) (*partStream, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, damaged("%s: %v", f.Name, err)
	}
	return &partStream{r: rc, name: f.Name, buf: make([]byte, 0, streamChunk)}, nil
}

func (s *partStream) Close() error { return s.r.Close() }

// more reads more of the part onto the end of buf, growing the window when
// it is full; false at the end of the part or when it cannot be read (s.err).
func (s *partStream) more() bool {
	for !s.eof && s.err == nil {
		if cap(s.buf)-len(s.buf) < streamChunk/2 {
			grown := make([]byte, len(s.buf), 2*cap(s.buf)+streamChunk)
			copy(grown, s.buf)
			s.buf = grown
		}
		n, err := s.r.Read(s.buf[len(s.buf):cap(s.buf)])
		s.buf = s.buf[:len(s.buf)+n]
		s.read += int64(n)
		switch {
		case s.read > maxPart:
			s.err = damaged("%s is larger than %d MB", s.name, maxPart>>20)
			return false
		case err == io.EOF:
			s.eof = true
		case err != nil:
			s.err = damaged("%s: %v", s.name, err)
		}
		if n > 0 {
			return true
		}
	}
	return false
}

// release forgets what lies before pos, so that the window does not grow
// with the part. Positions taken before it are no longer valid.
func (s *partStream) release() {
	if s.pos < streamChunk/2 && s.pos < len(s.buf) {
		return // not worth a copy yet
	}
	n := copy(s.buf, s.buf[s.pos:])
	s.buf = s.buf[:n]
	s.pos = 0
}

// indexByte is the position of the first c at or after from, reading more
// as needed; -1 when the part ends first.
func (s *partStream) indexByte(from int, c byte) int {
	for {
		if i := bytes.IndexByte(s.buf[from:], c); i >= 0 {
			return from + i
		}
		from = len(s.buf)
		if !s.more() {
			return -1
		}
	}
}

// index is the position of the first sep at or after from, reading more as
// needed; -1 when the part ends first.
func (s *partStream) index(from int, sep string) int {
	for {
		if i := bytes.Index(s.buf[from:], []byte(sep)); i >= 0 {
			return from + i
		}
		from = max(from, len(s.buf)-len(sep)+1)
		if !s.more() {
			return -1
		}
	}
}

// seek moves to the first sep, releasing what it passes; false when the
// part ends first.
func (s *partStream) seek(sep string) bool {
	// Looked for by its first capital, rarer in a sheet than the '<' that
	// starts every tag: the pre-walk for merged ranges passes the whole
	// sheet (bytes.Index, led by '<', took twice as long).
	k := 0
	for i := 0; i < len(sep); i++ {
		if sep[i] >= 'A' && sep[i] <= 'Z' {
			k = i
			break
		}
	}
	for {
		if i := indexBy(s.buf[s.pos:], sep, k); i >= 0 {
			s.pos += i
			return true
		}
		s.pos = max(s.pos, len(s.buf)-len(sep)+1)
		s.release()
		if !s.more() {
			return false
		}
	}
}

// indexBy is bytes.Index(b, sep), found by looking for sep[k].
func indexBy(b []byte, sep string, k int) int {
	for i := k; i < len(b); {
		j := bytes.IndexByte(b[i:], sep[k])
		if j < 0 {
			return -1
		}
		at := i + j - k
		if at+len(sep) > len(b) {
			return -1 // and so would any later one: the caller reads more
		}
		if string(b[at:at+len(sep)]) == sep {
			return at
		}
		i += j + 1
	}
	return -1
}

// The elements the scanners look for; any other is elemOther.
type element uint8

const (
	elemOther element = iota
	elemRow
	elemC
	elemV
	elemT
	elemRPh
	elemSheetData
	elemMergeCells
	elemMergeCell
	elemSI
	elemSST
	elemEnd element = 128 // added to the element of an end tag: elemEnd + elemRow is </row>
)

func elementOf(raw []byte) element {
	switch string(raw) {
	case "row":
		return elemRow
	case "c":
		return elemC
	case "v":
		return elemV
	case "t":
		return elemT
	case "rPh":
		return elemRPh
	case "sheetData":
		return elemSheetData
	case "mergeCells":
		return elemMergeCells
	case "mergeCell":
		return elemMergeCell
	case "si":
		return elemSI
	case "sst":
		return elemSST
	}
	return elemOther
}

// nextElement moves past the next start or end tag's '<' and returns where
// its name starts and which element it is. Comments, processing
// instructions and CDATA are skipped as tags; ok is false at the end of
// the part.
func (s *partStream) nextElement() (start int, el element, ok bool) {
	for {
		i := s.indexByte(s.pos, '<')
		if i < 0 {
			return 0, elemOther, false
		}
		s.pos = i + 1
		start = s.pos
		if start == len(s.buf) {
			s.more()
		}
		end := start
		if end < len(s.buf) && s.buf[end] == '/' {
			end++ // an end tag
		}
		name, prefixed := end, false // after a namespace prefix: <x:row>, </x:row>
		for {
			for end < len(s.buf) && !isNameEnd(s.buf[end]) {
				if s.buf[end] == ':' && !prefixed {
					name, prefixed = end+1, true
				}
				end++
			}
			if end < len(s.buf) || !s.more() {
				break
			}
		}
		closing := end > start && s.buf[start] == '/'
		raw := s.buf[name:end]
		if len(raw) == 0 || raw[0] == '!' || raw[0] == '?' {
			continue
		}
		el = elementOf(raw)
		if closing && el != elemOther {
			el += elemEnd
		}
		return start, el, true
	}
}

func isNameEnd(c byte) bool {
	return c == ' ' || c == '>' || c == '/' || c == '\t' || c == '\n' || c == '\r'
}

// tagAttrs are the attributes the scanners read: a row's or cell's
// reference (r), a cell's style (s) and type (t), a merged range (ref). They
// are views of the window, valid until the next release.
type tagAttrs struct{ r, s, t, ref []byte }

// attrs reads the attributes of the tag whose name starts at start, moves
// past the tag, and says whether it closed itself (<c r="A1"/>). A loop
// over the tag's bytes: tags are short, and a cell's is read for every
// cell of the sheet.
func (s *partStream) attrs(start int) (tagAttrs, bool) {
	var out tagAttrs
	end := s.indexByte(start, '>')
	if end < 0 {
		s.pos = len(s.buf)
		return out, true
	}
	tag := s.buf[start:end]
	s.pos = end + 1
	selfClosed := len(tag) > 0 && tag[len(tag)-1] == '/'
	i := 0
	for i < len(tag) && !isSpace(tag[i]) {
		i++ // the element's name
	}
	for i < len(tag) {
		k := i
		for i < len(tag) && tag[i] != '=' {
			i++
		}
		if i == len(tag) {
			break
		}
		key := trimSpace(tag[k:i])
		for j := len(key) - 1; j >= 0; j-- {
			if key[j] == ':' {
				key = key[j+1:]
				break
			}
		}
		for i < len(tag) && tag[i] != '"' && tag[i] != '\'' {
			i++
		}
		if i == len(tag) {
			break
		}
		q := tag[i]
		i++
		v := i
		for i < len(tag) && tag[i] != q {
			i++
		}
		if i == len(tag) {
			break
		}
		value := tag[v:i]
		i++
		switch string(key) {
		case "r":
			out.r = value
		case "s":
			out.s = value
		case "t":
			out.t = value
		case "ref":
			out.ref = value
		}
	}
	return out, selfClosed
}

func trimSpace(b []byte) []byte {
	for len(b) > 0 && isSpace(b[0]) {
		b = b[1:]
	}
	for len(b) > 0 && isSpace(b[len(b)-1]) {
		b = b[:len(b)-1]
	}
	return b
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// skipTag moves past the tag whose name starts at start, and says whether
// it closed itself.
func (s *partStream) skipTag(start int) bool {
	end := s.indexByte(start, '>')
	if end < 0 {
		s.pos = len(s.buf)
		return true
	}
	s.pos = end + 1
	return end > start && s.buf[end-1] == '/'
}

// text returns the character data from pos to the next '<', and moves to
// it; ok is false when the part ends first.
func (s *partStream) text() (text []byte, ok bool) {
	end := s.indexByte(s.pos, '<')
	if end < 0 {
		return nil, false
	}
	text = s.buf[s.pos:end]
	s.pos = end
	return text, true
}

// consume moves past prefix when the part goes on with it, and says
// whether it did.
func (s *partStream) consume(prefix string) bool {
	for len(s.buf)-s.pos < len(prefix) {
		if !s.more() {
			return false
		}
	}
	if string(s.buf[s.pos:s.pos+len(prefix)]) != prefix {
		return false
	}
	s.pos += len(prefix)
	return true
}

// skipPast moves past the next sep (</rPh>, a phonetic guide whose <t> is
// not the text); false when the part ends first.
func (s *partStream) skipPast(sep string) bool {
	end := s.index(s.pos, sep)
	if end < 0 {
		return false
	}
	s.pos = end + len(sep)
	return true
}

// failure is the error to give when the scan could not go on: the part's
// own (damaged, too large) when reading it failed, else errSheet.
func (s *partStream) failure() error {
	if s.err != nil {
		return s.err
	}
	return errSheet
}

func damaged(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrNotWorkbook, fmt.Sprintf(format, args...))
}
