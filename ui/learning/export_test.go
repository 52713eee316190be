package learning

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"tiscdesk/ui/kit"
	"tiscdesk/ui/kit/kittest"
)

// The enrolments hold the participants' personal data: Export… says so and
// what it is before asking where to save; saying no saves nothing, going on
// saves the list.
func TestExportOfEnrolmentsSaysItHoldsPersonalData(t *testing.T) {
	store := kittest.SampleStore(t)
	h, s := learningScreen(t, store, kit.LangEnglish)
	var title, asked string
	h.Desktop.Answer = func(t, q string, _ func()) { title, asked = t, q }
	test.Tap(kittest.FindButton(t, s, "Export…"))
	kittest.Settle(t)
	if title != "Personal data" || !strings.Contains(asked, "personal data: the names, emails, organisations, genders, scores and certificate numbers of the participants") {
		t.Fatalf("export asked %q: %q", title, asked)
	}
	if len(h.Desktop.Saved) != 0 {
		t.Fatalf("saying no saved %q", h.Desktop.Saved)
	}
	h.Desktop.Answer = func(_, _ string, yes func()) { yes() }
	h.Desktop.SaveAs = "enrolments.csv"
	test.Tap(kittest.FindButton(t, s, "Export…"))
	kittest.Settle(t)
	if len(h.Desktop.Saved) != 1 {
		t.Fatalf("going on saved %q", h.Desktop.Saved)
	}
	raw, _ := os.ReadFile(h.Desktop.Saved[0])
	if first := s.enrolments.shownRows()[0]; !bytes.Contains(raw, []byte(first.Email)) {
		t.Errorf("the file saved does not hold the enrolments (%d bytes)", len(raw))
	}
}
