// Package pgtest starts a real PostgreSQL 15 server for a test package
// (DESIGN section 10): initdb into a temporary folder as the postgres user
// (initdb refuses root), pg_ctl on a free loopback port with fsync off, and
// stopped when the package's tests end. Each test gets a database of its
// own. Without the server binaries the tests skip with a message, except
// when the environment variable CI is set: then they fail, so that CI never
// passes by running nothing.
package pgtest

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// BinDir is where Debian's postgresql-15 puts the server programs.
const BinDir = "/usr/lib/postgresql/15/bin"

// Password is the superuser's password on a test server.
const Password = "owner-secret"

// Server is one running test server.
type Server struct {
	Dir  string // its data folder
	Port int
	user string // the OS user that runs it
	dbs  atomic.Int64
}

var (
	current *Server
	missing string // why there is no server, when there is none
)

// Main starts a server, runs the package's tests and stops it. Call it
// from TestMain: os.Exit(pgtest.Main(m)).
func Main(m *testing.M) int {
	s, err := start()
	if err != nil {
		missing = err.Error()
		return m.Run()
	}
	current = s
	code := m.Run()
	s.Stop()
	s.Remove()
	return code
}

// Need returns the package's server, or skips the test (fails it when CI
// is set) when PostgreSQL is not installed here.
func Need(t testing.TB) *Server {
	t.Helper()
	if current == nil {
		msg := "PostgreSQL 15 is not available: " + missing + " (install Debian's postgresql package)"
		if os.Getenv("CI") != "" {
			t.Fatal(msg + "; CI is set, so this test may not skip")
		}
		t.Skip(msg)
	}
	return current
}

// OwnerURL is the URL of the superuser on database db.
func (s *Server) OwnerURL(db string) string {
	return fmt.Sprintf("postgres://postgres:%s@127.0.0.1:%d/%s?sslmode=disable", Password, s.Port, db)
}

// NewDB creates an empty database for one test and returns its owner URL;
// it is dropped when the test ends.
func (s *Server) NewDB(t testing.TB) string {
	t.Helper()
	name := fmt.Sprintf("hub_%d_%d", os.Getpid(), s.dbs.Add(1))
	ctx := context.Background()
	c, err := pgx.Connect(ctx, s.OwnerURL("postgres"))
	if err != nil {
		t.Fatalf("connect to the test server: %v", err)
	}
	defer c.Close(ctx)
	if _, err := c.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatalf("create database: %v", err)
	}
	t.Cleanup(func() {
		c, err := pgx.Connect(ctx, s.OwnerURL("postgres"))
		if err != nil {
			return // the server may have been stopped by the test
		}
		defer c.Close(ctx)
		_, _ = c.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
	})
	return s.OwnerURL(name)
}

var ctlMu sync.Mutex

// Stop stops the server at once (pg_ctl -m immediate), as a crash would.
func (s *Server) Stop() {
	ctlMu.Lock()
	defer ctlMu.Unlock()
	_ = s.ctl("stop", "-m", "immediate", "-w").Run()
}

// Start starts the server again after Stop.
func (s *Server) Start() error {
	ctlMu.Lock()
	defer ctlMu.Unlock()
	return s.startServer()
}

func (s *Server) ctl(args ...string) *exec.Cmd {
	args = append(args, "-D", s.Dir)
	return s.as(filepath.Join(BinDir, "pg_ctl"), args...)
}

// as runs a program as the server's OS user (runuser when we are root).
func (s *Server) as(prog string, args ...string) *exec.Cmd {
	if s.user == "" {
		return exec.Command(prog, args...)
	}
	return exec.Command("runuser", append([]string{"-u", s.user, "--", prog}, args...)...)
}

func start() (*Server, error) {
	if _, err := os.Stat(filepath.Join(BinDir, "initdb")); err != nil {
		return nil, fmt.Errorf("%s/initdb not found", BinDir)
	}
	s := &Server{}
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			return nil, fmt.Errorf("no postgres user to run the server as: %v", err)
		}
		s.user = u.Username
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		dir, err := os.MkdirTemp("", "tiscdesk-pg-")
		if err != nil {
			return nil, err
		}
		if err := os.Chown(dir, uid, gid); err != nil {
			return nil, err
		}
		s.Dir = dir
	} else {
		dir, err := os.MkdirTemp("", "tiscdesk-pg-")
		if err != nil {
			return nil, err
		}
		s.Dir = dir
	}
	pw := filepath.Join(s.Dir, "pw")
	if err := os.WriteFile(pw, []byte(Password+"\n"), 0o644); err != nil {
		return nil, err
	}
	data := filepath.Join(s.Dir, "data")
	out, err := s.as(filepath.Join(BinDir, "initdb"), "-D", data, "-U", "postgres", "--pwfile", pw,
		"--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync").CombinedOutput()
	if err != nil {
		os.RemoveAll(s.Dir)
		return nil, fmt.Errorf("initdb: %v: %s", err, out)
	}
	s.Dir = data
	if err := s.startServer(); err != nil {
		os.RemoveAll(filepath.Dir(data))
		return nil, err
	}
	return s, nil
}

// startServer starts postgres on a free port (the same one again after a
// Stop) and waits until it accepts connections.
func (s *Server) startServer() error {
	if s.Port == 0 {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return err
		}
		s.Port = l.Addr().(*net.TCPAddr).Port
		l.Close()
	}
	opts := strings.Join([]string{"-c fsync=off", "-c full_page_writes=off",
		"-c listen_addresses=127.0.0.1", "-p " + strconv.Itoa(s.Port),
		"-c unix_socket_directories=" + filepath.Dir(s.Dir), "-c max_connections=100"}, " ")
	log := filepath.Join(filepath.Dir(s.Dir), "server.log")
	if out, err := s.ctl("start", "-w", "-t", "60", "-l", log, "-o", opts).CombinedOutput(); err != nil {
		tail, _ := os.ReadFile(log)
		return fmt.Errorf("pg_ctl start: %v: %s\n%s", err, out, tail)
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		c, err := pgx.Connect(context.Background(), s.OwnerURL("postgres"))
		if err == nil {
			c.Close(context.Background())
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("the test server does not answer: %v", err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// Remove deletes the stopped server's files.
func (s *Server) Remove() { os.RemoveAll(filepath.Dir(s.Dir)) }

// EnableTLS turns TLS on in the running server with the PEM certificate
// and key given (a test's own authority's): the files go beside its data
// folder, readable by the server's user only, and the configuration is
// reloaded. Connections that ask for no TLS go on working.
func (s *Server) EnableTLS(certPEM, keyPEM []byte) error {
	dir := filepath.Dir(s.Dir)
	cert, key := filepath.Join(dir, "server.crt"), filepath.Join(dir, "server.key")
	for _, f := range []struct {
		path string
		raw  []byte
	}{{cert, certPEM}, {key, keyPEM}} {
		if err := os.WriteFile(f.path, f.raw, 0o600); err != nil {
			return err
		}
		if s.user != "" {
			u, err := user.Lookup(s.user)
			if err != nil {
				return err
			}
			uid, _ := strconv.Atoi(u.Uid)
			gid, _ := strconv.Atoi(u.Gid)
			if err := os.Chown(f.path, uid, gid); err != nil {
				return err
			}
		}
	}
	ctx := context.Background()
	c, err := pgx.Connect(ctx, s.OwnerURL("postgres"))
	if err != nil {
		return err
	}
	defer c.Close(ctx)
	for _, q := range []string{
		fmt.Sprintf(`ALTER SYSTEM SET ssl_cert_file = '%s'`, cert),
		fmt.Sprintf(`ALTER SYSTEM SET ssl_key_file = '%s'`, key),
		`ALTER SYSTEM SET ssl = on`,
		`SELECT pg_reload_conf()`,
	} {
		if _, err := c.Exec(ctx, q); err != nil {
			return fmt.Errorf("%s: %w", q, err)
		}
	}
	// The reload is asynchronous: wait until TLS answers.
	url := strings.Replace(s.OwnerURL("postgres"), "sslmode=disable", "sslmode=require", 1)
	deadline := time.Now().Add(10 * time.Second)
	for {
		t, err := pgx.Connect(ctx, url)
		if err == nil {
			t.Close(ctx)
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("the test server does not answer with TLS: %v", err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
