package data

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/unicode"
)

// rosterFile builds an enrolment-like file of n rows and 9 columns, about
// 99 bytes a row, as the enrolment import will meet it.
func rosterFile(n int) string {
	var b strings.Builder
	b.Grow(n * 100)
	b.WriteString("姓名,Email,性别,工作单位,省份,国家,状态,成绩,注册日期\r\n")
	surnames := []string{"张", "王", "李", "赵", "陈", "刘", "杨", "黄"}
	orgs := []string{"北京大学图书馆", "同济大学知识产权中心", "\"广州市知识产权局, 服务处\"", "四川省科技情报所"}
	for i := range n {
		fmt.Fprintf(&b, "%s伟%d,user%06d@example.com.cn,%s,%s,%s,CN,已完成,%d.5,2018-%02d-%02d\r\n",
			surnames[i%len(surnames)], i%100, i, []string{"男", "女"}[i%2], orgs[i%len(orgs)],
			[]string{"北京", "Shanghai", "CN-GD", "四川省"}[i%4], 50+i%50, 1+i%12, 1+i%28)
	}
	return b.String()
}

// BenchmarkReadCSV reads 100,000 rows of 9 columns (about 9 MB), as UTF-8
// and as GB18030: decoding, delimiter detection and splitting.
func BenchmarkReadCSV(b *testing.B) {
	text := rosterFile(100_000)
	for _, tc := range []struct {
		name string
		raw  []byte
	}{
		{"utf-8", []byte(text)},
		{"gb18030", encodeGB18030(b, text)},
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
		chineseRoster, badRoster, "a,b\n\"x\"\"y\",\"multi\nline\"\n", "a;b\r\n1;2", "a\tb\n\"open\n",
		"\"ab\"c,d\r\re", ",,\n\n ,\n", "\xef\xbb\xbfa,b\n1,2", "x", "",
	} {
		f.Add([]byte(seed), byte(0))
	}
	f.Add(encodeGB18030(f, chineseRoster), byte(1))
	f.Add(encodeUTF16(f, "a\tb\n1\t2\n", unicode.LittleEndian, true), byte(2))
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

func FuzzImportInstitutions(f *testing.F) {
	for _, seed := range []string{chineseRoster, badRoster, "name,type,province\nA,Other,GD\nA,Other,GD\n",
		"机构名称;类型;省份;阶段;阶段日期\n北京大学;高校;北京;已运营;2018/5/1\n", "foo\n1\n", ""} {
		for mode := range byte(4) {
			f.Add([]byte(seed), mode)
		}
	}
	f.Add(encodeGB18030(f, chineseRoster), byte(0))
	// Every input meets the same database, holding chineseRoster so that
	// rows can update as well as create; an import that writes is followed
	// by a fresh copy. The fuzzer's minimizer needs each run to be
	// reproducible.
	dir := f.TempDir()
	var s *Store
	fresh := func(t testing.TB) {
		if s != nil {
			s.Close()
			os.Remove(s.Path())
		}
		var err error
		if s, err = Open(filepath.Join(dir, NewID().String()+".db")); err != nil {
			t.Fatal(err)
		}
		s.db.NoSync = true // durability is not the point here, speed is
		if _, err := s.ImportInstitutions(context.Background(), "seed.csv", strings.NewReader(chineseRoster), ImportOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	fresh(f)
	f.Cleanup(func() { s.Close() })
	f.Fuzz(func(t *testing.T, raw []byte, mode byte) {
		skip, dry := mode&1 != 0, mode&2 != 0
		before, err := s.Counts()
		if err != nil {
			t.Fatal(err)
		}
		rep, err := s.ImportInstitutions(context.Background(), "f.csv", bytes.NewReader(raw),
			ImportOptions{SkipInvalid: skip, DryRun: dry, Today: importToday})
		if rep == nil {
			t.Fatalf("no report (err %v)", err)
		}
		after, cerr := s.Counts()
		if cerr != nil {
			t.Fatal(cerr)
		}
		if rep.Written {
			defer fresh(t)
		}
		switch {
		case err != nil && after != before:
			t.Fatalf("a failed import (%v) changed the counts: %+v -> %+v", err, before, after)
		case dry && (after != before || rep.Written):
			t.Fatalf("a dry run changed the counts: %+v -> %+v", before, after)
		case err == nil && !dry && after.Institutions != before.Institutions+rep.Created:
			t.Fatalf("created %d, but the count went %d -> %d", rep.Created, before.Institutions, after.Institutions)
		case err != nil && !errors.Is(err, ErrRowsInvalid):
			return // the file could not be read as a roster: nothing more to check
		}
		if n := rep.Created + rep.Updated + rep.Unchanged + rep.Invalid; n != rep.Rows {
			t.Fatalf("%d rows, but %d created + %d updated + %d unchanged + %d invalid",
				rep.Rows, rep.Created, rep.Updated, rep.Unchanged, rep.Invalid)
		}
		if errors.Is(err, ErrRowsInvalid) && (skip || rep.Invalid == 0) {
			t.Fatalf("refused with SkipInvalid %v and %d invalid rows", skip, rep.Invalid)
		}
		for i, e := range rep.Errors {
			if e.Line < 1 || (i > 0 && e.Line < rep.Errors[i-1].Line) || e.Reason() == "" {
				t.Fatalf("error %d out of order or empty: %v", i, e)
			}
		}
	})
}
