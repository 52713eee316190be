package exchange

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"tiscdesk/data/datatest"
	"tiscdesk/data/model"
	"tiscdesk/data/sample"
	"tiscdesk/data/store"
)

func TestAFieldBundleOfTheSampleHoldsItsProvincesAndNoPersonalData(t *testing.T) {
	a := datatest.OpenNamed(t, "a")
	if _, err := sample.Load(a, sampleToday); err != nil {
		t.Fatal(err)
	}
	insts, err := a.Institutions.List()
	if err != nil {
		t.Fatal(err)
	}
	want := map[model.ID]bool{}
	for _, in := range insts {
		if in.Province == "CN-SH" || in.Province == "CN-JS" {
			want[in.ID] = true
		}
	}
	if len(want) == 0 || len(want) == len(insts) {
		t.Fatalf("the sample has %d institutions in CN-SH and CN-JS of %d: no test", len(want), len(insts))
	}
	visits, _ := a.Visits.List()
	wantVisits := 0
	for _, v := range visits {
		if want[v.Institution] {
			wantVisits++
		}
	}
	enrolments, _ := a.Enrolments.List()
	students, _ := a.Students.List()
	if len(enrolments) == 0 || len(students) == 0 {
		t.Fatal("the sample has no people")
	}

	path := filepath.Join(t.TempDir(), "field.tiscx")
	m, err := SaveBundle(a, path, false, ExportOptions{Field: []string{"cn-sh", "江苏"}})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(m.Field, []string{"CN-JS", "CN-SH"}) {
		t.Errorf("manifest field %v", m.Field)
	}
	for _, k := range []string{"sessions", "enrolments", "programmes", "cohorts", "students"} {
		if m.Count(k) != 0 {
			t.Errorf("the field bundle holds %d %s", m.Count(k), k)
		}
	}
	// Not a name or email of any participant or student is in the file.
	raw, _ := os.ReadFile(path)
	_, files := unzipBundle(t, raw)
	var all []byte
	for _, f := range files {
		all = append(all, f...)
	}
	for _, e := range enrolments[:min(len(enrolments), 50)] {
		if bytes.Contains(all, []byte(e.Email)) {
			t.Fatalf("the field bundle holds participant %s", e.Email)
		}
	}
	for _, st := range students {
		if st.Email != "" && bytes.Contains(all, []byte(st.Email)) {
			t.Fatalf("the field bundle holds student %s", st.Email)
		}
	}

	b := datatest.OpenNamed(t, "b")
	mergeFile(t, b, path)
	got, _ := b.Institutions.List()
	gotIDs := map[model.ID]bool{}
	for _, in := range got {
		gotIDs[in.ID] = true
		if !want[in.ID] {
			t.Errorf("b holds %s of %s", in.LocalName, in.Province)
		}
	}
	for id := range want {
		if !gotIDs[id] {
			t.Errorf("institution %s of the chosen provinces is missing", id)
		}
	}
	if v, _ := b.Visits.List(); len(v) != wantVisits {
		t.Errorf("b holds %d visits, want the %d of those institutions", len(v), wantVisits)
	}
	c, _ := b.Counts()
	if c.Enrolments != 0 || c.Students != 0 || c.Sessions != 0 || c.Cohorts != 0 || c.Programmes != 0 {
		t.Errorf("b counts %+v after a field bundle", c)
	}
	if cs, _ := b.Courses.List(); len(cs) == 0 {
		t.Error("the catalogue did not travel")
	}
	// It does not count as having seen a's changes: a full bundle later
	// still brings the people.
	if p, _ := FindPeer(b, a.DeviceID()); p.Received == nil || p.Received.Known != nil {
		t.Errorf("b's record of a: %+v", p.Received)
	}
	var known Knowledge
	b.View(func(tx *store.Tx) error { known, _ = loadKnown(tx); return nil })
	if _, ok := known[a.DeviceID()]; ok {
		t.Errorf("b's knowledge counts a's changes as seen after a field bundle: %v", known)
	}
	full, _ := exportBundle(t, a, "")
	mergeFile(t, b, full)
	if c, _ := b.Counts(); c.Enrolments != len(enrolments) {
		t.Errorf("after the full bundle b has %d enrolments, want %d", c.Enrolments, len(enrolments))
	}
}

func TestAFieldBundleNeedsKnownProvinces(t *testing.T) {
	a := datatest.OpenNamed(t, "a")
	for _, p := range [][]string{{}, {"CN-XX"}, {" "}} {
		path := filepath.Join(t.TempDir(), "f.tiscx")
		_, err := SaveBundle(a, path, false, ExportOptions{Field: p})
		var ve *model.ValidationError
		if !errors.As(err, &ve) {
			t.Errorf("provinces %q: %v", p, err)
		}
		if _, err := os.Stat(path); err == nil {
			t.Errorf("provinces %q left a file", p)
		}
	}
}
