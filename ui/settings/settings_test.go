package settings

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"tiscdesk/data"
	"tiscdesk/ui/kit"
	"tiscdesk/ui/kit/kittest"
)

// settingsScreen shows Settings over store in a test host, in English.
func settingsScreen(t *testing.T, store *data.Store) (*kittest.Host, *Screen) {
	t.Helper()
	return kittest.Open(t, store, kit.LangEnglish, New)
}

func TestSettingsSavesTheDeviceLabel(t *testing.T) {
	store := kittest.SampleStore(t)
	h, set := settingsScreen(t, store)

	set.label.SetText("")
	test.Tap(set.labelSave)
	if set.labelNote.Hidden || set.labelNote.Text != "is required" {
		t.Fatalf("a blank label shows %q (hidden %v), want the message beside the field", set.labelNote.Text, set.labelNote.Hidden)
	}
	set.label.SetText("")
	test.Type(set.label, "Field laptop Chengdu")
	test.Tap(set.labelSave)
	if store.DeviceLabel() != "Field laptop Chengdu" || !set.labelNote.Hidden {
		t.Fatalf("label saved as %q", store.DeviceLabel())
	}
	if h.DeviceChanges != 1 {
		t.Errorf("the shell was told of %d changes of the device label, want 1", h.DeviceChanges)
	}
}

// Choosing a language saves it and tells the shell, which relabels the
// window (see ui's TestLanguageChangeInSettingsRelabelsTheWindow).
func TestSettingsChangesTheLanguage(t *testing.T) {
	store := kittest.SampleStore(t)
	h, set := settingsScreen(t, store)
	set.language.SetSelected("简体中文")
	if store.Language() != "zh" || len(h.Languages) != 1 || h.Languages[0] != "zh" {
		t.Fatalf("language saved as %q; the shell was told %q", store.Language(), h.Languages)
	}
	set.language.SetSelected("简体中文") // the same again: nothing to do
	if len(h.Languages) != 1 {
		t.Errorf("choosing the language on show again told the shell %q", h.Languages)
	}
}

func TestSettingsBackups(t *testing.T) {
	store := kittest.SampleStore(t)
	h, set := settingsScreen(t, store)
	b := set.backups
	if !strings.Contains(b.info.Text, "There is none yet.") {
		t.Fatalf("info before any backup: %q", b.info.Text)
	}
	for _, bad := range []string{"0", "101", "ten"} {
		b.keep.SetText(bad)
		test.Tap(b.save)
		if b.note.Hidden || b.note.Text != "must be between 1 and 100" {
			t.Fatalf("keeping %q: note %q (hidden %v)", bad, b.note.Text, b.note.Hidden)
		}
	}
	b.keep.SetText("3")
	test.Tap(b.save)
	if store.BackupsToKeep() != 3 || !b.note.Hidden {
		t.Fatalf("keep saved as %d", store.BackupsToKeep())
	}
	test.Tap(b.now)
	kittest.Settle(t)
	list, _ := data.ListBackups(store.Path())
	if len(list) != 1 || list[0].Reason != "manual" {
		t.Fatalf("Back up now made %+v", list)
	}
	if !strings.Contains(b.info.Text, "The newest is from "+list[0].Time.Local().Format("2006-01-02 15:04")) {
		t.Fatalf("info after a backup: %q", b.info.Text)
	}
	if !kittest.HasText(t, h.Window().Content(), "Back up now") {
		t.Error("Settings does not show Back up now")
	}
}
