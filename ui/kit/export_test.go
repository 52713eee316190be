package kit_test

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"

	"tiscdesk/data"
	"tiscdesk/ui/kit"
	"tiscdesk/ui/kit/kittest"
)

// An export that fails midway leaves the file it was to replace as it was,
// and no partial file beside it; one that succeeds replaces it; a new file
// whose export fails is not left behind. The failure is shown.
func TestExportListNeverLeavesAPartialFile(t *testing.T) {
	h := kittest.NewHost(t, kittest.SampleStore(t), kit.LangEnglish)
	dir := t.TempDir()
	h.Desktop.SaveDir = dir
	path := filepath.Join(dir, "list.csv")
	if err := os.WriteFile(path, []byte("previous export\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	failing := func(w io.Writer, _ data.Encoding) (int, error) {
		_, _ = io.WriteString(w, "Local name,Type\n半行")
		return 0, errors.New("disk on fire")
	}
	said := ""
	written := func(n int, file string) string { said = file; return file }
	names := func() []string {
		var out []string
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			out = append(out, e.Name())
		}
		return out
	}

	for _, name := range []string{"list.csv", "new.xlsx"} {
		h.Desktop.SaveAs = name
		kit.ExportList(h, "list", failing, written)
		kittest.Settle(t)
		if raw, _ := os.ReadFile(path); string(raw) != "previous export\n" {
			t.Fatalf("a failed export to %s left list.csv as %q", name, raw)
		}
		if got := names(); len(got) != 1 || got[0] != "list.csv" {
			t.Fatalf("a failed export to %s left the folder holding %q", name, got)
		}
		top := h.Window().Canvas().Overlays().Top()
		if said != "" || top == nil || !kittest.HasText(t, top, "disk on fire") {
			t.Fatalf("the failure to %s: said %q, overlay %v", name, said, top)
		}
		h.Window().Canvas().Overlays().Remove(top)
	}

	h.Desktop.SaveAs = "list.csv"
	kit.ExportList(h, "list", func(w io.Writer, _ data.Encoding) (int, error) {
		_, err := io.WriteString(w, "Local name,Type\n同济大学,高校\n")
		return 1, err
	}, written)
	kittest.Settle(t)
	if raw, _ := os.ReadFile(path); string(raw) != "Local name,Type\n同济大学,高校\n" || said != "list.csv" {
		t.Fatalf("the export that succeeded: %q, said %q", raw, said)
	}
}

// Through Fyne's own save dialog: choosing an existing file and confirming
// the replacement hands over its location with the file as it was (Fyne's
// writer would have emptied it), so that an export that then fails loses
// nothing.
func TestChooseSaveFileLeavesTheChosenFileAsItWas(t *testing.T) {
	a := test.NewTempApp(t)
	dir := t.TempDir()
	a.Preferences().SetString("fyne:fileDialogLastFolder", storage.NewFileURI(dir).String()) // the dialog opens there
	path := filepath.Join(dir, "list.csv")
	if err := os.WriteFile(path, []byte("previous export\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	win := a.NewWindow("")
	win.Resize(fyne.NewSize(1000, 800))
	var chosen fyne.URI
	kit.SystemPlatform{}.ChooseSaveFile(win, "list.csv", []string{".csv"}, func(u fyne.URI) { chosen = u })
	test.Tap(kittest.FindButton(t, win.Canvas().Overlays().Top(), "Save"))
	test.Tap(kittest.FindButton(t, win.Canvas().Overlays().Top(), "Yes")) // "Overwrite?"
	if chosen == nil || filepath.FromSlash(chosen.Path()) != path {
		t.Fatalf("chosen %v, want %s", chosen, path)
	}
	if raw, _ := os.ReadFile(path); string(raw) != "previous export\n" {
		t.Fatalf("the dialog left the chosen file as %q", raw)
	}
}
