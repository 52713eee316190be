package importer

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"tiscdesk/data"
	"tiscdesk/ui/kit"
	"tiscdesk/ui/kit/kittest"
)

// openWizard opens the wizard for the kind made over a sample store, in a
// test host in language code; reloads counts the times it asked its area to
// reload.
func openWizard(t *testing.T, kind func(*data.Store) Kind, code string) (w *Wizard, store *data.Store, reloads *int) {
	t.Helper()
	store = kittest.SampleStore(t)
	h := kittest.NewHost(t, store, code)
	reloads = new(int)
	w = Open(h, kind(store), func() { *reloads++ })
	return w, store, reloads
}

func runWizard(t *testing.T, w *Wizard, skipInvalid bool) {
	t.Helper()
	w.run(skipInvalid)
	kittest.Settle(t)
	if w.result == nil && w.runErr == nil {
		t.Fatal("the import did not finish")
	}
}

func TestImportWizardInstitutionsGB18030(t *testing.T) {
	w, store, reloads := openWizard(t, Institutions, kit.LangEnglish)
	before, _ := store.Counts()

	file := "机构名称,英文名称,类型,省份,城市,阶段,联系人,邮箱\r\n" +
		"宁夏医科大学,Ningxia Medical University,高校,宁夏,银川,已申请,马丽,ma.li@nxu.edu.cn\r\n" +
		"青海省科技服务中心,Qinghai S&T Service Centre,科技情报,青海省,西宁,候选,,\r\n" +
		"海南大学,Hainan University,大学,火星,海口,已申请,王强,wang@\r\n"
	w.load("机构.csv", kittest.GB18030(t, file))
	kittest.Settle(t)
	if w.preview == nil || w.preview.Encoding != data.EncodingGB18030 || w.preview.Delimiter != ',' {
		t.Fatalf("preview: %+v", w.preview)
	}
	if got := w.mapping[0].Value(); got != "local_name" {
		t.Fatalf("机构名称 mapped to %q", got)
	}
	if !kittest.HasText(t, w.body, "宁夏医科大学") {
		t.Error("the preview does not show the first row decoded")
	}

	w.check() // the dry run's report
	kittest.Settle(t)
	rep := w.report
	if rep.Invalid != 1 || rep.Created != 2 {
		t.Fatalf("report: %+v", rep)
	}
	if !strings.HasPrefix(rep.Errors[0].Error(), "机构.csv:4:") {
		t.Errorf("first error %q does not name line 4", rep.Errors[0].Error())
	}
	if c, _ := store.Counts(); c.Institutions != before.Institutions {
		t.Fatal("checking the rows wrote to the database")
	}

	runWizard(t, w, true) // import the valid rows only
	if w.runErr != nil || w.result.Created != 2 || w.result.Skipped != 1 {
		t.Fatalf("import: %+v %v", w.result, w.runErr)
	}
	after, _ := store.Counts()
	if after.Institutions != before.Institutions+2 {
		t.Fatalf("institutions %d -> %d", before.Institutions, after.Institutions)
	}
	got, _ := store.Institutions.Where(func(in *data.Institution) bool { return in.LocalName == "宁夏医科大学" })
	if len(got) != 1 || got[0].Province != "CN-NX" || got[0].Stage != data.StageApplied || got[0].Type != data.TypeUniversity {
		t.Fatalf("imported as %+v", got)
	}
	if *reloads != 1 {
		t.Errorf("the register was told to reload %d times after the import, want once", *reloads)
	}
}

func TestImportWizardAllOrNothing(t *testing.T) {
	w, store, _ := openWizard(t, Institutions, kit.LangEnglish)
	before, _ := store.Counts()
	// Semicolons, a BOM, and one bad row.
	w.load("list.csv", []byte("\ufeffName;Province;Type\n新疆大学;Xinjiang;university\n;CN-BJ;university\n"))
	kittest.Settle(t)
	w.check()
	kittest.Settle(t)
	if w.report.Invalid != 1 {
		t.Fatalf("report: %+v", w.report)
	}
	runWizard(t, w, false)
	if w.runErr == nil {
		t.Fatal("an all-or-nothing import of a file with a bad row succeeded")
	}
	if c, _ := store.Counts(); c.Institutions != before.Institutions {
		t.Fatal("something was imported")
	}
}

// TestImportWizardEnrolmentsGB18030 runs the wizard end to end on a file as
// Chinese Excel saves it, without a session column: the session is chosen
// in the wizard, the bad rows are reported by line, the valid ones imported.
func TestImportWizardEnrolmentsGB18030(t *testing.T) {
	w, store, reloads := openWizard(t, Enrolments, kit.LangEnglish)
	before, _ := store.Counts()

	file := "姓名,电子邮箱,性别,工作单位,省份,状态,成绩,备注\r\n" +
		"马丽,ma.li@nxu.edu.cn,女,宁夏医科大学,宁夏,已完成,91,\r\n" +
		"\"欧阳, 明\",ouyang.ming@qhu.edu.cn,男,青海大学,青海省,学习中,,\"第一行\n第二行\"\r\n" +
		"王强,wang@,男,海南大学,海南,学习中,,\r\n" +
		"赵敏,zhao.min@cqu.edu.cn,女,重庆大学,火星,已完成,120,\r\n"
	w.load("学员名单.csv", kittest.GB18030(t, file))
	kittest.Settle(t)
	if w.preview == nil || w.preview.Encoding != data.EncodingGB18030 || w.preview.Delimiter != ',' || w.preview.Total != 4 {
		t.Fatalf("preview: %+v", w.preview)
	}
	for i, want := range []string{"name", "email", "gender", "organisation", "province", "status", "score", ""} {
		if got := w.mapping[i].Value(); got != want {
			t.Errorf("column %d (%s) mapped to %q, want %q", i+1, w.preview.Columns.Header[i], got, want)
		}
	}
	if !kittest.HasText(t, w.body, "宁夏医科大学") {
		t.Error("the preview does not show the first row decoded")
	}
	if w.session == nil {
		t.Fatal("the wizard does not ask for the session")
	}
	// The sessions offered are the store's, read off the UI goroutine when
	// the wizard opened, newest code first.
	sessions, err := store.Sessions.List()
	if err != nil || len(sessions) == 0 {
		t.Fatalf("the sample has no sessions: %v", err)
	}
	newest := ""
	for _, ss := range sessions {
		newest = max(newest, ss.Code)
	}
	if len(w.offered) != len(sessions) || w.offered[0] != newest {
		t.Errorf("sessions offered: %q, want the store's %d with %s first", w.offered, len(sessions), newest)
	}

	// Without a session, the check says what to do.
	w.check()
	kittest.Settle(t)
	if !kittest.HasText(t, w.body, "The file has no session column: choose the session its participants enrolled in, then check the rows again.") {
		t.Fatalf("no session chosen: %q", kittest.Texts(t, w.body))
	}
	w.showPreview()
	w.session.SetText("320C26S1") // a new session
	w.check()
	kittest.Settle(t)
	rep := w.report
	if rep.Invalid != 2 || rep.Created != 2 {
		t.Fatalf("report: %+v", rep)
	}
	for i, prefix := range []string{"学员名单.csv:5: 电子邮箱:", "学员名单.csv:6: 省份:", "学员名单.csv:6: 成绩:"} {
		if i >= len(rep.Errors) || !strings.HasPrefix(rep.Errors[i].Error(), prefix) {
			t.Errorf("error %d does not start %q: %v", i, prefix, rep.Errors)
		}
	}
	if !kittest.HasText(t, w.body, "Sessions to be created: 320C26S1.") {
		t.Error("the report does not say the session will be created")
	}
	if c, _ := store.Counts(); c != before {
		t.Fatal("checking the rows wrote to the database")
	}

	runWizard(t, w, true) // import the valid rows only
	if w.runErr != nil || w.result.Created != 2 || w.result.Skipped != 2 {
		t.Fatalf("import: %+v %v", w.result, w.runErr)
	}
	after, _ := store.Counts()
	if after.Enrolments != before.Enrolments+2 || after.Sessions != before.Sessions+1 {
		t.Fatalf("enrolments %d -> %d, sessions %d -> %d", before.Enrolments, after.Enrolments, before.Sessions, after.Sessions)
	}
	got, _ := store.Enrolments.Where(func(e *data.Enrolment) bool { return e.Email == "ouyang.ming@qhu.edu.cn" })
	if len(got) != 1 || got[0].Name != "欧阳, 明" || got[0].Province != "CN-QH" || got[0].Status != data.StatusActive {
		t.Fatalf("imported as %+v", got)
	}
	if *reloads != 1 {
		t.Errorf("the list was told to reload %d times after the import, want once", *reloads)
	}
}

// In Chinese the wizard's report is in Chinese: every reason and note is
// translated, the values quoted, the lines and fields as in the file.
func TestImportWizardReportsInChinese(t *testing.T) {
	w, _, _ := openWizard(t, Enrolments, kit.LangChinese)
	file := "姓名,电子邮箱,性别,省份,成绩,开班\n" +
		"马丽,ma.li@nxu.edu.cn,女,宁夏,91,320C26S1\n" +
		"王强,wang@,男,海南,,320C26S1\n" +
		"赵敏,zhao.min@cqu.edu.cn,X,火星,120,320C26S1\n" +
		"马丽,MA.LI@nxu.edu.cn,女,宁夏,91,320C26S1\n" +
		"李雷,li.lei@example.cn,男,北京,80,320Z26S1\n"
	w.load("名单.csv", []byte(file))
	kittest.Settle(t)
	w.check()
	kittest.Settle(t)
	rep := w.report
	if rep == nil || rep.Invalid != 4 || len(rep.Errors) < 5 {
		t.Fatalf("report: %+v", rep)
	}
	for _, e := range rep.Errors {
		zh := importErrorText(e)
		if zh == e.Error() || strings.Contains(zh, " is ") || strings.Contains(zh, "must ") {
			t.Errorf("not translated: %s", zh)
		}
		if !strings.HasPrefix(zh, "名单.csv:"+strconv.Itoa(e.Line)+": "+e.Field) {
			t.Errorf("%q does not start with the file, line and field", zh)
		}
		if e.Text.Value != "" && !strings.Contains(zh, strconv.Quote(e.Text.Value)) {
			t.Errorf("%q does not quote the value %q", zh, e.Text.Value)
		}
	}
	if !kittest.HasText(t, w.body, "将新建开班：320C26S1。") {
		t.Errorf("the note is not in Chinese: %q", kittest.Texts(t, w.body))
	}
}

// A note that lists what an import creates translates each item too.
func TestImportNoteListsInChinese(t *testing.T) {
	store := kittest.SampleStore(t)
	kittest.NewWindow(t, kit.LangChinese)
	file := "programme,partner,intake year,name,email\n" +
		"Patent Analytics Programme,Example University,2031,Ana Silva,ana@example.br\n"
	rep, err := store.ImportStudents(context.Background(), "s.csv", strings.NewReader(file), data.ImportOptions{DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	var all []string
	for _, n := range rep.Notes {
		all = append(all, importText(n))
	}
	got := strings.Join(all, "\n")
	for _, want := range []string{"数据库中没有的项目，将新建：Patent Analytics Programme（合作大学：Example University）。",
		"数据库中没有的届次，将新建：Patent Analytics Programme，2031 级。"} {
		if !strings.Contains(got, want) {
			t.Errorf("the notes do not say %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "partner") || strings.Contains(got, "intake") {
		t.Errorf("English left in the notes:\n%s", got)
	}
}

// Columns the user set by hand are remembered for the file's header: the
// next file with that header opens with them, says so, and offers the
// columns detected instead.
func TestImportWizardRemembersColumnsSetByHand(t *testing.T) {
	w, store, _ := openWizard(t, Institutions, kit.LangEnglish)
	file := "单位,类型,省份,负责人\n甘肃农业大学,高校,甘肃,李明\n"
	w.load("第一批.csv", []byte(file))
	kittest.Settle(t)
	if got := w.mapping[3].Value(); got != "" {
		t.Fatalf("负责人 detected as %q; the test needs a column the finder does not know", got)
	}
	if w.rememberNote != nil {
		t.Fatal("a note about remembered columns before any were set")
	}
	w.mapping[3].Set("contact_name")
	runWizard(t, w, false)
	if w.runErr != nil || w.result.Created != 1 {
		t.Fatalf("import: %+v %v", w.result, w.runErr)
	}
	got, _ := store.Institutions.Where(func(in *data.Institution) bool { return in.LocalName == "甘肃农业大学" })
	if len(got) != 1 || len(got[0].Contacts) != 1 || got[0].Contacts[0].Name != "李明" {
		t.Fatalf("imported as %+v", got)
	}

	h := kittest.NewHost(t, store, kit.LangEnglish)
	w2 := Open(h, Institutions(store), nil)
	w2.load("第二批.csv", []byte("单位 ,类型,省份,负责人\n兰州理工大学,高校,甘肃,王芳\n"))
	kittest.Settle(t)
	if got := w2.mapping[3].Value(); got != "contact_name" {
		t.Fatalf("the same header opened with 负责人 → %q, want the contact name set last time", got)
	}
	if !kittest.HasText(t, w2.body, "The columns are set as you set them for this header last time.") {
		t.Error("the wizard does not say the columns are remembered")
	}
	test.Tap(kittest.FindButton(t, w2.body, "Use the columns detected"))
	if got := w2.mapping[3].Value(); got != "" || w2.rememberNote.Visible() {
		t.Errorf("after Use the columns detected: 负责人 → %q, note shown %v", got, w2.rememberNote.Visible())
	}
	// Imported with the columns detected, the header's columns are forgotten.
	runWizard(t, w2, false)
	w3 := Open(h, Institutions(store), nil)
	w3.load("第三批.csv", []byte(file))
	kittest.Settle(t)
	if got := w3.mapping[3].Value(); got != "" || w3.rememberNote != nil {
		t.Errorf("after an import with the columns detected, 负责人 → %q", got)
	}
}
