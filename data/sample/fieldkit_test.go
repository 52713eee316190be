package sample

import (
	"slices"
	"testing"

	"tiscdesk/data/model"
	"tiscdesk/data/photo"
	"tiscdesk/data/store"
)

// The sample shows the field officer's kit: photos (stored once, among
// them on the latest visits) with captions and positions, one draft, and a
// few records whose history holds an earlier version.
func TestLoadSampleFieldKit(t *testing.T) {
	s := openSampleStore(t)
	loadSample(t, s, sampleToday)
	visits := sampleList(t, s.Visits)
	slices.SortStableFunc(visits, func(a, b *model.Visit) int { return -compareDates(a.Date, b.Date) })
	drafts, withPhotos, hashes := 0, 0, map[string]bool{}
	for _, v := range visits {
		if v.Draft {
			drafts++
			if v.Recommendation != "" || len(v.Checklist) == len(model.Criteria()) {
				t.Errorf("the draft looks finished: %+v", v)
			}
			continue
		}
		if len(v.Photos) == 0 {
			continue
		}
		withPhotos++
		if v.Position == nil {
			t.Errorf("visit %s has photos and no position", v.Date)
		}
		for _, p := range v.Photos {
			hashes[p.Hash] = true
			if p.Caption == "" || p.TakenAt == nil || model.DateOf(p.TakenAt.UTC()) != v.Date {
				t.Errorf("visit %s: photo %+v", v.Date, p)
			}
		}
	}
	if drafts != 1 {
		t.Errorf("%d drafts, want 1", drafts)
	}
	finished := slices.DeleteFunc(slices.Clone(visits), func(v *model.Visit) bool { return v.Draft })
	if len(finished[0].Photos) == 0 || withPhotos < 5 || withPhotos > len(finished)/2 {
		t.Errorf("%d of %d visits have photos, the latest %d", withPhotos, len(finished), len(finished[0].Photos))
	}
	err := s.View(func(tx *store.Tx) error {
		for h := range hashes {
			if jpg := tx.Photo(h); photo.Hash(jpg) != h || tx.PhotoThumb(h) == nil {
				t.Errorf("photo %s is not stored under its hash", h)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	space, _ := s.PhotoSpace()
	if space.Photos != len(hashes) {
		t.Errorf("%d photos stored, the visits show %d", space.Photos, len(hashes))
	}
	// The sample edits the notes of a few institutions after creating them
	// (the operations records, set later, give others a history too).
	edited := 0
	for _, in := range sampleList(t, s.Institutions) {
		vs, err := s.History(in.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(vs) > 1 && slices.ContainsFunc(vs[1:], func(v store.Version) bool { return slices.Contains(v.Changed, "notes") }) {
			edited++
		}
	}
	if edited < 2 {
		t.Errorf("%d institutions have a history, want a few", edited)
	}
}
