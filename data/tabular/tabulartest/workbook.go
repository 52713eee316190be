package tabulartest

import (
	"bytes"
	"testing"

	"github.com/xuri/excelize/v2"
)

// Sheet is one sheet of a workbook a test builds: its rows from A1 (a cell
// holds a string, a number, a time.Time or nil), the ranges to merge
// ("A1:D1"), and number formats by cell ("C3": "yyyy/m/d", "D3": "0.0").
type Sheet struct {
	Name    string
	Rows    [][]any
	Merge   []string
	Formats map[string]string
}

// Workbook writes sheets as an .xlsx file, as Excel would save them.
func Workbook(t testing.TB, sheets ...Sheet) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.Name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(s.Name); err != nil {
			t.Fatal(err)
		}
		for r, row := range s.Rows {
			cell, err := excelize.CoordinatesToCellName(1, r+1)
			if err != nil {
				t.Fatal(err)
			}
			if err := f.SetSheetRow(s.Name, cell, &row); err != nil {
				t.Fatal(err)
			}
		}
		for _, m := range s.Merge {
			a, b, _ := bytes.Cut([]byte(m), []byte(":"))
			if err := f.MergeCell(s.Name, string(a), string(b)); err != nil {
				t.Fatal(err)
			}
		}
		for cell, code := range s.Formats {
			code := code
			style, err := f.NewStyle(&excelize.Style{CustomNumFmt: &code})
			if err != nil {
				t.Fatal(err)
			}
			if err := f.SetCellStyle(s.Name, cell, cell, style); err != nil {
				t.Fatal(err)
			}
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// StreamedWorkbook writes one sheet of rows with excelize's stream writer,
// as large exports are written: for the benchmarks' 100,000-row workbooks.
func StreamedWorkbook(t testing.TB, sheet string, rows [][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		t.Fatal(err)
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		t.Fatal(err)
	}
	for r, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, r+1)
		if err := sw.SetRow(cell, row); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
