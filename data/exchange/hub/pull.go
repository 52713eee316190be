package hub

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"time"
	"tiscdesk/data/exchange"
	"tiscdesk/data/store"
)

// PullPage is how many versions one page of a pull holds.
var PullPage = 5000

// PullReport is what a pull did.
type PullReport struct {
	Received int // versions read from the hub
	Pages    int
	Merge    exchange.MergeReport // the merges' counts, summed
	Photos   int                  // photos received (those the visits here lacked)
	// PhotosRefused counts the photos the hub gave that were not a stored
	// photo's JPEG: left out, the visits show them as not on this computer.
	PhotosRefused int
}

// Pull reads, page by page, the versions others pushed since this
// machine's cursor and merges each page with the bundles' rule; each page
// and the cursor after it are saved in one transaction of this database,
// so an interrupted pull resumes where the last saved page ended and never
// passes a version it has not applied.
func (h *Hub) Pull(ctx context.Context, s *store.Store, progress func(done, total int)) (PullReport, error) {
	var rep PullReport
	for _, name := range exchange.KindNames() {
		rep.Merge.Kinds = append(rep.Merge.Kinds, exchange.KindReport{Kind: name})
	}
	st, err := LoadState(s, h.id)
	if err != nil {
		return rep, err
	}
	var total int
	if progress != nil {
		if err := h.conn.QueryRow(ctx, `SELECT count(*) FROM versions WHERE seq > $1`, st.Cursor).Scan(&total); err != nil {
			return rep, fmt.Errorf("pull from the hub: %w", err)
		}
	}
	// One backup after the pull, as after a bundle's merge, not one per
	// page; also when the pull stops midway, for the pages it saved. A
	// failed backup does not undo the pull (store.AfterLargeWrite).
	defer func() { _, _ = s.AfterLargeWrite("sync", rep.Merge.Changed()) }()
	cursor := st.Cursor
	var cache exchange.MergeCache
	for {
		srcs, last, n, err := h.page(ctx, cursor, s.DeviceID())
		if err != nil {
			return rep, fmt.Errorf("pull from the hub: %w", err)
		}
		if n == 0 {
			break
		}
		mr, err := exchange.MergeSourcesWith(ctx, s, &cache, srcs, func(tx *store.Tx) error {
			cur, err := loadStateIn(tx, h.id)
			if err != nil {
				return err
			}
			cur.Cursor = last
			for _, src := range srcs {
				raise(cur.Pushed, src.Known)
			}
			cur.LastPull = time.Now()
			return saveStateIn(tx, cur)
		})
		if err != nil {
			return rep, err
		}
		add(&rep.Merge, mr)
		cursor = last
		rep.Received += n
		rep.Pages++
		if progress != nil {
			progress(rep.Received, max(total, rep.Received))
		}
		if n < PullPage {
			break
		}
	}
	if rep.Pages == 0 {
		err = s.Update(func(tx *store.Tx) error {
			cur, err := loadStateIn(tx, h.id)
			if err != nil {
				return err
			}
			cur.LastPull = time.Now()
			return saveStateIn(tx, cur)
		})
		if err != nil {
			return rep, err
		}
	}
	if rep.Photos, rep.PhotosRefused, err = h.pullPhotos(ctx, s); err != nil {
		return rep, fmt.Errorf("pull from the hub: %w", err)
	}
	if _, err := h.conn.Exec(ctx, `UPDATE devices SET last_pull = now() WHERE id = $1`, s.DeviceID()); err != nil {
		return rep, fmt.Errorf("pull from the hub: %w", err)
	}
	return rep, nil
}

// page reads the versions after cursor that other devices pushed (this
// machine has its own), grouped into one source per batch
// in the order of their first version, and returns the last number read.
func (h *Hub) page(ctx context.Context, cursor int64, self string) (srcs []exchange.Source, last int64, n int, err error) {
	rows, err := h.conn.Query(ctx, `SELECT v.seq, v.kind, v.value::text, v.batch, b.device, b.label, b.known::text
		FROM versions v JOIN batches b ON b.id = v.batch
		WHERE v.seq > $1 AND b.device <> $3 ORDER BY v.seq LIMIT $2`, cursor, PullPage, self)
	if err != nil {
		return nil, 0, 0, err
	}
	defer rows.Close()
	at := map[int64]int{}
	for rows.Next() {
		var (
			seq, batch            int64
			kind, value           string
			device, label, knownJ string
		)
		if err := rows.Scan(&seq, &kind, &value, &batch, &device, &label, &knownJ); err != nil {
			return nil, 0, 0, err
		}
		i, ok := at[batch]
		if !ok {
			k := exchange.Knowledge{}
			if err := json.Unmarshal([]byte(knownJ), &k); err != nil {
				return nil, 0, 0, fmt.Errorf("batch %d: %w", batch, err)
			}
			i = len(srcs)
			at[batch] = i
			srcs = append(srcs, exchange.Source{ID: "hub-batch-" + strconv.FormatInt(batch, 10), Device: device, Label: label, Known: k})
		}
		srcs[i].Records = append(srcs[i].Records, exchange.Record{Kind: kind, Raw: []byte(value)})
		last = seq
		n++
	}
	return srcs, last, n, rows.Err()
}

func add(to *exchange.MergeReport, r *exchange.MergeReport) {
	for i, k := range r.Kinds {
		t := &to.Kinds[i]
		t.Added += k.Added
		t.Updated += k.Updated
		t.Unchanged += k.Unchanged
		t.Deleted += k.Deleted
		t.Conflicts += k.Conflicts
		t.Duplicates += k.Duplicates
	}
	to.Skipped = append(to.Skipped, r.Skipped...)
}
