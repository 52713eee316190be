package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// tiscdesk FILE.tiscx (what a double-click on a bundle runs) opens the
// window offering that bundle; a bundle that is not there is an error
// before any window opens, and other names are still commands.
func TestABundleArgumentOpensTheWindowOnIt(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "w.db")
	bundle := filepath.Join(dir, "From The Field.TISCX")
	if err := os.WriteFile(bundle, []byte("not read here"), 0o600); err != nil {
		t.Fatal(err)
	}
	open := func(args ...string) (code int, gotDB, gotBundle, stderr string) {
		var errOut bytes.Buffer
		code = Main(args, System{Stdout: &bytes.Buffer{}, Stderr: &errOut,
			Window: func(string) int { t.Fatalf("the plain window opened for %q", args); return 0 },
			Bundle: func(db, b string) int { gotDB, gotBundle = db, b; return 7 }})
		return code, gotDB, gotBundle, errOut.String()
	}

	if code, gotDB, gotBundle, _ := open("--db", db, bundle); code != 7 || gotDB != db || gotBundle != bundle {
		t.Errorf("tiscdesk --db DB BUNDLE: exit %d, window on %q offering %q", code, gotDB, gotBundle)
	}
	t.Setenv("TISCDESK_DB", db)
	if code, gotDB, gotBundle, _ := open(bundle); code != 7 || gotDB != db || gotBundle != bundle {
		t.Errorf("tiscdesk BUNDLE: exit %d, window on %q offering %q", code, gotDB, gotBundle)
	}
	missing := filepath.Join(dir, "gone.tiscx")
	if code, _, gotBundle, stderr := open(missing); code != ExitFailure || gotBundle != "" || !strings.Contains(stderr, "gone.tiscx") {
		t.Errorf("a missing bundle: exit %d, offered %q, stderr %q", code, gotBundle, stderr)
	}
	if code, _, gotBundle, _ := open(bundle, "extra"); code != ExitUsage || gotBundle != "" {
		t.Errorf("a bundle and more arguments: exit %d, offered %q; want a usage error", code, gotBundle)
	}
}
