package learning

import (
	"testing"

	"tiscdesk/ui/kit"
	"tiscdesk/ui/kit/kittest"
)

// TestNewButtonSaysWhatItMakes: the main button names the kind of record
// of the tab on show, not only "New…".
func TestNewButtonSaysWhatItMakes(t *testing.T) {
	h, s := learningScreen(t, kittest.SampleStore(t), kit.LangEnglish)
	for i, want := range []string{"New enrolment", "New session", "New course", "New enrolment"} {
		s.tabs.SelectIndex(i % 3)
		kittest.FindButton(t, h.Window().Content(), want) // fails the test when absent
	}
}
