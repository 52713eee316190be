package institutions

import (
	"errors"
	"strings"
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

	kittest.DeleteByKeyboard(t, h, s.table, func(r *data.InstitutionRow) bool {
		_, err := store.Institutions.Get(r.ID)
		return errors.Is(err, data.ErrNotFound)
	})
	if len(s.shownRows()) != len(rows)-1 {
		t.Errorf("the register shows %d rows after the delete, want %d", len(s.shownRows()), len(rows)-1)
	}
}

// TestVisitsByKeyboard: Delete on the list of visits asks the question the
// visit form's Delete button asks, and deletes on yes.
func TestVisitsByKeyboard(t *testing.T) {
	store := kittest.SampleStore(t)
	h, _ := kittest.Open(t, store, kit.LangEnglish, NewRegister)
	s := showVisits(t, h)
	n := len(s.shownRows())
	v, q := kittest.DeleteByKeyboard(t, h, s.table, func(r *data.VisitRow) bool {
		_, err := store.Visits.Get(r.ID)
		return errors.Is(err, data.ErrNotFound)
	})
	if !strings.Contains(q, v.InstitutionName) {
		t.Errorf("the question %q does not name %s", q, v.InstitutionName)
	}
	if got := len(s.shownRows()); got != n-1 {
		t.Errorf("the list shows %d visits after the delete, want %d", got, n-1)
	}
}
