package degrees

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// incompleteLabel flags a programme created without its partner university
// (an import whose roster did not give it: DESIGN section 5, a missing fact
// is a warning), until the partner is given with Edit.
func incompleteLabel() *widget.Label {
	l := widget.NewLabel(lang.L("Incomplete: give the partner university (Edit)."))
	l.Importance = widget.WarningImportance
	l.Wrapping = fyne.TextWrapWord
	return l
}
