package tabular

import (
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

// scanRows calls fn with each non-blank row of the sheet, at most limit
// when limit > 0, merged ranges applied from merges (nil for none). The
// record's Fields are reused once fn returns; the strings are fn's to keep.
// An error of fn stops the scan and is returned as it is. When tail is not
// nil and the whole sheet is read, the merged ranges that follow the rows
// are read into it.
func (wb *Workbook) scanRows(sh *Sheet, limit int, merges *mergeFiller, fn func(CSVRecord) error, tail *[]mergeRange) error {
	s, err := openPart(sh.part)
	if err != nil {
		return err
	}
	defer s.Close()
	sc := sheetScanner{wb: wb, s: s}
	if !s.seek("<sheetData") {
		return s.err // nil for an empty sheet, or a chart sheet
	}
	rowNum, n := 0, 0
	for {
		s.release()
		start, el, ok := s.nextElement()
		if !ok || el == elemEnd+elemSheetData {
			break
		}
		if el != elemRow {
			if el != elemOther && el != elemEnd+elemRow && el != elemSheetData {
				s.skipTag(start)
			}
			continue
		}
		attrs, selfClosed := s.attrs(start)
		if num, ok := atoi(attrs.r); ok && num > rowNum {
			rowNum = num
		} else {
			rowNum++
		}
		if selfClosed {
			continue
		}
		cells, err := sc.row()
		if err != nil {
			if s.err != nil {
				return s.err
			}
			return damaged("sheet %q: %v", sh.Name, err)
		}
		if filledCells(cells) == 0 {
			continue
		}
		cells = trimTrailing(cells)
		if merges != nil {
			cells = merges.apply(rowNum, cells)
			sc.cells = cells[:0]
		}
		if err := fn(CSVRecord{Line: rowNum, EndLine: rowNum, Fields: cells}); err != nil {
			return err
		}
		if n++; limit > 0 && n == limit {
			return nil
		}
	}
	if s.err != nil {
		return s.err
	}
	if tail != nil {
		if *tail, err = s.mergeRanges(); err != nil {
			return err
		}
	}
	// Read to the end, so that the archive's checksum of the part is
	// checked: a damaged sheet is refused, not read in part.
	if _, err := io.Copy(io.Discard, s.r); err != nil {
		return damaged("%s: %v", sh.part.Name, err)
	}
	return nil
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
