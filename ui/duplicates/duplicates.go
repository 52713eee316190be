// Package duplicates is the Duplicates section (DESIGN section 8): the
// groups of records that may be one thing entered twice, each with why,
// and a side-by-side form that merges two of them field by field. A merge
// can be undone from the bar that follows it.
package duplicates

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"tiscdesk/data"
	"tiscdesk/ui/kit"
)

// Screen lists the possible duplicates.
type Screen struct {
	widget.BaseWidget
	host   kit.Host
	groups []data.DuplicateGroup
	list   *widget.List
	status *widget.Label
	// The bar after a merge: what was merged, and Undo.
	merged   *widget.Label
	undo     *widget.Button
	undoBar  *fyne.Container
	lastID   data.ID
	load     kit.Loader[[]data.DuplicateGroup]
	mergeRun kit.Loader[*data.HandMerge]
	undoRun  kit.Loader[bool]
	// dismissRun records a group that is not one thing.
	dismissRun kit.Loader[bool]
	// compare is the merge form on show (nil when none).
	compare *compareForm
}

var _ kit.Screen = (*Screen)(nil)

// New builds the Duplicates section over h's store.
func New(h kit.Host) *Screen {
	s := &Screen{host: h, status: widget.NewLabel(""), merged: widget.NewLabel("")}
	s.status.Wrapping = fyne.TextWrapWord
	s.merged.Wrapping = fyne.TextWrapWord
	s.undo = &widget.Button{Text: lang.L("Undo the merge"), Icon: theme.ContentUndoIcon(), OnTapped: s.undoLast}
	s.undoBar = container.NewBorder(nil, nil, nil, s.undo, s.merged)
	s.undoBar.Hide()
	s.list = widget.NewList(
		func() int { return len(s.groups) },
		func() fyne.CanvasObject { return newGroupRow() },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*groupRow).set(s.groups[i]) },
	)
	s.list.OnSelected = func(i widget.ListItemID) {
		s.list.UnselectAll()
		s.open(s.groups[i])
	}
	s.ExtendBaseWidget(s)
	return s
}

func (s *Screen) CreateRenderer() fyne.WidgetRenderer {
	heading := widget.NewLabelWithStyle(lang.L("Possible duplicates"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameHeadingText
	intro := widget.NewLabel(lang.L("Records that may be one thing entered twice, with the reason. Choose one to compare its records side by side and merge them; a merge can be undone."))
	intro.Wrapping = fyne.TextWrapWord
	top := container.NewVBox(heading, intro, s.undoBar, s.status)
	return widget.NewSimpleRenderer(container.NewPadded(container.NewBorder(top, nil, nil, nil, s.list)))
}

// Shown looks for duplicates again.
func (s *Screen) Shown() { s.reload() }

func (s *Screen) reload() {
	store := s.host.Store()
	s.load.Load(s.host.Window(), func(context.Context, func(int, int)) ([]data.DuplicateGroup, error) {
		return data.FindDuplicates(store.Store)
	}, s.show)
}

func (s *Screen) show(groups []data.DuplicateGroup) {
	s.groups = groups
	if len(groups) == 0 {
		s.status.SetText(lang.L("No possible duplicates: no two records look like one thing entered twice."))
	} else {
		s.status.SetText(kit.Plural(len(groups), "{{.Count}} group of records may be one thing entered twice.",
			"{{.Count}} groups of records may be one thing entered twice.", map[string]any{"Count": len(groups)}))
	}
	s.list.Refresh()
}

// open compares the first two records of g, or says why g cannot be merged.
func (s *Screen) open(g data.DuplicateGroup) {
	if !g.Mergeable() || len(g.Records) < 2 {
		dialog.ShowInformation(lang.L("One email, two names"),
			lang.L("These enrolments are one person's courses, not one record twice: correct the name on the enrolment in Distance learning if it is misspelt."),
			s.host.Window())
		return
	}
	keep, drop := g.Records[0], g.Records[1]
	fields, err := data.MergeFields(s.host.Store().Store, g.Kind, keep.ID, drop.ID)
	if err != nil {
		kit.ShowError(s.host.Window(), err)
		s.reload()
		return
	}
	s.compare = newCompareForm(s, g.Kind, keep, drop, fields)
	s.compare.group = g
	s.compare.show()
}

// mergeChosen merges with the choices of the form on show.
func (s *Screen) mergeChosen(f *compareForm) {
	store := s.host.Store()
	fromDrop := f.fromDrop()
	s.mergeRun.LoadWithProgress(s.host.Window(), func(ctx context.Context, _ func(int, int)) (*data.HandMerge, error) {
		return data.MergeByHand(ctx, store.Store, f.kind, f.keep.ID, f.drop.ID, fromDrop)
	}, nil, func(hm *data.HandMerge, err error) {
		if err != nil {
			f.problem.SetText(kit.UserMessage(err))
			f.problem.Show()
			return
		}
		f.dlg.Hide()
		s.compare = nil
		s.lastID = hm.ID
		s.merged.SetText(lang.L("“{{.Drop}}” was merged into “{{.Keep}}”; what referred to it now refers to “{{.Keep}}”.",
			map[string]any{"Drop": f.drop.Name, "Keep": f.keep.Name}))
		s.undo.Enable()
		s.undoBar.Show()
		s.reload()
	})
}

// dismiss records that the group of the form on show is not one thing.
func (s *Screen) dismiss(f *compareForm) {
	store, g := s.host.Store(), f.group
	s.dismissRun.Load(s.host.Window(), func(context.Context, func(int, int)) (bool, error) {
		return true, data.DismissDuplicates(store.Store, g)
	}, func(bool) {
		f.dlg.Hide()
		s.compare = nil
		s.reload()
	})
}

// undoLast undoes the merge shown in the bar.
func (s *Screen) undoLast() {
	store, id := s.host.Store(), s.lastID
	s.undo.Disable()
	s.undoRun.Load(s.host.Window(), func(context.Context, func(int, int)) (bool, error) {
		return true, data.UndoMerge(store.Store, id)
	}, func(bool) {
		s.merged.SetText(lang.L("The merge was undone: both records are as they were."))
		s.reload()
	})
}

// groupRow is one group of the list: its kind and reason, then its names.
type groupRow struct {
	widget.BaseWidget
	what  *widget.Label
	names *widget.Label
}

func newGroupRow() *groupRow {
	r := &groupRow{what: widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), names: widget.NewLabel("")}
	r.names.Truncation = fyne.TextTruncateEllipsis
	r.ExtendBaseWidget(r)
	return r
}

func (r *groupRow) set(g data.DuplicateGroup) {
	r.what.SetText(kit.KindPlural(g.Kind) + " · " + ReasonText(g.Reason))
	names := make([]string, len(g.Records))
	for i, rec := range g.Records {
		names[i] = rec.Name
	}
	r.names.SetText(strings.Join(names, "  ·  "))
}

func (r *groupRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewVBox(r.what, r.names))
}

// ReasonText says why records may be one thing.
func ReasonText(r data.DuplicateReason) string {
	switch r {
	case data.SameKey:
		return lang.L("the same name")
	case data.SameEnglishName:
		return lang.L("the same English name")
	case data.NameInside:
		return lang.L("one name inside the other")
	case data.EditDistance:
		return lang.L("names one or two letters apart")
	case data.SameEmail:
		return lang.L("one email under different names")
	case data.SameName:
		return lang.L("one name with two emails")
	case data.PartnerUnknown:
		return lang.L("one name, the partner university given in one only")
	}
	return string(r)
}
