package store

import (
	"syscall"
	"time"

	bolt "go.etcd.io/bbolt"
)

// ReleaseMapped tells the kernel that this process no longer needs the
// database's mapped pages resident. bbolt reads the file through a
// read-only shared mapping, so a full scan (the Overview, the enrolment
// index) leaves every page of a large database counted in the process's
// memory although nothing reads them again until the next scan; the pages
// stay in the page cache and fault back in on the next read.
//
// It runs inside a read transaction: bbolt cannot remap the file while one
// is open, and the transaction's size is within the mapping. Errors are
// ignored: releasing is an optimisation, never needed for correctness.
func (s *Store) ReleaseMapped() {
	_ = s.db.View(func(tx *bolt.Tx) error {
		releaseMapped(s.db, tx)
		return nil
	})
}

// releaseMapped is ReleaseMapped within an open read transaction, for long
// scans to call as they go (a nested View could deadlock behind a writer
// waiting to remap).
func releaseMapped(db *bolt.DB, tx *bolt.Tx) {
	start := db.Info().Data
	size := uintptr(tx.Size())
	if start == 0 || size == 0 {
		return
	}
	_, _, _ = syscall.Syscall(syscall.SYS_MADVISE, start, size, syscall.MADV_DONTNEED)
}

// releaseStride is how many records a long scan reads between releases:
// about 2 MB of enrolments.
const releaseStride = 1 << 12

// releasing releases tx's mapped pages every few milliseconds until the
// returned stop is called, for scans this program cannot pause (bbolt's
// page check) or would rather not thread a counter through. Releasing is
// safe while another goroutine reads the mapping: a page read again faults
// back in from the page cache. Call stop before tx ends.
func releasing(db *bolt.DB, tx *bolt.Tx) (stop func()) {
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		tick := time.NewTicker(releaseEvery)
		defer tick.Stop()
		for {
			select {
			case <-done:
				releaseMapped(db, tx)
				return
			case <-tick.C:
				releaseMapped(db, tx)
			}
		}
	}()
	return func() {
		close(done)
		<-finished
	}
}

// releaseEvery is how often releasing releases: a page check reads about
// 2 MB a millisecond.
const releaseEvery = 5 * time.Millisecond
