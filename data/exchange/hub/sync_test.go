package hub

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"testing"
	"tiscdesk/data/datatest"
	"tiscdesk/data/exchange/hub/pgtest"
	"tiscdesk/data/store"

	"github.com/jackc/pgx/v5"
)

func TestSetupIsIdempotentAndRefusesANewerHub(t *testing.T) {
	url := pgtest.Need(t).NewDB(t)
	ctx := context.Background()
	created, err := Setup(ctx, url)
	if err != nil || !created {
		t.Fatalf("first setup: created %v, %v", created, err)
	}
	s := datatest.OpenNamed(t, "a")
	seed(t, s, 3)
	syncOK(t, s, url)
	created, err = Setup(ctx, url)
	if err != nil || created {
		t.Fatalf("second setup: created %v, %v", created, err)
	}
	if n := hubCount(t, url, "SELECT count(*) FROM institutions"); n != 3 {
		t.Fatalf("after setup again the hub's institutions view shows %d, want 3", n)
	}
	hubExec(t, url, "UPDATE hub_meta SET schema_version = 99")
	if _, err := Setup(ctx, url); !errors.Is(err, ErrHubNewer) {
		t.Fatalf("setup on a newer hub: %v, want ErrHubNewer", err)
	}
	if _, err := Sync(ctx, s, url); !errors.Is(err, ErrHubNewer) {
		t.Fatalf("sync with a newer hub: %v, want ErrHubNewer", err)
	}
	if n := hubCount(t, url, "SELECT schema_version FROM hub_meta"); n != 99 {
		t.Fatalf("setup changed a newer hub's schema to %d", n)
	}
}

func hubConn(t testing.TB, url string) *pgx.Conn {
	t.Helper()
	c, err := pgx.Connect(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close(context.Background()) })
	return c
}

func hubCount(t testing.TB, url, sql string, args ...any) int {
	t.Helper()
	var n int
	if err := hubConn(t, url).QueryRow(context.Background(), sql, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return n
}

func hubExec(t testing.TB, url, sql string, args ...any) {
	t.Helper()
	if _, err := hubConn(t, url).Exec(context.Background(), sql, args...); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}

// Two and three machines that work apart (edits, deletions, new records,
// the same records edited on several machines) and then sync end with
// the same records as each other and as copies of them that swapped
// bundles instead, with the same conflicts; a second round of syncs
// changes nothing.
func TestMachinesConvergeAsWithBundles(t *testing.T) {
	for _, machines := range []int{2, 3} {
		for seedN := range 4 {
			t.Run(fmt.Sprintf("%d machines, seed %d", machines, seedN), func(t *testing.T) {
				rng := rand.New(rand.NewPCG(uint64(seedN), uint64(machines)))
				url := newHub(t)
				origin := datatest.OpenNamed(t, "origin")
				insts := seed(t, origin, 12)
				var ms []*store.Store
				for i := range machines {
					s := datatest.OpenNamed(t, fmt.Sprintf("m%d", i))
					bundleTo(t, origin, s)
					ms = append(ms, s)
				}
				// Everyone starts from the same hub state.
				for _, s := range ms {
					syncOK(t, s, url)
				}
				for _, s := range ms {
					syncOK(t, s, url)
				}
				for _, s := range ms {
					randomWork(t, rng, s, insts)
				}
				// The same work, carried by bundles both ways.
				var bs []*store.Store
				for i, s := range ms {
					bs = append(bs, datatest.Copy(t, s, fmt.Sprintf("b%d", i)))
				}
				for _, from := range bs {
					for _, to := range bs {
						if from != to {
							bundleTo(t, from, to)
						}
					}
				}
				for round := 0; round < 2; round++ {
					for _, s := range ms {
						syncOK(t, s, url)
					}
				}
				for i := 1; i < machines; i++ {
					datatest.SameSnapshots(t, fmt.Sprintf("machine 0 against machine %d after syncing", i), records(t, ms[0]), records(t, ms[i]))
				}
				datatest.SameSnapshots(t, "synced through the hub against bundles both ways", records(t, ms[0]), records(t, bs[0]))
				// The losing versions are the same ones: with bundles both
				// sides list a conflict, through the hub the side that learns
				// of it (the winner's machine never sees the version it beat).
				got, want := map[string]bool{}, map[string]bool{}
				for i := range ms {
					for _, c := range conflictSet(t, ms[i]) {
						got[c] = true
					}
					for _, c := range conflictSet(t, bs[i]) {
						want[c] = true
					}
				}
				if fmt.Sprint(got) != fmt.Sprint(want) {
					t.Errorf("the machines' conflicts after the hub:\n%v\nafter bundles:\n%v", got, want)
				}
				// Syncing again changes nothing here nor on the hub.
				before := records(t, ms[0])
				seqBefore := hubCount(t, url, "SELECT coalesce(max(seq), 0) FROM versions")
				for _, s := range ms {
					rep := syncOK(t, s, url)
					if rep.Push.Sent != 0 || rep.Pull.Merge.Changed() != 0 {
						t.Errorf("a sync with nothing new sent %d versions and changed %d records", rep.Push.Sent, rep.Pull.Merge.Changed())
					}
				}
				datatest.SameSnapshots(t, "a sync with nothing new", before, records(t, ms[0]))
				if n := hubCount(t, url, "SELECT coalesce(max(seq), 0) FROM versions"); n != seqBefore {
					t.Errorf("a sync with nothing new renumbered the hub's versions: %d to %d", seqBefore, n)
				}
			})
		}
	}
}
