package settings

import (
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"tiscdesk/data"
	"tiscdesk/data/photo"
	"tiscdesk/data/photo/phototest"
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

// Settings says how much room the photos take, counted when shown.
func TestSettingsShowsThePhotosSpace(t *testing.T) {
	st := kittest.SampleStore(t)
	h, set := settingsScreen(t, st)
	h.Show(set)
	kittest.Settle(t)
	want := photoSpaceText(mustSpace(t, st))
	if set.photos.label.Text != want {
		t.Errorf("Settings shows %q, want %q", set.photos.label.Text, want)
	}
	if _, err := photo.Attach(st.Store, phototest.JPEG(1200, 900, phototest.EXIF{})); err != nil {
		t.Fatal(err)
	}
	set.Shown()
	kittest.Settle(t)
	after := mustSpace(t, st)
	if set.photos.label.Text != photoSpaceText(after) || !strings.HasPrefix(set.photos.label.Text, strconv.Itoa(after.Photos)+" photos, ") {
		t.Errorf("after a photo, Settings shows %q (%+v)", set.photos.label.Text, after)
	}
}

func mustSpace(t *testing.T, st *data.Store) store.PhotoSpace {
	t.Helper()
	ps, err := st.PhotoSpace()
	if err != nil {
		t.Fatal(err)
	}
	return ps
}
