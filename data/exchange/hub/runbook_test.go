package hub

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"tiscdesk/data/datatest"
	"tiscdesk/data/exchange/hub/pgtest"
	"tiscdesk/data/sample"

	"github.com/jackc/pgx/v5"
)

// readmeBlocks returns the fenced blocks of language lang in the README's
// section for IT.
func readmeBlocks(t *testing.T, lang string) []string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(raw)
	start := strings.Index(text, "## The team hub (for IT)")
	if start < 0 {
		t.Fatal("the README has no section for IT")
	}
	text = text[start:]
	if end := strings.Index(text[3:], "\n## "); end >= 0 {
		text = text[:end+3]
	}
	var out []string
	for _, m := range regexp.MustCompile("(?s)```"+lang+"\n(.*?)```").FindAllStringSubmatch(text, -1) {
		out = append(out, m[1])
	}
	return out
}

// What the README tells IT works as written: a hub set up by an owner that
// is not a superuser (a role with CREATEROLE owning the database), its
// sample queries run by headquarters' login (and show a field login no
// person), a lost laptop's login dropped, and a pg_dump restored.
func TestTheREADMEsRunbookForIT(t *testing.T) {
	srv := pgtest.Need(t)
	ctx := context.Background()
	super := hubConn(t, srv.OwnerURL("postgres"))
	n := fmt.Sprint(os.Getpid())
	owner, db := "tisc_owner_"+n, "tiscdesk_it_"+n
	for _, q := range []string{
		fmt.Sprintf(`CREATE ROLE %s LOGIN CREATEROLE PASSWORD 'owner-pw'`, owner),
		fmt.Sprintf(`CREATE DATABASE %s OWNER %s`, db, owner),
	} {
		if _, err := super.Exec(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() {
		c, err := pgx.Connect(context.Background(), srv.OwnerURL("postgres"))
		if err != nil {
			return
		}
		defer c.Close(context.Background())
		_, _ = c.Exec(context.Background(), "DROP DATABASE IF EXISTS "+db+" WITH (FORCE)")
		_, _ = c.Exec(context.Background(), "DROP ROLE IF EXISTS "+owner)
	})
	ownerURL := fmt.Sprintf("postgres://%s:owner-pw@127.0.0.1:%d/%s?sslmode=disable", owner, srv.Port, db)
	if _, err := Setup(ctx, ownerURL); err != nil {
		t.Fatalf("hub setup by an owner that is not a superuser: %v", err)
	}
	coordL := addLogin(t, ownerURL, "Coordinator Wang", Coordinator)
	hqL := addLogin(t, ownerURL, "Headquarters Geneva", Headquarters)
	fieldL := addLogin(t, ownerURL, "Li (Shanghai)", Field, "CN-SH", "CN-JS")
	coord := datatest.OpenNamed(t, "coord")
	if _, err := sample.Load(coord, "2026-12-06"); err != nil {
		t.Fatal(err)
	}
	syncOK(t, coord, coordL.URL)
	field := datatest.OpenNamed(t, "field")
	syncOK(t, field, fieldL.URL)

	// The sample queries.
	sqls := readmeBlocks(t, "sql")
	if len(sqls) != 2 {
		t.Fatalf("the README's section for IT has %d SQL blocks, want the lost laptop's and the sample queries", len(sqls))
	}
	queries := strings.Split(strings.TrimSpace(sqls[1]), ";")
	for _, who := range []struct {
		name     string
		url      string
		wantRows []bool
	}{{"headquarters", hqL.URL, []bool{true, true}}, {"field", fieldL.URL, []bool{true, false}}} {
		c := hubConn(t, who.url)
		for i, q := range queries[:2] {
			rows, err := c.Query(ctx, q)
			if err != nil {
				t.Fatalf("the README's query %d as %s: %v", i+1, who.name, err)
			}
			got := 0
			for rows.Next() {
				got++
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				t.Fatalf("the README's query %d as %s: %v", i+1, who.name, err)
			}
			if (got > 0) != who.wantRows[i] {
				t.Errorf("the README's query %d as %s gives %d rows", i+1, who.name, got)
			}
		}
	}

	// A backup, and its restore over a hub that lost its records.
	before := hubCount(t, ownerURL, `SELECT count(*) FROM versions`)
	dump := filepath.Join(t.TempDir(), "hub.dump")
	run := func(prog string, args ...string) {
		t.Helper()
		out, err := exec.Command(filepath.Join(pgtest.BinDir, prog), args...).CombinedOutput()
		if err != nil {
			t.Fatalf("%s %v: %v\n%s", prog, args, err, out)
		}
	}
	run("pg_dump", "--format=custom", "--file="+dump, ownerURL)
	hubExec(t, ownerURL, `DELETE FROM versions`)
	run("pg_restore", "--clean", "--if-exists", "--dbname="+ownerURL, dump)
	if got := hubCount(t, ownerURL, `SELECT count(*) FROM versions`); got != before || before == 0 {
		t.Errorf("the restored hub holds %d records, the dumped one %d", got, before)
	}
	fresh := datatest.OpenNamed(t, "replacement")
	syncOK(t, fresh, addLogin(t, ownerURL, "Replacement", Coordinator).URL)
	if got, want := count(t, fresh), count(t, coord); got.Institutions != want.Institutions || got.Enrolments != want.Enrolments {
		t.Errorf("a machine syncing from the restored hub has %+v, the coordinator %+v", got, want)
	}

	// The lost laptop's login goes.
	lost := strings.ReplaceAll(sqls[0], "tisc_li_shanghai_1a2b3c", fieldL.Role)
	c := hubConn(t, srv.OwnerURL(db)) // the superuser, as the README says
	lost = regexp.MustCompile(`(?m)^--.*$`).ReplaceAllString(lost, "")
	for _, q := range strings.Split(lost, ";") {
		if q = strings.TrimSpace(q); q == "" {
			continue
		}
		if _, err := c.Exec(ctx, q); err != nil {
			t.Fatalf("the README's lost laptop step %q: %v", q, err)
		}
	}
	if _, err := Sync(ctx, field, fieldL.URL); !errors.Is(err, ErrLogin) {
		t.Errorf("the lost laptop synced after its login was dropped: %v", err)
	}
}
