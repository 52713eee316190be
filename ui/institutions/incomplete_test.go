package institutions

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"tiscdesk/data"
	"tiscdesk/ui/kit"
	"tiscdesk/ui/kit/kittest"
)

// An institution imported without its type and province (a missing fact is
// a warning, DESIGN section 5) is flagged incomplete on its page, in both
// languages; it can be edited while they stay unknown, the flag says what
// is still missing, and goes once both are given. A new institution made
// with the form still needs both.
func TestIncompleteInstitutionIsFlagged(t *testing.T) {
	for _, c := range []struct {
		code, both, typeOnly string
	}{
		{kit.LangEnglish, "Incomplete: give the type and the province (Edit).", "Incomplete: give the type (Edit)."},
		{kit.LangChinese, "不完整：请填写类型和省份（编辑）。", "不完整：请填写类型（编辑）。"},
	} {
		t.Run(c.code, func(t *testing.T) {
			store := kittest.SampleStore(t)
			in := &data.Institution{LocalName: "某市科技情报研究所", Stage: data.StageCandidate}
			if err := store.Institutions.Put(in); err != nil {
				t.Fatal(err)
			}
			h, s := kittest.Open(t, store, c.code, NewRegister)
			s.open(in.ID)
			kittest.Settle(t)
			if s.page == nil || s.page.inst == nil {
				t.Fatal("the page did not load")
			}
			if !kittest.HasText(t, s.page, c.both) {
				t.Fatalf("the page does not say %q: %q", c.both, kittest.Texts(t, s.page))
			}

			// Edited with the type still unknown: saved, the notes kept.
			s.page.edit()
			f := kittest.OpenForm[*institutionForm](t, h)
			test.Type(f.notes, "省局推荐")
			h.Keys.Save()
			kittest.Settle(t)
			if h.Forms().Len() != 0 {
				t.Fatalf("the form of an incomplete institution stayed open: %q", f.form.General.Text)
			}
			got, _ := store.Institutions.Get(in.ID)
			if got.Notes != "省局推荐" || got.Type != "" || got.Province != "" {
				t.Fatalf("saved as %+v", got)
			}

			// The province given: the flag names the type alone.
			s.page.edit()
			f = kittest.OpenForm[*institutionForm](t, h)
			f.province.Set("CN-HB")
			h.Keys.Save()
			kittest.Settle(t)
			if kittest.HasText(t, s.page, c.both) || !kittest.HasText(t, s.page, c.typeOnly) {
				t.Fatalf("with its province, the page says: %q", kittest.Texts(t, s.page))
			}
			// A province once given cannot be taken away by the form.
			s.page.edit()
			f = kittest.OpenForm[*institutionForm](t, h)
			f.province.Select.ClearSelected()
			h.Keys.Save()
			kittest.Settle(t)
			if h.Forms().Len() != 1 || f.form.Message("province") == "" {
				t.Fatalf("the province cleared: forms %d, message %q", h.Forms().Len(), f.form.Message("province"))
			}
			f.province.Set("CN-HB")
			f.kind.Set(data.TypeSTInfo)
			h.Keys.Save()
			kittest.Settle(t)
			if h.Forms().Len() != 0 || kittest.HasText(t, s.page, c.typeOnly) {
				t.Fatalf("complete: forms %d, the page says %q", h.Forms().Len(), kittest.Texts(t, s.page))
			}

			// A new institution without a type is refused by the form.
			before, _ := store.Counts()
			h.Keys.New()
			f = kittest.OpenForm[*institutionForm](t, h)
			test.Type(f.localName, "新机构")
			f.province.Set("CN-HB")
			f.kind.Select.ClearSelected()
			h.Keys.Save()
			kittest.Settle(t)
			if after, _ := store.Counts(); h.Forms().Len() != 1 || f.form.Message("type") == "" || after.Institutions != before.Institutions {
				t.Fatalf("a new institution without a type: forms %d, message %q, %d -> %d institutions",
					h.Forms().Len(), f.form.Message("type"), before.Institutions, after.Institutions)
			}
		})
	}
}
