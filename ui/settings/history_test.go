package settings

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"tiscdesk/data/store"
	"tiscdesk/ui/kit/kittest"
)

func TestSettingsSetsTheVersionsKeptPerRecord(t *testing.T) {
	st := kittest.SampleStore(t)
	_, set := settingsScreen(t, st)
	if set.history.entry.Text != "20" {
		t.Errorf("the setting shows %q, want the default 20", set.history.entry.Text)
	}
	set.history.entry.SetText("lots")
	test.Tap(set.history.save)
	if set.history.note.Hidden || st.HistoryLimit() != store.DefaultHistoryLimit {
		t.Errorf("\"lots\" was not refused beside the field (limit now %d)", st.HistoryLimit())
	}
	set.history.entry.SetText("5")
	test.Tap(set.history.save)
	kittest.Settle(t)
	if st.HistoryLimit() != 5 || !set.history.note.Hidden {
		t.Errorf("after saving 5 the store keeps %d versions per record", st.HistoryLimit())
	}
}
