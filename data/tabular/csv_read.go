package tabular

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// The CSV engine reads what real spreadsheets produce (DESIGN section 5):
// UTF-8 with or without BOM, GB18030/GBK from Chinese Excel, UTF-16 with BOM
// from Excel's "Unicode text"; comma, semicolon or tab; CRLF, CR or LF; quoted
// cells with delimiters, quotes and line breaks. Every importer (institutions,
// enrolments, students) reads through ReadCSV and matches its header with
// MatchHeader (csv_header.go).
//
// The file is read whole: detecting GB18030 needs every byte (a file can be
// plain ASCII for its first megabyte), and 100,000 enrolments are about 9 MB.
// Cells are substrings of the decoded text, so parsing allocates one slice
// per record and nothing per cell except for quoted cells holding "" or CR.

// Encoding is the text encoding of a CSV file.
type Encoding string

// The encodings TISC Desk reads. EncodingAuto asks ReadCSV to detect it.
const (
	EncodingAuto    Encoding = ""
	EncodingUTF8    Encoding = "utf-8"
	EncodingGB18030 Encoding = "gb18030"  // also reads GBK and GB2312, its subsets
	EncodingUTF16   Encoding = "utf-16"   // byte order from the BOM, else little-endian
	EncodingUTF16LE Encoding = "utf-16le" // Excel's "Unicode text" on Windows
	EncodingUTF16BE Encoding = "utf-16be"
	// EncodingXLSX is not a text encoding: it says the file was an Excel
	// workbook (ReadTable).
	EncodingXLSX Encoding = "xlsx"
)

// MaxCSVSize is the largest file ReadCSV accepts: ten years of enrolments
// are about 20 MB, so anything near this is not a roster.
const MaxCSVSize = 256 << 20

// ParseEncoding reads an encoding name as people type it: "utf8", "UTF-8",
// "gbk", "GB2312", "cp936", "gb18030", "utf-16", "UTF-16LE", "unicode".
// "" and "auto" mean EncodingAuto. Returns an error naming the accepted
// names for anything else.
func ParseEncoding(s string) (Encoding, error) {
	switch strings.NewReplacer("-", "", "_", "", " ", "").Replace(strings.ToLower(strings.TrimSpace(s))) {
	case "", "auto":
		return EncodingAuto, nil
	case "utf8", "utf8bom":
		return EncodingUTF8, nil
	case "gb18030", "gbk", "gb2312", "cp936", "windows936", "chinese":
		return EncodingGB18030, nil
	case "utf16", "unicode", "ucs2":
		return EncodingUTF16, nil
	case "utf16le":
		return EncodingUTF16LE, nil
	case "utf16be":
		return EncodingUTF16BE, nil
	}
	return "", fmt.Errorf("unknown encoding %q: use utf-8, gb18030 (also for GBK) or utf-16", s)
}

// Label is the encoding's name for people: "UTF-8", "GB18030", "UTF-16LE".
func (e Encoding) Label() string {
	if e == EncodingAuto {
		return "detect"
	}
	return strings.ToUpper(string(e))
}

// CSVOptions overrides what ReadCSV would detect. The zero value detects both.
type CSVOptions struct {
	Encoding  Encoding // EncodingAuto detects it
	Delimiter rune     // 0 detects comma, semicolon or tab
	Sheet     string   // a workbook's sheet to read; "" for the first with a recognisable header
}

// ParseDelimiter reads a delimiter as people name it: ",", ";", "tab", "\t",
// "comma", "semicolon", "|", or "" / "auto" (0: detect).
func ParseDelimiter(s string) (rune, error) {
	switch strings.ToLower(s) {
	case "", "auto":
		return 0, nil
	case ",", "comma":
		return ',', nil
	case ";", "semicolon":
		return ';', nil
	case "\t", `\t`, "tab":
		return '\t', nil
	case "|", "pipe":
		return '|', nil
	}
	return 0, fmt.Errorf("unknown delimiter %q: use comma, semicolon or tab", s)
}

// DelimiterName names a delimiter for people: "comma", "semicolon", "tab".
func DelimiterName(d rune) string {
	switch d {
	case ',':
		return "comma"
	case ';':
		return "semicolon"
	case '\t':
		return "tab"
	}
	return fmt.Sprintf("%q", d)
}

// CSVRecord is one non-blank record of a CSV file.
type CSVRecord struct {
	Line    int      // the file line where the record starts; the first line is 1
	EndLine int      // the line where it ends (later than Line when a quoted cell holds line breaks)
	Fields  []string // the cells, unquoted, line breaks inside cells as "\n"
	// Unclosed is set when a quoted cell of this record is never closed, so
	// that the rest of the file was read into it.
	Unclosed bool
}

// CSVFile is a CSV file decoded and split into records.
type CSVFile struct {
	Encoding  Encoding // as detected, or as given; EncodingXLSX for a workbook
	Delimiter rune     // as detected, or as given; 0 for a workbook
	Sheet     string   // the sheet read, for a workbook
	Records   []CSVRecord
}

// ReadTable reads r as ReadCSV does, or, when it is an Excel workbook (by
// its content, whatever its name), as ReadXLSX does: the sheet opt.Sheet,
// or the first whose first rows pick accepts. Returns ReadCSV's errors, or
// ReadXLSX's for a workbook.
func ReadTable(r io.Reader, opt CSVOptions, pick func([]CSVRecord) bool) (*CSVFile, error) {
	raw, workbook, err := readRoster(r, opt)
	switch {
	case err != nil:
		return nil, err
	case workbook:
		return ReadXLSX(raw, opt.Sheet, pick)
	}
	return readCSVBytes(raw, opt)
}

// readRoster reads r whole and tells a workbook from a CSV file, refusing
// a workbook too large for a roster and a sheet asked of a CSV file.
func readRoster(r io.Reader, opt CSVOptions) (raw []byte, workbook bool, err error) {
	raw, err = readAll(r)
	if err != nil {
		return nil, false, fmt.Errorf("read the file: %w", err)
	}
	if IsWorkbook(raw) {
		if len(raw) > MaxCSVSize {
			return nil, false, fmt.Errorf("the workbook is larger than %d MB, too large for a roster", MaxCSVSize>>20)
		}
		return raw, true, nil
	}
	if opt.Sheet != "" {
		return nil, false, fmt.Errorf("a sheet (%q) was asked for, but the file is not an Excel workbook", opt.Sheet)
	}
	return raw, false, nil
}

// ReadCSV reads r to the end, decodes it and splits it into records. Blank
// lines, and lines whose cells are all blank (Excel writes ",,,," for an empty
// row), are skipped; line numbers count them all the same.
//
// Quotes follow RFC 4180 as Excel reads it: a quote opens a quoted cell only
// as the cell's first character; inside, "" is a quote; text after the
// closing quote is kept ("ab"c reads abc); a quote inside an unquoted cell is
// an ordinary character. Returns an error only when r fails, the file is
// larger than MaxCSVSize, or opt names a delimiter that cannot be one.
func ReadCSV(r io.Reader, opt CSVOptions) (*CSVFile, error) {
	raw, err := readAll(r)
	if err != nil {
		return nil, fmt.Errorf("read the file: %w", err)
	}
	return readCSVBytes(raw, opt)
}

func readCSVBytes(raw []byte, opt CSVOptions) (*CSVFile, error) {
	text, enc, delim, err := decodeCSV(raw, opt)
	if err != nil {
		return nil, err
	}
	// A record per line at most: one allocation instead of a regrowing slice.
	f := &CSVFile{Encoding: enc, Delimiter: delim, Records: make([]CSVRecord, 0, strings.Count(text, "\n")+1)}
	sc := newCSVScanner(text, byte(delim))
	for {
		rec, ok := sc.next()
		if !ok {
			break
		}
		f.Records = append(f.Records, rec)
	}
	return f, nil
}

// decodeCSV decodes raw, a CSV file, into text, and finds its delimiter
// unless opt gives it.
func decodeCSV(raw []byte, opt CSVOptions) (text string, enc Encoding, delim rune, err error) {
	if len(raw) > MaxCSVSize {
		return "", "", 0, fmt.Errorf("the file is larger than %d MB, too large for a CSV roster", MaxCSVSize>>20)
	}
	// raw was read for this text alone (readAll): it is given away.
	if text, enc, err = decodeText(raw, opt.Encoding, true); err != nil {
		return "", "", 0, err
	}
	delim = opt.Delimiter
	if delim == 0 {
		delim = sniffDelimiter(text)
	} else if delim >= utf8.RuneSelf || delim == '"' || delim == '\r' || delim == '\n' {
		return "", "", 0, fmt.Errorf("%q cannot separate cells: use comma, semicolon or tab", delim)
	}
	return text, enc, delim, nil
}

// readAll reads r whole, in one allocation when r knows its size (a file,
// a bytes.Reader), and refuses more than MaxCSVSize.
func readAll(r io.Reader) ([]byte, error) {
	size := 0
	switch v := r.(type) {
	case interface{ Len() int }:
		size = v.Len()
	case interface{ Stat() (fs.FileInfo, error) }:
		if info, err := v.Stat(); err == nil && info.Mode().IsRegular() {
			size = int(min(info.Size(), MaxCSVSize))
		}
	}
	var buf bytes.Buffer
	buf.Grow(min(size, MaxCSVSize) + bytes.MinRead)
	_, err := buf.ReadFrom(io.LimitReader(r, MaxCSVSize+1))
	return buf.Bytes(), err
}

// Byte-order marks.
var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// DecodeText turns raw into UTF-8 text without a BOM, detecting the
// encoding when enc is EncodingAuto. Undecodable bytes become U+FFFD.
func DecodeText(raw []byte, enc Encoding) (string, Encoding, error) {
	return decodeText(raw, enc, false)
}

// decodeText is DecodeText; when owned, raw is the caller's to give away
// (read from the file for this text alone, never written again), and
// valid UTF-8 becomes the text without a copy: 10 MB and a few dozen
// milliseconds less for a roster of 100,000 rows.
func decodeText(raw []byte, enc Encoding, owned bool) (string, Encoding, error) {
	bom := Encoding("")
	switch {
	case bytes.HasPrefix(raw, bomUTF8):
		bom = EncodingUTF8
	case bytes.HasPrefix(raw, bomUTF16LE):
		bom = EncodingUTF16LE
	case bytes.HasPrefix(raw, bomUTF16BE):
		bom = EncodingUTF16BE
	}
	if enc == EncodingUTF16 {
		enc = EncodingUTF16LE
		if bom == EncodingUTF16BE {
			enc = bom
		}
	}
	valid := false // raw is known to be valid UTF-8
	if enc == EncodingAuto {
		switch {
		case bom != "":
			enc = bom
		case utf16Order(raw) != "":
			enc = utf16Order(raw)
		case utf8.Valid(raw):
			enc, valid = EncodingUTF8, true
		case mostlyUTF8(raw):
			enc = EncodingUTF8
		default:
			enc = EncodingGB18030
		}
	}
	var dec *encoding.Decoder
	switch enc {
	case EncodingUTF8:
		raw = bytes.TrimPrefix(raw, bomUTF8)
		if valid || utf8.Valid(raw) {
			if owned && len(raw) > 0 {
				return unsafe.String(unsafe.SliceData(raw), len(raw)), enc, nil
			}
			return string(raw), enc, nil
		}
		return strings.ToValidUTF8(string(raw), "\uFFFD"), enc, nil
	case EncodingGB18030:
		dec = simplifiedchinese.GB18030.NewDecoder()
	case EncodingUTF16LE:
		dec = unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewDecoder()
	case EncodingUTF16BE:
		dec = unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewDecoder()
	default:
		return "", "", fmt.Errorf("unknown encoding %q: use utf-8, gb18030 or utf-16", enc)
	}
	out, err := dec.Bytes(raw)
	if err != nil {
		return "", "", fmt.Errorf("decode the file as %s: %w", enc.Label(), err)
	}
	return strings.TrimPrefix(string(out), "\uFEFF"), enc, nil
}

// mostlyUTF8 reports whether raw, which is not valid UTF-8, is UTF-8 text
// with a few bad bytes (a Latin-1 "é" pasted in, a character cut short)
// rather than GB18030. Chinese in GB18030 breaks UTF-8 at nearly every
// character, so only in UTF-8 do valid multi-byte sequences far outnumber
// invalid ones; the scan stops as soon as the answer is plainly no.
func mostlyUTF8(raw []byte) bool {
	valid, invalid := 0, 0
	for i := 0; i < len(raw); {
		if raw[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(raw[i:])
		if r == utf8.RuneError && n == 1 {
			invalid++
			if invalid >= 16 && invalid*20 > valid {
				return false
			}
		} else {
			valid++
		}
		i += n
	}
	return invalid*20 <= valid
}

// utf16Order recognises UTF-16 without a BOM by its zero bytes: text that
// is mostly ASCII has a zero in every other byte. It returns "" for anything
// else (UTF-8 text has no zero bytes at all).
func utf16Order(raw []byte) Encoding {
	sample := raw[:min(len(raw), 4096)&^1]
	if len(sample) < 8 {
		return ""
	}
	var even, odd int
	for i := 0; i < len(sample); i += 2 {
		if sample[i] == 0 {
			even++
		}
		if sample[i+1] == 0 {
			odd++
		}
	}
	pairs := len(sample) / 2
	switch {
	case odd*3 > pairs && even*20 < pairs:
		return EncodingUTF16LE
	case even*3 > pairs && odd*20 < pairs:
		return EncodingUTF16BE
	}
	return ""
}

// sniffDelimiter picks the delimiter, of comma, semicolon and tab, that
// splits the first records (quotes respected) into a constant number of
// cells greater than one; ties go to the one giving more cells, then to the
// comma. It returns the comma when none splits the header.
func sniffDelimiter(text string) rune {
	const sample = 20
	best, bestSame, bestWidth := ',', -1, 0
	for _, d := range []byte{',', ';', '\t'} {
		sc := newCSVScanner(text, d)
		width, same := 0, 0
		for i := 0; i < sample; i++ {
			rec, ok := sc.next()
			if !ok {
				break
			}
			if i == 0 {
				width = len(rec.Fields)
			}
			if len(rec.Fields) == width {
				same++
			}
		}
		if width <= 1 {
			continue
		}
		if same > bestSame || (same == bestSame && width > bestWidth) {
			best, bestSame, bestWidth = rune(d), same, width
		}
	}
	return best
}

// csvScanner splits decoded text into records, one at a time.
type csvScanner struct {
	text   string
	pos    int
	line   int // the line pos is on
	delim  byte
	fields []string // scratch, copied out per record
	slab   []string // where records' cells are carved from
	buf    []byte   // scratch for cells that must be rebuilt
	// reuse gives each record the scratch cells rather than a copy: the
	// caller keeps no record (Table.Records).
	reuse bool
}

func newCSVScanner(text string, delim byte) *csvScanner {
	return &csvScanner{text: text, line: 1, delim: delim}
}

// fieldEnd says what ended a cell.
type fieldEnd int

const (
	endCell fieldEnd = iota // a delimiter: another cell follows
	endLine                 // a line break
	endText                 // the end of the text
)

// next returns the next record that has a non-blank cell.
func (s *csvScanner) next() (CSVRecord, bool) {
	for s.pos < len(s.text) {
		rec := CSVRecord{Line: s.line}
		s.fields = s.fields[:0]
		blank := true
		for {
			cell, end, unclosed := s.cell()
			s.fields = append(s.fields, cell)
			if blank && strings.TrimSpace(cell) != "" {
				blank = false
			}
			rec.Unclosed = rec.Unclosed || unclosed
			if end == endCell {
				continue
			}
			rec.EndLine = s.line
			if t := s.text; end == endLine || t[len(t)-1] == '\n' || t[len(t)-1] == '\r' {
				rec.EndLine-- // a line break moved s.line on
			}
			break
		}
		if blank {
			continue
		}
		if s.reuse {
			rec.Fields = s.fields
		} else {
			rec.Fields = s.carve(s.fields)
		}
		return rec, true
	}
	return CSVRecord{}, false
}

// carve copies cells into a slice cut from a shared slab: one allocation
// per few hundred records rather than one per record. Each record's slice
// is capped, so appending to it never writes into the next.
func (s *csvScanner) carve(cells []string) []string {
	if len(cells) > cap(s.slab)-len(s.slab) {
		s.slab = make([]string, 0, max(4096, len(cells)))
	}
	start := len(s.slab)
	s.slab = append(s.slab, cells...)
	return s.slab[start:len(s.slab):len(s.slab)]
}

// cell reads one cell at pos and what ends it.
func (s *csvScanner) cell() (cell string, end fieldEnd, unclosed bool) {
	t := s.text
	if s.pos < len(t) && t[s.pos] == '"' {
		return s.quoted()
	}
	i := s.pos
	j := i
	for j < len(t) && t[j] != s.delim && t[j] != '\n' && t[j] != '\r' {
		j++
	}
	return t[i:j], s.skipEnd(j), false
}

// skipEnd moves past the delimiter or line break at j and says which it was.
func (s *csvScanner) skipEnd(j int) fieldEnd {
	t := s.text
	switch {
	case j >= len(t):
		s.pos = len(t)
		return endText
	case t[j] == s.delim:
		s.pos = j + 1
		return endCell
	case t[j] == '\r' && j+1 < len(t) && t[j+1] == '\n':
		j++
	}
	s.pos = j + 1
	s.line++
	return endLine
}

// quoted reads a quoted cell starting at pos. Line breaks inside become
// "\n"; text after the closing quote up to the cell's end is kept, as Excel
// does; a cell never closed takes the rest of the text.
func (s *csvScanner) quoted() (string, fieldEnd, bool) {
	t := s.text
	start := s.pos + 1 // the current run of text to keep
	s.buf = s.buf[:0]
	rebuilt := false
	for i := start; ; {
		k := strings.IndexAny(t[i:], "\"\r\n")
		if k < 0 {
			s.pos = len(t)
			return s.finish(rebuilt, t[start:]), endText, true
		}
		j := i + k
		switch {
		case t[j] == '\n':
			s.line++
			i = j + 1
		case t[j] == '\r': // CR or CRLF inside a cell becomes "\n"
			s.buf = append(append(s.buf, t[start:j]...), '\n')
			rebuilt = true
			s.line++
			i = j + 1
			if i < len(t) && t[i] == '\n' {
				i++
			}
			start = i
		case j+1 < len(t) && t[j+1] == '"': // "" is a quote
			s.buf = append(s.buf, t[start:j+1]...)
			rebuilt = true
			i = j + 2
			start = i
		default: // the closing quote
			cell := s.finish(rebuilt, t[start:j])
			k := j + 1
			for k < len(t) && t[k] != s.delim && t[k] != '\n' && t[k] != '\r' {
				k++
			}
			if k > j+1 {
				cell += t[j+1 : k]
			}
			return cell, s.skipEnd(k), false
		}
	}
}

// finish returns the quoted cell whose last run is tail.
func (s *csvScanner) finish(rebuilt bool, tail string) string {
	if !rebuilt {
		return tail
	}
	return string(append(s.buf, tail...))
}
