package store

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"
	"tiscdesk/data/model"

	bolt "go.etcd.io/bbolt"
)

// writeSchema1 writes a database as TISC Desk's schema 1 left it: buckets and
// meta, no course catalogue, one institution.
func writeSchema1(t *testing.T, path string) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Update(func(tx *bolt.Tx) error {
		if err := migrateTo(tx, 1, true); err != nil {
			return err
		}
		in := model.Institution{LocalName: "西安交通大学", Type: model.TypeUniversity, Province: "CN-SN", Stage: model.StageApplied}
		in.ID, in.CreatedAt, in.UpdatedAt = model.NewID(), time.Now().UTC(), time.Now().UTC()
		raw, _ := json.Marshal(&in)
		return tx.Bucket(bucketInstitutions).Put(in.ID[:], raw)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func checkMigrated(t *testing.T, path string) {
	t.Helper()
	s, err := Open(path)
	if err != nil {
		t.Fatalf("open a schema-1 file: %v", err)
	}
	defer s.Close()
	s.View(func(tx *Tx) error {
		if v, _ := schemaOf(tx.tx.Bucket(bucketMeta)); v != SchemaVersion {
			t.Fatalf("schema after open = %d, want %d", v, SchemaVersion)
		}
		return nil
	})
	c, _ := s.Counts()
	if c.Institutions != 1 {
		t.Fatalf("the schema-1 institution was lost: %+v", c)
	}
	if c.Courses != len(model.BuiltinCatalogue()) {
		t.Fatalf("courses after migration = %d, want the %d built in", c.Courses, len(model.BuiltinCatalogue()))
	}
	if p, err := s.Check(); err != nil || len(p) > 0 {
		t.Fatalf("check after migration: %v %v", p, err)
	}
}

func TestMigrationFromSchema1(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v1.db")
	writeSchema1(t, path)
	checkMigrated(t, path)
}

// testdata/schema1.db was written by writeSchema1 when schema 1 was current
// (TISCDESK_WRITE_FIXTURES=1 go test -run Fixture ./data rewrites it). It keeps
// the test honest if the code of step 1 ever changes.
func TestMigrationFromSchema1Fixture(t *testing.T) {
	fixture := filepath.Join("testdata", "schema1.db")
	if os.Getenv("TISCDESK_WRITE_FIXTURES") == "1" {
		os.MkdirAll("testdata", 0o755)
		os.Remove(fixture)
		writeSchema1(t, fixture)
	}
	src, err := os.Open(fixture)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	path := filepath.Join(t.TempDir(), "v1.db")
	dst, _ := os.Create(path)
	io.Copy(dst, src)
	dst.Close()
	checkMigrated(t, path)
}
