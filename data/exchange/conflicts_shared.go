package exchange

import (
	"encoding/json"
	"fmt"
	"time"
	"tiscdesk/data/model"
	"tiscdesk/data/store"
)

// The conflict list is shared by a team through its hub (DESIGN section 11):
// the versions one machine set aside go to the hub, the others' come from
// it, and a conflict restored or dismissed on one machine leaves every
// machine's list. A conflict is known everywhere by the version it set
// aside (ConflictKey), so the same losing version found on two machines is
// one entry. Restoring or dismissing leaves a resolution here until the
// hub has it (PendingResolutions, ClearResolutions); it names the version
// and holds none of its fields, so forgetting a person has nothing to
// erase in it.

// resolvedPrefix keys the resolutions waiting for the hub in the exchange
// bucket.
const resolvedPrefix = "resolved-conflict/"

// ConflictKey is the key of the conflict that set aside the version lost
// (its metadata) of record of kind: the same on every machine.
func ConflictKey(kind string, record model.ID, lost model.Meta) string {
	return fmt.Sprintf("%s/%s/%s/%s/%s", kind, record, lost.ID, lost.UpdatedAt.UTC().Format(time.RFC3339Nano), lost.Device)
}

// Resolution says that a conflict was taken off the list, and how.
type Resolution struct {
	Key    string    `json:"key"`
	Kind   string    `json:"kind"`
	Record model.ID  `json:"record"`
	Lost   model.ID  `json:"lost"` // the id of the version set aside
	Device string    `json:"device"`
	At     time.Time `json:"lost_at"` // the version's updated_at
	How    string    `json:"how"`     // "restored" or "dismissed"
	When   time.Time `json:"when"`
}

// The ways a conflict is resolved.
const (
	Restored  = "restored"
	Dismissed = "dismissed"
)

// noteResolution keeps the resolution of conflict c until the hub has it.
func noteResolution(tx *store.Tx, c Conflict, how string) error {
	m := c.LostMeta()
	r := Resolution{Key: c.Key, Kind: c.Kind, Record: c.Record, Lost: m.ID, Device: m.Device, At: m.UpdatedAt, How: how, When: tx.Now()}
	raw, err := json.Marshal(r)
	if err != nil {
		return err
	}
	return tx.Bucket(store.ExchangeBucket).Put([]byte(resolvedPrefix+c.Key), raw)
}

// PendingResolutions lists the conflicts resolved here that the hub has
// not been told of.
func PendingResolutions(tx *store.Tx) ([]Resolution, error) {
	var out []Resolution
	err := tx.Bucket(store.ExchangeBucket).Prefix([]byte(resolvedPrefix), func(k, v []byte) error {
		var r Resolution
		if err := json.Unmarshal(v, &r); err != nil {
			return fmt.Errorf("decode resolution %s: %w", k, err)
		}
		out = append(out, r)
		return nil
	})
	return out, err
}

// ClearResolution forgets the resolution of the conflict key, once the hub
// has it.
func ClearResolution(tx *store.Tx, key string) error {
	return tx.Bucket(store.ExchangeBucket).Delete([]byte(resolvedPrefix + key))
}

// ConflictEntries calls fn with the key and stored JSON of every conflict
// of the list, for a transport that shares them.
func ConflictEntries(tx *store.Tx, fn func(key string, c Conflict) error) error {
	return tx.Bucket(store.ConflictsBucket).ForEach(func(k, v []byte) error {
		var c Conflict
		if err := json.Unmarshal(v, &c); err != nil {
			return fmt.Errorf("decode conflict %s: %w", k, err)
		}
		c.Key = string(k)
		return fn(c.Key, c)
	})
}

// AddSharedConflict puts a conflict another machine found on the list,
// unless it is there already or was resolved here; it reports whether it
// added it. Its key is ConflictKey's.
func AddSharedConflict(tx *store.Tx, c Conflict) (bool, error) {
	key := ConflictKey(c.Kind, c.Record, c.LostMeta())
	b := tx.Bucket(store.ConflictsBucket)
	if b.Get([]byte(key)) != nil || tx.Bucket(store.ExchangeBucket).Get([]byte(resolvedPrefix+key)) != nil {
		return false, nil
	}
	if _, ok := kindNamed(tx.Store(), c.Kind); !ok {
		return false, fmt.Errorf("a conflict of unknown kind %q", c.Kind)
	}
	raw, err := json.Marshal(&c)
	if err != nil {
		return false, err
	}
	return true, b.Put([]byte(key), raw)
}

// DropConflict takes the conflict key off the list (resolved on another
// machine); it reports whether it was there.
func DropConflict(tx *store.Tx, key string) (bool, error) {
	b := tx.Bucket(store.ConflictsBucket)
	if b.Get([]byte(key)) == nil {
		return false, nil
	}
	return true, b.Delete([]byte(key))
}
