package exchange

import (
	"bytes"
	"strings"
	"tiscdesk/data/model"
	"tiscdesk/data/store"
)

// Forgetting a person (DESIGN section 14) is an ordinary edit of their
// records, which travels like any other; but the older versions of those
// records, kept in each machine's history and conflict list and in the
// hub's conflicts, still hold the name and email. So the records a forget
// changed are noted by id (store's NoteForgotten), until a transport has
// told the others; a machine told erases its own older versions of them
// (EraseForgotten). Only ids travel: no personal data.

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
