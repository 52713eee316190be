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
	coordID := strings.Fields(strings.Split(out, "\n")[3])[0]
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

func TestSealedBundlesByPassphraseAndByDevice(t *testing.T) {
	dir := t.TempDir()
	coord, field, other := filepath.Join(dir, "coord.db"), filepath.Join(dir, "field.db"), filepath.Join(dir, "other.db")
	if code, _, errOut := run(t, "--db", coord, "sample"); code != ExitOK {
		t.Fatal(errOut)
	}
	have := countsOf(t, coord)
	pass, wrong := filepath.Join(dir, "pass.txt"), filepath.Join(dir, "wrong.txt")
	os.WriteFile(pass, []byte("long walk to the 长城\n"), 0o600)
	os.WriteFile(wrong, []byte("short walk\n"), 0o600)

	sealed := filepath.Join(dir, "sealed.tiscx")
	code, out, errOut := run(t, "--db", coord, "bundle", "export", sealed, "--passphrase-file", pass)
	if code != ExitOK || !strings.Contains(out, "Sealed with the passphrase") {
		t.Fatalf("sealed export: exit %d\n%s%s", code, out, errOut)
	}
	raw, _ := os.ReadFile(sealed)
	if !data.IsSealed(raw) {
		t.Fatal("the bundle written with --passphrase-file is not an age file")
	}
	plain := filepath.Join(dir, "plain.tiscx")
	if code, out, _ := run(t, "--db", coord, "bundle", "export", plain); code != ExitOK || !strings.Contains(out, "plain (not sealed)") {
		t.Errorf("a plain export does not say it is plain:\n%s", out)
	}
	os.WriteFile(filepath.Join(dir, "cut.tiscx"), raw[:len(raw)*2/3], 0o600)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{sealed}, "sealed with a passphrase; give it with --passphrase-file"},
		{[]string{sealed, "--passphrase-file", wrong}, "the passphrase does not open this sealed bundle"},
		{[]string{filepath.Join(dir, "cut.tiscx"), "--passphrase-file", pass}, "is damaged or incomplete"},
		{[]string{plain, "--passphrase-file", pass}, "is not sealed, although a passphrase was given"},
	} {
		code, out, errOut := run(t, append([]string{"--db", field, "bundle", "import"}, c.args...)...)
		if code != ExitFailure || !strings.Contains(errOut, c.want) || !strings.Contains(errOut, "Nothing was merged") {
			t.Errorf("import %q: exit %d\n%s%s", c.args, code, out, errOut)
		}
	}
	if got := countsOf(t, field); got.Institutions != 0 || got.Enrolments != 0 {
		t.Fatalf("refused bundles changed the field machine: %+v", got)
	}
	code, out, errOut = run(t, "--db", field, "bundle", "import", sealed, "--passphrase-file", pass)
	if code != ExitOK || countsOf(t, field) != have {
		t.Fatalf("import with the passphrase: exit %d\n%s%s", code, out, errOut)
	}

	// Sealed for the coordinator by device: the field machine knows the
	// coordinator's key from its bundle; only the coordinator opens it.
	code, out, _ = run(t, "--db", field, "bundle", "devices")
	if code != ExitOK || !strings.Contains(out, "Its public key (bundles sealed to it open here): age1") || !strings.Contains(out, "--to ") {
		t.Fatalf("devices:\n%s", out)
	}
	coordID := strings.Fields(strings.Split(out, "\n")[3])[0]
	editNotes(t, field, "seen on the field")
	back := filepath.Join(dir, "back.tiscx")
	code, out, errOut = run(t, "--db", field, "bundle", "export", back, "--to", coordID[:8])
	if code != ExitOK || !strings.Contains(out, "only that machine opens it") {
		t.Fatalf("export --to: exit %d\n%s%s", code, out, errOut)
	}
	if code, _, errOut := run(t, "--db", other, "bundle", "import", back); code != ExitFailure || !strings.Contains(errOut, "sealed for another machine") {
		t.Errorf("another machine importing it: exit %d\n%s", code, errOut)
	}
	if code, out, errOut := run(t, "--db", coord, "bundle", "import", back); code != ExitOK || !strings.Contains(out, "1 updated") {
		t.Errorf("the coordinator importing it without a passphrase: exit %d\n%s%s", code, out, errOut)
	}
	if code, _, errOut := run(t, "--db", coord, "bundle", "export", back, "--force", "--to", "nobody"); code != ExitFailure || !strings.Contains(errOut, "names no device") {
		t.Errorf("--to an unknown device: exit %d\n%s", code, errOut)
	}
	if code, _, _ := run(t, "--db", coord, "bundle", "export", back, "--force", "--to", "x", "--passphrase-file", pass); code != ExitUsage {
		t.Errorf("--to and --passphrase-file together: exit %d", code)
	}
}

func TestFieldBundle(t *testing.T) {
	dir := t.TempDir()
	coord, field := filepath.Join(dir, "coord.db"), filepath.Join(dir, "field.db")
	if code, _, errOut := run(t, "--db", coord, "sample"); code != ExitOK {
		t.Fatal(errOut)
	}
	path := filepath.Join(dir, "field.tiscx")
	code, out, errOut := run(t, "--db", coord, "bundle", "export", path, "--field", "--provinces", "CN-SH,CN-JS")
	if code != ExitOK || !strings.Contains(out, "a field bundle of CN-JS, CN-SH") || !strings.Contains(out, "no personal data") || strings.Contains(out, "plain (not sealed)") {
		t.Fatalf("field export: exit %d\n%s%s", code, out, errOut)
	}
	if code, out, errOut := run(t, "--db", field, "bundle", "import", path); code != ExitOK {
		t.Fatalf("import: exit %d\n%s%s", code, out, errOut)
	}
	got := countsOf(t, field)
	if got.Institutions == 0 || got.Enrolments != 0 || got.Students != 0 || got.Institutions >= countsOf(t, coord).Institutions {
		t.Errorf("the field machine holds %+v", got)
	}
	code, _, errOut = run(t, "--db", coord, "bundle", "export", filepath.Join(dir, "x.tiscx"), "--field", "--provinces", "CN-ZZ")
	if code != ExitFailure || !strings.Contains(errOut, "unknown province CN-ZZ") {
		t.Errorf("an unknown province: exit %d\n%s", code, errOut)
	}
	for _, args := range [][]string{
		{"--field"},
		{"--provinces", "CN-SH"},
		{"--field", "--provinces", "CN-SH", "--since-last", "x"},
	} {
		if code, _, _ := run(t, append([]string{"--db", coord, "bundle", "export", filepath.Join(dir, "y.tiscx")}, args...)...); code != ExitUsage {
			t.Errorf("%q: exit %d, want usage", args, code)
		}
	}
}
