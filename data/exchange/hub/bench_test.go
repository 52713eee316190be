package hub

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"tiscdesk/data/datatest"
	"tiscdesk/data/exchange"
	"tiscdesk/data/exchange/hub/pgtest"
	"tiscdesk/data/model"
	"tiscdesk/data/store"
)

// The ten-year laptop (datatest.Laptop: 2,000 institutions, 10,000
// visits, 200,000 enrolments, with the catalogue about 212,000 records)
// synced through a hub and carried by bundles, side by side:
//
//	go test -run '^$' -bench HubAgainstBundles -benchtime 1x ./data/exchange/hub/
func BenchmarkHubAgainstBundles(b *testing.B) {
	pgtestNeed(b)
	ctx := context.Background()
	laptop := datatest.Laptop(b)
	url := newHub(b)
	newMachine := datatest.OpenNamed(b, "new")
	b.Run("first sync: push the ten-year laptop to an empty hub", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			u := newHub(b)
			b.StartTimer()
			h, err := Open(ctx, u)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := h.Push(ctx, laptop, nil); err != nil {
				b.Fatal(err)
			}
			h.Close()
		}
	})
	if _, err := Sync(ctx, laptop, url); err != nil {
		b.Fatal(err)
	}
	b.Run("first sync: a new machine pulls the ten-year hub", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			s := datatest.OpenNamed(b, fmt.Sprint("pull", i))
			b.StartTimer()
			if _, err := Sync(ctx, s, url); err != nil {
				b.Fatal(err)
			}
		}
	})
	if _, err := Sync(ctx, newMachine, url); err != nil {
		b.Fatal(err)
	}
	bundleMachine := datatest.OpenNamed(b, "bundle")
	b.Run("first bundle: export the ten-year laptop and merge it into a new machine", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			s := datatest.OpenNamed(b, fmt.Sprint("merge", i))
			path := filepath.Join(b.TempDir(), "all.tiscx")
			b.StartTimer()
			if _, err := exchange.SaveBundle(laptop, path, false, exchange.ExportOptions{}); err != nil {
				b.Fatal(err)
			}
			if _, err := exchange.MergeBundleFile(ctx, s, path, exchange.MergeOptions{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	// The bundle machine and the laptop become peers.
	path := filepath.Join(b.TempDir(), "seed.tiscx")
	if _, err := exchange.SaveBundle(laptop, path, false, exchange.ExportOptions{}); err != nil {
		b.Fatal(err)
	}
	if _, err := exchange.MergeBundleFile(ctx, bundleMachine, path, exchange.MergeOptions{}); err != nil {
		b.Fatal(err)
	}
	back := filepath.Join(b.TempDir(), "back.tiscx")
	if _, err := exchange.SaveBundle(bundleMachine, back, false, exchange.ExportOptions{For: laptop.DeviceID()}); err != nil {
		b.Fatal(err)
	}
	if _, err := exchange.MergeBundleFile(ctx, laptop, back, exchange.MergeOptions{}); err != nil {
		b.Fatal(err)
	}
	// Merging the bundle machine's answer retired its built-in courses on
	// the laptop (tombstones stamped there): those are the setup's changes,
	// not the day's work, so they reach the hub and the new machine before
	// the clock runs.
	if _, err := Sync(ctx, laptop, url); err != nil {
		b.Fatal(err)
	}
	if _, err := Sync(ctx, newMachine, url); err != nil {
		b.Fatal(err)
	}
	ids := institutionIDs(b, laptop, 200)
	b.Run("a day's work: 200 changed records, pushed and pulled through the hub", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			edit(b, laptop, ids, i)
			b.StartTimer()
			if r, err := Sync(ctx, laptop, url); err != nil || r.Push.Sent != 200 {
				b.Fatalf("push: sent %d, want the 200 edited: %v", r.Push.Sent, err)
			}
			if r, err := Sync(ctx, newMachine, url); err != nil || r.Pull.Merge.Total().Updated != 200 {
				b.Fatalf("pull: updated %d, want the 200 edited: %v", r.Pull.Merge.Total().Updated, err)
			}
		}
	})
	// The bundle machine gets the setup's own changes first too.
	flush := filepath.Join(b.TempDir(), "flush.tiscx")
	if _, err := exchange.SaveBundle(laptop, flush, false, exchange.ExportOptions{For: bundleMachine.DeviceID()}); err != nil {
		b.Fatal(err)
	}
	if _, err := exchange.MergeBundleFile(ctx, bundleMachine, flush, exchange.MergeOptions{}); err != nil {
		b.Fatal(err)
	}
	b.Run("a day's work: 200 changed records, by a bundle of changes and its merge", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			edit(b, laptop, ids, 1000+i)
			p := filepath.Join(b.TempDir(), fmt.Sprint("day", i, ".tiscx"))
			b.StartTimer()
			m, err := exchange.SaveBundle(laptop, p, false, exchange.ExportOptions{For: bundleMachine.DeviceID()})
			if err != nil {
				b.Fatal(err)
			}
			if _, err := exchange.MergeBundleFile(ctx, bundleMachine, p, exchange.MergeOptions{}); err != nil {
				b.Fatal(err)
			}
			if m.Records() != 200 {
				b.Fatalf("the bundle of changes held %d records, want the 200 edited", m.Records())
			}
		}
	})
}

func pgtestNeed(b *testing.B) { pgtest.Need(b) }

func institutionIDs(tb testing.TB, s *store.Store, n int) []model.ID {
	var ids []model.ID
	err := s.View(func(tx *store.Tx) error {
		return s.Institutions.EachIn(tx, func(in *model.Institution) bool {
			ids = append(ids, in.ID)
			return len(ids) < n
		})
	})
	if err != nil {
		tb.Fatal(err)
	}
	return ids
}

func edit(tb testing.TB, s *store.Store, ids []model.ID, round int) {
	err := s.Update(func(tx *store.Tx) error {
		for _, id := range ids {
			in, err := s.Institutions.GetIn(tx, id)
			if err != nil {
				return err
			}
			in.Notes = fmt.Sprintf("round %d", round)
			if err := s.Institutions.PutIn(tx, in); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
}
