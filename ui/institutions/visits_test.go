package institutions

import (
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"tiscdesk/data"
	"tiscdesk/ui/kit"
	"tiscdesk/ui/kit/kittest"
)

// showVisits opens the Site visits section in h (again, if it is on show)
// and returns it loaded.
func showVisits(t *testing.T, h *kittest.Host) *Visits {
	t.Helper()
	s, ok := h.Screen().(*Visits)
	if !ok {
		s = NewVisits(h)
	}
	h.Show(s)
	kittest.Settle(t)
	if s.index == nil {
		t.Fatal("the visits did not load")
	}
	return s
}

// newVisitThroughList opens a new visit with Ctrl+N on the list of visits
// and picks the institution by typing part of its English name.
func newVisitThroughList(t *testing.T, h *kittest.Host, name string) *visitForm {
	t.Helper()
	showVisits(t, h)
	h.Keys.New()
	f := kittest.OpenForm[*visitForm](t, h)
	if f == nil || h.Forms().Len() != 1 {
		t.Fatal("Ctrl+N on the visits did not open a form")
	}
	kittest.Settle(t) // the picker's register
	test.Type(f.institution.entry, name)
	var first *widget.Button
	for _, o := range f.institution.results.Objects {
		if b, ok := o.(*widget.Button); ok {
			first = b
			break
		}
	}
	if first == nil {
		t.Fatalf("typing %q lists no institution: %q", name, kittest.Texts(t, f.institution.results))
	}
	test.Tap(first)
	if f.institution.id == data.NilID {
		t.Fatal("tapping a match did not pick it")
	}
	return f
}

func institutionNamed(t *testing.T, store *data.Store, english string) *data.Institution {
	t.Helper()
	ins, err := store.Institutions.Where(func(in *data.Institution) bool { return in.EnglishName == english })
	if err != nil || len(ins) != 1 {
		t.Fatalf("no institution %q: %v", english, err)
	}
	return ins[0]
}

func visitsOf(t *testing.T, store *data.Store, id data.ID) []*data.Visit {
	t.Helper()
	vs, err := store.Visits.Where(func(v *data.Visit) bool { return v.Institution == id })
	if err != nil {
		t.Fatal(err)
	}
	return vs
}

func TestVisitFormShowsTheOverallScoreAndSavesIt(t *testing.T) {
	store := kittest.SampleStore(t)
	h := kittest.NewHost(t, store, kit.LangEnglish)
	w := h.Window()
	guizhou := institutionNamed(t, store, "Guizhou University")
	before := len(visitsOf(t, store, guizhou.ID))

	f := newVisitThroughList(t, h, "guizhou")
	overall := func() string { return f.overall.Text }
	if overall() != "not assessed" {
		t.Errorf("a new visit's overall score reads %q, want not assessed", overall())
	}
	for i, digit := range []string{"4", "3", "5"} {
		test.Type(f.checklist[i].score, digit)
	}
	if overall() != "4.0 / 5" {
		t.Errorf("scores 4, 3, 5 show an overall score of %q, want 4.0 / 5", overall())
	}
	test.Type(f.checklist[3].score, "0")
	if overall() != "3.0 / 5" || !kittest.HasText(t, w.Canvas().Overlays().Top(), "4 of 7 criteria assessed") {
		t.Errorf("after a fourth score of 0 the overall score is %q, want 3.0 / 5 (4 of 7 assessed)", overall())
	}
	f.checklist[3].score.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete}) // not assessed after all
	test.Type(f.checklist[1].comment, "Two librarians, one trained in DL-318")
	test.Type(f.peopleMet, "王芳\nLi Ming")
	h.Keys.Save()
	kittest.Settle(t)
	if h.Forms().Len() != 0 {
		t.Fatalf("Ctrl+S did not save and close; messages: %q", kittest.Texts(t, w.Canvas().Overlays().Top()))
	}
	vs := visitsOf(t, store, guizhou.ID)
	if len(vs) != before+1 {
		t.Fatalf("Guizhou University has %d visits, want %d", len(vs), before+1)
	}
	v := vs[len(vs)-1]
	if s, ok := v.OverallScore(); !ok || s != 4.0 || len(v.Checklist) != 3 {
		t.Errorf("saved checklist %+v scores %.1f, want 4.0 over three criteria", v.Checklist, s)
	}
	if a, _ := v.Assessed(data.Criteria()[1]); a.Score != 3 || a.Comment != "Two librarians, one trained in DL-318" {
		t.Errorf("second criterion saved as %+v", a)
	}
	if !slices.Equal(v.PeopleMet, []string{"王芳", "Li Ming"}) || v.Date != store.Today() || v.Kind != data.VisitAssessment ||
		!slices.Equal(v.Visitors, []string{store.DeviceLabel()}) {
		t.Errorf("saved visit %+v", v)
	}
	total, _ := store.Visits.Count()
	if s := h.Screen().(*Visits); s.index.Len() != total {
		t.Errorf("the list did not reload after the save: %q", s.count.Text)
	}
}

func TestVisitFollowUpDoneSurvivesReopeningTheStore(t *testing.T) {
	path := filepath.Join(t.TempDir(), "visits.db")
	store, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.LoadSample(store.Today()); err != nil {
		t.Fatal(err)
	}
	h := kittest.NewHost(t, store, kit.LangEnglish)
	w := h.Window()
	f := newVisitThroughList(t, h, "Hunan Library")
	test.Tap(kittest.FindButton(t, w.Canvas().Overlays().Top(), "Add follow-up"))
	test.Tap(kittest.FindButton(t, w.Canvas().Overlays().Top(), "Add follow-up"))
	if len(f.followUps) != 2 {
		t.Fatalf("Add follow-up twice gives %d rows", len(f.followUps))
	}
	first, second := f.followUps[0], f.followUps[1]
	test.Type(first.action, "Send the DL-318 enrolment link to the library staff")
	test.Type(first.owner, "Li Ming")
	first.due.SetText("2020-01-31")
	if !kittest.HasText(t, first.status, "Overdue") {
		t.Error("a follow-up due in 2020 and not done is not marked overdue")
	}
	test.TapAt(first.done, fyne.NewPos(10, first.done.Size().Height/2))
	if kittest.HasText(t, first.status, "Overdue") || !kittest.HasText(t, first.status, "Done on "+string(store.Today())) {
		t.Errorf("ticking done leaves %q", kittest.Texts(t, first.status))
	}
	test.Type(second.action, "Remove me")
	test.Tap(second.remove)
	if len(f.followUps) != 1 {
		t.Fatalf("removing a follow-up leaves %d rows", len(f.followUps))
	}
	h.Keys.Save()
	kittest.Settle(t)
	if h.Forms().Len() != 0 {
		t.Fatalf("the visit did not save: %q", kittest.Texts(t, w.Canvas().Overlays().Top()))
	}
	id := institutionNamed(t, store, "Hunan Library").ID
	if err := store.Close(); err != nil {
		t.Fatal(err)
	}

	again, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	vs := visitsOf(t, again, id)
	var saved *data.Visit
	for _, v := range vs {
		if len(v.FollowUps) == 1 && v.FollowUps[0].Owner == "Li Ming" {
			saved = v
		}
	}
	if saved == nil {
		t.Fatalf("after reopening, no visit of Hunan Library has the follow-up; visits: %d", len(vs))
	}
	fu := saved.FollowUps[0]
	if !fu.Done || fu.DoneOn != store.Today() || fu.Due != "2020-01-31" || fu.Action != "Send the DL-318 enrolment link to the library staff" {
		t.Errorf("after reopening the follow-up is %+v", fu)
	}
}

func TestVisitFormShowsProblemsBesideTheFieldsAndSavesNothing(t *testing.T) {
	store := kittest.SampleStore(t)
	h := kittest.NewHost(t, store, kit.LangEnglish)
	w := h.Window()
	count := func() int { n, _ := store.Visits.Count(); return n }
	before := count()
	f := newVisitThroughList(t, h, "Shanxi Library")
	test.Tap(kittest.FindButton(t, w.Canvas().Overlays().Top(), "Add follow-up"))
	f.followUps[0].owner.SetText("Li Ming") // an owner but no action
	test.Type(f.staff.entry, "abc")
	if got := f.form.Message("staff_count"); got != "must be a whole number" {
		t.Errorf("typing abc as the staff count shows %q at once, want must be a whole number", got)
	}
	h.Keys.Save()
	kittest.Settle(t)
	if h.Forms().Len() != 1 || count() != before {
		t.Fatal("an invalid visit was saved")
	}
	if got := f.followUps[0].field.Msg.Text; got != "Action: is required" || f.followUps[0].field.Msg.Hidden {
		t.Errorf("the empty action shows %q beside its row, want is required", got)
	}
	if got := f.form.Message("staff_count"); got != "must be a whole number" {
		t.Errorf("staff count abc shows %q", got)
	}

	f.staff.entry.SetText("2")
	f.t318.entry.SetText("5")
	f.followUps[0].action.SetText("Install PATENTSCOPE shortcuts on the reading-room workstations")
	f.date.SetText("2025-02-30")
	h.Keys.Save()
	kittest.Settle(t)
	if count() != before {
		t.Fatal("a visit with more staff trained than staff was saved")
	}
	if got := f.form.Message("staff_count"); got != "is less than the staff trained" {
		t.Errorf("5 trained of 2 staff shows %q beside the staff count", got)
	}
	if got := f.form.Message("date"); got != "is not a date of the form YYYY-MM-DD" {
		t.Errorf("2025-02-30 shows %q beside the date", got)
	}
	if !f.followUps[0].field.Msg.Hidden {
		t.Errorf("the follow-up's message stays after its action was filled: %q", f.followUps[0].field.Msg.Text)
	}

	test.Type(f.checklist[2].comment, "Two workstations only")
	f.staff.entry.SetText("6")
	f.date.SetDate(store.Today())
	h.Keys.Save()
	kittest.Settle(t)
	if count() != before || f.checklist[2].field.Msg.Text != "give a score, or clear the comment" {
		t.Errorf("a comment on an unscored criterion shows %q", f.checklist[2].field.Msg.Text)
	}
	test.Type(f.checklist[2].score, "2")
	h.Keys.Save()
	kittest.Settle(t)
	if count() != before+1 || h.Forms().Len() != 0 {
		t.Errorf("the corrected visit did not save")
	}
}

func TestVisitsListFiltersAndSorts(t *testing.T) {
	store := kittest.SampleStore(t)
	h := kittest.NewHost(t, store, kit.LangEnglish)
	w := h.Window()
	s := showVisits(t, h)
	all := s.index.Len()
	if all == 0 || len(s.shownRows()) != all || s.count.Text != strconv.Itoa(all)+" visits" {
		t.Fatalf("the list shows %d rows and %q, want all %d", len(s.shownRows()), s.count.Text, all)
	}
	rows := s.shownRows()
	for i := 1; i < len(rows); i++ {
		if rows[i-1].Date < rows[i].Date {
			t.Fatalf("the list does not open newest first: %s before %s", rows[i-1].Date, rows[i].Date)
		}
	}

	test.Type(s.search, "tongji")
	got := s.shownRows()
	if len(got) == 0 || len(got) == all {
		t.Fatalf("searching tongji shows %d of %d visits", len(got), all)
	}
	for _, r := range got {
		if r.InstitutionName != "同济大学" {
			t.Errorf("searching tongji shows a visit to %s", r.InstitutionName)
		}
	}
	if want := strconv.Itoa(len(got)) + " of " + strconv.Itoa(all) + " visits"; s.count.Text != want {
		t.Errorf("the count reads %q, want %q", s.count.Text, want)
	}
	s.search.SetText("")

	test.Tap(s.overdue)
	overdue := s.shownRows()
	if len(overdue) == 0 || len(overdue) == all {
		t.Fatalf("overdue only shows %d of %d visits: the sample should have some", len(overdue), all)
	}
	for _, r := range overdue {
		if r.Overdue == 0 {
			t.Errorf("overdue only shows the visit of %s with none overdue", r.Date)
		}
	}
	if !kittest.HasText(t, w.Content(), visitFollowUpText(overdue[0].Open, overdue[0].Overdue, len(overdue[0].FollowUps))) {
		t.Error("the follow-ups column does not show the overdue count")
	}
	test.Tap(s.overdue)

	kittest.TapHeader(s.table.Table, 1) // Institution
	rows = s.shownRows()
	for i := 1; i < len(rows); i++ {
		if rows[i-1].Institution != rows[i].Institution && slices.ContainsFunc(rows[:i-1], func(r *data.VisitRow) bool {
			return r.Institution == rows[i].Institution
		}) {
			t.Fatalf("sorted by institution, the visits of %s are not together", rows[i].InstitutionName)
		}
	}
	kittest.TapHeader(s.table.Table, 4) // Score
	rows = s.shownRows()
	for i := 1; i < len(rows); i++ {
		if rows[i-1].Overall > rows[i].Overall {
			t.Fatalf("sorted by score, %.1f comes before %.1f", rows[i-1].Overall, rows[i].Overall)
		}
	}

	s.kind.Set(data.VisitCeremony)
	for _, r := range s.shownRows() {
		if r.Kind != data.VisitCeremony {
			t.Errorf("the kind filter lets through a %s", r.Kind)
		}
	}
	s.kind.Set("")
	s.place.Set(visitPlace{region: data.RegionEast})
	for _, r := range s.shownRows() {
		if r.Region != data.RegionEast {
			t.Errorf("the East filter shows a visit in %s", r.Province)
		}
	}
	s.place.Set(visitPlace{})
	s.period.Set(kit.PeriodBetween)
	s.from.SetText("2999-01-01")
	if len(s.shownRows()) != 0 || s.empty.Hidden {
		t.Error("a period in the future shows visits, or no note that nothing matches")
	}
}

func TestVisitsListOnAnEmptyRegister(t *testing.T) {
	store, err := data.Open(filepath.Join(t.TempDir(), "empty.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	h := kittest.NewHost(t, store, kit.LangEnglish)
	s := showVisits(t, h)
	if s.empty.Hidden || !strings.Contains(s.empty.Text(), "New visit") || s.count.Text != "0 visits" {
		t.Errorf("an empty register shows %q (hidden %v), count %q", s.empty.Text(), s.empty.Hidden, s.count.Text)
	}
}

func TestVisitsCtrlNOpensTheFormAndEscapeClosesIt(t *testing.T) {
	store := kittest.SampleStore(t)
	h := kittest.NewHost(t, store, kit.LangEnglish)
	w := h.Window()
	showVisits(t, h)
	h.Keys.New()
	if h.Forms().Len() != 1 || !kittest.HasText(t, w.Canvas().Overlays().Top(), "New site visit") {
		t.Fatal("Ctrl+N on the visits does not open a new visit")
	}
	h.Keys.Escape()
	if h.Forms().Len() != 0 || w.Canvas().Overlays().Top() != nil {
		t.Fatal("Escape did not close the form")
	}
	h.Keys.New()
	f := kittest.OpenForm[*visitForm](t, h)
	// Escape while typing in the institution picker closes the form.
	f.institution.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if h.Forms().Len() != 0 || w.Canvas().Overlays().Top() != nil {
		t.Fatal("Escape did not close the form")
	}
	h.Keys.Find()
	if w.Canvas().Focused() != h.Screen().(*Visits).search {
		t.Error("Ctrl+F does not focus the search")
	}
}

func TestVisitFormOpensAnExistingVisitAndDeletesIt(t *testing.T) {
	store := kittest.SampleStore(t)
	h := kittest.NewHost(t, store, kit.LangEnglish)
	w := h.Window()
	s := showVisits(t, h)
	s.overdue.SetChecked(true)
	row := s.shownRows()[0]
	s.table.OnSelected(widget.TableCellID{Row: 0, Col: 1}) // a click on the row
	kittest.Settle(t)                                      // the institution's name
	f := kittest.OpenForm[*visitForm](t, h)
	if f == nil || f.institution.entry != nil || !kittest.HasText(t, f.institution.box, describeInstitutionOf(t, store, row.Institution)) {
		t.Fatal("an existing visit does not show its institution read-only")
	}
	if f.followSummary.Text == "" || !strings.Contains(f.followSummary.Text, "overdue") {
		t.Errorf("an overdue visit's follow-ups read %q", f.followSummary.Text)
	}
	marked := 0
	for _, r := range f.followUps {
		if kittest.HasText(t, r.status, "Overdue") {
			marked++
		}
	}
	if marked != row.Overdue {
		t.Errorf("%d follow-ups are marked overdue on the form, the list says %d", marked, row.Overdue)
	}
	before := s.index.Len()
	test.Tap(kittest.FindButton(t, w.Canvas().Overlays().Top(), "Delete this visit"))
	confirm := w.Canvas().Overlays().Top()
	test.Tap(kittest.FindButton(t, confirm, "Yes"))
	kittest.Settle(t)
	if _, err := store.Visits.Get(row.ID); err == nil {
		t.Fatal("the visit was not deleted")
	}
	if h.Forms().Len() != 0 || s.index.Len() != before-1 {
		t.Errorf("after the delete: %d forms open, %d visits listed (was %d)", h.Forms().Len(), s.index.Len(), before)
	}
}

func TestVisitFormInChinese(t *testing.T) {
	store := kittest.SampleStore(t)
	h := kittest.NewHost(t, store, kit.LangChinese)
	w := h.Window()
	s := showVisits(t, h)
	if !strings.HasSuffix(s.count.Text, "次考察") {
		t.Errorf("the Chinese count reads %q", s.count.Text)
	}
	s.table.OnSelected(widget.TableCellID{Row: 0, Col: 0})
	form := w.Canvas().Overlays().Top()
	for _, want := range []string{"日期", "考察人员", "会见人员", "评估清单", "综合评分", "专职人员", "建议", "考察发现", "后续行动", "管理层支持", "保存"} {
		if !kittest.HasText(t, form, want) {
			t.Errorf("the Chinese form lacks %q", want)
		}
	}
	if t.Failed() {
		t.Logf("texts: %q", strings.Join(kittest.Texts(t, form), " | "))
	}
}

func describeInstitutionOf(t *testing.T, store *data.Store, id data.ID) string {
	in, err := store.Institutions.Get(id)
	if err != nil {
		t.Fatal(err)
	}
	return describeInstitution(in)
}

func TestOpenVisitFormFromAnInstitutionPage(t *testing.T) {
	store := kittest.SampleStore(t)
	h := kittest.NewHost(t, store, kit.LangEnglish)
	lib := institutionNamed(t, store, "Shanxi Library")
	before := len(visitsOf(t, store, lib.ID))
	calls := 0
	// As the institution page's New visit does: institution, today, assessment, this device.
	v := &data.Visit{Institution: lib.ID, Date: store.Today(), Kind: data.VisitAssessment, Visitors: []string{store.DeviceLabel()}}
	openVisitForm(h, v, func() { calls++ })
	if h.Forms().Len() != 1 {
		t.Fatal("openVisitForm opened no form")
	}
	h.Keys.Escape()
	f := showVisitForm(h, v, func() { calls++ }) // the same form, returned to reach its fields
	kittest.Settle(t)                            // the institution's name
	if f.institution.entry != nil || !kittest.HasText(t, f.institution.box, describeInstitution(lib)) {
		t.Error("a pre-filled institution is not shown read-only by name")
	}
	test.Type(f.checklist[0].score, "3")
	h.Keys.Save()
	kittest.Settle(t)
	if calls != 1 || len(visitsOf(t, store, lib.ID)) != before+1 {
		t.Errorf("saving called saved %d times; visits %d, want %d", calls, len(visitsOf(t, store, lib.ID)), before+1)
	}
	if v.ID != data.NilID {
		t.Error("the form changed the caller's visit")
	}
}

// TestPrintVisitReportFromTheVisitForm asks the shell to print the report
// of the visit on the form (reportsview writes it, in the interface's
// language: see ui's TestShellPrintsTheVisitReportOfTheFormOnShow).
func TestPrintVisitReportFromTheVisitForm(t *testing.T) {
	store := kittest.SampleStore(t)
	h := kittest.NewHost(t, store, kit.LangChinese)
	visits, _ := store.Visits.Where(func(v *data.Visit) bool { return v.Counts() }) // a draft has no report yet
	v := visits[len(visits)-1]
	f := showVisitForm(h, v, nil)
	if f.print == nil {
		t.Fatal("a saved visit's form has no Print visit report button")
	}
	test.Tap(f.print)
	kittest.Settle(t)
	if len(h.Printed) != 1 || h.Printed[0] != v.ID {
		t.Fatalf("the shell was asked to print %v, want the visit %s", h.Printed, v.ID)
	}
	if showVisitForm(h, &data.Visit{}, nil).print != nil {
		t.Error("a new visit offers a report before it is saved")
	}
}
