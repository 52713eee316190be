package exchange

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"tiscdesk/data/model"
	"tiscdesk/data/store"
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
	Record model.ID       `json:"record"` // the record it is a version of (for a duplicate, the record kept)
	Reason ConflictReason `json:"reason"`
	// Lost is the version set aside, as it was stored: a tombstone when the
	// losing side had deleted the record.
	Lost json.RawMessage `json:"lost"`
	// Kept is the metadata of the version that won.
	Kept      model.Meta `json:"kept"`
	Peer      string     `json:"peer"` // the device the bundle came from
	PeerLabel string     `json:"peer_label"`
	Merged    time.Time  `json:"merged"` // when the merge ran
	// Title names the record for people ("西安交通大学", "101C18S1", ...); set
	// by Conflicts and ReviewConflict.
	Title string `json:"-"`
}

// LostMeta is the metadata of the version set aside.
func (c Conflict) LostMeta() model.Meta {
	var m model.Meta
	_ = json.Unmarshal(c.Lost, &m)
	return m
}

// conflict adds a losing version to the list, once: the key names the
// version, so that merging a bundle again adds nothing.
func (m *merger) conflict(k exchangeKind, reason ConflictReason, record model.ID, lost []byte, kept model.Meta) error {
	var lm model.Meta
	if err := json.Unmarshal(lost, &lm); err != nil {
		return fmt.Errorf("decode %s %s: %w", k.name(), record, err)
	}
	key := []byte(ConflictKey(k.name(), record, lm))
	b := m.tx.Bucket(store.ConflictsBucket)
	if b.Get(key) != nil {
		return nil
	}
	c := Conflict{Kind: k.name(), Record: record, Reason: reason, Lost: bytes.Clone(lost), Kept: kept,
		Peer: m.m.Device, PeerLabel: m.m.Label, Merged: m.tx.Now()}
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
func Conflicts(s *store.Store) ([]Conflict, error) {
	var out []Conflict
	err := s.View(func(tx *store.Tx) error {
		return tx.Bucket(store.ConflictsBucket).ForEach(func(k, v []byte) error {
			c, err := decodeConflict(s, tx, k, v)
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
func ConflictCount(s *store.Store) (int, error) {
	n := 0
	err := s.View(func(tx *store.Tx) error {
		n = tx.Bucket(store.ConflictsBucket).Len()
		return nil
	})
	return n, err
}

func decodeConflict(s *store.Store, tx *store.Tx, key, raw []byte) (Conflict, error) {
	var c Conflict
	if err := json.Unmarshal(raw, &c); err != nil {
		return Conflict{}, fmt.Errorf("decode conflict %s: %w", key, err)
	}
	c.Key = string(key)
	k, ok := kindNamed(s, c.Kind)
	if !ok {
		return Conflict{}, fmt.Errorf("conflict %s: unknown kind %q", key, c.Kind)
	}
	c.Title = k.describe(tx, c.Lost)
	if c.Title == "" { // a tombstone says nothing: name the record by its current version
		c.Title = k.describe(tx, tx.Bucket(k.bucketName()).Get(c.Record[:]))
	}
	if c.Title == "" {
		c.Title = c.Record.String()
	}
	return c, nil
}

func getConflict(s *store.Store, tx *store.Tx, key string) (Conflict, error) {
	raw := tx.Bucket(store.ConflictsBucket).Get([]byte(key))
	if raw == nil {
		return Conflict{}, fmt.Errorf("conflict %s: %w", key, model.ErrNotFound)
	}
	return decodeConflict(s, tx, []byte(key), raw)
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
func (r ConflictReview) CurrentDeleted() bool {
	return r.Current == nil || store.IsTombstone(r.Current)
}

// LostDeleted reports whether the version set aside is a deletion.
func (r ConflictReview) LostDeleted() bool { return store.IsTombstone(r.Lost) }

// FieldDiff is one field of a conflict's two versions, as text.
type FieldDiff struct {
	Field   string // the JSON name: "local_name", "email", ...
	Lost    string
	Current string
	Differs bool
}

// ReviewConflict returns the conflict with key and the record's current
// version. Returns ErrNotFound when there is no such conflict.
func ReviewConflict(s *store.Store, key string) (ConflictReview, error) {
	var r ConflictReview
	err := s.View(func(tx *store.Tx) error {
		c, err := getConflict(s, tx, key)
		if err != nil {
			return err
		}
		k, _ := kindNamed(s, c.Kind)
		r.Conflict = c
		if cur := tx.Bucket(k.bucketName()).Get(c.Record[:]); cur != nil {
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
// as a change made on this device, and takes it off the list (here, and
// through the hub everywhere). A deletion
// set aside deletes the record (and its dependants). Returns a
// *ValidationError when the version no longer fits (the record it belongs
// to was deleted, its session code is taken, ...), and ErrNotFound when
// there is no such conflict; the list is then unchanged.
func RestoreConflict(s *store.Store, key string) error {
	err := s.Update(func(tx *store.Tx) error {
		c, err := getConflict(s, tx, key)
		if err != nil {
			return err
		}
		k, _ := kindNamed(s, c.Kind)
		if err := k.restore(tx, c); err != nil {
			return err
		}
		if err := noteResolution(tx, c, Restored); err != nil {
			return err
		}
		return tx.Bucket(store.ConflictsBucket).Delete([]byte(key))
	})
	if err != nil {
		return fmt.Errorf("restore conflict: %w", err)
	}
	return nil
}

// DismissConflict takes a conflict off the list, keeping the current
// version (and notes it for the hub, which takes it off every machine's
// list). Returns ErrNotFound when there is no such conflict.
func DismissConflict(s *store.Store, key string) error {
	err := s.Update(func(tx *store.Tx) error {
		c, err := getConflict(s, tx, key)
		if err != nil {
			return err
		}
		if err := noteResolution(tx, c, Dismissed); err != nil {
			return err
		}
		return tx.Bucket(store.ConflictsBucket).Delete([]byte(key))
	})
	if err != nil {
		return fmt.Errorf("dismiss conflict: %w", err)
	}
	return nil
}

func (k *kind[T, P]) restore(tx *store.Tx, c Conflict) error {
	cur := bytes.Clone(tx.Bucket(k.t.Name()).Get(c.Record[:]))
	if store.IsTombstone(c.Lost) {
		if cur == nil || store.IsTombstone(cur) {
			return nil
		}
		return k.t.DeleteIn(tx, c.Record)
	}
	v := P(new(T))
	if err := json.Unmarshal(c.Lost, v); err != nil {
		return fmt.Errorf("decode %s %s: %w", k.t.Name(), c.Record, err)
	}
	v.Metadata().ID = c.Record
	if k.parentOf != nil {
		if to, ok := liveRecord(tx, k.parent, *k.parentOf(v)); ok {
			*k.parentOf(v) = to
		}
	}
	if err := k.t.CheckIn(tx, v); err != nil {
		return err
	}
	return k.t.EditIn(tx, v, cur)
}

// describe names a version for people; "" for a tombstone or nothing.
func (k *kind[T, P]) describe(tx *store.Tx, raw []byte) string {
	if raw == nil || store.IsTombstone(raw) {
		return ""
	}
	v := P(new(T))
	if json.Unmarshal(raw, v) != nil {
		return ""
	}
	s := tx.Store()
	switch r := any(v).(type) {
	case *model.Institution:
		return joinNonEmpty(" · ", r.LocalName, r.EnglishName)
	case *model.Visit:
		return joinNonEmpty(" · ", string(r.Date), describeIn(tx, s.Institutions, r.Institution))
	case *model.Course:
		return joinNonEmpty(" ", r.Label(), r.TitleEN)
	case *model.Session:
		return r.Code
	case *model.Enrolment:
		return joinNonEmpty(" · ", r.Name, r.Email, describeIn(tx, s.Sessions, r.Session))
	case *model.Programme:
		return r.Name
	case *model.Cohort:
		return joinNonEmpty(" · ", describeIn(tx, s.Programmes, r.Programme), strconv.Itoa(r.IntakeYear))
	case *model.Student:
		return joinNonEmpty(" · ", r.Name, r.Email)
	case *model.YearlyReturn:
		return joinNonEmpty(" · ", describeIn(tx, s.Institutions, r.Institution), strconv.Itoa(r.Year))
	case *model.Evaluation:
		return joinNonEmpty(" · ", describeIn(tx, s.Institutions, r.Institution), string(r.Date))
	}
	return ""
}

// describeIn names record id of table t, "" when it is not live.
func describeIn[T any, P store.EntityPtr[T]](tx *store.Tx, t *store.Table[T, P], id model.ID) string {
	if id, ok := liveRecord(tx, t.Name(), id); ok {
		k := &kind[T, P]{t: t}
		return k.describe(tx, tx.Bucket(t.Name()).Get(id[:]))
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

var metaFields = []string{"id", "created_at", "updated_at", "updated_by", "device", "deleted", "merged_into", "erased"}

// fieldDiffs sets the fields of lost and current side by side.
func fieldDiffs(tx *store.Tx, k exchangeKind, lost, current []byte) []FieldDiff {
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
	if raw == nil || store.IsTombstone(raw) {
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
func fieldText(tx *store.Tx, k exchangeKind, field string, v json.RawMessage) string {
	if v == nil || string(v) == "null" {
		return ""
	}
	var s string
	if json.Unmarshal(v, &s) == nil {
		if field == k.parentField() {
			if id, err := model.ParseID(s); err == nil {
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
func describeRef(tx *store.Tx, k exchangeKind, id model.ID) string {
	for _, pk := range exchangeKinds(tx.Store()) {
		if pk.bucketName() == k.parentBucket() {
			if id, ok := liveRecord(tx, pk.bucketName(), id); ok {
				return pk.describe(tx, tx.Bucket(pk.bucketName()).Get(id[:]))
			}
		}
	}
	return ""
}
