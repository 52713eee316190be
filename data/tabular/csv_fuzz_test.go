package tabular

import (
	"bytes"
	"encoding/csv"
	"io"
	"reflect"
	"testing"
	"tiscdesk/data/tabular/tabulartest"
	"unicode/utf8"

	"golang.org/x/text/encoding/unicode"
)

// BenchmarkReadCSV reads 100,000 rows of 9 columns (about 9 MB), as UTF-8
// and as GB18030: decoding, delimiter detection and splitting.
func BenchmarkReadCSV(b *testing.B) {
	text := tabulartest.RosterFile(100_000)
	for _, tc := range []struct {
		name string
		raw  []byte
	}{
		{"utf-8", []byte(text)},
		{"gb18030", tabulartest.GB18030(b, text)},
	} {
		b.Run(tc.name, func(b *testing.B) {
			b.SetBytes(int64(len(tc.raw)))
			b.ReportAllocs()
			for b.Loop() {
				f, err := ReadCSV(bytes.NewReader(tc.raw), CSVOptions{})
				if err != nil || len(f.Records) != 100_001 {
					b.Fatalf("%v, %d records", err, len(f.Records))
				}
			}
		})
	}
}

func FuzzReadCSV(f *testing.F) {
	for _, seed := range []string{
		tabulartest.RosterFile(5), "name,type,province\n\"北京大学\",高校,\"北京\n", "a,b\n\"x\"\"y\",\"multi\nline\"\n", "a;b\r\n1;2", "a\tb\n\"open\n",
		"\"ab\"c,d\r\re", ",,\n\n ,\n", "\xef\xbb\xbfa,b\n1,2", "x", "",
	} {
		f.Add([]byte(seed), byte(0))
	}
	f.Add(tabulartest.GB18030(f, tabulartest.RosterFile(5)), byte(1))
	f.Add(tabulartest.UTF16(f, "a\tb\n1\t2\n", unicode.LittleEndian, true), byte(2))
	f.Fuzz(func(t *testing.T, raw []byte, pick byte) {
		delim := []rune{0, ',', ';', '\t'}[pick%4]
		got, err := ReadCSV(bytes.NewReader(raw), CSVOptions{Delimiter: delim})
		if err != nil {
			t.Fatalf("ReadCSV failed on %d bytes: %v", len(raw), err)
		}
		last := 0
		for _, r := range got.Records {
			if r.Line <= last || r.EndLine < r.Line || len(r.Fields) == 0 {
				t.Fatalf("record lines %d-%d after line %d, %d cells", r.Line, r.EndLine, last, len(r.Fields))
			}
			if filledCells(r.Fields) == 0 {
				t.Fatalf("a blank record on line %d was kept", r.Line)
			}
			for _, cell := range r.Fields {
				if !utf8.ValidString(cell) {
					t.Fatalf("cell %q is not UTF-8", cell)
				}
			}
			last = r.EndLine
		}
		compareWithEncodingCSV(t, raw, got)
		sameAsTable(t, raw, CSVOptions{Delimiter: delim}, nil, got)
	})
}

// compareWithEncodingCSV checks ReadCSV against the standard library on the
// inputs both read the same way: valid UTF-8 without BOM, CR or NUL that
// encoding/csv parses strictly without error. Cells and start lines must agree.
func compareWithEncodingCSV(t *testing.T, raw []byte, got *CSVFile) {
	if !utf8.Valid(raw) || bytes.ContainsAny(raw, "\r\x00") || bytes.HasPrefix(raw, bomUTF8) ||
		got.Delimiter == '"' || bytes.ContainsRune(raw, '\uFEFF') {
		return
	}
	r := csv.NewReader(bytes.NewReader(raw))
	r.Comma = got.Delimiter
	r.FieldsPerRecord = -1
	var want []CSVRecord
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return // not well formed: the readers may differ by design
		}
		if filledCells(rec) == 0 {
			continue
		}
		line, _ := r.FieldPos(0)
		want = append(want, CSVRecord{Line: line, Fields: rec})
	}
	if len(want) != len(got.Records) {
		t.Fatalf("%d records, encoding/csv reads %d", len(got.Records), len(want))
	}
	for i, w := range want {
		g := got.Records[i]
		if g.Line != w.Line || !reflect.DeepEqual(g.Fields, w.Fields) {
			t.Fatalf("record %d: line %d %q; encoding/csv: line %d %q", i, g.Line, g.Fields, w.Line, w.Fields)
		}
	}
}

// sameAsTable checks that OpenTable's records, read one at a time, are
// ReadTable's (f), and that its size hint is at least their number.
func sameAsTable(t *testing.T, raw []byte, opt CSVOptions, pick func([]CSVRecord) bool, f *CSVFile) {
	t.Helper()
	tab, err := OpenTable(bytes.NewReader(raw), opt, pick)
	if err != nil {
		t.Fatalf("OpenTable failed where ReadTable did not: %v", err)
	}
	if tab.Encoding != f.Encoding || tab.Delimiter != f.Delimiter || tab.Sheet != f.Sheet {
		t.Fatalf("OpenTable read %s %q %q, ReadTable %s %q %q", tab.Encoding, tab.Delimiter, tab.Sheet, f.Encoding, f.Delimiter, f.Sheet)
	}
	i := 0
	err = tab.Records(func(rec CSVRecord) error {
		if i >= len(f.Records) {
			t.Fatalf("OpenTable gave a record %d more than ReadTable's %d", i+1, len(f.Records))
		}
		want := f.Records[i]
		got := rec
		if tab.IsWorkbook() {
			got.Fields = append([]string(nil), rec.Fields...)
			for len(got.Fields) < len(want.Fields) {
				got.Fields = append(got.Fields, "")
			}
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("record %d: OpenTable %+v, ReadTable %+v", i, got, want)
		}
		i++
		return nil
	})
	if err != nil || i != len(f.Records) || tab.SizeHint() < i {
		t.Fatalf("OpenTable: %v, %d records of ReadTable's %d, size hint %d", err, i, len(f.Records), tab.SizeHint())
	}
}
