package store

import (
	"encoding/json"
	"errors"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"tiscdesk/data/model"
)

func historyInstitution(t *testing.T, s *Store) *model.Institution {
	t.Helper()
	in := &model.Institution{LocalName: "贵州大学", Type: model.TypeUniversity, Province: "CN-GZ", Stage: model.StageCandidate}
	if err := s.Institutions.Put(in); err != nil {
		t.Fatal(err)
	}
	return in
}

// Every change keeps the version it replaced, with when, which device and
// which fields changed; the current version comes last.
func TestHistoryKeepsEveryReplacedVersion(t *testing.T) {
	s := openTemp(t)
	in := historyInstitution(t, s)
	in.City = "贵阳"
	if err := s.Institutions.Put(in); err != nil {
		t.Fatal(err)
	}
	if err := s.SetDeviceLabel("Coordinator laptop"); err != nil {
		t.Fatal(err)
	}
	in.EnglishName, in.Notes = "Guizhou University", "met the vice-president"
	if err := s.Institutions.Put(in); err != nil {
		t.Fatal(err)
	}
	vs, err := s.History(in.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != 3 {
		t.Fatalf("%d versions, want 3: %+v", len(vs), vs)
	}
	want := [][]string{
		{"local_name", "province", "stage", "type"}, // the first: every field it set
		{"city"},
		{"english_name", "notes"},
	}
	for i, v := range vs {
		if !reflect.DeepEqual(v.Changed, want[i]) {
			t.Errorf("version %d changed %v, want %v", i+1, v.Changed, want[i])
		}
		if v.Kind != InstitutionsBucket || v.Device != s.DeviceID() {
			t.Errorf("version %d: kind %q device %q", i+1, v.Kind, v.Device)
		}
	}
	if !vs[0].Created || vs[1].Created || !vs[2].Current || vs[1].Current || vs[2].Seq != 0 || vs[0].Seq == 0 {
		t.Errorf("created/current/seq marks wrong: %+v", vs)
	}
	if vs[1].UpdatedBy == "Coordinator laptop" || vs[2].UpdatedBy != "Coordinator laptop" {
		t.Errorf("updated_by: %q then %q", vs[1].UpdatedBy, vs[2].UpdatedBy)
	}
	if _, err := s.History(model.NewID()); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("history of no record: %v", err)
	}

	// A deletion keeps the last live version; the tombstone is current.
	if err := s.Institutions.Delete(in.ID); err != nil {
		t.Fatal(err)
	}
	vs, _ = s.History(in.ID)
	if len(vs) != 4 || !vs[3].Deleted || vs[2].Deleted || !slices.Contains(vs[3].Changed, "deleted") {
		t.Errorf("after delete: %d versions, last deleted %v, changed %v", len(vs), vs[len(vs)-1].Deleted, vs[len(vs)-1].Changed)
	}
}

// A record keeps at most the Settings' number of replaced versions, the
// oldest dropped first; the limit survives reopening.
func TestHistoryIsBounded(t *testing.T) {
	path := filepath.Join(t.TempDir(), "h.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if s.HistoryLimit() != DefaultHistoryLimit {
		t.Errorf("a new database keeps %d versions, want %d", s.HistoryLimit(), DefaultHistoryLimit)
	}
	for _, bad := range []int{0, -1, MaxHistoryLimit + 1} {
		if err := s.SetHistoryLimit(bad); !errors.Is(err, model.ErrInvalid) {
			t.Errorf("limit %d: %v", bad, err)
		}
	}
	if err := s.SetHistoryLimit(3); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if s, err = Open(path); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.HistoryLimit() != 3 {
		t.Fatalf("reopened, the limit is %d, want 3", s.HistoryLimit())
	}
	in := historyInstitution(t, s)
	for _, city := range []string{"a", "b", "c", "d", "e"} {
		in.City = city
		if err := s.Institutions.Put(in); err != nil {
			t.Fatal(err)
		}
	}
	vs, _ := s.History(in.ID)
	var cities []string
	for _, v := range vs {
		var got model.Institution
		_ = json.Unmarshal(v.Record, &got)
		cities = append(cities, got.City)
	}
	if !reflect.DeepEqual(cities, []string{"b", "c", "d", "e"}) {
		t.Errorf("kept cities %q, want the 3 latest replaced and the current: b c d e", cities)
	}
}

// Restoring makes a new version, stamped by this device now, equal in its
// fields to the old one; the version it replaces is kept in turn.
func TestRestoreMakesANewVersion(t *testing.T) {
	s := openTemp(t)
	in := historyInstitution(t, s)
	in.City, in.Notes = "遵义", "wrong city"
	if err := s.Institutions.Put(in); err != nil {
		t.Fatal(err)
	}
	vs, _ := s.History(in.ID)
	if err := s.Restore(in.ID, vs[0].Seq); err != nil {
		t.Fatal(err)
	}
	got, _ := s.Institutions.Get(in.ID)
	if got.City != "" || got.Notes != "" || !got.UpdatedAt.After(in.UpdatedAt) || !got.CreatedAt.Equal(in.CreatedAt) {
		t.Errorf("restored: city %q notes %q updated %v (was %v)", got.City, got.Notes, got.UpdatedAt, in.UpdatedAt)
	}
	after, _ := s.History(in.ID)
	if len(after) != 3 || !reflect.DeepEqual(after[2].Changed, []string{"city", "notes"}) {
		t.Errorf("after restore: %d versions, the last changed %v", len(after), after[len(after)-1].Changed)
	}
	if err := s.Restore(in.ID, 999); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("restore of no version: %v", err)
	}
	// An old visit whose institution has gone does not come back.
	v := &model.Visit{Institution: in.ID, Date: "2026-03-01", Kind: model.VisitAssessment}
	if err := s.Visits.Put(v); err != nil {
		t.Fatal(err)
	}
	other := historyInstitution(t, s)
	other.LocalName = "贵州师范大学"
	_ = s.Institutions.Put(other)
	v.Institution = other.ID
	_ = s.Visits.Put(v)
	if err := s.Institutions.Delete(in.ID); err != nil {
		t.Fatal(err)
	}
	vv, _ := s.History(v.ID)
	if err := s.Restore(v.ID, vv[0].Seq); !errors.Is(err, model.ErrInvalid) {
		t.Errorf("restoring a visit to a deleted institution: %v; want a validation error", err)
	}
}

// Raw writes (an import's, a merge's) keep history as the tables' do, and
// EraseHistory takes a record's versions away.
func TestRawWritesKeepHistoryAndEraseRemovesIt(t *testing.T) {
	s := openTemp(t)
	in := historyInstitution(t, s)
	next := *in
	next.City = "六盘水"
	next.UpdatedBy = "field laptop"
	raw, _ := json.Marshal(&next)
	err := s.Update(func(tx *Tx) error {
		if err := s.Institutions.PutRawIn(tx, in.ID, raw); err != nil {
			return err
		}
		third := next
		third.City = "安顺"
		raw3, _ := json.Marshal(&third)
		return tx.Bucket(InstitutionsBucket).Put(in.ID[:], raw3)
	})
	if err != nil {
		t.Fatal(err)
	}
	vs, _ := s.History(in.ID)
	if len(vs) != 3 || vs[1].UpdatedBy != "field laptop" || !reflect.DeepEqual(vs[2].Changed, []string{"city"}) {
		t.Fatalf("raw writes kept %d versions: %+v", len(vs), vs)
	}
	if err := s.Update(func(tx *Tx) error { return tx.EraseHistory(in.ID) }); err != nil {
		t.Fatal(err)
	}
	if vs, _ = s.History(in.ID); len(vs) != 1 || !vs[0].Current {
		t.Errorf("after erasing, %d versions", len(vs))
	}
}
