package exchange

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"tiscdesk/data/model"
	"tiscdesk/data/store"

	"filippo.io/age"
)

// What a database knows of the other devices' changes, and of its
// exchanges with each device: the exchange bucket.

// Knowledge says, per device id, up to which updated_at this database has
// seen that device's changes: every change that device made at or before
// the time, or a newer version of the same record. It is how two machines
// tell what changed "since they last exchanged".
type Knowledge map[string]time.Time

// Knows reports whether a version written by device at t is known.
func (k Knowledge) Knows(device string, t time.Time) bool {
	kt, ok := k[device]
	return ok && !t.After(kt)
}

// raise sets every entry of k to at least o's.
func (k Knowledge) raise(o Knowledge) {
	for d, t := range o {
		if cur, ok := k[d]; !ok || t.After(cur) {
			k[d] = t
		}
	}
}

func sameKnowledge(a, b Knowledge) bool {
	if len(a) != len(b) {
		return false
	}
	for d, t := range a {
		if u, ok := b[d]; !ok || !u.Equal(t) {
			return false
		}
	}
	return true
}

// Peer is another device this database has exchanged bundles with.
type Peer struct {
	Device   string    `json:"device"`
	Label    string    `json:"label"`
	Key      string    `json:"key,omitempty"`      // its public key for sealed bundles, from its manifests
	Sent     *Transfer `json:"sent,omitempty"`     // the last bundle made for it here
	Received *Transfer `json:"received,omitempty"` // the last bundle from it merged here
}

// Transfer is one bundle that went between this database and a peer.
type Transfer struct {
	Bundle  string    `json:"bundle"`
	Created time.Time `json:"created"` // when it was exported
	At      time.Time `json:"at"`      // when it was marked sent or merged here
	Records int       `json:"records"`
	Known   Knowledge `json:"known"` // its sender's knowledge
}

// Name is the peer's label, or its id when it has none.
func (p Peer) Name() string {
	if p.Label != "" {
		return p.Label
	}
	return p.Device
}

// seen is what the peer is taken to have seen: what it said it had in its
// last bundle, and what the last bundle made for it here had.
func (p Peer) seen() Knowledge {
	k := Knowledge{}
	if p.Sent != nil {
		k.raise(p.Sent.Known)
	}
	if p.Received != nil {
		k.raise(p.Received.Known)
	}
	return k
}

// LastExchange is the time of the latest bundle either way (zero for none).
func (p Peer) LastExchange() time.Time {
	var t time.Time
	for _, x := range []*Transfer{p.Sent, p.Received} {
		if x != nil && x.At.After(t) {
			t = x.At
		}
	}
	return t
}

var (
	keyKnown   = []byte("known")
	peerPrefix = "peer/"
)

func loadKnown(tx *store.Tx) (Knowledge, error) {
	k := Knowledge{}
	raw := tx.Bucket(store.ExchangeBucket).Get(keyKnown)
	if raw == nil {
		return k, nil
	}
	if err := json.Unmarshal(raw, &k); err != nil {
		return nil, fmt.Errorf("decode the exchange state: %w", err)
	}
	return k, nil
}

func saveKnown(tx *store.Tx, k Knowledge) error {
	raw, err := json.Marshal(k)
	if err != nil {
		return err
	}
	return tx.Bucket(store.ExchangeBucket).Put(keyKnown, raw)
}

func getPeer(tx *store.Tx, device string) (Peer, bool, error) {
	raw := tx.Bucket(store.ExchangeBucket).Get([]byte(peerPrefix + device))
	if raw == nil {
		return Peer{Device: device}, false, nil
	}
	var p Peer
	if err := json.Unmarshal(raw, &p); err != nil {
		return Peer{}, false, fmt.Errorf("decode device %s: %w", device, err)
	}
	return p, true, nil
}

func putPeer(tx *store.Tx, p Peer) error {
	raw, err := json.Marshal(p)
	if err != nil {
		return err
	}
	return tx.Bucket(store.ExchangeBucket).Put([]byte(peerPrefix+p.Device), raw)
}

// Peers lists the devices this database has exchanged bundles with, the
// most recent exchange first.
func Peers(s *store.Store) ([]Peer, error) {
	var out []Peer
	err := s.View(func(tx *store.Tx) error {
		return tx.Bucket(store.ExchangeBucket).Prefix([]byte(peerPrefix), func(k, v []byte) error {
			var p Peer
			if err := json.Unmarshal(v, &p); err != nil {
				return fmt.Errorf("decode device %s: %w", k, err)
			}
			out = append(out, p)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("list devices: %w", err)
	}
	sortPeers(out)
	return out, nil
}

func sortPeers(ps []Peer) {
	for i := 1; i < len(ps); i++ { // a handful of devices
		for j := i; j > 0 && ps[j].LastExchange().After(ps[j-1].LastExchange()); j-- {
			ps[j], ps[j-1] = ps[j-1], ps[j]
		}
	}
}

// FindPeer finds a device by its id, its label (case aside), or the start
// of either (at least four characters of an id). Returns ErrNotFound when no
// device, or more than one, matches.
func FindPeer(s *store.Store, name string) (Peer, error) {
	peers, err := Peers(s)
	if err != nil {
		return Peer{}, err
	}
	name = strings.TrimSpace(name)
	lower := strings.ToLower(name)
	var exact, prefix []Peer
	for _, p := range peers {
		switch {
		case p.Device == name:
			return p, nil
		case strings.EqualFold(p.Label, name):
			exact = append(exact, p)
		case strings.HasPrefix(strings.ToLower(p.Label), lower) || (len(name) >= 4 && strings.HasPrefix(p.Device, lower)):
			prefix = append(prefix, p)
		}
	}
	found := exact
	if len(found) == 0 {
		found = prefix
	}
	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
		return Peer{}, fmt.Errorf("no device called %q has exchanged bundles with this database: %w", name, model.ErrNotFound)
	}
	return Peer{}, fmt.Errorf("%d devices are called %q; give the device id instead: %w", len(found), name, model.ErrNotFound)
}

// NoteDevices records the team's devices a transport learnt of (the hub's
// device list), with their labels and public keys, so that a bundle can be
// sealed for any of them (bundle export --to, the Exchange screen) before
// it ever sent one here. A key already known is replaced by the newer one
// given; this machine is left out. It reports how many devices it added or
// changed.
func NoteDevices(s *store.Store, devices []Peer) (int, error) {
	n := 0
	err := s.Update(func(tx *store.Tx) error {
		for _, d := range devices {
			if d.Device == "" || d.Device == s.DeviceID() {
				continue
			}
			p, _, err := getPeer(tx, d.Device)
			if err != nil {
				return err
			}
			if d.Key != "" {
				if _, err := age.ParseX25519Recipient(d.Key); err != nil {
					d.Key = "" // not a key: keep the one known, if any
				}
			}
			changed := false
			if d.Key != "" && d.Key != p.Key {
				p.Key, changed = d.Key, true
			}
			if d.Label != "" && p.Label == "" {
				p.Label, changed = d.Label, true
			}
			if !changed {
				continue
			}
			if err := putPeer(tx, p); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("note the team's devices: %w", err)
	}
	return n, nil
}
