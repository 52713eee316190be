package transfer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"tiscdesk/data/model"
	"tiscdesk/data/store"
	"tiscdesk/data/tabular"
	"tiscdesk/data/tabular/tabulartest"

	"golang.org/x/text/encoding/unicode"
)

const importToday = model.Date("2026-03-15")

func importInstitutions(t *testing.T, s *store.Store, file string, raw []byte, opt ImportOptions) (*ImportReport, error) {
	t.Helper()
	if opt.Today == "" {
		opt.Today = importToday
	}
	rep, err := ImportInstitutions(context.Background(), s, file, bytes.NewReader(raw), opt)
	if rep == nil {
		t.Fatalf("import %s returned no report (err %v)", file, err)
	}
	return rep, err
}

// mustImport imports and fails the test on an error or any row error.
func mustImport(t *testing.T, s *store.Store, file string, raw []byte, opt ImportOptions) *ImportReport {
	t.Helper()
	rep, err := importInstitutions(t, s, file, raw, opt)
	if err != nil || len(rep.Errors) > 0 {
		t.Fatalf("import %s: %v\n%s", file, err, errorText(rep))
	}
	return rep
}

func errorText(rep *ImportReport) string {
	lines := make([]string, len(rep.Errors))
	for i, e := range rep.Errors {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

func institutionsByName(t *testing.T, s *store.Store) map[string]*model.Institution {
	t.Helper()
	list, err := s.Institutions.List()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*model.Institution{}
	for _, in := range list {
		if _, dup := out[in.DisplayName()]; dup {
			t.Fatalf("two institutions are called %s", in.DisplayName())
		}
		out[in.DisplayName()] = in
	}
	return out
}

func institutionCount(t *testing.T, s *store.Store) int {
	t.Helper()
	n, err := s.Institutions.Count()
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// Chinese Excel: GB18030, Chinese headers, Chinese types and stages, CRLF.
const chineseRoster = "机构名称,英文名称,机构类型,所在省份,城市,联系人,职务,电子邮箱,联系电话,阶段,批次,服务,备注\r\n" +
	"同济大学,Tongji University,高校,上海市,上海,王芳,馆长,wangfang@tongji.edu.cn,021-6598 2200,已批准筹建,第二批,检索培训、技术转移,\r\n" +
	"广东省科技图书馆,,图书馆,广东,广州,,,,,已运营,第一批,专利和非专利数据库检索；委托检索,\"地址待核实，\"\"二期\"\"\"\r\n" +
	"中国科学院成都文献情报中心,,科技情报,四川省,成都,,,,,已考察,,,\r\n" +
	"宁波市知识产权服务中心,,知识产权服务中心,浙江,宁波,,,,,候选,,,\r\n"

// wantChinese is what chineseRoster holds, however it is encoded.
func checkChineseRoster(t *testing.T, s *store.Store) {
	t.Helper()
	got := institutionsByName(t, s)
	if len(got) != 4 {
		t.Fatalf("%d institutions, want 4", len(got))
	}
	tj := got["同济大学"]
	if tj == nil || tj.EnglishName != "Tongji University" || tj.Type != model.TypeUniversity || tj.Province != "CN-SH" ||
		tj.Stage != model.StageApproved || tj.Batch != "第二批" || !reflect.DeepEqual(tj.Services, []model.Service{model.ServiceTraining, model.ServiceTechTransfer}) ||
		!reflect.DeepEqual(tj.Contacts, []model.Contact{{Name: "王芳", Title: "馆长", Email: "wangfang@tongji.edu.cn", Phone: "021-6598 2200"}}) {
		t.Errorf("同济大学: %+v", tj)
	}
	if len(tj.History) != 1 || tj.History[0].Date != importToday || !strings.Contains(tj.History[0].Note, "imported from") {
		t.Errorf("同济大学 history: %+v", tj.History)
	}
	gd := got["广东省科技图书馆"]
	if gd.Type != model.TypeLibrary || gd.Province != "CN-GD" || gd.Stage != model.StageOperational || gd.Notes != `地址待核实，"二期"` ||
		!reflect.DeepEqual(gd.Services, []model.Service{model.ServiceDatabases, model.ServiceSearches}) || gd.Contacts != nil {
		t.Errorf("广东省科技图书馆: %+v", gd)
	}
	if in := got["中国科学院成都文献情报中心"]; in.Type != model.TypeSTInfo || in.Province != "CN-SC" || in.Stage != model.StageVisited {
		t.Errorf("成都: %+v", in)
	}
	if in := got["宁波市知识产权服务中心"]; in.Type != model.TypeIPOffice || in.Province != "CN-ZJ" || in.Stage != model.StageCandidate {
		t.Errorf("宁波: %+v", in)
	}
}

func TestImportInstitutionsEncodingsAndDelimiters(t *testing.T) {
	semicolon := strings.ReplaceAll(chineseRoster, ",", ";")
	tab := strings.ReplaceAll(chineseRoster, ",", "\t")
	for _, tc := range []struct {
		name  string
		raw   []byte
		enc   tabular.Encoding
		delim rune
	}{
		{"GB18030 from Chinese Excel", tabulartest.GB18030(t, chineseRoster), tabular.EncodingGB18030, ','},
		{"UTF-8 with BOM", append(bytes.Clone(tabulartest.BOM), chineseRoster...), tabular.EncodingUTF8, ','},
		{"semicolon, Chinese headers", []byte(semicolon), tabular.EncodingUTF8, ';'},
		{"UTF-16LE with BOM, tab (Excel Unicode text)", tabulartest.UTF16(t, tab, unicode.LittleEndian, true), tabular.EncodingUTF16LE, '\t'},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := openTemp(t)
			rep := mustImport(t, s, "机构.csv", tc.raw, ImportOptions{})
			if rep.Encoding != tc.enc || rep.Delimiter != tc.delim {
				t.Errorf("read as %s %q, want %s %q", rep.Encoding, rep.Delimiter, tc.enc, tc.delim)
			}
			if rep.Created != 4 || rep.Updated != 0 || rep.Rows != 4 || !rep.Written || len(rep.Ignored) != 0 {
				t.Errorf("report %+v", rep)
			}
			checkChineseRoster(t, s)
		})
	}
}

func TestImportInstitutionsBilingualHeaders(t *testing.T) {
	s := openTemp(t)
	raw := "序号,机构名称 Name,English name,Type 类型,Province（省份）,Email (邮箱),Contact 联系人\n" +
		"1,北京大学,Peking University,University,Beijing,lib@pku.edu.cn,张伟\n"
	rep := mustImport(t, s, "x.csv", []byte(raw), ImportOptions{})
	in := institutionsByName(t, s)["北京大学"]
	if in == nil || in.EnglishName != "Peking University" || in.Contacts[0].Email != "lib@pku.edu.cn" || in.Contacts[0].Name != "张伟" {
		t.Fatalf("got %+v", in)
	}
	if !reflect.DeepEqual(rep.Ignored, []string{"序号"}) {
		t.Errorf("ignored %q, want [序号]", rep.Ignored)
	}
}

func TestImportInstitutionsQuotedCellsKeepLineNumbers(t *testing.T) {
	s := openTemp(t)
	raw := "name,type,province,notes,contact,email\r\n" +
		"\"Library, Main\",Public library,GD,\"first line\r\nsecond, with \"\"quotes\"\"\r\nthird\",,\r\n" +
		"Park,S&T park,JS,plain,李雷,li@\r\n"
	rep, err := importInstitutions(t, s, "q.csv", []byte(raw), ImportOptions{})
	if !errors.Is(err, ErrRowsInvalid) {
		t.Fatalf("err %v", err)
	}
	want := `q.csv:5: email: "li@" is not a valid email address`
	if got := errorText(rep); got != want {
		t.Fatalf("errors:\n%s\nwant\n%s", got, want)
	}
	rep = mustImport(t, s, "q.csv", []byte(strings.Replace(raw, "li@", "li@park.cn", 1)), ImportOptions{})
	lib := institutionsByName(t, s)["Library, Main"]
	if lib == nil || lib.Notes != "first line\nsecond, with \"quotes\"\nthird" || lib.Type != model.TypeLibrary {
		t.Fatalf("got %+v", lib)
	}
}

// badRoster has one valid row per kind of mistake around it.
const badRoster = "name,type,province,contact,email\n" +
	"北京大学,University,Beijing,张伟,pku@pku.edu.cn\n" +
	"清华大学,University,Beijing,王芳,wang@\n" +
	"亚特兰蒂斯研究所,Research institute,Atlantis,,\n" +
	"某某医院,Hospital,Guangdong,,\n" +
	",University,Shanghai,,\n" +
	"北京大学,University,Beijing,,\n" +
	"复旦大学,University,Shanghai,,\n" +
	"short row,University\n"

var badRosterErrors = []string{
	`institutions.csv:3: email: "wang@" is not a valid email address`,
	`institutions.csv:4: province: "Atlantis" is not a province of China (use a name like 广东 or Guangdong, or a code like CN-GD)`,
	`institutions.csv:5: type: "Hospital" is not a type of institution (use e.g. University or 高校, Research institute or 科研院所, Other or 其他)`,
	`institutions.csv:6: name: a local or an English name is required`,
	`institutions.csv:7: name: "北京大学" is already on line 2 of this file`,
	`institutions.csv:9: has 2 cells but the header has 5`,
}

func TestImportInstitutionsInvalidRowsImportNothing(t *testing.T) {
	s := openTemp(t)
	rep, err := importInstitutions(t, s, "institutions.csv", []byte(badRoster), ImportOptions{})
	if !errors.Is(err, ErrRowsInvalid) {
		t.Fatalf("err %v, want ErrRowsInvalid", err)
	}
	if got := errorText(rep); got != strings.Join(badRosterErrors, "\n") {
		t.Errorf("errors:\n%s\nwant\n%s", got, strings.Join(badRosterErrors, "\n"))
	}
	if n := institutionCount(t, s); n != 0 || rep.Written {
		t.Fatalf("%d institutions written (Written %v), want none", n, rep.Written)
	}
	if rep.Invalid != 6 || rep.Skipped != 0 || rep.Created != 2 {
		t.Errorf("counts: invalid %d skipped %d created %d", rep.Invalid, rep.Skipped, rep.Created)
	}
}

func TestImportInstitutionsSkipInvalid(t *testing.T) {
	s := openTemp(t)
	rep, err := importInstitutions(t, s, "institutions.csv", []byte(badRoster), ImportOptions{SkipInvalid: true})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Created != 2 || rep.Skipped != 6 || !rep.Written || len(rep.Errors) != len(badRosterErrors) {
		t.Errorf("report %+v", rep)
	}
	got := institutionsByName(t, s)
	if len(got) != 2 || got["北京大学"] == nil || got["复旦大学"] == nil {
		t.Fatalf("imported %v, want exactly 北京大学 and 复旦大学", got)
	}
	if c := got["北京大学"].Contacts; len(c) != 1 || c[0].Email != "pku@pku.edu.cn" {
		t.Errorf("the first of two rows for 北京大学 was not the one imported: %+v", c)
	}
}

func TestImportInstitutionsDryRun(t *testing.T) {
	s := openTemp(t)
	rep, err := importInstitutions(t, s, "dry.csv", []byte(chineseRoster), ImportOptions{DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Created != 4 || rep.Written || !rep.DryRun {
		t.Errorf("report %+v", rep)
	}
	if n := institutionCount(t, s); n != 0 {
		t.Fatalf("a dry run wrote %d institutions", n)
	}
	if _, err := importInstitutions(t, s, "dry.csv", []byte(badRoster), ImportOptions{DryRun: true, SkipInvalid: true}); err != nil {
		t.Fatal(err)
	}
	if n := institutionCount(t, s); n != 0 {
		t.Fatalf("a dry run with --skip-invalid wrote %d institutions", n)
	}
}

func TestImportInstitutionsReimportUpdates(t *testing.T) {
	s := openTemp(t)
	v1 := "机构名称,类型,省份,城市,阶段\n北京大学,高校,北京,北京,候选\n复旦大学,高校,上海,上海,候选\n"
	mustImport(t, s, "v1.csv", []byte(v1), ImportOptions{})
	rep := mustImport(t, s, "v1.csv", []byte(v1), ImportOptions{})
	if rep.Created != 0 || rep.Updated != 0 || rep.Unchanged != 2 || rep.Written {
		t.Fatalf("re-import of the same file: %+v", rep)
	}
	before := institutionsByName(t, s)["北京大学"]

	// Full-width spaces, other case, a new stage with its date, an empty
	// city (kept), and a column the first file did not have.
	v2 := "机构名称,阶段,阶段日期,城市,网址\n\u3000北京大学 ,已考察,2019/3/1,,www.lib.pku.edu.cn\n"
	rep = mustImport(t, s, "v2.csv", []byte(v2), ImportOptions{})
	if rep.Updated != 1 || rep.Created != 0 {
		t.Fatalf("v2: %+v", rep)
	}
	after := institutionsByName(t, s)["北京大学"]
	if n := institutionCount(t, s); n != 2 {
		t.Fatalf("%d institutions after re-import, want 2", n)
	}
	if after.ID != before.ID || after.City != "北京" || after.Website != "www.lib.pku.edu.cn" || after.Stage != model.StageVisited {
		t.Errorf("after v2: %+v", after)
	}
	want := model.StageChange{Stage: model.StageVisited, Date: "2019-03-01", Note: "imported from v2.csv", By: s.DeviceLabel()}
	last := after.History[len(after.History)-1]
	last.RecordedAt = want.RecordedAt
	if len(after.History) != 2 || last != want {
		t.Errorf("history %+v, want the old entry and %+v", after.History, want)
	}
}

func TestImportInstitutionsBadShapes(t *testing.T) {
	s := openTemp(t)
	raw := "name,type,province\nA,Other,GD,\nB,Other,GD,extra\n\"C,Other,GD\nD,Other,GD\n"
	rep, err := importInstitutions(t, s, "s.csv", []byte(raw), ImportOptions{SkipInvalid: true})
	want := "s.csv:3: has 4 cells but the header has 3: check for a comma inside a cell that is not quoted\n" +
		"s.csv:4: a quote opened on this line is never closed, so lines 4 to 5 were read as one row"
	if err != nil || errorText(rep) != want || rep.Created != 1 {
		t.Fatalf("%v\n%s\nwant\n%s\n%+v", err, errorText(rep), want, rep)
	}
}

func TestImportInstitutionsContactWithoutName(t *testing.T) {
	s := openTemp(t)
	// With a contact name column, a row with an email but no name is wrong.
	rep, err := importInstitutions(t, s, "c.csv", []byte("名称,类型,省份,联系人,邮箱\n甲,企业,广东,,a@x.cn\n"), ImportOptions{})
	if !errors.Is(err, ErrRowsInvalid) || errorText(rep) != "c.csv:2: 联系人: is required when the row gives a contact's title, email or phone" {
		t.Fatalf("%v\n%s", err, errorText(rep))
	}
	// Without one, the email updates a contact that has a name, and is left
	// out (said once) for an institution that has none.
	if err := s.Institutions.Put(&model.Institution{LocalName: "乙", Type: model.TypeEnterprise, Province: "CN-GD", Stage: model.StageCandidate,
		Contacts: []model.Contact{{Name: "王芳", Email: "old@x.cn"}}}); err != nil {
		t.Fatal(err)
	}
	rep = mustImport(t, s, "c.csv", []byte("名称,类型,省份,邮箱\n甲,企业,广东,a@x.cn\n乙,,,new@x.cn\n丙,企业,广东,c@x.cn\n"), ImportOptions{})
	got := institutionsByName(t, s)
	if rep.Created != 2 || rep.Updated != 1 || got["甲"].Contacts != nil || got["乙"].Contacts[0] != (model.Contact{Name: "王芳", Email: "new@x.cn"}) {
		t.Fatalf("report %+v; 甲 %+v; 乙 %+v", rep, got["甲"].Contacts, got["乙"].Contacts)
	}
	if len(rep.Notes) != 1 || !strings.HasPrefix(rep.Notes[0].String(), "邮箱: not imported for 2 rows") {
		t.Fatalf("notes %q", rep.Notes)
	}
}

func TestImportInstitutionsByEnglishName(t *testing.T) {
	s := openTemp(t)
	mustImport(t, s, "zh.csv", []byte("机构名称,英文名称,类型,省份\n北京大学,Peking University,高校,北京\n"), ImportOptions{})
	// A list in English only updates the institution, by its English name.
	rep := mustImport(t, s, "en.csv", []byte("English name,City\nPEKING  University,Beijing\n"), ImportOptions{})
	if rep.Updated != 1 || rep.Created != 0 || institutionsByName(t, s)["北京大学"].City != "Beijing" {
		t.Fatalf("report %+v", rep)
	}
	// Two rows of one file that find the same institution by different names.
	rep, err := importInstitutions(t, s, "both.csv", []byte("Local name,English name\n,Peking University\n北京大学,\n"), ImportOptions{})
	if !errors.Is(err, ErrRowsInvalid) || errorText(rep) != `both.csv:3: Local name: "北京大学" is the institution of line 2, found there by another name` {
		t.Fatalf("%v\n%s", err, errorText(rep))
	}
	rep, err = importInstitutions(t, s, "both.csv", []byte("Local name,English name,Type,Province\n甲,X Corp,Enterprise,GD\n,x corp,,\n"), ImportOptions{})
	if !errors.Is(err, ErrRowsInvalid) || errorText(rep) != `both.csv:3: English name: "x corp" is already on line 2 of this file` {
		t.Fatalf("%v\n%s", err, errorText(rep))
	}
}

func TestImportInstitutionsExistingDuplicatesAreAmbiguous(t *testing.T) {
	s := openTemp(t)
	for range 2 {
		if err := s.Institutions.Put(&model.Institution{LocalName: "同名大学", Type: model.TypeUniversity, Province: "CN-BJ", Stage: model.StageCandidate}); err != nil {
			t.Fatal(err)
		}
	}
	rep, err := importInstitutions(t, s, "a.csv", []byte("name,city\n同名大学,北京\n"), ImportOptions{})
	if !errors.Is(err, ErrRowsInvalid) || !strings.Contains(errorText(rep), "names 2 institutions") {
		t.Fatalf("%v\n%s", err, errorText(rep))
	}
}

func TestImportInstitutionsHeaderNotRecognised(t *testing.T) {
	for _, raw := range []string{
		"foo,bar\n1,2\n",
		"Email,Phone\na@b.cn,1\n",        // no required column
		"Province,Type\nGD,University\n", // no name column
		"",
	} {
		s := openTemp(t)
		rep, err := importInstitutions(t, s, "h.csv", []byte(raw), ImportOptions{})
		var he *tabular.HeaderError
		if !errors.Is(err, tabular.ErrNoHeader) {
			t.Errorf("%q: err %v, want ErrNoHeader", raw, err)
			continue
		}
		if raw != "" {
			if !errors.As(err, &he) || !strings.Contains(err.Error(), `found "`) || !strings.Contains(err.Error(), "机构名称") {
				t.Errorf("%q: message %q does not list what was found and expected", raw, err)
			}
		}
		if rep.Written || institutionCount(t, s) != 0 {
			t.Errorf("%q: something was written", raw)
		}
	}
}

func TestImportInstitutionsTitleLineAboveHeader(t *testing.T) {
	s := openTemp(t)
	raw := "2018年TISC候选机构名单,,\n名称,类型,省份\n四川大学,高校,四川\n"
	rep := mustImport(t, s, "t.csv", []byte(raw), ImportOptions{})
	if rep.HeaderLine != 2 || rep.Created != 1 || len(rep.Notes) == 0 {
		t.Fatalf("report %+v", rep)
	}
}

func TestImportInstitutionsCancelAndProgress(t *testing.T) {
	var b strings.Builder
	b.WriteString("name,type,province\n")
	for i := range 600 {
		fmt.Fprintf(&b, "Institution %d,Enterprise,GD\n", i)
	}
	s := openTemp(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := ImportInstitutions(ctx, s, "c.csv", strings.NewReader(b.String()), ImportOptions{})
	if !errors.Is(err, context.Canceled) || institutionCount(t, s) != 0 {
		t.Fatalf("cancelled import: %v, %d written", err, institutionCount(t, s))
	}
	var calls [][2]int
	opt := ImportOptions{Progress: func(done, total int) { calls = append(calls, [2]int{done, total}) }}
	mustImport(t, s, "c.csv", []byte(b.String()), opt)
	if len(calls) < 3 || calls[len(calls)-1] != [2]int{600, 600} {
		t.Fatalf("progress calls %v", calls)
	}
	for i := 1; i < len(calls); i++ {
		if calls[i][0] < calls[i-1][0] {
			t.Fatalf("progress went back: %v", calls)
		}
	}
}

func TestImportInstitutionsColumnsChosenInWizard(t *testing.T) {
	s := openTemp(t)
	raw := "A,B,C,D\n北京大学,高校,北京,ignored\n"
	mustImport(t, s, "w.csv", []byte(raw), ImportOptions{Columns: []string{"local_name", "type", "province", ""}})
	if in := institutionsByName(t, s)["北京大学"]; in == nil || in.Province != "CN-BJ" {
		t.Fatalf("got %+v", in)
	}
}

func TestImportInstitutionsProvinceCodeAndName(t *testing.T) {
	s := openTemp(t)
	raw := "name,type,province code,province\nA,Other,CN-GD,Guangdong\nB,Other,CN-SH,Guangdong\nC,Other,XX,\n"
	rep, _ := importInstitutions(t, s, "p.csv", []byte(raw), ImportOptions{})
	want := `p.csv:3: province: "Guangdong" is not the province of code CN-SH (Shanghai)` + "\n" +
		`p.csv:4: province code: "XX" is not a province code (use a code like CN-GD)`
	if got := errorText(rep); got != want {
		t.Fatalf("errors:\n%s\nwant\n%s", got, want)
	}
}

func TestPreviewCSV(t *testing.T) {
	p, err := PreviewCSV(bytes.NewReader(tabulartest.GB18030(t, chineseRoster)), tabular.CSVOptions{}, InstitutionFields(), 2)
	if err != nil {
		t.Fatal(err)
	}
	if p.Encoding != tabular.EncodingGB18030 || p.Delimiter != ',' || p.Total != 4 || len(p.Rows) != 2 || p.Columns.Fields[0] != "local_name" {
		t.Fatalf("preview %+v", p)
	}
}

// noteLines is the report's notes in English, as the command line prints them.
func noteLines(rep *ImportReport) []string {
	var out []string
	for _, n := range rep.Notes {
		out = append(out, n.String())
	}
	return out
}

// TestImportErrorNamesAFieldWithoutColumn: a problem with a field the
// file has no column for (here the warning that a new institution has no
// type) is named by the table of field labels, as the forms and the
// conflict review name it, with its key for the window.
func TestImportErrorNamesAFieldWithoutColumn(t *testing.T) {
	s := openTemp(t)
	rep, err := importInstitutions(t, s, "i.csv", []byte("local name,province\n某大学,广东\n"), ImportOptions{})
	if err != nil || len(rep.Errors) != 0 || len(rep.Warnings) != 1 {
		t.Fatalf("err %v, errors:\n%s, warnings %+v", err, errorText(rep), rep.Warnings)
	}
	if e := rep.Warnings[0]; e.Field != "Type" || e.Key != "type" {
		t.Errorf("field %q key %q, want \"Type\" \"type\"", e.Field, e.Key)
	}
	rep, _ = importInstitutions(t, s, "i.csv", []byte("local name,province,type\n某大学,广东,Hospital\n"), ImportOptions{})
	if len(rep.Errors) != 1 || rep.Errors[0].Field != "type" || rep.Errors[0].Key != "" {
		t.Errorf("a column's problem is named by its header, without a key: %+v", rep.Errors)
	}
}
