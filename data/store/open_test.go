package store

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"tiscdesk/data/model"

	bolt "go.etcd.io/bbolt"
)

// A child process (this test binary re-executed) holds the database until
// its stdin closes, as a second TISC Desk would.
func TestMain(m *testing.M) {
	if path := os.Getenv("TISCDESK_TEST_HOLD"); path != "" {
		s, err := Open(path)
		if err != nil {
			os.Stdout.WriteString("error " + err.Error() + "\n")
			os.Exit(1)
		}
		os.Stdout.WriteString("holding\n")
		buf := make([]byte, 1)
		os.Stdin.Read(buf)
		s.Close()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func TestSecondProgramGetsInUse(t *testing.T) {
	path := filepath.Join(t.TempDir(), "held.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()

	child := exec.Command(os.Args[0], "-test.run=^$")
	child.Env = append(os.Environ(), "TISCDESK_TEST_HOLD="+path)
	stdin, _ := child.StdinPipe()
	out, _ := child.StdoutPipe()
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { stdin.Close(); child.Wait() }()
	line := make([]byte, 64)
	n, _ := out.Read(line)
	if !strings.HasPrefix(string(line[:n]), "holding") {
		t.Fatalf("child did not open the database: %q", line[:n])
	}

	start := time.Now()
	_, err = Open(path)
	took := time.Since(start)
	if !errors.Is(err, model.ErrInUse) {
		t.Fatalf("second open: %v, want ErrInUse", err)
	}
	if took > 2*time.Second {
		t.Fatalf("second open took %v; it must fail within two seconds", took)
	}
	if !strings.Contains(err.Error(), "in use by another TISC Desk") {
		t.Fatalf("message %q does not say the database is in use", err)
	}

	// Once the other program quits, the file opens.
	stdin.Close()
	child.Wait()
	s, err = Open(path)
	if err != nil {
		t.Fatalf("open after the other program quit: %v", err)
	}
	s.Close()
}

func TestSameProcessSecondOpenGetsInUse(t *testing.T) {
	s := openTemp(t)
	if _, err := Open(s.Path()); !errors.Is(err, model.ErrInUse) {
		t.Fatalf("second open in the same process: %v, want ErrInUse", err)
	}
}

func sampleDatabase(t *testing.T) []byte {
	t.Helper()
	path := filepath.Join(t.TempDir(), "good.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 300; i++ {
		in := &model.Institution{LocalName: strings.Repeat("机构", 50), Type: model.TypeOther, Province: "CN-BJ", Stage: model.StageCandidate}
		if err := s.Institutions.Put(in); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

func foreignBolt(t *testing.T) []byte {
	t.Helper()
	path := filepath.Join(t.TempDir(), "foreign.db")
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	db.Update(func(tx *bolt.Tx) error {
		b, _ := tx.CreateBucket([]byte("widgets"))
		return b.Put([]byte("k"), []byte("v"))
	})
	db.Close()
	raw, _ := os.ReadFile(path)
	return raw
}

func TestDamagedFilesAreRefusedAndUntouched(t *testing.T) {
	good := sampleDatabase(t)
	rnd := make([]byte, 64<<10)
	r := rand.New(rand.NewPCG(1, 2))
	for i := range rnd {
		rnd[i] = byte(r.UintN(256))
	}
	meta, ok := readMeta(good, 0)
	if !ok {
		t.Fatal("the sample database has no valid first meta page")
	}
	pageSize, used := int(meta.pageSize), int(meta.pgid)*int(meta.pageSize)
	flipped := bytes.Clone(good)
	flipped[20] ^= 0xff          // page 0's magic
	flipped[pageSize+20] ^= 0xff // page 1's magic

	cases := []struct {
		name    string
		content []byte
		want    error
	}{
		{"empty file", nil, model.ErrNotDatabase},
		{"random bytes", rnd, model.ErrNotDatabase},
		{"text file", []byte("name,email\nZhang,z@x.cn\n"), model.ErrNotDatabase},
		{"truncated to half", good[:used/2], model.ErrNotDatabase},
		{"truncated to one page", good[:pageSize], model.ErrNotDatabase},
		{"both headers damaged", flipped, model.ErrNotDatabase},
		{"another program's bbolt file", foreignBolt(t), model.ErrNotDatabase},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "x.db")
			if err := os.WriteFile(path, c.content, 0o644); err != nil {
				t.Fatal(err)
			}
			before := sha256.Sum256(c.content)
			s, err := Open(path)
			if err == nil {
				s.Close()
				t.Fatal("opened a file that is not a sound TISC Desk database")
			}
			if !errors.Is(err, c.want) {
				t.Fatalf("err = %v, want %v", err, c.want)
			}
			after, _ := os.ReadFile(path)
			if sha256.Sum256(after) != before {
				t.Fatal("the file was changed")
			}
			wantMode(t, path, 0o644) // unchanged
		})
	}
}

// A torn first header is what bbolt's second one is for: the database
// opens from the second, whatever its page size, with every record.
func TestTornFirstHeaderOpensFromTheSecond(t *testing.T) {
	good := sampleDatabase(t)
	meta, ok := readMeta(good, 0)
	if !ok || meta.pageSize == uint32(os.Getpagesize()) {
		t.Fatalf("the sample database's pages are %d bytes; the test needs a size other than the system's", meta.pageSize)
	}
	torn := bytes.Clone(good)
	for i := 16; i < 128; i++ {
		torn[i] = 0 // page 0's meta, zeroed
	}
	path := filepath.Join(t.TempDir(), "torn.db")
	if err := os.WriteFile(path, torn, 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := Open(path)
	if err != nil {
		t.Fatalf("a database with a torn first header: %v", err)
	}
	defer s.Close()
	c, err := s.Counts()
	if err != nil || c.Institutions != 300 {
		t.Fatalf("counts %+v, %v: want the 300 institutions", c, err)
	}
}

func TestNewerSchemaIsRefusedAndUntouched(t *testing.T) {
	path := filepath.Join(t.TempDir(), "future.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMeta).Put(keySchema, []byte("99"))
	})
	s.Close()
	before, _ := os.ReadFile(path)
	if _, err := Open(path); !errors.Is(err, model.ErrNewerSchema) {
		t.Fatalf("err = %v, want ErrNewerSchema", err)
	}
	after, _ := os.ReadFile(path)
	if !bytes.Equal(before, after) {
		t.Fatal("the file was changed")
	}
}
