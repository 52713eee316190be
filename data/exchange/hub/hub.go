package hub

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// Hub is a connection to a team hub, for one machine's sync.
type Hub struct {
	conn *pgx.Conn
	id   string
	// what register learnt of this login, for the device it registered
	registered     string
	kind           string
	loginProvinces []string
}

// Open connects to the hub at rawURL and checks its schema. Returns an
// error wrapping ErrLogin, ErrUnreachable (within ConnectTimeout),
// ErrInsecure, ErrCertificate, ErrNotHub, ErrHubNewer or ErrHubOlder when it cannot be used.
func Open(ctx context.Context, rawURL string) (*Hub, error) {
	c, err := dial(ctx, rawURL)
	if err != nil {
		return nil, err
	}
	h := &Hub{conn: c}
	if err := h.check(ctx); err != nil {
		c.Close(context.Background())
		return nil, err
	}
	return h, nil
}

func (h *Hub) check(ctx context.Context) error {
	tx, err := h.conn.Begin(ctx)
	if err != nil {
		return fmt.Errorf("read the hub: %w", err)
	}
	defer tx.Rollback(context.Background())
	v, err := schemaOf(ctx, tx)
	if err != nil {
		return err
	}
	switch {
	case v == 0:
		return ErrNotHub
	case v > SchemaVersion:
		return fmt.Errorf("hub schema %d, this TISC Desk knows up to %d: %w", v, SchemaVersion, ErrHubNewer)
	case v < SchemaVersion:
		return fmt.Errorf("hub schema %d, this TISC Desk needs %d: %w", v, SchemaVersion, ErrHubOlder)
	}
	return tx.QueryRow(ctx, `SELECT hub_id::text FROM hub_meta`).Scan(&h.id)
}

// ID is the hub's id.
func (h *Hub) ID() string { return h.id }

// Close closes the connection.
func (h *Hub) Close() error { return h.conn.Close(context.Background()) }
