package institutions

import (
	"slices"
	"testing"

	"tiscdesk/data"
	"tiscdesk/data/model"
	"tiscdesk/data/photo"
	"tiscdesk/data/photo/phototest"
	"tiscdesk/ui/kit"
	"tiscdesk/ui/kit/kittest"
)

// A visit's History names what changed as the form shows it, in the
// user's language: the position in degrees, the photos by number and
// caption, the kind and the recommendation by their names; not the
// stored JSON or codes.
func TestVisitHistoryShowsValuesAsPeopleReadThem(t *testing.T) {
	store := kittest.SampleStore(t)
	h := kittest.NewHost(t, store, kit.LangChinese)
	guizhou := institutionNamed(t, store, "Guizhou University")
	v := &data.Visit{Institution: guizhou.ID, Date: "2026-11-02", Kind: model.VisitFollowUp, Recommendation: model.RecommendNotReady}
	if err := store.Visits.Put(v); err != nil {
		t.Fatal(err)
	}
	p, err := photo.Attach(store.Store, phototest.JPEG(64, 48, phototest.EXIF{}))
	if err != nil {
		t.Fatal(err)
	}
	p.Caption = "阅览室"
	v.Photos = []data.Photo{p}
	v.Position = &data.GeoPoint{Lat: 26.44611, Lon: 106.65917}
	v.Kind, v.Recommendation = model.VisitAssessment, model.RecommendReady
	if err := store.Visits.Put(v); err != nil {
		t.Fatal(err)
	}

	f := showVisitForm(h, v, nil)
	kittest.Settle(t)
	texts := kittest.Texts(t, f.changes)
	for _, want := range []string{
		kit.FieldName("photos") + ":  –  →  1 张照片: 阅览室",
		kit.FieldName("position") + ":  –  →  26.44611° N, 106.65917° E",
		kit.FieldName("kind") + ":  " + kit.VisitKindName(model.VisitFollowUp) + "  →  " + kit.VisitKindName(model.VisitAssessment),
		kit.FieldName("recommendation") + ":  " + kit.RecommendationName(model.RecommendNotReady) + "  →  " + kit.RecommendationName(model.RecommendReady),
	} {
		if !slices.Contains(texts, want) {
			t.Errorf("the visit's history does not show %q; it shows %q", want, texts)
		}
	}
	if kit.VisitKindName(model.VisitAssessment) == string(model.VisitAssessment) {
		t.Error("the kind's name is its code: the test would not tell")
	}
}
