package hub

import (
	"context"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"tiscdesk/data/datatest"
	"tiscdesk/data/exchange/hub/pgtest"
	"tiscdesk/data/model"
	"tiscdesk/data/store"
)

// The server killed (pg_ctl -m immediate) in the middle of a push: the
// batches committed before are whole, the rest is absent, this machine
// still has everything waiting, and the retry converges.
func TestAPushCutByTheServerStoppingLeavesNothingHalfApplied(t *testing.T) {
	srv := pgtest.Need(t)
	url := newHub(t)
	defer func(n int) { PushBatch = n }(PushBatch)
	PushBatch = 40
	a := datatest.OpenNamed(t, "a")
	seed(t, a, 100)
	ctx := context.Background()
	h, err := Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	stopped := false
	_, err = h.Push(ctx, a, func(done, total int) {
		if !stopped && done >= 2*PushBatch {
			stopped = true
			srv.Stop()
		}
	})
	h.Close()
	if err == nil {
		t.Fatal("the push went through a stopped server")
	}
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	n := hubCount(t, url, `SELECT count(*) FROM versions`)
	if n != 2*PushBatch {
		t.Errorf("after the crash the hub holds %d versions; want the two committed batches, %d", n, 2*PushBatch)
	}
	if w, err := Waiting(a, hubIDOf(t, url)); err != nil || w == 0 {
		t.Errorf("after a failed push %d changes wait here (%v); want all of them", w, err)
	}
	syncOK(t, a, url)
	b := datatest.OpenNamed(t, "b")
	syncOK(t, b, url)
	// b's own built-in courses, retired when they met a's: b pushes the
	// retirements on its next sync, and a pulls them.
	syncOK(t, b, url)
	syncOK(t, a, url)
	datatest.SameSnapshots(t, "the machine that pushed against one that pulled after the retry", records(t, a), records(t, b))
}

func hubIDOf(t *testing.T, url string) string {
	t.Helper()
	var id string
	if err := hubConn(t, url).QueryRow(context.Background(), `SELECT hub_id::text FROM hub_meta`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

// cutProxy forwards connections to target and cuts each one after limit
// bytes from the server.
type cutProxy struct {
	l     net.Listener
	limit int64
	cut   atomic.Bool
}

func newCutProxy(t *testing.T, target string, limit int64) *cutProxy {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &cutProxy{l: l, limit: limit}
	t.Cleanup(func() { l.Close() })
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			s, err := net.Dial("tcp", target)
			if err != nil {
				c.Close()
				continue
			}
			go func() { io.Copy(s, c); s.Close() }()
			go func() {
				n, _ := io.CopyN(c, s, p.limit)
				if n == p.limit {
					p.cut.Store(true)
				}
				c.Close()
				s.Close()
			}()
		}
	}()
	return p
}

// The connection cut in the middle of a pull: the cursor saved never
// passes a version that was not applied, and the next pull converges.
func TestAPullCutMidwayNeverPassesWhatWasApplied(t *testing.T) {
	srv := pgtest.Need(t)
	url := newHub(t)
	defer func(n int) { PullPage = n }(PullPage)
	PullPage = 30
	a := datatest.OpenNamed(t, "a")
	seed(t, a, 120)
	syncOK(t, a, url)

	target := fmt.Sprintf("127.0.0.1:%d", srv.Port)
	proxy := newCutProxy(t, target, 60<<10)
	viaProxy := strings.Replace(url, target, proxy.l.Addr().String(), 1)
	b := datatest.OpenNamed(t, "b")
	_, err := Sync(context.Background(), b, viaProxy)
	if err == nil || !proxy.cut.Load() {
		t.Fatalf("the pull was not cut (err %v); make the proxy's limit smaller", err)
	}
	st, err := LoadState(b, hubIDOf(t, url))
	if err != nil {
		t.Fatal(err)
	}
	if st.Cursor == 0 {
		t.Fatal("no page was applied before the cut; make the proxy's limit larger")
	}
	// Every version of a at or below the cursor is here, byte for byte.
	rows, err := hubConn(t, url).Query(context.Background(), `SELECT kind, id::text, value::text FROM versions WHERE seq <= $1`, st.Cursor)
	if err != nil {
		t.Fatal(err)
	}
	local := records(t, b)
	checked := 0
	for rows.Next() {
		var kind, id, value string
		if err := rows.Scan(&kind, &id, &value); err != nil {
			t.Fatal(err)
		}
		uid, _ := model.ParseID(id)
		if got := local[kind+"/"+string(uid[:])]; got != value {
			t.Errorf("%s %s is at or below the cursor %d but not applied here", kind, id, st.Cursor)
		}
		checked++
	}
	rows.Close()
	if checked == 0 {
		t.Fatal("checked nothing")
	}
	syncOK(t, b, url)
	// b's own built-in courses, retired when they met a's: b pushes the
	// retirements on its next sync, and a pulls them.
	syncOK(t, b, url)
	syncOK(t, a, url)
	datatest.SameSnapshots(t, "after the pull resumed", records(t, a), records(t, b))
}

// Two machines pushing the same records at once end as if they had
// swapped bundles.
func TestTwoMachinesPushingTheSameRecordsAtOnce(t *testing.T) {
	url := newHub(t)
	origin := datatest.OpenNamed(t, "origin")
	insts := seed(t, origin, 30)
	a, b := datatest.OpenNamed(t, "a"), datatest.OpenNamed(t, "b")
	bundleTo(t, origin, a)
	bundleTo(t, origin, b)
	for i, m := range []*store.Store{a, b} {
		for _, id := range insts {
			in, err := m.Institutions.Get(id)
			if err != nil {
				t.Fatal(err)
			}
			in.Notes = fmt.Sprintf("edited on %d", i)
			if err := m.Institutions.Put(in); err != nil {
				t.Fatal(err)
			}
		}
	}
	ba, bb := datatest.Copy(t, a, "ba"), datatest.Copy(t, b, "bb")
	bundleTo(t, ba, bb)
	bundleTo(t, bb, ba)
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i, s := range []*store.Store{a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = Sync(context.Background(), s, url)
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("sync %d: %v", i, err)
		}
	}
	syncOK(t, a, url)
	syncOK(t, b, url)
	datatest.SameSnapshots(t, "a against b", records(t, a), records(t, b))
	datatest.SameSnapshots(t, "through the hub against bundles both ways", records(t, a), records(t, ba))
}
