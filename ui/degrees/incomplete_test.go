package degrees

import (
	"testing"

	"tiscdesk/data"
	"tiscdesk/ui/kit"
	"tiscdesk/ui/kit/kittest"
)

// A graduate without a graduation date (imported from a roster that did not
// give it: a missing fact is a warning, DESIGN section 5) is flagged on the
// cohort's page, in the student's row and in the student's form, in both
// languages, as a programme's card flags a missing partner; the flags go
// once the date is given.
func TestGraduateWithoutADateIsFlagged(t *testing.T) {
	for _, c := range []struct {
		code, page, cell, form string
	}{
		{kit.LangEnglish, "Incomplete: a graduate has no graduation date (open the student and give it).", "missing",
			"Incomplete: a graduate needs a graduation date."},
		{kit.LangChinese, "不完整：有 1 名毕业生没有毕业日期（请打开该学生填写）。", "缺失", "不完整：毕业生需要填写毕业日期。"},
	} {
		t.Run(c.code, func(t *testing.T) {
			store := kittest.SampleStore(t)
			h, s := degreesScreen(t, store, c.code)
			page := currentCohort(t, s)
			if kittest.HasText(t, page, c.page) {
				t.Fatal("the sample's cohort is flagged before any graduate lacks a date")
			}
			st := page.shownRows()[0].Student
			undated := *st
			undated.Status, undated.Graduated = data.StudentGraduated, ""
			if err := store.Students.Put(&undated); err != nil {
				t.Fatal(err)
			}
			s.reload()
			kittest.Settle(t)
			page = s.cohort
			if !kittest.HasText(t, page, c.page) || !page.incomplete.Visible() {
				t.Fatalf("the cohort's page does not say %q: %q", c.page, kittest.Texts(t, page))
			}
			var row *data.StudentRow
			for _, r := range page.shownRows() {
				if r.ID == st.ID {
					row = r
				}
			}
			cols := studentColumns()
			if text, alert := cols[6].Cell(row); text != c.cell || !alert {
				t.Errorf("the graduation date cell: %q, alert %v; want %q", text, alert, c.cell)
			}

			f := s.openStudentForm(page.row, row.Student)
			if !kittest.HasText(t, h.Window().Canvas().Overlays().Top(), c.form) {
				t.Errorf("the student's form does not say %q", c.form)
			}
			if d := f.graduated.Date(); d != "" {
				t.Errorf("the form proposes %s as the date nobody gave", d)
			}
			f.graduated.SetDate("2025-07-01")
			h.Keys.Save()
			kittest.Settle(t)
			page = s.cohort
			if h.Forms().Len() != 0 || kittest.HasText(t, page, c.page) || page.incomplete.Visible() {
				t.Fatalf("with a date: forms %d, the page says %q", h.Forms().Len(), kittest.Texts(t, page))
			}
			for _, r := range page.shownRows() {
				if text, _ := cols[6].Cell(r); r.ID == st.ID && text != "2025-07-01" {
					t.Errorf("the cell after the date is given: %q", text)
				}
			}
		})
	}
}
