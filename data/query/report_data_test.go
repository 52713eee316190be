package query

import (
	"testing"
	"tiscdesk/data/model"
	"tiscdesk/data/store"
)

// TestEnrolmentFactsAgreeWithTheRecords reads the facts of plain records
// (the fast path), of records the scanner leaves to encoding/json (escaped
// text), and skips deleted ones.
func TestEnrolmentFactsAgreeWithTheRecords(t *testing.T) {
	s := openTemp(t)
	sess := &model.Session{Code: "101C26S1"}
	if err := s.Sessions.Put(sess); err != nil {
		t.Fatal(err)
	}
	in := []*model.Enrolment{
		{Session: sess.ID, Name: "王芳", Email: "wang.fang@example.cn", Gender: model.GenderFemale, Organisation: "湖南图书馆",
			Province: "CN-HN", Country: "CN", Status: model.StatusCompleted, Score: ptr(88.0)},
		{Session: sess.ID, Name: "Ana \"Ani\" Silva", Email: "ana@example.br", Organisation: "INPI \\ Rio\ttab",
			Country: "BR", Status: model.StatusWithdrawn},
		{Session: sess.ID, Name: "Gone", Email: "gone@example.org", Status: model.StatusActive},
	}
	for _, e := range in {
		if err := s.Enrolments.Put(e); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Enrolments.Delete(in[2].ID); err != nil {
		t.Fatal(err)
	}
	var got []EnrolmentFact
	err := s.View(func(tx *store.Tx) error {
		return EachEnrolmentFactIn(s, tx, func(f *EnrolmentFact) bool { got = append(got, *f); return true })
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("got %d facts, want the 2 live enrolments: %+v", len(got), got)
	}
	for i, e := range in[:2] {
		want := EnrolmentFact{Session: e.Session, Email: e.Email, Gender: e.Gender, Organisation: e.Organisation,
			Province: e.Province, Country: e.Country, Status: e.Status}
		if got[i] != want {
			t.Errorf("fact %d = %+v, want %+v", i, got[i], want)
		}
	}
	// fn returning false stops the walk.
	n := 0
	_ = s.View(func(tx *store.Tx) error {
		return EachEnrolmentFactIn(s, tx, func(*EnrolmentFact) bool { n++; return false })
	})
	if n != 1 {
		t.Errorf("the walk went on after fn said stop: %d calls", n)
	}
}
