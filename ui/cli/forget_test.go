package cli

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tiscdesk/data"
)

// busiest is the email and name of the sample participant with the most
// enrolments in the database at db.
func busiest(t *testing.T, db string) (email, name string) {
	t.Helper()
	s, err := data.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	list, _ := s.Enrolments.List()
	n := map[string]int{}
	emailsOf := map[string]map[string]bool{} // name -> emails
	for _, e := range list {
		k := data.NormEmail(e.Email)
		n[k]++
		if emailsOf[e.Name] == nil {
			emailsOf[e.Name] = map[string]bool{}
		}
		emailsOf[e.Name][k] = true
	}
	best := 0
	for _, e := range list {
		// A name only this person bears: another person of the same name
		// keeps it.
		if k := data.NormEmail(e.Email); n[k] > best && len(emailsOf[e.Name]) == 1 {
			best, email, name = n[k], k, e.Name
		}
	}
	return email, name
}

func TestForgetReachesExportsBundlesBackupsAndASecondMachine(t *testing.T) {
	dir := t.TempDir()
	coord, field := filepath.Join(dir, "coord.db"), filepath.Join(dir, "field.db")
	if code, _, errOut := run(t, "--db", coord, "sample"); code != ExitOK {
		t.Fatal(errOut)
	}
	all := filepath.Join(dir, "all.tiscx")
	if code, _, errOut := run(t, "--db", coord, "bundle", "export", all); code != ExitOK {
		t.Fatal(errOut)
	}
	if code, _, errOut := run(t, "--db", field, "bundle", "import", all); code != ExitOK {
		t.Fatal(errOut)
	}
	email, name := busiest(t, coord)
	before := countsOf(t, coord)

	// Without --yes it says what it would erase, and erases nothing.
	code, out, errOut := run(t, "--db", coord, "forget", email)
	if code != ExitFailure || !strings.Contains(out, "would erase") || !strings.Contains(out, name) || !strings.Contains(errOut, "--yes") {
		t.Fatalf("forget without --yes: exit %d\n%s%s", code, out, errOut)
	}
	csv := filepath.Join(dir, "before.csv")
	run(t, "--db", coord, "export", "enrolments", csv)
	if raw, _ := os.ReadFile(csv); !bytes.Contains(raw, []byte(email)) {
		t.Fatal("forget without --yes erased the person")
	}
	code, out, errOut = run(t, "--db", coord, "forget", strings.ToUpper(email), "--yes")
	if code != ExitOK || !strings.Contains(out, "Forgot "+email) || !strings.Contains(out, "forgotten:") {
		t.Fatalf("forget --yes: exit %d\n%s%s", code, out, errOut)
	}
	if got := countsOf(t, coord); got != before {
		t.Errorf("counts after forget %+v, before %+v", got, before)
	}

	// Nothing made afterwards holds the person.
	changes := filepath.Join(dir, "changes.tiscx")
	files := map[string][]string{
		filepath.Join(dir, "enrolments.csv"):   {"--db", coord, "export", "enrolments"},
		filepath.Join(dir, "everything.tiscx"): {"--db", coord, "bundle", "export"},
		filepath.Join(dir, "backup.db"):        {"--db", coord, "backup"},
	}
	for f, args := range files {
		if code, _, errOut := run(t, append(args, f)...); code != ExitOK {
			t.Fatalf("%q: %s", args, errOut)
		}
	}
	if code, _, errOut := run(t, "--db", coord, "bundle", "export", changes); code != ExitOK {
		t.Fatal(errOut)
	}
	// The erasure reaches the second machine through the bundle.
	if code, out, errOut := run(t, "--db", field, "bundle", "import", changes); code != ExitOK || !strings.Contains(out, "updated") {
		t.Fatalf("field import: exit %d\n%s%s", code, out, errOut)
	}
	fieldCSV := filepath.Join(dir, "field.csv")
	fieldBackup := filepath.Join(dir, "field-backup.db")
	run(t, "--db", field, "export", "enrolments", fieldCSV)
	run(t, "--db", field, "backup", fieldBackup)
	for _, f := range []string{filepath.Join(dir, "enrolments.csv"), filepath.Join(dir, "backup.db"), fieldCSV, fieldBackup} {
		raw, err := os.ReadFile(f)
		if err != nil || len(raw) == 0 {
			t.Fatalf("%s: %v", f, err)
		}
		for _, w := range []string{email, name} {
			if bytes.Contains(raw, []byte(w)) {
				t.Errorf("%s holds %q after forget", filepath.Base(f), w)
			}
		}
	}
	for _, f := range []string{filepath.Join(dir, "everything.tiscx"), changes} {
		m, files := unzipped(t, f)
		for name2, b := range files {
			for _, w := range []string{email, name} {
				if bytes.Contains(b, []byte(w)) {
					t.Errorf("%s/%s holds %q after forget (bundle %s)", filepath.Base(f), name2, w, m)
				}
			}
		}
	}
	if got := countsOf(t, field); got != before {
		t.Errorf("the field machine counts %+v, want %+v", got, before)
	}
}

// unzipped reads every file of the plain bundle at path.
func unzipped(t *testing.T, path string) (string, map[string][]byte) {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	out := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		out[f.Name], err = io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Base(path), out
}
