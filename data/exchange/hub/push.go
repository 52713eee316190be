package hub

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"
	"tiscdesk/data/exchange"
	"tiscdesk/data/model"
	"tiscdesk/data/store"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// PushBatch is how many versions go in one transaction of a push.
var PushBatch = 5000

// row is one version as pushed.
type row struct {
	id        string
	kind      string
	value     string
	deleted   bool
	updatedNS int64
	updatedAt time.Time
	device    string
	updatedBy string
	province  string
}

// PushReport is what a push did.
type PushReport struct {
	Sent       int // versions sent to the hub
	Batches    int
	NotAllowed int // versions this login may not write, not sent
	Photos     int // photos sent (those the hub lacked)
}

// Push sends the hub every version this database holds that the hub is
// not known to have, in batches of PushBatch, each in one transaction: the
// versions go into a temporary table by COPY, then one statement merges
// them with the bundles' rule (newer updated_at wins, ties by device id);
// a pushed version that loses goes to the hub's conflict list. A batch sent
// twice changes nothing. Only when every batch is in does this database
// note what the hub now has, so an interrupted push is simply pushed again.
func (h *Hub) Push(ctx context.Context, s *store.Store, progress func(done, total int)) (PushReport, error) {
	var rep PushReport
	st, err := LoadState(s, h.id)
	if err != nil {
		return rep, err
	}
	var rows []row
	known, err := exchange.Changes(s, st.Pushed, func(tx *store.Tx, r exchange.Record) error {
		x, err := rowOf(tx, r)
		if err != nil {
			return err
		}
		rows = append(rows, x)
		return nil
	})
	if err != nil {
		return rep, err
	}
	kind, provinces, err := h.register(ctx, s)
	if err != nil {
		return rep, err
	}
	// What this login may not write is not sent (the hub would refuse it):
	// the built-in catalogue on a field machine, another province, versions
	// of other devices; everything on headquarters' machine.
	allowed := rows[:0]
	for _, r := range rows {
		if may(kind, provinces, s.DeviceID(), r) {
			allowed = append(allowed, r)
		} else {
			rep.NotAllowed++
		}
	}
	rows = allowed
	// The photos first, so that a machine pulling a visit finds its photos.
	if rep.Photos, err = h.pushPhotos(ctx, s, kind, provinces); err != nil {
		return rep, err
	}
	for start := 0; start < len(rows); start += PushBatch {
		end := min(start+PushBatch, len(rows))
		// Only the last batch claims the new knowledge: until it is in,
		// the hub has not got everything this database had seen.
		k := st.Pushed
		if end == len(rows) {
			k = known
		}
		if err := h.pushBatch(ctx, s, rows[start:end], k); err != nil {
			return rep, fmt.Errorf("push to the hub: %w", err)
		}
		rep.Sent += end - start
		rep.Batches++
		if progress != nil {
			progress(end, len(rows))
		}
	}
	now := time.Now()
	if _, err := h.conn.Exec(ctx, `UPDATE devices SET last_push = now() WHERE id = $1`, s.DeviceID()); err != nil {
		return rep, fmt.Errorf("push to the hub: %w", err)
	}
	err = s.Update(func(tx *store.Tx) error {
		cur, err := loadStateIn(tx, h.id)
		if err != nil {
			return err
		}
		raise(cur.Pushed, known)
		cur.LastPush = now
		return saveStateIn(tx, cur)
	})
	return rep, err
}

// register binds the login to this machine on its first sync (refusing a
// login bound to another), adds the machine to the hub's devices, and
// returns what the login may do: its kind ("" for the owner) and provinces.
func (h *Hub) register(ctx context.Context, s *store.Store) (kind string, provinces []string, err error) {
	if h.registered == s.DeviceID() {
		return h.kind, h.loginProvinces, nil
	}
	if err := h.conn.QueryRow(ctx, `SELECT hub_bind($1), hub_provinces()`, s.DeviceID()).Scan(&kind, &provinces); err != nil {
		var pe *pgconn.PgError
		if errors.As(err, &pe) && pe.Code == "TD001" {
			return "", nil, ErrBoundElsewhere
		}
		return "", nil, fmt.Errorf("register this machine on the hub: %w", err)
	}
	if kind == "owner" {
		kind = ""
	}
	_, err = h.conn.Exec(ctx, `INSERT INTO devices (id, label, login, role, provinces, public_key)
		VALUES ($1, $2, current_user, coalesce(hub_kind(), 'owner'), hub_provinces(), $3)
		ON CONFLICT (id) DO UPDATE SET label = excluded.label, login = excluded.login, role = excluded.role, provinces = excluded.provinces,
			public_key = coalesce(nullif(excluded.public_key, ''), devices.public_key)`,
		s.DeviceID(), s.DeviceLabel(), publicKey(s))
	if err != nil {
		return "", nil, fmt.Errorf("register this machine on the hub: %w", err)
	}
	h.registered, h.kind, h.loginProvinces = s.DeviceID(), kind, provinces
	return kind, provinces, nil
}

var incomingColumns = []string{"ord", "id", "kind", "value", "deleted", "updated_ns", "updated_at", "device", "updated_by", "province"}

func (h *Hub) pushBatch(ctx context.Context, s *store.Store, rows []row, known exchange.Knowledge) error {
	kj, err := json.Marshal(known)
	if err != nil {
		return err
	}
	return pgx.BeginFunc(ctx, h.conn, func(tx pgx.Tx) error {
		var batch int64
		if err := tx.QueryRow(ctx, `INSERT INTO batches (device, label, known) VALUES ($1, $2, $3) RETURNING id`,
			s.DeviceID(), s.DeviceLabel(), kj).Scan(&batch); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `CREATE TEMP TABLE incoming (ord int, id uuid, kind text, value json, deleted boolean,
			updated_ns bigint, updated_at timestamptz, device text, updated_by text, province text) ON COMMIT DROP`); err != nil {
			return err
		}
		_, err := tx.CopyFrom(ctx, pgx.Identifier{"incoming"}, incomingColumns, pgx.CopyFromSlice(len(rows), func(i int) ([]any, error) {
			r := rows[i]
			return []any{i, r.id, r.kind, r.value, r.deleted, r.updatedNS, r.updatedAt, r.device, r.updatedBy, r.province}, nil
		}))
		if err != nil {
			return err
		}
		if err := mergeIncoming(ctx, tx, batch); err != nil {
			return err
		}
		// Delivered when the batch commits: online machines pull now.
		_, err = tx.Exec(ctx, `SELECT pg_notify($1, $2)`, notifyChannel, s.DeviceID())
		return err
	})
}

// mergeIncoming merges the temporary table incoming into versions. The
// versions get their sequence numbers under a transaction advisory lock
// held to the commit, so numbers become visible in the order they were
// given: a puller that has seen number n can never later find a smaller
// one committed (the trap of a plain sequence, where a slow push takes 1,
// a fast one 2 and commits first, and a cursor at 2 never sees 1).
func mergeIncoming(ctx context.Context, tx pgx.Tx, batch int64) error {
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, numberingLock); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `INSERT INTO conflicts (id, record, kind, value, device, updated_ns, updated_at, kept_device, kept_updated_at,
			batch, province, seq)
		SELECT i.id, i.id, i.kind, i.value, i.device, i.updated_ns, i.updated_at, v.device, v.updated_at, $1, i.province, nextval('version_seq')
		FROM incoming i JOIN versions v ON v.id = i.id
		WHERE (i.updated_ns, i.device) < (v.updated_ns, v.device) AND NOT i.deleted AND NOT v.deleted
		ON CONFLICT DO NOTHING`, batch); err != nil {
		return err
	}
	_, err := tx.Exec(ctx, `WITH written AS (
		INSERT INTO versions (id, kind, value, deleted, updated_ns, updated_at, device, updated_by, province, batch, seq)
		SELECT i.id, i.kind, i.value, i.deleted, i.updated_ns, i.updated_at, i.device, i.updated_by, i.province, $1, nextval('version_seq')
		FROM (SELECT * FROM incoming ORDER BY ord) i
		ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, value = excluded.value, deleted = excluded.deleted,
			updated_ns = excluded.updated_ns, updated_at = excluded.updated_at, device = excluded.device,
			updated_by = excluded.updated_by, province = excluded.province, batch = excluded.batch, seq = excluded.seq
		WHERE (excluded.updated_ns, excluded.device) > (versions.updated_ns, versions.device)
		RETURNING id, kind, value)
		`+photoRefs, batch)
	return err
}

// rowOf reads what the hub's columns need from a record.
func rowOf(tx *store.Tx, r exchange.Record) (row, error) {
	var v struct {
		model.Meta
		Province    string   `json:"province"`
		Institution model.ID `json:"institution"`
	}
	if err := json.Unmarshal(r.Raw, &v); err != nil {
		return row{}, fmt.Errorf("decode %s record: %w", r.Kind, err)
	}
	x := row{id: v.ID.String(), kind: r.Kind, value: string(r.Raw), deleted: v.Deleted, updatedNS: v.UpdatedAt.UnixNano(),
		updatedAt: v.UpdatedAt, device: v.Device, updatedBy: v.UpdatedBy}
	if bytes.IndexByte(r.Raw, '\n') >= 0 {
		var c bytes.Buffer
		if err := json.Compact(&c, r.Raw); err != nil {
			return row{}, err
		}
		x.value = c.String()
	}
	switch r.Kind {
	case "institutions":
		x.province = v.Province
	case "visits", "statistics", "evaluations": // an institution's records go where it goes
		x.province = provinceOf(tx, v.Institution)
	}
	return x, nil
}

func provinceOf(tx *store.Tx, institution model.ID) string {
	raw := tx.Bucket(store.InstitutionsBucket).Get(institution[:])
	if raw == nil {
		return ""
	}
	var in struct {
		Province string `json:"province"`
	}
	_ = json.Unmarshal(raw, &in)
	return in.Province
}
