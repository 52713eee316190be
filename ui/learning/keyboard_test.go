package learning

import (
	"errors"
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

	asked := ""
	h.Desktop.Answer = func(title, question string, yes func()) { asked = question; yes() }
	kittest.TabTo(t, c, l.table)
	kittest.Press(c, fyne.KeyDown)
	victim, _ := l.table.FocusedRow()
	kittest.Press(c, fyne.KeyDelete)
	kittest.Settle(t)
	if asked == "" {
		t.Fatal("Delete deleted without asking")
	}
	if _, err := store.Enrolments.Get(victim.ID); !errors.Is(err, data.ErrNotFound) {
		t.Fatalf("after the yes to %q, the enrolment of %s is still there (%v)", asked, victim.Name, err)
	}
	if len(l.shownRows()) != len(rows)-1 {
		t.Errorf("the list shows %d enrolments after the delete, want %d", len(l.shownRows()), len(rows)-1)
	}
}
