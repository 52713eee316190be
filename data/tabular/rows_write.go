package tabular

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"
)

// Writing exports: one RowWriter for both CSV and Excel files, so that
// every export is written once and saved as either.

// CellKind says what the cells of an export's column hold, for the Excel
// writer: text, numbers or dates. A CSV file writes them all as text.
type CellKind uint8

const (
	Text   CellKind = iota // written as text
	Number                 // a number cell when the text is a number ("86", "3.5")
	Date                   // a date cell when the text is a date (YYYY-MM-DD)
)

// Column is one column of an export: its header and its kind.
type Column struct {
	Name string
	Kind CellKind
}

// Columns are the header of an export.
type Columns []Column

// TextColumns is a header of text columns named names.
func TextColumns(names ...string) Columns {
	cols := make(Columns, len(names))
	for i, n := range names {
		cols[i] = Column{Name: n}
	}
	return cols
}

// As returns a copy of c whose columns named names hold kind. It panics
// when a name is not one of c's: a mistake in the program, not the data.
func (c Columns) As(kind CellKind, names ...string) Columns {
	out := append(Columns(nil), c...)
	for _, n := range names {
		found := false
		for i := range out {
			if out[i].Name == n {
				out[i].Kind, found = kind, true
			}
		}
		if !found {
			panic(fmt.Sprintf("tabular: no column %q", n))
		}
	}
	return out
}

// Names are the columns' headers.
func (c Columns) Names() []string {
	names := make([]string, len(c))
	for i, col := range c {
		names[i] = col.Name
	}
	return names
}

// RowWriter writes an export's rows, as CSV or as an Excel workbook.
type RowWriter interface {
	// Write writes one row, a cell per column.
	Write(cells ...string) error
	// Close finishes the file. It does not close the underlying writer.
	Close() error
}

// NewRowWriter starts an export on w with the header cols: an Excel
// workbook when enc is EncodingXLSX (see NewXLSXWriter), else a CSV file in
// enc (see NewCSVWriter). The header row is written at once.
func NewRowWriter(w io.Writer, enc Encoding, cols Columns) (RowWriter, error) {
	if enc == EncodingXLSX {
		return NewXLSXWriter(w, cols)
	}
	cw, err := NewCSVWriter(w, enc)
	if err != nil {
		return nil, err
	}
	if err := cw.Write(cols.Names()...); err != nil {
		return nil, err
	}
	return cw, nil
}

// IsWorkbookName reports whether a file named name is saved as an Excel
// workbook: its name ends in .xlsx, in any case.
func IsWorkbookName(name string) bool {
	return strings.EqualFold(filepath.Ext(name), ".xlsx")
}

// EncodingForFile is the encoding an export to a file named name is written
// in: EncodingXLSX for a workbook, else enc.
func EncodingForFile(name string, enc Encoding) Encoding {
	if IsWorkbookName(name) {
		return EncodingXLSX
	}
	return enc
}
