package reports

import (
	"context"
	"maps"
	"testing"

	"tiscdesk/data"
)

// Forgetting a person (DESIGN section 14) keeps the DL report's figures:
// the totals, every session's, and those by course, language, gender,
// province and country, and the number of distinct participants. Only the
// ranking by organisation loses the forgotten person's organisation, which
// is what forget erases.
func TestForgetKeepsTheLearningReportsFigures(t *testing.T) {
	s := sampleStore(t)
	p := data.Period{From: "2000-01-01", To: "2100-12-31"}
	before, err := loadLearning(context.Background(), s, p)
	if err != nil {
		t.Fatal(err)
	}
	list, _ := s.Enrolments.List()
	n := map[string]int{}
	email := ""
	for _, e := range list {
		k := data.NormEmail(e.Email)
		if n[k]++; n[k] > n[email] {
			email = k
		}
	}
	if n[email] < 2 {
		t.Fatal("no participant with two enrolments in the sample")
	}
	if _, err := s.Forget(email); err != nil {
		t.Fatal(err)
	}
	after, err := loadLearning(context.Background(), s, p)
	if err != nil {
		t.Fatal(err)
	}
	if before.participants != after.participants || before.total != after.total {
		t.Errorf("participants %d -> %d, total %+v -> %+v", before.participants, after.participants, before.total, after.total)
	}
	if len(before.sessions) != len(after.sessions) {
		t.Fatalf("sessions %d -> %d", len(before.sessions), len(after.sessions))
	}
	for i := range before.sessions {
		if before.sessions[i].tally != after.sessions[i].tally {
			t.Errorf("session %s: %+v -> %+v", before.sessions[i].Code, before.sessions[i].tally, after.sessions[i].tally)
		}
	}
	same := func(what string, a, b map[string]tally) {
		if !maps.Equal(a, b) {
			t.Errorf("%s: %v -> %v", what, a, b)
		}
	}
	same("by course", talliesOf(before.byCourse), talliesOf(after.byCourse))
	same("by province", talliesOf(before.byProvince), talliesOf(after.byProvince))
	same("by country", talliesOf(before.byCountry), talliesOf(after.byCountry))
	same("by gender", talliesOf(before.byGender), talliesOf(after.byGender))
	same("by language", talliesOf(before.byLanguage), talliesOf(after.byLanguage))
}

func talliesOf[K ~string](m map[K]*tally) map[string]tally {
	out := map[string]tally{}
	for k, v := range m {
		out[string(k)] = *v
	}
	return out
}
