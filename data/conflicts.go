package data

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The conflict list keeps every version a merge set aside, so that nothing
// is lost or silently overwritten: the user reviews each one, then restores
// it (it becomes the current version, as a change made on this device) or
// dismisses it.

// ConflictReason says why a version was set aside.
type ConflictReason string

// The reasons a version goes to the conflict list.
const (
	// ConflictConcurrent: both machines changed (or deleted) the record since
	// they last exchanged; the newer version won.
	ConflictConcurrent ConflictReason = "concurrent"
	// ConflictOrphan: the record belongs to one (an institution, session,
	// programme or cohort) that was deleted.
	ConflictOrphan ConflictReason = "orphan"
	// ConflictDuplicate: the same course, session or enrolment was entered on
	// both machines; the two were merged into one.
	ConflictDuplicate ConflictReason = "duplicate"
)

// Conflict is a version a merge set aside.
type Conflict struct {
	Key    string         `json:"-"`
	Kind   string         `json:"kind"`   // "institutions", "visits", ...
	Record ID             `json:"record"` // the record it is a version of (for a duplicate, the record kept)
	Reason ConflictReason `json:"reason"`
	// Lost is the version set aside, as it was stored: a tombstone when the
	// losing side had deleted the record.
	Lost json.RawMessage `json:"lost"`
	// Kept is the metadata of the version that won.
	Kept      Meta      `json:"kept"`
	Peer      string    `json:"peer"` // the device the bundle came from
	PeerLabel string    `json:"peer_label"`
	Merged    time.Time `json:"merged"` // when the merge ran
	// Title names the record for people ("西安交通大学", "101C18S1", ...); set
	// by Conflicts and ReviewConflict.
	Title string `json:"-"`
}

// LostMeta is the metadata of the version set aside.
func (c Conflict) LostMeta() Meta {
	var m Meta
	_ = json.Unmarshal(c.Lost, &m)
	return m
}

// conflict adds a losing version to the list, once: the key names the
// version, so that merging a bundle again adds nothing.
func (m *merger) conflict(k exchangeKind, reason ConflictReason, record ID, lost []byte, kept Meta) error {
	var lm Meta
	if err := json.Unmarshal(lost, &lm); err != nil {
		return fmt.Errorf("decode %s %s: %w", k.name(), record, err)
	}
	key := []byte(fmt.Sprintf("%s/%s/%s/%s/%s", k.name(), record, lm.ID, lm.UpdatedAt.UTC().Format(time.RFC3339Nano), lm.Device))
	b := m.tx.tx.Bucket(bucketConflicts)
	if b.Get(key) != nil {
		return nil
	}
	c := Conflict{Kind: k.name(), Record: record, Reason: reason, Lost: bytes.Clone(lost), Kept: kept,
		Peer: m.m.Device, PeerLabel: m.m.Label, Merged: m.tx.now}
	raw, err := json.Marshal(&c)
	if err != nil {
		return err
	}
	if err := b.Put(key, raw); err != nil {
		return err
	}
	m.kr.Conflicts++
	return nil
}

// Conflicts lists the conflict list, the latest merge first.
func (s *Store) Conflicts() ([]Conflict, error) {
	var out []Conflict
	err := s.View(func(tx *Tx) error {
		return tx.tx.Bucket(bucketConflicts).ForEach(func(k, v []byte) error {
			c, err := s.decodeConflict(tx, k, v)
			if err != nil {
				return err
			}
			out = append(out, c)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("list conflicts: %w", err)
	}
	slices.SortStableFunc(out, func(a, b Conflict) int {
		if c := b.Merged.Compare(a.Merged); c != 0 {
			return c
		}
		if c := cmp.Compare(slices.Index(exchangeKindNames, a.Kind), slices.Index(exchangeKindNames, b.Kind)); c != 0 {
			return c
		}
		return strings.Compare(a.Title, b.Title)
	})
	return out, nil
}

// ConflictCount is the length of the conflict list.
func (s *Store) ConflictCount() (int, error) {
	n := 0
	err := s.View(func(tx *Tx) error {
		n = tx.tx.Bucket(bucketConflicts).Stats().KeyN
		return nil
	})
	return n, err
}

func (s *Store) decodeConflict(tx *Tx, key, raw []byte) (Conflict, error) {
	var c Conflict
	if err := json.Unmarshal(raw, &c); err != nil {
		return Conflict{}, fmt.Errorf("decode conflict %s: %w", key, err)
	}
	c.Key = string(key)
	k, ok := s.exchangeKind(c.Kind)
	if !ok {
		return Conflict{}, fmt.Errorf("conflict %s: unknown kind %q", key, c.Kind)
	}
	c.Title = k.describe(tx, c.Lost)
	if c.Title == "" { // a tombstone says nothing: name the record by its current version
		c.Title = k.describe(tx, tx.tx.Bucket(k.bucketName()).Get(c.Record[:]))
	}
	if c.Title == "" {
		c.Title = c.Record.String()
	}
	return c, nil
}

func (s *Store) getConflict(tx *Tx, key string) (Conflict, error) {
	raw := tx.tx.Bucket(bucketConflicts).Get([]byte(key))
	if raw == nil {
		return Conflict{}, fmt.Errorf("conflict %s: %w", key, ErrNotFound)
	}
	return s.decodeConflict(tx, []byte(key), raw)
}

// ConflictReview sets a version aside beside the record's current version.
type ConflictReview struct {
	Conflict
	// Current is the record's version now: nil when it was never here, a
	// tombstone when it is deleted.
	Current json.RawMessage
	// Fields are the record's fields, the version set aside against the
	// current one, in the record's order.
	Fields []FieldDiff
}

// CurrentDeleted reports whether the record is deleted (or absent) here now.
func (r ConflictReview) CurrentDeleted() bool { return r.Current == nil || isTombstone(r.Current) }

// LostDeleted reports whether the version set aside is a deletion.
func (r ConflictReview) LostDeleted() bool { return isTombstone(r.Lost) }

// FieldDiff is one field of a conflict's two versions, as text.
type FieldDiff struct {
	Field   string // the JSON name: "local_name", "email", ...
	Lost    string
	Current string
	Differs bool
}

// ReviewConflict returns the conflict with key and the record's current
// version. Returns ErrNotFound when there is no such conflict.
func (s *Store) ReviewConflict(key string) (ConflictReview, error) {
	var r ConflictReview
	err := s.View(func(tx *Tx) error {
		c, err := s.getConflict(tx, key)
		if err != nil {
			return err
		}
		k, _ := s.exchangeKind(c.Kind)
		r.Conflict = c
		if cur := tx.tx.Bucket(k.bucketName()).Get(c.Record[:]); cur != nil {
			r.Current = bytes.Clone(cur)
		}
		r.Fields = fieldDiffs(tx, k, c.Lost, r.Current)
		return nil
	})
	if err != nil {
		return ConflictReview{}, fmt.Errorf("review conflict: %w", err)
	}
	return r, nil
}

// RestoreConflict makes the version set aside the record's current version,
// as a change made on this device, and takes it off the list. A deletion
// set aside deletes the record (and its dependants). Returns a
// *ValidationError when the version no longer fits (the record it belongs
// to was deleted, its session code is taken, ...), and ErrNotFound when
// there is no such conflict; the list is then unchanged.
func (s *Store) RestoreConflict(key string) error {
	err := s.Update(func(tx *Tx) error {
		c, err := s.getConflict(tx, key)
		if err != nil {
			return err
		}
		k, _ := s.exchangeKind(c.Kind)
		if err := k.restore(tx, c); err != nil {
			return err
		}
		return tx.tx.Bucket(bucketConflicts).Delete([]byte(key))
	})
	if err != nil {
		return fmt.Errorf("restore conflict: %w", err)
	}
	return nil
}

// DismissConflict takes a conflict off the list, keeping the current
// version. Returns ErrNotFound when there is no such conflict.
func (s *Store) DismissConflict(key string) error {
	err := s.Update(func(tx *Tx) error {
		b := tx.tx.Bucket(bucketConflicts)
		if b.Get([]byte(key)) == nil {
			return fmt.Errorf("conflict %s: %w", key, ErrNotFound)
		}
		return b.Delete([]byte(key))
	})
	if err != nil {
		return fmt.Errorf("dismiss conflict: %w", err)
	}
	return nil
}

func (k *kind[T, P]) restore(tx *Tx, c Conflict) error {
	cur := bytes.Clone(tx.tx.Bucket(k.t.bucket).Get(c.Record[:]))
	if isTombstone(c.Lost) {
		if cur == nil || isTombstone(cur) {
			return nil
		}
		return k.t.DeleteIn(tx, c.Record)
	}
	v := P(new(T))
	if err := json.Unmarshal(c.Lost, v); err != nil {
		return fmt.Errorf("decode %s %s: %w", k.t.bucket, c.Record, err)
	}
	v.Metadata().ID = c.Record
	if k.parentOf != nil {
		if to, ok := liveRecord(tx, k.parent, *k.parentOf(v)); ok {
			*k.parentOf(v) = to
		}
	}
	if err := v.Validate(); err != nil {
		return err
	}
	if k.t.check != nil {
		if fe := k.t.check(tx, v); len(fe) > 0 {
			return &ValidationError{Fields: fe}
		}
	}
	return k.t.editIn(tx, v, cur)
}

// describe names a version for people; "" for a tombstone or nothing.
func (k *kind[T, P]) describe(tx *Tx, raw []byte) string {
	if raw == nil || isTombstone(raw) {
		return ""
	}
	v := P(new(T))
	if json.Unmarshal(raw, v) != nil {
		return ""
	}
	s := tx.s
	switch r := any(v).(type) {
	case *Institution:
		return joinNonEmpty(" · ", r.LocalName, r.EnglishName)
	case *Visit:
		return joinNonEmpty(" · ", string(r.Date), describeIn(tx, s.Institutions, r.Institution))
	case *Course:
		return joinNonEmpty(" ", r.Label(), r.TitleEN)
	case *Session:
		return r.Code
	case *Enrolment:
		return joinNonEmpty(" · ", r.Name, r.Email, describeIn(tx, s.Sessions, r.Session))
	case *Programme:
		return r.Name
	case *Cohort:
		return joinNonEmpty(" · ", describeIn(tx, s.Programmes, r.Programme), strconv.Itoa(r.IntakeYear))
	case *Student:
		return joinNonEmpty(" · ", r.Name, r.Email)
	}
	return ""
}

// describeIn names record id of table t, "" when it is not live.
func describeIn[T any, P entityPtr[T]](tx *Tx, t *Table[T, P], id ID) string {
	if id, ok := liveRecord(tx, t.bucket, id); ok {
		k := &kind[T, P]{t: t}
		return k.describe(tx, tx.tx.Bucket(t.bucket).Get(id[:]))
	}
	return ""
}

func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}

var metaFields = []string{"id", "created_at", "updated_at", "updated_by", "device", "deleted"}

// fieldDiffs sets the fields of lost and current side by side.
func fieldDiffs(tx *Tx, k exchangeKind, lost, current []byte) []FieldDiff {
	lostOrder, lostVals := objectFields(lost)
	curOrder, curVals := objectFields(current)
	var out []FieldDiff
	seen := map[string]bool{}
	for _, f := range append(lostOrder, curOrder...) {
		if seen[f] || slices.Contains(metaFields, f) {
			continue
		}
		seen[f] = true
		d := FieldDiff{Field: f, Lost: fieldText(tx, k, f, lostVals[f]), Current: fieldText(tx, k, f, curVals[f])}
		d.Differs = d.Lost != d.Current
		out = append(out, d)
	}
	return out
}

// objectFields returns a JSON object's keys in order and their values; none
// for a tombstone, since its fields are gone.
func objectFields(raw []byte) ([]string, map[string]json.RawMessage) {
	vals := map[string]json.RawMessage{}
	if raw == nil || isTombstone(raw) {
		return nil, vals
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, vals
	}
	var order []string
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			break
		}
		key, _ := t.(string)
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			break
		}
		order = append(order, key)
		vals[key] = v
	}
	return order, vals
}

// fieldText shows a JSON value as text: a reference names the record it
// points to, a list of words is joined, structures stay compact JSON.
func fieldText(tx *Tx, k exchangeKind, field string, v json.RawMessage) string {
	if v == nil || string(v) == "null" {
		return ""
	}
	var s string
	if json.Unmarshal(v, &s) == nil {
		if field == k.parentField() {
			if id, err := ParseID(s); err == nil {
				if name := describeRef(tx, k, id); name != "" {
					return name
				}
			}
		}
		return s
	}
	var words []string
	if json.Unmarshal(v, &words) == nil {
		return strings.Join(words, ", ")
	}
	var items []json.RawMessage
	if json.Unmarshal(v, &items) != nil {
		items = []json.RawMessage{v} // an object, or a number
	}
	parts := make([]string, 0, len(items))
	for _, item := range items {
		parts = append(parts, objectText(item))
	}
	return strings.Join(parts, "; ")
}

// objectText shows a JSON object's values in order, "王明 · 馆长 · wang@…";
// anything else as compact JSON.
func objectText(v json.RawMessage) string {
	order, vals := objectFields(v)
	if order == nil {
		var c bytes.Buffer
		if json.Compact(&c, v) != nil {
			return string(v)
		}
		return c.String()
	}
	var out []string
	for _, k := range order {
		if k == "recorded_at" { // when a stage change was typed in: noise here
			continue
		}
		var s string
		if json.Unmarshal(vals[k], &s) != nil {
			s = string(vals[k])
		}
		if s != "" && s != "null" && s != "false" {
			out = append(out, s)
		}
	}
	return strings.Join(out, " · ")
}

// describeRef names the record id that a record of kind k belongs to.
func describeRef(tx *Tx, k exchangeKind, id ID) string {
	for _, pk := range tx.s.exchangeKinds() {
		if bytes.Equal(pk.bucketName(), k.parentBucket()) {
			if id, ok := liveRecord(tx, pk.bucketName(), id); ok {
				return pk.describe(tx, tx.tx.Bucket(pk.bucketName()).Get(id[:]))
			}
		}
	}
	return ""
}
