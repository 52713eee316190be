package tabular

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"path"
	"strconv"
	"strings"
	"time"
)

// Excel workbooks (.xlsx) are read into the same records as CSV files
// (DESIGN section 5), so that every import reads both: a sheet's row number
// is the record's line, so that messages say "FILE:ROW: field: reason" as
// Excel numbers the rows. A cell reads as the value it stores, as people
// would write it: a date cell as YYYY-MM-DD whatever its display format; a
// number as 86, not "86.0" or "86%", and without float noise (0.3, not
// 0.30000000000000004); every cell of a merged range as the range's value.
//
// The sheet is read by a scanner of its XML written for this, not by
// excelize's row reader: measured on this machine, excelize's streaming
// reader took 88 µs a row (9 s and 1.3 GB of allocations for 100,000
// rows), and 330 µs a row when it renders display formats; the scanner
// reads the same rows in about the time the CSV reader takes
// (BenchmarkReadXLSX, BENCHMARKS.md). excelize still writes the workbooks
// (exports, and the tests' files).

// ErrNotWorkbook is returned for a file that starts as a zip archive but is
// not an Excel workbook, or is damaged.
var ErrNotWorkbook = errors.New("not a readable Excel workbook")

// IsWorkbook reports whether raw is a zip archive, the container of an
// .xlsx workbook: a file is taken for a workbook by its content, not by
// its name.
func IsWorkbook(raw []byte) bool { return bytes.HasPrefix(raw, []byte("PK\x03\x04")) }

// xlsxProbeRows is how many rows of each sheet are read to find the one
// with a recognisable header.
const xlsxProbeRows = 6

// maxPart bounds what one part of a workbook may decompress to: a zip
// bomb is a damaged file, not a reason to run out of memory.
const maxPart = 512 << 20

// ReadXLSX reads one sheet of the workbook raw: the sheet called sheet when
// it is not "" (in any case), else the first whose first rows pick accepts
// (a recognisable header), else the first sheet. Returns an error wrapping
// ErrNotWorkbook when raw cannot be read as a workbook, and one naming the
// sheets when there is no sheet called sheet.
func ReadXLSX(raw []byte, sheet string, pick func([]CSVRecord) bool) (f *CSVFile, err error) {
	// A hostile workbook must not take the program down with it.
	defer func() {
		if r := recover(); r != nil {
			f, err = nil, fmt.Errorf("%w: %v", ErrNotWorkbook, r)
		}
	}()
	wb, err := openWorkbook(raw)
	if err != nil {
		return nil, err
	}
	var chosen *workbookSheet
	switch {
	case sheet != "":
		for i := range wb.sheets {
			if strings.EqualFold(strings.TrimSpace(wb.sheets[i].name), strings.TrimSpace(sheet)) {
				chosen = &wb.sheets[i]
				break
			}
		}
		if chosen == nil {
			var names []string
			for _, s := range wb.sheets {
				names = append(names, strconv.Quote(s.name))
			}
			return nil, fmt.Errorf("the workbook has no sheet %q; its sheets are %s", sheet, strings.Join(names, ", "))
		}
	default:
		chosen = &wb.sheets[0]
		for i := range wb.sheets {
			recs, err := wb.read(&wb.sheets[i], xlsxProbeRows)
			if err != nil {
				return nil, err
			}
			if len(recs) > 0 && pick != nil && pick(recs) {
				chosen = &wb.sheets[i]
				break
			}
		}
	}
	recs, err := wb.read(chosen, 0)
	if err != nil {
		return nil, err
	}
	return &CSVFile{Encoding: EncodingXLSX, Sheet: chosen.name, Records: recs}, nil
}

// workbook is what reading a sheet needs of the whole file.
type workbook struct {
	files    map[string]*zip.File
	sheets   []workbookSheet
	strings  []string     // the shared strings
	dates    map[int]bool // the cell styles whose number format shows a date
	date1904 bool
}

type workbookSheet struct {
	name string
	part *zip.File
}

func damaged(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrNotWorkbook, fmt.Sprintf(format, args...))
}

func openWorkbook(raw []byte) (*workbook, error) {
	zr, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		return nil, damaged("%v", err)
	}
	wb := &workbook{files: map[string]*zip.File{}}
	for _, f := range zr.File {
		wb.files[strings.TrimPrefix(f.Name, "/")] = f
	}
	var book struct {
		Pr struct {
			Date1904 string `xml:"date1904,attr"`
		} `xml:"workbookPr"`
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := wb.unmarshal("xl/workbook.xml", &book); err != nil {
		return nil, err
	}
	wb.date1904 = book.Pr.Date1904 == "1" || book.Pr.Date1904 == "true"
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := wb.unmarshal("xl/_rels/workbook.xml.rels", &rels); err != nil {
		return nil, err
	}
	for _, s := range book.Sheets {
		for _, r := range rels.Rels {
			if r.ID != s.RID {
				continue
			}
			target := strings.TrimPrefix(r.Target, "/")
			if !strings.HasPrefix(r.Target, "/") {
				target = path.Join("xl", r.Target)
			}
			if part := wb.files[target]; part != nil {
				wb.sheets = append(wb.sheets, workbookSheet{name: s.Name, part: part})
			}
		}
	}
	if len(wb.sheets) == 0 {
		return nil, damaged("it has no sheets")
	}
	if err := wb.readStrings(); err != nil {
		return nil, err
	}
	if err := wb.readStyles(); err != nil {
		return nil, err
	}
	return wb, nil
}

// part returns the decompressed bytes of the named part, nil when there is
// none.
func (wb *workbook) part(f *zip.File) ([]byte, error) {
	if f == nil {
		return nil, nil
	}
	rc, err := f.Open()
	if err != nil {
		return nil, damaged("%s: %v", f.Name, err)
	}
	defer rc.Close()
	// One allocation of the size the zip declares (bounded); a part that
	// says less than it holds grows as needed.
	var buf bytes.Buffer
	buf.Grow(int(min(f.UncompressedSize64, maxPart)) + bytes.MinRead)
	_, err = buf.ReadFrom(io.LimitReader(rc, maxPart+1))
	body := buf.Bytes()
	if err != nil {
		return nil, damaged("%s: %v", f.Name, err)
	}
	if len(body) > maxPart {
		return nil, damaged("%s is larger than %d MB", f.Name, maxPart>>20)
	}
	return body, nil
}

func (wb *workbook) unmarshal(name string, v any) error {
	f := wb.files[name]
	if f == nil {
		return damaged("it has no %s", name)
	}
	body, err := wb.part(f)
	if err != nil {
		return err
	}
	if err := xml.Unmarshal(body, v); err != nil {
		return damaged("%s: %v", name, err)
	}
	return nil
}

// readStrings reads the shared strings: each is its text, or the text of
// its runs, without the phonetic guides (rPh) Excel keeps for Chinese and
// Japanese.
func (wb *workbook) readStrings() error {
	f := wb.files["xl/sharedStrings.xml"]
	if f == nil {
		return nil
	}
	body, err := wb.part(f)
	if err != nil {
		return err
	}
	var sst struct {
		SI []struct {
			T string `xml:"t"`
			R []struct {
				T string `xml:"t"`
			} `xml:"r"`
		} `xml:"si"`
	}
	if err := xml.Unmarshal(body, &sst); err != nil {
		return damaged("shared strings: %v", err)
	}
	wb.strings = make([]string, len(sst.SI))
	for i, si := range sst.SI {
		text := si.T
		for _, r := range si.R {
			text += r.T
		}
		wb.strings[i] = unescapeOOXML(text)
	}
	return nil
}

// readStyles finds the cell styles whose number format shows a date.
func (wb *workbook) readStyles() error {
	wb.dates = map[int]bool{}
	if wb.files["xl/styles.xml"] == nil {
		return nil
	}
	var styles struct {
		NumFmts []struct {
			ID   int    `xml:"numFmtId,attr"`
			Code string `xml:"formatCode,attr"`
		} `xml:"numFmts>numFmt"`
		Xfs []struct {
			NumFmt int `xml:"numFmtId,attr"`
		} `xml:"cellXfs>xf"`
	}
	if err := wb.unmarshal("xl/styles.xml", &styles); err != nil {
		return err
	}
	custom := map[int]string{}
	for _, n := range styles.NumFmts {
		custom[n.ID] = n.Code
	}
	for i, xf := range styles.Xfs {
		if code, ok := custom[xf.NumFmt]; ok {
			wb.dates[i] = isDateFormat(code)
		} else {
			wb.dates[i] = builtinDateFormat(xf.NumFmt)
		}
	}
	return nil
}

// builtinDateFormat: Excel's built-in number formats that show a date
// (14-17, 22, and the East Asian date formats 27-36, 50-58).
func builtinDateFormat(id int) bool {
	return (id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58)
}

// isDateFormat reports whether a custom number format shows a date: it
// names days or years outside quoted text, escapes and [brackets].
func isDateFormat(code string) bool {
	inQuote, inBracket := false, false
	for i := 0; i < len(code); i++ {
		c := code[i]
		switch {
		case inQuote:
			inQuote = c != '"'
		case inBracket:
			inBracket = c != ']'
		case c == '"':
			inQuote = true
		case c == '[':
			inBracket = true
		case c == '\\' || c == '_' || c == '*':
			i++ // the next character is literal, or a fill
		case c == 'y' || c == 'Y' || c == 'd' || c == 'D' || c == 'e':
			return true
		}
	}
	return false
}

// read scans sheet's rows, at most limit non-blank ones when limit > 0.
func (wb *workbook) read(s *workbookSheet, limit int) ([]CSVRecord, error) {
	body, err := wb.part(s.part)
	if err != nil {
		return nil, err
	}
	sc := sheetScanner{wb: wb, body: body}
	recs, err := sc.rows(limit)
	if err != nil {
		return nil, damaged("sheet %q: %v", s.name, err)
	}
	if limit == 0 {
		sc.fillMerged(recs)
	}
	// Every row as wide as the widest: a cell left empty at the end of a
	// row is a cell, not a missing one (a CSV writes its commas).
	width := 0
	for _, r := range recs {
		width = max(width, len(r.Fields))
	}
	for i := range recs {
		for len(recs[i].Fields) < width {
			recs[i].Fields = append(recs[i].Fields, "")
		}
	}
	return recs, nil
}

// sheetScanner reads a worksheet part: <sheetData> holds <row r="N"> of
// <c r="A1" s="STYLE" t="TYPE"> with a <v>value</v> or an <is> inline
// string; <mergeCells> follows.
type sheetScanner struct {
	wb   *workbook
	body []byte
	pos  int
}

var errSheet = errors.New("the sheet's XML is damaged")

func (sc *sheetScanner) rows(limit int) ([]CSVRecord, error) {
	data := bytes.Index(sc.body, []byte("<sheetData"))
	if data < 0 {
		return nil, nil // an empty sheet, or a chart sheet
	}
	sc.pos = data
	var recs []CSVRecord
	rowNum := 0
	for {
		start, name, ok := sc.nextElement()
		if !ok || name == "/sheetData" {
			break
		}
		if name != "row" {
			if name != "?" && name != "/row" && name != "sheetData" {
				sc.skipTag(start)
			}
			continue
		}
		attrs, selfClosed := sc.attrs(start)
		if n, err := strconv.Atoi(attrs.r); err == nil && n > rowNum {
			rowNum = n
		} else {
			rowNum++
		}
		if selfClosed {
			continue
		}
		cells, err := sc.cells()
		if err != nil {
			return nil, err
		}
		if filledCells(cells) == 0 {
			continue
		}
		recs = append(recs, CSVRecord{Line: rowNum, EndLine: rowNum, Fields: trimTrailing(cells)})
		if limit > 0 && len(recs) == limit {
			break
		}
	}
	return recs, nil
}

// nextElement moves past the next start or end tag and returns where its
// name starts and the name ("row", "/row", ...). Comments, processing
// instructions and CDATA are skipped as tags.
func (sc *sheetScanner) nextElement() (int, string, bool) {
	for {
		i := bytes.IndexByte(sc.body[sc.pos:], '<')
		if i < 0 {
			return 0, "", false
		}
		sc.pos += i + 1
		start := sc.pos
		end := start
		if end < len(sc.body) && sc.body[end] == '/' {
			end++ // an end tag
		}
		for end < len(sc.body) && !isNameEnd(sc.body[end]) {
			end++
		}
		raw := sc.body[start:end]
		closing := len(raw) > 0 && raw[0] == '/'
		if closing {
			raw = raw[1:]
		}
		if j := bytes.IndexByte(raw, ':'); j >= 0 {
			raw = raw[j+1:] // a namespace prefix: <x:row>, </x:row>
		}
		if len(raw) == 0 || raw[0] == '!' || raw[0] == '?' {
			continue
		}
		return start, elementName(raw, closing), true
	}
}

// elementName names the elements the scanner looks for without allocating;
// any other is "?".
func elementName(raw []byte, closing bool) string {
	var name string
	switch string(raw) {
	case "row":
		name = "row"
	case "c":
		name = "c"
	case "v":
		name = "v"
	case "t":
		name = "t"
	case "rPh":
		name = "rPh"
	case "sheetData":
		name = "sheetData"
	case "mergeCells":
		name = "mergeCells"
	case "mergeCell":
		name = "mergeCell"
	default:
		return "?"
	}
	if closing {
		return closingNames[name]
	}
	return name
}

var closingNames = map[string]string{"row": "/row", "c": "/c", "v": "/v", "t": "/t", "rPh": "/rPh",
	"sheetData": "/sheetData", "mergeCells": "/mergeCells", "mergeCell": "/mergeCell"}

func isNameEnd(c byte) bool {
	return c == ' ' || c == '>' || c == '/' || c == '\t' || c == '\n' || c == '\r'
}

// tagAttrs are the attributes the scanner reads: a row's or cell's
// reference (r), a cell's style (s) and type (t), a merged range (ref).
type tagAttrs struct{ r, s, t, ref string }

// attrs reads the attributes of the tag whose name starts at start, moves
// past the tag, and says whether it closed itself (<c r="A1"/>).
func (sc *sheetScanner) attrs(start int) (tagAttrs, bool) {
	var out tagAttrs
	end := bytes.IndexByte(sc.body[start:], '>')
	if end < 0 {
		sc.pos = len(sc.body)
		return out, true
	}
	tag := sc.body[start : start+end]
	sc.pos = start + end + 1
	selfClosed := len(tag) > 0 && tag[len(tag)-1] == '/'
	i := bytes.IndexAny(tag, " \t\n\r")
	for i >= 0 && i < len(tag) {
		eq := bytes.IndexByte(tag[i:], '=')
		if eq < 0 {
			break
		}
		key := bytes.TrimSpace(tag[i : i+eq])
		if j := bytes.IndexByte(key, ':'); j >= 0 {
			key = key[j+1:]
		}
		i += eq + 1
		for i < len(tag) && tag[i] != '"' && tag[i] != '\'' {
			i++
		}
		if i >= len(tag) {
			break
		}
		q := tag[i]
		close := bytes.IndexByte(tag[i+1:], q)
		if close < 0 {
			break
		}
		value := tag[i+1 : i+1+close]
		switch string(key) {
		case "r":
			out.r = string(value)
		case "s":
			out.s = string(value)
		case "t":
			out.t = string(value)
		case "ref":
			out.ref = string(value)
		}
		i += close + 2
	}
	return out, selfClosed
}

// skipTag moves past the tag whose name starts at start, and says whether
// it closed itself.
func (sc *sheetScanner) skipTag(start int) bool {
	end := bytes.IndexByte(sc.body[start:], '>')
	if end < 0 {
		sc.pos = len(sc.body)
		return true
	}
	sc.pos = start + end + 1
	return end > 0 && sc.body[start+end-1] == '/'
}

// cells reads the cells of the row just opened, up to its </row>.
func (sc *sheetScanner) cells() ([]string, error) {
	var cells []string
	col := 0
	for {
		start, name, ok := sc.nextElement()
		if !ok {
			return nil, errSheet
		}
		switch name {
		case "/row":
			return cells, nil
		case "c":
		default:
			continue
		}
		attrs, selfClosed := sc.attrs(start)
		if ref := attrs.r; ref != "" {
			if c := columnOf(ref); c > 0 {
				col = c
			} else {
				col++
			}
		} else {
			col++
		}
		if col > 16384 {
			return nil, errSheet
		}
		if selfClosed {
			continue
		}
		value, inline, err := sc.cellContent()
		if err != nil {
			return nil, err
		}
		text := sc.cellText(attrs.t, attrs.s, value, inline)
		for len(cells) < col {
			cells = append(cells, "")
		}
		cells[col-1] = text
	}
}

// cellContent reads up to the cell's </c>: the text of its <v>, and of the
// <t>s of an inline string.
func (sc *sheetScanner) cellContent() (value, inline string, err error) {
	var in strings.Builder
	for {
		start, name, ok := sc.nextElement()
		if !ok {
			return "", "", errSheet
		}
		switch name {
		case "/c":
			return value, in.String(), nil
		case "v", "t":
			if sc.skipTag(start) {
				continue
			}
			end := bytes.IndexByte(sc.body[sc.pos:], '<')
			if end < 0 {
				return "", "", errSheet
			}
			text := unescapeXML(sc.body[sc.pos : sc.pos+end])
			sc.pos += end
			if name == "v" {
				value = text
			} else {
				in.WriteString(text)
			}
		case "rPh":
			// A phonetic guide: skip to its end, its <t> is not the text.
			end := bytes.Index(sc.body[sc.pos:], []byte("</rPh>"))
			if end < 0 {
				return "", "", errSheet
			}
			sc.pos += end + len("</rPh>")
		}
	}
}

// cellText is what a cell reads as, by its type and style.
func (sc *sheetScanner) cellText(typ, style, value, inline string) string {
	switch typ {
	case "s":
		i, err := strconv.Atoi(value)
		if err != nil || i < 0 || i >= len(sc.wb.strings) {
			return ""
		}
		return sc.wb.strings[i]
	case "inlineStr":
		return unescapeOOXML(inline)
	case "str", "e":
		return unescapeOOXML(value)
	case "b":
		if value == "1" {
			return "TRUE"
		}
		return "FALSE"
	case "d":
		if len(value) >= 10 {
			if _, err := time.Parse("2006-01-02", value[:10]); err == nil {
				return value[:10]
			}
		}
		return value
	}
	if s, err := strconv.Atoi(style); err == nil && sc.wb.dates[s] {
		if f, err := strconv.ParseFloat(value, 64); err == nil {
			if d, ok := excelDate(f, sc.wb.date1904); ok {
				return d
			}
		}
	}
	return plainNumber(value)
}

// excelDate turns a date serial into YYYY-MM-DD: days since 1899-12-30 (so
// that 60 is Excel's 29 February 1900, which never was, and 61 is 1 March),
// or since 1904-01-01 in a workbook of the 1904 date system.
func excelDate(serial float64, date1904 bool) (string, bool) {
	if serial < 1 || serial > 2958465 || math.IsNaN(serial) {
		return "", false
	}
	origin := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	if date1904 {
		origin = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
	} else if serial < 61 {
		origin = origin.AddDate(0, 0, 1)
	}
	return origin.AddDate(0, 0, int(serial)).Format("2006-01-02"), true
}

// columnOf is the column number of a cell reference: 1 for "A1", 28 for
// "AB7"; 0 when ref is not one.
func columnOf(ref string) int {
	c := 0
	for i := 0; i < len(ref); i++ {
		ch := ref[i]
		switch {
		case ch >= 'A' && ch <= 'Z':
			c = c*26 + int(ch-'A'+1)
		case ch >= 'a' && ch <= 'z':
			c = c*26 + int(ch-'a'+1)
		default:
			if i == 0 {
				return 0
			}
			return c
		}
		if c > 16384 {
			return 0
		}
	}
	return c
}

// rowOf is the row number of a cell reference: 7 for "AB7"; 0 when ref is
// not one.
func rowOf(ref string) int {
	i := strings.IndexFunc(ref, func(r rune) bool { return r >= '0' && r <= '9' })
	if i <= 0 {
		return 0
	}
	n, err := strconv.Atoi(ref[i:])
	if err != nil {
		return 0
	}
	return n
}

// fillMerged gives every cell of each merged range the value of the
// range's first cell. The ranges follow </sheetData>.
func (sc *sheetScanner) fillMerged(recs []CSVRecord) {
	at := bytes.Index(sc.body[sc.pos:], []byte("<mergeCells")) // after </sheetData>
	if at < 0 {
		return
	}
	sc.pos += at
	byLine := make(map[int]int, len(recs))
	for i, r := range recs {
		byLine[r.Line] = i
	}
	for {
		start, name, ok := sc.nextElement()
		if !ok || name == "/mergeCells" {
			return
		}
		if name != "mergeCell" {
			continue
		}
		attrs, _ := sc.attrs(start)
		a, b, found := strings.Cut(attrs.ref, ":")
		if !found {
			b = a
		}
		c1, r1, c2, r2 := columnOf(a), rowOf(a), columnOf(b), rowOf(b)
		if c1 == 0 || r1 == 0 || c2 < c1 || r2 < r1 || (r2-r1+1)*(c2-c1+1) > 1<<20 {
			continue // a damaged or absurd range: its cells read as stored
		}
		first, ok := byLine[r1]
		if !ok || c1 > len(recs[first].Fields) {
			continue
		}
		value := recs[first].Fields[c1-1]
		for row := r1; row <= r2; row++ {
			i, ok := byLine[row]
			if !ok {
				continue
			}
			f := recs[i].Fields
			for len(f) < c2 {
				f = append(f, "")
			}
			for c := c1; c <= c2; c++ {
				f[c-1] = value
			}
			recs[i].Fields = f
		}
	}
}

// unescapeXML decodes the entities of XML text (&amp; &#20013; ...).
func unescapeXML(b []byte) string {
	if bytes.IndexByte(b, '&') < 0 {
		return string(b)
	}
	var out strings.Builder
	for len(b) > 0 {
		i := bytes.IndexByte(b, '&')
		if i < 0 {
			out.Write(b)
			break
		}
		out.Write(b[:i])
		b = b[i:]
		end := bytes.IndexByte(b, ';')
		if end < 0 || end > 12 {
			out.WriteByte('&')
			b = b[1:]
			continue
		}
		ent := string(b[1:end])
		b = b[end+1:]
		switch ent {
		case "amp":
			out.WriteByte('&')
		case "lt":
			out.WriteByte('<')
		case "gt":
			out.WriteByte('>')
		case "quot":
			out.WriteByte('"')
		case "apos":
			out.WriteByte('\'')
		default:
			var n uint64
			var err error
			if strings.HasPrefix(ent, "#x") || strings.HasPrefix(ent, "#X") {
				n, err = strconv.ParseUint(ent[2:], 16, 32)
			} else if strings.HasPrefix(ent, "#") {
				n, err = strconv.ParseUint(ent[1:], 10, 32)
			} else {
				err = errSheet
			}
			if err != nil || n > 0x10FFFF {
				out.WriteString("&" + ent + ";")
			} else {
				out.WriteRune(rune(n))
			}
		}
	}
	return out.String()
}

// unescapeOOXML decodes Excel's _xHHHH_ escapes of characters XML cannot
// hold (_x000D_ is a carriage return); _x005F_ escapes an underscore.
func unescapeOOXML(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var out strings.Builder
	for {
		i := strings.Index(s, "_x")
		if i < 0 || i+7 > len(s) || s[i+6] != '_' {
			if i < 0 {
				out.WriteString(s)
				return out.String()
			}
			out.WriteString(s[:i+2])
			s = s[i+2:]
			continue
		}
		n, err := strconv.ParseUint(s[i+2:i+6], 16, 16)
		if err != nil {
			out.WriteString(s[:i+2])
			s = s[i+2:]
			continue
		}
		out.WriteString(s[:i])
		out.WriteRune(rune(n))
		s = s[i+7:]
	}
}

// trimTrailing drops the empty cells at the end of a row (a column once
// formatted but empty).
func trimTrailing(cells []string) []string {
	n := len(cells)
	for n > 0 && strings.TrimSpace(cells[n-1]) == "" {
		n--
	}
	return cells[:n]
}

// plainNumber writes a stored number as people write it: 86 for 86.0,
// 0.3 for 0.30000000000000004 (Excel keeps 15 significant digits); other
// text as it is.
func plainNumber(s string) string {
	if s == "" || !(s[0] == '-' || s[0] == '.' || (s[0] >= '0' && s[0] <= '9')) {
		return s
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return s
	}
	if math.Abs(f) >= 1e15 {
		return s // an id or a phone number written as a number: keep its digits
	}
	r, err := strconv.ParseFloat(strconv.FormatFloat(f, 'g', 15, 64), 64)
	if err != nil {
		return s
	}
	return strconv.FormatFloat(r, 'f', -1, 64)
}
