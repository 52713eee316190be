package ui

import (
	"testing"

	"tiscdesk/data"
	"tiscdesk/ui/kit"
	"tiscdesk/ui/kit/kittest"
)

// The Overview's line of possible duplicates follows the database, though
// it finds them again only after a change (data.DuplicateCount): a near
// match planted shows it, the group dismissed hides it, and a new near
// match shows it again.
func TestOverviewCountsDuplicatesAfterEachChange(t *testing.T) {
	store := kittest.SampleStore(t)
	sh, _ := newTestShell(t, store, kit.LangEnglish)
	ov := waitOverview(t, sh)
	if ov.duplicates.Visible() {
		t.Fatalf("the sample shows %q", ov.duplicatesText.Text)
	}
	plant := func(name string) {
		t.Helper()
		if err := store.Institutions.Put(&data.Institution{LocalName: name, Type: data.TypeLibrary, Province: "CN-SH", Stage: data.StageCandidate}); err != nil {
			t.Fatal(err)
		}
	}
	plant("同济大学图书馆") // the sample's 同济大学 inside
	ov = waitOverview(t, sh)
	if !ov.duplicates.Visible() || ov.duplicatesText.Text != "1 possible duplicate waits for review." {
		t.Fatalf("after a near match the Overview shows %q (visible %v)", ov.duplicatesText.Text, ov.duplicates.Visible())
	}
	ov = waitOverview(t, sh) // shown again, nothing changed
	if !ov.duplicates.Visible() || ov.duplicatesText.Text != "1 possible duplicate waits for review." {
		t.Fatalf("shown again the Overview shows %q (visible %v)", ov.duplicatesText.Text, ov.duplicates.Visible())
	}
	groups, err := data.FindDuplicates(store.Store)
	if err != nil || len(groups) != 1 {
		t.Fatalf("groups %v, %v", groups, err)
	}
	if err := data.DismissDuplicates(store.Store, groups[0]); err != nil {
		t.Fatal(err)
	}
	if ov = waitOverview(t, sh); ov.duplicates.Visible() {
		t.Errorf("after Not the same the Overview still shows %q", ov.duplicatesText.Text)
	}
	plant("同济大学出版社")
	if ov = waitOverview(t, sh); !ov.duplicates.Visible() || ov.duplicatesText.Text != "1 possible duplicate waits for review." {
		t.Errorf("after another near match the Overview shows %q (visible %v)", ov.duplicatesText.Text, ov.duplicates.Visible())
	}
}
