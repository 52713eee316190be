package hub

import (
	"context"
	"fmt"
	"tiscdesk/data/exchange"
	"tiscdesk/data/store"
)

// The devices' public keys (DESIGN section 14): each machine gives the hub
// its age public key when it registers, and takes the team's from the
// hub's device list at every sync, so that a bundle can be sealed for any
// machine of the team (bundle export --to, the Exchange screen), also one
// that never sent a bundle here. Only public keys travel; a machine's
// secret key stays in its file beside its database.

// schemaV5 gives the devices their public keys.
var schemaV5 = []string{
	`ALTER TABLE devices ADD COLUMN IF NOT EXISTS public_key text NOT NULL DEFAULT ''`,
	`DO $$ BEGIN
		IF NOT EXISTS (SELECT FROM pg_constraint WHERE conname = 'devices_public_key') THEN
			ALTER TABLE devices ADD CONSTRAINT devices_public_key CHECK (public_key = '' OR public_key ~ '^age1[02-9ac-hj-np-z]{58}$');
		END IF;
	END $$`,
}

// publicKey is this machine's public key, "" when its key file cannot be
// read (the sync goes on; the hub keeps the key it had).
func publicKey(s *store.Store) string {
	k, err := exchange.DevicePublicKey(s)
	if err != nil {
		return ""
	}
	return k
}

// noteDevices records the hub's devices and their keys here. Returns how
// many it added or changed.
func (h *Hub) noteDevices(ctx context.Context, s *store.Store) (int, error) {
	rows, err := h.conn.Query(ctx, `SELECT id, label, public_key FROM devices WHERE public_key <> ''`)
	if err != nil {
		return 0, fmt.Errorf("read the hub's devices: %w", err)
	}
	var ds []exchange.Peer
	for rows.Next() {
		var d exchange.Peer
		if err := rows.Scan(&d.Device, &d.Label, &d.Key); err != nil {
			rows.Close()
			return 0, fmt.Errorf("read the hub's devices: %w", err)
		}
		ds = append(ds, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("read the hub's devices: %w", err)
	}
	return exchange.NoteDevices(s, ds)
}
