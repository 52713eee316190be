package tabular

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

var writeCols = TextColumns("名称", "Date", "Score", "Year", "Notes", "id").
	As(Date, "Date").As(Number, "Score", "Year")

var writeRows = [][]string{
	{"同济大学", "2026-03-15", "86", "2025", "line one\nline two", "0190c0de-0000-7000-8000-000000000001"},
	{"=SUM(A1:A2)", "", "3.5", "", "+86 21 6598 0000", "0190c0de-0000-7000-8000-000000000002"},
	{"Not a date", "2026-3", "n/a", "12345678901234567890", "", ""},
}

// An export saved as a workbook reads back as the same text, with the
// cells typed, the header frozen and the columns as wide as their text.
func TestXLSXWriterRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	w, err := NewRowWriter(&buf, EncodingXLSX, writeCols)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range writeRows {
		if err := w.Write(r...); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	f, err := ReadTable(bytes.NewReader(buf.Bytes()), CSVOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if f.Encoding != EncodingXLSX {
		t.Fatalf("read as %s", f.Encoding)
	}
	want := append([][]string{writeCols.Names()}, writeRows...)
	var got [][]string
	for _, r := range f.Records {
		got = append(got, r.Fields)
	}
	if len(got) != len(want) {
		t.Fatalf("read %d rows, want %d: %q", len(got), len(want), got)
	}
	for i := range want {
		if !slices.Equal(got[i], want[i]) {
			t.Errorf("row %d: read %q, want %q", i+1, got[i], want[i])
		}
	}

	x, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	types := map[string]excelize.CellType{}
	for _, cell := range []string{"B2", "C2", "D2", "C3", "A3", "B4", "C4", "D4"} {
		types[cell], err = x.GetCellType(XLSXSheet, cell)
		if err != nil {
			t.Fatal(err)
		}
	}
	// A number cell has no type attribute (excelize reads it as unset).
	for _, cell := range []string{"C2", "D2", "C3"} {
		if types[cell] != excelize.CellTypeUnset && types[cell] != excelize.CellTypeNumber {
			t.Errorf("cell %s is of type %v, want a number", cell, types[cell])
		}
	}
	for _, cell := range []string{"A3", "B4", "C4", "D4"} {
		if types[cell] != excelize.CellTypeInlineString {
			t.Errorf("cell %s is of type %v, want text", cell, types[cell])
		}
	}
	// The date is a number shown as a date.
	if raw, _ := x.GetCellValue(XLSXSheet, "B2", excelize.Options{RawCellValue: true}); raw != "46096" {
		t.Errorf("B2 holds %q, want the serial number of 2026-03-15, 46096", raw)
	}
	if shown, _ := x.GetCellValue(XLSXSheet, "B2"); shown != "2026-03-15" {
		t.Errorf("B2 shows %q", shown)
	}
	if f, _ := x.GetCellFormula(XLSXSheet, "A3"); f != "" {
		t.Errorf("A3 became the formula %q", f)
	}
	panes, err := x.GetPanes(XLSXSheet)
	if err != nil {
		t.Fatal(err)
	}
	if !panes.Freeze || panes.YSplit != 1 || panes.TopLeftCell != "A2" {
		t.Errorf("panes %+v, want the header row frozen", panes)
	}
	wName, _ := x.GetColWidth(XLSXSheet, "A")
	wNotes, _ := x.GetColWidth(XLSXSheet, "E")
	wID, _ := x.GetColWidth(XLSXSheet, "F")
	if wName < 13 || wNotes < 18 || wID < 38 || wID > 60 {
		t.Errorf("column widths: name %.0f, notes %.0f, id %.0f: too narrow for their text", wName, wNotes, wID)
	}
}

// A cell longer than Excel holds is refused with the row and column, not
// cut short; the CSV writer takes it.
func TestXLSXWriterRefusesWhatDoesNotFit(t *testing.T) {
	long := strings.Repeat("长", xlsxMaxCell+1)
	w, err := NewRowWriter(&bytes.Buffer{}, EncodingXLSX, writeCols)
	if err != nil {
		t.Fatal(err)
	}
	_ = w.Write("ok", "", "", "", "", "")
	err = w.Write("x", "", "", "", long, "")
	if !errors.Is(err, ErrTooBigForExcel) || !strings.Contains(err.Error(), `row 3, column "Notes"`) || !strings.Contains(err.Error(), "CSV") {
		t.Errorf("a too long cell: %v", err)
	}
	c, err := NewRowWriter(&bytes.Buffer{}, EncodingUTF8, writeCols)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Write("x", "", "", "", long, ""); err != nil {
		t.Errorf("CSV refused a long cell: %v", err)
	}
}

func TestEncodingForFile(t *testing.T) {
	for name, want := range map[string]Encoding{
		"a.xlsx": EncodingXLSX, "B.XLSX": EncodingXLSX, "c.csv": EncodingGB18030, "d": EncodingGB18030, "e.xlsx.csv": EncodingGB18030,
	} {
		if got := EncodingForFile(name, EncodingGB18030); got != want {
			t.Errorf("%s: %s, want %s", name, got, want)
		}
	}
}
