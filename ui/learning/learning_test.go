package learning

import (
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
func learningScreen(t *testing.T, store *data.Store, code string) (*kittest.Host, *Screen) {
	t.Helper()
	h, s := kittest.Open(t, store, code, New)
	if s.index == nil {
		t.Fatal("the enrolments did not load")
	}
	return h, s
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
	h, s := learningScreen(t, store, kit.LangEnglish)
	existing := s.enrolments.shownRows()[0]

	s.enrolments.setSession(existing.Session.ID)
	h.Keys.New() // Ctrl+N: a new enrolment in the session on show
	f := kittest.OpenForm[*enrolmentForm](t, h)
	if f == nil || h.Forms().Len() != 1 || f.session.Value() != existing.Session.ID {
		t.Fatal("Ctrl+N did not open the enrolment form on the session on show")
	}
	test.Type(f.name, "周杰")
	test.Type(f.email, strings.ToUpper(existing.Email))
	f.province.Set("CN-YN")
	test.Type(f.score, "abc")
	h.Keys.Save()
	kittest.Settle(t)
	if h.Forms().Len() != 1 || f.form.Message("score") != "is not a number" {
		t.Fatalf("a score of abc: forms %d, message %q", h.Forms().Len(), f.form.Message("score"))
	}
	f.score.SetText("75")
	h.Keys.Save()
	kittest.Settle(t)
	if h.Forms().Len() != 1 || f.form.Message("email") != "is already enrolled in this session" {
		t.Fatalf("a second enrolment of %s: message %q", existing.Email, f.form.Message("email"))
	}
	f.email.SetText("zhou.jie@ynu.edu.cn")
	h.Keys.Save()
	kittest.Settle(t)
	if h.Forms().Len() != 0 {
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
	h, s := learningScreen(t, store, kit.LangEnglish)
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
	f := kittest.OpenForm[*enrolmentForm](t, h)
	f.status.Set(data.StatusWithdrawn)
	f.certNo.SetText("")
	h.Keys.Save()
	kittest.Settle(t)
	if h.Forms().Len() != 0 {
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
	h.Desktop.Answer = func(_, _ string, yes func()) { yes() }
	s.editEnrolment(e.ID)
	kittest.OpenForm[*enrolmentForm](t, h).delete()
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
	h, s := learningScreen(t, store, kit.LangEnglish)
	s.tabs.SelectIndex(1)
	h.Keys.New()
	f := kittest.OpenForm[*sessionForm](t, h)
	if f == nil {
		t.Fatal("Ctrl+N on the sessions did not open the session form")
	}
	test.Type(f.code, "320X25S1")
	h.Keys.Save()
	kittest.Settle(t)
	if f.form.Message("code") == "" {
		t.Fatal("a code with an unknown language letter was accepted")
	}
	f.code.SetText("dl-320c25s2")
	f.start.SetText("2025-09-01")
	f.end.SetText("2025-08-01")
	h.Keys.Save()
	kittest.Settle(t)
	if f.form.Message("end") != "is before the start" {
		t.Fatalf("end before start: %q", f.form.Message("end"))
	}
	f.end.SetText("2025-12-15")
	test.Type(f.tutors, "李明; Anna Berg")
	h.Keys.Save()
	kittest.Settle(t)
	if h.Forms().Len() != 0 {
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
	cf := kittest.OpenForm[*courseForm](t, h)
	cf.zh.SetText("专利信息检索（高级）")
	h.Keys.Save()
	kittest.Settle(t)
	if c, _ := store.Courses.Get(dl318.ID); c.TitleZH != "专利信息检索（高级）" {
		t.Fatalf("title saved as %q", c.TitleZH)
	}
	h.Keys.New()
	cf = kittest.OpenForm[*courseForm](t, h)
	test.Type(cf.number, "DL-450")
	test.Type(cf.en, "Intellectual Property Management")
	h.Keys.Save()
	kittest.Settle(t)
	if after, _ := store.Counts(); after.Courses != before.Courses+1 {
		t.Fatalf("courses %d -> %d", before.Courses, after.Courses)
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
	h, s := learningScreen(t, store, kit.LangEnglish)
	first := s.index
	h.Show(s) // back to the section
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
	h.Show(s) // back to the section
	kittest.Settle(t)
	if s.index == first {
		t.Fatal("the index was kept after a write")
	}
	test.Type(s.enrolments.search, "kept until")
	if rows := s.enrolments.shownRows(); len(rows) != 1 || rows[0].ID != e.ID {
		t.Fatalf("searching the changed organisation shows %d rows", len(rows))
	}
}

// Import enrolments… opens the wizard for enrolments, and after an import
// the list shows what it brought in.
func TestImportFromTheEnrolmentsReloadsThem(t *testing.T) {
	store := kittest.SampleStore(t)
	h, s := learningScreen(t, store, kit.LangEnglish)
	before := s.index.Len()
	test.Tap(kittest.FindButton(t, s, "Import enrolments…"))
	w := kittest.TopImport(t, h.Window(), h.Desktop)
	w.Choose("enrolments.csv", []byte("name,email,session,organisation,province\n"+
		"Imported Participant,imported.participant@example.cn,101C29S1,University 1,CN-BJ\n"))
	w.ImportAll()
	if s.index.Len() != before+1 {
		t.Fatalf("the list holds %d enrolments after importing one into %d: %q", s.index.Len(), before, w.Texts())
	}
	test.Type(s.enrolments.search, "imported.participant")
	if rows := s.enrolments.shownRows(); len(rows) != 1 || rows[0].Name != "Imported Participant" {
		t.Errorf("the list does not show the enrolment imported: %d rows", len(rows))
	}
}
