package institutions

import (
	"math"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"tiscdesk/ui/kit"
	"tiscdesk/ui/kit/kittest"
)

func TestVisitSavedAsDraftWithATypedPosition(t *testing.T) {
	store := kittest.SampleStore(t)
	h := kittest.NewHost(t, store, kit.LangEnglish)
	w := h.Window()
	guizhou := institutionNamed(t, store, "Guizhou University")
	before := len(visitsOf(t, store, guizhou.ID))

	f := newVisitThroughList(t, h, "guizhou")
	test.Type(f.position, "Guiyang")
	h.Keys.Save()
	kittest.Settle(t)
	if h.Forms().Len() != 1 || !kittest.HasText(t, w.Canvas().Overlays().Top(), positionProblem()) {
		t.Fatalf("a position of \"Guiyang\" was not refused beside the field: %q", kittest.Texts(t, w.Canvas().Overlays().Top()))
	}
	f.position.SetText(`26°26'46"N 106°39'33"E`)
	if got := f.positionShown.Text; got != `26.44611° N, 106.65917° E   26°26'46.0"N 106°39'33.0"E` {
		t.Errorf("the typed position reads back as %q", got)
	}
	f.date.SetText("")
	test.Tap(f.draft)
	h.Keys.Save()
	kittest.Settle(t)
	if h.Forms().Len() != 0 {
		t.Fatalf("a draft with no date was not saved: %q", kittest.Texts(t, w.Canvas().Overlays().Top()))
	}
	vs := visitsOf(t, store, guizhou.ID)
	if len(vs) != before+1 {
		t.Fatalf("Guizhou University has %d visits, want %d", len(vs), before+1)
	}
	v := vs[len(vs)-1]
	if !v.Draft || v.Position == nil || math.Abs(v.Position.Lat-26.44611) > 1e-4 || math.Abs(v.Position.Lon-106.65917) > 1e-4 {
		t.Fatalf("saved draft %v at %+v; want a draft at 26.44611, 106.65917", v.Draft, v.Position)
	}

	s := showVisits(t, h)
	marked := false
	for _, r := range s.table.RowsShown() {
		if text, alert := s.cols[3].Cell(r); r.ID == v.ID {
			marked = text == "Draft: Assessment" && alert
		}
	}
	if !marked {
		t.Error("the list of visits does not mark the draft")
	}
	r := NewRegister(h)
	h.Show(r)
	kittest.Settle(t)
	r.open(guizhou.ID)
	kittest.Settle(t)
	if !slices.ContainsFunc(kittest.Texts(t, r.page), func(s string) bool { return strings.HasSuffix(s, "Draft: Assessment") }) {
		t.Error("the institution's page does not mark the draft")
	}

	// Reopened, it shows its position; finishing it needs a date and kind.
	f = showVisitForm(h, v, nil)
	if f.position.Text == "" || !f.draft.Checked || !f.print.Disabled() {
		t.Errorf("the reopened draft shows position %q, draft %v, print enabled %v", f.position.Text, f.draft.Checked, !f.print.Disabled())
	}
	test.Tap(f.draft)
	h.Keys.Save()
	kittest.Settle(t)
	if h.Forms().Len() != 1 {
		t.Fatal("a visit with no date was finished")
	}
	f.date.SetText("2026-11-20")
	f.kind.Set("assessment")
	h.Keys.Save()
	kittest.Settle(t)
	if h.Forms().Len() != 0 {
		t.Fatalf("finishing the draft failed: %q", kittest.Texts(t, w.Canvas().Overlays().Top()))
	}
	if got, _ := store.Visits.Get(v.ID); got.Draft || got.Date != "2026-11-20" || got.Position == nil {
		t.Errorf("finished visit: draft %v, date %s, position %v", got.Draft, got.Date, got.Position)
	}
}
