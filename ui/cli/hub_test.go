package cli

import (
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tiscdesk/data/exchange/hub/pgtest"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// A coordinator sets up a hub; two machines sync through it with the
// commands, the URL given once and remembered in a file of the
// configuration folder that only this user can read, and never printed.
func TestHubSetupSyncAndStatus(t *testing.T) {
	url := pgtest.Need(t).NewDB(t)
	config := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", config)
	t.Setenv("HOME", config)
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.db"), filepath.Join(dir, "b.db")

	code, out, errOut := run(t, "hub", "setup", url)
	if code != ExitOK || !strings.Contains(out, "set up") {
		t.Fatalf("hub setup: exit %d\n%s%s", code, out, errOut)
	}
	code, out, _ = run(t, "hub", "setup", url)
	if code != ExitOK || !strings.Contains(out, "nothing changed") {
		t.Fatalf("hub setup again: exit %d\n%s", code, out)
	}
	if code, out, errOut := run(t, "--db", a, "sample"); code != ExitOK {
		t.Fatalf("sample: %d %s%s", code, out, errOut)
	}
	code, out, errOut = run(t, "--db", a, "sync", "--hub", url)
	if code != ExitOK || !strings.Contains(out, "Pushed ") {
		t.Fatalf("sync a: exit %d\n%s%s", code, out, errOut)
	}
	if strings.Contains(out+errOut, pgtest.Password) {
		t.Errorf("sync printed the hub's password:\n%s%s", out, errOut)
	}
	path := filepath.Join(config, "tiscdesk", "hub-url")
	info, err := os.Stat(path)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("the remembered URL: %v, mode %v, want 0600", err, info)
	}
	raw, _ := os.ReadFile(a)
	if strings.Contains(string(raw), pgtest.Password) {
		t.Error("the database file holds the hub's password")
	}
	// b gets a coordinator's login of its own, syncs with it once and
	// then with the remembered URL, and gets a's records.
	code, out, errOut = run(t, "hub", "device", "add", "Coordinator B", "--coordinator", "--hub", url)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	loginURL := lines[len(lines)-1]
	if code != ExitOK || !strings.HasPrefix(loginURL, "postgres://tisc_coordinator_b_") {
		t.Fatalf("hub device add: exit %d, last line %q\n%s%s", code, loginURL, out, errOut)
	}
	code, out, errOut = run(t, "hub", "device", "add", "Field", "--field", "--hub", url)
	if code != ExitUsage && !strings.Contains(errOut, "--provinces") {
		t.Errorf("a field login without provinces: exit %d %s", code, errOut)
	}
	if code, out, errOut := run(t, "--db", b, "sync", "--hub", loginURL); code != ExitOK {
		t.Fatalf("sync b with its login: exit %d\n%s%s", code, out, errOut)
	}
	code, out, errOut = run(t, "--db", b, "sync")
	if code != ExitOK || !strings.Contains(out, "Pulled ") {
		t.Fatalf("sync b: exit %d\n%s%s", code, out, errOut)
	}
	_, statsA, _ := run(t, "--db", a, "stats", "--json")
	_, statsB, _ := run(t, "--db", b, "stats", "--json")
	if statsA != statsB {
		t.Errorf("after syncing, a counts\n%s\nand b\n%s", statsA, statsB)
	}
	code, out, errOut = run(t, "--db", b, "hub", "status")
	if code != ExitOK || !strings.Contains(out, "2 devices") || !strings.Contains(out, "0 changes waiting") || !strings.Contains(out, "Conflicts: 0 on the hub, 0 in this machine's list") {
		t.Fatalf("hub status: exit %d\n%s%s", code, out, errOut)
	}
	if strings.Contains(out, pgtest.Password) {
		t.Errorf("hub status printed the password:\n%s", out)
	}
}

// A hub that cannot be used is a clear error, quickly, and changes nothing.
func TestSyncWithAHubThatCannotBeUsed(t *testing.T) {
	srv := pgtest.Need(t)
	url := srv.NewDB(t)
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	db := filepath.Join(t.TempDir(), "a.db")
	// A host that takes the connection and never answers.
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
	wrong := strings.Replace(url, pgtest.Password, "not-the-password", 1)
	cases := []struct{ name, url, want string }{
		{"not set up", url, "not a TISC Desk hub"},
		{"wrong password", wrong, "refused the login"},
		{"no server", "postgres://u:p@127.0.0.1:1/hub?sslmode=disable", "does not answer"},
		{"unreachable host", "postgres://u:p@10.255.255.1:5432/hub?sslmode=verify-full", "does not answer"},
		{"a host that never answers", "postgres://u:p@" + silent.Addr().String() + "/hub?sslmode=disable", "does not answer"},
		{"another machine without TLS", "postgres://u:p@hub.example.org/hub?sslmode=disable", "verify-full"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			start := time.Now()
			code, out, errOut := run(t, "--db", db, "sync", "--hub", c.url)
			if code != ExitFailure || !strings.Contains(errOut, c.want) || !strings.Contains(errOut, "Nothing changed here") {
				t.Fatalf("exit %d, printed\n%s%s\nwant %q", code, out, errOut, c.want)
			}
			if d := time.Since(start); d > 6*time.Second {
				t.Errorf("took %v to fail", d)
			}
			if strings.Contains(errOut, "not-the-password") || strings.Contains(errOut, pgtest.Password) {
				t.Errorf("the error shows the password: %s", errOut)
			}
		})
	}
}

// A coordinator seals a bundle for a machine of the team that never sent
// it one: its key came through the hub's device list.
func TestBundleSealedForADeviceMetThroughTheHub(t *testing.T) {
	url := pgtest.Need(t).NewDB(t)
	config := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", config)
	t.Setenv("HOME", config)
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.db"), filepath.Join(dir, "b.db")
	if code, out, errOut := run(t, "hub", "setup", url); code != ExitOK {
		t.Fatalf("hub setup: exit %d\n%s%s", code, out, errOut)
	}
	if code, out, errOut := run(t, "--db", a, "sample"); code != ExitOK {
		t.Fatalf("sample: %d %s%s", code, out, errOut)
	}
	_, out, _ := run(t, "hub", "device", "add", "Laptop B", "--coordinator", "--hub", url)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	loginB := lines[len(lines)-1]
	bundle := filepath.Join(dir, "for-b.tiscx")
	code, _, errOut := run(t, "--db", b, "sync", "--hub", loginB)
	if code != ExitOK {
		t.Fatalf("sync b: exit %d %s", code, errOut)
	}
	_, devB, _ := run(t, "--db", b, "bundle", "devices")
	i := strings.Index(devB, "(device ")
	if i < 0 {
		t.Fatalf("bundle devices on b: %s", devB)
	}
	idB := devB[i+len("(device ") : i+len("(device ")+8]
	if code, _, errOut := run(t, "--db", a, "bundle", "export", bundle, "--to", idB); code == ExitOK || !strings.Contains(errOut, "team hub") {
		t.Errorf("a sealed for b before it met b: exit %d %s", code, errOut)
	}
	if code, out, errOut := run(t, "--db", a, "sync", "--hub", url); code != ExitOK {
		t.Fatalf("sync a: exit %d %s%s", code, out, errOut)
	}
	if code, out, errOut := run(t, "--db", a, "bundle", "export", bundle, "--to", idB); code != ExitOK {
		t.Fatalf("bundle export --to b: exit %d\n%s%s", code, out, errOut)
	}
	raw, _ := os.ReadFile(bundle)
	if !strings.HasPrefix(string(raw), "age-encryption.org/v1") {
		t.Fatalf("the bundle for b is not sealed: %q", raw[:min(len(raw), 40)])
	}
	if code, out, errOut := run(t, "--db", b, "bundle", "import", bundle); code != ExitOK {
		t.Fatalf("b opens the bundle sealed for it: exit %d\n%s%s", code, out, errOut)
	}
}
