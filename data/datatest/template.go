package datatest

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"tiscdesk/data/store"
)

// Template is a database prepared once and copied afresh whenever a test
// needs it as it was: what a fuzz target gives each input that changed the
// database, so that every run starts from the same state (the fuzzer's
// minimizer runs an input thousands of times and needs the same result
// each time) without paying to create and seed a database per input.
// Copies are opened without syncing to disk: durability is not what fuzzing
// tests, and a sync per commit is most of the cost of a small write.
type Template struct {
	raw []byte // the prepared file
	dir string
	n   int
}

// NewTemplate creates a database, lets seed fill it, and keeps its bytes.
func NewTemplate(tb testing.TB, seed func(*store.Store) error) *Template {
	tb.Helper()
	dir := tb.TempDir()
	path := filepath.Join(dir, "template.db")
	s, err := store.OpenWith(path, store.Options{NoSync: true})
	if err != nil {
		tb.Fatal(err)
	}
	if err := seed(s); err != nil {
		s.Close()
		tb.Fatal(err)
	}
	if err := s.Close(); err != nil {
		tb.Fatal(err)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return &Template{raw: raw, dir: dir}
}

// Open writes a new copy of the template and opens it. The caller closes
// it (Discard closes and removes it).
func (t *Template) Open(tb testing.TB) *store.Store {
	tb.Helper()
	t.n++
	path := filepath.Join(t.dir, "copy"+strconv.Itoa(t.n)+".db")
	if err := os.WriteFile(path, t.raw, 0o600); err != nil {
		tb.Fatal(err)
	}
	s, err := store.OpenWith(path, store.Options{NoSync: true})
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// Discard closes s and removes its file.
func Discard(s *store.Store) {
	if s != nil {
		s.Close()
		os.Remove(s.Path())
	}
}
