package store

import (
	"sync"
	"sync/atomic"
	"testing"
)

// Backups taken while the window keeps writing (the startup backup meets a
// panel's first write): every backup succeeds and is sound. bbolt reads
// the live freelist when it tells a free page (Tx.Page, Tx.Check), so a
// write committed during a backup's snapshot made it zero pages the
// snapshot still used; writes now wait while a backup reads its snapshot.
func TestBackupsWhileWriting(t *testing.T) {
	s := storeWith(t, 300)
	var stop atomic.Bool
	var wg sync.WaitGroup
	wg.Add(1)
	writes := 0
	go func() {
		defer wg.Done()
		for !stop.Load() {
			addInstitutions(t, s, 3, "并发")
			writes++
		}
	}()
	for i := range 8 {
		path, err := s.makeBackup("concurrent", true)
		if err != nil {
			stop.Store(true)
			wg.Wait()
			t.Fatalf("backup %d while writing: %v", i, err)
		}
		problems, err := CheckFile(path)
		if err != nil || len(problems) > 0 {
			t.Errorf("backup %d: %v %v", i, err, problems)
		}
	}
	stop.Store(true)
	wg.Wait()
	if writes == 0 {
		t.Fatal("no write ran while the backups were taken")
	}
}
