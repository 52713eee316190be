package tabular

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/width"
)

// XLSXWriter writes an export as an Excel workbook of one sheet, with
// excelize's streaming writer: a bold header row frozen above the rows,
// columns as wide as their header and first rows need, dates as date cells
// (shown YYYY-MM-DD), numbers as number cells, and cells of several lines
// wrapped. Unlike a CSV file, a workbook cannot hold any text: a cell is at
// most 32,767 characters and a sheet at most 1,048,576 rows, and Write
// refuses what does not fit rather than cut it.
type XLSXWriter struct {
	w       io.Writer
	f       *excelize.File
	sw      *excelize.StreamWriter
	cols    Columns
	pending [][]string // the first rows, kept until the widths are known
	row     int        // the sheet's rows written, the header included
	started bool
	header  int // style IDs
	date    int
	wrap    int
	values  []any
}

// XLSXSheet is the name of an export's sheet.
const XLSXSheet = "Sheet1"

// xlsxWidthRows is how many rows the column widths are measured on.
const xlsxWidthRows = 500

// xlsxMaxCell and xlsxMaxRows are Excel's limits.
const (
	xlsxMaxCell = 32767
	xlsxMaxRows = 1048576
)

// ErrTooBigForExcel is returned when an export does not fit an Excel sheet.
var ErrTooBigForExcel = errors.New("does not fit an Excel sheet")

// NewXLSXWriter starts a workbook with the header cols, written to w on
// Close.
func NewXLSXWriter(w io.Writer, cols Columns) (*XLSXWriter, error) {
	f := excelize.NewFile()
	x := &XLSXWriter{w: w, f: f, cols: cols, row: 1}
	var err error
	if x.header, err = f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDE4EE"}},
		Border:    []excelize.Border{{Type: "bottom", Color: "7F8FA6", Style: 1}},
		Alignment: &excelize.Alignment{Vertical: "top", WrapText: true},
	}); err != nil {
		return nil, x.fail(err)
	}
	dateFormat := "yyyy-mm-dd"
	if x.date, err = f.NewStyle(&excelize.Style{CustomNumFmt: &dateFormat, Alignment: &excelize.Alignment{Vertical: "top"}}); err != nil {
		return nil, x.fail(err)
	}
	if x.wrap, err = f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}); err != nil {
		return nil, x.fail(err)
	}
	if x.sw, err = f.NewStreamWriter(XLSXSheet); err != nil {
		return nil, x.fail(err)
	}
	return x, nil
}

func (x *XLSXWriter) fail(err error) error {
	_ = x.f.Close()
	return fmt.Errorf("write the Excel file: %w", err)
}

// Write adds one row. It returns ErrTooBigForExcel, naming the row and
// column, for a cell longer than Excel allows or a row past the sheet's end.
func (x *XLSXWriter) Write(cells ...string) error {
	if x.row+len(x.pending) >= xlsxMaxRows {
		_ = x.f.Close()
		return fmt.Errorf("write the Excel file: row %d %w (at most %d rows): save it as CSV instead", x.row+len(x.pending)+1, ErrTooBigForExcel, xlsxMaxRows)
	}
	for i, c := range cells {
		if len(c) > xlsxMaxCell && len(utf16.Encode([]rune(c))) > xlsxMaxCell {
			name := strconv.Itoa(i + 1)
			if i < len(x.cols) {
				name = x.cols[i].Name
			}
			_ = x.f.Close()
			return fmt.Errorf("write the Excel file: row %d, column %q is longer than an Excel cell holds (%d characters), so it %w: save it as CSV instead",
				x.row+len(x.pending)+1, name, xlsxMaxCell, ErrTooBigForExcel)
		}
	}
	if !x.started {
		x.pending = append(x.pending, append([]string(nil), cells...))
		if len(x.pending) < xlsxWidthRows {
			return nil
		}
		return x.start()
	}
	return x.put(cells)
}

// start sets the widths and the frozen header from the rows kept, then
// writes them.
func (x *XLSXWriter) start() error {
	x.started = true
	for i, col := range x.cols {
		w := displayWidth(col.Name)
		if col.Kind == Date {
			w = max(w, 10)
		}
		for _, r := range x.pending {
			if i < len(r) {
				w = max(w, displayWidth(r[i]))
			}
		}
		if err := x.sw.SetColWidth(i+1, i+1, float64(min(max(w+2, 8), 60))); err != nil {
			return x.fail(err)
		}
	}
	if err := x.sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}}); err != nil {
		return x.fail(err)
	}
	head := make([]any, len(x.cols))
	for i, col := range x.cols {
		head[i] = excelize.Cell{StyleID: x.header, Value: col.Name}
	}
	if err := x.sw.SetRow("A1", head); err != nil {
		return x.fail(err)
	}
	for _, r := range x.pending {
		if err := x.put(r); err != nil {
			return err
		}
	}
	x.pending = nil
	return nil
}

// put writes one row, each cell as its column's kind.
func (x *XLSXWriter) put(cells []string) error {
	x.row++
	x.values = x.values[:0]
	for i, c := range cells {
		kind := Text
		if i < len(x.cols) {
			kind = x.cols[i].Kind
		}
		x.values = append(x.values, x.cell(kind, c))
	}
	if err := x.sw.SetRow("A"+strconv.Itoa(x.row), x.values); err != nil {
		return x.fail(err)
	}
	return nil
}

// cell is the value excelize writes for text s in a column of kind: nil
// (no cell) when s is empty, a number or date when s reads as one, else
// the text itself.
func (x *XLSXWriter) cell(kind CellKind, s string) any {
	if s == "" {
		return nil
	}
	switch kind {
	case Number:
		// Only when the number reads back as the same text: not "0086",
		// "3.50" or twenty digits a double cannot hold.
		if n, err := strconv.ParseInt(s, 10, 64); err == nil && strconv.FormatInt(n, 10) == s && len(s) < 16 {
			return n
		}
		if v, err := strconv.ParseFloat(s, 64); err == nil && strconv.FormatFloat(v, 'f', -1, 64) == s {
			return v
		}
	case Date:
		if t, err := time.Parse(time.DateOnly, s); err == nil {
			return excelize.Cell{StyleID: x.date, Value: t}
		}
	}
	if strings.Contains(s, "\n") {
		return excelize.Cell{StyleID: x.wrap, Value: s}
	}
	return s
}

// Close writes the workbook to w.
func (x *XLSXWriter) Close() error {
	if !x.started {
		if err := x.start(); err != nil {
			return err
		}
	}
	if err := x.sw.Flush(); err != nil {
		return x.fail(err)
	}
	if _, err := x.f.WriteTo(x.w); err != nil {
		return x.fail(err)
	}
	if err := x.f.Close(); err != nil {
		return fmt.Errorf("write the Excel file: %w", err)
	}
	return nil
}

// displayWidth is how many columns the longest line of s takes in a
// spreadsheet: two for a wide (Chinese) character, one for others.
func displayWidth(s string) int {
	longest := 0
	for line := range strings.SplitSeq(s, "\n") {
		n := 0
		for _, r := range line {
			switch width.LookupRune(r).Kind() {
			case width.EastAsianWide, width.EastAsianFullwidth:
				n += 2
			default:
				n++
			}
		}
		longest = max(longest, n)
	}
	return longest
}
