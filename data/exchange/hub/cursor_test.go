package hub

import (
	"context"
	"encoding/json"
	"testing"
	"time"
	"tiscdesk/data/datatest"
	"tiscdesk/data/exchange"
	"tiscdesk/data/exchange/hub/pgtest"
	"tiscdesk/data/model"
	"tiscdesk/data/store"

	"github.com/jackc/pgx/v5"
)

// The trap: with a plain sequence as the cursor, a slow writer takes
// number 1, a fast one number 2 and commits first; a reader at 2 never
// sees 1.
func TestAPlainSequenceCursorSkipsARowCommittedLate(t *testing.T) {
	url := pgtest.Need(t).NewDB(t)
	ctx := context.Background()
	hubExec(t, url, `CREATE TABLE plain (seq bigserial PRIMARY KEY, v text)`)
	slow, fast, reader := hubConn(t, url), hubConn(t, url), hubConn(t, url)
	txSlow, err := slow.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := txSlow.Exec(ctx, `INSERT INTO plain (v) VALUES ('slow')`); err != nil {
		t.Fatal(err)
	}
	if _, err := fast.Exec(ctx, `INSERT INTO plain (v) VALUES ('fast')`); err != nil {
		t.Fatal(err)
	}
	var cursor int64
	seen := 0
	read := func() {
		rows, err := reader.Query(ctx, `SELECT seq FROM plain WHERE seq > $1 ORDER BY seq`, cursor)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			if err := rows.Scan(&cursor); err != nil {
				t.Fatal(err)
			}
			seen++
		}
		rows.Close()
	}
	read()
	if err := txSlow.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	read()
	if seen != 1 || cursor != 2 {
		t.Fatalf("the reader saw %d rows up to %d: the trap did not spring, so this test proves nothing", seen, cursor)
	}
}

// The fix: the hub numbers a push's versions under a lock held to its
// commit, so a fast push waits for a slow one's commit before it takes
// its numbers, and a puller meanwhile sees neither.
func TestTheHubsCursorNeverSkipsAPushCommittedLate(t *testing.T) {
	url := newHub(t)
	ctx := context.Background()
	slowM, fastM, reader := datatest.OpenNamed(t, "slow"), datatest.OpenNamed(t, "fast"), datatest.OpenNamed(t, "reader")
	slowIn := &model.Institution{LocalName: "慢大学", Type: model.TypeUniversity, Province: "CN-SH", Stage: model.StageCandidate}
	fastIn := &model.Institution{LocalName: "快大学", Type: model.TypeUniversity, Province: "CN-BJ", Stage: model.StageCandidate}
	if err := slowM.Institutions.Put(slowIn); err != nil {
		t.Fatal(err)
	}
	if err := fastM.Institutions.Put(fastIn); err != nil {
		t.Fatal(err)
	}
	syncOK(t, reader, url) // the reader's cursor is set

	// The slow push: its versions are merged and numbered, not committed.
	conn := hubConn(t, url)
	tx, err := conn.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	startSlowPush(t, tx, slowM)

	fastDone := make(chan error, 1)
	go func() {
		_, err := Sync(ctx, fastM, url)
		fastDone <- err
	}()
	select {
	case err := <-fastDone:
		t.Fatalf("the fast push finished (%v) while the slow one held its numbers", err)
	case <-time.After(500 * time.Millisecond):
	}
	rep := syncOK(t, reader, url)
	if rep.Pull.Received != 0 {
		t.Fatalf("while the slow push is uncommitted the reader pulled %d versions", rep.Pull.Received)
	}
	if err := tx.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	if err := <-fastDone; err != nil {
		t.Fatalf("the fast push: %v", err)
	}
	syncOK(t, reader, url)
	for _, id := range []model.ID{slowIn.ID, fastIn.ID} {
		if _, err := reader.Institutions.Get(id); err != nil {
			t.Errorf("the reader lacks %s after both pushes: %v", id, err)
		}
	}
	var slowSeq, fastSeq int64
	c := hubConn(t, url)
	_ = c.QueryRow(ctx, `SELECT seq FROM versions WHERE id = $1`, slowIn.ID.String()).Scan(&slowSeq)
	_ = c.QueryRow(ctx, `SELECT seq FROM versions WHERE id = $1`, fastIn.ID.String()).Scan(&fastSeq)
	if !(slowSeq < fastSeq) {
		t.Errorf("the slow push's number %d is not below the fast one's %d", slowSeq, fastSeq)
	}
}

// startSlowPush does what Push does for s's records inside tx, up to (not
// including) the commit.
func startSlowPush(t *testing.T, tx pgx.Tx, s *store.Store) {
	t.Helper()
	ctx := context.Background()
	var rows []row
	known, err := exchange.Changes(s, nil, func(stx *store.Tx, r exchange.Record) error {
		x, err := rowOf(stx, r)
		rows = append(rows, x)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	kj, _ := json.Marshal(known)
	var batch int64
	if err := tx.QueryRow(ctx, `INSERT INTO batches (device, label, known) VALUES ($1, $2, $3) RETURNING id`, s.DeviceID(), s.DeviceLabel(), kj).Scan(&batch); err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, `CREATE TEMP TABLE incoming (ord int, id uuid, kind text, value json, deleted boolean,
			updated_ns bigint, updated_at timestamptz, device text, updated_by text, province text) ON COMMIT DROP`); err != nil {
		t.Fatal(err)
	}
	if _, err := tx.CopyFrom(ctx, pgx.Identifier{"incoming"}, incomingColumns, pgx.CopyFromSlice(len(rows), func(i int) ([]any, error) {
		r := rows[i]
		return []any{i, r.id, r.kind, r.value, r.deleted, r.updatedNS, r.updatedAt, r.device, r.updatedBy, r.province}, nil
	})); err != nil {
		t.Fatal(err)
	}
	if err := mergeIncoming(ctx, tx, batch); err != nil {
		t.Fatal(err)
	}
}
