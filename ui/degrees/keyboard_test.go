package degrees

import (
	"errors"
	"strings"
	"testing"

	"tiscdesk/data"
	"tiscdesk/ui/kit"
	"tiscdesk/ui/kit/kittest"
)

// TestCohortsAndStudentsByKeyboard: Delete on a cohort's students and on a
// programme's cohorts asks the question the student form's and the cohort
// page's Delete buttons ask, and deletes on yes.
func TestCohortsAndStudentsByKeyboard(t *testing.T) {
	store := kittest.SampleStore(t)
	h, s := degreesScreen(t, store, kit.LangEnglish)

	p := currentCohort(t, s)
	n := len(p.table.RowsShown())
	st, q := kittest.DeleteByKeyboard(t, h, p.table, func(r *data.StudentRow) bool {
		_, err := store.Students.Get(r.ID)
		return errors.Is(err, data.ErrNotFound)
	})
	if !strings.Contains(q, st.Name) {
		t.Errorf("the question %q does not name %s", q, st.Name)
	}
	if got := len(s.cohort.table.RowsShown()); got != n-1 {
		t.Errorf("the cohort shows %d students after the delete, want %d", got, n-1)
	}

	s.showList()
	kittest.Settle(t)
	table := kittest.First[*kit.RecordTable[*data.CohortRow]](t, s.list)
	if table == nil {
		t.Fatal("the programme list shows no cohorts")
	}
	c, q := kittest.DeleteByKeyboard(t, h, table, func(r *data.CohortRow) bool {
		_, err := store.Cohorts.Get(r.ID)
		return errors.Is(err, data.ErrNotFound)
	})
	if !strings.Contains(q, programmeName(c.Programme)) {
		t.Errorf("the question %q does not name the programme", q)
	}
}
