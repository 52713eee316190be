package store

import (
	"os"

	bolt "go.etcd.io/bbolt"
)

// scrubFree overwrites with zeros, in the copy f of tx's snapshot, every
// page that is free in that snapshot. A free page still holds what was on
// it: versions of records since rewritten or deleted, and the person a
// forget erased (DESIGN section 14). A backup made after a forget must not
// bring them back, so no copy carries free pages' old bytes.
func scrubFree(tx *bolt.Tx, f *os.File) error {
	size := tx.DB().Info().PageSize
	zero := make([]byte, size)
	for id := 2; ; { // 0 and 1 are the meta pages WriteTo wrote afresh
		info, err := tx.Page(id)
		if err != nil {
			return err
		}
		if info == nil {
			return nil // past the snapshot's last page
		}
		if info.Type == "free" {
			if _, err := f.WriteAt(zero, int64(id)*int64(size)); err != nil {
				return err
			}
			id++
			continue
		}
		id += 1 + info.OverflowCount
	}
}
