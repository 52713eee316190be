package exchange

import (
	"fmt"
	"slices"
	"testing"
	"tiscdesk/data/datatest"
	"tiscdesk/data/model"
	"tiscdesk/data/store"
)

// The sample is clean: no false alarms.
func TestTheSampleHasNoDuplicates(t *testing.T) {
	s := openTemp(t)
	loadSample(t, s, sampleToday)
	groups, err := FindDuplicates(s)
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range groups {
		t.Errorf("the sample's %s listed as duplicates (%s): %v", g.Kind, g.Reason, g.Records)
	}
}

// plantDuplicates adds near matches to the sample's database and returns
// the groups FindDuplicates must list, as "kind reason name|name".
func plantDuplicates(t testing.TB, s *store.Store) []string {
	t.Helper()
	put := func(in *model.Institution) {
		in.Type, in.Stage = model.TypeUniversity, model.StageCandidate
		if err := s.Institutions.Put(in); err != nil {
			t.Fatal(err)
		}
	}
	put(&model.Institution{LocalName: "同济大学图书馆", Province: "CN-SH"})                                // 同济大学 inside
	put(&model.Institution{LocalName: "上海同济", EnglishName: "Tongji University", Province: "CN-SH"}) // the English name of 同济大学
	put(&model.Institution{LocalName: "Shanghai Technology Library", Province: "CN-SH"})
	put(&model.Institution{LocalName: "Shanghai Tecnology Librery", Province: "CN-SH"}) // two letters off
	put(&model.Institution{LocalName: "华中科技大学 ", Province: "CN-HB"})                    // the same key as the sample's
	g := &model.Programme{Name: "WIPO-Tongji Master of IP", Partner: "Tongji University"}
	if err := s.Programmes.Put(g); err != nil {
		t.Fatal(err)
	}
	return []string{
		"institutions name_inside 同济大学|同济大学图书馆",
		"institutions same_english_name 同济大学|上海同济",
		"institutions edit_distance Shanghai Technology Library|Shanghai Tecnology Librery",
		"institutions same_key 华中科技大学|华中科技大学 ",
	}
}

func groupText(g DuplicateGroup) string {
	names := ""
	for i, r := range g.Records {
		if i > 0 {
			names += "|"
		}
		names += r.Name
	}
	return fmt.Sprintf("%s %s %s", g.Kind, g.Reason, names)
}

func TestPlantedNearMatchesAreListed(t *testing.T) {
	s := openTemp(t)
	loadSample(t, s, sampleToday)
	want := plantDuplicates(t, s)
	groups, err := FindDuplicates(s)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, g := range groups {
		got = append(got, groupText(g))
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("groups:\n%q\nwant\n%q", got, want)
	}
}

func TestOneEmailUnderTwoNamesInTwoSessions(t *testing.T) {
	s := openTemp(t)
	loadSample(t, s, sampleToday)
	addSession(t, s, "318C19S1", "wang.fang@example.cn")
	addSession(t, s, "320C19S1", "Wang.Fang@example.cn")
	var ids []model.ID
	if err := s.Update(func(tx *store.Tx) error {
		return s.Enrolments.EachIn(tx, func(e *model.Enrolment) bool {
			if model.NormEmail(e.Email) == "wang.fang@example.cn" {
				ids = append(ids, e.ID)
			}
			return true
		})
	}); err != nil {
		t.Fatal(err)
	}
	e, err := s.Enrolments.Get(ids[1])
	if err != nil {
		t.Fatal(err)
	}
	e.Name = "王芳"
	if err := s.Enrolments.Put(e); err != nil {
		t.Fatal(err)
	}
	groups, err := FindDuplicates(s)
	if err != nil {
		t.Fatal(err)
	}
	if len(groups) != 1 || groups[0].Reason != SameEmail || len(groups[0].Records) != 2 || groups[0].Mergeable() {
		t.Fatalf("groups %+v, want the two enrolments of wang.fang@example.cn, not mergeable", groups)
	}
}

// Ten years of enrolments (200,000) and the sample's other records.
func BenchmarkFindDuplicates(b *testing.B) {
	s := datatest.Enrolments(b, 200_000, 7)
	loadSample(b, s, sampleToday)
	b.ResetTimer()
	for b.Loop() {
		if _, err := FindDuplicates(s); err != nil {
			b.Fatal(err)
		}
	}
}

// A group a person said is not one thing is not listed again.
func TestDismissedDuplicatesAreNotListedAgain(t *testing.T) {
	s := openTemp(t)
	loadSample(t, s, sampleToday)
	plantDuplicates(t, s)
	groups, err := FindDuplicates(s)
	if err != nil || len(groups) < 2 {
		t.Fatalf("groups %v, %v", groups, err)
	}
	if err := DismissDuplicates(s, groups[0]); err != nil {
		t.Fatal(err)
	}
	after, err := FindDuplicates(s)
	if err != nil {
		t.Fatal(err)
	}
	if len(after) != len(groups)-1 || slices.ContainsFunc(after, func(g DuplicateGroup) bool { return groupText(g) == groupText(groups[0]) }) {
		t.Errorf("after dismissing %q: %d groups (was %d)", groupText(groups[0]), len(after), len(groups))
	}
}

// The Overview's count of possible duplicates finds them again only after
// a write: a dismissal takes its group off, a new near match adds one,
// and showing the Overview again without a change reads nothing.
func TestDuplicateCountFindsAgainOnlyAfterAWrite(t *testing.T) {
	s := openTemp(t)
	loadSample(t, s, sampleToday)
	want := len(plantDuplicates(t, s))
	var c DuplicateCount
	count := func(wantN, wantFinds int, what string) {
		t.Helper()
		n, err := c.Of(s)
		if err != nil {
			t.Fatal(err)
		}
		if n != wantN || c.finds != wantFinds {
			t.Errorf("%s: %d groups after %d finds, want %d after %d", what, n, c.finds, wantN, wantFinds)
		}
	}
	count(want, 1, "first count")
	count(want, 1, "again, nothing changed")
	groups, err := FindDuplicates(s)
	if err != nil {
		t.Fatal(err)
	}
	if err := DismissDuplicates(s, groups[0]); err != nil {
		t.Fatal(err)
	}
	count(want-1, 2, "after a dismissal")
	if err := s.Institutions.Put(&model.Institution{LocalName: "Shanghai Technology Librari", Type: model.TypeUniversity, Province: "CN-SH", Stage: model.StageCandidate}); err != nil {
		t.Fatal(err)
	}
	n, err := c.Of(s)
	if err != nil || n <= want-1 || c.finds != 3 {
		t.Errorf("after a new near match: %d groups after %d finds (%v), want more than %d after 3", n, c.finds, err, want-1)
	}
	count(n, 3, "again, nothing changed")
}

// The Overview shown again on ten years of enrolments, nothing changed.
func BenchmarkDuplicateCountUnchanged(b *testing.B) {
	s := datatest.Enrolments(b, 200_000, 7)
	loadSample(b, s, sampleToday)
	var c DuplicateCount
	if _, err := c.Of(s); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := c.Of(s); err != nil {
			b.Fatal(err)
		}
	}
}
