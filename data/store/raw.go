package store

import (
	"fmt"
	"time"

	"tiscdesk/data/model"

	bolt "go.etcd.io/bbolt"
)

// Raw access, for the bulk work of the rooms above the store: an import
// writing 100,000 encoded enrolments, a merge comparing stored bytes, the
// exchange's own buckets. Writes through a Bucket skip a table's validation
// and rules (the caller has checked what they need), but not the store's
// indexes: the store notes every raw write to enrolments and reads its
// index of their emails again once the transaction commits.

// Bucket is one of the store's buckets within a transaction, valid only
// inside the function given to Update or View.
type Bucket struct {
	b    *bolt.Bucket
	tx   *Tx
	name string
}

// Bucket returns the bucket called name (a table's Name, or ExchangeBucket,
// ConflictsBucket, AliasesBucket). It panics on a name no migration
// creates: that is a programming error, not a state of the file.
//
// A merge asks for a bucket once per record: the transaction keeps the
// buckets it has handed out, so that asking again costs a map lookup and no
// allocation.
func (tx *Tx) Bucket(name string) *Bucket {
	if b, ok := tx.buckets[name]; ok {
		return b
	}
	bb := tx.tx.Bucket([]byte(name))
	if bb == nil {
		panic(fmt.Sprintf("store: no bucket %q", name))
	}
	b := &Bucket{b: bb, tx: tx, name: name}
	if tx.buckets == nil {
		tx.buckets = make(map[string]*Bucket, 4)
	}
	tx.buckets[name] = b
	return b
}

// Get returns the value stored under key, or nil. The bytes are valid only
// within the transaction.
func (b *Bucket) Get(key []byte) []byte { return b.b.Get(key) }

// Put stores value under key. Within a read-write transaction only; bbolt
// keeps key and value until the transaction ends, so the caller must not
// reuse their memory.
func (b *Bucket) Put(key, value []byte) error {
	b.tx.wrotePast(b.name)
	if b.tx.s.historied[b.name] {
		if err := b.tx.keepVersion(b.name, key, b.b.Get(key), value); err != nil {
			return err
		}
	}
	return b.b.Put(key, value)
}

// Delete removes key.
func (b *Bucket) Delete(key []byte) error {
	b.tx.wrotePast(b.name)
	return b.b.Delete(key)
}

// Len is the number of keys in the bucket, tombstones included. It walks
// the keys, releasing the pages read as it goes, rather than asking bbolt
// for the bucket's statistics, which touch every page of the bucket at once:
// the whole file's worth of memory for a moment.
func (b *Bucket) Len() int { return countKeys(b.tx.s.db, b.tx.tx, b.b) }

// Appending says that the keys about to be put are larger than any in the
// bucket (new records' UUIDv7 ids), so that its pages can be filled
// entirely rather than split in halves.
func (b *Bucket) Appending() { b.b.FillPercent = 1 }

// ForEach calls fn with every key and value in key order, until fn returns
// an error, which ForEach returns. A long scan releases the pages of the
// file it has read as it goes (ReleaseMapped), so that reading 200,000
// records does not leave them all resident.
func (b *Bucket) ForEach(fn func(k, v []byte) error) error {
	seen := 0
	err := b.b.ForEach(func(k, v []byte) error {
		if seen++; seen%releaseStride == 0 {
			releaseMapped(b.tx.s.db, b.tx.tx)
		}
		return fn(k, v)
	})
	if seen >= releaseStride {
		releaseMapped(b.tx.s.db, b.tx.tx)
	}
	return err
}

// Prefix calls fn with every key that begins with prefix, and its value,
// in key order, until fn returns an error, which Prefix returns.
func (b *Bucket) Prefix(prefix []byte, fn func(k, v []byte) error) error {
	c := b.b.Cursor()
	for k, v := c.Seek(prefix); k != nil && hasPrefix(k, prefix); k, v = c.Next() {
		if err := fn(k, v); err != nil {
			return err
		}
	}
	return nil
}

func hasPrefix(k, prefix []byte) bool {
	return len(k) >= len(prefix) && string(k[:len(prefix)]) == string(prefix)
}

// Now is the time the transaction stamps on what it writes: the store's
// clock when Update began.
func (tx *Tx) Now() time.Time { return tx.now }

// ID identifies the committed state the transaction reads (Store.Version).
func (tx *Tx) ID() int { return tx.tx.ID() }

// Store is the store the transaction belongs to.
func (tx *Tx) Store() *Store { return tx.s }

// Stamp sets what every write records in m: the time, this device and its
// label, and for a new record (no ID) a new UUIDv7 and the creation time.
// It clears Deleted and MergedInto: a stamped record is live.
func (tx *Tx) Stamp(m *model.Meta) {
	if m.ID == model.NilID {
		m.ID, m.CreatedAt = model.NewID(), tx.now
	}
	m.UpdatedAt, m.UpdatedBy, m.Device, m.Deleted = tx.now, tx.label, tx.s.deviceID, false
	m.MergedInto = model.NilID
}

// EachBucket calls fn with the name of every bucket of the file and the
// bucket, in name order, until fn returns an error, which it returns.
func (tx *Tx) EachBucket(fn func(name string, b *Bucket) error) error {
	return tx.tx.ForEach(func(name []byte, b *bolt.Bucket) error {
		return fn(string(name), &Bucket{b: b, tx: tx, name: string(name)})
	})
}
