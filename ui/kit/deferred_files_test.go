package kit

import (
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
)

// Fyne's save dialog empties the chosen file as it hands it over; with
// deferFileWrites a writer closed unwritten leaves the file as it was (and
// creates none), one that writes replaces it as Fyne's does, and the
// dialogs' other needs (listing a folder) still work.
func TestDeferredFileWriters(t *testing.T) {
	test.NewTempApp(t)
	deferFileWrites()
	deferFileWrites() // twice: still one layer
	dir := t.TempDir()
	old := filepath.Join(dir, "list.csv")
	if err := os.WriteFile(old, []byte("previous\n"), 0o600); err != nil {
		t.Fatal(err)
	}

	wc, err := storage.Writer(storage.NewFileURI(old))
	if err != nil {
		t.Fatal(err)
	}
	if err := wc.Close(); err != nil {
		t.Fatal(err)
	}
	if raw, _ := os.ReadFile(old); string(raw) != "previous\n" {
		t.Fatalf("a writer closed unwritten left %q", raw)
	}
	fresh := filepath.Join(dir, "new.csv")
	wc, _ = storage.Writer(storage.NewFileURI(fresh))
	_ = wc.Close()
	if _, err := os.Stat(fresh); !os.IsNotExist(err) {
		t.Fatalf("a writer closed unwritten created the file: %v", err)
	}

	wc, _ = storage.Writer(storage.NewFileURI(old))
	for _, s := range []string{"a,b\n", "1,2\n"} {
		if _, err := wc.Write([]byte(s)); err != nil {
			t.Fatal(err)
		}
	}
	if err := wc.Close(); err != nil {
		t.Fatal(err)
	}
	if raw, _ := os.ReadFile(old); string(raw) != "a,b\n1,2\n" {
		t.Fatalf("a writer that wrote left %q", raw)
	}

	list, err := storage.List(storage.NewFileURI(dir))
	if err != nil || len(list) != 1 || list[0].Name() != "list.csv" {
		t.Fatalf("listing the folder: %v %v", list, err)
	}
}
