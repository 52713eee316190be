// Package hub is the team hub (DESIGN section 11): a second transport of
// the exchange, over PostgreSQL. Every machine keeps its own database and
// works offline; Sync pushes what changed here since the last push and
// pulls what the others pushed since this machine's cursor, through the
// same merge as bundles (exchange.MergeSources).
//
// The hub holds one row per record: its newest version (value as json,
// byte for byte as the store holds it, so a record synced twice is the
// same bytes), with a sequence number that is assigned in commit order
// (see push.go), the batch that brought it, and the record's province for
// the field logins' policies. Losing versions go to the conflicts table.
package hub

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// SchemaVersion is the hub schema this program creates and the newest it
// uses.
const SchemaVersion = 6

// ErrHubNewer is returned for a hub whose schema is newer than this
// program's.
var ErrHubNewer = errors.New("the hub was set up by a newer TISC Desk")

// ErrHubOlder is returned for a hub whose schema is older than this
// program's: its owner runs hub setup again to upgrade it.
var ErrHubOlder = errors.New("the hub was set up by an older TISC Desk: its owner runs tiscdesk hub setup again to upgrade it")

// ErrNotHub is returned for a PostgreSQL database that has no hub in it.
var ErrNotHub = errors.New("this PostgreSQL database is not a TISC Desk hub (run tiscdesk hub setup on it first)")

// numberingLock is the advisory lock key held from numbering a push's
// versions to its commit, so that sequence numbers are visible in order.
const numberingLock = 0x7153_6465_736b // "tisc desk"

var schemaV1 = []string{
	`CREATE TABLE IF NOT EXISTS hub_meta (
		one boolean PRIMARY KEY DEFAULT true CHECK (one),
		schema_version int NOT NULL,
		hub_id uuid NOT NULL,
		created_at timestamptz NOT NULL DEFAULT now())`,
	`CREATE SEQUENCE IF NOT EXISTS version_seq`,
	`CREATE TABLE IF NOT EXISTS devices (
		id text PRIMARY KEY,
		label text NOT NULL,
		login text,
		role text NOT NULL DEFAULT 'coordinator',
		provinces text[] NOT NULL DEFAULT '{}',
		last_push timestamptz,
		last_pull timestamptz)`,
	`CREATE TABLE IF NOT EXISTS batches (
		id bigserial PRIMARY KEY,
		device text NOT NULL,
		label text NOT NULL,
		known jsonb NOT NULL,
		pushed_at timestamptz NOT NULL DEFAULT now())`,
	`CREATE TABLE IF NOT EXISTS versions (
		id uuid PRIMARY KEY,
		kind text NOT NULL,
		value json NOT NULL,
		deleted boolean NOT NULL,
		updated_ns bigint NOT NULL,
		updated_at timestamptz NOT NULL,
		device text NOT NULL,
		updated_by text NOT NULL,
		province text NOT NULL DEFAULT '',
		seq bigint NOT NULL UNIQUE,
		batch bigint NOT NULL REFERENCES batches)`,
	`CREATE INDEX IF NOT EXISTS versions_kind ON versions (kind)`,
	`CREATE TABLE IF NOT EXISTS conflicts (
		id uuid NOT NULL,
		kind text NOT NULL,
		value json NOT NULL,
		device text NOT NULL,
		updated_ns bigint NOT NULL,
		updated_at timestamptz NOT NULL,
		kept_device text NOT NULL,
		kept_updated_at timestamptz NOT NULL,
		batch bigint NOT NULL REFERENCES batches,
		noted_at timestamptz NOT NULL DEFAULT now(),
		PRIMARY KEY (id, device, updated_ns))`,
}

// views are the readable views per kind, for headquarters' SQL and BI
// tools. security_invoker: a view obeys the policies of whoever queries it.
func views() []string {
	var out []string
	for _, k := range []string{"institutions", "visits", "courses", "sessions", "enrolments", "programmes", "cohorts", "students", "statistics", "evaluations"} {
		out = append(out, fmt.Sprintf(`CREATE OR REPLACE VIEW %s WITH (security_invoker = true) AS
			SELECT id, value::jsonb AS record, updated_at, updated_by, device, province
			FROM versions WHERE kind = '%s' AND NOT deleted`, k, k))
	}
	return out
}

// Setup creates the hub's tables in the PostgreSQL database at ownerURL, or
// upgrades them to SchemaVersion; run again, it changes nothing. Returns an
// error wrapping ErrHubNewer for a hub of a newer schema, which it leaves
// as it is.
func Setup(ctx context.Context, ownerURL string) (created bool, err error) {
	return setupTo(ctx, ownerURL, SchemaVersion)
}

// schemaSteps are the statements that bring a hub of schema i to i+1.
func schemaSteps() [][]string {
	return [][]string{append(schemaV1, views()...), schemaV2, schemaV3, schemaV4, schemaV5, schemaV6}
}

// setupTo is Setup up to schema target (a test makes older hubs with it).
func setupTo(ctx context.Context, ownerURL string, target int) (created bool, err error) {
	c, err := dial(ctx, ownerURL)
	if err != nil {
		return false, err
	}
	defer c.Close(context.Background())
	tx, err := c.Begin(ctx)
	if err != nil {
		return false, fmt.Errorf("set up the hub: %w", err)
	}
	defer tx.Rollback(context.Background())
	// One setup at a time.
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, numberingLock+1); err != nil {
		return false, fmt.Errorf("set up the hub: %w", err)
	}
	v, err := schemaOf(ctx, tx)
	if err != nil {
		return false, err
	}
	if v > SchemaVersion {
		return false, fmt.Errorf("hub schema %d, this TISC Desk knows up to %d: %w", v, SchemaVersion, ErrHubNewer)
	}
	if v >= target {
		return false, nil
	}
	for _, step := range schemaSteps()[v:target] {
		for _, stmt := range step {
			if _, err := tx.Exec(ctx, stmt); err != nil {
				return false, fmt.Errorf("set up the hub: %w", err)
			}
		}
	}
	if _, err := tx.Exec(ctx, `INSERT INTO hub_meta (schema_version, hub_id) VALUES ($1, gen_random_uuid())
		ON CONFLICT (one) DO UPDATE SET schema_version = excluded.schema_version`, target); err != nil {
		return false, fmt.Errorf("set up the hub: %w", err)
	}
	return v == 0, tx.Commit(ctx)
}

// schemaOf reads the hub's schema version; 0 for a database without a hub.
func schemaOf(ctx context.Context, q pgx.Tx) (int, error) {
	var exists bool
	if err := q.QueryRow(ctx, `SELECT to_regclass('hub_meta') IS NOT NULL`).Scan(&exists); err != nil {
		return 0, fmt.Errorf("read the hub's schema: %w", err)
	}
	if !exists {
		return 0, nil
	}
	var v int
	err := q.QueryRow(ctx, `SELECT schema_version FROM hub_meta`).Scan(&v)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("read the hub's schema: %w", err)
	}
	return v, nil
}

// ConnectTimeout bounds how long a hub that does not answer is waited for.
const ConnectTimeout = 5 * time.Second
