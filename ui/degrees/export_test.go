package degrees

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"tiscdesk/ui/kit"
	"tiscdesk/ui/kit/kittest"
)

// The students' list holds their personal data: Export… says so before
// asking where to save, and saves only when the user goes on.
func TestExportOfStudentsSaysItHoldsPersonalData(t *testing.T) {
	store := kittest.SampleStore(t)
	h, s := degreesScreen(t, store, kit.LangEnglish)
	var asked string
	h.Desktop.Answer = func(_, q string, _ func()) { asked = q }
	test.Tap(kittest.FindButton(t, s, "Export…"))
	kittest.Settle(t)
	if !strings.Contains(asked, "personal data: the names, emails, genders, nationalities, thesis titles and supervisors of the students") || len(h.Desktop.Saved) != 0 {
		t.Fatalf("export asked %q and saved %q", asked, h.Desktop.Saved)
	}
	h.Desktop.Answer = func(_, _ string, yes func()) { yes() }
	h.Desktop.SaveAs = "students.csv"
	test.Tap(kittest.FindButton(t, s, "Export…"))
	kittest.Settle(t)
	students, _ := store.Students.List()
	if len(h.Desktop.Saved) != 1 {
		t.Fatalf("going on saved %q", h.Desktop.Saved)
	}
	raw, _ := os.ReadFile(h.Desktop.Saved[0])
	if !bytes.Contains(raw, []byte(students[0].Email)) {
		t.Errorf("the file saved does not hold the students (%d bytes)", len(raw))
	}
}
