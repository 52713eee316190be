package degrees

import (
	"maps"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"tiscdesk/data"
	"tiscdesk/data/datatest"
	"tiscdesk/ui/kit"
	"tiscdesk/ui/kit/kittest"
)

// A student's form forgets the person after asking: afterwards no stored
// record holds their email or name, the cohort's figures are as they were,
// and the student is still counted under an identity of their own.
func TestForgetThisPersonFromTheStudentForm(t *testing.T) {
	store := kittest.SampleStore(t)
	h, s := degreesScreen(t, store, kit.LangEnglish)
	page := currentCohort(t, s)
	// A student whose name nobody else bears, in any record.
	all, _ := store.Students.List()
	enrolments, _ := store.Enrolments.List()
	bearers := map[string]map[string]bool{}
	bear := func(name, email string) {
		if bearers[name] == nil {
			bearers[name] = map[string]bool{}
		}
		bearers[name][data.NormEmail(email)] = true
	}
	for _, st := range all {
		bear(st.Name, st.Email)
	}
	for _, e := range enrolments {
		bear(e.Name, e.Email)
	}
	var st *data.StudentRow
	for _, r := range page.shownRows() {
		if r.Email != "" && len(bearers[r.Name]) == 1 && r.Thesis == "" {
			st = r
			break
		}
	}
	if st == nil {
		t.Fatal("the current cohort has no student with an email and a name of their own")
	}
	email, name := data.NormEmail(st.Email), st.Name
	// The thesis is erased too: give one, so the check below can see it go.
	withThesis := *st.Student
	withThesis.Thesis, withThesis.Supervisor = "Patent landscapes of "+name, "Prof. Qian"
	if err := store.Students.Put(&withThesis); err != nil {
		t.Fatal(err)
	}
	s.reload()
	kittest.Settle(t)
	figures, totals := figureValues(page), s.index.Totals
	students, _ := store.Students.Count()

	s.openStudentForm(page.row, &withThesis)
	kittest.OpenForm[*studentForm](t, h)
	var question string
	h.Desktop.Answer = func(_, q string, yes func()) { question = q; yes() }
	test.Tap(kittest.FindButton(t, h.Window().Canvas().Overlays().Top(), "Forget this person"))
	kittest.Settle(t)
	for _, want := range []string{"Forget " + email + "?", "the name " + name + " and the email " + email,
		"on 1 student record: name, email, thesis title, supervisor", "Kept: session or cohort"} {
		if !strings.Contains(question, want) {
			t.Errorf("the question does not say %q:\n%s", want, question)
		}
	}
	if h.Forms().Len() != 0 {
		t.Error("the form of the forgotten student stays open")
	}
	for k, v := range datatest.Snapshot(t, store.Store) {
		for _, w := range []string{email, name, withThesis.Thesis, withThesis.Supervisor} {
			if strings.Contains(v, w) {
				t.Errorf("after forgetting, %s holds %q", k, w)
			}
		}
	}
	if got := figureValues(page); !maps.Equal(got, figures) {
		t.Errorf("the cohort's figures changed: %v, were %v", got, figures)
	}
	if s.index.Totals.Students != totals.Students || s.index.Totals.Graduated != totals.Graduated {
		t.Errorf("the totals changed: %+v, were %+v", s.index.Totals, totals)
	}
	got, err := store.Students.Get(st.ID)
	if err != nil || !data.IsForgotten(got.Email) || got.Name != got.Email || got.Thesis != "" || got.Supervisor != "" ||
		got.Status != st.Status || got.Gender != st.Gender || got.Nationality != st.Nationality || got.Cohort != st.Cohort {
		t.Errorf("the forgotten student: %+v (%v), was %+v", got, err, st.Student)
	}
	if n, _ := store.Students.Count(); n != students {
		t.Errorf("students %d -> %d", students, n)
	}
	// The form of a forgotten student offers nothing more to forget.
	s.openStudentForm(page.row, got)
	kittest.OpenForm[*studentForm](t, h)
	if kittest.HasText(t, h.Window().Canvas().Overlays().Top(), "Forget this person") {
		t.Error("a forgotten student's form offers to forget them again")
	}
}
