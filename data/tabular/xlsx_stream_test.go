package tabular

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"tiscdesk/data/tabular/tabulartest"
)

// handWorkbook zips the parts of a one-sheet workbook written by hand, so
// that a test says exactly what XML the reader meets: shared strings (sst
// may be ""), the sheet, styles whose cell style 1 shows a date.
func handWorkbook(t testing.TB, sst, sheet string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	parts := map[string]string{
		"xl/workbook.xml": `<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ` +
			`xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="名单" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Target="worksheets/sheet1.xml" Type="worksheet"/></Relationships>`,
		"xl/styles.xml": `<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
			`<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>`,
		"xl/worksheets/sheet1.xml": sheet,
	}
	if sst != "" {
		parts["xl/sharedStrings.xml"] = sst
	}
	for _, name := range slices.Sorted(func(yield func(string) bool) {
		for k := range parts {
			if !yield(k) {
				return
			}
		}
	}) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(parts[name])); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// bigSheet is a sheet of n rows that crosses the reader's window many
// times: inline strings with entities and Excel's escapes, shared strings
// with runs and phonetic guides, numbers with float noise, dates, booleans,
// blank and skipped rows, a cell of 200 KB, and two merged ranges (one
// whose first row is blank, so that it is not applied). It returns the
// workbook and the rows ReadXLSX must give.
func bigSheet(t testing.TB, n int) ([]byte, [][]string, []int) {
	sst := "<?xml version=\"1.0\"?>\r\n<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"4\">" +
		"<si><t>姓名</t></si><si><r><rPr><b/></rPr><t>邮</t></r><r><t xml:space=\"preserve\">箱 </t></r></si>" +
		"<si><t>上海</t><rPh sb=\"0\" eb=\"2\"><t>シャンハイ</t></rPh></si><si><t>line one\r\nline two &amp; &#x4E2D;</t></si><si/></sst>"
	shared := []string{"姓名", "邮箱 ", "上海", "line one\nline two & 中", ""}
	var sheet strings.Builder
	sheet.WriteString(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
		`<dimension ref="A1"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetData>`)
	sheet.WriteString(`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t>成绩</t></is></c><c r="D1" t="inlineStr"><is><t>日期</t></is></c></row>`)
	want := [][]string{{"姓名", "邮箱 ", "成绩", "日期", ""}}
	lines := []int{1}
	day := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	big := strings.Repeat("长", 200_000/3)
	row := 1
	for i := range n {
		row++
		if i%1000 == 999 {
			row += 3 // rows left out of the file
		}
		if i%500 == 250 {
			fmt.Fprintf(&sheet, `<row r="%d"><c r="A%d" t="inlineStr"><is><t> </t></is></c></row>`, row, row) // blank
			continue
		}
		name := fmt.Sprintf("学员%d &amp; co_x000D_", i)
		wantName := fmt.Sprintf("学员%d & co\r", i)
		if i == n/2 {
			name, wantName = big, big
		}
		serial := 45000 + i%300
		fmt.Fprintf(&sheet, `<row r="%d" spans="1:5"><c r="A%d" t="inlineStr"><is><t>%s</t></is></c><c r="B%d" t="s"><v>%d</v></c>`+
			`<c r="C%d"><v>%s</v></c><c r="D%d" s="1"><v>%d</v></c>`, row, row, name, row, i%4, row, []string{"86", "0.30000000000000004", "85.5", "1E+3"}[i%4], row, serial)
		if i%7 == 0 {
			fmt.Fprintf(&sheet, `<c r="E%d" t="b"><v>1</v></c>`, row)
		}
		sheet.WriteString(`</row>`)
		r := []string{wantName, shared[i%4], []string{"86", "0.3", "85.5", "1000"}[i%4], day.AddDate(0, 0, serial).Format(time.DateOnly), ""}
		if i%7 == 0 {
			r[4] = "TRUE"
		}
		want = append(want, r)
		lines = append(lines, row)
	}
	sheet.WriteString(`</sheetData><mergeCells count="2"><mergeCell ref="B2:C4"/><mergeCell ref="A252:B260"/></mergeCells></worksheet>`)
	// B2:C4 takes B2's value over rows 2-4; A252:B260 starts on the
	// blank row 252 (i = 250), so it is not applied.
	for i := 1; i <= 3 && i < len(want); i++ {
		want[i][1], want[i][2] = want[1][1], want[1][1]
	}
	return handWorkbook(t, sst, sheet.String()), want, lines
}

// The streaming reader reads a large hand-written sheet as expected,
// through ReadXLSX (every row as wide as the widest) and through
// Sheet.Rows, twice on one Workbook.
func TestReadXLSXLargeSheet(t *testing.T) {
	raw, want, lines := bigSheet(t, 3000)
	f, err := ReadXLSX(raw, "", headerPick)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Records) != len(want) {
		t.Fatalf("%d records, want %d", len(f.Records), len(want))
	}
	for i, rec := range f.Records {
		if rec.Line != lines[i] || !slices.Equal(rec.Fields, want[i]) {
			t.Fatalf("record %d: line %d %q\nwant line %d %q", i, rec.Line, short(rec.Fields), lines[i], short(want[i]))
		}
	}
	wb, err := OpenWorkbook(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		t.Fatal(err)
	}
	sh, err := wb.Choose("", headerPick)
	if err != nil || sh.Name != "名单" {
		t.Fatalf("chose %v, %v", sh, err)
	}
	// The header and 3,000 rows, blank ones included, counted across the
	// window's pieces.
	if n, err := sh.RowCount(); n != 3001 || err != nil {
		t.Errorf("RowCount %d, %v; want 3001", n, err)
	}
	for pass := range 2 {
		i := 0
		err := sh.Rows(func(rec CSVRecord) error {
			w := want[i]
			for len(w) > len(rec.Fields) && w[len(w)-1] == "" {
				w = w[:len(w)-1] // Rows does not pad
			}
			if rec.Line != lines[i] || !slices.Equal(rec.Fields, w) {
				return fmt.Errorf("pass %d, row %d: line %d %q, want line %d %q", pass, i, rec.Line, short(rec.Fields), lines[i], short(w))
			}
			i++
			return nil
		})
		if err != nil || i != len(want) {
			t.Fatalf("%v after %d rows of %d", err, i, len(want))
		}
	}
	// An error of fn stops the reading and comes back as it is.
	stop := errors.New("stop")
	n := 0
	if err := sh.Rows(func(CSVRecord) error { n++; return stop }); err != stop || n != 1 {
		t.Errorf("fn's error: %v after %d rows", err, n)
	}
}

func short(fields []string) []string {
	out := slices.Clone(fields)
	for i, f := range out {
		if len(f) > 40 {
			out[i] = fmt.Sprintf("%s... (%d bytes)", f[:20], len(f))
		}
	}
	return out
}

// Sheet.Rows gives the rows ReadXLSX gives (less the padding), merged
// title included, from a file opened by path; Choose names the sheets
// when asked for one the workbook lacks.
func TestSheetRows(t *testing.T) {
	day := time.Date(2026, 3, 15, 0, 0, 0, 0, time.UTC)
	raw := tabulartest.Workbook(t,
		tabulartest.Sheet{Name: "说明", Rows: [][]any{{"本表为2026年培训名单"}}},
		tabulartest.Sheet{Name: "名单", Rows: [][]any{
			{"2026年远程课程学员名单", nil, nil, nil},
			{"姓名", "邮箱", "成绩", "日期"},
			{"王伟", "wang@example.cn", 86, day},
			{},
			{"Amina", "amina@example.org", 0.1 + 0.2},
		}, Merge: []string{"A1:D1"}, Formats: map[string]string{"D3": "yyyy/m/d"}})
	path := filepath.Join(t.TempDir(), "名单.xlsx")
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	whole, err := ReadXLSX(raw, "", headerPick)
	if err != nil {
		t.Fatal(err)
	}
	wb, err := OpenWorkbookFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	if names := []string{wb.Sheets()[0].Name, wb.Sheets()[1].Name}; !slices.Equal(names, []string{"说明", "名单"}) {
		t.Errorf("sheets %q", names)
	}
	if _, err := wb.Choose("Roster", headerPick); err == nil || !strings.Contains(err.Error(), `"说明", "名单"`) {
		t.Errorf("a missing sheet: %v", err)
	}
	sh, err := wb.Choose(" 名单 ", nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []CSVRecord
	if err := sh.Rows(func(rec CSVRecord) error {
		rec.Fields = slices.Clone(rec.Fields)
		got = append(got, rec)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	PadRows(got)
	if len(got) != len(whole.Records) {
		t.Fatalf("%d rows, ReadXLSX %d", len(got), len(whole.Records))
	}
	for i := range got {
		if got[i].Line != whole.Records[i].Line || !slices.Equal(got[i].Fields, whole.Records[i].Fields) {
			t.Errorf("row %d: %d %q, ReadXLSX %d %q", i, got[i].Line, got[i].Fields, whole.Records[i].Line, whole.Records[i].Fields)
		}
	}
	if got[0].Fields[3] != "2026年远程课程学员名单" || got[2].Fields[3] != "2026-03-15" || got[3].Fields[2] != "0.3" {
		t.Errorf("rows %v", got)
	}
	if _, err := OpenWorkbookFile(filepath.Join(t.TempDir(), "none.xlsx")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a missing file: %v", err)
	}
}

// A sheet damaged inside its compressed data is refused with
// ErrNotWorkbook by ReadXLSX and by Sheet.Rows (which has given rows by
// then, and says so in its contract), and the message holds no binary.
func TestReadXLSXDamagedSheet(t *testing.T) {
	raw, _, _ := bigSheet(t, 2000)
	zr, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		t.Fatal(err)
	}
	var sheet *zip.File
	for _, f := range zr.File {
		if f.Name == "xl/worksheets/sheet1.xml" {
			sheet = f
		}
	}
	at, err := sheet.DataOffset()
	if err != nil {
		t.Fatal(err)
	}
	for _, where := range []int64{at + int64(sheet.CompressedSize64)*3/4, at + int64(sheet.CompressedSize64) - 20} {
		bad := slices.Clone(raw)
		for i := where; i < where+8; i++ {
			bad[i] ^= 0x5a
		}
		_, err := ReadXLSX(bad, "", headerPick)
		if !errors.Is(err, ErrNotWorkbook) {
			t.Errorf("byte %d: ReadXLSX %v, want ErrNotWorkbook", where, err)
		}
		wb, err := OpenWorkbook(bytes.NewReader(bad), int64(len(bad)))
		if err != nil {
			t.Fatal(err)
		}
		sh, err := wb.Choose("", headerPick)
		if err != nil {
			t.Fatal(err)
		}
		err = sh.Rows(func(CSVRecord) error { return nil })
		if !errors.Is(err, ErrNotWorkbook) {
			t.Errorf("byte %d: Rows %v, want ErrNotWorkbook", where, err)
		} else if strings.ContainsFunc(err.Error(), func(r rune) bool { return r < ' ' || r == '\uFFFD' }) {
			t.Errorf("the message holds binary bytes: %q", err)
		}
	}
}

// A panic of the caller's fn is the caller's: Rows does not turn it into
// a damaged workbook.
func TestSheetRowsPanicInFn(t *testing.T) {
	raw, _, _ := bigSheet(t, 10)
	wb, err := OpenWorkbook(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if r := recover(); r != "fn" {
			t.Errorf("recovered %v, want fn's panic", r)
		}
	}()
	_ = wb.Sheets()[0].Rows(func(CSVRecord) error { panic("fn") })
	t.Error("Rows returned after fn panicked")
}

// The rows are counted wherever the pieces read from the part end: here
// a byte at a time, and a few bytes at a time.
func TestCountRowsToEnd(t *testing.T) {
	raw, _, _ := bigSheet(t, 40)
	zr, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		t.Fatal(err)
	}
	var xml []byte
	for _, f := range zr.File {
		if f.Name == "xl/worksheets/sheet1.xml" {
			rc, _ := f.Open()
			xml, _ = io.ReadAll(rc)
			rc.Close()
		}
	}
	want := bytes.Count(xml[:bytes.Index(xml, []byte("</sheetData"))], []byte("<row"))
	for name, r := range map[string]io.Reader{
		"one byte": iotest.OneByteReader(bytes.NewReader(xml)),
		"halves":   iotest.HalfReader(bytes.NewReader(xml)),
		"7 bytes":  &chunked{bytes.NewReader(xml), 7},
		"whole":    bytes.NewReader(xml),
	} {
		s := &partStream{r: io.NopCloser(r), name: "sheet", buf: make([]byte, 0, streamChunk)}
		rows, found := s.countRowsToEnd()
		if rows != want || !found || !strings.HasPrefix(string(s.buf[s.pos:]), "</sheetData") {
			t.Errorf("%s: %d rows, found %v; want %d", name, rows, found, want)
		}
		if merges, err := s.mergeRanges(); err != nil || len(merges) != 2 {
			t.Errorf("%s: merged ranges %v, %v", name, merges, err)
		}
	}
}

// chunked reads at most n bytes at a time.
type chunked struct {
	r io.Reader
	n int
}

func (c *chunked) Read(p []byte) (int, error) { return c.r.Read(p[:min(len(p), c.n)]) }

// The window does not grow with the sheet: after a walk of 20,000 rows
// (about 4.4 MB of XML, one cell of 200 KB among them) it holds well under
// a megabyte.
func TestSheetWindowStaysSmall(t *testing.T) {
	raw, want, _ := bigSheet(t, 20_000)
	wb, err := OpenWorkbook(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		t.Fatal(err)
	}
	sh := wb.Sheets()[0]
	r, err := wb.newRowScanner(sh, 0, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	n := 0
	for _, ok := r.Next(); ok; _, ok = r.Next() {
		n++
	}
	if r.Err() != nil || n != len(want) {
		t.Fatalf("%v after %d rows of %d", r.Err(), n, len(want))
	}
	if r.s.read < 4<<20 || cap(r.s.buf) > 1<<20 {
		t.Errorf("read %d bytes of XML through a window of %d", r.s.read, cap(r.s.buf))
	}
}
