package transfer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"tiscdesk/data/datatest"
	"tiscdesk/data/exchange"
	"tiscdesk/data/model"
	"tiscdesk/data/store"
	"tiscdesk/data/tabular"
	"tiscdesk/data/tabular/tabulartest"

	"golang.org/x/text/encoding/unicode"
)

func runEnrolmentImport(t *testing.T, s *store.Store, file string, raw []byte, opt ImportOptions) (*ImportReport, error) {
	t.Helper()
	rep, err := ImportEnrolments(context.Background(), s, file, bytes.NewReader(raw), opt)
	if rep == nil {
		t.Fatalf("import %s returned no report (err %v)", file, err)
	}
	return rep, err
}

func mustImportEnrolments(t *testing.T, s *store.Store, file string, raw []byte, opt ImportOptions) *ImportReport {
	t.Helper()
	rep, err := runEnrolmentImport(t, s, file, raw, opt)
	if err != nil || len(rep.Errors) > 0 {
		t.Fatalf("import %s: %v\n%s", file, err, errorText(rep))
	}
	return rep
}

// enrolmentsByEmail returns the live enrolments keyed "CODE email".
func enrolmentsByEmail(t *testing.T, s *store.Store) map[string]*model.Enrolment {
	t.Helper()
	codes := map[model.ID]string{}
	sessions, err := s.Sessions.List()
	if err != nil {
		t.Fatal(err)
	}
	for _, ss := range sessions {
		codes[ss.ID] = ss.Code
	}
	list, err := s.Enrolments.List()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*model.Enrolment{}
	for _, e := range list {
		k := codes[e.Session] + " " + model.NormEmail(e.Email)
		if _, dup := out[k]; dup {
			t.Fatalf("%s is enrolled twice", k)
		}
		out[k] = e
	}
	return out
}

func enrolmentCount(t *testing.T, s *store.Store) int {
	t.Helper()
	c, err := s.Counts()
	if err != nil {
		t.Fatal(err)
	}
	return c.Enrolments
}

// A Chinese Excel roster: Chinese headers and values, a quoted organisation
// with a comma, a quoted note with a line break and quotes, CRLF.
const chineseEnrolments = "姓名,电子邮箱,性别,工作单位,省份,国家,课程代码,状态,成绩,注册日期,证书编号,备注\r\n" +
	"张伟,zhang.wei@tongji.edu.cn,男,同济大学知识产权中心,上海市,中国,101C18S1,已完成,88.5,2018/3/1,WIPO-101C18S1-0001,\r\n" +
	"李娜,li.na@gdlib.cn,女,\"广东省立中山图书馆, 参考咨询部\",广东,CN,101C18S1,学习中,,2018-03-02,,\"第一行\n第二行 \"\"引号\"\"\"\r\n" +
	"王芳,Wang.Fang@SCU.edu.cn,女,四川大学,四川省,CN,318C18S2,未通过,41,2018年9月3日,,\r\n"

func checkChineseEnrolments(t *testing.T, s *store.Store) {
	t.Helper()
	got := enrolmentsByEmail(t, s)
	if len(got) != 3 {
		t.Fatalf("%d enrolments, want 3: %v", len(got), got)
	}
	zw := got["101C18S1 zhang.wei@tongji.edu.cn"]
	if zw == nil || zw.Name != "张伟" || zw.Gender != model.GenderMale || zw.Organisation != "同济大学知识产权中心" ||
		zw.Province != "CN-SH" || zw.Country != "CN" || zw.Status != model.StatusCompleted || zw.Score == nil || *zw.Score != 88.5 ||
		zw.Registered != "2018-03-01" || zw.Certificate != "WIPO-101C18S1-0001" {
		t.Errorf("张伟: %+v", zw)
	}
	ln := got["101C18S1 li.na@gdlib.cn"]
	if ln == nil || ln.Organisation != "广东省立中山图书馆, 参考咨询部" || ln.Province != "CN-GD" || ln.Status != model.StatusActive || ln.Score != nil {
		t.Errorf("李娜: %+v", ln)
	}
	wf := got["318C18S2 wang.fang@scu.edu.cn"]
	if wf == nil || wf.Email != "Wang.Fang@SCU.edu.cn" || wf.Status != model.StatusFailed || wf.Registered != "2018-09-03" {
		t.Errorf("王芳: %+v", wf)
	}
}

func TestImportEnrolmentsEncodingsAndDelimiters(t *testing.T) {
	semicolon := strings.ReplaceAll(strings.ReplaceAll(chineseEnrolments, ",", ";"), "图书馆; 参考", "图书馆, 参考")
	tab := strings.ReplaceAll(strings.ReplaceAll(chineseEnrolments, ",", "\t"), "图书馆\t 参考", "图书馆, 参考")
	lf := strings.ReplaceAll(chineseEnrolments, "\r\n", "\n")
	for _, tc := range []struct {
		name  string
		raw   []byte
		enc   tabular.Encoding
		delim rune
	}{
		{"GB18030 from Chinese Excel", tabulartest.GB18030(t, chineseEnrolments), tabular.EncodingGB18030, ','},
		{"UTF-8 without BOM, LF", []byte(lf), tabular.EncodingUTF8, ','},
		{"UTF-8 with BOM", append(bytes.Clone(tabulartest.BOM), chineseEnrolments...), tabular.EncodingUTF8, ','},
		{"semicolon (European Excel)", []byte(semicolon), tabular.EncodingUTF8, ';'},
		{"GB18030, semicolon", tabulartest.GB18030(t, semicolon), tabular.EncodingGB18030, ';'},
		{"UTF-16LE with BOM, tab (Excel Unicode text)", tabulartest.UTF16(t, tab, unicode.LittleEndian, true), tabular.EncodingUTF16LE, '\t'},
		{"UTF-16BE with BOM, comma", tabulartest.UTF16(t, chineseEnrolments, unicode.BigEndian, true), tabular.EncodingUTF16BE, ','},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := openTemp(t)
			rep := mustImportEnrolments(t, s, "学员.csv", tc.raw, ImportOptions{})
			if rep.Encoding != tc.enc || rep.Delimiter != tc.delim {
				t.Errorf("read as %s %q, want %s %q", rep.Encoding, rep.Delimiter, tc.enc, tc.delim)
			}
			if rep.Created != 3 || rep.Updated != 0 || rep.Rows != 3 || !rep.Written {
				t.Errorf("report %+v", rep)
			}
			if len(rep.Ignored) != 1 || rep.Ignored[0] != "备注" {
				t.Errorf("ignored columns %q, want 备注", rep.Ignored)
			}
			if !strings.Contains(strings.Join(noteLines(rep), "\n"), "Sessions created: 101C18S1, 318C18S2.") {
				t.Errorf("notes %q do not say which sessions were created", rep.Notes)
			}
			checkChineseEnrolments(t, s)
		})
	}
}

func TestImportEnrolmentsMoodleExport(t *testing.T) {
	s := openTemp(t)
	// Moodle's participants page: first name and surname, its status words,
	// columns TISC Desk does not keep, and no session column.
	raw := "First name,Surname,Email address,Institution,Country,Roles,Groups,Status,Last access to course\n" +
		"Amina,Mwangi,amina.mwangi@kipi.go.ke,Kenya Industrial Property Institute,Kenya,Student,,Active,1 day\n" +
		"伟,张,zhangwei@cnipa.gov.cn,国家知识产权局,中国,Student,,Suspended,Never\n" +
		"Jean,Dupont,jean.dupont@inpi.fr,INPI,France,Student,,Not current,2 years\n"
	_, err := runEnrolmentImport(t, s, "moodle.csv", []byte(raw), ImportOptions{})
	if !errors.Is(err, ErrNoSession) {
		t.Fatalf("a file without a session column and no session given: %v", err)
	}
	rep := mustImportEnrolments(t, s, "moodle.csv", []byte(raw), ImportOptions{Session: "dl-318e19s1"})
	if rep.Created != 3 || len(rep.Ignored) != 3 {
		t.Fatalf("report %+v", rep)
	}
	got := enrolmentsByEmail(t, s)
	for key, want := range map[string]struct {
		name, country string
		status        model.EnrolmentStatus
	}{
		"318E19S1 amina.mwangi@kipi.go.ke": {"Amina Mwangi", "KE", model.StatusActive},
		"318E19S1 zhangwei@cnipa.gov.cn":   {"张伟", "CN", model.StatusSuspended},
		"318E19S1 jean.dupont@inpi.fr":     {"Jean Dupont", "FR", model.StatusWithdrawn},
	} {
		e := got[key]
		if e == nil || e.Name != want.name || e.Country != want.country || e.Status != want.status {
			t.Errorf("%s: %+v, want %+v", key, e, want)
		}
	}
}

func TestImportEnrolmentsHeaders(t *testing.T) {
	for _, tc := range []struct {
		name, header string
		want         map[string]string // field → header
	}{
		{"bilingual", "姓名 Name,Email (邮箱),单位/Organisation,课程代码 Session,成绩（Score）",
			map[string]string{"name": "姓名 Name", "email": "Email (邮箱)", "organisation": "单位/Organisation", "session": "课程代码 Session", "score": "成绩（Score）"}},
		{"organisation name is not the name", "Participant name,Organisation name,Participant email,Session code",
			map[string]string{"name": "Participant name", "organisation": "Organisation name", "email": "Participant email", "session": "Session code"}},
		{"Moodle grades", "First name,Surname,Email address,Course total (Real)",
			map[string]string{"first_name": "First name", "last_name": "Surname", "email": "Email address", "score": "Course total (Real)"}},
		{"export headers", strings.Join(enrolmentColumns.Names(), ","),
			map[string]string{"name": "Name", "email": "Email", "session": "Session", "course_title": "Course title", "certificate_date": "Certificate date", "registered": "Registration date"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := tabular.MatchHeader(strings.Split(tc.header, ","), enrolmentFields)
			for field, header := range tc.want {
				if got := m.Label(field); !m.Has(field) || got != header {
					t.Errorf("%s is in column %q (has %v), want %q", field, got, m.Has(field), header)
				}
			}
		})
	}
}

func TestImportEnrolmentsInvalidRows(t *testing.T) {
	raw := "姓名,邮箱,省份,课程代码,成绩,状态,性别\n" +
		"张伟,zhang.wei@example.cn,北京,101C18S1,90,已完成,男\n" + // 2: valid
		"李娜,li.na@,上海,101C18S1,80,已完成,女\n" + // 3: bad email
		"王芳,wang.fang@example.cn,广东,101C18S1,120,已完成,女\n" + // 4: score out of range
		"赵强,zhao.qiang@example.cn,火星,101C18S1,70,已完成,男\n" + // 5: unknown province
		",nameless@example.cn,四川,101C18S1,,学习中,\n" + // 6: empty name
		"张伟,ZHANG.WEI@example.cn,北京,101C18S1,95,已完成,男\n" + // 7: duplicate of line 2
		"陈静,chen.jing@example.cn,浙江,101X18S1,,学习中,女\n" + // 8: bad session code
		"刘洋,liu.yang@example.cn,湖北,318C18S2,,学习中,女\n" // 9: valid
	wantLines := map[int]string{
		3: `学员.csv:3: 邮箱: "li.na@" is not a valid email address`,
		4: `学员.csv:4: 成绩: "120" must be between 0 and 100`,
		5: `学员.csv:5: 省份: "火星" is not a province of China`,
		6: `学员.csv:6: 姓名: is required`,
		7: `学员.csv:7: 邮箱: "ZHANG.WEI@example.cn" is already on line 2 of this file, for the same session`,
		8: `学员.csv:8: 课程代码: "101X18S1" is not a session code: unknown language letter "X"`,
	}
	s := openTemp(t)
	rep, err := runEnrolmentImport(t, s, "学员.csv", []byte(raw), ImportOptions{})
	if !errors.Is(err, ErrRowsInvalid) {
		t.Fatalf("err %v, want ErrRowsInvalid", err)
	}
	if len(rep.Errors) != len(wantLines) || rep.Invalid != 6 || rep.Created != 2 || rep.Written {
		t.Fatalf("report %+v\n%s", rep, errorText(rep))
	}
	for i, e := range rep.Errors {
		want, ok := wantLines[e.Line]
		if !ok || !strings.HasPrefix(e.Error(), want) {
			t.Errorf("error %d: %q, want it to start %q", i, e.Error(), want)
		}
	}
	if n := enrolmentCount(t, s); n != 0 {
		t.Fatalf("an all-or-nothing import of a file with bad rows left %d enrolments", n)
	}
	if c, _ := s.Counts(); c.Sessions != 0 {
		t.Fatalf("the refused import created %d sessions", c.Sessions)
	}

	rep, err = runEnrolmentImport(t, s, "学员.csv", []byte(raw), ImportOptions{SkipInvalid: true})
	if err != nil || rep.Created != 2 || rep.Skipped != 6 || !rep.Written {
		t.Fatalf("--skip-invalid: %v, %+v", err, rep)
	}
	got := enrolmentsByEmail(t, s)
	if len(got) != 2 || got["101C18S1 zhang.wei@example.cn"] == nil || got["318C18S2 liu.yang@example.cn"] == nil {
		t.Fatalf("--skip-invalid imported %v, want exactly the valid rows 2 and 9", got)
	}
	if e := got["101C18S1 zhang.wei@example.cn"]; *e.Score != 90 {
		t.Errorf("the valid row 2 was imported as %+v (the duplicate on line 7 must not count)", e)
	}
}

func TestImportEnrolmentsUpdatesAParticipant(t *testing.T) {
	s := openTemp(t)
	mustImportEnrolments(t, s, "a.csv", []byte(chineseEnrolments), ImportOptions{})
	before := enrolmentsByEmail(t, s)["101C18S1 zhang.wei@tongji.edu.cn"]
	// The same participant, by another case of the email, with a new status
	// and score; the empty cells keep what is stored. Li Na is unchanged; a
	// new participant joins; a known email in another session is a new enrolment.
	raw := "Name,Email,Session,Status,Score,Organisation\n" +
		"张伟,ZHANG.WEI@Tongji.edu.cn,101C18S1,failed,55,\n" +
		"李娜,li.na@gdlib.cn,101c18s1,active,,\n" +
		"赵强,zhao@example.cn,101C18S1,,,\n" +
		"张伟,zhang.wei@tongji.edu.cn,318C18S2,registered,,同济大学\n"
	rep := mustImportEnrolments(t, s, "b.csv", []byte(raw), ImportOptions{})
	if rep.Created != 2 || rep.Updated != 1 || rep.Unchanged != 1 {
		t.Fatalf("report %+v", rep)
	}
	got := enrolmentsByEmail(t, s)
	zw := got["101C18S1 zhang.wei@tongji.edu.cn"]
	if zw.ID != before.ID || zw.Status != model.StatusFailed || *zw.Score != 55 || zw.Organisation != "同济大学知识产权中心" ||
		zw.Email != "zhang.wei@tongji.edu.cn" || !zw.CreatedAt.Equal(before.CreatedAt) || !zw.UpdatedAt.After(before.UpdatedAt) {
		t.Errorf("updated as %+v (was %+v)", zw, before)
	}
	if e := got["101C18S1 zhao@example.cn"]; e == nil || e.Status != model.StatusRegistered {
		t.Errorf("a new enrolment without a status: %+v", e)
	}
	if len(got) != 5 {
		t.Errorf("%d enrolments, want 5", len(got))
	}
	// The same file again changes nothing.
	rep = mustImportEnrolments(t, s, "b.csv", []byte(raw), ImportOptions{})
	if rep.Created != 0 || rep.Updated != 0 || rep.Unchanged != 4 || rep.Written {
		t.Errorf("second import: %+v", rep)
	}
}

func TestImportEnrolmentsSessionOption(t *testing.T) {
	s := openTemp(t)
	raw := "姓名,邮箱,课程代码\n张伟,a@example.cn,\n李娜,b@example.cn,318C19S2\n"
	if _, err := runEnrolmentImport(t, s, "x.csv", []byte(raw), ImportOptions{Session: "101Q18S1"}); !errors.Is(err, model.ErrBadSessionCode) {
		t.Fatalf("a malformed --session: %v", err)
	}
	rep, err := runEnrolmentImport(t, s, "x.csv", []byte(raw), ImportOptions{})
	if !errors.Is(err, ErrRowsInvalid) || !strings.Contains(errorText(rep), "x.csv:2: 课程代码: is required") {
		t.Fatalf("an empty session cell without --session: %v\n%s", err, errorText(rep))
	}
	// The given session fills the empty cells; the cell wins where there is one.
	rep = mustImportEnrolments(t, s, "x.csv", []byte(raw), ImportOptions{Session: "101C18S1"})
	got := enrolmentsByEmail(t, s)
	if got["101C18S1 a@example.cn"] == nil || got["318C19S2 b@example.cn"] == nil {
		t.Fatalf("imported %v", got)
	}
	if !strings.Contains(strings.Join(noteLines(rep), "\n"), "Sessions created: 101C18S1, 318C19S2.") {
		t.Errorf("notes %q", rep.Notes)
	}
	// A course the catalogue lacks is named in a note.
	rep = mustImportEnrolments(t, s, "y.csv", []byte("name,email\nX,x@example.cn\n"), ImportOptions{Session: "999E20S1"})
	if !strings.Contains(strings.Join(noteLines(rep), "\n"), "Not in the course catalogue: DL-999") {
		t.Errorf("notes %q", rep.Notes)
	}
}

func TestImportEnrolmentsNoHeader(t *testing.T) {
	s := openTemp(t)
	for _, tc := range []struct {
		name, raw string
		want      []string
	}{
		{"no known column", "foo,bar\n1,2\n", []string{`found "foo", "bar"`, "Email (email, e-mail, 邮箱, 电子邮箱)", "Name (name, full name, 姓名, 名字)"}},
		{"no email", "姓名,课程代码\n张伟,101C18S1\n", []string{`found "姓名", "课程代码"`, "expected at least one of: Email"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := runEnrolmentImport(t, s, "x.csv", []byte(tc.raw), ImportOptions{Session: "101C18S1"})
			if !errors.Is(err, tabular.ErrNoHeader) {
				t.Fatalf("err %v, want ErrNoHeader", err)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("%q lacks %q", err, w)
				}
			}
		})
	}
}

func TestImportEnrolmentsValues(t *testing.T) {
	for _, tc := range []struct {
		cells string // gender,status,score,province,country
		check func(e *model.Enrolment) bool
	}{
		{"F,Passed,\"85,5\",Inner Mongolia,China", func(e *model.Enrolment) bool {
			return e.Gender == model.GenderFemale && e.Status == model.StatusCompleted && *e.Score == 85.5 && e.Province == "CN-NM" && e.Country == "CN"
		}},
		{"女性,已通过,90%,广西壮族自治区,CHN", func(e *model.Enrolment) bool {
			return e.Gender == model.GenderFemale && e.Status == model.StatusCompleted && *e.Score == 90 && e.Province == "CN-GX"
		}},
		{"m,退出,60分,cn-sh,cn", func(e *model.Enrolment) bool {
			return e.Gender == model.GenderMale && e.Status == model.StatusWithdrawn && *e.Score == 60 && e.Province == "CN-SH"
		}},
		{"保密,Not current,,Nairobi,Kenya", func(e *model.Enrolment) bool {
			return e.Gender == model.GenderUnspecified && e.Status == model.StatusWithdrawn && e.Province == "" && e.Country == "KE"
		}},
	} {
		t.Run(tc.cells, func(t *testing.T) {
			s := openTemp(t)
			raw := "name,email,gender,status,score,province,country\nA,a@example.cn," + tc.cells + "\n"
			mustImportEnrolments(t, s, "v.csv", []byte(raw), ImportOptions{Session: "101C18S1"})
			list, _ := s.Enrolments.List()
			if len(list) != 1 || !tc.check(list[0]) {
				t.Errorf("imported %+v", list[0])
			}
		})
	}
	s := openTemp(t)
	raw := "name,email,gender,status,score,registered,country\nA,a@example.cn,x,done,abc,1/5/2018,Atlantis\n"
	rep, _ := runEnrolmentImport(t, s, "v.csv", []byte(raw), ImportOptions{Session: "101C18S1"})
	for _, field := range []string{"gender", "status", "score", "registered", "country"} {
		if !strings.Contains(errorText(rep), "v.csv:2: "+field+": ") {
			t.Errorf("no error for %s:\n%s", field, errorText(rep))
		}
	}
}

func TestImportEnrolmentsDryRunAndCancel(t *testing.T) {
	s := openTemp(t)
	rep := mustImportEnrolments(t, s, "a.csv", []byte(chineseEnrolments), ImportOptions{DryRun: true})
	if rep.Created != 3 || rep.Written || enrolmentCount(t, s) != 0 {
		t.Fatalf("dry run: %+v, %d enrolments", rep, enrolmentCount(t, s))
	}
	if !strings.Contains(strings.Join(noteLines(rep), "\n"), "Sessions to be created: 101C18S1") {
		t.Errorf("dry-run notes %q", rep.Notes)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := ImportEnrolments(ctx, s, "a.csv", strings.NewReader(chineseEnrolments), ImportOptions{})
	if !errors.Is(err, context.Canceled) || enrolmentCount(t, s) != 0 {
		t.Fatalf("a cancelled import: %v, %d enrolments", err, enrolmentCount(t, s))
	}
}

// TestEnrolmentIdentityRule: the store refuses a second enrolment of one
// participant in one session, however the email is written and however the
// first got there (saved, imported, deleted).
func TestEnrolmentIdentityRule(t *testing.T) {
	s := openTemp(t)
	mustImportEnrolments(t, s, "a.csv", []byte(chineseEnrolments), ImportOptions{})
	sessions, _ := s.Sessions.Where(func(ss *model.Session) bool { return ss.Code == "101C18S1" })
	other, _ := s.Sessions.Where(func(ss *model.Session) bool { return ss.Code == "318C18S2" })
	sess, sess2 := sessions[0].ID, other[0].ID
	dup := &model.Enrolment{Session: sess, Name: "张伟", Email: "Zhang.Wei@TONGJI.edu.cn", Status: model.StatusActive}
	var ve *model.ValidationError
	if err := s.Enrolments.Put(dup); !errors.As(err, &ve) || ve.Message("email") != "is already enrolled in this session" {
		t.Fatalf("a duplicate of an imported enrolment: %v", err)
	}
	dup.Session = sess2
	if err := s.Enrolments.Put(dup); err != nil {
		t.Fatalf("the same person in another session: %v", err)
	}
	// Saving the same record again, or changing its email, is no clash.
	dup.Status = model.StatusCompleted
	if err := s.Enrolments.Put(dup); err != nil {
		t.Fatalf("saving again: %v", err)
	}
	// Moving it to the session where the email is taken is.
	dup.Session = sess
	if err := s.Enrolments.Put(dup); !errors.As(err, &ve) {
		t.Fatalf("moving into a session where the email is taken: %v", err)
	}
	// Two new ones with one email in one transaction.
	err := s.Update(func(tx *store.Tx) error {
		for range 2 {
			if err := s.Enrolments.PutIn(tx, &model.Enrolment{Session: sess2, Name: "X", Email: "x@example.cn", Status: model.StatusActive}); err != nil {
				return err
			}
		}
		return nil
	})
	if !errors.As(err, &ve) {
		t.Fatalf("two enrolments of x@example.cn in one transaction: %v", err)
	}
	// That rolled back: x@example.cn is free.
	if err := s.Enrolments.Put(&model.Enrolment{Session: sess2, Name: "X", Email: "X@example.cn", Status: model.StatusActive}); err != nil {
		t.Fatalf("after the rollback: %v", err)
	}
	// After a deletion, the email is free again.
	byEmail := enrolmentsByEmail(t, s)
	if err := s.Enrolments.Delete(byEmail["101C18S1 zhang.wei@tongji.edu.cn"].ID); err != nil {
		t.Fatal(err)
	}
	if err := s.Enrolments.Put(&model.Enrolment{Session: sess, Name: "张伟", Email: "zhang.wei@tongji.edu.cn", Status: model.StatusActive}); err != nil {
		t.Fatalf("after deleting the enrolment: %v", err)
	}
	// An import after the saves sees them; saves after the import see it.
	raw := "name,email,session\n新,new@example.cn,101C18S1\n"
	if rep := mustImportEnrolments(t, s, "c.csv", []byte(raw), ImportOptions{}); rep.Created != 1 {
		t.Fatalf("import: %+v", rep)
	}
	if err := s.Enrolments.Put(&model.Enrolment{Session: sess, Name: "新", Email: "NEW@example.cn", Status: model.StatusActive}); !errors.As(err, &ve) {
		t.Fatalf("a duplicate of the newly imported enrolment: %v", err)
	}
	raw = "name,email,session,status\n张伟,ZHANG.wei@tongji.edu.cn,101C18S1,failed\n"
	if rep := mustImportEnrolments(t, s, "d.csv", []byte(raw), ImportOptions{}); rep.Updated != 1 {
		t.Fatalf("the import did not find the enrolment saved by the form: %+v", rep)
	}
}

// A bucket of a few enrolments lives inside its parent's page, where its
// root page is always 0: the index must learn of an import from the import
// itself, not from the root. So must it of a merge.
func TestEnrolmentIdentityRuleInASmallBucket(t *testing.T) {
	s := openTemp(t)
	session := &model.Session{Code: "101C18S1"}
	if err := s.Sessions.Put(session); err != nil {
		t.Fatal(err)
	}
	sess := session.ID
	// A save through the form: the index is read and follows the save.
	if err := s.Enrolments.Put(&model.Enrolment{Session: sess, Name: "甲", Email: "a@example.cn", Status: model.StatusActive}); err != nil {
		t.Fatal(err)
	}
	mustImportEnrolments(t, s, "b.csv", []byte("name,email,session\n乙,b@example.cn,101C18S1\n"), ImportOptions{})
	var ve *model.ValidationError
	if err := s.Enrolments.Put(&model.Enrolment{Session: sess, Name: "乙", Email: "B@example.cn", Status: model.StatusActive}); !errors.As(err, &ve) {
		t.Fatalf("a duplicate of the enrolment just imported: %v", err)
	}

	// The same through a merge: another machine's enrolment of c@.
	other := openTemp(t)
	mustImportEnrolments(t, other, "c.csv", []byte("name,email,session\n丙,c@example.cn,101C18S1\n"), ImportOptions{})
	var buf bytes.Buffer
	if _, err := exchange.ExportBundle(other, &buf, exchange.ExportOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := exchange.MergeBundle(context.Background(), s, bytes.NewReader(buf.Bytes()), int64(buf.Len()), exchange.MergeOptions{}); err != nil {
		t.Fatal(err)
	}
	merged, _ := s.Enrolments.Where(func(e *model.Enrolment) bool { return e.Email == "c@example.cn" })
	if len(merged) != 1 {
		t.Fatalf("after the merge %d enrolments of c@example.cn", len(merged))
	}
	if err := s.Enrolments.Put(&model.Enrolment{Session: merged[0].Session, Name: "丙", Email: "C@example.cn", Status: model.StatusActive}); !errors.As(err, &ve) {
		t.Fatalf("a duplicate of the enrolment just merged: %v", err)
	}
}

// BenchmarkImportEnrolments imports 100,000 rows (about 10 MB, 9 columns,
// the session codes of 6 sessions) into a new database: the import alone,
// the import and the backup that follows a large one (ImportEnrolments), and,
// side by side, sqlite3's .import of the same file into a new table.
func BenchmarkImportEnrolments(b *testing.B) {
	raw := []byte(enrolmentRosterFile(100_000))
	for _, tc := range []struct {
		name string
		run  func(s *store.Store) (*ImportReport, error)
	}{
		{"import", func(s *store.Store) (*ImportReport, error) {
			return ImportEnrolments(context.Background(), s, "bench.csv", bytes.NewReader(raw), ImportOptions{noBackup: true})
		}},
		{"import and backup", func(s *store.Store) (*ImportReport, error) {
			return ImportEnrolments(context.Background(), s, "bench.csv", bytes.NewReader(raw), ImportOptions{})
		}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			b.SetBytes(int64(len(raw)))
			b.ReportAllocs()
			for b.Loop() {
				b.StopTimer()
				s, err := store.Open(filepath.Join(b.TempDir(), "bench.db"))
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				rep, err := tc.run(s)
				if err != nil || rep.Created != 100_000 {
					b.Fatalf("%v %+v", err, rep)
				}
				b.StopTimer()
				s.Close()
				b.StartTimer()
			}
		})
	}
	b.Run("sqlite3", func(b *testing.B) {
		if _, err := exec.LookPath("sqlite3"); err != nil {
			b.Skip("sqlite3 is not installed")
		}
		file := filepath.Join(b.TempDir(), "bench.csv")
		if err := os.WriteFile(file, raw, 0o600); err != nil {
			b.Fatal(err)
		}
		b.SetBytes(int64(len(raw)))
		for b.Loop() {
			b.StopTimer()
			db := filepath.Join(b.TempDir(), "bench.sqlite")
			b.StartTimer()
			if out, err := exec.Command("sqlite3", db, ".import --csv "+file+" enrolments").CombinedOutput(); err != nil {
				b.Fatalf("%v: %s", err, out)
			}
		}
	})
}

// TestWriteEnrolmentRoster writes the benchmark's roster (100,000 rows) to
// the file named by $TISCDESK_WRITE_ROSTER, and ten years of varied
// enrolments (200,000 rows) to $TISCDESK_WRITE_SYNTHETIC, for measurements
// outside Go (.bench/).
func TestWriteEnrolmentRoster(t *testing.T) {
	roster, synthetic, workbook := os.Getenv("TISCDESK_WRITE_ROSTER"), os.Getenv("TISCDESK_WRITE_SYNTHETIC"), os.Getenv("TISCDESK_WRITE_ROSTER_XLSX")
	if roster == "" && synthetic == "" && workbook == "" {
		t.Skip("set TISCDESK_WRITE_ROSTER, TISCDESK_WRITE_ROSTER_XLSX or TISCDESK_WRITE_SYNTHETIC to write a roster")
	}
	if roster != "" {
		if err := os.WriteFile(roster, []byte(enrolmentRosterFile(100_000)), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if workbook != "" {
		// The same rows as an Excel workbook, written as exports are.
		f, err := tabular.ReadCSV(strings.NewReader(enrolmentRosterFile(100_000)), tabular.CSVOptions{})
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		w, err := tabular.NewRowWriter(&buf, tabular.EncodingXLSX, tabular.TextColumns(f.Records[0].Fields...).As(tabular.Number, "成绩"))
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range f.Records[1:] {
			if err := w.Write(r.Fields...); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(workbook, buf.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if synthetic != "" {
		if err := os.WriteFile(synthetic, []byte(syntheticEnrolments(200_000, 7)), 0o600); err != nil {
			t.Fatal(err)
		}
	}
}

// enrolmentRosterFile is rosterFile with a session column.
func enrolmentRosterFile(n int) string {
	var sb strings.Builder
	sb.Grow(n * 105)
	sb.WriteString("姓名,Email,性别,工作单位,省份,国家,状态,成绩,课程代码\r\n")
	surnames := []string{"张", "王", "李", "赵", "陈", "刘", "杨", "黄"}
	orgs := []string{"北京大学图书馆", "同济大学知识产权中心", "\"广州市知识产权局, 服务处\"", "四川省科技情报所"}
	for i := range n {
		fmt.Fprintf(&sb, "%s伟%d,user%06d@example.com.cn,%s,%s,%s,CN,已完成,%d.5,101C%02dS%d\r\n",
			surnames[i%len(surnames)], i%100, i, []string{"男", "女"}[i%2], orgs[i%len(orgs)],
			[]string{"北京", "Shanghai", "CN-GD", "四川省"}[i%4], 50+i%50, 18+i%3, 1+i%2)
	}
	return sb.String()
}

func FuzzPlainValidEmail(f *testing.F) {
	for _, s := range []string{"a@b.cn", "wang.fang@scu.edu.cn", "a..b@c.cn", ".a@b.cn", "a@b", "a@-b.cn",
		"a+tag@sub-domain.example.org", "x@y.z", "a@b..cn", "%@1.2", "_@a.b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if plainValidEmail(s) && !model.ValidEmail(s) {
			t.Fatalf("plainValidEmail accepts %q, validEmail does not", s)
		}
	})
}

func TestPlainValidEmail(t *testing.T) {
	for s, want := range map[string]bool{
		"wang.fang@scu.edu.cn": true, "A_B%c+d-e@x-1.example.org": true, "a@b": false, "a..b@c.cn": false,
		".a@b.cn": false, "a.@b.cn": false, "a@b.-c.cn": false, "a@b..cn": false, "a@.b.cn": false, "a b@c.cn": false,
		"张@c.cn": false, "a@b.cn.": false, "@b.cn": false, "a@b@c.cn": false,
	} {
		if got := plainValidEmail(s); got != want {
			t.Errorf("plainValidEmail(%q) = %v, want %v", s, got, want)
		}
		if want && !model.ValidEmail(s) {
			t.Errorf("validEmail refuses %q", s)
		}
	}
}

// FuzzImportEnrolments: whatever the file, the import never panics, never
// imports part of a file it refuses, writes nothing on a dry run, accounts
// for every row, and leaves only valid enrolments, one per participant and
// session.
func FuzzImportEnrolments(f *testing.F) {
	moodle := "First name,Surname,Email address,Status\nAmina,Mwangi,amina@kipi.go.ke,Active\n伟,张,ZHANG.WEI@tongji.edu.cn,Not current\n"
	bad := "姓名,邮箱,省份,课程代码,成绩\n张伟,zhang.wei@tongji.edu.cn,北京,101C18S1,90\n李娜,li.na@,上海,101C18S1,80\n" +
		"王芳,w@x.cn,火星,101C18S1,120\n,n@x.cn,四川,101X18S1,\n张伟,ZHANG.WEI@tongji.edu.cn,北京,101C18S1,95\n"
	for _, seed := range []string{chineseEnrolments, moodle, bad, "name,email\na,a@b.cn\n", "email\n\"x\n", "foo\n1\n", ""} {
		for mode := range byte(8) {
			f.Add([]byte(seed), mode)
		}
	}
	f.Add(tabulartest.GB18030(f, chineseEnrolments), byte(0))
	f.Add(asWorkbook(f, chineseEnrolments), byte(1)) // the .xlsx path
	f.Add(tabulartest.UTF16(f, strings.ReplaceAll(chineseEnrolments, ",", "\t"), unicode.LittleEndian, true), byte(1))
	// One database holding chineseEnrolments, copied afresh after an input
	// that wrote (datatest.Template): every run starts from the same state.
	tmpl := datatest.NewTemplate(f, func(s *store.Store) error {
		_, err := ImportEnrolments(context.Background(), s, "seed.csv", strings.NewReader(chineseEnrolments), ImportOptions{noBackup: true})
		return err
	})
	addExportSeeds(f, tmpl, ExportEnrolments)
	s := tmpl.Open(f)
	f.Cleanup(func() { datatest.Discard(s) })
	f.Fuzz(func(t *testing.T, raw []byte, mode byte) {
		opt := ImportOptions{SkipInvalid: mode&1 != 0, DryRun: mode&2 != 0}
		if mode&4 != 0 {
			opt.Session = "318C19S2"
		}
		before := storeSnapshot(t, s)
		opt.noBackup = true
		rep, err := ImportEnrolments(context.Background(), s, "f.csv", bytes.NewReader(raw), opt)
		if rep == nil {
			t.Fatalf("no report (err %v)", err)
		}
		after := storeSnapshot(t, s)
		if rep.Written {
			defer func() { datatest.Discard(s); s = tmpl.Open(t) }()
		}
		switch {
		case (err != nil || opt.DryRun) && after.sum != before.sum:
			t.Fatalf("a refused import or a dry run (%v) changed the database", err)
		case err == nil && !opt.DryRun && after.enrolments != before.enrolments+rep.Created:
			t.Fatalf("created %d, but the count went %d -> %d", rep.Created, before.enrolments, after.enrolments)
		case err == nil && rep.Written != (after.sum != before.sum):
			t.Fatalf("Written is %v but the database changed: %v", rep.Written, after.sum != before.sum)
		case err != nil && !errors.Is(err, ErrRowsInvalid):
			return // the file could not be read as a roster
		}
		if n := rep.Created + rep.Updated + rep.Unchanged + rep.Invalid; n != rep.Rows {
			t.Fatalf("%d rows, but %d created + %d updated + %d unchanged + %d invalid",
				rep.Rows, rep.Created, rep.Updated, rep.Unchanged, rep.Invalid)
		}
		if errors.Is(err, ErrRowsInvalid) && (opt.SkipInvalid || rep.Invalid == 0) {
			t.Fatalf("refused with SkipInvalid %v and %d invalid rows", opt.SkipInvalid, rep.Invalid)
		}
		for i, e := range rep.Errors {
			if e.Line < 1 || (i > 0 && e.Line < rep.Errors[i-1].Line) || e.Reason() == "" {
				t.Fatalf("error %d out of order or empty: %v", i, e)
			}
		}
		if after.problem != "" {
			t.Fatal(after.problem)
		}
	})
}

// snapshot is what FuzzImportEnrolments compares before and after.
type snapshot struct {
	sum        uint64 // of every key and value of the enrolments and sessions
	enrolments int
	problem    string // an invalid enrolment, or two of one participant in one session
}

func storeSnapshot(t *testing.T, s *store.Store) snapshot {
	t.Helper()
	var h maphash.Hash
	h.SetSeed(snapshotSeed)
	var out snapshot
	seen := map[string]bool{}
	err := s.View(func(tx *store.Tx) error {
		for _, bucket := range []string{store.SessionsBucket, store.EnrolmentsBucket} {
			_ = tx.Bucket(bucket).ForEach(func(k, v []byte) error {
				h.Write(k)
				h.Write(v)
				return nil
			})
		}
		return s.Enrolments.EachIn(tx, func(e *model.Enrolment) bool {
			out.enrolments++
			key := e.Session.String() + " " + model.NormEmail(e.Email)
			if err := e.Validate(); err != nil && out.problem == "" {
				out.problem = fmt.Sprintf("stored enrolment %+v is invalid: %v", e, err)
			}
			if seen[key] && out.problem == "" {
				out.problem = "two enrolments of " + key
			}
			seen[key] = true
			return true
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	out.sum = h.Sum64()
	return out
}

var snapshotSeed = maphash.MakeSeed()
