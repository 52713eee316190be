package store

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"

	bolt "go.etcd.io/bbolt"
)

// The import wizard remembers the columns a user set by hand for a file's
// header, and offers them the next time a file with the same header comes
// (DESIGN section 5): a province's roster arrives every year with the same
// odd headers. They are kept in the meta bucket of this database, one key
// per kind of import and header, and do not travel.

// columnsKey is the meta key of kind's columns for header: the header's
// cells trimmed and in lower case, hashed so that a key stays short.
func columnsKey(kind string, header []string) []byte {
	norm := make([]string, len(header))
	for i, h := range header {
		norm[i] = strings.ToLower(strings.TrimSpace(h))
	}
	sum := sha256.Sum256([]byte(strings.Join(norm, "\x1f")))
	return []byte("import_columns/" + kind + "/" + hex.EncodeToString(sum[:16]))
}

// RememberedColumns returns the fields the user set for each column of
// header in the import of kind, or nil when there are none (or they do not
// fit the header).
func (s *Store) RememberedColumns(kind string, header []string) ([]string, error) {
	var fields []string
	err := s.db.View(func(tx *bolt.Tx) error {
		raw := tx.Bucket(bucketMeta).Get(columnsKey(kind, header))
		if raw == nil {
			return nil
		}
		if err := json.Unmarshal(raw, &fields); err != nil || len(fields) != len(header) {
			fields = nil // written by another version: forgotten rather than misapplied
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read the remembered columns: %w", err)
	}
	return fields, nil
}

// RememberColumns keeps fields (one per column of header, "" for a column
// ignored) as the columns of header in the import of kind; nil forgets
// them.
func (s *Store) RememberColumns(kind string, header []string, fields []string) error {
	if fields != nil && len(fields) != len(header) {
		return fmt.Errorf("remember columns: %d fields for %d columns", len(fields), len(header))
	}
	err := s.update(func(tx *bolt.Tx) error {
		meta, key := tx.Bucket(bucketMeta), columnsKey(kind, header)
		if fields == nil {
			return meta.Delete(key)
		}
		raw, err := json.Marshal(fields)
		if err != nil {
			return err
		}
		return meta.Put(key, raw)
	})
	if err != nil {
		return fmt.Errorf("remember columns: %w", err)
	}
	return nil
}
