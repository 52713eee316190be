package cli

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tiscdesk/data"
)

// run calls Main as the shell would, on the system's clock, and returns the
// exit status and output.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	return runWith(t, nil, args...)
}

// runOn is run on a clock that starts on day.
func runOn(t *testing.T, day data.Date, args ...string) (int, string, string) {
	t.Helper()
	return runWith(t, data.ClockOn(day), args...)
}

func runWith(t *testing.T, clock data.Clock, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Main(args, System{Stdout: &out, Stderr: &errOut, Clock: clock, Window: func(string) int {
		t.Fatalf("the window opened for %q", args)
		return 0
	}})
	return code, out.String(), errOut.String()
}

func TestSampleThenStatsJSON(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	code, out, errOut := run(t, "--db", db, "sample")
	if code != ExitOK {
		t.Fatalf("sample: exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "institutions") {
		t.Errorf("sample says nothing of what it loaded: %q", out)
	}
	code, out, errOut = run(t, "--db", db, "stats", "--json")
	if code != ExitOK {
		t.Fatalf("stats: exit %d: %s", code, errOut)
	}
	var got map[string]int
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("stats --json printed %q: %v", out, err)
	}
	for _, key := range []string{"institutions", "visits", "courses", "sessions", "enrolments", "programmes", "cohorts", "students", "statistics", "evaluations"} {
		if got[key] == 0 {
			t.Errorf("stats --json: %s = %d, want non-zero", key, got[key])
		}
	}
	if len(got) != 10 {
		t.Errorf("stats --json has %d keys, want 10: %v", len(got), got)
	}
	// The figures are the store's.
	s, err := data.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := s.Counts()
	s.Close()
	if got["enrolments"] != c.Enrolments || got["institutions"] != c.Institutions {
		t.Errorf("stats %v disagrees with the store %+v", got, c)
	}

	// A second sample is refused without --force, and changes nothing.
	code, _, errOut = run(t, "--db", db, "sample")
	if code != ExitFailure || !strings.Contains(errOut, "--force") {
		t.Fatalf("second sample: exit %d, %q; want a refusal naming --force", code, errOut)
	}
	_, again, _ := run(t, "--db", db, "stats", "--json")
	if again != out {
		t.Fatalf("a refused sample changed the counts: %s -> %s", out, again)
	}
	if code, _, errOut := run(t, "sample", "--force", "--db", db); code != ExitOK {
		t.Fatalf("sample --force: exit %d: %s", code, errOut)
	}
	code, out, errOut = run(t, "--db", db, "check")
	if code != ExitOK || !strings.Contains(out, "is sound") {
		t.Fatalf("check on the sample: exit %d: %s%s", code, out, errOut)
	}
}

func TestDatabaseFromEnvironment(t *testing.T) {
	db := filepath.Join(t.TempDir(), "env.db")
	t.Setenv("TISCDESK_DB", db)
	if code, _, errOut := run(t, "stats"); code != ExitOK {
		t.Fatalf("stats: %d %s", code, errOut)
	}
	if _, err := os.Stat(db); err != nil {
		t.Fatalf("TISCDESK_DB was not used: %v", err)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"frobnicate"},
		{"stats", "--bogus"},
		{"stats", "extra"},
		{"--nope"},
		{"sample", "--force=maybe"},
	} {
		code, _, errOut := run(t, append([]string{"--db", filepath.Join(t.TempDir(), "u.db")}, args...)...)
		if code != ExitUsage {
			t.Errorf("%q: exit %d, want %d", args, code, ExitUsage)
		}
		if !strings.Contains(errOut, "Usage:") {
			t.Errorf("%q: no usage on stderr: %q", args, errOut)
		}
	}
	code, out, _ := run(t, "help")
	if code != ExitOK || !strings.Contains(out, "stats") {
		t.Errorf("help: exit %d, %q", code, out)
	}
}

func TestVersion(t *testing.T) {
	code, out, _ := run(t, "version")
	if code != ExitOK || !strings.HasPrefix(out, "TISC Desk ") {
		t.Fatalf("version: exit %d, %q", code, out)
	}
}

func TestNoCommandOpensTheWindow(t *testing.T) {
	db := filepath.Join(t.TempDir(), "w.db")
	var opened string
	code := Main([]string{"--db", db}, System{Stdout: &bytes.Buffer{}, Stderr: &bytes.Buffer{}, Window: func(p string) int { opened = p; return 7 }})
	if opened != db || code != 7 {
		t.Fatalf("window opened on %q with exit %d", opened, code)
	}
}

func TestDamagedFileFailsAndIsUntouched(t *testing.T) {
	for name, content := range map[string][]byte{
		"empty":  nil,
		"random": bytes.Repeat([]byte{0x5a, 0x13, 0xee, 0x02}, 4096),
	} {
		t.Run(name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "bad.db")
			os.WriteFile(db, content, 0o644)
			before := sha256.Sum256(content)
			for _, cmd := range []string{"stats", "check", "sample"} {
				code, _, errOut := run(t, "--db", db, cmd)
				if code != ExitFailure {
					t.Fatalf("%s on a damaged file: exit %d", cmd, code)
				}
				if !strings.Contains(errOut, "not a TISC Desk database") || !strings.Contains(errOut, "left as it was") {
					t.Fatalf("%s: message %q does not explain", cmd, errOut)
				}
			}
			after, _ := os.ReadFile(db)
			if sha256.Sum256(after) != before {
				t.Fatal("the file was changed")
			}
		})
	}
}

func TestDatabaseInUse(t *testing.T) {
	db := filepath.Join(t.TempDir(), "held.db")
	s, err := data.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	start := time.Now()
	code, _, errOut := run(t, "--db", db, "stats")
	if code != ExitFailure || !strings.Contains(errOut, "in use by another TISC Desk") {
		t.Fatalf("stats on a held database: exit %d, %q", code, errOut)
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Fatalf("took %v, want under two seconds", took)
	}
}
