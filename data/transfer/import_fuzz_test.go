package transfer

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"tiscdesk/data/datatest"
	"tiscdesk/data/model"
	"tiscdesk/data/store"
	"tiscdesk/data/tabular/tabulartest"
)

func FuzzImportInstitutions(f *testing.F) {
	for _, seed := range []string{chineseRoster, badRoster, "name,type,province\nA,Other,GD\nA,Other,GD\n",
		"机构名称;类型;省份;阶段;阶段日期\n北京大学;高校;北京;已运营;2018/5/1\n", "foo\n1\n", ""} {
		for mode := range byte(4) {
			f.Add([]byte(seed), mode)
		}
	}
	f.Add(tabulartest.GB18030(f, chineseRoster), byte(0))
	f.Add(asWorkbook(f, chineseRoster), byte(0)) // the .xlsx path
	// Every input meets the same database, holding chineseRoster so that
	// rows can update as well as create; an import that writes is followed
	// by a fresh copy of it (datatest.Template), so that every run starts
	// from the same state, as the fuzzer's minimizer needs.
	tmpl := datatest.NewTemplate(f, func(s *store.Store) error {
		_, err := ImportInstitutions(context.Background(), s, "seed.csv", strings.NewReader(chineseRoster), ImportOptions{noBackup: true})
		return err
	})
	addExportSeeds(f, tmpl, ExportInstitutions)
	fuzzImport(f, tmpl, func(s *store.Store, raw []byte, opt ImportOptions) (*ImportReport, error) {
		opt.Today = importToday
		return ImportInstitutions(context.Background(), s, "f.csv", bytes.NewReader(raw), opt)
	}, func(c store.Counts) int { return c.Institutions })
}

func FuzzImportStatistics(f *testing.F) {
	for _, seed := range []string{chineseReturns, "Institution,Year,Inquiries\nShanghai Library,2025,\"1,234\"\n",
		"机构名称,年度,咨询服务次数\n上海图书馆,2025,10\n上海图书馆,2025,11\n", "机构名称,年度\n广州,2025\n", "foo\n1\n", ""} {
		for mode := range byte(4) {
			f.Add([]byte(seed), mode)
		}
	}
	f.Add(tabulartest.GB18030(f, chineseReturns), byte(0))
	f.Add(asWorkbook(f, "Institution,Year,Inquiries\nShanghai Library,2025,1234\n"), byte(0))
	// One database per worker holding the institutions and a return, so
	// that rows update as well as create; a fresh copy after each write.
	tmpl := datatest.NewTemplate(f, func(s *store.Store) error {
		for _, in := range []*model.Institution{
			{LocalName: "上海图书馆", EnglishName: "Shanghai Library", Type: model.TypeLibrary, Province: "CN-SH", Stage: model.StageOperational},
			{LocalName: "浙江大学", EnglishName: "Zhejiang University", Type: model.TypeUniversity, Province: "CN-ZJ", Stage: model.StageCandidate},
		} {
			if err := s.Institutions.Put(in); err != nil {
				return err
			}
		}
		_, err := ImportStatistics(context.Background(), s, "seed.csv", strings.NewReader("机构名称,年度,咨询服务次数\n上海图书馆,2024,10\n"), ImportOptions{noBackup: true})
		return err
	})
	addExportSeeds(f, tmpl, ExportStatistics)
	fuzzImport(f, tmpl, func(s *store.Store, raw []byte, opt ImportOptions) (*ImportReport, error) {
		return ImportStatistics(context.Background(), s, "f.csv", bytes.NewReader(raw), opt)
	}, func(c store.Counts) int { return c.Statistics })
}

// fuzzImport fuzzes one kind of import: each input, with mode's bit 0 as
// SkipInvalid and bit 1 as DryRun, runs against a database copied from
// tmpl (a fresh copy after an input that wrote, so that every run starts
// from the same state, as the minimizer needs). It checks what every import
// promises: a failed import or a dry run changes nothing; the records of
// the kind (count) grow by those created; the rows add up; a refusal for
// invalid rows has some and no SkipInvalid; errors are ordered by line and
// say something; the database is sound afterwards.
func fuzzImport(f *testing.F, tmpl *datatest.Template, run func(*store.Store, []byte, ImportOptions) (*ImportReport, error), count func(store.Counts) int) {
	s := tmpl.Open(f)
	f.Cleanup(func() { datatest.Discard(s) })
	f.Fuzz(func(t *testing.T, raw []byte, mode byte) {
		skip, dry := mode&1 != 0, mode&2 != 0
		before, err := s.Counts()
		if err != nil {
			t.Fatal(err)
		}
		rep, err := run(s, raw, ImportOptions{SkipInvalid: skip, DryRun: dry, noBackup: true})
		if rep == nil {
			t.Fatalf("no report (err %v)", err)
		}
		after, cerr := s.Counts()
		if cerr != nil {
			t.Fatal(cerr)
		}
		if rep.Written {
			defer func() { datatest.Discard(s); s = tmpl.Open(t) }()
		}
		switch {
		case err != nil && after != before:
			t.Fatalf("a failed import (%v) changed the counts: %+v -> %+v", err, before, after)
		case dry && (after != before || rep.Written):
			t.Fatalf("a dry run changed the counts: %+v -> %+v", before, after)
		case err == nil && !dry && count(after) != count(before)+rep.Created:
			t.Fatalf("created %d, but the count went %d -> %d", rep.Created, count(before), count(after))
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
		if p, err := s.Check(); err != nil || len(p) != 0 {
			t.Fatalf("the database after the import: %v %v", p, err)
		}
	})
}
