package tabular

import (
	"fmt"
	"io"
	"strings"
)

// Table is a roster opened for reading its records one at a time, as many
// times as needed, without holding them: a CSV file's decoded text (each
// record's cells are cut from it as it is read), or a workbook's sheet
// (decompressed again by each read). An import that must see every row
// before it writes any reads the table twice or keeps only what it needs
// of each row; ReadTable, which holds every record, costs about 60 bytes
// and a string header per cell more.
type Table struct {
	Encoding  Encoding // as detected, or as given; EncodingXLSX for a workbook
	Delimiter rune     // as detected, or as given; 0 for a workbook
	Sheet     string   // the sheet read, for a workbook

	text  string // a CSV file's decoded text
	delim byte
	sheet *Sheet // a workbook's sheet
	hint  int
}

// OpenTable reads r as ReadTable does, without splitting it into records:
// Records reads them. Returns ReadTable's errors; a workbook's rows are
// read by Records, which returns the errors of a damaged sheet.
func OpenTable(r io.Reader, opt CSVOptions, pick func([]CSVRecord) bool) (*Table, error) {
	raw, workbook, err := readRoster(r, opt)
	switch {
	case err != nil:
		return nil, err
	case workbook:
		return openWorkbookTable(raw, opt.Sheet, pick)
	}
	text, enc, delim, err := decodeCSV(raw, opt)
	if err != nil {
		return nil, err
	}
	return &Table{Encoding: enc, Delimiter: delim, text: text, delim: byte(delim), hint: lines(text)}, nil
}

func openWorkbookTable(raw []byte, sheet string, pick func([]CSVRecord) bool) (t *Table, err error) {
	// A hostile workbook must not take the program down with it.
	defer func() {
		if p := recover(); p != nil {
			t, err = nil, fmt.Errorf("%w: %v", ErrNotWorkbook, p)
		}
	}()
	sh, err := chooseSheet(raw, sheet, pick)
	if err != nil {
		return nil, err
	}
	n, err := sh.RowCount()
	if err != nil {
		return nil, err
	}
	return &Table{Encoding: EncodingXLSX, Sheet: sh.Name, sheet: sh, hint: n}, nil
}

// SizeHint is about how many records the table holds, at least as many
// as Records gives: for a progress bar's total.
func (t *Table) SizeHint() int { return t.hint }

// IsWorkbook reports whether the table is a workbook's sheet, whose rows
// end at their last non-empty cell (a CSV row has all its cells).
func (t *Table) IsWorkbook() bool { return t.sheet != nil }

// Records calls fn with each non-blank record, in order, as ReadTable
// would give them, except that a workbook's rows are not made as wide as
// the widest. fn may keep the strings, not Fields, which the next record
// reuses. An error of fn stops the reading and is returned as it is; else
// Records returns nil, or the error of a damaged sheet (which may come
// after some rows were given: read the table through before acting on
// it).
func (t *Table) Records(fn func(CSVRecord) error) error {
	if t.sheet != nil {
		return t.sheet.Rows(fn)
	}
	sc := newCSVScanner(t.text, t.delim)
	sc.reuse = true
	for {
		rec, ok := sc.next()
		if !ok {
			return nil
		}
		if err := fn(rec); err != nil {
			return err
		}
	}
}

// lines counts the lines of text, ended by LF, CRLF or a lone CR: at least
// as many as its records.
func lines(text string) int {
	return strings.Count(text, "\n") + strings.Count(text, "\r") - strings.Count(text, "\r\n") + 1
}
