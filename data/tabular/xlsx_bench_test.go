package tabular

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"tiscdesk/data/tabular/tabulartest"
)

// BenchmarkReadXLSX reads 100,000 enrolment rows from a workbook, next to
// the same rows as a CSV file: what a coordinator's largest roster costs
// in each format before the import's own work.
func BenchmarkReadXLSX(b *testing.B) {
	n := benchRows
	header := []any{"姓名", "邮箱", "性别", "工作单位", "省份", "课程代码", "状态", "成绩", "注册日期"}
	rows := [][]any{header}
	var csv strings.Builder
	for i, h := range header {
		if i > 0 {
			csv.WriteByte(',')
		}
		csv.WriteString(h.(string))
	}
	csv.WriteByte('\n')
	day := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		d := day.AddDate(0, 0, i%300)
		row := []any{fmt.Sprintf("学员%d", i), fmt.Sprintf("p%07d@example.org.cn", i), []string{"男", "女"}[i%2],
			fmt.Sprintf("上海%d图书馆", i%150), "上海", fmt.Sprintf("101C%02dS%d", 17+i%9, 1+i%2), "已完成", 60 + i%40,
			excelize.Cell{Value: d, StyleID: 0}}
		rows = append(rows, row)
		fmt.Fprintf(&csv, "%s,%s,%s,%s,%s,%s,%s,%d,%s\n", row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7], d.Format("2006-01-02"))
	}
	wb := tabulartest.StreamedWorkbook(b, "名单", rows)
	text := []byte(csv.String())
	pick := func([]CSVRecord) bool { return true }
	b.Run("csv", func(b *testing.B) {
		b.SetBytes(int64(len(text)))
		for b.Loop() {
			f, err := ReadTable(bytes.NewReader(text), CSVOptions{}, pick)
			if err != nil || len(f.Records) != n+1 {
				b.Fatalf("%v %d", err, len(f.Records))
			}
		}
	})
	b.Run("xlsx", func(b *testing.B) {
		b.SetBytes(int64(len(wb)))
		for b.Loop() {
			f, err := ReadTable(bytes.NewReader(wb), CSVOptions{}, pick)
			if err != nil || len(f.Records) != n+1 {
				b.Fatalf("%v %d", err, len(f.Records))
			}
		}
	})
	// The rows streamed as an import reads them, twice on one Workbook,
	// none held, after RowCount for a progress bar (which walks the sheet
	// for the merged ranges after the rows, as the first Rows would).
	b.Run("xlsx-rows-twice", func(b *testing.B) {
		b.SetBytes(int64(len(wb)))
		for b.Loop() {
			book, err := OpenWorkbook(bytes.NewReader(wb), int64(len(wb)))
			if err != nil {
				b.Fatal(err)
			}
			sh, err := book.Choose("", pick)
			if err != nil {
				b.Fatal(err)
			}
			if total, err := sh.RowCount(); err != nil || total != n+1 {
				b.Fatalf("RowCount %d, %v", total, err)
			}
			for range 2 {
				rows := 0
				if err := sh.Rows(func(CSVRecord) error { rows++; return nil }); err != nil || rows != n+1 {
					b.Fatalf("%v %d", err, rows)
				}
			}
		}
	})
}

// benchRows is the size of BenchmarkReadXLSX's roster.
var benchRows = 100_000

// BenchmarkWriteRows writes 100,000 enrolment rows through RowWriter as
// CSV and as a workbook: what the largest export costs in each format.
func BenchmarkWriteRows(b *testing.B) {
	cols := TextColumns("姓名", "邮箱", "性别", "工作单位", "省份", "课程代码", "状态", "成绩", "注册日期", "id").
		As(Number, "成绩").As(Date, "注册日期")
	rows := make([][]string, benchRows)
	day := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	for i := range rows {
		rows[i] = []string{fmt.Sprintf("学员%d", i), fmt.Sprintf("p%07d@example.org.cn", i), []string{"男", "女"}[i%2],
			fmt.Sprintf("上海%d图书馆", i%150), "上海", fmt.Sprintf("101C%02dS%d", 17+i%9, 1+i%2), "已完成",
			fmt.Sprint(60 + i%40), day.AddDate(0, 0, i%300).Format(time.DateOnly), fmt.Sprintf("0193a5c0-0000-7000-8000-%012d", i)}
	}
	for _, enc := range []Encoding{EncodingUTF8, EncodingXLSX} {
		b.Run(string(enc), func(b *testing.B) {
			var size int
			for b.Loop() {
				var buf bytes.Buffer
				w, err := NewRowWriter(&buf, enc, cols)
				if err != nil {
					b.Fatal(err)
				}
				for _, r := range rows {
					if err := w.Write(r...); err != nil {
						b.Fatal(err)
					}
				}
				if err := w.Close(); err != nil {
					b.Fatal(err)
				}
				size = buf.Len()
			}
			b.ReportMetric(float64(size)/1e6, "MB/file")
		})
	}
}

// BenchmarkReadXLSXSharedStrings reads a workbook whose 100,000 rows hold
// 200,000 distinct shared strings (a name and an email each), as Excel
// saves a roster: what the shared strings cost to hold.
func BenchmarkReadXLSXSharedStrings(b *testing.B) {
	n := benchRows
	var sst, sheet strings.Builder
	fmt.Fprintf(&sst, `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d">`, 2*n)
	sheet.WriteString(`<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	for i := range n {
		fmt.Fprintf(&sst, `<si><t>学员%06d</t></si><si><t>p%07d@example.org.cn</t></si>`, i, i)
		fmt.Fprintf(&sheet, `<row r="%d"><c r="A%d" t="s"><v>%d</v></c><c r="B%d" t="s"><v>%d</v></c></row>`, i+1, i+1, 2*i, i+1, 2*i+1)
	}
	sst.WriteString(`</sst>`)
	sheet.WriteString(`</sheetData></worksheet>`)
	wb := handWorkbook(b, sst.String(), sheet.String())
	b.SetBytes(int64(len(wb)))
	for b.Loop() {
		f, err := ReadXLSX(wb, "", nil)
		if err != nil || len(f.Records) != n || f.Records[n-1].Fields[0] != fmt.Sprintf("学员%06d", n-1) {
			b.Fatalf("%v", err)
		}
	}
}
