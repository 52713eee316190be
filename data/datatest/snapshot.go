package datatest

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"tiscdesk/data/store"
)

// OpenNamed opens a new database NAME.db in tb's temporary folder, closed
// when the test ends: for tests of several machines, whose bundles and
// messages name them.
func OpenNamed(tb testing.TB, name string) *store.Store {
	tb.Helper()
	s, err := store.Open(filepath.Join(tb.TempDir(), name+".db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

// Copy opens a copy of s's file as NAME.db: the same database in another
// universe (same device id), to bring it the same changes another way or
// in another order and compare.
func Copy(tb testing.TB, s *store.Store, name string) *store.Store {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), name+".db")
	if err := s.BackupTo(path); err != nil {
		tb.Fatal(err)
	}
	c, err := store.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { c.Close() })
	return c
}

// Snapshot is every key and value of the named buckets of s (all of them
// when none is named), keyed "bucket/key", to tell whether anything changed
// or two databases hold the same.
func Snapshot(tb testing.TB, s *store.Store, buckets ...string) map[string]string {
	tb.Helper()
	out := map[string]string{}
	err := s.View(func(tx *store.Tx) error {
		return tx.EachBucket(func(name string, b *store.Bucket) error {
			if len(buckets) > 0 && !slices.Contains(buckets, name) {
				return nil
			}
			return b.ForEach(func(k, v []byte) error {
				out[name+"/"+string(k)] = string(v)
				return nil
			})
		})
	})
	if err != nil {
		tb.Fatal(err)
	}
	return out
}

// SameSnapshots fails tb, naming what is compared and the first
// differences, unless a and b are equal.
func SameSnapshots(tb testing.TB, what string, a, b map[string]string) {
	tb.Helper()
	var d []string
	for k, v := range a {
		if w, ok := b[k]; !ok {
			d = append(d, "only in the first: "+k)
		} else if w != v {
			d = append(d, "differs: "+k+"\n  "+v+"\n  "+w)
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			d = append(d, "only in the second: "+k)
		}
	}
	if len(d) == 0 {
		return
	}
	slices.Sort(d)
	if len(d) > 8 {
		d = append(d[:8], fmt.Sprintf("... and %d more", len(d)-8))
	}
	tb.Fatalf("%s: %d differences:\n%s", what, len(d), strings.Join(d, "\n"))
}
