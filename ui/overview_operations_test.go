package ui

import (
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"tiscdesk/data"
	"tiscdesk/ui/kit"
	"tiscdesk/ui/kit/kittest"
)

// A coordinator opens an institution of the pipeline (returns come from any
// stage), enters last year's return through the form, sees it on the
// institution's page, and the Overview's count of last year's returns and
// its inquiries go up.
func TestYearlyReturnThroughTheWindowChangesThePageAndTheOverview(t *testing.T) {
	store := kittest.SampleStore(t)
	lastYear := store.Today().Year() - 1
	before, err := store.YearTotals(lastYear)
	if err != nil || before.Returns == 0 {
		t.Fatalf("the sample should have returns for %d: %+v %v", lastYear, before, err)
	}
	sh, w := newTestShell(t, store, kit.LangEnglish)
	ov := waitOverview(t, sh)
	if got := ov.operations.total.Value(); got != strconv.Itoa(before.Returns) {
		t.Fatalf("the Overview shows %s returns for %d, the store has %d", got, lastYear, before.Returns)
	}

	// An institution without returns, in the register's list.
	withReturns := map[data.ID]bool{}
	all, _ := store.Statistics.List()
	for _, r := range all {
		withReturns[r.Institution] = true
	}
	sh.ShowSection("institutions")
	kittest.Settle(t)
	var list *kit.RecordTable[*data.InstitutionRow]
	kittest.WalkObjects(t, w.Content(), func(o fyne.CanvasObject) {
		if tbl, ok := o.(*kit.RecordTable[*data.InstitutionRow]); ok && list == nil {
			list = tbl
		}
	})
	if list == nil {
		t.Fatal("the Institutions section shows no register")
	}
	var row *data.InstitutionRow
	for _, r := range list.RowsShown() {
		if !withReturns[r.ID] {
			row = r
			break
		}
	}
	if row == nil {
		t.Fatal("every institution of the sample has a return")
	}
	kittest.OpenRow(t, list, row)
	kittest.Settle(t)
	if !kittest.HasText(t, w.Content(), "No yearly returns yet. New yearly return records one, or import a spreadsheet from the register.") {
		t.Fatal("the page of an institution without returns does not say so")
	}
	test.Tap(kittest.FindButton(t, w.Content(), "New yearly return"))
	kittest.Settle(t)
	dlg := w.Canvas().Overlays().Top()
	if dlg == nil {
		t.Fatal("no form opened")
	}
	// The form's entries in order: the year, then the figures of DESIGN
	// section 12 (inquiries first), then the notes.
	var entries []*kit.FormEntry
	kittest.WalkObjects(t, dlg, func(o fyne.CanvasObject) {
		if e, ok := o.(*kit.FormEntry); ok {
			entries = append(entries, e)
		}
	})
	if len(entries) < 3 || entries[0].Text != strconv.Itoa(lastYear) {
		t.Fatalf("the form proposes the year %q, want %d (%d entries)", entries[0].Text, lastYear, len(entries))
	}
	test.Type(entries[1], "4321")
	test.Tap(kittest.FindButton(t, dlg, "Save"))
	kittest.Settle(t)
	if sh.forms.Len() != 0 {
		t.Fatal("the form stayed open")
	}
	kittest.Settle(t)
	if !kittest.HasText(t, w.Content(), strconv.Itoa(lastYear)) || !kittest.HasText(t, w.Content(), "4321") {
		t.Error("the institution's page does not show the new return")
	}

	sh.ShowSection("overview")
	ov = waitOverview(t, sh)
	if got := ov.operations.total.Value(); got != kit.Number(before.Returns+1) {
		t.Errorf("the Overview shows %s returns for %d after one more, want %d", got, lastYear, before.Returns+1)
	}
	want := kit.Number(before.Total.Inquiries+4321) + " inquiries"
	found := false
	for _, s := range kittest.Texts(t, w.Content()) {
		found = found || strings.Contains(s, want)
	}
	if !found {
		t.Errorf("the Overview does not say %q", want)
	}
}
