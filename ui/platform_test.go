package ui

import (
	"net/url"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
)

// fakePlatform answers for the user and the system in tests: it saves
// files in a folder under the name suggested, opens the file set, and
// records what the program asks the system to open. Questions get the
// real dialog unless answer is set.
type fakePlatform struct {
	t        *testing.T
	saveDir  string    // where SaveFile saves; t.TempDir() when empty
	saved    *[]string // the paths SaveFile gave, in order
	openPath string    // the file OpenFile gives
	opened   *[]string // the URLs given to OpenURL
	// answer, when set, replies to Confirm instead of a dialog.
	answer func(title, question string, yes func())
}

var _ platform = (*fakePlatform)(nil)

func newFakePlatform(t *testing.T) *fakePlatform {
	return &fakePlatform{t: t, saved: new([]string), opened: new([]string)}
}

// fakeOf is the fake platform of a test's shell.
func fakeOf(sh *Shell) *fakePlatform { return sh.platform.(*fakePlatform) }

func (f *fakePlatform) SaveFile(_ fyne.Window, name string, _ []string, chosen func(fyne.URIWriteCloser)) {
	if f.saveDir == "" {
		f.saveDir = f.t.TempDir()
	}
	path := filepath.Join(f.saveDir, name)
	wc, err := storage.Writer(storage.NewFileURI(path))
	if err != nil {
		f.t.Fatal(err)
	}
	*f.saved = append(*f.saved, path)
	chosen(wc)
}

func (f *fakePlatform) OpenFile(_ fyne.Window, _ []string, chosen func(fyne.URIReadCloser)) {
	rc, err := storage.Reader(storage.NewFileURI(f.openPath))
	if err != nil {
		f.t.Fatal(err)
	}
	chosen(rc)
}

func (f *fakePlatform) OpenURL(u *url.URL) error {
	*f.opened = append(*f.opened, u.String())
	return nil
}

func (f *fakePlatform) Confirm(win fyne.Window, title, question string, yes func()) {
	if f.answer != nil {
		f.answer(title, question, yes)
		return
	}
	systemPlatform{}.Confirm(win, title, question, yes)
}

// openForm is the form of type F in the form dialog on top of sh's window.
func openForm[F savable](t *testing.T, sh *Shell) F {
	t.Helper()
	if len(sh.forms) == 0 {
		t.Fatal("no form is open")
	}
	f, ok := sh.forms[len(sh.forms)-1].form.(F)
	if !ok {
		t.Fatalf("the form on top is a %T", sh.forms[len(sh.forms)-1].form)
	}
	return f
}
