package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"tiscdesk/data"
)

// sampleDB loads the sample into a database of its own folder.
func sampleDB(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "tiscdesk.db")
	if code, _, errOut := run(t, "--db", db, "sample"); code != ExitOK {
		t.Fatalf("sample: %s", errOut)
	}
	return db
}

// damageByHand overwrites the root page of the enrolments with junk, as a
// failing disk would: the header stays intact.
func damageByHand(t *testing.T, path string) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	var page int64
	db.View(func(tx *bolt.Tx) error {
		page = int64(tx.Bucket([]byte("enrolments")).RootPage())
		return nil
	})
	size := int64(db.Info().PageSize)
	db.Close()
	f, _ := os.OpenFile(path, os.O_WRONLY, 0)
	defer f.Close()
	f.WriteAt(bytes.Repeat([]byte("garbage!"), int(size)/8), page*size)
}

// usedBytes is how much of the database file at path its pages fill (the
// file may be longer).
func usedBytes(t *testing.T, path string) int64 {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var used int64
	db.View(func(tx *bolt.Tx) error { used = tx.Size(); return nil })
	return used
}

func TestBackupThenRestore(t *testing.T) {
	db := sampleDB(t)
	_, stats, _ := run(t, "--db", db, "stats", "--json")
	copy := filepath.Join(t.TempDir(), "copy.db")

	code, out, errOut := run(t, "--db", db, "backup", copy)
	if code != ExitOK || !strings.Contains(out, "Backed up "+db+" to "+copy) || !strings.Contains(out, "30 institutions") {
		t.Fatalf("backup FILE: exit %d: %s%s", code, out, errOut)
	}
	if info, _ := os.Stat(copy); info.Mode().Perm() != 0o600 {
		t.Errorf("backup mode %v, want 0600", info.Mode().Perm())
	}
	if code, _, errOut := run(t, "backup", copy, "--db", db); code != ExitFailure || !strings.Contains(errOut, "already exists") {
		t.Fatalf("backup over an existing file: exit %d: %s", code, errOut)
	}

	code, out, _ = run(t, "--db", db, "backup")
	if code != ExitOK || !strings.Contains(out, data.BackupDir(db)) || !strings.Contains(out, "keeps the newest 10") {
		t.Fatalf("backup into the folder: exit %d: %s", code, out)
	}
	if code, out, _ = run(t, "--db", db, "backup"); code != ExitOK || !strings.Contains(out, "already holds exactly this data") {
		t.Fatalf("second backup of the same data: exit %d: %s", code, out)
	}

	run(t, "--db", db, "sample", "--force") // more data after the backup
	code, out, errOut = run(t, "--db", db, "restore", copy)
	if code != ExitOK || !strings.Contains(out, "Restored "+db+" from "+copy) || !strings.Contains(out, "kept as") {
		t.Fatalf("restore: exit %d: %s%s", code, out, errOut)
	}
	if _, now, _ := run(t, "--db", db, "stats", "--json"); now != stats {
		t.Fatalf("after the restore the counts are %s, want the backup's %s", now, stats)
	}
	list, _ := data.ListBackups(db)
	if len(list) == 0 || list[0].Reason != "replaced" || !strings.Contains(out, list[0].Path) {
		t.Fatalf("the replaced database is not kept and named: %+v\n%s", list, out)
	}
}

func TestRestoreRefusesADamagedBackup(t *testing.T) {
	db := sampleDB(t)
	bad := filepath.Join(t.TempDir(), "bad.db")
	run(t, "--db", db, "backup", bad)
	damageByHand(t, bad)
	before, _ := os.ReadFile(db)
	code, _, errOut := run(t, "--db", db, "restore", bad)
	if code != ExitFailure || !strings.Contains(errOut, "the backup is not sound, nothing was changed") || !strings.Contains(errOut, "a page cannot be read") {
		t.Fatalf("restore from a damaged backup: exit %d: %s", code, errOut)
	}
	if strings.Contains(errOut, "--db") {
		t.Errorf("the hint blames the database, not the backup: %s", errOut)
	}
	if after, _ := os.ReadFile(db); !bytes.Equal(before, after) {
		t.Fatal("the database was changed")
	}
}

func TestCheckSaysWhatIsWrong(t *testing.T) {
	db := sampleDB(t)
	if code, out, errOut := run(t, "--db", db, "check"); code != ExitOK || !strings.Contains(out, "is sound") {
		t.Fatalf("check on the sample: exit %d: %s%s", code, out, errOut)
	}
	run(t, "--db", db, "backup") // a sound backup to be offered

	cases := []struct {
		name string
		harm func(path string)
		want []string
	}{
		{"a page overwritten", func(p string) { damageByHand(t, p) },
			[]string{"database: a page cannot be read: ", "is damaged: ", "in its pages, listed above", "The latest sound backup is ", "restore "}},
		{"truncated", func(p string) { os.Truncate(p, usedBytes(t, p)/2) },
			[]string{"is truncated", "The latest sound backup is "}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(filepath.Dir(db), c.name+".db")
			raw, _ := os.ReadFile(db)
			os.WriteFile(path, raw, 0o600)
			os.Link(mustLatest(t, db), filepath.Join(data.BackupDir(path), strings.Replace(filepath.Base(mustLatest(t, db)), "tiscdesk", c.name, 1)))
			c.harm(path)
			before, _ := os.ReadFile(path)
			code, _, errOut := run(t, "--db", path, "check")
			if code != ExitFailure {
				t.Fatalf("check on a damaged file: exit %d", code)
			}
			for _, w := range c.want {
				if !strings.Contains(errOut, w) {
					t.Errorf("check's message lacks %q:\n%s", w, errOut)
				}
			}
			if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
				t.Fatal("check wrote to the damaged file")
			}
		})
	}

	missing := filepath.Join(t.TempDir(), "none.db")
	if code, _, errOut := run(t, "--db", missing, "check"); code != ExitFailure || !strings.Contains(errOut, "does not exist") {
		t.Fatalf("check on a missing file: exit %d: %s", code, errOut)
	}
	if _, err := os.Stat(missing); err == nil {
		t.Fatal("check created the database it was asked to check")
	}
}

func mustLatest(t *testing.T, db string) string {
	t.Helper()
	b, err := data.LatestSoundBackup(db)
	if err != nil {
		t.Fatal(err)
	}
	return b.Path
}

func TestBackupUsage(t *testing.T) {
	db := filepath.Join(t.TempDir(), "u.db")
	for _, args := range [][]string{{"restore"}, {"restore", "a", "b"}, {"backup", "a", "b"}, {"backup", "--nope"}} {
		if code, _, _ := run(t, append([]string{"--db", db}, args...)...); code != ExitUsage {
			t.Errorf("%q: exit %d, want %d", args, code, ExitUsage)
		}
	}
}
