package exchange

import (
	"bytes"
	"context"
	"maps"
	"os"
	"testing"
	"tiscdesk/data/datatest"
	"tiscdesk/data/store"
)

// FuzzMergeBundle feeds arbitrary bytes to the bundle reader and merger.
// Whatever the input, the merge never panics; when it refuses a bundle,
// the database is exactly as it was, every bucket byte for byte; when it
// accepts one, the store still passes its own check. Seeds: a real bundle
// of another machine's changes, that bundle cut short and with bytes
// flipped, and a few foreign files.
func FuzzMergeBundle(f *testing.F) {
	donor := datatest.OpenNamed(f, "donor")
	seedBase(f, donor, 4)
	path, _ := exportBundle(f, donor, "")
	good, err := os.ReadFile(path)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add(good[:len(good)/2])
	flipped := bytes.Clone(good)
	flipped[len(flipped)/3] ^= 0x5a
	f.Add(flipped)
	f.Add([]byte("PK\x03\x04 not really a zip"))
	f.Add([]byte("name,email\n张伟,z@x.cn\n"))
	f.Add([]byte{})

	// One receiving database, copied afresh (datatest.Template) after an
	// input that merged, so that each run starts from the same state; a
	// refused bundle leaves the database as it was, which the target checks
	// byte for byte, so the next input can meet it again.
	tmpl := datatest.NewTemplate(f, func(s *store.Store) error {
		seedBase(f, s, 2)
		return nil
	})
	fuzzMerge(f, tmpl, MergeOptions{})
}

// fuzzMerge merges each input with opt into a database copied from tmpl
// (afresh after an input that merged): a refused bundle must leave the
// database byte for byte as it was, an accepted one a sound database.
func fuzzMerge(f *testing.F, tmpl *datatest.Template, opt MergeOptions) {
	s := tmpl.Open(f)
	f.Cleanup(func() { datatest.Discard(s) })
	f.Fuzz(func(t *testing.T, raw []byte) {
		before := datatest.Snapshot(t, s)
		rep, err := MergeBundle(context.Background(), s, bytes.NewReader(raw), int64(len(raw)), opt)
		if err != nil {
			if after := datatest.Snapshot(t, s); !maps.Equal(before, after) {
				t.Fatalf("a refused bundle (%v) changed the database", err)
			}
			return
		}
		defer func() { datatest.Discard(s); s = tmpl.Open(t) }()
		if rep == nil {
			t.Fatal("an accepted bundle gave no report")
		}
		if p, err := s.Check(); err != nil || len(p) > 0 {
			t.Fatalf("after merging an accepted bundle: %v %v", p, err)
		}
	})
}
