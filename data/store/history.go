package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"time"

	"tiscdesk/data/model"
)

// The history of records (DESIGN section 13): every write that replaces a
// stored version of a record keeps the version it replaced, up to
// HistoryLimit versions per record, the oldest dropped first. The store
// keeps it in the one place every write of a record passes (Table.write,
// PutRawIn, DeleteIn and a raw Bucket.Put into a table's bucket), so a
// form, an import, a merge and a restore all leave the same trace.
//
// The history bucket is keyed by the record's 16 id bytes and an 8-byte
// big-endian sequence number, so a record's versions sit together, oldest
// first. It belongs to this machine: bundles and the hub carry records,
// not their history.

// HistoryBucket holds the versions records replaced (schema 4).
const HistoryBucket = "history"

// PhotosBucket holds the visits' photos, keyed by the hash of their bytes
// (schema 4).
const PhotosBucket = "photos"

// DefaultHistoryLimit is how many replaced versions a record keeps when
// Settings says nothing else.
const DefaultHistoryLimit = 20

// MaxHistoryLimit is the most versions per record Settings accepts.
const MaxHistoryLimit = 1000

var (
	bucketHistory   = []byte(HistoryBucket)
	bucketPhotos    = []byte(PhotosBucket)
	keyHistoryLimit = []byte("history_limit")
)

// historyEntry is a replaced version as stored.
type historyEntry struct {
	Kind       string          `json:"kind"`        // the table's bucket
	ReplacedAt time.Time       `json:"replaced_at"` // when a newer version took its place
	Record     json.RawMessage `json:"record"`
}

// Version is one version of a record: a replaced one from the history, or
// the current one (Current). Changed names the top-level fields (their JSON
// keys, model.FieldLabels) in which it differs from the version before it;
// Created says it is the record's first version.
type Version struct {
	Seq        uint64          `json:"seq,omitempty"` // identifies a replaced version for Restore; 0 for the current
	Kind       string          `json:"kind"`
	UpdatedAt  time.Time       `json:"updated_at"`
	UpdatedBy  string          `json:"updated_by"`
	Device     string          `json:"device"`
	Deleted    bool            `json:"deleted,omitempty"`
	Current    bool            `json:"current,omitempty"`
	Created    bool            `json:"created,omitempty"`
	Changed    []string        `json:"changed"`
	ReplacedAt *time.Time      `json:"replaced_at,omitempty"`
	Record     json.RawMessage `json:"record"`
}

// metaKeys are the fields every write changes, and the marks of forgotten
// people (not for people to see): a version's "changed" leaves them out.
var metaKeys = map[string]bool{"id": true, "created_at": true, "updated_at": true, "updated_by": true, "device": true, "erased": true}

// HistoryLimit is how many replaced versions each record keeps.
func (s *Store) HistoryLimit() int {
	s.settingsMu.RLock()
	v := s.historyLimit
	s.settingsMu.RUnlock()
	if n, err := strconv.Atoi(v); err == nil && n >= 1 && n <= MaxHistoryLimit {
		return n
	}
	return DefaultHistoryLimit
}

// SetHistoryLimit keeps n replaced versions per record from now on (1 to
// MaxHistoryLimit); records holding more lose their oldest at their next
// change. Returns a *ValidationError for n out of range.
func (s *Store) SetHistoryLimit(n int) error {
	if n < 1 || n > MaxHistoryLimit {
		return &model.ValidationError{Fields: []model.FieldError{{Field: "history_limit",
			Message: fmt.Sprintf("must be between 1 and %d", MaxHistoryLimit)}}}
	}
	return s.putMeta(keyHistoryLimit, strconv.Itoa(n), &s.historyLimit)
}

// keepVersion keeps old, the version of record key in bucket kind about to
// be replaced by new, in the history; nothing when there was none or it is
// the same bytes. Beyond the limit, the record's oldest versions go.
func (tx *Tx) keepVersion(kind string, key, old, new []byte) error {
	if old == nil || len(key) != 16 || bytes.Equal(old, new) {
		return nil
	}
	if forgottenRecord(new) || newlyMarked(old, new) {
		// A person forgotten (DESIGN section 14), here or on the machine
		// this version came from: the versions before held who they were.
		return tx.EraseHistory(model.ID(key))
	}
	h := tx.tx.Bucket(bucketHistory)
	if h == nil {
		return nil // a file being migrated, before schema 4
	}
	raw, err := json.Marshal(historyEntry{Kind: kind, ReplacedAt: tx.now, Record: bytes.Clone(old)})
	if err != nil {
		return fmt.Errorf("keep the history of %s %x: %w", kind, key, err)
	}
	seq, err := h.NextSequence()
	if err != nil {
		return err
	}
	hk := make([]byte, 24)
	copy(hk, key)
	binary.BigEndian.PutUint64(hk[16:], seq)
	if err := h.Put(hk, raw); err != nil {
		return fmt.Errorf("keep the history of %s %x: %w", kind, key, err)
	}
	var keys [][]byte
	c := h.Cursor()
	for k, _ := c.Seek(key); k != nil && bytes.HasPrefix(k, key); k, _ = c.Next() {
		keys = append(keys, bytes.Clone(k))
	}
	for _, k := range keys[:max(0, len(keys)-tx.historyLimit)] {
		if err := h.Delete(k); err != nil {
			return err
		}
	}
	return nil
}

// EraseHistory removes every kept version of record id: what forgetting a
// person needs (DESIGN section 14).
func (tx *Tx) EraseHistory(id model.ID) error {
	h := tx.tx.Bucket(bucketHistory)
	var keys [][]byte
	c := h.Cursor()
	for k, _ := c.Seek(id[:]); k != nil && bytes.HasPrefix(k, id[:]); k, _ = c.Next() {
		keys = append(keys, bytes.Clone(k))
	}
	for _, k := range keys {
		if err := h.Delete(k); err != nil {
			return fmt.Errorf("erase the history of %s: %w", id, err)
		}
	}
	return nil
}

// History returns every version of record id kept here, oldest first, the
// current one last (a tombstone when the record was deleted). Returns
// ErrNotFound when no table holds id.
func (s *Store) History(id model.ID) ([]Version, error) {
	var out []Version
	err := s.View(func(tx *Tx) error {
		var err error
		out, err = tx.History(id)
		return err
	})
	return out, err
}

// History is Store.History within tx.
func (tx *Tx) History(id model.ID) ([]Version, error) {
	kind, cur := tx.findRecord(id)
	if cur == nil {
		return nil, fmt.Errorf("history of %s: %w", id, model.ErrNotFound)
	}
	var out []Version
	c := tx.tx.Bucket(bucketHistory).Cursor()
	for k, raw := c.Seek(id[:]); k != nil && bytes.HasPrefix(k, id[:]); k, raw = c.Next() {
		var e historyEntry
		if err := json.Unmarshal(raw, &e); err != nil {
			return nil, fmt.Errorf("decode the history of %s: %w", id, err)
		}
		v, err := newVersion(e.Kind, e.Record)
		if err != nil {
			return nil, err
		}
		v.Seq = binary.BigEndian.Uint64(k[16:])
		at := e.ReplacedAt
		v.ReplacedAt = &at
		out = append(out, v)
	}
	v, err := newVersion(kind, bytes.Clone(cur))
	if err != nil {
		return nil, err
	}
	v.Current = true
	out = append(out, v)
	for i := range out {
		var prev json.RawMessage
		if i > 0 {
			prev = out[i-1].Record
		}
		out[i].Changed = changedFields(prev, out[i].Record)
	}
	return out, nil
}

func newVersion(kind string, raw json.RawMessage) (Version, error) {
	var m model.Meta
	if err := json.Unmarshal(raw, &m); err != nil {
		return Version{}, fmt.Errorf("decode a version of %s: %w", kind, err)
	}
	return Version{Kind: kind, UpdatedAt: m.UpdatedAt, UpdatedBy: m.UpdatedBy, Device: m.Device, Deleted: m.Deleted,
		Created: !m.CreatedAt.IsZero() && m.CreatedAt.Equal(m.UpdatedAt), Record: raw}, nil
}

// findRecord looks for id in every table's bucket.
func (tx *Tx) findRecord(id model.ID) (kind string, raw []byte) {
	for _, name := range tx.s.tableNames {
		if b := tx.tx.Bucket([]byte(name)); b != nil {
			if raw := b.Get(id[:]); raw != nil {
				return name, raw
			}
		}
	}
	return "", nil
}

// changedFields names the top-level fields in which cur differs from prev
// (every field cur sets, when there is no prev), in key order, leaving out
// the metadata every write changes.
func changedFields(prev, cur json.RawMessage) []string {
	var a, b map[string]json.RawMessage
	_ = json.Unmarshal(cur, &b)
	if prev != nil {
		_ = json.Unmarshal(prev, &a)
	}
	out := []string{}
	for k, v := range b {
		if !metaKeys[k] && !jsonEqual(a[k], v) {
			out = append(out, k)
		}
	}
	for k := range a {
		if _, ok := b[k]; !ok && !metaKeys[k] {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

// jsonEqual compares two JSON values by their compacted bytes.
func jsonEqual(a, b json.RawMessage) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	var ca, cb bytes.Buffer
	if json.Compact(&ca, a) != nil || json.Compact(&cb, b) != nil {
		return bytes.Equal(a, b)
	}
	return bytes.Equal(ca.Bytes(), cb.Bytes())
}

// Restore makes the replaced version seq of record id current again, as a
// new version written by this device (so it travels like any edit) after
// the table's validation and rules. Returns ErrNotFound when there is no
// such version or the record is deleted, and a *ValidationError when the
// old version no longer fits (its institution deleted, say).
func (s *Store) Restore(id model.ID, seq uint64) error {
	return s.Update(func(tx *Tx) error {
		hk := make([]byte, 24)
		copy(hk, id[:])
		binary.BigEndian.PutUint64(hk[16:], seq)
		raw := tx.tx.Bucket(bucketHistory).Get(hk)
		if raw == nil {
			return fmt.Errorf("restore version %d of %s: %w", seq, id, model.ErrNotFound)
		}
		var e historyEntry
		if err := json.Unmarshal(raw, &e); err != nil {
			return fmt.Errorf("decode version %d of %s: %w", seq, id, err)
		}
		restore := s.restorers[e.Kind]
		if restore == nil {
			return fmt.Errorf("restore version %d of %s: no table %q: %w", seq, id, e.Kind, model.ErrNotFound)
		}
		return restore(tx, id, bytes.Clone(e.Record))
	})
}

// restoreIn writes raw, an old version of record id, as this device's new
// version of it, through PutIn.
func (t *Table[T, P]) restoreIn(tx *Tx, id model.ID, raw []byte) error {
	v := P(new(T))
	if err := json.Unmarshal(raw, v); err != nil {
		return fmt.Errorf("decode %s %s: %w", t.name, id, err)
	}
	m := v.Metadata()
	m.ID, m.Deleted = id, false
	return t.PutIn(tx, v)
}

// forgottenRecord reports whether raw is an enrolment or student record of
// a forgotten person (model.Forgotten in place of the email).
func forgottenRecord(raw []byte) bool {
	return bytes.Contains(raw, []byte(`"email":"`+model.ForgottenPrefix))
}

// erasedMarks is the key of an institution's or a visit's marks of
// forgotten people (model.Marked) in its JSON.
var erasedMarks = []byte(`"erased":[`)

// newlyMarked reports whether new carries marks of forgotten people that
// old does not (the marks only grow): a person was erased from the record,
// here or on the machine new came from, and the versions before named them.
func newlyMarked(old, new []byte) bool {
	return !bytes.Equal(marksOf(new), marksOf(old)) && marksOf(new) != nil
}

// marksOf is the JSON array of raw's marks, nil when it has none.
func marksOf(raw []byte) []byte {
	i := bytes.Index(raw, erasedMarks)
	if i < 0 {
		return nil
	}
	rest := raw[i+len(erasedMarks)-1:]
	if j := bytes.IndexByte(rest, ']'); j >= 0 {
		return rest[:j+1]
	}
	return nil
}
