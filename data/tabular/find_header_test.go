package tabular

import (
	"strings"
	"testing"
)

// yearlyReturns is a statistics-like roster whose year is required: a title
// such as "2025年度TISC统计报表" holds one of its synonyms (年度).
var yearlyReturns = []FieldSpec{
	{Field: "institution", Required: true, Synonyms: []string{"institution", "机构名称"}},
	{Field: "year", Required: true, Synonyms: []string{"year", "年度"}},
	{Field: "inquiries", Synonyms: []string{"inquiries", "咨询服务次数"}},
}

func records(t *testing.T, csv string) []CSVRecord {
	t.Helper()
	f, err := ReadCSV(strings.NewReader(csv), CSVOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return f.Records
}

func TestFindHeaderTitleThatNamesAField(t *testing.T) {
	for _, tc := range []struct {
		name, csv string
		at        int
		fields    string
	}{
		// The title holds 年度, a synonym, as one word: the row below names
		// three fields and is the header.
		{"title with a synonym", "2025年度TISC统计报表,,\n机构名称,年度,咨询服务次数\n同济大学,2025,12\n", 1, "institution,year,inquiries"},
		{"title in one cell", "2025 年度 TISC 统计报表\n机构名称,年度,咨询服务次数\n同济大学,2025,12\n", 1, "institution,year,inquiries"},
		{"two title rows", "2025年度TISC统计报表,,\n上海市知识产权局,,\n机构名称,年度,咨询服务次数\n同济大学,2025,12\n", 2, "institution,year,inquiries"},
		// A header of one column stays the header when no row below names
		// more fields.
		{"one-column header", "机构名称\n同济大学\n复旦大学\n", 0, "institution"},
		{"one-column header over a year", "年度\n2025\n2024\n", 0, "year"},
		// A header of two named columns is the header, whatever follows.
		{"plain header", "机构名称,年度\n同济大学,2025\n", 0, "institution,year"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			recs := records(t, tc.csv)
			at, cols := FindHeader(recs, yearlyReturns)
			var got []string
			for _, f := range cols.Fields {
				if f != "" {
					got = append(got, f)
				}
			}
			if at != tc.at || strings.Join(got, ",") != tc.fields || cols.Line != recs[tc.at].Line {
				t.Errorf("header at %d (line %d), fields %v; want at %d, fields %s", at, cols.Line, got, tc.at, tc.fields)
			}
		})
	}
}
