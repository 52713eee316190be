package transfer

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"

	"tiscdesk/data/datatest"
	"tiscdesk/data/store"
	"tiscdesk/data/tabular"
)

// addExportSeeds adds the template's own export, as CSV and as a workbook,
// to f's seeds: files whose every row carries an id the database holds, so
// that the fuzzer starts from the id path and the .xlsx writer's output.
func addExportSeeds(f *testing.F, tmpl *datatest.Template, export func(*store.Store, io.Writer, tabular.Encoding) (int, error)) {
	f.Helper()
	s := tmpl.Open(f)
	defer datatest.Discard(s)
	for _, enc := range []tabular.Encoding{tabular.EncodingUTF8, tabular.EncodingXLSX} {
		var buf bytes.Buffer
		if _, err := export(s, &buf, enc); err != nil {
			f.Fatal(err)
		}
		f.Add(buf.Bytes(), byte(0))
		f.Add(buf.Bytes(), byte(1))
	}
}

// FuzzImportStudents: whatever the roster, CSV or workbook, the import
// never panics, never imports part of a file it refuses, writes nothing on
// a dry run, and accounts for every row (fuzzImport).
func FuzzImportStudents(f *testing.F) {
	for _, seed := range []string{chineseStudentRoster, englishStudentRoster, badStudentRoster,
		"programme,intake year,name\nX,2020,A\nX,2020,A\n", "foo\n1\n", ""} {
		for mode := range byte(4) {
			f.Add([]byte(seed), mode)
		}
	}
	f.Add(asWorkbook(f, strings.ReplaceAll(strings.TrimPrefix(englishStudentRoster, "\ufeff"), ";", ",")), byte(0))
	f.Add(asWorkbook(f, chineseStudentRoster), byte(1))
	// A database holding the English roster's programmes and students, so
	// that rows update as well as create; a fresh copy after each write.
	tmpl := datatest.NewTemplate(f, func(s *store.Store) error {
		_, err := ImportStudents(context.Background(), s, "seed.csv", strings.NewReader(englishStudentRoster), ImportOptions{noBackup: true, SkipInvalid: true})
		return err
	})
	addExportSeeds(f, tmpl, ExportStudents)
	fuzzImport(f, tmpl, func(s *store.Store, raw []byte, opt ImportOptions) (*ImportReport, error) {
		opt.Today = importToday
		return ImportStudents(context.Background(), s, "f.csv", bytes.NewReader(raw), opt)
	}, func(c store.Counts) int { return c.Students })
}
