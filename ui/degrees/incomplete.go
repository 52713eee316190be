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
	return incompleteNote(lang.L("Incomplete: give the partner university (Edit)."))
}

// incompleteNote is text, translated, in the colour of a warning: what a
// record lacks and how to give it.
func incompleteNote(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Importance = widget.WarningImportance
	l.Wrapping = fyne.TextWrapWord
	return l
}
