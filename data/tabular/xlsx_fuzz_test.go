package tabular

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"tiscdesk/data/tabular/tabulartest"
)

// FuzzReadXLSX: whatever the bytes, reading them as a workbook never
// panics or hangs; it fails with ErrNotWorkbook (or names the sheets), or
// gives records in row order, all as wide as each other; and the sheet
// streamed by Sheet.Rows (merged ranges applied as the rows go by) gives
// the same rows but for that padding.
func FuzzReadXLSX(f *testing.F) {
	good := tabulartest.Workbook(f,
		tabulartest.Sheet{Name: "说明", Rows: [][]any{{"说明"}}},
		tabulartest.Sheet{Name: "名单", Rows: [][]any{{"名单"}, {"姓名", "邮箱", "成绩", "日期"},
			{"王伟", "wang@example.cn", 86, time.Date(2026, 3, 15, 0, 0, 0, 0, time.UTC)}},
			Merge: []string{"A1:D1"}, Formats: map[string]string{"D3": "yyyy/m/d", "C3": "0.0"}})
	f.Add(good, "")
	f.Add(good, "说明")
	f.Add(good[:len(good)/2], "")
	f.Add([]byte("PK\x03\x04"), "")
	f.Fuzz(func(t *testing.T, raw []byte, sheet string) {
		if !IsWorkbook(raw) {
			return
		}
		file, err := ReadXLSX(raw, sheet, headerPick)
		if err != nil {
			if !errors.Is(err, ErrNotWorkbook) && !strings.Contains(err.Error(), "no sheet") {
				t.Fatalf("an error that is not ErrNotWorkbook: %v", err)
			}
			return
		}
		for i, r := range file.Records {
			if i > 0 && (r.Line <= file.Records[i-1].Line || len(r.Fields) != len(file.Records[0].Fields)) {
				t.Fatalf("record %d: line %d after %d, %d cells after %d", i, r.Line, file.Records[i-1].Line, len(r.Fields), len(file.Records[0].Fields))
			}
		}
		wb, err := OpenWorkbook(bytes.NewReader(raw), int64(len(raw)))
		if err != nil {
			t.Fatalf("ReadXLSX read it, OpenWorkbook: %v", err)
		}
		sh, err := wb.Choose(sheet, headerPick)
		if err != nil || sh.Name != file.Sheet {
			t.Fatalf("Choose: %v, %v; ReadXLSX chose %q", sh, err, file.Sheet)
		}
		i := 0
		err = sh.Rows(func(rec CSVRecord) error {
			if i >= len(file.Records) {
				return fmt.Errorf("row %d past ReadXLSX's %d", rec.Line, len(file.Records))
			}
			want := file.Records[i]
			padded := append(slices.Clone(rec.Fields), make([]string, max(0, len(want.Fields)-len(rec.Fields)))...)
			if rec.Line != want.Line || !slices.Equal(padded, want.Fields) {
				return fmt.Errorf("row %d: %d %q, ReadXLSX %d %q", i, rec.Line, rec.Fields, want.Line, want.Fields)
			}
			i++
			return nil
		})
		if err != nil || i != len(file.Records) {
			t.Fatalf("Rows: %v after %d rows of %d", err, i, len(file.Records))
		}
		if len(raw) <= MaxCSVSize {
			sameAsTable(t, raw, CSVOptions{Sheet: sheet}, headerPick, file)
		}
	})
}
