package kittest

import (
	"net/url"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"

	"tiscdesk/ui/kit"
)

// Platform answers for the user and the system in tests: it saves files in
// a folder under the name suggested, opens the file set, and records what
// the program asks the system to open. Questions get the real dialog
// unless Answer is set.
type Platform struct {
	t        testing.TB
	SaveDir  string   // where SaveFile saves; t.TempDir() when empty
	SaveAs   string   // when set, the name SaveFile saves under instead of the one suggested
	Saved    []string // the paths SaveFile gave, in order
	OpenPath string   // the file OpenFile gives
	Opened   []string // the URLs given to OpenURL
	// Answer, when set, replies to Confirm instead of a dialog.
	Answer func(title, question string, yes func())
}

var _ kit.Platform = (*Platform)(nil)

// NewPlatform is a Platform for the test t.
func NewPlatform(t testing.TB) *Platform { return &Platform{t: t} }

// SaveFile saves name in SaveDir.
func (f *Platform) SaveFile(_ fyne.Window, name string, _ []string, chosen func(fyne.URIWriteCloser)) {
	wc, err := storage.Writer(storage.NewFileURI(f.savePath(name)))
	if err != nil {
		f.t.Fatal(err)
	}
	chosen(wc)
}

// savePath is where SaveFile and ChooseSaveFile save name, recorded in Saved.
func (f *Platform) savePath(name string) string {
	if f.SaveDir == "" {
		f.SaveDir = f.t.TempDir()
	}
	if f.SaveAs != "" {
		name = f.SaveAs
	}
	path := filepath.Join(f.SaveDir, name)
	f.Saved = append(f.Saved, path)
	return path
}

// ChooseSaveFile gives the path in SaveDir, as SaveFile, without creating
// or emptying the file.
func (f *Platform) ChooseSaveFile(_ fyne.Window, name string, _ []string, chosen func(fyne.URI)) {
	chosen(storage.NewFileURI(f.savePath(name)))
}

// OpenFile opens OpenPath.
func (f *Platform) OpenFile(_ fyne.Window, _ []string, chosen func(fyne.URIReadCloser)) {
	rc, err := storage.Reader(storage.NewFileURI(f.OpenPath))
	if err != nil {
		f.t.Fatal(err)
	}
	chosen(rc)
}

// OpenURL records u in Opened.
func (f *Platform) OpenURL(u *url.URL) error {
	f.Opened = append(f.Opened, u.String())
	return nil
}

// Confirm asks Answer, or shows the real dialog when Answer is nil.
func (f *Platform) Confirm(win fyne.Window, title, question string, yes func()) {
	if f.Answer != nil {
		f.Answer(title, question, yes)
		return
	}
	kit.SystemPlatform{}.Confirm(win, title, question, yes)
}
