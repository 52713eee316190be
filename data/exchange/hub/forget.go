package hub

import (
	"context"
	"fmt"
	"strconv"
	"tiscdesk/data/exchange"
	"tiscdesk/data/model"
	"tiscdesk/data/store"
)

// Forgetting a person through the hub (DESIGN section 14): the erasure is
// an ordinary change, pushed like any other, so the hub's newest version
// of each record is the erased one. The older versions the hub holds are
// in its conflicts table; a login may not delete them, so the machine that
// forgot asks hub_forget, which runs as the hub's owner, to purge the
// conflicts of the records it erased (those it may write) and to list
// their ids in the forgotten table with the device that forgot (a login's
// own device; the owner's machine names itself). Every other machine pulls
// those ids by a cursor and erases its own older versions of them (its
// history and conflict list). Only ids travel.

var numberingLockSQL = strconv.FormatInt(numberingLock, 10)

// schemaV6 adds the purge of forgotten records.
var schemaV6 = []string{
	`CREATE TABLE IF NOT EXISTS forgotten (
		id uuid PRIMARY KEY,
		seq bigint NOT NULL UNIQUE,
		device text NOT NULL,
		forgotten_at timestamptz NOT NULL DEFAULT now())`,
	`GRANT SELECT ON forgotten TO tisc_reader, tisc_writer`,
	`CREATE OR REPLACE FUNCTION hub_forget(ids uuid[], self text) RETURNS int LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
	DECLARE
		mine uuid[];
		n int;
	BEGIN
		-- hub_kind() is NULL for the owner, who may do everything.
		IF hub_kind() = 'headquarters' THEN
			RAISE EXCEPTION 'this login may not erase' USING ERRCODE = '42501';
		END IF;
		PERFORM pg_advisory_xact_lock(` + numberingLockSQL + `);
		-- The records this login may write: a field login's own provinces'.
		SELECT coalesce(array_agg(v.id), '{}') INTO mine FROM versions v
			WHERE v.id = ANY (ids) AND (hub_kind() IS NULL OR hub_may_write(v.kind, v.province, hub_device()));
		DELETE FROM conflicts WHERE record = ANY (mine) OR id = ANY (mine);
		GET DIAGNOSTICS n = ROW_COUNT;
		INSERT INTO forgotten (id, seq, device) SELECT m, nextval('version_seq'), coalesce(hub_device(), self) FROM unnest(mine) m
			ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, device = excluded.device, forgotten_at = now();
		RETURN n;
	END $$`,
	`REVOKE ALL ON FUNCTION hub_forget(uuid[], text) FROM PUBLIC`,
	`GRANT EXECUTE ON FUNCTION hub_forget(uuid[], text) TO tisc_writer`,
}

// ForgetReport is what a sync did for forgotten people.
type ForgetReport struct {
	Sent    int // records erased here whose older versions the hub purged
	Purged  int // older versions (conflicts) the hub purged for them
	Erased  int // records erased elsewhere whose older versions were erased here
	Dropped int // conflicts of those taken off the list here
}

// ShareForgotten asks the hub to purge the older versions of the records
// a forget erased here, and erases here those of the records forgotten on
// other machines, counting them in rep.
func (h *Hub) ShareForgotten(ctx context.Context, s *store.Store, rep *ForgetReport) error {
	kind, _, err := h.register(ctx, s)
	if err != nil {
		return err
	}
	if err := h.pushForgotten(ctx, s, kind, rep); err != nil {
		return err
	}
	return h.pullForgotten(ctx, s, rep)
}

// pushForgotten asks the hub to purge the older versions of the records a
// forget erased here, then clears their notes. Headquarters writes
// nothing: its notes wait (its own records never reach the hub anyway).
func (h *Hub) pushForgotten(ctx context.Context, s *store.Store, kind string, rep *ForgetReport) error {
	if kind == string(Headquarters) {
		return nil
	}
	var ids []model.ID
	err := s.View(func(tx *store.Tx) error {
		var err error
		ids, err = tx.ForgottenNotes()
		return err
	})
	if err != nil || len(ids) == 0 {
		return err
	}
	strs := make([]string, len(ids))
	for i, id := range ids {
		strs[i] = id.String()
	}
	var n int
	if err := h.conn.QueryRow(ctx, `SELECT hub_forget($1::uuid[], $2)`, strs, s.DeviceID()).Scan(&n); err != nil {
		return fmt.Errorf("ask the hub to erase the older versions of forgotten people: %w", err)
	}
	rep.Sent, rep.Purged = len(ids), n
	return s.Update(func(tx *store.Tx) error { return tx.ClearForgotten(ids) })
}

// pullForgotten erases here the older versions of the records forgotten
// on other machines since this machine's cursor.
func (h *Hub) pullForgotten(ctx context.Context, s *store.Store, rep *ForgetReport) error {
	st, err := LoadState(s, h.id)
	if err != nil {
		return err
	}
	rows, err := h.conn.Query(ctx, `SELECT seq, id::text FROM forgotten WHERE seq > $1 AND device <> $2 ORDER BY seq`, st.ForgottenCursor, s.DeviceID())
	if err != nil {
		return fmt.Errorf("read the hub's forgotten records: %w", err)
	}
	var ids []model.ID
	last := st.ForgottenCursor
	for rows.Next() {
		var id string
		if err := rows.Scan(&last, &id); err != nil {
			rows.Close()
			return fmt.Errorf("read the hub's forgotten records: %w", err)
		}
		x, err := model.ParseID(id)
		if err != nil {
			rows.Close()
			return fmt.Errorf("read the hub's forgotten records: %w", err)
		}
		ids = append(ids, x)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read the hub's forgotten records: %w", err)
	}
	if last == st.ForgottenCursor {
		return nil
	}
	return s.Update(func(tx *store.Tx) error {
		n, err := exchange.EraseForgotten(tx, ids)
		if err != nil {
			return err
		}
		rep.Erased, rep.Dropped = len(ids), n
		cur, err := loadStateIn(tx, h.id)
		if err != nil {
			return err
		}
		cur.ForgottenCursor = last
		return saveStateIn(tx, cur)
	})
}
