package data

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// entity is what every record type is: it carries Meta and validates itself.
type entity interface {
	Metadata() *Meta
	Validate() error
}

// entityPtr ties a record type T to its pointer, which implements entity.
type entityPtr[T any] interface {
	*T
	entity
}

// Table is the bucket of one entity type, keyed by the 16 bytes of the
// record's ID, with JSON values. Deleted records stay as tombstones (their
// Meta only, Deleted set) so that an exchange can carry the deletion; Get,
// List, Each and Count never return them.
type Table[T any, P entityPtr[T]] struct {
	s      *Store
	bucket []byte
	// check runs inside the write transaction after Validate: references to
	// other records and uniqueness rules. It returns field problems.
	check func(tx *Tx, v P) []FieldError
	// cascade deletes the records that depend on the deleted one.
	cascade func(tx *Tx, id ID) error
}

var tombstoneMark = []byte(`"deleted":true`)

// isTombstone: the marker can only occur as Meta's own field, since inside a
// JSON string its quotes would be escaped.
func isTombstone(v []byte) bool { return bytes.Contains(v, tombstoneMark) }

// Get returns the live record with id. Returns ErrNotFound when there is none.
func (t *Table[T, P]) Get(id ID) (P, error) {
	var out P
	err := t.s.View(func(tx *Tx) error {
		var err error
		out, err = t.GetIn(tx, id)
		return err
	})
	return out, err
}

// GetIn is Get within tx.
func (t *Table[T, P]) GetIn(tx *Tx, id ID) (P, error) {
	raw := tx.tx.Bucket(t.bucket).Get(id[:])
	if raw == nil || isTombstone(raw) {
		return nil, fmt.Errorf("get %s %s: %w", t.bucket, id, ErrNotFound)
	}
	v := P(new(T))
	if err := json.Unmarshal(raw, v); err != nil {
		return nil, fmt.Errorf("decode %s %s: %w", t.bucket, id, err)
	}
	return v, nil
}

// Exists reports whether a live record has id.
func (t *Table[T, P]) Exists(tx *Tx, id ID) bool {
	raw := tx.tx.Bucket(t.bucket).Get(id[:])
	return raw != nil && !isTombstone(raw)
}

// Put validates v and saves it. A record with no ID is new: it gets a UUIDv7
// and created_at. updated_at and updated_by are set to now and this device.
// Returns a *ValidationError (errors.Is ErrInvalid) and saves nothing when v
// is not valid; returns ErrNotFound when v has an ID that no live record has.
func (t *Table[T, P]) Put(v P) error {
	return t.s.Update(func(tx *Tx) error { return t.PutIn(tx, v) })
}

// PutIn is Put within tx. On error the caller's transaction should be rolled
// back (return the error from Update's function).
func (t *Table[T, P]) PutIn(tx *Tx, v P) error {
	if err := v.Validate(); err != nil {
		return err
	}
	if t.check != nil {
		if fe := t.check(tx, v); len(fe) > 0 {
			return &ValidationError{Fields: fe}
		}
	}
	m := v.Metadata()
	b := tx.tx.Bucket(t.bucket)
	if m.ID == NilID {
		m.ID = NewID()
		m.CreatedAt = tx.now
	} else {
		old := b.Get(m.ID[:])
		if old == nil || isTombstone(old) {
			return fmt.Errorf("save %s %s: %w", t.bucket, m.ID, ErrNotFound)
		}
		var prev Meta
		if err := json.Unmarshal(old, &prev); err != nil {
			return fmt.Errorf("decode %s %s: %w", t.bucket, m.ID, err)
		}
		m.CreatedAt = prev.CreatedAt
	}
	m.UpdatedAt, m.UpdatedBy, m.Device, m.Deleted = tx.now, tx.s.deviceLabel, tx.s.deviceID, false
	return t.write(b, v)
}

func (t *Table[T, P]) write(b *bolt.Bucket, v P) error {
	m := v.Metadata()
	raw, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encode %s %s: %w", t.bucket, m.ID, err)
	}
	if err := b.Put(m.ID[:], raw); err != nil {
		return fmt.Errorf("save %s %s: %w", t.bucket, m.ID, err)
	}
	return nil
}

// Delete replaces the record with a tombstone, and deletes the records that
// depend on it (an institution's visits, a session's enrolments, a
// programme's cohorts and their students). Returns ErrNotFound when there is
// no live record with id.
func (t *Table[T, P]) Delete(id ID) error {
	return t.s.Update(func(tx *Tx) error { return t.DeleteIn(tx, id) })
}

// DeleteIn is Delete within tx.
func (t *Table[T, P]) DeleteIn(tx *Tx, id ID) error {
	b := tx.tx.Bucket(t.bucket)
	old := b.Get(id[:])
	if old == nil || isTombstone(old) {
		return fmt.Errorf("delete %s %s: %w", t.bucket, id, ErrNotFound)
	}
	var prev Meta
	if err := json.Unmarshal(old, &prev); err != nil {
		return fmt.Errorf("decode %s %s: %w", t.bucket, id, err)
	}
	if t.cascade != nil {
		if err := t.cascade(tx, id); err != nil {
			return err
		}
	}
	stone := Meta{ID: id, CreatedAt: prev.CreatedAt, UpdatedAt: tx.now,
		UpdatedBy: tx.s.deviceLabel, Device: tx.s.deviceID, Deleted: true}
	raw, err := json.Marshal(&stone)
	if err != nil {
		return err
	}
	return b.Put(id[:], raw)
}

// errStop ends an Each early without an error.
var errStop = errors.New("stop")

// EachIn calls fn with every live record in id (creation) order, within tx,
// until fn returns false.
func (t *Table[T, P]) EachIn(tx *Tx, fn func(P) bool) error {
	err := tx.tx.Bucket(t.bucket).ForEach(func(k, raw []byte) error {
		if isTombstone(raw) {
			return nil
		}
		v := P(new(T))
		if err := json.Unmarshal(raw, v); err != nil {
			return fmt.Errorf("decode %s %x: %w", t.bucket, k, err)
		}
		if !fn(v) {
			return errStop
		}
		return nil
	})
	if errors.Is(err, errStop) {
		return nil
	}
	return err
}

// List returns every live record, oldest first.
func (t *Table[T, P]) List() ([]P, error) {
	var out []P
	err := t.s.View(func(tx *Tx) error {
		return t.EachIn(tx, func(v P) bool { out = append(out, v); return true })
	})
	return out, err
}

// Where returns the live records for which keep is true, oldest first.
func (t *Table[T, P]) Where(keep func(P) bool) ([]P, error) {
	var out []P
	err := t.s.View(func(tx *Tx) error {
		return t.EachIn(tx, func(v P) bool {
			if keep(v) {
				out = append(out, v)
			}
			return true
		})
	})
	return out, err
}

// CountIn counts the live records within tx without decoding them.
func (t *Table[T, P]) CountIn(tx *Tx) int {
	n, seen := 0, 0
	_ = tx.tx.Bucket(t.bucket).ForEach(func(_, raw []byte) error {
		if !isTombstone(raw) {
			n++
		}
		if seen++; seen%releaseStride == 0 {
			releaseMapped(t.s.db, tx.tx) // keep the scan's footprint small
		}
		return nil
	})
	if seen >= releaseStride {
		releaseMapped(t.s.db, tx.tx)
	}
	return n
}

// countKeys counts the keys of b, releasing the mapped pages it reads as it
// goes (releaseMapped).
func countKeys(db *bolt.DB, tx *bolt.Tx, b *bolt.Bucket) int {
	n := 0
	c := b.Cursor()
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		if n++; n%releaseStride == 0 {
			releaseMapped(db, tx)
		}
	}
	releaseMapped(db, tx)
	return n
}

// Count is CountIn in its own transaction.
func (t *Table[T, P]) Count() (int, error) {
	n := 0
	err := t.s.View(func(tx *Tx) error { n = t.CountIn(tx); return nil })
	return n, err
}
