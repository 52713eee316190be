package store

import (
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"os"
	"strings"
	"sync"
	"tiscdesk/data/model"

	bolt "go.etcd.io/bbolt"
)

// Writing a backup's copy (backup.go names and rotates them).

// copyChecked writes tx's snapshot of the database to a new temporary file
// in dir (writeCopy), while a second goroutine reads the same snapshot for
// its fingerprint when withFingerprint is set, then runs bbolt's page check
// on the copy while the copy is synced to disk. The copy has the
// snapshot's pages in use byte for byte (free ones are zeroed: scrubFree),
// so a problem the check finds is the database's own: the copy is then
// removed and the error wraps ErrNotDatabase. On success the copy is
// synced and checked, and the caller owns the file at tmp.
//
// The check reads the copy, not the live database: bbolt's Tx.Check
// compares the pages with the database's current freelist, which a
// concurrent write changes under it (a data race, and a false "unreachable
// unfreed" that refused a sound backup: seen when the window's startup
// backup met the Team hub panel's first write). It reads what was written
// through the page cache, before or after the sync alike: the two overlap
// (a 48 MB database: 13 ms to copy, 48 ms to sync, 86-113 ms to check,
// 73-76 ms to fingerprint). The backup of the ten-year database went from
// 841-900 to 676-730 ms (BENCHMARKS.md, issue 21).
func (s *Store) copyChecked(tx *bolt.Tx, dir string, withFingerprint bool) (tmp, fp string, err error) {
	var fpErr error
	var fingerprinted sync.WaitGroup
	if withFingerprint {
		fingerprinted.Go(func() { fp, fpErr = fingerprintOf(s.db, tx) })
	}
	var checkErr error
	f, err := s.writeCopy(tx, dir)
	if err == nil {
		tmp = f.Name()
		synced := make(chan error, 1)
		go func() {
			err := f.Sync()
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			synced <- err
		}()
		checkErr = checkCopy(tmp)
		err = <-synced
	}
	fingerprinted.Wait()
	if damage := cmp.Or(checkErr, fpErr); err == nil && damage != nil {
		err = fmt.Errorf("the database is damaged, so no backup was kept: %w", damage)
	}
	if err != nil {
		if tmp != "" {
			os.Remove(tmp)
		}
		return "", "", err
	}
	return tmp, fp, nil
}

// checkCopy runs bbolt's page-level check over the copy at path, which no
// one writes to.
func checkCopy(path string) (err error) {
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: LockTimeout, ReadOnly: true})
	if err != nil {
		return openError(path, err)
	}
	defer func() {
		if cerr := db.Close(); err == nil {
			err = cerr
		}
	}()
	return db.View(func(tx *bolt.Tx) error { return checkPages(db, tx) })
}

// checkPages runs bbolt's page-level check over tx; the error, wrapping
// ErrNotDatabase, summarises the problems it found.
func checkPages(db *bolt.DB, tx *bolt.Tx) error {
	if problems := pageProblems(db, tx); len(problems) > 0 {
		return fmt.Errorf("%s: %w", summary(problems), model.ErrNotDatabase)
	}
	return nil
}

// pageProblems lists what bbolt's page-level check finds in tx, a
// transaction of db. The check reads every page; their memory is released
// as it goes (releasing).
func pageProblems(db *bolt.DB, tx *bolt.Tx) (problems []Problem) {
	defer releasing(db, tx)()
	for err := range tx.Check() {
		// bbolt reports a page it cannot read as a recovered panic.
		msg, ok := strings.CutPrefix(err.Error(), "panic: ")
		if ok {
			msg = "a page cannot be read: " + strings.TrimPrefix(msg, "assertion failed: ")
		}
		problems = append(problems, Problem{Kind: "database", Message: msg})
	}
	return problems
}

// writeCopy writes tx's snapshot of the database to a new temporary file
// (0600) in dir and returns it open, written but not yet synced: the
// caller syncs and closes it.
func (s *Store) writeCopy(tx *bolt.Tx, dir string) (f *os.File, err error) {
	f, err = os.CreateTemp(dir, "."+stem(s.path)+"-*.tmp")
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if err = f.Chmod(0o600); err != nil {
		return nil, err
	}
	if _, err = tx.WriteTo(copyTarget{f}); err != nil {
		return nil, err
	}
	if err = scrubFree(tx, f); err != nil {
		return nil, err
	}
	return f, nil
}

// copyTarget is the file a copy is written to. Tx.WriteTo writes the two
// meta pages it makes for the snapshot with Write, then hands over the
// data pages as a section of the database file, which ReadFrom copies file
// to file: on Linux the kernel copies them (copy_file_range) without a
// trip through this process's memory, about half the time of a copy through
// a buffer.
type copyTarget struct{ f *os.File }

func (t copyTarget) Write(p []byte) (int, error) { return t.f.Write(p) }

func (t copyTarget) ReadFrom(r io.Reader) (int64, error) {
	if n, ok, err := t.copyFile(r); ok {
		return n, err
	}
	return io.Copy(t.f, r) // *os.File's own ReadFrom copies through a buffer
}

// copyFile copies r file to file when r is what Tx.WriteTo passes: at most
// N bytes of a section of the database file. It reads through a
// descriptor of its own, because the section's file is bbolt's and its
// offset must not move. ok is false when r is something else, or the file
// cannot be opened again as the same file, and nothing has been read.
func (t copyTarget) copyFile(r io.Reader) (n int64, ok bool, err error) {
	lr, isLimited := r.(*io.LimitedReader)
	if !isLimited {
		return 0, false, nil
	}
	sr, isSection := lr.R.(*io.SectionReader)
	if !isSection {
		return 0, false, nil
	}
	outer, base, size := sr.Outer()
	db, isFile := outer.(*os.File)
	pos, err := sr.Seek(0, io.SeekCurrent)
	if !isFile || err != nil {
		return 0, false, nil
	}
	own, err := os.Open(db.Name())
	if err != nil {
		return 0, false, nil
	}
	defer own.Close()
	if !sameOpenFile(db, own) {
		return 0, false, nil
	}
	if _, err := own.Seek(base+pos, io.SeekStart); err != nil {
		return 0, false, nil
	}
	want := min(lr.N, size-pos)
	n, err = t.f.ReadFrom(io.LimitReader(own, want))
	lr.N -= n
	if _, serr := sr.Seek(n, io.SeekCurrent); err == nil {
		err = serr
	}
	return n, true, err
}

func sameOpenFile(a, b *os.File) bool {
	ia, err := a.Stat()
	if err != nil {
		return false
	}
	ib, err := b.Stat()
	return err == nil && os.SameFile(ia, ib)
}

// fingerprintOf hashes every bucket, key and value of tx, a transaction of
// db. It reads every page that holds data, so it also finds pages bbolt
// cannot read; their memory is released as it goes (releasing).
func fingerprintOf(db *bolt.DB, tx *bolt.Tx) (fp string, err error) {
	defer releasing(db, tx)()
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("a page cannot be read (%v): %w", r, model.ErrNotDatabase)
		}
	}()
	h := sha256.New()
	err = tx.ForEach(func(name []byte, b *bolt.Bucket) error {
		hashBucket(h, name, b)
		return nil
	})
	return hex.EncodeToString(h.Sum(nil)[:8]), err
}

func hashBucket(h hash.Hash, name []byte, b *bolt.Bucket) {
	var buf []byte
	field := func(p []byte) {
		buf = binary.AppendUvarint(buf[:0], uint64(len(p)))
		h.Write(buf)
		h.Write(p)
	}
	h.Write([]byte{'B'})
	field(name)
	c := b.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		if v == nil {
			if child := b.Bucket(k); child != nil {
				hashBucket(h, k, child)
				continue
			}
		}
		field(k)
		field(v)
	}
	h.Write([]byte{'E'})
}
