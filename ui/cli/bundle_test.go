package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tiscdesk/data"
)

// editNotes changes the notes of the first institution of the database at db.
func editNotes(t *testing.T, db, notes string) data.ID {
	t.Helper()
	s, err := data.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	list, err := s.Institutions.List()
	if err != nil || len(list) == 0 {
		t.Fatalf("no institution: %v", err)
	}
	list[0].Notes = notes
	if err := s.Institutions.Put(list[0]); err != nil {
		t.Fatal(err)
	}
	return list[0].ID
}

// countsOf counts the records of the database at db.
func countsOf(t *testing.T, db string) data.Counts {
	t.Helper()
	s, err := data.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	c, err := s.Counts()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestBundleExportThenImport(t *testing.T) {
	dir := t.TempDir()
	coord, field := filepath.Join(dir, "coord.db"), filepath.Join(dir, "field.db")
	if code, _, errOut := run(t, "--db", coord, "sample"); code != ExitOK {
		t.Fatal(errOut)
	}
	// The sample's size depends on the day it is laid out on: the expected
	// figures are the coordinator's store's, not numbers of one day.
	have := countsOf(t, coord)
	all := filepath.Join(dir, "all.tiscx")
	code, out, errOut := run(t, "--db", coord, "bundle", "export", all)
	if code != ExitOK || !strings.Contains(out, "everything in this database") || !strings.Contains(out, fmt.Sprintf("%d institutions", have.Institutions)) {
		t.Fatalf("export: exit %d\n%s%s", code, out, errOut)
	}
	code, out, errOut = run(t, "bundle", "import", all, "--db", field)
	if code != ExitOK {
		t.Fatalf("import: exit %d\n%s%s", code, out, errOut)
	}
	for _, want := range []string{fmt.Sprintf("%d added, 0 updated, 0 unchanged, 0 deleted, 0 conflicts.", have.Total()),
		fmt.Sprintf("  %-13s %7d", "institutions", have.Institutions)} {
		if !strings.Contains(out, want) {
			t.Errorf("import printed\n%s\nwithout %q", out, want)
		}
	}
	if got := countsOf(t, field); got != have {
		t.Errorf("after the import the field machine counts %+v, the coordinator %+v", got, have)
	}
	code, out, _ = run(t, "--db", field, "bundle", "import", all)
	if code != ExitOK || !strings.Contains(out, fmt.Sprintf("0 added, 0 updated, %d unchanged, 0 deleted, 0 conflicts.", have.Total())) || !strings.Contains(out, "merged here before") {
		t.Errorf("a second import: exit %d\n%s", code, out)
	}

	// Both change the same institution; the field's change is the newer.
	id := editNotes(t, coord, "coordinator's notes")
	editNotes(t, field, "field notes")
	back := filepath.Join(dir, "back.tiscx")
	code, out, errOut = run(t, "--db", field, "bundle", "export", "--since-last", "vm-does-not-exist", back)
	if code != ExitFailure || !strings.Contains(errOut, "the devices known here are") {
		t.Errorf("an unknown device: exit %d\n%s%s", code, out, errOut)
	}
	code, out, errOut = run(t, "--db", field, "bundle", "devices")
	if code != ExitOK || !strings.Contains(out, "LAST RECEIVED") {
		t.Fatalf("devices: exit %d\n%s%s", code, out, errOut)
	}
	coordID := strings.Fields(strings.Split(out, "\n")[2])[0]
	code, out, errOut = run(t, "--db", field, "bundle", "export", back, "--since-last", coordID[:8])
	if code != ExitOK || !strings.Contains(out, "the changes since the last exchange with") || !strings.Contains(out, "1 institution") {
		t.Fatalf("export of changes: exit %d\n%s%s", code, out, errOut)
	}
	code, out, errOut = run(t, "--db", coord, "bundle", "import", back)
	if code != ExitOK || !strings.Contains(out, "1 conflict.") || !strings.Contains(out, "Exchange screen") {
		t.Errorf("import with a conflict: exit %d\n%s%s", code, out, errOut)
	}
	s, err := data.Open(coord)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if in, _ := s.Institutions.Get(id); in.Notes != "field notes" {
		t.Errorf("the coordinator holds %q, want the newer field notes", in.Notes)
	}
}

func TestBundleImportRefusesDamagedAndForeignFiles(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "x.db")
	if code, _, errOut := run(t, "--db", db, "sample"); code != ExitOK {
		t.Fatal(errOut)
	}
	good := filepath.Join(dir, "good.tiscx")
	if code, _, errOut := run(t, "--db", db, "bundle", "export", good); code != ExitOK {
		t.Fatal(errOut)
	}
	raw, _ := os.ReadFile(good)
	cut := filepath.Join(dir, "cut.tiscx")
	os.WriteFile(cut, raw[:len(raw)/2], 0o600)
	csv := filepath.Join(dir, "list.tiscx")
	os.WriteFile(csv, []byte("name,email\n"), 0o600)
	other := filepath.Join(dir, "other.db")
	for _, c := range []struct{ file, want string }{
		{cut, "is damaged or incomplete"},
		{csv, "is not a TISC Desk bundle"},
	} {
		code, out, errOut := run(t, "--db", other, "bundle", "import", c.file)
		if code != ExitFailure || !strings.Contains(errOut, c.want) || !strings.Contains(errOut, "Nothing was merged") {
			t.Errorf("import %s: exit %d\n%s%s", filepath.Base(c.file), code, out, errOut)
		}
	}
	if code, out, _ := run(t, "--db", other, "stats", "--json"); code != ExitOK || !strings.Contains(out, `"institutions": 0,`) {
		t.Errorf("after refused bundles the database holds:\n%s", out)
	}
}

func TestBundleUsage(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	for _, args := range [][]string{
		{"bundle"},
		{"bundle", "send", "x.tiscx"},
		{"bundle", "export"},
		{"bundle", "export", "x.csv"},
		{"bundle", "export", "x.tiscx", "--all", "--since-last", "a"},
		{"bundle", "import", "x.tiscx", "--all"},
		{"bundle", "devices", "extra"},
	} {
		if code, _, errOut := run(t, append([]string{"--db", db}, args...)...); code != ExitUsage {
			t.Errorf("%q: exit %d, want %d\n%s", args, code, ExitUsage, errOut)
		}
	}
}
