package learning

import (
	"fmt"
	"maps"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"tiscdesk/data"
	"tiscdesk/data/datatest"
	"tiscdesk/ui/kit"
	"tiscdesk/ui/kit/kittest"
)

// dlFigures are the facts the Distance learning report counts, tallied:
// enrolments per session by gender, province, country and status, and the
// number of distinct participants.
func dlFigures(t *testing.T, store *data.Store) map[string]int {
	t.Helper()
	out := map[string]int{}
	people := map[string]bool{}
	err := store.View(func(tx *data.Tx) error {
		return store.EachEnrolmentFactIn(tx, func(f *data.EnrolmentFact) bool {
			out[fmt.Sprintf("%s %s %s %s %s", f.Session, f.Gender, f.Province, f.Country, f.Status)]++
			people[data.NormEmail(f.Email)] = true
			return true
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	out["participants"] = len(people)
	return out
}

// holding lists the stored records (every bucket: records, history,
// conflicts) whose bytes hold any of what.
func holding(t *testing.T, store *data.Store, what ...string) []string {
	t.Helper()
	var out []string
	for k, v := range datatest.Snapshot(t, store.Store) {
		for _, w := range what {
			if strings.Contains(v, w) {
				out = append(out, k+" holds "+w)
			}
		}
	}
	return out
}

// A participant's page forgets the person after asking, saying what goes
// and what stays: afterwards no stored record holds their email or name,
// and the figures of the Distance learning report are as they were.
func TestForgetThisPersonFromTheParticipantPage(t *testing.T) {
	store := kittest.SampleStore(t)
	h, s := learningScreen(t, store, kit.LangEnglish)
	// Someone with several enrolments whose name nobody else bears (the
	// sample has people of the same name: they keep it).
	emails, names := map[string]int{}, map[string]map[string]bool{}
	for _, r := range s.enrolments.shownRows() {
		e := data.NormEmail(r.Email)
		emails[e]++
		if names[r.Name] == nil {
			names[r.Name] = map[string]bool{}
		}
		names[r.Name][e] = true
	}
	var email, name string
	for _, r := range s.enrolments.shownRows() {
		if e := data.NormEmail(r.Email); emails[e] > 1 && len(names[r.Name]) == 1 && emails[e] > emails[email] {
			email, name = e, r.Name
		}
	}
	if email == "" {
		t.Fatal("the sample has nobody of a name of their own in two sessions")
	}
	// The person is also an institution's contact, so the question names it.
	insts, _ := store.Institutions.List()
	insts[0].Contacts = append(insts[0].Contacts, data.Contact{Name: name, Email: email})
	if err := store.Institutions.Put(insts[0]); err != nil {
		t.Fatal(err)
	}
	s.reload()
	kittest.Settle(t)
	if len(holding(t, store, email)) < emails[email]+1 {
		t.Fatalf("set-up: the email is only in %v", holding(t, store, email))
	}
	figures, counts := dlFigures(t, store), sessionStats(s)

	s.showParticipant(email)
	kittest.Settle(t)
	if s.participant == nil {
		t.Fatal("the participant page did not open")
	}
	// Saying no erases nothing.
	var question string
	h.Desktop.Answer = func(_, q string, _ func()) { question = q }
	test.Tap(kittest.FindButton(t, s.participant, "Forget this person"))
	kittest.Settle(t)
	for _, want := range []string{"Forget " + email + "?", "the name " + name + " and the email " + email,
		fmt.Sprintf("on %d enrolments: name, email, organisation, certificate number", emails[email]),
		"1 contact of an institution", "Kept: session or cohort, gender, province, country, status, score and dates"} {
		if !strings.Contains(question, want) {
			t.Errorf("the question does not say %q:\n%s", want, question)
		}
	}
	if len(holding(t, store, email)) == 0 {
		t.Fatal("saying no erased the person")
	}

	h.Desktop.Answer = func(_, _ string, yes func()) { yes() }
	test.Tap(kittest.FindButton(t, s.participant, "Forget this person"))
	kittest.Settle(t)
	if left := holding(t, store, email, name); len(left) > 0 {
		t.Errorf("after forgetting, the database still holds the person: %v", left)
	}
	if got := dlFigures(t, store); !maps.Equal(got, figures) {
		t.Errorf("the report's figures changed: %v, were %v", got, figures)
	}
	if got := sessionStats(s); !maps.EqualFunc(got, counts, func(a, b string) bool { return a == b }) {
		t.Errorf("the sessions' figures changed")
	}
	if s.participant != nil {
		t.Error("the page of a person no longer recorded stays open")
	}
	said := strings.Join(kittest.Texts(t, h.Window().Canvas().Overlays().Top()), "\n")
	if !strings.Contains(said, email+" was forgotten: the records now carry forgotten:") {
		t.Errorf("the window does not say the person was forgotten: %q", said)
	}
	left, _ := store.Enrolments.Where(func(e *data.Enrolment) bool { return data.IsForgotten(e.Email) })
	if len(left) != emails[email] {
		t.Errorf("%d enrolments carry a forgotten identity, want %d", len(left), emails[email])
	}
	// The page of the forgotten identity offers nothing more to forget.
	s.showParticipant(left[0].Email)
	kittest.Settle(t)
	if b := kittest.FindButton(t, s.participant, "Forget this person"); b.Visible() {
		t.Error("a forgotten person's page offers to forget them again")
	}
}

// sessionStats are the figures of every session as the Sessions tab shows
// them.
func sessionStats(s *Screen) map[string]string {
	out := map[string]string{}
	for _, sr := range s.index.Sessions {
		out[sr.Session.Code] = fmt.Sprint(sr.Stats.Enrolments, sr.Stats.ByStatus, sr.Stats.ByGender, sr.Stats.Scored, sr.Stats.ScoreSum, sr.Stats.Certified)
	}
	return out
}
