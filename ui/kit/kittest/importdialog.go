package kittest

import (
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/text/encoding/simplifiedchinese"

	"tiscdesk/data"
	"tiscdesk/ui/kit"
)

// ImportDialog drives the import wizard (ui/importer) on top of a test
// window as a user does: it answers Choose file…, reads what the wizard
// shows and taps its buttons. The wizard's labels are the English ones.
type ImportDialog struct {
	t       *testing.T
	desktop *Platform         // the window's platform, which answers Choose file…
	dlg     fyne.CanvasObject // the wizard's dialog
}

// TopImport is the import wizard on top of win, as an area's Import button
// opened it; desktop is the window's platform.
func TopImport(t *testing.T, win fyne.Window, desktop *Platform) *ImportDialog {
	t.Helper()
	top := win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog is open")
	}
	return &ImportDialog{t: t, desktop: desktop, dlg: top}
}

// Choose answers Choose file… with a file named name holding raw, and
// waits for the preview.
func (d *ImportDialog) Choose(name string, raw []byte) {
	d.t.Helper()
	path := filepath.Join(d.t.TempDir(), name)
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		d.t.Fatal(err)
	}
	d.ChoosePath(path)
}

// ChoosePath answers Choose file… with the file at path, and waits for the
// preview.
func (d *ImportDialog) ChoosePath(path string) {
	d.t.Helper()
	d.desktop.OpenPath = path
	d.Tap("Choose file…")
	Settle(d.t)
}

// Tap taps the button labelled label, without waiting for what it starts.
func (d *ImportDialog) Tap(label string) {
	d.t.Helper()
	test.Tap(d.Button(label))
}

// Button is the button labelled label.
func (d *ImportDialog) Button(label string) *widget.Button {
	d.t.Helper()
	return FindButton(d.t, d.dlg, label)
}

// Has says whether the wizard shows text.
func (d *ImportDialog) Has(text string) bool { return HasText(d.t, d.dlg, text) }

// Texts are the texts the wizard shows.
func (d *ImportDialog) Texts() []string { return Texts(d.t, d.dlg) }

// Column is the field chosen, as the wizard names it, for the file's
// column headed header.
func (d *ImportDialog) Column(header string) string {
	d.t.Helper()
	var sel *widget.Select
	found := false
	WalkObjects(d.t, d.dlg, func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *widget.Label:
			found = found || v.Text == header
		case *widget.Select:
			if found && sel == nil {
				sel = v
			}
		}
	})
	if sel == nil {
		d.t.Fatalf("no column headed %q; the wizard shows %q", header, d.Texts())
	}
	return sel.Selected
}

// ImportAll checks the rows, then imports them all, waiting for each.
func (d *ImportDialog) ImportAll() {
	d.t.Helper()
	d.Tap("Check the rows")
	Settle(d.t)
	d.Tap("Import all")
	Settle(d.t)
}

// Session is the entry where the wizard asks for the session, nil when it
// does not.
func (d *ImportDialog) Session() *widget.SelectEntry { return first[*widget.SelectEntry](d.t, d.dlg) }

// Progress is the progress bar on show, nil when none is.
func (d *ImportDialog) Progress() *widget.ProgressBar { return first[*widget.ProgressBar](d.t, d.dlg) }

// first is the first object of type T under o, the zero T when none is.
func first[T fyne.CanvasObject](t *testing.T, o fyne.CanvasObject) T {
	var found T
	done := false
	WalkObjects(t, o, func(o fyne.CanvasObject) {
		if v, ok := o.(T); ok && !done {
			found, done = v, true
		}
	})
	return found
}

// GB18030 encodes s as Chinese Excel saves a CSV.
func GB18030(t *testing.T, s string) []byte {
	t.Helper()
	b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// FieldLabel is the label the wizard shows for field among fields.
func FieldLabel(t *testing.T, fields []data.FieldSpec, field string) string {
	t.Helper()
	for _, f := range fields {
		if f.Field == field {
			return kit.FieldName(f.Field)
		}
	}
	t.Fatalf("no field %q", field)
	return ""
}
