package cli

import (
	"encoding/json"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"tiscdesk/data"
)

func TestDuplicatesCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "d.db")
	if code, _, errOut := run(t, "--db", db, "sample"); code != ExitOK {
		t.Fatalf("sample: exit %d: %s", code, errOut)
	}
	code, out, errOut := run(t, "--db", db, "duplicates", "--json")
	if code != ExitOK || strings.TrimSpace(out) != "[]" {
		t.Fatalf("duplicates --json on the sample: exit %d, %q %s; want []", code, out, errOut)
	}

	s, err := data.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	var planted []data.ID
	for _, in := range []*data.Institution{
		{LocalName: "同济大学 图书馆", Province: "CN-SH"},
		{LocalName: "Shanghai Technology Library", Province: "CN-SH"},
		{LocalName: "Shanghai Tecnology Librery", Province: "CN-SH", City: "上海"},
	} {
		in.Type, in.Stage = data.TypeLibrary, data.StageCandidate
		if err := s.Institutions.Put(in); err != nil {
			t.Fatal(err)
		}
		planted = append(planted, in.ID)
	}
	s.Close()

	code, out, errOut = run(t, "--db", db, "duplicates", "--json")
	if code != ExitOK {
		t.Fatalf("duplicates --json: exit %d: %s", code, errOut)
	}
	var groups []struct {
		Kind    string `json:"kind"`
		Reason  string `json:"reason"`
		Records []struct {
			ID   string `json:"id"`
			Name string `json:"name"`
		} `json:"records"`
	}
	if err := json.Unmarshal([]byte(out), &groups); err != nil {
		t.Fatalf("duplicates --json printed %q: %v", out, err)
	}
	var got []string
	for _, g := range groups {
		var names []string
		for _, r := range g.Records {
			names = append(names, r.Name)
		}
		got = append(got, g.Kind+" "+g.Reason+" "+strings.Join(names, "|"))
	}
	slices.Sort(got)
	want := []string{
		"institutions edit_distance Shanghai Technology Library|Shanghai Tecnology Librery",
		"institutions name_inside 同济大学|同济大学 图书馆",
	}
	if !slices.Equal(got, want) {
		t.Fatalf("groups %q, want %q", got, want)
	}

	code, out, errOut = run(t, "--db", db, "duplicates", "merge", planted[1].String(), planted[2].String(), "--keep", "city=B")
	if code != ExitOK {
		t.Fatalf("duplicates merge: exit %d: %s", code, errOut)
	}
	mergeID := regexp.MustCompile(`duplicates undo (\S+)`).FindStringSubmatch(out)
	if mergeID == nil {
		t.Fatalf("duplicates merge printed no way to undo: %q", out)
	}
	s, err = data.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	kept, err := s.Institutions.Get(planted[1])
	_, goneErr := s.Institutions.Get(planted[2])
	s.Close()
	if err != nil || kept.City != "上海" || goneErr == nil {
		t.Fatalf("after the merge: kept %+v (%v), the other still there: %v", kept, err, goneErr == nil)
	}
	if code, out, _ := run(t, "--db", db, "duplicates"); code != ExitOK || strings.Contains(out, "Tecnology") {
		t.Errorf("duplicates after the merge: exit %d:\n%s", code, out)
	}
	if code, _, errOut := run(t, "--db", db, "duplicates", "undo", mergeID[1]); code != ExitOK {
		t.Fatalf("duplicates undo: exit %d: %s", code, errOut)
	}
	if code, out, _ := run(t, "--db", db, "duplicates"); code != ExitOK || !strings.Contains(out, "Tecnology") {
		t.Errorf("duplicates after the undo: exit %d:\n%s", code, out)
	}
	for _, c := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"duplicates", "merge", planted[1].String()}, ExitUsage, "expected KEEP OTHER"},
		{[]string{"duplicates", "merge", "x", planted[1].String()}, ExitUsage, "is not a record id"},
		{[]string{"duplicates", "merge", planted[1].String(), planted[2].String(), "--keep", "city"}, ExitUsage, "write field=A or field=B"},
		{[]string{"duplicates", "merge", planted[1].String(), planted[2].String(), "--keep", "colour=B"}, ExitUsage, "is not a field"},
		{[]string{"duplicates", "undo", mergeID[1]}, ExitFailure, "not undone yet"},
		{[]string{"duplicates", "extra"}, ExitUsage, "unexpected arguments"},
	} {
		code, _, errOut := run(t, append([]string{"--db", db}, c.args...)...)
		if code != c.code || !strings.Contains(errOut, c.msg) {
			t.Errorf("%v: exit %d, %q; want %d and %q", c.args, code, errOut, c.code, c.msg)
		}
	}
}
