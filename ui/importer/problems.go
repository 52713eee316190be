package importer

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"tiscdesk/data"
	"tiscdesk/ui/kit"
)

// The report's problems, in two lists apart (DESIGN section 5): the errors,
// rows that are not imported as they are, and the warnings, rows imported
// that lack a fact to complete (a graduate's graduation date, a new
// programme's partner). Each reads FILE:LINE: field: reason.

// problemLists shows the errors and the warnings of rep under their
// headings, one above the other when there are both.
func problemLists(rep *data.ImportReport) fyne.CanvasObject {
	var errs, warns fyne.CanvasObject
	if len(rep.Errors) > 0 {
		errs = problemList(lang.L("Errors ({{.Count}}): rows not imported until they are corrected", map[string]any{"Count": len(rep.Errors)}), rep.Errors)
	}
	if len(rep.Warnings) > 0 {
		warns = problemList(lang.L("Warnings ({{.Count}}): imported, but missing facts to complete", map[string]any{"Count": len(rep.Warnings)}), rep.Warnings)
	}
	switch {
	case errs != nil && warns != nil:
		return container.NewVSplit(errs, warns)
	case errs != nil:
		return errs
	case warns != nil:
		return warns
	}
	return widget.NewLabel("")
}

// problemList is a heading over a list of problems.
func problemList(heading string, list []data.ImportError) fyne.CanvasObject {
	title := widget.NewLabelWithStyle(heading, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	rows := widget.NewList(func() int { return len(list) },
		func() fyne.CanvasObject { return kit.NewTableCell() },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			o.(*kit.TableCell).Set(importErrorText(list[i]), true)
		})
	return container.NewBorder(title, nil, nil, nil, rows)
}
