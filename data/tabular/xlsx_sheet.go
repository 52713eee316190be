package tabular

import (
	"fmt"
	"io"
	"strings"
)

// sheetScanner reads a worksheet part as it decompresses: <sheetData> holds
// <row r="N"> of <c r="A1" s="STYLE" t="TYPE"> with a <v>value</v> or an
// <is> inline string; <mergeCells> follows.
type sheetScanner struct {
	wb     *Workbook
	s      *partStream
	cells  []string // the row being read, reused from row to row
	inline []byte   // an inline string's text, reused
	values valueCache
	texts  textCache
}

// RowScanner reads the rows of a sheet one at a time (Sheet.Scan): Next
// until it returns false, then Err, then Close.
type RowScanner struct {
	sh     *Sheet
	s      *partStream
	sc     sheetScanner
	limit  int // stop after so many rows, when > 0
	n      int
	rowNum int
	merges *mergeFiller
	tail   *[]mergeRange // where to read the merged ranges after the rows, when not nil
	done   bool
	err    error
}

// newRowScanner starts reading sh's rows: at most limit when limit > 0,
// merged ranges applied from merges (nil for none); when tail is not nil
// and the whole sheet is read, the merged ranges that follow the rows are
// read into it.
func (wb *Workbook) newRowScanner(sh *Sheet, limit int, merges *mergeFiller, tail *[]mergeRange) (*RowScanner, error) {
	s, err := openPart(sh.part)
	if err != nil {
		return nil, err
	}
	r := &RowScanner{sh: sh, s: s, sc: sheetScanner{wb: wb, s: s}, limit: limit, merges: merges, tail: tail}
	if !s.seek("<sheetData") {
		r.done, r.err = true, s.err // no error for an empty sheet, or a chart sheet
	}
	return r, nil
}

// Next returns the sheet's next non-blank row, false after the last or
// when the sheet is damaged (see Err). Line and EndLine are the sheet's row
// number; Fields are the row's cells without the empty ones at its end,
// merged ranges applied. Fields is reused by the next call: keep the
// strings, not the slice.
func (r *RowScanner) Next() (rec CSVRecord, ok bool) {
	if r.done {
		return CSVRecord{}, false
	}
	// A hostile workbook must not take the program down with it.
	defer func() {
		if p := recover(); p != nil {
			rec, ok = CSVRecord{}, false
			r.done, r.err = true, fmt.Errorf("%w: %v", ErrNotWorkbook, p)
		}
	}()
	s := r.s
	for {
		s.release()
		start, el, ok := s.nextElement()
		if !ok || el == elemEnd+elemSheetData {
			r.finish()
			return CSVRecord{}, false
		}
		if el != elemRow {
			if el != elemOther && el != elemEnd+elemRow && el != elemSheetData {
				s.skipTag(start)
			}
			continue
		}
		attrs, selfClosed := s.attrs(start)
		if num, ok := atoi(attrs.r); ok && num > r.rowNum {
			r.rowNum = num
		} else {
			r.rowNum++
		}
		if selfClosed {
			continue
		}
		cells, err := r.sc.row()
		if err != nil {
			r.done, r.err = true, s.err
			if r.err == nil {
				r.err = damaged("sheet %q: %v", r.sh.Name, err)
			}
			return CSVRecord{}, false
		}
		if filledCells(cells) == 0 {
			continue
		}
		cells = trimTrailing(cells)
		if r.merges != nil {
			cells = r.merges.apply(r.rowNum, cells)
			r.sc.cells = cells[:0]
		}
		if r.n++; r.limit > 0 && r.n == r.limit {
			r.done = true
		}
		return CSVRecord{Line: r.rowNum, EndLine: r.rowNum, Fields: cells}, true
	}
}

// finish ends a scan that reached the end of the rows: the merged ranges
// after them are read when asked for, and the part is read to its end, so
// that the archive's checksum is checked: a damaged sheet is refused, not
// read in part.
func (r *RowScanner) finish() {
	r.done = true
	if r.err = r.s.err; r.err != nil {
		return
	}
	if r.tail != nil {
		if *r.tail, r.err = r.s.mergeRanges(); r.err != nil {
			return
		}
	}
	if _, err := io.Copy(io.Discard, r.s.r); err != nil {
		r.err = damaged("%s: %v", r.sh.part.Name, err)
	}
}

// Err is why Next returned false, nil at the end of a sound sheet: an
// error wrapping ErrNotWorkbook when the sheet is damaged.
func (r *RowScanner) Err() error { return r.err }

// Close ends the scan, read to the end or not.
func (r *RowScanner) Close() error {
	r.done = true
	return r.s.Close()
}

// scanRows calls fn with each row a newRowScanner with the same arguments
// gives. An error of fn stops the scan and is returned as it is.
func (wb *Workbook) scanRows(sh *Sheet, limit int, merges *mergeFiller, fn func(CSVRecord) error, tail *[]mergeRange) error {
	r, err := wb.newRowScanner(sh, limit, merges, tail)
	if err != nil {
		return err
	}
	defer r.Close()
	for {
		rec, ok := r.Next()
		if !ok {
			return r.Err()
		}
		if err := fn(rec); err != nil {
			return err
		}
	}
}

// row reads the cells of the row just opened, up to its </row>.
func (sc *sheetScanner) row() ([]string, error) {
	s := sc.s
	cells := sc.cells[:0]
	col := 0
	for {
		start, el, ok := s.nextElement()
		if !ok {
			return nil, s.failure()
		}
		switch el {
		case elemEnd + elemRow:
			sc.cells = cells
			return cells, nil
		case elemC:
		default:
			continue
		}
		attrs, selfClosed := s.attrs(start)
		if c := columnOf(attrs.r); c > 0 {
			col = c
		} else {
			col++
		}
		if col > 16384 {
			return nil, errSheet
		}
		if selfClosed {
			continue
		}
		// The cell's type and style are views of the window, which reading
		// its content may move: keep them first.
		typ, style := typeOf(attrs.t), -1
		if n, ok := atoi(attrs.s); ok {
			style = n
		}
		text, err := sc.cell(col, typ, style)
		if err != nil {
			return nil, err
		}
		for len(cells) < col {
			cells = append(cells, "")
		}
		cells[col-1] = text
	}
}

// cell reads up to the cell's </c> and returns what it reads as: the text
// of its <v>, or of the <t>s of an inline string.
func (sc *sheetScanner) cell(col int, typ cellType, style int) (string, error) {
	s := sc.s
	var value []byte
	inline := sc.inline[:0]
	// The shapes writers give nearly every cell, <v>86</v></c> and
	// <is><t>text</t></is></c>, read without the general loop below, which
	// goes on from where they differ.
	switch {
	case s.consume("<v>"):
		text, ok := s.text()
		if !ok {
			return "", s.failure()
		}
		value = vText(text)
		if s.consume("</v></c>") {
			return sc.cellText(col, typ, style, value), nil
		}
	case s.consume("<is><t>"):
		text, ok := s.text()
		if !ok {
			return "", s.failure()
		}
		inline = unescapeXML(inline, text)
		if s.consume("</t></is></c>") {
			sc.inline = inline
			if typ == cellInline {
				value = inline
			}
			return sc.cellText(col, typ, style, value), nil
		}
	}
	for {
		start, el, ok := s.nextElement()
		if !ok {
			return "", s.failure()
		}
		switch el {
		case elemEnd + elemC:
			sc.inline = inline
			if typ == cellInline {
				value = inline
			}
			return sc.cellText(col, typ, style, value), nil
		case elemV, elemT:
			if s.skipTag(start) {
				continue
			}
			text, ok := s.text()
			if !ok {
				return "", s.failure()
			}
			if el == elemV {
				value = vText(text)
			} else {
				inline = unescapeXML(inline, text)
			}
		case elemRPh:
			// A phonetic guide: skip to its end, its <t> is not the text.
			if !s.skipPast("</rPh>") {
				return "", s.failure()
			}
		}
	}
}

// vText is the text of a <v>: a view of the window, or a copy with its
// entities decoded when it holds one.
func vText(text []byte) []byte {
	if hasEntity(text) {
		return unescapeXML(nil, text)
	}
	return text
}

// cellType is a cell's t attribute.
type cellType uint8

const (
	cellNumber cellType = iota // no t, or t="n", or one the scanner does not know
	cellShared
	cellInline
	cellFormula // t="str": a formula's text result
	cellError
	cellBool
	cellDate
)

func typeOf(t []byte) cellType {
	switch string(t) {
	case "s":
		return cellShared
	case "inlineStr":
		return cellInline
	case "str":
		return cellFormula
	case "e":
		return cellError
	case "b":
		return cellBool
	case "d":
		return cellDate
	}
	return cellNumber
}

// atoi reads a non-negative decimal number without allocating; false when
// b is not one (or too long to be a row, column, style or string index).
func atoi(b []byte) (int, bool) {
	if len(b) == 0 || len(b) > 10 {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// columnOf is the column number of a cell reference: 1 for "A1", 28 for
// "AB7"; 0 when ref is not one.
func columnOf(ref []byte) int {
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
func rowOf(ref []byte) int {
	i := 0
	for i < len(ref) && (ref[i] < '0' || ref[i] > '9') {
		i++
	}
	if i == 0 || i == len(ref) {
		return 0
	}
	n := 0
	for _, c := range ref[i:] {
		if c < '0' || c > '9' || n > 1<<40 {
			return 0
		}
		n = n*10 + int(c-'0')
	}
	return n
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
