package learning

import (
	"errors"
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"tiscdesk/data"
	"tiscdesk/ui/kit"
	"tiscdesk/ui/kit/kittest"
)

// TestEnrolmentsByKeyboard: Tab reaches the enrolments, the arrows move the
// focus, Enter opens the enrolment's form, and Delete asks before deleting.
func TestEnrolmentsByKeyboard(t *testing.T) {
	store := kittest.SampleStore(t)
	h, s := learningScreen(t, store, kit.LangEnglish)
	c := h.Window().Canvas()
	l := s.enrolments
	rows := l.shownRows()
	if len(rows) < 3 {
		t.Fatalf("the sample has %d enrolments", len(rows))
	}

	kittest.TabTo(t, c, l.table)
	kittest.Press(c, fyne.KeyDown, fyne.KeyDown)
	if r, ok := l.table.FocusedRow(); !ok || r != rows[2] {
		t.Fatalf("after Down, Down the focus is on %v, want row 2 (%s)", r, rows[2].Name)
	}
	kittest.Press(c, fyne.KeyEnter)
	kittest.Settle(t)
	f := kittest.OpenForm[*enrolmentForm](t, h)
	if f.e.ID != rows[2].ID {
		t.Fatalf("Enter opened the enrolment of %s, want %s", f.e.Name, rows[2].Name)
	}
	f.dlg.Close()

	kittest.DeleteByKeyboard(t, h, l.table, func(r *data.EnrolmentRow) bool {
		_, err := store.Enrolments.Get(r.ID)
		return errors.Is(err, data.ErrNotFound)
	})
	if len(l.shownRows()) != len(rows)-1 {
		t.Errorf("the list shows %d enrolments after the delete, want %d", len(l.shownRows()), len(rows)-1)
	}
}

// TestSessionsCoursesAndParticipantByKeyboard: Delete on the sessions, the
// course catalogue and a participant's enrolments asks the question their
// forms' Delete buttons ask, and deletes on yes.
func TestSessionsCoursesAndParticipantByKeyboard(t *testing.T) {
	store := kittest.SampleStore(t)
	h, s := learningScreen(t, store, kit.LangEnglish)

	s.tabs.SelectIndex(1)
	kittest.Settle(t)
	n := len(s.sessions.table.RowsShown())
	sr, q := kittest.DeleteByKeyboard(t, h, s.sessions.table, func(sr *data.SessionRow) bool {
		_, err := store.Sessions.Get(sr.ID)
		return errors.Is(err, data.ErrNotFound)
	})
	if !strings.Contains(q, sr.Session.Code) {
		t.Errorf("the question %q does not name session %s", q, sr.Session.Code)
	}
	if got := len(s.sessions.table.RowsShown()); got != n-1 {
		t.Errorf("the sessions list shows %d rows after the delete, want %d", got, n-1)
	}

	s.tabs.SelectIndex(2)
	kittest.Settle(t)
	c, q := kittest.DeleteByKeyboard(t, h, s.courses.table, func(c *data.CourseRow) bool {
		_, err := store.Courses.Get(c.ID)
		return errors.Is(err, data.ErrNotFound)
	})
	if !strings.Contains(q, c.Label()) {
		t.Errorf("the question %q does not name course %s", q, c.Label())
	}

	s.tabs.SelectIndex(0)
	kittest.Settle(t)
	var email string
	for _, r := range s.enrolments.shownRows() {
		if len(s.index.Participant(r.Email)) >= 3 {
			email = r.Email
			break
		}
	}
	if email == "" {
		t.Fatal("the sample has no participant with three enrolments")
	}
	s.showParticipant(email)
	kittest.Settle(t)
	table := kittest.First[*kit.RecordTable[*data.EnrolmentRow]](t, s.participant)
	if table == nil {
		t.Fatal("the participant's page has no list of enrolments")
	}
	kittest.DeleteByKeyboard(t, h, table, func(r *data.EnrolmentRow) bool {
		_, err := store.Enrolments.Get(r.ID)
		return errors.Is(err, data.ErrNotFound)
	})
}
