package institutions

import (
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"tiscdesk/data"
	"tiscdesk/ui/kit"
)

// positionProblem is what the form says of a position it cannot read.
func positionProblem() string {
	return lang.L("is not a position: type it as 31.2304, 121.4737 or 31°13'49\"N 121°28'25\"E")
}

// buildPosition makes the position entry: typed in decimal degrees or in
// degrees, minutes and seconds, and shown beneath as read, in both.
func (f *visitForm) buildPosition() {
	f.position = f.entry("", lang.L("e.g. 31.2304, 121.4737 or 31°13'49\"N 121°28'25\"E"))
	if g := f.orig.Position; g != nil {
		f.position.SetText(g.Input())
	}
	f.positionShown = widget.NewLabel("")
	f.positionShown.Importance = widget.LowImportance
	f.positionField = f.form.Add("position", kit.FieldName("position"), f.position)
	f.position.OnChanged = func(string) { f.showPosition() }
	f.showPosition()
}

// showPosition says how the typed position reads, or what is wrong with it.
func (f *visitForm) showPosition() {
	g, err := data.ParsePosition(f.position.Text)
	switch {
	case err != nil:
		f.positionShown.SetText("")
		f.positionField.SetMessage(positionProblem())
	case g == nil:
		f.positionShown.SetText(lang.L("No position recorded"))
		f.positionField.SetMessage("")
	default:
		f.positionShown.SetText(g.String() + "   " + g.DMS())
		f.positionField.SetMessage("")
	}
}

// updatePrint offers the visit report only for a finished visit, as saved:
// a draft has no report until it is finished.
func (f *visitForm) updatePrint() {
	if f.print == nil {
		return
	}
	if f.orig.Draft || f.draft.Checked {
		f.print.Disable()
	} else {
		f.print.Enable()
	}
}

// visitKindText is the visit's kind as lists show it, a draft marked as
// such: "Draft: Assessment".
func visitKindText(v *data.Visit) string {
	if !v.Draft {
		return kit.VisitKindName(v.Kind)
	}
	if v.Kind == "" {
		return lang.L("Draft")
	}
	return lang.L("Draft") + ": " + kit.VisitKindName(v.Kind)
}

// restored closes the form once an old version of the visit is restored:
// what it shows is no longer the record, and the list reloads.
func (f *visitForm) restored() { f.dlg.CloseChanged() }
