package exchange

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"tiscdesk/data"
	"tiscdesk/ui/kit"
	"tiscdesk/ui/kit/kittest"
)

// The window makes a field bundle as `bundle export --field --provinces`
// does: the provinces typed (codes or names) are checked before anything
// is saved, and the bundle holds their institutions and visits and no
// participant or student.
func TestExchangeScreenExportsAFieldBundle(t *testing.T) {
	store := kittest.SampleStore(t)
	h := kittest.NewHost(t, store, kit.LangEnglish)
	x := showExchange(t, h)
	x.scope.Set(scopeField)
	x.scopeChanged()
	if x.provinces.Hidden {
		t.Fatal("choosing a field bundle shows no entry for its provinces")
	}
	x.seal.Set(sealPlain)
	x.sealChanged()
	var asked string
	h.Desktop.Answer = func(_, q string, yes func()) { asked = q; yes() }

	test.Type(x.provinces, "CN-SH, Atlantis")
	test.Tap(x.exportBtn)
	kittest.Settle(t)
	if len(h.Desktop.Saved) != 0 || x.fieldNote.Text != "Not a province: Atlantis. Type codes such as CN-SH, or names." {
		t.Fatalf("an unknown province: saved %q, the screen says %q", h.Desktop.Saved, x.fieldNote.Text)
	}
	x.provinces.SetText("")
	test.Tap(x.exportBtn)
	kittest.Settle(t)
	if len(h.Desktop.Saved) != 0 || x.fieldNote.Text != "Type the provinces the field bundle is for." {
		t.Fatalf("no province: saved %q, the screen says %q", h.Desktop.Saved, x.fieldNote.Text)
	}

	test.Type(x.provinces, "cn-sh，江苏")
	test.Tap(x.exportBtn)
	kittest.Settle(t)
	if len(h.Desktop.Saved) != 1 {
		t.Fatalf("saved %q; the screen says %q", h.Desktop.Saved, x.fieldNote.Text)
	}
	if !strings.Contains(asked, "personal data: the names, titles, emails and phone numbers of the institutions' contacts, not sealed") {
		t.Errorf("a plain field bundle asked %q", asked)
	}
	m, err := data.ReadManifest(h.Desktop.Saved[0])
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(m.Field, []string{"CN-JS", "CN-SH"}) || !strings.Contains(h.Desktop.Saved[0], "-field-CN-JS-CN-SH") {
		t.Errorf("manifest field %v, file %s", m.Field, h.Desktop.Saved[0])
	}
	insts, _ := store.Institutions.List()
	want := 0
	for _, in := range insts {
		if in.Province == "CN-SH" || in.Province == "CN-JS" {
			want++
		}
	}
	if m.Count("institutions") != want || want == 0 || m.Count("enrolments") != 0 || m.Count("students") != 0 {
		t.Errorf("the field bundle holds %d institutions (want %d), %d enrolments, %d students",
			m.Count("institutions"), want, m.Count("enrolments"), m.Count("students"))
	}
}
