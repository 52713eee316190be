package tabular

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"tiscdesk/data/tabular/tabulartest"
)

var nameEmail = []FieldSpec{
	{Field: "name", Required: true, Synonyms: []string{"name", "姓名"}},
	{Field: "email", Required: true, Synonyms: []string{"email", "邮箱"}},
	{Field: "score", Synonyms: []string{"score", "成绩"}},
	{Field: "date", Synonyms: []string{"date", "日期"}},
}

func headerPick(recs []CSVRecord) bool {
	_, cols := FindHeader(recs, nameEmail)
	return cols.HasRequired()
}

// A workbook as coordinators send them: a cover sheet first, then the
// roster under a merged title, with date cells in three display formats,
// numbers displayed with decimals, a percentage and float noise, an empty
// row and empty trailing cells.
func TestReadXLSX(t *testing.T) {
	day := time.Date(2026, 3, 15, 0, 0, 0, 0, time.UTC)
	wb := tabulartest.Workbook(t,
		tabulartest.Sheet{Name: "说明", Rows: [][]any{{"本表为2026年培训名单"}, {"请勿修改表头"}}},
		tabulartest.Sheet{Name: "名单", Rows: [][]any{
			{"2026年远程课程学员名单", nil, nil, nil},
			{"姓名", "邮箱", "成绩", "日期"},
			{"王伟", "wang@example.cn", 86, day},
			{"李娜", "li@example.cn", 85.5, day},
			{},
			{"张敏", "zhang@example.cn", 0.1 + 0.2, day},
			{"Amina", "amina@example.org", 1234567, day, nil, ""},
		},
			Merge:   []string{"A1:D1"},
			Formats: map[string]string{"C3": "0.0", "D3": "yyyy/m/d", "D4": "d-mmm-yy", "D6": "yyyy\"年\"m\"月\"d\"日\"", "C7": "#,##0"}},
	)
	if !IsWorkbook(wb) {
		t.Fatal("IsWorkbook is false for a workbook")
	}
	f, err := ReadTable(strings.NewReader(string(wb)), CSVOptions{}, headerPick)
	if err != nil {
		t.Fatal(err)
	}
	if f.Sheet != "名单" || f.Encoding != EncodingXLSX {
		t.Errorf("read sheet %q (%s), want 名单, the first with a header", f.Sheet, f.Encoding)
	}
	want := [][]string{
		{"2026年远程课程学员名单", "2026年远程课程学员名单", "2026年远程课程学员名单", "2026年远程课程学员名单"},
		{"姓名", "邮箱", "成绩", "日期"},
		{"王伟", "wang@example.cn", "86", "2026-03-15"},
		{"李娜", "li@example.cn", "85.5", "2026-03-15"},
		{"张敏", "zhang@example.cn", "0.3", "2026-03-15"},
		{"Amina", "amina@example.org", "1234567", "2026-03-15"},
	}
	if got := fields(f); !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("cells\n%q\nwant\n%q", got, want)
	}
	if lines := []int{f.Records[2].Line, f.Records[4].Line}; !slices.Equal(lines, []int{3, 6}) {
		t.Errorf("lines %v, want the sheet's rows 3 and 6", lines)
	}
	// The header is found under the title as in a CSV file.
	if at, cols := FindHeader(f.Records, nameEmail); at != 1 || !cols.HasRequired() || cols.Line != 2 {
		t.Errorf("header at %d (line %d, required %v)", at, cols.Line, cols.HasRequired())
	}

	// A sheet by name, in any case; a missing one names the sheets.
	f, err = ReadTable(strings.NewReader(string(wb)), CSVOptions{Sheet: "说明"}, headerPick)
	if err != nil || f.Sheet != "说明" || f.Records[0].Fields[0] != "本表为2026年培训名单" {
		t.Errorf("sheet by name: %v %+v", err, f)
	}
	if _, err := ReadTable(strings.NewReader(string(wb)), CSVOptions{Sheet: "Roster"}, headerPick); err == nil ||
		!strings.Contains(err.Error(), `"说明", "名单"`) {
		t.Errorf("a missing sheet: %v", err)
	}
	// A CSV file asked for a sheet is told it is not a workbook.
	if _, err := ReadTable(strings.NewReader("name,email\n"), CSVOptions{Sheet: "名单"}, headerPick); err == nil {
		t.Error("a sheet asked of a CSV file was not refused")
	}
}

// A zip that is not a workbook, or a workbook cut short, is refused with
// ErrNotWorkbook, and the message holds no binary bytes.
func TestReadXLSXDamaged(t *testing.T) {
	wb := tabulartest.Workbook(t, tabulartest.Sheet{Name: "S", Rows: [][]any{{"name", "email"}, {"a", "a@b.cn"}}})
	for name, raw := range map[string][]byte{
		"cut short":   wb[:len(wb)/2],
		"not a sheet": []byte("PK\x03\x04\x14\x00\x00\x00\x08\x00 this is not a zip at all"),
	} {
		_, err := ReadTable(strings.NewReader(string(raw)), CSVOptions{}, headerPick)
		if !errors.Is(err, ErrNotWorkbook) {
			t.Errorf("%s: %v, want ErrNotWorkbook", name, err)
			continue
		}
		if strings.ContainsFunc(err.Error(), func(r rune) bool { return r < ' ' || r == '\uFFFD' }) {
			t.Errorf("%s: the message holds binary bytes: %q", name, err)
		}
	}
}

func TestPlainNumber(t *testing.T) {
	for in, want := range map[string]string{"86": "86", "86.0": "86", "0.30000000000000004": "0.3", "85.5": "85.5",
		"-5": "-5", "1E+3": "1000", "13800138000": "13800138000", "1234567890123456789": "1234567890123456789",
		"abc": "abc", "": "", "1.5e-7": "0.00000015"} {
		if got := plainNumber(in); got != want {
			t.Errorf("plainNumber(%q) = %q, want %q", in, got, want)
		}
	}
}
