package exchange

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"
	"tiscdesk/data/model"
	"tiscdesk/data/store"
)

// A merge by hand (DESIGN section 8): a person who finds two records of one
// thing in the Duplicates view merges the second into the first, choosing
// field by field which record's value to keep. The first is saved with the
// values chosen, the records that referred to the second move to it, and
// the second becomes a tombstone that names the first. All of it is written
// as this device's changes, so it travels by bundle and hub like any edit;
// a receiving machine moves its own references as the tombstone says.
//
// The merge remembers every version it replaced, here only, so that Undo
// can restore them: the two records as they were, the references back on
// the second. The undo is new versions again, so it travels too, and a
// machine that sees the second record live again forgets its alias.

// ErrMergeKind: the records cannot be merged by hand (not of one kind, not
// live, the same record, or a kind that is not merged so).
var ErrMergeKind = errors.New("these records cannot be merged")

// ErrUndone: the merge was undone already, or is not known here.
var ErrUndone = errors.New("the merge is not one that can be undone here")

// HandMerge is a merge by hand, as this database remembers it.
type HandMerge struct {
	ID     model.ID  `json:"id"`
	Kind   string    `json:"kind"`
	Keep   model.ID  `json:"keep"`
	Drop   model.ID  `json:"drop"`
	Fields []string  `json:"fields,omitempty"` // the fields taken from Drop
	At     time.Time `json:"at"`
	Undone bool      `json:"undone,omitempty"`
	// Before holds each record the merge changed as it was before.
	Before []RecordVersion `json:"before"`
}

// RecordVersion is one stored version of a record of some kind.
type RecordVersion struct {
	Kind string          `json:"kind"`
	ID   model.ID        `json:"id"`
	Raw  json.RawMessage `json:"raw"`
}

const handMergePrefix = "handmerge/"

// FieldChoice is a field of two records being merged, with each one's value
// as text ("" when not set), as the conflict review shows them.
type FieldChoice struct {
	Field      string // the JSON name: model.FieldLabel gives its label
	Keep, Drop string
}

// handMergeable are the kinds a person merges by hand.
var handMergeable = []string{store.InstitutionsBucket, store.ProgrammesBucket, store.CohortsBucket, store.StudentsBucket}

// MergeFields lists the fields of two live records of kind, in the order
// of the record, without their metadata and the reference to their parent
// (which a merge does not choose). Returns ErrMergeKind for records that
// cannot be merged.
func MergeFields(s *store.Store, kind string, keep, drop model.ID) ([]FieldChoice, error) {
	var out []FieldChoice
	err := s.View(func(tx *store.Tx) error {
		k, a, b, err := handMergePair(s, tx, kind, keep, drop)
		if err != nil {
			return err
		}
		for _, d := range fieldDiffs(tx, k, a["\x00raw"], b["\x00raw"]) {
			if d.Field != k.parentField() && !isMetaField(d.Field) {
				out = append(out, FieldChoice{Field: d.Field, Keep: d.Lost, Drop: d.Current})
			}
		}
		return nil
	})
	return out, err
}

// MergeByHand merges record drop of kind into record keep, taking from drop
// the values of the fields named in fromDrop and from keep all others, and
// returns the merge as remembered for Undo. Returns ErrMergeKind when the
// two cannot be merged, a *model.ValidationError when the record chosen
// field by field is not valid.
func MergeByHand(ctx context.Context, s *store.Store, kind string, keep, drop model.ID, fromDrop []string) (*HandMerge, error) {
	var hm *HandMerge
	err := s.Update(func(tx *store.Tx) error {
		k, a, b, err := handMergePair(s, tx, kind, keep, drop)
		if err != nil {
			return err
		}
		hm = &HandMerge{ID: model.NewID(), Kind: kind, Keep: keep, Drop: drop, Fields: fromDrop, At: tx.Now()}
		merged, err := chooseFields(a, b, fromDrop)
		if err != nil {
			return err
		}
		m, err := newMerger(ctx, tx, Manifest{Device: s.DeviceID(), Label: s.DeviceLabel()}, &MergeReport{}, nil)
		if err != nil {
			return err
		}
		m.undo = hm
		return k.mergeByHand(m, a, b, merged)
	})
	if err != nil {
		return nil, fmt.Errorf("merge %s %s into %s: %w", kind, drop, keep, err)
	}
	return hm, nil
}

// HandMerges lists the merges by hand made here, newest first.
func HandMerges(s *store.Store) ([]HandMerge, error) {
	var out []HandMerge
	err := s.View(func(tx *store.Tx) error {
		return tx.Bucket(store.ExchangeBucket).Prefix([]byte(handMergePrefix), func(_, v []byte) error {
			var hm HandMerge
			if err := json.Unmarshal(v, &hm); err != nil {
				return err
			}
			out = append(out, hm)
			return nil
		})
	})
	slices.SortFunc(out, func(a, b HandMerge) int { return b.At.Compare(a.At) })
	return out, err
}

// UndoMerge undoes the merge by hand id: every record it changed gets its
// version from before the merge back, as a new version of this device.
// Returns ErrUndone for a merge undone already or not made here.
func UndoMerge(s *store.Store, id model.ID) error {
	err := s.Update(func(tx *store.Tx) error {
		eb := tx.Bucket(store.ExchangeBucket)
		key := []byte(handMergePrefix + id.String())
		raw := eb.Get(key)
		if raw == nil {
			return ErrUndone
		}
		var hm HandMerge
		if err := json.Unmarshal(raw, &hm); err != nil {
			return err
		}
		if hm.Undone {
			return ErrUndone
		}
		for _, v := range slices.Backward(hm.Before) {
			k, ok := kindNamed(s, v.Kind)
			if !ok {
				return fmt.Errorf("undo: unknown kind %q", v.Kind)
			}
			if err := k.(handKind).restoreVersion(tx, v); err != nil {
				return err
			}
		}
		hm.Undone = true
		out, err := json.Marshal(&hm)
		if err != nil {
			return err
		}
		return eb.Put(key, out)
	})
	if err != nil {
		return fmt.Errorf("undo merge %s: %w", id, err)
	}
	return nil
}

// handKind is what a merge by hand needs of a kind.
type handKind interface {
	exchangeKind
	mergeByHand(m *merger, a, b map[string]json.RawMessage, merged []byte) error
	restoreVersion(tx *store.Tx, v RecordVersion) error
}

func handMergePair(s *store.Store, tx *store.Tx, kind string, keep, drop model.ID) (handKind, map[string]json.RawMessage, map[string]json.RawMessage, error) {
	k, ok := kindNamed(s, kind)
	if !ok || !slices.Contains(handMergeable, kind) || keep == drop {
		return nil, nil, nil, ErrMergeKind
	}
	b := tx.Bucket(k.bucketName())
	ra, rb := b.Get(keep[:]), b.Get(drop[:])
	if ra == nil || rb == nil || store.IsTombstone(ra) || store.IsTombstone(rb) {
		return nil, nil, nil, fmt.Errorf("%w: both must be live records", ErrMergeKind)
	}
	var va, vb map[string]json.RawMessage
	if err := json.Unmarshal(ra, &va); err != nil {
		return nil, nil, nil, err
	}
	if err := json.Unmarshal(rb, &vb); err != nil {
		return nil, nil, nil, err
	}
	va["\x00raw"], vb["\x00raw"] = bytes.Clone(ra), bytes.Clone(rb)
	return k.(handKind), va, vb, nil
}

// chooseFields is record a with the fields named taken from b (removed
// when b has none).
func chooseFields(a, b map[string]json.RawMessage, fromB []string) ([]byte, error) {
	out := map[string]json.RawMessage{}
	for f, v := range a {
		if f != "\x00raw" {
			out[f] = v
		}
	}
	for _, f := range fromB {
		if isMetaField(f) {
			return nil, fmt.Errorf("%w: %s is not a field to choose", ErrMergeKind, f)
		}
		if v, ok := b[f]; ok {
			out[f] = v
		} else {
			delete(out, f)
		}
	}
	return json.Marshal(out)
}

func isMetaField(f string) bool {
	switch f {
	case "id", "created_at", "updated_at", "updated_by", "device", "deleted", "merged_into", "erased", "\x00raw":
		return true
	}
	return false
}

// before remembers, for the merge by hand in progress, the version of a
// record it is about to replace (the first one only).
func (m *merger) before(bucket string, id model.ID, raw []byte) {
	if m.undo == nil {
		return
	}
	for _, v := range m.undo.Before {
		if v.Kind == bucket && v.ID == id {
			return
		}
	}
	m.undo.Before = append(m.undo.Before, RecordVersion{Kind: bucket, ID: id, Raw: bytes.Clone(raw)})
}

func (k *kind[T, P]) mergeByHand(m *merger, a, b map[string]json.RawMessage, merged []byte) error {
	v := P(new(T))
	if err := json.Unmarshal(merged, v); err != nil {
		return err
	}
	if err := k.t.CheckIn(m.tx, v); err != nil {
		return err
	}
	keep, drop := v.Metadata().ID, model.NilID
	if err := json.Unmarshal(b["id"], &drop); err != nil {
		return err
	}
	m.before(k.name(), keep, a["\x00raw"])
	m.before(k.name(), drop, b["\x00raw"])
	if err := k.t.EditIn(m.tx, v, a["\x00raw"]); err != nil {
		return err
	}
	if err := k.t.RetireIn(m.tx, drop, b["\x00raw"], keep); err != nil {
		return err
	}
	if err := m.alias(drop, keep); err != nil {
		return err
	}
	// The references move as a merge moves them, the natural keys they
	// then share unified (two cohorts of one year, ...).
	m.movedTo(k.name(), drop, keep)
	for _, child := range exchangeKinds(k.t.Store()) {
		m.kr = m.report(child.name())
		if err := child.repoint(m); err != nil {
			return err
		}
	}
	raw, err := json.Marshal(m.undo)
	if err != nil {
		return err
	}
	return m.tx.Bucket(store.ExchangeBucket).Put([]byte(handMergePrefix+m.undo.ID.String()), raw)
}

// restoreVersion writes v's content as this device's new version of the
// record (live again if it was retired), and forgets its alias.
func (k *kind[T, P]) restoreVersion(tx *store.Tx, v RecordVersion) error {
	b := tx.Bucket(k.t.Name())
	cur := bytes.Clone(b.Get(v.ID[:]))
	if store.IsTombstone(v.Raw) {
		if cur == nil || store.IsTombstone(cur) {
			return nil
		}
		return k.t.TombstoneIn(tx, v.ID, cur)
	}
	rec := P(new(T))
	if err := json.Unmarshal(v.Raw, rec); err != nil {
		return err
	}
	if err := k.t.EditIn(tx, rec, cur); err != nil {
		return err
	}
	if a := tx.Bucket(store.AliasesBucket); a.Get(v.ID[:]) != nil {
		return a.Delete(bytes.Clone(v.ID[:]))
	}
	return nil
}

// KindOf is the kind (bucket) of the live record id among the kinds merged
// by hand; ok is false when there is none.
func KindOf(s *store.Store, id model.ID) (kind string, ok bool) {
	_ = s.View(func(tx *store.Tx) error {
		for _, name := range handMergeable {
			if raw := tx.Bucket(name).Get(id[:]); raw != nil && !store.IsTombstone(raw) {
				kind, ok = name, true
				return nil
			}
		}
		return nil
	})
	return kind, ok
}
