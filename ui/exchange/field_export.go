package exchange

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"tiscdesk/data"
)

// A field bundle (DESIGN section 14), as `bundle export --field --provinces`
// makes one: the institutions and visits of the provinces a field laptop
// covers, and the course catalogue; no participant or student.

// newFieldChoice makes the entry of a field bundle's provinces, shown when
// the scope is a field bundle.
func (x *Screen) newFieldChoice() {
	x.provinces = widget.NewEntry()
	x.provinces.SetPlaceHolder(lang.L("Provinces, e.g. CN-SH, 江苏, Zhejiang"))
	x.provinces.OnChanged = func(string) { x.sayField("") }
	x.provinces.Hide()
	x.fieldNote = widget.NewLabel("")
	x.fieldNote.Importance = widget.DangerImportance
	x.fieldNote.Hide()
}

// sayField shows what is wrong with the provinces typed, or nothing.
func (x *Screen) sayField(text string) {
	x.fieldNote.SetText(text)
	if text == "" {
		x.fieldNote.Hide()
	} else {
		x.fieldNote.Show()
	}
	if x.exportBox != nil {
		x.exportBox.Refresh()
	}
}

// fieldProvinces reads the provinces typed, as codes: ok is false, and
// the screen says why, when one is not a province or none is given. The
// codes are sorted, without repeats, as the manifest lists them.
func (x *Screen) fieldProvinces() (codes []string, ok bool) {
	var unknown []string
	for _, p := range strings.FieldsFunc(x.provinces.Text, func(r rune) bool { return r == ',' || r == '，' || r == ';' || r == '、' }) {
		if p = strings.TrimSpace(p); p == "" {
			continue
		}
		if prov, found := data.LookupProvince(p); found {
			codes = append(codes, prov.Code)
		} else {
			unknown = append(unknown, p)
		}
	}
	switch {
	case len(unknown) > 0:
		x.sayField(lang.L("Not a province: {{.Names}}. Type codes such as CN-SH, or names.", map[string]any{"Names": strings.Join(unknown, ", ")}))
		return nil, false
	case len(codes) == 0:
		x.sayField(lang.L("Type the provinces the field bundle is for."))
		return nil, false
	}
	x.sayField("")
	slices.Sort(codes)
	return slices.Compact(codes), true
}

// plainHolds names the personal data a plain bundle of the chosen scope
// holds, for the question before saving it.
func (x *Screen) plainHolds() string {
	if x.scope.Value() == scopeField {
		return lang.L("the names, titles, emails and phone numbers of the institutions' contacts, not sealed")
	}
	return lang.L("the names, emails, genders, organisations and scores of participants and students, and the institutions' contacts, not sealed")
}
