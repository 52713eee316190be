package store

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"tiscdesk/data/model"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// Backups are hot copies of the database (bbolt's Tx.WriteTo: a consistent
// snapshot taken while the store stays open) in a folder called backups
// beside it, named <database>-<UTC time>-<reason>[-<fingerprint>].db and
// rotated: only the newest BackupsToKeep are kept. The fingerprint is a hash
// of every key and value, so a backup of data the newest backup already
// holds is not made again, and starting the program ten times does not push
// last week's backups out of the rotation.

// Backup settings.
const (
	DefaultBackupsToKeep = 10
	MaxBackupsToKeep     = 100
	// LargeWrite is how many records an import or merge must write to be
	// followed by a backup (AfterLargeWrite).
	LargeWrite = 100
)

// ErrNoBackup is returned by LatestSoundBackup when there is no sound backup.
var ErrNoBackup = errors.New("no sound backup")

var keyBackupsToKeep = []byte("backups_keep")

// Backup is one file of the backups folder.
type Backup struct {
	Path   string
	Time   time.Time // when it was made, UTC
	Reason string    // "open", "import", "merge", "manual", "replaced" (the file a restore replaced), ...
	Size   int64
	// Counts is what the backup holds; only LatestSoundBackup fills it in.
	Counts Counts

	fingerprint string
}

// backupMu serialises the backups made by this process, so that rotation
// never races a backup being written.
var backupMu sync.Mutex

// backupFailures remembers, per database, the last automatic backup that
// failed, for Settings to show. A successful backup clears it.
var backupFailures sync.Map // path → error

// BackupDir is the backups folder of the database at dbPath.
func BackupDir(dbPath string) string { return filepath.Join(filepath.Dir(dbPath), "backups") }

// Backup makes a hot backup in the backups folder and rotates it; reason
// (lowercase letters: "open", "import", "merge", "manual") goes into the
// file's name. It returns the backup's path: the newest existing backup's
// when that one already holds exactly the same data.
//
// The copy is written to a temporary file (mode 0600), synced, checked with
// bbolt's page-level check, and only then given its name, so that a backup
// in the folder is always complete. Returns an error wrapping
// ErrNotDatabase, and keeps no copy, when the database turns out to be
// damaged: a damaged copy must never push a sound backup out of the
// rotation.
func (s *Store) Backup(reason string) (string, error) {
	return s.backup(reason, false)
}

// backup is Backup; changed says the caller has just written to the
// database (makeBackup).
func (s *Store) backup(reason string, changed bool) (string, error) {
	path, err := s.makeBackup(reason, changed)
	if err != nil {
		backupFailures.Store(s.path, err)
		return "", fmt.Errorf("back up %s: %w", s.path, err)
	}
	backupFailures.Delete(s.path)
	return path, nil
}

// AfterLargeWrite is the hook imports and merges call once their
// transaction has committed, with the number of records they created,
// changed or deleted. When n reaches LargeWrite it makes a backup (reason
// "import", "merge", ...), so that the state after a big import can be
// restored. A failed backup does not undo the write: the error is returned
// and BackupFailure reports it until a backup succeeds. Returns "" and nil
// when n is below LargeWrite.
func (s *Store) AfterLargeWrite(reason string, n int) (string, error) {
	if n < LargeWrite {
		return "", nil
	}
	return s.backup(reason, true)
}

// BackupFailure is the error of the last backup of this database that
// failed, or nil when the last one succeeded.
func (s *Store) BackupFailure() error {
	if err, ok := backupFailures.Load(s.path); ok {
		return err.(error)
	}
	return nil
}

// BackupsToKeep is how many backups rotation keeps (Settings).
func (s *Store) BackupsToKeep() int {
	s.settingsMu.RLock()
	v := s.backupsToKeep
	s.settingsMu.RUnlock()
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > MaxBackupsToKeep {
		return DefaultBackupsToKeep
	}
	return n
}

// SetBackupsToKeep saves how many backups rotation keeps and removes the
// older ones now. Returns a *ValidationError for field "backups_keep" when n
// is not between 1 and MaxBackupsToKeep.
func (s *Store) SetBackupsToKeep(n int) error {
	if n < 1 || n > MaxBackupsToKeep {
		return &model.ValidationError{Fields: []model.FieldError{{Field: "backups_keep", Message: "must be between 1 and 100"}}}
	}
	if err := s.putMeta(keyBackupsToKeep, strconv.Itoa(n), &s.backupsToKeep); err != nil {
		return err
	}
	backupMu.Lock()
	defer backupMu.Unlock()
	return rotate(s.path, n)
}

// BackupTo writes a hot backup to path (mode 0600), which must not exist.
// Like Backup, it writes a temporary file first and checks it, so path is
// either a complete, sound copy or absent. Returns an error wrapping
// fs.ErrExist when path exists, and one wrapping ErrNotDatabase when the
// database is damaged.
func (s *Store) BackupTo(path string) error {
	if _, err := os.Lstat(path); err == nil {
		return fmt.Errorf("back up to %s: %w", path, fs.ErrExist)
	}
	var tmp string
	s.snapshot.Lock()
	err := s.db.View(func(tx *bolt.Tx) (err error) {
		defer releaseMapped(s.db, tx)
		tmp, _, err = s.copyChecked(tx, filepath.Dir(path), false)
		return err
	})
	s.snapshot.Unlock()
	if err == nil {
		defer os.Remove(tmp)
		err = placeNew(tmp, path)
	}
	if err != nil {
		return fmt.Errorf("back up to %s: %w", path, err)
	}
	syncDir(filepath.Dir(path))
	return nil
}

// makeBackup makes the backup. When changed says the caller has just
// written to the database, the newest backup cannot hold the same data, so
// the fingerprint is taken while the copy is written rather than before.
func (s *Store) makeBackup(reason string, changed bool) (string, error) {
	if !backupReason.MatchString(reason) {
		return "", fmt.Errorf("backup reason %q: expected lowercase letters", reason)
	}
	dir := BackupDir(s.path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	keep := s.BackupsToKeep()
	backupMu.Lock()
	defer backupMu.Unlock()
	removeStaleTemps(dir, s.path)
	existing, err := ListBackups(s.path)
	if err != nil {
		return "", err
	}

	var tmp, fp string
	s.snapshot.Lock() // writes wait until the snapshot is copied (Store.snapshot)
	err = s.db.View(func(tx *bolt.Tx) (err error) {
		defer releaseMapped(s.db, tx)
		if !changed {
			if fp, err = fingerprintOf(s.db, tx); err != nil {
				return err
			}
			if len(existing) > 0 && existing[0].fingerprint == fp {
				return nil // the newest backup holds this very data
			}
			tmp, _, err = s.copyChecked(tx, dir, false)
			return err
		}
		tmp, fp, err = s.copyChecked(tx, dir, true)
		return err
	})
	s.snapshot.Unlock()
	if err != nil {
		return "", err
	}
	if tmp == "" {
		return existing[0].Path, nil
	}
	defer os.Remove(tmp) // once linked, the backup has its own name
	path, err := nameBackup(tmp, s.path, reason, fp)
	if err != nil {
		return "", err
	}
	return path, rotate(s.path, keep)
}

// nameBackup gives a checked temporary copy in the backups folder its
// backup name, never replacing a file: two backups in the same microsecond
// get different times.
func nameBackup(tmp, dbPath, reason, fp string) (string, error) {
	when := time.Now().UTC()
	for range 100 {
		name := stem(dbPath) + "-" + when.Format(backupTimeLayout) + "-" + reason
		if fp != "" {
			name += "-" + fp
		}
		path := filepath.Join(BackupDir(dbPath), name+".db")
		err := placeNew(tmp, path) // csv_write.go: never replaces a file
		if err == nil {
			syncDir(filepath.Dir(path))
			return path, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return "", err
		}
		when = when.Add(time.Microsecond)
	}
	return "", fmt.Errorf("name a backup of %s: too many at once", dbPath)
}

const backupTimeLayout = "20060102-150405.000000"

var backupReason = regexp.MustCompile(`^[a-z]+$`)

// stem is the database's file name without its extension: "tiscdesk".
func stem(dbPath string) string {
	base := filepath.Base(dbPath)
	return strings.TrimSuffix(base, filepath.Ext(base))
}

// ListBackups lists the backups of the database at dbPath, newest first.
// A missing backups folder is no backups. Files of other databases sharing
// the folder, and anything else in it, are left out.
func ListBackups(dbPath string) ([]Backup, error) {
	dir := BackupDir(dbPath)
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("list the backups in %s: %w", dir, err)
	}
	re := backupName(dbPath)
	var out []Backup
	for _, e := range entries {
		m := re.FindStringSubmatch(e.Name())
		if m == nil || !e.Type().IsRegular() {
			continue
		}
		when, err := time.Parse(backupTimeLayout, m[1])
		if err != nil {
			continue
		}
		b := Backup{Path: filepath.Join(dir, e.Name()), Time: when, Reason: m[2], fingerprint: m[3]}
		if info, err := e.Info(); err == nil {
			b.Size = info.Size()
		}
		out = append(out, b)
	}
	slices.SortFunc(out, func(a, b Backup) int { return b.Time.Compare(a.Time) })
	return out, nil
}

// staleTemp matches the names os.CreateTemp gave dbPath's temporary
// copies (not those of a database whose name starts like it: a-2.db's).
func staleTemp(dbPath string) *regexp.Regexp {
	return regexp.MustCompile(`^\.` + regexp.QuoteMeta(stem(dbPath)) + `-(restore-)?\d+\.tmp$`)
}

func backupName(dbPath string) *regexp.Regexp {
	return regexp.MustCompile(`^` + regexp.QuoteMeta(stem(dbPath)) +
		`-(\d{8}-\d{6}\.\d{6})-([a-z]+)(?:-([0-9a-f]{16}))?\.db$`)
}

// rotate removes the backups of dbPath beyond the newest keep.
func rotate(dbPath string, keep int) error {
	list, err := ListBackups(dbPath)
	if err != nil {
		return err
	}
	for _, b := range list[min(keep, len(list)):] {
		if err := os.Remove(b.Path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("rotate backups: %w", err)
		}
	}
	return nil
}

// removeStaleTemps removes the temporary copies a killed backup left behind.
// Callers hold backupMu, and a database is open in one process at a time,
// so no other backup of dbPath is being written.
func removeStaleTemps(dir, dbPath string) {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if staleTemp(dbPath).MatchString(e.Name()) {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// LatestSoundBackup is the newest backup of the database at dbPath that
// VerifyFile finds sound, with its Counts. Returns ErrNoBackup when there
// is none.
func LatestSoundBackup(dbPath string) (Backup, error) {
	list, err := ListBackups(dbPath)
	if err != nil {
		return Backup{}, err
	}
	for _, b := range list {
		if VerifyFile(b.Path) != nil {
			continue
		}
		c, err := countsOf(b.Path)
		if err != nil {
			continue
		}
		b.Counts = c
		return b, nil
	}
	return Backup{}, fmt.Errorf("%s: %w", BackupDir(dbPath), ErrNoBackup)
}

// countsOf counts the records of a sound database file, read-only.
func countsOf(path string) (c Counts, err error) {
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: LockTimeout, ReadOnly: true})
	if err != nil {
		return Counts{}, openError(path, err)
	}
	defer db.Close()
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%s is damaged (%v): %w", path, r, model.ErrNotDatabase)
		}
	}()
	return newStore(db, path).Counts()
}

// CheckFile checks, without writing to it, the file at path: it must be a
// TISC Desk database of a schema this program reads (as Open checks), and
// bbolt's page-level check must find every page in order. Problems lists
// what that check found; an empty list means the file is sound.
//
// Returns an error wrapping ErrNotDatabase when the file is not a TISC Desk
// database or is damaged beyond checking, ErrNewerSchema when a newer TISC
// Desk wrote it, ErrInUse when another program holds it, and fs.ErrNotExist
// when there is no file.
func CheckFile(path string) (problems []Problem, err error) {
	if err := verify(path); err != nil {
		return nil, err
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: LockTimeout, ReadOnly: true})
	if err != nil {
		return nil, openError(path, err)
	}
	defer db.Close()
	err = db.View(func(tx *bolt.Tx) error {
		problems = pageProblems(db, tx)
		return nil
	})
	return problems, err
}

// VerifyFile is CheckFile as one error: nil when the file is sound, else
// an error that says what is wrong (wrapping ErrNotDatabase for damaged
// pages).
func VerifyFile(path string) error {
	problems, err := CheckFile(path)
	if err != nil {
		return err
	}
	if len(problems) == 0 {
		return nil
	}
	return fmt.Errorf("%s is damaged: %s: %w", path, summary(problems), model.ErrNotDatabase)
}

// summary is the first few problems on one line.
func summary(problems []Problem) string {
	const shown = 3
	var parts []string
	for _, p := range problems[:min(shown, len(problems))] {
		parts = append(parts, p.Message)
	}
	out := strings.Join(parts, "; ")
	if len(problems) > shown {
		out += fmt.Sprintf(" and %d more", len(problems)-shown)
	}
	return out
}

// Restore replaces the database at dbPath with the backup at from, which
// VerifyFile must find sound (as must the copy made beside the database): a
// damaged, foreign or newer backup is refused and nothing is touched. The file it
// replaces is kept in the backups folder (reason "replaced"); its path is
// returned ("" when there was no database). At every moment dbPath holds
// either the old database or the whole new one.
//
// The database must not be open: returns an error wrapping ErrInUse when
// another program holds it. A backup that fails the check gives an error
// wrapping ErrNotDatabase or ErrNewerSchema.
func Restore(dbPath, from string) (kept string, err error) {
	if same, _ := sameFile(dbPath, from); same {
		return "", fmt.Errorf("restore %s from itself", dbPath)
	}
	refuse := func(err error) error {
		return fmt.Errorf("restore from %s: the backup is not sound, nothing was changed: %w", from, err)
	}
	if err := VerifyFile(from); err != nil {
		return "", refuse(err)
	}
	tmp, err := copyBeside(dbPath, from)
	if err != nil {
		return "", fmt.Errorf("restore from %s: %w", from, err)
	}
	defer os.Remove(tmp)
	if err := VerifyFile(tmp); err != nil { // what will be the database
		return "", refuse(err)
	}
	if _, err := os.Stat(dbPath); err == nil {
		if err := notInUse(dbPath); err != nil {
			return "", err
		}
		backupMu.Lock()
		kept, err = keepReplaced(dbPath)
		backupMu.Unlock()
		if err != nil {
			return "", fmt.Errorf("keep %s before restoring: %w", dbPath, err)
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return "", err
	}
	if err := os.Rename(tmp, dbPath); err != nil {
		return kept, fmt.Errorf("restore %s: %w", dbPath, err)
	}
	syncDir(filepath.Dir(dbPath))
	return kept, nil
}

func sameFile(a, b string) (bool, error) {
	ia, err := os.Stat(a)
	if err != nil {
		return false, err
	}
	ib, err := os.Stat(b)
	if err != nil {
		return false, err
	}
	return os.SameFile(ia, ib), nil
}

// copyBeside copies from to a new temporary file (0600) in dbPath's folder,
// where a rename can put it in place.
func copyBeside(dbPath, from string) (string, error) {
	src, err := os.Open(from)
	if err != nil {
		return "", err
	}
	defer src.Close()
	dir := filepath.Dir(dbPath)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	dst, err := os.CreateTemp(dir, "."+stem(dbPath)+"-restore-*.tmp")
	if err != nil {
		return "", err
	}
	_, err = io.Copy(dst, src)
	if err == nil {
		err = dst.Chmod(0o600)
	}
	if err == nil {
		err = dst.Sync()
	}
	if cerr := dst.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(dst.Name())
		return "", err
	}
	return dst.Name(), nil
}

// notInUse returns ErrInUse when another program has the database open. A
// file too damaged for bbolt to lock is not open in any TISC Desk: Open
// refuses such files.
func notInUse(dbPath string) error {
	if checkHeader(dbPath) != nil {
		return nil
	}
	db, err := bolt.Open(dbPath, 0o600, &bolt.Options{Timeout: LockTimeout, ReadOnly: true})
	if errors.Is(err, berrors.ErrTimeout) {
		return fmt.Errorf("%s: %w", dbPath, model.ErrInUse)
	}
	if err == nil {
		db.Close()
	}
	return nil
}

// keepReplaced copies the database about to be replaced into the backups
// folder, where it is rotated like any backup. (A hard link would be
// cheaper, but where links are not supported the fallback would move the
// database away before its replacement is in place.)
func keepReplaced(dbPath string) (string, error) {
	dir := BackupDir(dbPath)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	tmp, err := copyBeside(filepath.Join(dir, filepath.Base(dbPath)), dbPath)
	if err != nil {
		return "", err
	}
	defer os.Remove(tmp)
	return nameBackup(tmp, dbPath, "replaced", "")
}

// syncDir makes a new or renamed name in dir durable where the system
// can (Windows cannot sync a folder; the name is there all the same).
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}
