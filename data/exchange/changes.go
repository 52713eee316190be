package exchange

import (
	"context"
	"encoding/json"
	"fmt"
	"runtime"
	"sync"
	"tiscdesk/data/model"
	"tiscdesk/data/store"
)

// The transport-neutral core of the exchange: what changed here since a
// peer last heard from us (Changes), and merging records that arrive from
// any transport (MergeSources) with the same rule, conflict list and
// knowledge as a bundle. Bundles (bundle.go) are one transport, the team
// hub (package hub) the other.

// Record is one record as it travels: its kind ("institutions", ...) and
// its JSON exactly as the store holds it, tombstones included.
type Record struct {
	Kind string
	Raw  []byte
}

// KindNames lists the kinds of record that travel, parents before the
// records that refer to them.
func KindNames() []string { return append([]string(nil), exchangeKindNames...) }

// Changes calls fn with every record (tombstones included) of a version
// that since does not know, parents before dependants, and returns the
// knowledge those records bring: this database's, with its own changes up
// to now. r.Raw is valid only during the call. It runs in a write
// transaction (writing nothing) so that "up to now" holds every change
// stamped before now. fn's error stops it and is returned.
func Changes(s *store.Store, since Knowledge, fn func(tx *store.Tx, r Record) error) (Knowledge, error) {
	var known Knowledge
	err := s.Update(func(tx *store.Tx) error {
		k, err := loadKnown(tx)
		if err != nil {
			return err
		}
		k[s.DeviceID()] = tx.Now()
		known = k
		for _, kd := range exchangeKinds(s) {
			name := kd.name()
			err := tx.Bucket(kd.bucketName()).ForEach(func(_, raw []byte) error {
				if len(since) > 0 {
					var meta model.Meta
					if err := json.Unmarshal(raw, &meta); err != nil {
						return fmt.Errorf("decode %s record: %w", name, err)
					}
					if since.Knows(meta.Device, meta.UpdatedAt) {
						return nil
					}
				}
				return fn(tx, Record{Kind: name, Raw: raw})
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list the changes: %w", err)
	}
	return known, nil
}

// Source is a set of records from one device that arrive together (a batch
// pushed to the hub), with what that device knew when it sent them.
type Source struct {
	ID      string // the batch's id: a Transfer's Bundle
	Device  string // the sender's device id
	Label   string
	Known   Knowledge
	Records []Record
}

// MergeSources merges the records of srcs into the database, each by the
// rule of a bundle (newer version wins, losers to the conflict list, parents
// checked, duplicates unified), all in one transaction together with then
// (when not nil), which a transport uses to save how far it got: all of it
// lands, or nothing does. Returns the merge's counts summed over the sources,
// or ErrBundleDamaged for a record that cannot be read.
//
// The records are decoded on workers before the write transaction opens,
// as a bundle's are, so the transaction only merges. MergeSources makes no
// backup: a transport merging many pages calls store.AfterLargeWrite once
// with the sum when it is done.
func MergeSources(ctx context.Context, s *store.Store, srcs []Source, then func(tx *store.Tx) error) (*MergeReport, error) {
	return MergeSourcesWith(ctx, s, nil, srcs, then)
}

// MergeCache carries what one merge learnt of the database to the next
// merge of the same transport (the pages of one pull): the index of
// natural keys (the enrolments' email and session, ...), which otherwise
// every merge builds by reading the whole table. It is used only when no
// other write committed in between (the next write transaction's id
// follows the last one's), and dropped when a merge fails. The zero value
// is ready; one cache serves one goroutine.
type MergeCache struct {
	tx   int // the id of the write transaction that last used keys
	keys map[string]map[string]model.ID
}

// MergeSourcesWith is MergeSources reusing and updating cache (nil for
// none).
func MergeSourcesWith(ctx context.Context, s *store.Store, cache *MergeCache, srcs []Source, then func(tx *store.Tx) error) (*MergeReport, error) {
	total := &MergeReport{}
	for _, name := range exchangeKindNames {
		total.Kinds = append(total.Kinds, KindReport{Kind: name})
	}
	kinds := exchangeKinds(s)
	decoded, err := decodeSources(kinds, srcs)
	if err != nil {
		return nil, fmt.Errorf("merge: %w", err)
	}
	txID := 0
	keys := map[string]map[string]model.ID{}
	err = s.Update(func(tx *store.Tx) error {
		txID = tx.ID()
		if cache != nil && cache.keys != nil && cache.tx+1 == txID {
			keys = cache.keys
		}
		for si, src := range srcs {
			rep := &MergeReport{}
			man := Manifest{Format: bundleFormat, Version: BundleVersion, Bundle: src.ID, Schema: store.SchemaVersion,
				Device: src.Device, Label: src.Label, Known: src.Known}
			m, err := newMerger(ctx, tx, man, rep, nil)
			if err != nil {
				return err
			}
			// The sources of one transaction share the key index: each
			// merger keeps it up to date with what it writes.
			m.keys = keys
			for ki, k := range kinds {
				m.kr = m.report(k.name())
				for _, l := range decoded[si][ki] {
					if err := m.record(k, l); err != nil {
						return err
					}
				}
				if err := k.repoint(m); err != nil {
					return err
				}
			}
			for _, k := range kinds {
				m.kr = m.report(k.name())
				if err := k.cascade(m); err != nil {
					return err
				}
			}
			if err := m.finish(); err != nil {
				return err
			}
			for i, kr := range rep.Kinds {
				t := &total.Kinds[i]
				t.Added += kr.Added
				t.Updated += kr.Updated
				t.Unchanged += kr.Unchanged
				t.Deleted += kr.Deleted
				t.Conflicts += kr.Conflicts
				t.Duplicates += kr.Duplicates
			}
			total.Skipped = append(total.Skipped, rep.Skipped...)
		}
		if then != nil {
			return then(tx)
		}
		return nil
	})
	if cache != nil {
		cache.tx, cache.keys = txID, keys
		if err != nil {
			cache.keys = nil // the index may hold what was rolled back
		}
	}
	if err != nil {
		return nil, fmt.Errorf("merge: %w", err)
	}
	return total, nil
}

// decodeSources decodes the records of srcs, by source and by kind (in the
// order of kinds), on up to four workers, as a bundle's merge does: a
// record the database already holds byte for byte is marked held and not
// decoded. It reads the last committed state and is done before the merge's
// write transaction opens. A record of a kind this program does not know
// is ErrBundleDamaged.
func decodeSources(kinds []exchangeKind, srcs []Source) ([][][]line, error) {
	type chunk struct {
		k     exchangeKind
		lines []line
	}
	out := make([][][]line, len(srcs))
	var work []chunk
	for si, src := range srcs {
		out[si] = make([][]line, len(kinds))
		at := map[string]int{}
		for ki, k := range kinds {
			at[k.name()] = ki
		}
		for _, r := range src.Records {
			ki, ok := at[r.Kind]
			if !ok {
				return nil, fmt.Errorf("a record of unknown kind %q: %w", r.Kind, ErrBundleDamaged)
			}
			out[si][ki] = append(out[si][ki], line{raw: r.Raw})
		}
		for ki, k := range kinds {
			ls := out[si][ki]
			for len(ls) > 0 {
				n := min(len(ls), lineBatch)
				work = append(work, chunk{k, ls[:n:n]})
				ls = ls[n:]
			}
		}
	}
	jobs := make(chan chunk)
	var wg sync.WaitGroup
	for range min(max(runtime.GOMAXPROCS(0), 1), 4, max(len(work), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for c := range jobs {
				c.k.decode(c.lines)
			}
		}()
	}
	for _, c := range work {
		jobs <- c
	}
	close(jobs)
	wg.Wait()
	return out, nil
}
