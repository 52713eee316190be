package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"tiscdesk/data/model"

	bolt "go.etcd.io/bbolt"
)

// Entity is what every record type is: it carries Meta and validates itself.
type Entity interface {
	Metadata() *model.Meta
	Validate() error
}

// EntityPtr ties a record type T to its pointer, which implements Entity.
type EntityPtr[T any] interface {
	*T
	Entity
}

// Table is the bucket of one entity type, keyed by the 16 bytes of the
// record's ID, with JSON values. Deleted records stay as tombstones (their
// Meta only, Deleted set) so that an exchange can carry the deletion; Get,
// List, Each and Count never return them.
type Table[T any, P EntityPtr[T]] struct {
	s      *Store
	bucket []byte
	name   string // string(bucket), kept to spare the conversion
	// check runs inside the write transaction after Validate: references to
	// other records and uniqueness rules. It returns field problems.
	check func(tx *Tx, v P) []model.FieldError
	// cascade deletes the records that depend on the deleted one.
	cascade func(tx *Tx, id model.ID) error
}

var tombstoneMark = []byte(`"deleted":true`)

// IsTombstone reports whether v is a stored tombstone (Table).  the marker can only occur as Meta's own field, since inside a
// JSON string its quotes would be escaped.
func IsTombstone(v []byte) bool { return bytes.Contains(v, tombstoneMark) }

// Get returns the live record with id. Returns ErrNotFound when there is none.
func (t *Table[T, P]) Get(id model.ID) (P, error) {
	var out P
	err := t.s.View(func(tx *Tx) error {
		var err error
		out, err = t.GetIn(tx, id)
		return err
	})
	return out, err
}

// GetIn is Get within tx.
func (t *Table[T, P]) GetIn(tx *Tx, id model.ID) (P, error) {
	raw := tx.tx.Bucket(t.bucket).Get(id[:])
	if raw == nil || IsTombstone(raw) {
		return nil, fmt.Errorf("get %s %s: %w", t.bucket, id, model.ErrNotFound)
	}
	v := P(new(T))
	if err := json.Unmarshal(raw, v); err != nil {
		return nil, fmt.Errorf("decode %s %s: %w", t.bucket, id, err)
	}
	return v, nil
}

// Exists reports whether a live record has id.
func (t *Table[T, P]) Exists(tx *Tx, id model.ID) bool {
	raw := tx.tx.Bucket(t.bucket).Get(id[:])
	return raw != nil && !IsTombstone(raw)
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
	if err := t.CheckIn(tx, v); err != nil {
		return err
	}
	m := v.Metadata()
	b := tx.tx.Bucket(t.bucket)
	if m.ID != model.NilID {
		old := b.Get(m.ID[:])
		if old == nil || IsTombstone(old) {
			return fmt.Errorf("save %s %s: %w", t.bucket, m.ID, model.ErrNotFound)
		}
		var prev model.Meta
		if err := json.Unmarshal(old, &prev); err != nil {
			return fmt.Errorf("decode %s %s: %w", t.bucket, m.ID, err)
		}
		m.CreatedAt = prev.CreatedAt
	}
	tx.Stamp(m)
	return t.write(tx, v)
}

// Store is the store the table belongs to.
func (t *Table[T, P]) Store() *Store { return t.s }

// Name is the name of the table's bucket (Tx.Bucket).
func (t *Table[T, P]) Name() string { return t.name }

// PutRawIn writes raw, a version from another machine, as it is: its
// metadata are kept, not restamped as Put would. It runs none of the
// table's rules; the one index they keep, the enrolments' emails
// (enrolment_keys.go), is told to read them again.
func (t *Table[T, P]) PutRawIn(tx *Tx, id model.ID, raw []byte) error {
	tx.wrotePast(t.Name())
	b := tx.tx.Bucket(t.bucket)
	if err := tx.keepVersion(t.name, id[:], b.Get(id[:]), raw); err != nil {
		return err
	}
	if err := b.Put(id[:], raw); err != nil {
		return fmt.Errorf("merge %s %s: %w", t.bucket, id, err)
	}
	return nil
}

// EditIn writes v as this device's change, keeping the created_at of prev
// (the stored version, nil when there is none). Unlike PutIn it runs no
// checks: the merge made sure v fits.
func (t *Table[T, P]) EditIn(tx *Tx, v P, prev []byte) error {
	mt := v.Metadata()
	if prev != nil {
		var pm model.Meta
		if err := json.Unmarshal(prev, &pm); err == nil {
			mt.CreatedAt = pm.CreatedAt
		}
	}
	tx.Stamp(mt)
	tx.wrotePast(t.Name())
	return t.write(tx, v)
}

// TombstoneIn deletes record id as this device's change, without the
// cascade of DeleteIn: the merge moves or deletes dependants itself.
func (t *Table[T, P]) TombstoneIn(tx *Tx, id model.ID, prev []byte) error {
	return t.RetireIn(tx, id, prev, model.NilID)
}

// RetireIn is TombstoneIn for a record merged into another, into (NilID
// for none): the tombstone names it, so that the merge travels.
func (t *Table[T, P]) RetireIn(tx *Tx, id model.ID, prev []byte, into model.ID) error {
	var pm model.Meta
	if err := json.Unmarshal(prev, &pm); err != nil {
		return fmt.Errorf("decode %s %s: %w", t.bucket, id, err)
	}
	stone := model.Meta{ID: id, CreatedAt: pm.CreatedAt}
	tx.Stamp(&stone)
	stone.Deleted, stone.MergedInto = true, into
	raw, err := json.Marshal(&stone)
	if err != nil {
		return err
	}
	return t.PutRawIn(tx, id, raw)
}

// CheckIn runs within tx what PutIn checks before it saves: v's own
// validation and the table's rules (references to live records,
// uniqueness). Returns a *ValidationError (errors.Is ErrInvalid).
func (t *Table[T, P]) CheckIn(tx *Tx, v P) error {
	if err := v.Validate(); err != nil {
		return err
	}
	if t.check != nil {
		if fe := t.check(tx, v); len(fe) > 0 {
			return &model.ValidationError{Fields: fe}
		}
	}
	return nil
}

// write encodes v and stores it, keeping the version it replaces.
func (t *Table[T, P]) write(tx *Tx, v P) error {
	m := v.Metadata()
	raw, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encode %s %s: %w", t.bucket, m.ID, err)
	}
	b := tx.tx.Bucket(t.bucket)
	if err := tx.keepVersion(t.name, m.ID[:], b.Get(m.ID[:]), raw); err != nil {
		return err
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
func (t *Table[T, P]) Delete(id model.ID) error {
	return t.s.Update(func(tx *Tx) error { return t.DeleteIn(tx, id) })
}

// DeleteIn is Delete within tx.
func (t *Table[T, P]) DeleteIn(tx *Tx, id model.ID) error {
	b := tx.tx.Bucket(t.bucket)
	old := bytes.Clone(b.Get(id[:])) // the cascade's writes may move the page it lies on
	if old == nil || IsTombstone(old) {
		return fmt.Errorf("delete %s %s: %w", t.bucket, id, model.ErrNotFound)
	}
	var prev model.Meta
	if err := json.Unmarshal(old, &prev); err != nil {
		return fmt.Errorf("decode %s %s: %w", t.bucket, id, err)
	}
	if t.cascade != nil {
		if err := t.cascade(tx, id); err != nil {
			return err
		}
	}
	stone := model.Meta{ID: id, CreatedAt: prev.CreatedAt}
	tx.Stamp(&stone)
	stone.Deleted = true
	raw, err := json.Marshal(&stone)
	if err != nil {
		return err
	}
	if err := tx.keepVersion(t.name, id[:], old, raw); err != nil {
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
		if IsTombstone(raw) {
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
		if !IsTombstone(raw) {
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
