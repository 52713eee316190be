package ui

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

// learningScreen shows the Distance learning section over store, in
// language code, after its load.
func learningScreen(t *testing.T, store *data.Store, code string) (*Shell, *LearningScreen) {
	t.Helper()
	sh, _ := newTestShell(t, store, code)
	sh.ShowSection("learning")
	kittest.Settle(t)
	s := sh.built["learning"].(*LearningScreen)
	if s.index == nil {
		t.Fatal("the enrolments did not load")
	}
	return sh, s
}

func TestLearningListsFiltersAndSortsEnrolments(t *testing.T) {
	store := kittest.SampleStore(t)
	c, _ := store.Counts()
	_, s := learningScreen(t, store, kit.LangEnglish)
	l := s.enrolments
	if n := len(l.shownRows()); n != c.Enrolments || n == 0 {
		t.Fatalf("the list shows %d enrolments, the store holds %d", n, c.Enrolments)
	}
	if !kittest.HasText(t, s, strconv.Itoa(c.Sessions)+" sessions, "+strconv.Itoa(c.Enrolments)+" enrolments") {
		t.Error("the heading does not count the sessions and enrolments")
	}
	first := l.shownRows()[0]

	// Typing a part of an email narrows the list as you type.
	test.Type(l.search, strings.Split(first.Email, "@")[0])
	rows := l.shownRows()
	if len(rows) == 0 || len(rows) == c.Enrolments {
		t.Fatalf("searching %q shows %d rows", l.search.Text, len(rows))
	}
	for _, r := range rows {
		if !strings.Contains(strings.ToLower(r.Email+r.Name+r.Organisation()), strings.ToLower(l.search.Text)) {
			t.Errorf("%s matches the search %q", r.Email, l.search.Text)
		}
	}
	l.search.SetText("")

	// The status filter, then a sort by score, highest first.
	l.status.Set(data.StatusCompleted)
	rows = l.shownRows()
	if len(rows) == 0 {
		t.Fatal("no completed enrolments in the sample")
	}
	for _, r := range rows {
		if r.Status() != data.StatusCompleted {
			t.Fatalf("%s is %s under the completed filter", r.Email, r.Status())
		}
	}
	kittest.TapHeader(l.table.Table, 7) // Final score
	kittest.TapHeader(l.table.Table, 7) // again: descending
	rows = l.shownRows()
	top, _ := rows[0].Score()
	bottom, _ := rows[len(rows)-1].Score()
	if top < bottom {
		t.Errorf("sorted by score descending, the first is %v and the last %v", top, bottom)
	}
	l.status.Set("")

	// Gender and province filters combine.
	l.gender.Set(data.GenderFilter(data.GenderFemale))
	for _, r := range l.shownRows() {
		if r.Gender() != data.GenderFemale {
			t.Fatalf("%s under the female filter", r.Email)
		}
	}
}

func TestLearningSessionsShowRatesAndTheirEnrolments(t *testing.T) {
	store := kittest.SampleStore(t)
	_, s := learningScreen(t, store, kit.LangEnglish)
	s.tabs.SelectIndex(1)
	sessions := s.sessions.table.RowsShown()
	if len(sessions) == 0 {
		t.Fatal("no sessions listed")
	}
	// A session that has ended has a completion and a pass rate.
	var ended *data.SessionRow
	for _, sr := range sessions {
		if sr.Stats.Completed() > 0 {
			ended = sr
			break
		}
	}
	if ended == nil {
		t.Fatal("no session with completions in the sample")
	}
	completion, _ := ended.Stats.CompletionRate()
	want := strconv.Itoa(int(100*completion+0.5)) + "%"
	if got, _ := sessionColumns()[6].Cell(ended); got != want {
		t.Errorf("completion rate shows %q, want %q", got, want)
	}
	// Choosing it shows its enrolments, and a bar with its figures.
	kittest.OpenRow(t, s.sessions.table, ended)
	if s.tabs.SelectedIndex() != 0 {
		t.Fatal("choosing a session did not go to the enrolments")
	}
	rows := s.enrolments.shownRows()
	if len(rows) != ended.Stats.Enrolments {
		t.Fatalf("the session's enrolments: %d rows, want %d", len(rows), ended.Stats.Enrolments)
	}
	for _, r := range rows {
		if r.Session != ended {
			t.Fatalf("%s of session %s is listed under %s", r.Email, r.Session.Session.Code, ended.Session.Code)
		}
	}
	if s.enrolments.sessionBar.Hidden || !kittest.HasText(t, s.enrolments.sessionBar, ended.Session.Code+"  "+sessionCourse(ended)) {
		t.Error("the session's bar is not shown")
	}
}

func TestLearningEnrolmentFormRefusesASecondEnrolment(t *testing.T) {
	store := kittest.SampleStore(t)
	before, _ := store.Counts()
	sh, s := learningScreen(t, store, kit.LangEnglish)
	existing := s.enrolments.shownRows()[0]

	s.enrolments.setSession(existing.Session.ID)
	sh.keys.New() // Ctrl+N: a new enrolment in the session on show
	f := kittest.OpenForm[*enrolmentForm](t, sh)
	if f == nil || sh.forms.Len() != 1 || f.session.Value() != existing.Session.ID {
		t.Fatal("Ctrl+N did not open the enrolment form on the session on show")
	}
	test.Type(f.name, "周杰")
	test.Type(f.email, strings.ToUpper(existing.Email))
	f.province.Set("CN-YN")
	test.Type(f.score, "abc")
	sh.keys.Save()
	kittest.Settle(t)
	if sh.forms.Len() != 1 || f.form.Message("score") != "is not a number" {
		t.Fatalf("a score of abc: forms %d, message %q", sh.forms.Len(), f.form.Message("score"))
	}
	f.score.SetText("75")
	sh.keys.Save()
	kittest.Settle(t)
	if sh.forms.Len() != 1 || f.form.Message("email") != "is already enrolled in this session" {
		t.Fatalf("a second enrolment of %s: message %q", existing.Email, f.form.Message("email"))
	}
	f.email.SetText("zhou.jie@ynu.edu.cn")
	sh.keys.Save()
	kittest.Settle(t)
	if sh.forms.Len() != 0 {
		t.Fatalf("the form stayed open: %q", f.form.General.Text)
	}
	after, _ := store.Counts()
	if after.Enrolments != before.Enrolments+1 || s.index.Len() != after.Enrolments {
		t.Fatalf("enrolments %d -> %d, list %d", before.Enrolments, after.Enrolments, s.index.Len())
	}
	got, _ := store.Enrolments.Where(func(e *data.Enrolment) bool { return e.Email == "zhou.jie@ynu.edu.cn" })
	if len(got) != 1 || got[0].Province != "CN-YN" || *got[0].Score != 75 || got[0].Session != existing.Session.ID ||
		got[0].Status != data.StatusRegistered {
		t.Fatalf("saved as %+v", got)
	}
}

func TestLearningEditEnrolmentAndParticipant(t *testing.T) {
	store := kittest.SampleStore(t)
	sh, s := learningScreen(t, store, kit.LangEnglish)
	// Someone enrolled in more than one session.
	count := map[string]int{}
	for _, r := range s.enrolments.shownRows() {
		count[strings.ToLower(r.Email)]++
	}
	var email string
	for e, n := range count {
		if n > 1 {
			email = e
			break
		}
	}
	if email == "" {
		t.Fatal("the sample has nobody in two sessions")
	}
	s.showParticipant(email)
	p := s.participant
	if p == nil || len(p.rows) != count[email] {
		t.Fatalf("the participant page lists %v, want %d enrolments", p, count[email])
	}
	if !kittest.HasText(t, p, p.rows[0].Name) || !kittest.HasText(t, p, p.rows[0].Session.Session.Code) {
		t.Error("the participant page does not show the name and the sessions")
	}

	// Edit one of them from the page: the status changes in the store.
	s.editEnrolment(p.rows[0].ID)
	f := kittest.OpenForm[*enrolmentForm](t, sh)
	f.status.Set(data.StatusWithdrawn)
	f.certNo.SetText("")
	sh.keys.Save()
	kittest.Settle(t)
	if sh.forms.Len() != 0 {
		t.Fatalf("the form stayed open: %q", f.form.General.Text)
	}
	e, _ := store.Enrolments.Get(p.rows[0].ID)
	if e.Status != data.StatusWithdrawn || e.UpdatedBy != store.DeviceLabel() {
		t.Fatalf("saved as %+v", e)
	}
	if s.participant == nil || s.participant.rows[0].Status() != data.StatusWithdrawn {
		t.Error("the participant page did not show the change")
	}

	// Delete it, after confirming.
	sh.platform.(*kittest.Platform).Answer = func(_, _ string, yes func()) { yes() }
	s.editEnrolment(e.ID)
	kittest.OpenForm[*enrolmentForm](t, sh).delete()
	kittest.Settle(t)
	if _, err := store.Enrolments.Get(e.ID); err == nil {
		t.Fatal("the enrolment was not deleted")
	}
	if s.participant != nil && len(s.participant.rows) != count[email]-1 {
		t.Errorf("the participant page still lists %d enrolments", len(s.participant.rows))
	}
}

func TestLearningSessionAndCourseForms(t *testing.T) {
	store := kittest.SampleStore(t)
	before, _ := store.Counts()
	sh, s := learningScreen(t, store, kit.LangEnglish)
	s.tabs.SelectIndex(1)
	sh.keys.New()
	f := kittest.OpenForm[*sessionForm](t, sh)
	if f == nil {
		t.Fatal("Ctrl+N on the sessions did not open the session form")
	}
	test.Type(f.code, "320X25S1")
	sh.keys.Save()
	kittest.Settle(t)
	if f.form.Message("code") == "" {
		t.Fatal("a code with an unknown language letter was accepted")
	}
	f.code.SetText("dl-320c25s2")
	f.start.SetText("2025-09-01")
	f.end.SetText("2025-08-01")
	sh.keys.Save()
	kittest.Settle(t)
	if f.form.Message("end") != "is before the start" {
		t.Fatalf("end before start: %q", f.form.Message("end"))
	}
	f.end.SetText("2025-12-15")
	test.Type(f.tutors, "李明; Anna Berg")
	sh.keys.Save()
	kittest.Settle(t)
	if sh.forms.Len() != 0 {
		t.Fatalf("the session form stayed open: %q", f.form.General.Text)
	}
	got, _ := store.Sessions.Where(func(ss *data.Session) bool { return ss.Code == "320C25S2" })
	if len(got) != 1 || len(got[0].Tutors) != 2 || got[0].Start != "2025-09-01" {
		t.Fatalf("saved as %+v", got)
	}
	if after, _ := store.Counts(); after.Sessions != before.Sessions+1 || len(s.index.Sessions) != after.Sessions {
		t.Fatal("the new session is not listed")
	}

	// The catalogue: a title changes, a course is added.
	s.tabs.SelectIndex(2)
	var dl318 *data.CourseRow
	for _, c := range s.courses.table.RowsShown() {
		if c.Number == "318" {
			dl318 = c
		}
	}
	kittest.OpenRow(t, s.courses.table, dl318)
	cf := kittest.OpenForm[*courseForm](t, sh)
	cf.zh.SetText("专利信息检索（高级）")
	sh.keys.Save()
	kittest.Settle(t)
	if c, _ := store.Courses.Get(dl318.ID); c.TitleZH != "专利信息检索（高级）" {
		t.Fatalf("title saved as %q", c.TitleZH)
	}
	sh.keys.New()
	cf = kittest.OpenForm[*courseForm](t, sh)
	test.Type(cf.number, "DL-450")
	test.Type(cf.en, "Intellectual Property Management")
	sh.keys.Save()
	kittest.Settle(t)
	if after, _ := store.Counts(); after.Courses != before.Courses+1 {
		t.Fatalf("courses %d -> %d", before.Courses, after.Courses)
	}
}

// TestImportWizardEnrolmentsGB18030 runs the wizard end to end on a file as
// Chinese Excel saves it, without a session column: the session is chosen
// in the wizard, the bad rows are reported by line, the valid ones imported.
func TestImportWizardEnrolmentsGB18030(t *testing.T) {
	store := kittest.SampleStore(t)
	before, _ := store.Counts()
	_, s := learningScreen(t, store, kit.LangEnglish)
	w := s.importFile()

	file := "姓名,电子邮箱,性别,工作单位,省份,状态,成绩,备注\r\n" +
		"马丽,ma.li@nxu.edu.cn,女,宁夏医科大学,宁夏,已完成,91,\r\n" +
		"\"欧阳, 明\",ouyang.ming@qhu.edu.cn,男,青海大学,青海省,学习中,,\"第一行\n第二行\"\r\n" +
		"王强,wang@,男,海南大学,海南,学习中,,\r\n" +
		"赵敏,zhao.min@cqu.edu.cn,女,重庆大学,火星,已完成,120,\r\n"
	w.load("学员名单.csv", gb18030(t, file))
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
	if s.index.Len() != after.Enrolments {
		t.Error("the list did not reload after the import")
	}
}

func TestLearningInChinese(t *testing.T) {
	store := kittest.SampleStore(t)
	_, s := learningScreen(t, store, kit.LangChinese)
	for _, want := range []string{"远程学习", "导入注册…", "注册", "开班", "课程", "姓名", "最终成绩", "全部开班"} {
		if !kittest.HasText(t, s, want) {
			t.Errorf("the Chinese section lacks %q", want)
		}
	}
	r := s.enrolments.shownRows()[0]
	if got, _ := enrolmentColumns()[6].Cell(r); got != r.Status().NameZH() {
		t.Errorf("status shows %q, want %q", got, r.Status().NameZH())
	}
}

// Coming back to the section reads the enrolments again only when something
// was written since: the index is kept otherwise.
func TestLearningKeepsItsIndexUntilAWrite(t *testing.T) {
	store := kittest.SampleStore(t)
	sh, s := learningScreen(t, store, kit.LangEnglish)
	first := s.index
	sh.ShowSection("overview")
	sh.ShowSection("learning")
	kittest.Settle(t)
	if s.index != first {
		t.Fatal("the index was read again with nothing written")
	}
	row := s.enrolments.shownRows()[0]
	e, err := store.Enrolments.Get(row.ID)
	if err != nil {
		t.Fatal(err)
	}
	e.Organisation = "Kept Until A Write Institute"
	if err := store.Enrolments.Put(e); err != nil {
		t.Fatal(err)
	}
	sh.ShowSection("overview")
	sh.ShowSection("learning")
	kittest.Settle(t)
	if s.index == first {
		t.Fatal("the index was kept after a write")
	}
	test.Type(s.enrolments.search, "kept until")
	if rows := s.enrolments.shownRows(); len(rows) != 1 || rows[0].ID != e.ID {
		t.Fatalf("searching the changed organisation shows %d rows", len(rows))
	}
}

// In Chinese the wizard's report is in Chinese: every reason and note is
// translated, the values quoted, the lines and fields as in the file.
func TestImportWizardReportsInChinese(t *testing.T) {
	store := kittest.SampleStore(t)
	_, s := learningScreen(t, store, kit.LangChinese)
	w := s.importFile()
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
	newTestShell(t, store, kit.LangChinese)
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
