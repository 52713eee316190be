package institutions

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"tiscdesk/data"
	"tiscdesk/ui/kit"
	"tiscdesk/ui/kit/kittest"
)

// TestEmptyRegisterOffersItsActions: an empty register says what fills it
// and offers it as buttons, never as a command to type; Import a
// spreadsheet opens the import wizard.
func TestEmptyRegisterOffersItsActions(t *testing.T) {
	store, err := data.Open(filepath.Join(t.TempDir(), "new.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	h, s := kittest.Open(t, store, kit.LangEnglish, NewRegister)
	if !s.empty.Visible() || !s.empty.Actions().Visible() {
		t.Fatal("the empty register offers no action")
	}
	for _, text := range kittest.Texts(t, s.empty) {
		if strings.Contains(text, "tiscdesk ") {
			t.Errorf("the empty register says %q", text)
		}
	}
	test.Tap(kittest.FindButton(t, s.empty.Actions(), "Import a spreadsheet"))
	kittest.Settle(t)
	if top := h.Window().Canvas().Overlays().Top(); top == nil || kittest.FindButton(t, top, "Choose file…") == nil {
		t.Fatal("Import a spreadsheet opened no import wizard")
	}
}
