package kit

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Column is one column of a RecordTable over rows of type R.
type Column[R any] struct {
	Title string  // English; translated when shown
	Width float32 // minimum width; the last column takes what is left
	Sort  int     // the sort key this column's header sets; -1 for none
	// Cell returns the text of the row's cell, and whether it is an alert
	// (drawn in the error colour, e.g. overdue follow-ups).
	Cell func(R) (text string, alert bool)
}

// TranslatedTitles are the columns' titles in the interface's language.
func TranslatedTitles[R any](cols []Column[R]) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = lang.L(c.Title)
	}
	return out
}

// RecordTable is a virtualised table with a header row whose cells sort
// it: a tap sorts by that column, a second tap reverses. Only the visible
// cells exist, so it shows 200,000 rows as readily as 20.
type RecordTable[R any] struct {
	*widget.Table
	cols    []Column[R]
	rows    []R
	sortBy  int
	desc    bool
	onSort  func(sortBy int, desc bool)
	onOpen  func(R)
	headers []string
	// OnDelete, when set, is what the Delete key does to the row with the
	// keyboard focus: ask whether to delete it.
	OnDelete func(R)
	focusRow int // the row with the keyboard focus (the table's highlight)
}

// The keyboard (DESIGN section 3): Tab reaches the table, the arrows move
// its highlight (Fyne draws it), Enter or Space opens the row, Delete asks
// to delete it.
var _ fyne.Focusable = (*RecordTable[int])(nil)

// TypedKey opens the focused row on Enter and asks to delete it on Delete;
// other keys move the highlight as Fyne's table does.
func (t *RecordTable[R]) TypedKey(e *fyne.KeyEvent) {
	row, ok := t.FocusedRow()
	switch e.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		if ok && t.onOpen != nil {
			t.onOpen(row)
		}
	case fyne.KeyDelete:
		if ok && t.OnDelete != nil {
			t.OnDelete(row)
		}
	default:
		t.Table.TypedKey(e)
	}
}

// FocusedRow is the row with the keyboard focus, if the table has rows.
func (t *RecordTable[R]) FocusedRow() (R, bool) {
	var none R
	if t.focusRow < 0 || t.focusRow >= len(t.rows) {
		return none, false
	}
	return t.rows[t.focusRow], true
}

// NewRecordTable is a table of cols, with headers as their titles (in the
// interface's language), sorted by the first column's sort key. A tap on a
// sortable header calls onSort (when not nil) with the new order, for the
// caller to sort its rows again; a tap on a row calls onOpen (when not nil).
func NewRecordTable[R any](cols []Column[R], headers []string, onSort func(int, bool), onOpen func(R)) *RecordTable[R] {
	t := &RecordTable[R]{cols: cols, headers: headers, onSort: onSort, onOpen: onOpen, sortBy: cols[0].Sort}
	t.Table = &widget.Table{
		Length:     func() (int, int) { return len(t.rows), len(t.cols) },
		CreateCell: func() fyne.CanvasObject { return NewTableCell() },
		UpdateCell: t.updateCell,
		CreateHeader: func() fyne.CanvasObject {
			return &widget.Button{Importance: widget.LowImportance, Alignment: widget.ButtonAlignLeading}
		},
		UpdateHeader: t.updateHeader,
		OnSelected: func(id widget.TableCellID) {
			if id.Row >= 0 && id.Row < len(t.rows) && t.onOpen != nil {
				t.onOpen(t.rows[id.Row])
			}
			t.Table.UnselectAll()
		},
		OnHighlighted: func(id widget.TableCellID) { t.focusRow = id.Row },
		ShowHeaderRow: true,
	}
	// The table in the window is t: Fyne gives it the keys (t.TypedKey)
	// and refreshes what it draws.
	t.Table.ExtendBaseWidget(t)
	for i, c := range cols {
		t.Table.SetColumnWidth(i, c.Width)
	}
	return t
}

// SetRows shows rows (already filtered and sorted by the caller).
func (t *RecordTable[R]) SetRows(rows []R) {
	t.rows = rows
	t.Table.Refresh()
	t.Table.ScrollToTop()
}

// RowsShown is what the table shows, in order.
func (t *RecordTable[R]) RowsShown() []R { return t.rows }

// SortOrder is the sort key of the column the table is sorted by, and
// whether the order is reversed.
func (t *RecordTable[R]) SortOrder() (by int, desc bool) { return t.sortBy, t.desc }

// SetSortOrder shows the table sorted by sort key by, reversed when desc;
// the caller sorts the rows it sets.
func (t *RecordTable[R]) SetSortOrder(by int, desc bool) { t.sortBy, t.desc = by, desc }

// StretchLast widens the last column to fill width.
func (t *RecordTable[R]) StretchLast(width float32) {
	used := float32(0)
	for _, c := range t.cols[:len(t.cols)-1] {
		used += c.Width
	}
	last := t.cols[len(t.cols)-1].Width
	t.Table.SetColumnWidth(len(t.cols)-1, max(last, width-used-theme.Padding()*float32(len(t.cols)+2)))
}

func (t *RecordTable[R]) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	if id.Row >= len(t.rows) {
		return
	}
	text, alert := t.cols[id.Col].Cell(t.rows[id.Row])
	o.(*TableCell).Set(text, alert)
}

func (t *RecordTable[R]) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	b := o.(*widget.Button)
	if id.Col < 0 || id.Col >= len(t.cols) {
		b.SetText("")
		return
	}
	c := t.cols[id.Col]
	b.SetText(t.headers[id.Col])
	b.Icon = nil
	if c.Sort >= 0 && c.Sort == t.sortBy {
		b.Icon = theme.MenuDropUpIcon()
		if t.desc {
			b.Icon = theme.MenuDropDownIcon()
		}
	}
	b.OnTapped = func() {
		if c.Sort < 0 {
			return
		}
		if t.sortBy == c.Sort {
			t.desc = !t.desc
		} else {
			t.sortBy, t.desc = c.Sort, false
		}
		if t.onSort != nil {
			t.onSort(t.sortBy, t.desc)
		}
		t.Table.Refresh()
	}
	b.Refresh()
}

// TableCell is a one-line cell that truncates with an ellipsis.
type TableCell struct {
	widget.BaseWidget
	text *canvas.Text
	full string
}

// NewTableCell is an empty cell.
func NewTableCell() *TableCell {
	c := &TableCell{text: canvas.NewText("", theme.Color(theme.ColorNameForeground))}
	c.ExtendBaseWidget(c)
	return c
}

// Set shows text, in the error colour and bold when alert.
func (c *TableCell) Set(text string, alert bool) {
	c.full = text
	c.text.Text = text
	var col color.Color = theme.Color(theme.ColorNameForeground)
	if alert {
		col = theme.Color(theme.ColorNameError)
	}
	c.text.Color = col
	c.text.TextStyle.Bold = alert
	c.Refresh()
}

func (c *TableCell) CreateRenderer() fyne.WidgetRenderer {
	c.text.TextSize = theme.TextSize()
	return widget.NewSimpleRenderer(container.New(&cellLayout{c: c}, c.text))
}

// cellLayout centres the text vertically and cuts it to the cell's width.
type cellLayout struct{ c *TableCell }

func (l *cellLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	t := l.c.text
	pad := theme.InnerPadding()
	t.Text = fitText(l.c.full, size.Width-2*pad, t.TextSize, t.TextStyle)
	h := t.MinSize().Height
	t.Move(fyne.NewPos(pad, (size.Height-h)/2))
	t.Resize(fyne.NewSize(size.Width-2*pad, h))
}

func (l *cellLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(40, l.c.text.MinSize().Height+theme.InnerPadding())
}

// fitText shortens s with an ellipsis until it fits width.
func fitText(s string, width, size float32, style fyne.TextStyle) string {
	if fyne.MeasureText(s, size, style).Width <= width {
		return s
	}
	r := []rune(s)
	lo, hi := 0, len(r)
	for lo < hi { // the longest prefix that fits with "…"
		mid := (lo + hi + 1) / 2
		if fyne.MeasureText(string(r[:mid])+"…", size, style).Width <= width {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return string(r[:lo]) + "…"
}
