package hub

import (
	"context"
	"fmt"
	"time"
	"tiscdesk/data/exchange"
	"tiscdesk/data/store"
)

// Device is one machine as the hub knows it.
type Device struct {
	ID, Label, Role    string
	Provinces          []string
	LastPush, LastPull *time.Time
}

// Status is the hub as one machine sees it.
type Status struct {
	Hub      string
	Devices  []Device
	Versions int   // records on the hub
	Waiting  int   // versions here not yet pushed
	State    State // this machine's cursor and last sync
	// HubConflicts counts the versions the hub set aside when a newer one
	// was there (those this login may read); Conflicts, this machine's
	// own conflict list.
	HubConflicts, Conflicts int
}

// Status reads the hub's devices and this machine's state.
func (h *Hub) Status(ctx context.Context, s *store.Store) (Status, error) {
	st := Status{Hub: h.id}
	rows, err := h.conn.Query(ctx, `SELECT id, label, role, provinces, last_push, last_pull FROM devices ORDER BY label, id`)
	if err != nil {
		return st, fmt.Errorf("read the hub's devices: %w", err)
	}
	for rows.Next() {
		var d Device
		if err := rows.Scan(&d.ID, &d.Label, &d.Role, &d.Provinces, &d.LastPush, &d.LastPull); err != nil {
			rows.Close()
			return st, fmt.Errorf("read the hub's devices: %w", err)
		}
		st.Devices = append(st.Devices, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return st, fmt.Errorf("read the hub's devices: %w", err)
	}
	if err := h.conn.QueryRow(ctx, `SELECT count(*) FROM versions`).Scan(&st.Versions); err != nil {
		return st, fmt.Errorf("count the hub's records: %w", err)
	}
	if err := h.conn.QueryRow(ctx, `SELECT count(*) FROM conflicts WHERE resolved_at IS NULL`).Scan(&st.HubConflicts); err != nil {
		return st, fmt.Errorf("count the hub's conflicts: %w", err)
	}
	local, err := exchange.Conflicts(s)
	if err != nil {
		return st, err
	}
	st.Conflicts = len(local)
	if st.State, err = LoadState(s, h.id); err != nil {
		return st, err
	}
	st.Waiting, err = Waiting(s, h.id)
	return st, err
}

// Waiting counts the versions here that the hub hubID is not known to have.
func Waiting(s *store.Store, hubID string) (int, error) {
	st, err := LoadState(s, hubID)
	if err != nil {
		return 0, err
	}
	n := 0
	_, err = exchange.Changes(s, st.Pushed, func(*store.Tx, exchange.Record) error { n++; return nil })
	return n, err
}
