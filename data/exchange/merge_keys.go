package exchange

import (
	"bytes"
	"encoding/json"
	"fmt"
	"tiscdesk/data/model"
	"tiscdesk/data/store"

	"github.com/google/uuid"
)

// The merge's rules for references and identities (see merge.go): records
// whose parent is gone are kept aside, or follow their parent's deletion;
// records entered on two machines under two ids are merged into one.

// liveRecord follows id through the aliases of merged duplicates to a live
// record of bucket; ok is false when there is none.
func liveRecord(tx *store.Tx, bucket string, id model.ID) (model.ID, bool) {
	b, aliases := tx.Bucket(bucket), tx.Bucket(store.AliasesBucket)
	for range 8 { // an alias chain is short; a loop would be damage
		if raw := b.Get(id[:]); raw != nil && !store.IsTombstone(raw) {
			return id, true
		}
		next := aliases.Get(id[:])
		if len(next) != len(id) {
			return model.NilID, false
		}
		copy(id[:], next)
	}
	return model.NilID, false
}

func (m *merger) died(bucket string, id model.ID) {
	set := m.dead[bucket]
	if set == nil {
		set = map[model.ID]bool{}
		m.dead[bucket] = set
	}
	set[id] = true
}

func (m *merger) movedTo(bucket string, from, to model.ID) {
	moved := m.moved[bucket]
	if moved == nil {
		moved = map[model.ID]model.ID{}
		m.moved[bucket] = moved
	}
	moved[from] = to
}

// keyIndex is the natural-key index of k's live records.
func (k *kind[T, P]) keyIndex(m *merger) (map[string]model.ID, error) {
	if idx, ok := m.keys[k.name()]; ok {
		return idx, nil
	}
	idx := map[string]model.ID{}
	err := k.t.EachIn(m.tx, func(v P) bool {
		key, id := k.key(v), v.Metadata().ID
		if key == "" {
			return true
		}
		if held, ok := idx[key]; !ok || bytes.Compare(id[:], held[:]) < 0 {
			idx[key] = id
		}
		return true
	})
	m.keys[k.name()] = idx
	return idx, err
}

// holder is the live record that holds key, checked against the table.
func (k *kind[T, P]) holder(m *merger, idx map[string]model.ID, key string) (model.ID, P, []byte) {
	id, ok := idx[key]
	if !ok {
		return model.NilID, nil, nil
	}
	raw := m.tx.Bucket(k.t.Name()).Get(id[:])
	if raw == nil || store.IsTombstone(raw) {
		return model.NilID, nil, nil
	}
	v := P(new(T))
	if json.Unmarshal(raw, v) != nil || k.key(v) != key {
		return model.NilID, nil, nil // the record changed its key since the index was made
	}
	return id, v, bytes.Clone(raw)
}

// claimKey makes v the holder of its natural key, unless another live
// record with a smaller (older) id holds it: that one stays on every
// machine, and v is recorded as its duplicate (claimKey returns false and
// the record kept, into: do not write v). When v's id is the smaller, the
// holder is retired: deleted here with a tombstone that names v, aliased to
// v, and its dependants moved to v when their kind is merged.
func (k *kind[T, P]) claimKey(m *merger, v P, raw []byte) (keep bool, into model.ID, err error) {
	key, id := k.key(v), v.Metadata().ID
	if key == "" {
		return true, model.NilID, nil
	}
	idx, err := k.keyIndex(m)
	if err != nil {
		return false, model.NilID, err
	}
	if idx[key] == id {
		return true, model.NilID, nil // it holds its key already: nothing to read
	}
	held, _, heldRaw := k.holder(m, idx, key)
	if held == model.NilID || held == id {
		idx[key] = id
		return true, model.NilID, nil
	}
	m.kr.Duplicates++
	if bytes.Compare(held[:], id[:]) < 0 {
		if err := m.alias(id, held); err != nil {
			return false, model.NilID, err
		}
		if k.sameContent(raw, heldRaw) {
			return false, held, nil
		}
		return false, held, m.conflict(k, ConflictDuplicate, held, raw, *v.Metadata())
	}
	m.before(k.name(), held, heldRaw)
	if err := k.t.RetireIn(m.tx, held, heldRaw, id); err != nil {
		return false, model.NilID, err
	}
	if err := m.alias(held, id); err != nil {
		return false, model.NilID, err
	}
	m.movedTo(k.name(), held, id)
	idx[key] = id
	if k.sameContent(raw, heldRaw) {
		return true, model.NilID, nil
	}
	return true, model.NilID, m.conflict(k, ConflictDuplicate, id, heldRaw, *v.Metadata())
}

// setAside puts cur, the version here of a record another machine merged
// into into as its duplicate by natural key, in the conflict list when it
// said something else than the record kept: the entry claimKey made there
// (the same ConflictKey), so that this machine's list shows it too. A
// record merged by hand under another key is not a conflict: a person
// chose what to keep.
func (k *kind[T, P]) setAside(m *merger, into model.ID, cur []byte) error {
	if k.key == nil {
		return nil
	}
	kept, ok := liveRecord(m.tx, k.t.Name(), into)
	if !ok {
		return nil
	}
	keptRaw := m.tx.Bucket(k.t.Name()).Get(kept[:])
	v, kv := P(new(T)), P(new(T))
	if json.Unmarshal(cur, v) != nil || json.Unmarshal(keptRaw, kv) != nil {
		return nil // nothing to compare: the merge itself goes on
	}
	if k.parentOf != nil {
		if to, ok := liveRecord(m.tx, k.parent, *k.parentOf(v)); ok {
			*k.parentOf(v) = to
		}
	}
	if key := k.key(v); key == "" || key != k.key(kv) {
		return nil
	}
	lost, err := json.Marshal(v)
	if err != nil {
		return err
	}
	if k.sameContent(lost, keptRaw) {
		return nil
	}
	return m.conflict(k, ConflictDuplicate, kept, lost, *v.Metadata())
}

func (m *merger) alias(from, to model.ID) error {
	return m.tx.Bucket(store.AliasesBucket).Put(bytes.Clone(from[:]), bytes.Clone(to[:]))
}

// unalias forgets that id was merged into another record: it is live again
// (a merge undone, DESIGN section 8).
func (m *merger) unalias(id model.ID) error {
	b := m.tx.Bucket(store.AliasesBucket)
	if b.Get(id[:]) == nil {
		return nil
	}
	return b.Delete(bytes.Clone(id[:]))
}

// repoint moves the records of k whose parent this merge retired as a
// duplicate to the parent kept, as this device's edit. A parent merged
// into one that is not live here counts as deleted (cascade).
//
// A merge runs it after the records of k that arrived: those the sender
// had moved already come with the sender's version, stamped when the
// sender merged, and only the rest is moved here, stamped now. Moved here
// first, a record would carry this merge's time, later than the sender's,
// and outlive an undo of the merge made in between on the sender
// (TestMergeByHandThenItsUndoInALaterBundle): the undo's versions would
// lose to it, and the references stay on the record kept.
func (k *kind[T, P]) repoint(m *merger) error {
	moved := m.moved[string(k.parent)]
	if k.parentOf == nil || len(moved) == 0 {
		return nil
	}
	to := map[model.ID]model.ID{}
	for from := range moved {
		if live, ok := liveRecord(m.tx, k.parent, from); ok {
			to[from] = live
		} else {
			m.died(k.parent, from)
		}
	}
	// Only the records that move are decoded: the reference is read from
	// the JSON first (run after the bundle's records, the table holds those
	// too, most of which stay where they are).
	var move []P
	field := []byte(`"` + k.field + `":"`)
	b := m.tx.Bucket(k.t.Name())
	if err := b.ForEach(func(key, raw []byte) error {
		if store.IsTombstone(raw) {
			return nil
		}
		if ref, ok := quickRef(raw, field); ok {
			if _, moves := to[ref]; !moves {
				return nil
			}
		}
		v := P(new(T))
		if err := json.Unmarshal(raw, v); err != nil {
			return fmt.Errorf("decode %s %x: %w", k.name(), key, err)
		}
		if _, ok := to[*k.parentOf(v)]; ok {
			move = append(move, v)
		}
		return nil
	}); err != nil {
		return err
	}
	for _, v := range move {
		id := v.Metadata().ID
		prev := bytes.Clone(b.Get(id[:]))
		if store.IsTombstone(prev) {
			continue // retired meanwhile as the duplicate of another one moved
		}
		m.before(k.name(), id, prev)
		*k.parentOf(v) = to[*k.parentOf(v)]
		if k.key != nil {
			raw, err := json.Marshal(v)
			if err != nil {
				return err
			}
			keep, into, err := k.claimKey(m, v, raw)
			if err != nil {
				return err
			}
			if !keep {
				if err := k.t.RetireIn(m.tx, id, prev, into); err != nil {
					return err
				}
				m.movedTo(k.name(), id, into)
				continue
			}
		}
		if err := k.t.EditIn(m.tx, v, prev); err != nil {
			return err
		}
		m.kr.Updated++
	}
	return nil
}

// quickRef reads the id that follows field ("name":") in a record's JSON,
// without decoding it; ok is false when it is not there as an id. A
// record's fields are flat and its text is escaped, so the first match is
// the field itself.
func quickRef(raw, field []byte) (model.ID, bool) {
	i := bytes.Index(raw, field)
	if i < 0 || len(raw) < i+len(field)+37 || raw[i+len(field)+36] != '"' {
		return model.NilID, false
	}
	id, err := uuid.ParseBytes(raw[i+len(field) : i+len(field)+36])
	return id, err == nil
}

// cascade deletes the live records of k whose parent this merge deleted, as
// deleting the parent here would have. Those the sender had not seen go
// to the conflict list: the deletion there could not take them into account.
func (k *kind[T, P]) cascade(m *merger) error {
	dead := m.dead[string(k.parent)]
	if k.parentOf == nil || len(dead) == 0 {
		return nil
	}
	var gone []P
	if err := k.t.EachIn(m.tx, func(v P) bool {
		if dead[*k.parentOf(v)] {
			gone = append(gone, v)
		}
		return true
	}); err != nil {
		return err
	}
	b := m.tx.Bucket(k.t.Name())
	for _, v := range gone {
		mt := *v.Metadata()
		prev := bytes.Clone(b.Get(mt.ID[:]))
		if err := k.t.TombstoneIn(m.tx, mt.ID, prev); err != nil {
			return err
		}
		m.kr.Deleted++
		m.died(k.t.Name(), mt.ID)
		if !m.peerKnew(mt) {
			stone := model.Meta{ID: mt.ID, UpdatedAt: m.tx.Now(), UpdatedBy: m.tx.Store().DeviceLabel(), Device: m.self, Deleted: true}
			if err := m.conflict(k, ConflictOrphan, mt.ID, prev, stone); err != nil {
				return err
			}
		}
	}
	return nil
}
