package hub

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"
	"tiscdesk/data/exchange"
	"tiscdesk/data/model"
	"tiscdesk/data/store"

	"github.com/jackc/pgx/v5"
)

// The conflict list, shared (DESIGN section 11): the hub's conflicts table
// holds the versions set aside on the hub (a push that lost, mergeIncoming)
// and those the machines set aside in their own merges; each row is one
// lost version (id, device, updated_ns), the same key as the machines'
// lists (exchange.ConflictKey). A row gets a new sequence number when it
// is added and when it is resolved, under the same lock as the versions,
// so machines pull both by a cursor of their own that never skips one.
// Resolved rows keep no fields of the version (value becomes {}), so a
// resolution carries no personal data. Who reads a conflict: coordinators
// and headquarters all; a field login those of the records it may read.

// schemaV4 shares the conflict list.
var schemaV4 = []string{
	`ALTER TABLE conflicts ADD COLUMN IF NOT EXISTS record uuid`,
	`ALTER TABLE conflicts ADD COLUMN IF NOT EXISTS reason text NOT NULL DEFAULT 'concurrent'`,
	`ALTER TABLE conflicts ADD COLUMN IF NOT EXISTS entry json`,
	`ALTER TABLE conflicts ADD COLUMN IF NOT EXISTS found_by text`,
	`ALTER TABLE conflicts ADD COLUMN IF NOT EXISTS province text NOT NULL DEFAULT ''`,
	`ALTER TABLE conflicts ADD COLUMN IF NOT EXISTS seq bigint`,
	`ALTER TABLE conflicts ADD COLUMN IF NOT EXISTS resolved_at timestamptz`,
	`ALTER TABLE conflicts ADD COLUMN IF NOT EXISTS resolved_by text`,
	`ALTER TABLE conflicts ADD COLUMN IF NOT EXISTS resolution text`,
	`ALTER TABLE conflicts ALTER COLUMN batch DROP NOT NULL`,
	`UPDATE conflicts c SET record = c.id, province = coalesce((SELECT v.province FROM versions v WHERE v.id = c.id), '')
		WHERE record IS NULL`,
	`UPDATE conflicts SET seq = nextval('version_seq') WHERE seq IS NULL`,
	`ALTER TABLE conflicts ALTER COLUMN record SET NOT NULL`,
	`ALTER TABLE conflicts ALTER COLUMN seq SET NOT NULL`,
	`CREATE UNIQUE INDEX IF NOT EXISTS conflicts_seq ON conflicts (seq)`,
	`GRANT UPDATE ON conflicts TO tisc_writer`,
	`DROP POLICY IF EXISTS read ON conflicts`,
	`CREATE POLICY read ON conflicts FOR SELECT USING (hub_kind() IN ('coordinator', 'headquarters')
		OR (hub_kind() = 'field' AND hub_may_read(kind, province)))`,
	`DROP POLICY IF EXISTS add ON conflicts`,
	`CREATE POLICY add ON conflicts FOR INSERT WITH CHECK (hub_kind() = 'coordinator'
		OR (hub_kind() = 'field' AND hub_may_write(kind, province, hub_device())))`,
	`DROP POLICY IF EXISTS resolve ON conflicts`,
	`CREATE POLICY resolve ON conflicts FOR UPDATE USING (hub_kind() = 'coordinator'
		OR (hub_kind() = 'field' AND hub_may_write(kind, province, hub_device())))
		WITH CHECK (hub_kind() = 'coordinator' OR (hub_kind() = 'field' AND hub_may_write(kind, province, hub_device())))`,
}

// ShareConflicts gives the hub the conflicts found here and the
// resolutions made here, then takes from it those of the others, counting
// them in rep.
func (h *Hub) ShareConflicts(ctx context.Context, s *store.Store, rep *ConflictReport) error {
	kind, provinces, err := h.register(ctx, s)
	if err != nil {
		return err
	}
	if err := h.pushConflicts(ctx, s, kind, provinces, rep); err != nil {
		return err
	}
	return h.pullConflicts(ctx, s, rep)
}

// conflictRow is one lost version as the hub's conflicts table holds it.
type conflictRow struct {
	id, record model.ID
	kind       string
	value      string
	entry      string // the machine's list entry (exchange.Conflict) as JSON
	reason     string
	device     string
	updatedNS  int64
	updatedAt  time.Time
	keptDevice string
	keptAt     time.Time
	province   string
}

// ConflictReport is what a sync did to the shared conflict list.
type ConflictReport struct {
	Sent     int // conflicts found here, given to the hub
	Resolved int // resolutions made here, given to the hub
	Added    int // conflicts found elsewhere, put on the list here
	Dropped  int // conflicts resolved elsewhere, taken off the list here
}

// pushConflicts gives the hub this machine's conflicts it may write (the
// hub keeps each once) and the resolutions made here, then forgets the
// resolutions. Each goes in one transaction under the numbering lock.
func (h *Hub) pushConflicts(ctx context.Context, s *store.Store, kind string, provinces []string, rep *ConflictReport) error {
	if kind == string(Headquarters) {
		return nil
	}
	var rows []conflictRow
	var res []exchange.Resolution
	var resProvince []string
	err := s.View(func(tx *store.Tx) error {
		err := exchange.ConflictEntries(tx, func(_ string, c exchange.Conflict) error {
			r, err := conflictRowOf(tx, c)
			if err != nil {
				return err
			}
			if mayConflict(kind, provinces, r.kind, r.province) {
				rows = append(rows, r)
			}
			return nil
		})
		if err != nil {
			return err
		}
		all, err := exchange.PendingResolutions(tx)
		for _, r := range all {
			p := recordProvince(tx, r.Kind, r.Record)
			if mayConflict(kind, provinces, r.Kind, p) {
				res, resProvince = append(res, r), append(resProvince, p)
			}
		}
		return err
	})
	if err != nil || len(rows)+len(res) == 0 {
		return err
	}
	err = pgx.BeginFunc(ctx, h.conn, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, numberingLock); err != nil {
			return err
		}
		for _, r := range rows {
			tag, err := tx.Exec(ctx, `INSERT INTO conflicts (id, record, kind, value, entry, reason, device, updated_ns, updated_at,
				kept_device, kept_updated_at, province, found_by, seq)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, nextval('version_seq'))
				ON CONFLICT DO NOTHING`,
				r.id.String(), r.record.String(), r.kind, r.value, r.entry, r.reason, r.device, r.updatedNS, r.updatedAt,
				r.keptDevice, r.keptAt, r.province, s.DeviceID())
			if err != nil {
				return err
			}
			rep.Sent += int(tag.RowsAffected())
		}
		for i, r := range res {
			// A resolution of a conflict the hub never had stands in for
			// it, so that it is not put on the lists when someone else
			// sends it.
			_, err := tx.Exec(ctx, `INSERT INTO conflicts (id, record, kind, value, device, updated_ns, updated_at,
				kept_device, kept_updated_at, province, found_by, seq, resolved_at, resolved_by, resolution)
				VALUES ($1, $2, $3, '{}', $4, $5, $6, '', $6, $7, $8, nextval('version_seq'), $9, $8, $10)
				ON CONFLICT (id, device, updated_ns) DO UPDATE SET value = '{}', entry = NULL, seq = nextval('version_seq'),
					resolved_at = excluded.resolved_at, resolved_by = excluded.resolved_by, resolution = excluded.resolution
				WHERE conflicts.resolved_at IS NULL`,
				r.Lost.String(), r.Record.String(), r.Kind, r.Device, r.At.UnixNano(), r.At, resProvince[i], s.DeviceID(), r.When, r.How)
			if err != nil {
				return err
			}
			rep.Resolved++
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("share the conflict list: %w", err)
	}
	return s.Update(func(tx *store.Tx) error {
		for _, r := range res {
			if err := exchange.ClearResolution(tx, r.Key); err != nil {
				return err
			}
		}
		return nil
	})
}

// mayConflict says whether a login may write a conflict of a record of
// kind in province (the hub enforces the same rule).
func mayConflict(kind string, provinces []string, k, province string) bool {
	switch kind {
	case "", string(Coordinator):
		return true
	case string(Field):
		return (k == "institutions" || k == "visits") && slices.Contains(provinces, province)
	}
	return false
}

// conflictRowOf is the hub's row of a conflict of the list here.
func conflictRowOf(tx *store.Tx, c exchange.Conflict) (conflictRow, error) {
	lost, err := rowOf(tx, exchange.Record{Kind: c.Kind, Raw: c.Lost})
	if err != nil {
		return conflictRow{}, err
	}
	id, err := model.ParseID(lost.id)
	if err != nil {
		return conflictRow{}, fmt.Errorf("conflict %s: %w", c.Key, err)
	}
	entry, err := json.Marshal(&c)
	if err != nil {
		return conflictRow{}, err
	}
	r := conflictRow{id: id, record: c.Record, kind: c.Kind, value: lost.value, entry: string(entry), reason: string(c.Reason),
		device: lost.device, updatedNS: lost.updatedNS, updatedAt: lost.updatedAt, keptDevice: c.Kept.Device, keptAt: c.Kept.UpdatedAt,
		province: recordProvince(tx, c.Kind, c.Record)}
	if r.province == "" {
		r.province = lost.province
	}
	return r, nil
}

// recordProvince is the province the record id of kind goes with here, as
// rowOf gives it; "" when it is not here or goes with none.
func recordProvince(tx *store.Tx, kind string, id model.ID) string {
	if kind != "institutions" && kind != "visits" && kind != "statistics" && kind != "evaluations" {
		return ""
	}
	raw := tx.Bucket(kind).Get(id[:])
	if raw == nil {
		return ""
	}
	r, err := rowOf(tx, exchange.Record{Kind: kind, Raw: raw})
	if err != nil {
		return ""
	}
	return r.province
}

// pullConflicts reads the conflicts added or resolved on the hub since
// this machine's conflict cursor, page by page, and puts them on the list
// here or takes them off it, each page and the cursor after it in one
// transaction.
func (h *Hub) pullConflicts(ctx context.Context, s *store.Store, rep *ConflictReport) error {
	st, err := LoadState(s, h.id)
	if err != nil {
		return err
	}
	cursor := st.ConflictCursor
	labels, err := h.deviceLabels(ctx)
	if err != nil {
		return err
	}
	for {
		rows, err := h.conn.Query(ctx, `SELECT seq, id::text, record::text, kind, value::text, coalesce(entry::text, ''), reason, device,
			updated_ns, kept_device, kept_updated_at, noted_at, resolved_at IS NOT NULL
			FROM conflicts WHERE seq > $1 ORDER BY seq LIMIT $2`, cursor, PullPage)
		if err != nil {
			return fmt.Errorf("read the hub's conflicts: %w", err)
		}
		type pulled struct {
			c        exchange.Conflict
			key      string
			resolved bool
		}
		var page []pulled
		var last int64
		for rows.Next() {
			var (
				p                        pulled
				id, record, value, entry string
				reason, device, kept     string
				ns                       int64
				keptAt, noted            time.Time
			)
			if err := rows.Scan(&last, &id, &record, &p.c.Kind, &value, &entry, &reason, &device, &ns, &kept, &keptAt, &noted, &p.resolved); err != nil {
				rows.Close()
				return fmt.Errorf("read the hub's conflicts: %w", err)
			}
			lostID, err1 := model.ParseID(id)
			recID, err2 := model.ParseID(record)
			if err1 != nil || err2 != nil {
				rows.Close()
				return fmt.Errorf("read the hub's conflicts: a conflict of record %q", record)
			}
			p.key = exchange.ConflictKey(p.c.Kind, recID, model.Meta{ID: lostID, UpdatedAt: time.Unix(0, ns), Device: device})
			if !p.resolved {
				if entry != "" {
					if err := json.Unmarshal([]byte(entry), &p.c); err != nil {
						rows.Close()
						return fmt.Errorf("read the hub's conflicts: %w", err)
					}
				} else { // set aside by the hub itself
					p.c = exchange.Conflict{Kind: p.c.Kind, Record: recID, Reason: exchange.ConflictReason(reason),
						Lost: json.RawMessage(value), Kept: model.Meta{ID: recID, UpdatedAt: keptAt, Device: kept},
						Peer: device, PeerLabel: labels[device], Merged: noted}
				}
			}
			page = append(page, p)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("read the hub's conflicts: %w", err)
		}
		if len(page) == 0 {
			return nil
		}
		err = s.Update(func(tx *store.Tx) error {
			for _, p := range page {
				if p.resolved {
					dropped, err := exchange.DropConflict(tx, p.key)
					if err != nil {
						return err
					}
					if dropped {
						rep.Dropped++
					}
					continue
				}
				added, err := exchange.AddSharedConflict(tx, p.c)
				if err != nil {
					return err
				}
				if added {
					rep.Added++
				}
			}
			cur, err := loadStateIn(tx, h.id)
			if err != nil {
				return err
			}
			cur.ConflictCursor = last
			return saveStateIn(tx, cur)
		})
		if err != nil {
			return err
		}
		cursor = last
		if len(page) < PullPage {
			return nil
		}
	}
}

// deviceLabels maps the hub's devices to their labels.
func (h *Hub) deviceLabels(ctx context.Context) (map[string]string, error) {
	rows, err := h.conn.Query(ctx, `SELECT id, label FROM devices`)
	if err != nil {
		return nil, fmt.Errorf("read the hub's devices: %w", err)
	}
	out := map[string]string{}
	for rows.Next() {
		var id, label string
		if err := rows.Scan(&id, &label); err != nil {
			rows.Close()
			return nil, fmt.Errorf("read the hub's devices: %w", err)
		}
		out[id] = label
	}
	rows.Close()
	return out, rows.Err()
}
