package institutions

import (
	"errors"
	"testing"

	"fyne.io/fyne/v2"

	"tiscdesk/data"
	"tiscdesk/ui/kit"
	"tiscdesk/ui/kit/kittest"
)

// TestRegisterByKeyboard: Tab reaches the register, the arrows move the
// focus down the rows, Enter opens the row's institution, and Delete asks
// before deleting it.
func TestRegisterByKeyboard(t *testing.T) {
	store := kittest.SampleStore(t)
	h, s := kittest.Open(t, store, kit.LangEnglish, NewRegister)
	c := h.Window().Canvas()
	rows := s.shownRows()
	if len(rows) < 3 {
		t.Fatalf("the sample register has %d rows", len(rows))
	}

	kittest.TabTo(t, c, s.table)
	kittest.Press(c, fyne.KeyDown, fyne.KeyDown, fyne.KeyUp, fyne.KeyDown, fyne.KeyDown)
	if r, ok := s.table.FocusedRow(); !ok || r != rows[3] {
		t.Fatalf("after Down, Down, Up, Down, Down the focus is on %v, want row 3 (%s)", r, rows[3].DisplayName())
	}
	kittest.Press(c, fyne.KeyReturn)
	kittest.Settle(t)
	if s.page == nil || s.page.id != rows[3].ID {
		t.Fatalf("Enter did not open %s", rows[3].DisplayName())
	}
	s.showList()
	kittest.Settle(t)

	asked := ""
	h.Desktop.Answer = func(title, question string, yes func()) { asked = question; yes() }
	kittest.TabTo(t, c, s.table)
	kittest.Press(c, fyne.KeyDown)
	victim, _ := s.table.FocusedRow()
	kittest.Press(c, fyne.KeyDelete)
	kittest.Settle(t)
	if asked == "" {
		t.Fatal("Delete deleted without asking")
	}
	if _, err := store.Institutions.Get(victim.ID); err == nil {
		t.Fatalf("after the yes to %q, %s is still in the database", asked, victim.DisplayName())
	} else if !errors.Is(err, data.ErrNotFound) {
		t.Fatal(err)
	}
	if len(s.shownRows()) != len(rows)-1 {
		t.Errorf("the register shows %d rows after the delete, want %d", len(s.shownRows()), len(rows)-1)
	}
}
