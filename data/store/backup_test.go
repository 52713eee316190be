package store

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"tiscdesk/data/model"

	bolt "go.etcd.io/bbolt"
)

// storeWith opens a new database in a folder of its own holding n institutions.
func storeWith(t *testing.T, n int) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "tiscdesk.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	addInstitutions(t, s, n, "机构")
	return s
}

func addInstitutions(t *testing.T, s *Store, n int, prefix string) {
	t.Helper()
	err := s.Update(func(tx *Tx) error {
		for i := range n {
			in := &model.Institution{LocalName: fmt.Sprintf("%s%d", prefix, i), Type: model.TypeLibrary, Province: "CN-SH", Stage: model.StageCandidate}
			if err := s.Institutions.PutIn(tx, in); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func countInstitutions(t *testing.T, path string) int {
	t.Helper()
	c, err := countsOf(path)
	if err != nil {
		t.Fatal(err)
	}
	return c.Institutions
}

func stat(t *testing.T, path string) fs.FileInfo {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return info
}

// damagePage overwrites, in the file at path, the root page of bucket with
// random bytes, as a failing disk or a careless editor would.
func damagePage(t *testing.T, path string, bucket []byte) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	var page int64
	db.View(func(tx *bolt.Tx) error {
		page = int64(tx.Bucket(bucket).RootPage())
		return nil
	})
	size := int64(db.Info().PageSize)
	db.Close()
	if page == 0 {
		t.Fatalf("bucket %s is inline: too small to damage a page of it", bucket)
	}
	writeJunkPage(t, path, page, size)
}

// writeJunkPage overwrites page number page of the file with random bytes.
func writeJunkPage(t *testing.T, path string, page, size int64) {
	t.Helper()
	junk := make([]byte, size)
	r := rand.New(rand.NewPCG(uint64(page), 9))
	for i := range junk {
		junk[i] = byte(r.UintN(256))
	}
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteAt(junk, page*size); err != nil {
		t.Fatal(err)
	}
}

func TestBackupIsSoundPrivateAndSkippedWhenUnchanged(t *testing.T) {
	s := storeWith(t, 50)
	first, err := s.Backup("open")
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Dir(first) != filepath.Join(filepath.Dir(s.Path()), "backups") {
		t.Fatalf("backup %s is not in the backups folder beside the database", first)
	}
	wantPrivate(t, first)
	wantPrivate(t, filepath.Dir(first))
	if err := VerifyFile(first); err != nil {
		t.Fatalf("the backup is not sound: %v", err)
	}
	if n := countInstitutions(t, first); n != 50 {
		t.Fatalf("backup holds %d institutions, want 50", n)
	}

	again, err := s.Backup("open")
	if err != nil || again != first {
		t.Fatalf("a backup of unchanged data gave %q (%v), want the existing %q", again, err, first)
	}
	addInstitutions(t, s, 1, "新")
	changed, err := s.Backup("open")
	if err != nil || changed == first {
		t.Fatalf("a backup after a change gave %q (%v), want a new file", changed, err)
	}
	list, _ := ListBackups(s.Path())
	if len(list) != 2 || list[0].Path != changed || list[0].Reason != "open" {
		t.Fatalf("backups = %+v, want the new one first of two", list)
	}
	if entries, _ := os.ReadDir(filepath.Dir(first)); len(entries) != 2 {
		t.Fatalf("the folder holds %d files, want the 2 backups and no temporary file", len(entries))
	}
}

func TestBackupRotationKeepsTheNewest(t *testing.T) {
	s := storeWith(t, 1)
	if got := s.BackupsToKeep(); got != DefaultBackupsToKeep {
		t.Fatalf("default backups to keep = %d, want %d", got, DefaultBackupsToKeep)
	}
	for _, bad := range []int{0, -1, MaxBackupsToKeep + 1} {
		err := s.SetBackupsToKeep(bad)
		var ve *model.ValidationError
		if !errors.As(err, &ve) || ve.Message("backups_keep") == "" {
			t.Errorf("SetBackupsToKeep(%d) = %v, want a validation error on backups_keep", bad, err)
		}
	}
	if err := s.SetBackupsToKeep(3); err != nil {
		t.Fatal(err)
	}
	var made []string
	for i := range 5 {
		addInstitutions(t, s, 1, fmt.Sprintf("轮换%d-", i))
		p, err := s.Backup("manual")
		if err != nil {
			t.Fatal(err)
		}
		made = append(made, p)
	}
	list, _ := ListBackups(s.Path())
	if len(list) != 3 {
		t.Fatalf("%d backups kept, want 3", len(list))
	}
	for i, b := range list {
		if b.Path != made[4-i] {
			t.Fatalf("kept %s at %d, want %s: the newest three", b.Path, i, made[4-i])
		}
	}
	// Keeping fewer removes the extra ones at once; the setting survives a restart.
	if err := s.SetBackupsToKeep(1); err != nil {
		t.Fatal(err)
	}
	if list, _ := ListBackups(s.Path()); len(list) != 1 || list[0].Path != made[4] {
		t.Fatalf("after keeping 1: %+v", list)
	}
	path := s.Path()
	s.Close()
	s2, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if got := s2.BackupsToKeep(); got != 1 {
		t.Fatalf("after reopening, backups to keep = %d, want 1", got)
	}
}

func TestListBackupsKeepsToItsOwnDatabase(t *testing.T) {
	dir := t.TempDir()
	a, _ := Open(filepath.Join(dir, "a.db"))
	defer a.Close()
	b, _ := Open(filepath.Join(dir, "a-2.db"))
	defer b.Close()
	if _, err := a.Backup("open"); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Backup("open"); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "backups", "a-notes.txt"), []byte("x"), 0o600)
	for _, s := range []*Store{a, b} {
		list, _ := ListBackups(s.Path())
		if len(list) != 1 || !strings.HasPrefix(filepath.Base(list[0].Path), stem(s.Path())+"-2") {
			t.Errorf("backups of %s: %+v", s.Path(), list)
		}
	}
}

func TestAfterLargeWrite(t *testing.T) {
	s := storeWith(t, 1)
	if p, err := s.AfterLargeWrite("import", LargeWrite-1); p != "" || err != nil {
		t.Fatalf("a small write made a backup: %q, %v", p, err)
	}
	p, err := s.AfterLargeWrite("merge", LargeWrite)
	if err != nil || !strings.Contains(filepath.Base(p), "-merge-") {
		t.Fatalf("a large write gave %q, %v; want a merge backup", p, err)
	}
	if s.BackupFailure() != nil {
		t.Fatalf("BackupFailure = %v after a good backup", s.BackupFailure())
	}
	// Its fingerprint, taken beside the copy, is the one the next start
	// compares: nothing changed, so no second backup.
	if again, err := s.Backup("open"); err != nil || again != p {
		t.Fatalf("backup at the next start gave %q, %v; want the merge backup %q", again, err, p)
	}
}

func TestBackupOfADamagedDatabaseKeepsNothing(t *testing.T) {
	s := storeWith(t, 300)
	good, err := s.Backup("open")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetBackupsToKeep(1); err != nil {
		t.Fatal(err)
	}
	path := s.Path()
	// A page goes bad while the program has the file open (Open refuses a
	// file already damaged: TestOpenRefusesADamagedPage).
	var page int64
	s.db.View(func(tx *bolt.Tx) error {
		page = int64(tx.Bucket(bucketInstitutions).RootPage())
		return nil
	})
	writeJunkPage(t, path, page, int64(s.db.Info().PageSize))
	defer s.Close()
	_, err = s.Backup("open")
	if !errors.Is(err, model.ErrNotDatabase) || !strings.Contains(err.Error(), "damaged") {
		t.Fatalf("backup of a damaged database: %v, want a damage error", err)
	}
	// After a large write the fingerprint and the check run beside the copy.
	_, err = s.AfterLargeWrite("import", LargeWrite)
	if !errors.Is(err, model.ErrNotDatabase) || !strings.Contains(err.Error(), "damaged") {
		t.Fatalf("backup after a large write to a damaged database: %v, want a damage error", err)
	}
	if !errors.Is(s.BackupFailure(), model.ErrNotDatabase) {
		t.Fatalf("BackupFailure = %v, want the damage", s.BackupFailure())
	}
	list, _ := ListBackups(path)
	if len(list) != 1 || list[0].Path != good {
		t.Fatalf("backups = %+v: the sound backup must stay and no damaged copy be kept", list)
	}
	if entries, _ := os.ReadDir(BackupDir(path)); len(entries) != 1 {
		t.Fatalf("the backups folder holds %d files, want 1", len(entries))
	}
	// Check says what is wrong instead of crashing on the damaged page.
	problems, err := s.Check()
	if err != nil || len(problems) == 0 || problems[0].Kind != "database" {
		t.Fatalf("Check = %v, %v; want page problems", problems, err)
	}
}

// A backup's file is Tx.WriteTo's snapshot byte for byte, though its data
// pages are copied file to file, but for its free pages, which hold zeros
// (scrubFree).
func TestBackupCopyIsTheSnapshot(t *testing.T) {
	s := storeWith(t, 300)
	err := s.db.View(func(tx *bolt.Tx) error {
		var want bytes.Buffer
		if _, err := tx.WriteTo(&want); err != nil {
			return err
		}
		f, err := s.writeCopy(tx, t.TempDir())
		if err != nil {
			return err
		}
		f.Close()
		got, err := os.ReadFile(f.Name())
		if err != nil {
			return err
		}
		snap, size := want.Bytes(), s.db.Info().PageSize
		free := 0
		for id := 2; id*size < len(snap); id++ {
			if info, _ := tx.Page(id); info != nil && info.Type == "free" {
				free++
				copy(snap[id*size:(id+1)*size], make([]byte, size))
			}
		}
		if free == 0 {
			t.Error("no free page in the snapshot: the test does not see the scrub")
		}
		if !bytes.Equal(got, snap) {
			t.Errorf("the copy (%d bytes) differs from the snapshot (%d bytes) with its %d free pages zeroed", len(got), want.Len(), free)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// copyFile copies a section of a file through its own descriptor: the
// section's file (bbolt's) keeps its offset, and the limit is kept.
func TestCopyFileLeavesTheSourceOffsetAlone(t *testing.T) {
	dir := t.TempDir()
	content := bytes.Repeat([]byte("0123456789abcdef"), 10000)
	src := filepath.Join(dir, "src")
	if err := os.WriteFile(src, content, 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	dst, err := os.Create(filepath.Join(dir, "dst"))
	if err != nil {
		t.Fatal(err)
	}
	defer dst.Close()
	sr := io.NewSectionReader(f, 100, 50000)
	lr := &io.LimitedReader{R: sr, N: 30000}
	n, ok, err := copyTarget{dst}.copyFile(lr)
	if !ok || err != nil || n != 30000 || lr.N != 0 {
		t.Fatalf("copyFile = %d, %v, %v; N left %d", n, ok, err, lr.N)
	}
	if off, _ := f.Seek(0, io.SeekCurrent); off != 0 {
		t.Fatalf("the source's offset moved to %d", off)
	}
	got, _ := os.ReadFile(dst.Name())
	if !bytes.Equal(got, content[100:30100]) {
		t.Fatal("the copy differs from the section")
	}
	// Anything else is left to io.Copy.
	if _, ok, _ := (copyTarget{dst}).copyFile(bytes.NewReader(content)); ok {
		t.Fatal("copyFile took a reader that is not a file's section")
	}
}

func TestOpenRefusesADamagedPage(t *testing.T) {
	s := storeWith(t, 300)
	path := s.Path()
	s.Close()
	damagePage(t, path, bucketInstitutions)
	before, _ := os.ReadFile(path)
	if _, err := Open(path); !errors.Is(err, model.ErrNotDatabase) || !strings.Contains(err.Error(), "a page cannot be read") {
		t.Fatalf("Open of a page-damaged file: %v, want a damage error", err)
	}
	after, _ := os.ReadFile(path)
	if !bytes.Equal(before, after) {
		t.Fatal("the damaged file was changed")
	}
}

func TestBackupTo(t *testing.T) {
	s := storeWith(t, 20)
	out := filepath.Join(t.TempDir(), "copy.db")
	if err := s.BackupTo(out); err != nil {
		t.Fatal(err)
	}
	wantPrivate(t, out)
	if n := countInstitutions(t, out); n != 20 {
		t.Fatalf("copy holds %d institutions, want 20", n)
	}
	before, _ := os.ReadFile(out)
	addInstitutions(t, s, 1, "后")
	if err := s.BackupTo(out); !errors.Is(err, fs.ErrExist) {
		t.Fatalf("BackupTo an existing file: %v, want fs.ErrExist", err)
	}
	if after, _ := os.ReadFile(out); !bytes.Equal(before, after) {
		t.Fatal("an existing file was overwritten")
	}
	if entries, _ := os.ReadDir(filepath.Dir(out)); len(entries) != 1 {
		t.Fatalf("%d files beside the copy, want none", len(entries)-1)
	}
}

func TestCheckFileNeverWrites(t *testing.T) {
	s := storeWith(t, 300)
	path := s.Path()
	s.Close()
	if problems, err := CheckFile(path); err != nil || len(problems) != 0 {
		t.Fatalf("sound file: %v, %v", problems, err)
	}
	damagePage(t, path, bucketInstitutions)
	before, _ := os.ReadFile(path)
	problems, err := CheckFile(path)
	if err != nil || len(problems) == 0 {
		t.Fatalf("damaged page: %v, %v; want problems", problems, err)
	}
	if err := VerifyFile(path); !errors.Is(err, model.ErrNotDatabase) || !strings.Contains(err.Error(), "is damaged: ") {
		t.Fatalf("VerifyFile = %v", err)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Fatal("checking changed the file")
	}
	if _, err := CheckFile(filepath.Join(t.TempDir(), "none.db")); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("missing file: %v, want fs.ErrNotExist", err)
	}
}

func TestRestoreAGoodBackup(t *testing.T) {
	s := storeWith(t, 10)
	backup, err := s.Backup("manual")
	if err != nil {
		t.Fatal(err)
	}
	addInstitutions(t, s, 5, "之后")
	path := s.Path()
	s.Close()
	os.Chmod(backup, 0o644) // a copy someone made readable: the restored file is private all the same
	kept, err := Restore(path, backup)
	if err != nil {
		t.Fatal(err)
	}
	wantPrivate(t, path) // the restored database
	wantPrivate(t, kept)
	if n := countInstitutions(t, kept); n != 15 {
		t.Fatalf("the replaced file kept holds %d institutions, want 15", n)
	}
	list, _ := ListBackups(path)
	if len(list) != 2 || list[0].Path != kept || list[0].Reason != "replaced" {
		t.Fatalf("backups after restore: %+v, want the replaced file first", list)
	}
	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if c, _ := s.Counts(); c.Institutions != 10 {
		t.Fatalf("restored database holds %d institutions, want 10", c.Institutions)
	}
	if problems, _ := s.Check(); len(problems) != 0 {
		t.Fatalf("restored database: %v", problems)
	}
}

func TestRestoreIntoAMissingDatabase(t *testing.T) {
	s := storeWith(t, 3)
	copy := filepath.Join(t.TempDir(), "copy.db")
	if err := s.BackupTo(copy); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "new", "tiscdesk.db")
	kept, err := Restore(path, copy)
	if err != nil || kept != "" {
		t.Fatalf("Restore = %q, %v", kept, err)
	}
	if n := countInstitutions(t, path); n != 3 {
		t.Fatalf("restored %d institutions, want 3", n)
	}
}

func TestRestoreRefusesADamagedBackup(t *testing.T) {
	s := storeWith(t, 300)
	goodCopy := filepath.Join(t.TempDir(), "good.db")
	if err := s.BackupTo(goodCopy); err != nil {
		t.Fatal(err)
	}
	path := s.Path()
	s.Close()
	good, _ := os.ReadFile(goodCopy)

	pageDamaged := filepath.Join(t.TempDir(), "page.db")
	os.WriteFile(pageDamaged, good, 0o600)
	damagePage(t, pageDamaged, bucketInstitutions)
	newer := filepath.Join(t.TempDir(), "newer.db")
	os.WriteFile(newer, good, 0o600)
	db, _ := bolt.Open(newer, 0o600, nil)
	db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Put(keySchema, []byte("99")) })
	db.Close()
	write := func(name string, content []byte) string {
		p := filepath.Join(t.TempDir(), name)
		os.WriteFile(p, content, 0o600)
		return p
	}
	cases := []struct {
		name, backup string
		want         error
	}{
		{"truncated", write("half.db", good[:len(good)/2]), model.ErrNotDatabase},
		{"empty", write("empty.db", nil), model.ErrNotDatabase},
		{"a spreadsheet", write("roster.db", []byte("name,email\n张伟,z@x.cn\n")), model.ErrNotDatabase},
		{"another program's bbolt file", write("foreign.db", foreignBolt(t)), model.ErrNotDatabase},
		{"a damaged page", pageDamaged, model.ErrNotDatabase},
		{"written by a newer TISC Desk", newer, model.ErrNewerSchema},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before, _ := os.ReadFile(path)
			_, err := Restore(path, c.backup)
			if !errors.Is(err, c.want) || !strings.Contains(err.Error(), "nothing was changed") {
				t.Fatalf("Restore = %v, want %v and that nothing was changed", err, c.want)
			}
			after, _ := os.ReadFile(path)
			if !bytes.Equal(before, after) {
				t.Fatal("the current database was changed")
			}
			if list, _ := ListBackups(path); len(list) != 0 {
				t.Fatalf("a refused restore left backups: %+v", list)
			}
			entries, _ := os.ReadDir(filepath.Dir(path))
			if len(entries) != 1 {
				t.Fatalf("files beside the database: %d, want only the database", len(entries))
			}
		})
	}
}

func TestRestoreRefusesWhileTheDatabaseIsOpen(t *testing.T) {
	s := storeWith(t, 3)
	copy := filepath.Join(t.TempDir(), "copy.db")
	s.BackupTo(copy)
	before, _ := os.ReadFile(s.Path())
	if _, err := Restore(s.Path(), copy); !errors.Is(err, model.ErrInUse) {
		t.Fatalf("Restore over an open database: %v, want ErrInUse", err)
	}
	if after, _ := os.ReadFile(s.Path()); !bytes.Equal(before, after) {
		t.Fatal("the open database was changed")
	}
	if _, err := Restore(s.Path(), s.Path()); err == nil {
		t.Fatal("restoring a database from itself succeeded")
	}
}

func TestLatestSoundBackupSkipsDamagedOnes(t *testing.T) {
	s := storeWith(t, 300)
	path := s.Path()
	if _, err := LatestSoundBackup(path); !errors.Is(err, ErrNoBackup) {
		t.Fatalf("no backups yet: %v, want ErrNoBackup", err)
	}
	older, err := s.Backup("open")
	if err != nil {
		t.Fatal(err)
	}
	addInstitutions(t, s, 10, "新增")
	newer, err := s.Backup("import")
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	got, err := LatestSoundBackup(path)
	if err != nil || got.Path != newer || got.Counts.Institutions != 310 || got.Reason != "import" {
		t.Fatalf("LatestSoundBackup = %+v, %v; want the newer with 310 institutions", got, err)
	}
	damagePage(t, newer, bucketInstitutions)
	got, err = LatestSoundBackup(path)
	if err != nil || got.Path != older || got.Counts.Institutions != 300 {
		t.Fatalf("with the newest damaged: %+v, %v; want the older one", got, err)
	}
	os.Truncate(older, 8192)
	if _, err := LatestSoundBackup(path); !errors.Is(err, ErrNoBackup) {
		t.Fatalf("with both damaged: %v, want ErrNoBackup", err)
	}
}

func TestStaleTemporaryCopiesAreRemoved(t *testing.T) {
	s := storeWith(t, 1)
	dir := BackupDir(s.Path())
	os.MkdirAll(dir, 0o700)
	stale := filepath.Join(dir, ".tiscdesk-123.tmp")
	os.WriteFile(stale, []byte("half a backup"), 0o600)
	other := filepath.Join(dir, ".tiscdesk-2-123.tmp")
	os.WriteFile(other, []byte("tiscdesk-2.db's backup being written"), 0o600)
	if _, err := s.Backup("open"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); !errors.Is(err, fs.ErrNotExist) {
		t.Error("a killed backup's temporary copy was left behind")
	}
	if _, err := os.Stat(other); err != nil {
		t.Error("another database's file was removed")
	}
}
