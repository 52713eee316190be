package exchange

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"github.com/jackc/pgx/v5"

	"tiscdesk/data"
	"tiscdesk/data/exchange/hub"
	"tiscdesk/data/exchange/hub/pgtest"
	"tiscdesk/data/model"
	"tiscdesk/data/store"
	"tiscdesk/ui/kit"
	"tiscdesk/ui/kit/kittest"
)

// The tests remember hub URLs in a configuration folder of their own, never
// the user's; the hub tests run against a real PostgreSQL (pgtest).
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "tiscdesk-ui-exchange-config")
	if err != nil {
		panic(err)
	}
	os.Setenv("XDG_CONFIG_HOME", dir)
	code := pgtest.Main(m)
	os.RemoveAll(dir)
	os.Exit(code)
}

// newTestHub is a freshly set-up hub and its owner URL.
func newTestHub(t *testing.T) string {
	t.Helper()
	url := pgtest.Need(t).NewDB(t)
	if _, err := hub.Setup(context.Background(), url); err != nil {
		t.Fatal(err)
	}
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	return url
}

// showHubTab opens the Exchange screen with its Team hub tab selected.
func showHubTab(t *testing.T, h *kittest.Host) *Screen {
	t.Helper()
	x := showExchange(t, h)
	t.Cleanup(x.hub.stop)
	x.tabs.SelectIndex(len(x.tabs.Items) - 1)
	return x
}

// settleUntil lets the window's loads and the automatic sync run until ok
// holds, or fails after d.
func settleUntil(t *testing.T, d time.Duration, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("after %s: %s", d, what)
		}
		kittest.YieldUITurn(20 * time.Millisecond)
		kittest.Settle(t)
	}
}

// A new laptop connects its window to the team hub with the URL pasted
// in, syncs, and holds what the coordinator pushed; the panel shows the
// last sync, nothing waiting and what came. When the coordinator pushes
// again, the hub's notice makes the window pull by itself at once (the
// timer is set to an hour). Nothing waits on the UI goroutine meanwhile.
func TestTeamHubPanelConnectsSyncsAndPullsWhenAnotherMachinePushes(t *testing.T) {
	url := newTestHub(t)
	coord := kittest.SampleStore(t)
	if _, err := hub.Sync(context.Background(), coord.Store, url); err != nil {
		t.Fatal(err)
	}
	laptop, err := data.Open(filepath.Join(t.TempDir(), "laptop.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer laptop.Close()
	every := AutoSyncEvery
	AutoSyncEvery = time.Hour
	defer func() { AutoSyncEvery = every }()

	h := kittest.NewHost(t, laptop, kit.LangEnglish)
	x := showHubTab(t, h)
	w := h.Window()
	p := x.hub
	if !strings.HasPrefix(p.last.Text, "Never synced with a hub.") || !p.syncBtn.Disabled() {
		t.Fatalf("before connecting the panel shows %q", kittest.Texts(t, w.Content()))
	}

	p.entry.SetText(url)
	test.Tap(p.connect)
	if wait := kittest.YieldUITurn(0); wait > 100*time.Millisecond {
		t.Errorf("the window waited %s for its turn while connecting", wait)
	}
	settleUntil(t, 60*time.Second, "the first sync did not finish", func() bool {
		return strings.HasPrefix(p.message.Text, "Synced at") && !p.syncLoad.Busy() && !p.viewLoad.Busy()
	})
	want, got := counts(t, coord.Store), counts(t, laptop.Store)
	if got.Institutions != want.Institutions || got.Visits != want.Visits || want.Institutions == 0 {
		t.Errorf("after the window's sync the laptop has %d institutions and %d visits; the coordinator %d and %d",
			got.Institutions, got.Visits, want.Institutions, want.Visits)
	}
	if p.entry.Text != "" || strings.Contains(strings.Join(kittest.Texts(t, w.Content()), " "), pgtest.Password) {
		t.Errorf("the hub's password stays on screen: %q", kittest.Texts(t, w.Content()))
	}
	for _, s := range []string{"Last sync: ", "Changes waiting to be sent: 0.", "Team hub: "} {
		if !kittest.HasText(t, w.Content(), s) && !strings.Contains(p.last.Text+p.where.Text, s) {
			t.Errorf("after the sync the panel lacks %q: %q", s, kittest.Texts(t, w.Content()))
		}
	}
	if remembered, err := hub.RememberedURL(); err != nil || remembered != url {
		t.Errorf("the URL connected to was not remembered: %q %v", remembered, err)
	}

	// The window listens; the coordinator edits a record and pushes.
	waitForListener(t, url)
	id := firstInstitution(t, coord.Store)
	err = coord.Update(func(tx *store.Tx) error {
		in, err := coord.Institutions.GetIn(tx, id)
		if err != nil {
			return err
		}
		in.Notes = "pushed while the laptop's window was open"
		return coord.Institutions.PutIn(tx, in)
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := hub.Sync(context.Background(), coord.Store, url); err != nil {
		t.Fatal(err)
	}
	settleUntil(t, 20*time.Second, "the window did not pull the coordinator's push", func() bool {
		in, err := laptop.Institutions.Get(id)
		return err == nil && in.Notes == "pushed while the laptop's window was open"
	})
	settleUntil(t, 20*time.Second, "the panel did not say what the automatic sync received", func() bool {
		return strings.Contains(p.message.Text, "1 updated")
	})
}

// waitForListener waits until a session on the hub listens for pushes.
func waitForListener(t *testing.T, url string) {
	t.Helper()
	settleUntil(t, 20*time.Second, "the window does not listen to the hub", func() bool {
		c, err := pgx.Connect(context.Background(), url)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close(context.Background())
		var n int
		if err := c.QueryRow(context.Background(), `SELECT count(*) FROM pg_stat_activity
			WHERE datname = current_database() AND query LIKE 'LISTEN %'`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n > 0
	})
}

// A hub that does not answer (a host that accepts the connection and says
// nothing) is a short message in the user's language within seconds; the
// window stays free meanwhile, nothing is remembered and nothing changes.
func TestTeamHubPanelSaysSoWhenTheHubDoesNotAnswerInChinese(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	silent, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer silent.Close()
	go func() {
		for {
			c, err := silent.Accept()
			if err != nil {
				return
			}
			defer c.Close()
		}
	}()
	s := kittest.SampleStore(t)
	before := counts(t, s.Store)
	h := kittest.NewHost(t, s, kit.LangChinese)
	x := showHubTab(t, h)
	p := x.hub
	p.entry.SetText("postgres://field:secret@" + silent.Addr().String() + "/hub")
	start := time.Now()
	test.Tap(p.connect)
	for range 10 {
		if wait := kittest.YieldUITurn(10 * time.Millisecond); wait > 100*time.Millisecond {
			t.Fatalf("the window waited %s for its turn while the hub was silent", wait)
		}
	}
	settleUntil(t, 10*time.Second, "no message about the silent hub", func() bool { return !p.connectLoad.Busy() })
	if took := time.Since(start); took > 7*time.Second {
		t.Errorf("the message took %s", took)
	}
	const want = "团队中心没有响应。请检查网络连接和中心地址，然后重试。"
	if !strings.HasPrefix(p.message.Text, want) || !strings.Contains(p.message.Text, "这台电脑上什么都没有改变") {
		t.Errorf("the message is %q, want it to begin %q", p.message.Text, want)
	}
	if strings.Contains(p.message.Text, "secret") {
		t.Errorf("the message shows the password: %q", p.message.Text)
	}
	if _, err := hub.RememberedURL(); err != hub.ErrNoHub {
		t.Errorf("a hub that never answered was remembered: %v", err)
	}
	if after := counts(t, s.Store); after != before {
		t.Errorf("the counts changed: %+v → %+v", before, after)
	}
}

func counts(t *testing.T, s *store.Store) store.Counts {
	t.Helper()
	c, err := s.Counts()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func firstInstitution(t *testing.T, s *store.Store) model.ID {
	t.Helper()
	var id model.ID
	err := s.View(func(tx *store.Tx) error {
		return s.Institutions.EachIn(tx, func(in *model.Institution) bool {
			id = in.ID
			return false
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// The Exchange screen seals a bundle for a computer of the team that never
// sent one here: its key came through the hub's device list.
func TestExchangeScreenSealsForADeviceMetThroughTheHub(t *testing.T) {
	url := newTestHub(t)
	coord := kittest.SampleStore(t)
	laptop, err := data.Open(filepath.Join(t.TempDir(), "laptop.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer laptop.Close()
	for _, s := range []*data.Store{laptop, coord} {
		if _, err := hub.Sync(context.Background(), s.Store, url); err != nil {
			t.Fatal(err)
		}
	}
	h := kittest.NewHost(t, coord, kit.LangEnglish)
	x := showExchange(t, h)
	kittest.Settle(t)
	x.scope.Set(scopeChanges)
	x.device.Set(laptop.DeviceID())
	x.seal.Set(sealDevice)
	x.sealChanged()
	x.scopeChanged()
	if x.device.Value() != laptop.DeviceID() {
		t.Fatalf("the laptop met through the hub is not among the computers to export for: %q", x.device.Select.Options)
	}
	test.Tap(x.exportBtn)
	kittest.Settle(t)
	if len(h.Desktop.Saved) != 1 {
		t.Fatalf("saved %q; the screen says %q", h.Desktop.Saved, kittest.Texts(t, h.Window().Content()))
	}
	raw, _ := os.ReadFile(h.Desktop.Saved[0])
	if !data.IsSealed(raw) {
		t.Fatal("the bundle for the laptop is not sealed")
	}
	if _, err := laptop.MergeBundleFile(context.Background(), h.Desktop.Saved[0], data.MergeOptions{}); err != nil {
		t.Fatalf("the laptop cannot open the bundle sealed for it: %v", err)
	}
}
