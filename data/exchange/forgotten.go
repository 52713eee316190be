package exchange

import (
	"bytes"
	"fmt"
	"strings"
	"tiscdesk/data/model"
	"tiscdesk/data/store"
)

// Forgetting a person (DESIGN section 14) is an ordinary edit of their
// records, which travels like any other; but the older versions of those
// records, kept in each machine's history and conflict list and in the
// hub's conflicts, still hold the name and email. So the records a forget
// changed are noted here by id (NoteForgotten), until a transport has told
// the others (PendingForgotten, ClearForgotten); a machine told erases its
// own older versions of them (EraseForgotten). Only ids are noted: no
// personal data.

const forgottenPrefix = "forgotten/"

// NoteForgotten notes, in the forget's transaction, the records it erased
// a person from.
func NoteForgotten(tx *store.Tx, ids []model.ID) error {
	at, err := tx.Now().MarshalText()
	if err != nil {
		return err
	}
	b := tx.Bucket(store.ExchangeBucket)
	for _, id := range ids {
		if err := b.Put([]byte(forgottenPrefix+id.String()), at); err != nil {
			return fmt.Errorf("note a forgotten record: %w", err)
		}
	}
	return nil
}

// PendingForgotten lists the records noted by NoteForgotten that no
// transport has passed on yet.
func PendingForgotten(tx *store.Tx) ([]model.ID, error) {
	var out []model.ID
	err := tx.Bucket(store.ExchangeBucket).Prefix([]byte(forgottenPrefix), func(k, _ []byte) error {
		id, err := model.ParseID(strings.TrimPrefix(string(k), forgottenPrefix))
		if err != nil {
			return fmt.Errorf("a forgotten record %q: %w", k, err)
		}
		out = append(out, id)
		return nil
	})
	return out, err
}

// ClearForgotten forgets the notes of ids, once passed on.
func ClearForgotten(tx *store.Tx, ids []model.ID) error {
	b := tx.Bucket(store.ExchangeBucket)
	for _, id := range ids {
		if err := b.Delete([]byte(forgottenPrefix + id.String())); err != nil {
			return err
		}
	}
	return nil
}

// EraseForgotten erases the older versions of records another machine
// erased a person from: their history here, and the conflicts of the list
// that set aside a version of them. It returns how many conflicts it took
// off the list.
func EraseForgotten(tx *store.Tx, ids []model.ID) (int, error) {
	if len(ids) == 0 {
		return 0, nil
	}
	gone := map[string]bool{}
	for _, id := range ids {
		if err := tx.EraseHistory(id); err != nil {
			return 0, err
		}
		gone[id.String()] = true
	}
	b := tx.Bucket(store.ConflictsBucket)
	var keys [][]byte
	err := b.ForEach(func(k, v []byte) error {
		// kind/record/lost id/time/device (ConflictKey)
		parts := strings.SplitN(string(k), "/", 4)
		if len(parts) == 4 && (gone[parts[1]] || gone[parts[2]]) {
			keys = append(keys, bytes.Clone(k))
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	for _, k := range keys {
		if err := b.Delete(k); err != nil {
			return 0, err
		}
	}
	return len(keys), nil
}
