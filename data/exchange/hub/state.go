package hub

import (
	"encoding/json"
	"fmt"
	"time"
	"tiscdesk/data/exchange"
	"tiscdesk/data/store"
)

// State is what this machine remembers of one hub, in its own database
// (the exchange bucket): never the URL or its secret.
type State struct {
	Hub string `json:"hub"` // the hub's id
	// Cursor is the sequence number of the last version pulled and applied.
	Cursor int64 `json:"cursor"`
	// ConflictCursor is the sequence number of the last change of the
	// hub's conflict list pulled and applied.
	ConflictCursor int64 `json:"conflict_cursor,omitempty"`
	// ForgottenCursor is the sequence number of the last forgotten record
	// pulled and erased here.
	ForgottenCursor int64 `json:"forgotten_cursor,omitempty"`
	// Pushed is the knowledge of the hub's versions: what was pushed here,
	// and what the pushers of the pulled versions had seen.
	Pushed   exchange.Knowledge `json:"pushed"`
	LastPush time.Time          `json:"last_push,omitzero"`
	LastPull time.Time          `json:"last_pull,omitzero"`
}

func stateKey(hubID string) []byte { return []byte("hub/" + hubID) }

func loadStateIn(tx *store.Tx, hubID string) (State, error) {
	st := State{Hub: hubID, Pushed: exchange.Knowledge{}}
	raw := tx.Bucket(store.ExchangeBucket).Get(stateKey(hubID))
	if raw == nil {
		return st, nil
	}
	if err := json.Unmarshal(raw, &st); err != nil {
		return State{}, fmt.Errorf("decode the hub's state: %w", err)
	}
	if st.Pushed == nil {
		st.Pushed = exchange.Knowledge{}
	}
	return st, nil
}

func saveStateIn(tx *store.Tx, st State) error {
	raw, err := json.Marshal(st)
	if err != nil {
		return err
	}
	return tx.Bucket(store.ExchangeBucket).Put(stateKey(st.Hub), raw)
}

// LoadState reads what this database remembers of the hub hubID.
func LoadState(s *store.Store, hubID string) (State, error) {
	var st State
	err := s.View(func(tx *store.Tx) error {
		var err error
		st, err = loadStateIn(tx, hubID)
		return err
	})
	return st, err
}

// raise sets every entry of k to at least o's.
func raise(k, o exchange.Knowledge) {
	for d, t := range o {
		if cur, ok := k[d]; !ok || t.After(cur) {
			k[d] = t
		}
	}
}

// LastState is what this database remembers of the hub it synced with
// last, read without reaching any hub (for the window, offline too); ok is
// false when it never synced with one.
func LastState(s *store.Store) (st State, ok bool, err error) {
	err = s.View(func(tx *store.Tx) error {
		return tx.Bucket(store.ExchangeBucket).Prefix([]byte("hub/"), func(_, raw []byte) error {
			var cur State
			if err := json.Unmarshal(raw, &cur); err != nil {
				return fmt.Errorf("decode the hub's state: %w", err)
			}
			if !ok || cur.LastSync().After(st.LastSync()) {
				st, ok = cur, true
			}
			return nil
		})
	})
	if st.Pushed == nil {
		st.Pushed = exchange.Knowledge{}
	}
	return st, ok, err
}

// LastSync is when this machine last pushed to or pulled from the hub.
func (st State) LastSync() time.Time {
	if st.LastPull.After(st.LastPush) {
		return st.LastPull
	}
	return st.LastPush
}
