package transfer

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"tiscdesk/data/model"
	"tiscdesk/data/store"
	"tiscdesk/data/tabular"
	"tiscdesk/data/tabular/tabulartest"
)

// twoTISCs holds an operational TISC and a candidate (a return is accepted
// whatever the stage).
func twoTISCs(t *testing.T) (*store.Store, *model.Institution, *model.Institution) {
	t.Helper()
	s := openTemp(t)
	lib := &model.Institution{LocalName: "上海图书馆", EnglishName: "Shanghai Library", Type: model.TypeLibrary, Province: "CN-SH", Stage: model.StageOperational}
	uni := &model.Institution{LocalName: "浙江大学", EnglishName: "Zhejiang University", Type: model.TypeUniversity, Province: "CN-ZJ", Stage: model.StageCandidate}
	for _, in := range []*model.Institution{lib, uni} {
		if err := s.Institutions.Put(in); err != nil {
			t.Fatal(err)
		}
	}
	return s, lib, uni
}

func returnOf(t *testing.T, s *store.Store, in model.ID, year int) *model.YearlyReturn {
	t.Helper()
	list, err := s.Statistics.Where(func(r *model.YearlyReturn) bool { return r.Institution == in && r.Year == year })
	if err != nil || len(list) != 1 {
		t.Fatalf("returns of %s for %d: %d (%v), want 1", in, year, len(list), err)
	}
	return list[0]
}

const chineseReturns = "2025年度TISC统计报表\n" +
	"机构名称,年度,咨询服务次数,检索分析报告,专利/产业分析报告,培训场次,培训人次,宣传活动,协助专利申请,技术转移交易,专职人员,参加远程课程人员\n" +
	"上海图书馆,2025年,\"1,234\",56,7,12,\"2,480\",9,31,4,6,3\n" +
	"浙江大学,2025,\"12 345\",8,1,3,210,2,0,1,4,4\n"

func TestImportStatisticsGB18030ChineseHeaders(t *testing.T) {
	s, lib, uni := twoTISCs(t)
	rep, err := ImportStatistics(context.Background(), s, "统计.csv", bytes.NewReader(tabulartest.GB18030(t, chineseReturns)), ImportOptions{})
	if err != nil {
		t.Fatalf("import: %v (%v)", err, rep.Errors)
	}
	if rep.Encoding != tabular.EncodingGB18030 || rep.Created != 2 || len(rep.Ignored) != 0 {
		t.Fatalf("report: encoding %v, %d created, ignored %v", rep.Encoding, rep.Created, rep.Ignored)
	}
	r := returnOf(t, s, lib.ID, 2025)
	want := model.YearlyReturn{Institution: lib.ID, Year: 2025, Inquiries: 1234, SearchReports: 56, Analyses: 7, TrainingEvents: 12,
		TrainingParticipants: 2480, AwarenessEvents: 9, Applications: 31, TechTransfers: 4, Staff: 6, StaffTrained: 3}
	want.Meta = r.Meta
	if *r != want {
		t.Errorf("上海图书馆 2025:\n got %+v\nwant %+v", *r, want)
	}
	if u := returnOf(t, s, uni.ID, 2025); u.Inquiries != 12345 || u.StaffTrained != 4 {
		t.Errorf("a candidate's return, \"12 345\" inquiries: %+v", u)
	}
}

func TestImportStatisticsEnglishHeadersAndNumberCells(t *testing.T) {
	csv := "Institution,Year,Enquiries,Search and analysis reports,Training events,Training participants,Staff,Staff trained in DL\n" +
		"shanghai  library,2024,980,40,10,1500,5,2\n"
	for _, tc := range []struct {
		name string
		raw  []byte
	}{{"csv", []byte(csv)}, {"xlsx", asWorkbook(t, csv)}} {
		t.Run(tc.name, func(t *testing.T) {
			s, lib, _ := twoTISCs(t)
			rep, err := ImportStatistics(context.Background(), s, "returns."+tc.name, bytes.NewReader(tc.raw), ImportOptions{})
			if err != nil {
				t.Fatalf("import: %v (%v)", err, rep.Errors)
			}
			r := returnOf(t, s, lib.ID, 2024)
			if r.Inquiries != 980 || r.TrainingParticipants != 1500 || r.Staff != 5 || r.StaffTrained != 2 {
				t.Errorf("matched by English name, any case and spacing: %+v", r)
			}
		})
	}
}

func TestImportStatisticsWithoutYearColumn(t *testing.T) {
	s, _, _ := twoTISCs(t)
	_, err := ImportStatistics(context.Background(), s, "r.csv", strings.NewReader("机构名称,咨询服务次数\n上海图书馆,3\n"), ImportOptions{})
	var he *tabular.HeaderError
	if !errors.As(err, &he) || !strings.Contains(err.Error(), "Year") {
		t.Fatalf("no year column: %v, want a header error naming Year", err)
	}
}

func TestImportStatisticsUnknownInstitutionIsNamed(t *testing.T) {
	s, _, _ := twoTISCs(t)
	csv := "机构名称,年度,咨询服务次数\n上海图书馆,2025,10\n广州图书馆,2025,20\n上海图书馆,2024,1.5\n"
	rep, err := ImportStatistics(context.Background(), s, "r.csv", strings.NewReader(csv), ImportOptions{})
	if !errors.Is(err, ErrRowsInvalid) {
		t.Fatalf("err %v, want ErrRowsInvalid", err)
	}
	if len(rep.Errors) != 2 {
		t.Fatalf("errors %v, want two", rep.Errors)
	}
	if e := rep.Errors[0]; e.Line != 3 || e.Field != "机构名称" || !strings.Contains(e.Error(), "广州图书馆") || !strings.Contains(e.Error(), "not an institution of the register") {
		t.Errorf("the unknown institution: %q", e.Error())
	}
	if e := rep.Errors[1]; e.Line != 4 || !strings.Contains(e.Error(), "not a whole number") {
		t.Errorf("1.5 inquiries: %q", e.Error())
	}
	if c, _ := s.Counts(); c.Statistics != 0 {
		t.Errorf("an invalid file wrote %d returns", c.Statistics)
	}
	// --skip-invalid imports the good row.
	rep, err = ImportStatistics(context.Background(), s, "r.csv", strings.NewReader(csv), ImportOptions{SkipInvalid: true})
	if err != nil || rep.Created != 1 || rep.Skipped != 2 {
		t.Fatalf("skip invalid: %v, %d created, %d skipped", err, rep.Created, rep.Skipped)
	}
}

func TestImportStatisticsRepeatedYearUpdates(t *testing.T) {
	s, lib, _ := twoTISCs(t)
	first := "Institution,Year,Inquiries,Staff\n上海图书馆,2025,100,4\n"
	if _, err := ImportStatistics(context.Background(), s, "a.csv", strings.NewReader(first), ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	id := returnOf(t, s, lib.ID, 2025).ID
	// The corrected return: inquiries change, the empty staff cell keeps 4.
	second := "Institution,Year,Inquiries,Staff\nShanghai Library,2025,\"1,100\",\n"
	rep, err := ImportStatistics(context.Background(), s, "b.csv", strings.NewReader(second), ImportOptions{})
	if err != nil || rep.Updated != 1 || rep.Created != 0 {
		t.Fatalf("second import: %v, %d updated, %d created", err, rep.Updated, rep.Created)
	}
	r := returnOf(t, s, lib.ID, 2025)
	if r.ID != id || r.Inquiries != 1100 || r.Staff != 4 {
		t.Errorf("after the update: %+v (id was %s)", r, id)
	}
	rep, _ = ImportStatistics(context.Background(), s, "b.csv", strings.NewReader(second), ImportOptions{})
	if rep.Unchanged != 1 || rep.Updated != 0 {
		t.Errorf("the same file again: %d unchanged, %d updated", rep.Unchanged, rep.Updated)
	}
	// The same institution and year twice in one file is an error.
	twice := "Institution,Year,Inquiries\n上海图书馆,2023,1\nShanghai Library,2023,2\n"
	rep, err = ImportStatistics(context.Background(), s, "c.csv", strings.NewReader(twice), ImportOptions{})
	if !errors.Is(err, ErrRowsInvalid) || len(rep.Errors) != 1 || rep.Errors[0].Line != 3 || !strings.Contains(rep.Errors[0].Error(), "line 2") {
		t.Errorf("a repeated row: %v %v", err, rep.Errors)
	}
}

func TestExportStatisticsReimportsUnchanged(t *testing.T) {
	s, _, _ := twoTISCs(t)
	if _, err := ImportStatistics(context.Background(), s, "a.csv", strings.NewReader(chineseReturns), ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, enc := range []tabular.Encoding{tabular.EncodingUTF8, tabular.EncodingGB18030} {
		var out bytes.Buffer
		n, err := ExportStatistics(s, &out, enc)
		if err != nil || n != 2 {
			t.Fatalf("export: %d, %v", n, err)
		}
		rep, err := ImportStatistics(context.Background(), s, "export.csv", &out, ImportOptions{})
		if err != nil || rep.Unchanged != 2 || len(rep.Ignored) != 0 {
			t.Fatalf("re-import of the export (%v): %v, %d unchanged, ignored %v", enc, err, rep.Unchanged, rep.Ignored)
		}
	}
}

// An edited export whose id was copied onto a row of another year: two rows
// would write one stored return, the second silently replacing the first.
// The second row is refused, naming the first, and nothing is written.
func TestImportStatisticsOneIDTwoReturnsIsRefused(t *testing.T) {
	s, lib, _ := twoTISCs(t)
	if _, err := ImportStatistics(context.Background(), s, "a.csv", strings.NewReader("Institution,Year,Inquiries\n上海图书馆,2024,10\n"), ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	id := returnOf(t, s, lib.ID, 2024).ID
	edited := "Institution,Year,Inquiries,id\n上海图书馆,2024,11," + id.String() + "\n上海图书馆,2025,20," + id.String() + "\n"
	rep, err := ImportStatistics(context.Background(), s, "e.csv", strings.NewReader(edited), ImportOptions{})
	if !errors.Is(err, ErrRowsInvalid) || len(rep.Errors) != 1 {
		t.Fatalf("err %v, errors %v: want the second row refused", err, rep.Errors)
	}
	if e := rep.Errors[0]; e.Line != 3 || !strings.Contains(e.Error(), "line 2") || !strings.Contains(e.Error(), "another institution or year") {
		t.Errorf("the message: %q", e.Error())
	}
	if r := returnOf(t, s, lib.ID, 2024); r.Inquiries != 10 {
		t.Errorf("the stored return changed: %+v", r)
	}
	if c, _ := s.Counts(); c.Statistics != 1 {
		t.Errorf("%d returns stored, want the one", c.Statistics)
	}
	// The other order: the id moves 2024's return to 2025, then a row for 2024.
	edited = "Institution,Year,Inquiries,id\n上海图书馆,2025,20," + id.String() + "\n上海图书馆,2024,11\n"
	if rep, err = ImportStatistics(context.Background(), s, "e.csv", strings.NewReader(edited), ImportOptions{}); !errors.Is(err, ErrRowsInvalid) || len(rep.Errors) != 1 || rep.Errors[0].Line != 3 {
		t.Errorf("moved then repeated: %v %v", err, rep.Errors)
	}
}

// The id column of a file of returns, as the other imports read it: an id
// that is not one is refused with the advice to leave the column as the
// export wrote it, and nothing is written; an id this database does not
// hold (a file from another machine) falls back to the institution and
// year; the id of a stored return finds it when the year was edited.
func TestImportStatisticsIDColumn(t *testing.T) {
	s, lib, uni := twoTISCs(t)
	if _, err := ImportStatistics(context.Background(), s, "a.csv", strings.NewReader("Institution,Year,Inquiries\n上海图书馆,2024,10\n"), ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	stored := returnOf(t, s, lib.ID, 2024)

	bad := "Institution,Year,Inquiries,id\n浙江大学,2025,5,\n上海图书馆,2024,11,not-an-id\n"
	rep, err := ImportStatistics(context.Background(), s, "bad.csv", strings.NewReader(bad), ImportOptions{})
	if !errors.Is(err, ErrRowsInvalid) || len(rep.Errors) != 1 {
		t.Fatalf("a bad id: %v %v", err, rep.Errors)
	}
	if msg := rep.Errors[0].Error(); !strings.HasPrefix(msg, "bad.csv:3: id:") || !strings.Contains(msg, "not a record id") || !strings.Contains(msg, "leave the id column as the export wrote it") {
		t.Errorf("the message: %q", msg)
	}
	if c, _ := s.Counts(); c.Statistics != 1 || returnOf(t, s, lib.ID, 2024).Inquiries != 10 {
		t.Errorf("a refused file wrote: %d returns, %+v", c.Statistics, returnOf(t, s, lib.ID, 2024))
	}

	// An unknown id: matched by institution and year, here the stored
	// return of 2024 (updated, not duplicated) and a new one for 浙江大学.
	other := "Institution,Year,Inquiries,id\n上海图书馆,2024,12," + model.NewID().String() + "\n浙江大学,2025,5," + model.NewID().String() + "\n"
	rep, err = ImportStatistics(context.Background(), s, "other.csv", strings.NewReader(other), ImportOptions{})
	if err != nil || rep.Updated != 1 || rep.Created != 1 {
		t.Fatalf("unknown ids: %v, %d updated, %d created, errors %v", err, rep.Updated, rep.Created, rep.Errors)
	}
	if r := returnOf(t, s, lib.ID, 2024); r.ID != stored.ID || r.Inquiries != 12 {
		t.Errorf("the return of 2024 after an unknown id: %+v (id was %s)", r, stored.ID)
	}
	returnOf(t, s, uni.ID, 2025)

	// The stored id on an edited year moves that return, not a new one.
	moved := "Institution,Year,Inquiries,id\n上海图书馆,2023,12," + stored.ID.String() + "\n"
	if rep, err = ImportStatistics(context.Background(), s, "moved.csv", strings.NewReader(moved), ImportOptions{}); err != nil || rep.Updated != 1 {
		t.Fatalf("an edited year: %v %+v", err, rep)
	}
	if r := returnOf(t, s, lib.ID, 2023); r.ID != stored.ID {
		t.Errorf("the return of 2023 is %s, want the stored %s", r.ID, stored.ID)
	}
	if c, _ := s.Counts(); c.Statistics != 2 {
		t.Errorf("%d returns, want 2", c.Statistics)
	}
}
