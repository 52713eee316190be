package cli

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"tiscdesk/data"
)

func TestHistoryCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "h.db")
	s, err := data.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	in := &data.Institution{LocalName: "贵州大学", Type: data.TypeUniversity, Province: "CN-GZ", Stage: data.StageCandidate}
	if err := s.Institutions.Put(in); err != nil {
		t.Fatal(err)
	}
	in.City, in.EnglishName = "贵阳", "Guizhou University"
	if err := s.Institutions.Put(in); err != nil {
		t.Fatal(err)
	}
	s.Close()

	code, out, errOut := run(t, "--db", db, "history", in.ID.String(), "--json")
	if code != ExitOK {
		t.Fatalf("history --json: exit %d: %s", code, errOut)
	}
	var versions []struct {
		UpdatedAt string   `json:"updated_at"`
		Device    string   `json:"device"`
		Changed   []string `json:"changed"`
		Current   bool     `json:"current"`
	}
	if err := json.Unmarshal([]byte(out), &versions); err != nil {
		t.Fatalf("history --json printed %q: %v", out, err)
	}
	if len(versions) != 2 || !versions[1].Current || !slices.Equal(versions[1].Changed, []string{"city", "english_name"}) ||
		versions[0].Device == "" || versions[0].UpdatedAt == "" {
		t.Errorf("history --json: %+v", versions)
	}

	code, out, _ = run(t, "--db", db, "history", "--json=false", in.ID.String())
	if code != ExitOK || !strings.Contains(out, "created") || !strings.Contains(out, "changed City, English name  (current)") {
		t.Errorf("history: exit %d:\n%s", code, out)
	}
	for _, c := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"history"}, ExitUsage, "give the id of one record"},
		{[]string{"history", "nope"}, ExitUsage, "is not a record id"},
		{[]string{"history", data.NewID().String()}, ExitFailure, "there is no record with id"},
	} {
		code, _, errOut := run(t, append([]string{"--db", db}, c.args...)...)
		if code != c.code || !strings.Contains(errOut, c.msg) {
			t.Errorf("%q: exit %d, %q; want %d, %q", c.args, code, errOut, c.code, c.msg)
		}
	}
}
