package store

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

func TestSaveFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.csv")
	write := func(s string) func(io.Writer) error {
		return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
	}
	if err := SaveFile(path, false, write("one")); err != nil {
		t.Fatal(err)
	}
	wantPrivate(t, path)
	err := SaveFile(path, false, write("two"))
	if !errors.Is(err, ErrFileExists) || !errors.Is(err, fs.ErrExist) {
		t.Fatalf("second save without overwrite: %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "one" {
		t.Fatalf("the refused save changed the file: %q", b)
	}
	os.Chmod(path, 0o640)
	if err := SaveFile(path, true, write("three")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "three" {
		t.Fatalf("overwrite: %q", b)
	}
	wantMode(t, path, 0o640) // the replaced file's
	boom := errors.New("boom")
	if err := SaveFile(path, true, func(w io.Writer) error { io.WriteString(w, "partial"); return boom }); !errors.Is(err, boom) {
		t.Fatalf("failing write: %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "three" {
		t.Fatalf("a failed save changed the file: %q", b)
	}
	if err := SaveFile(filepath.Join(dir, "new.csv"), false, func(io.Writer) error { return boom }); !errors.Is(err, boom) {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
	if err := SaveFile(filepath.Join(dir, "no", "such", "dir.csv"), false, write("x")); err == nil {
		t.Error("saved into a missing folder")
	}
}
