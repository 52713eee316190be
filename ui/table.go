package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// column is one column of a recordTable over rows of type R.
type column[R any] struct {
	title string  // English; translated when shown
	width float32 // minimum width; the last column takes what is left
	sort  int     // the sort key this column's header sets; -1 for none
	// cell returns the text of the row's cell, and whether it is an alert
	// (drawn in the error colour, e.g. overdue follow-ups).
	cell func(R) (text string, alert bool)
}

// translatedTitles are the columns' titles in the interface's language.
func translatedTitles[R any](cols []column[R]) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = lang.L(c.title)
	}
	return out
}

// recordTable is a virtualised table with a header row whose cells sort
// it: a tap sorts by that column, a second tap reverses. Only the visible
// cells exist, so it shows 200,000 rows as readily as 20.
type recordTable[R any] struct {
	*widget.Table
	cols    []column[R]
	rows    []R
	sortBy  int
	desc    bool
	onSort  func(sortBy int, desc bool)
	onOpen  func(R)
	headers []string
}

func newRecordTable[R any](cols []column[R], headers []string, onSort func(int, bool), onOpen func(R)) *recordTable[R] {
	t := &recordTable[R]{cols: cols, headers: headers, onSort: onSort, onOpen: onOpen, sortBy: cols[0].sort}
	t.Table = &widget.Table{
		Length:     func() (int, int) { return len(t.rows), len(t.cols) },
		CreateCell: func() fyne.CanvasObject { return newTableCell() },
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
		ShowHeaderRow: true,
	}
	t.Table.ExtendBaseWidget(t.Table)
	for i, c := range cols {
		t.Table.SetColumnWidth(i, c.width)
	}
	return t
}

// setRows shows rows (already filtered and sorted by the caller).
func (t *recordTable[R]) setRows(rows []R) {
	t.rows = rows
	t.Table.Refresh()
	t.Table.ScrollToTop()
}

// stretchLast widens the last column to fill width.
func (t *recordTable[R]) stretchLast(width float32) {
	used := float32(0)
	for _, c := range t.cols[:len(t.cols)-1] {
		used += c.width
	}
	last := t.cols[len(t.cols)-1].width
	t.Table.SetColumnWidth(len(t.cols)-1, max(last, width-used-theme.Padding()*float32(len(t.cols)+2)))
}

func (t *recordTable[R]) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	if id.Row >= len(t.rows) {
		return
	}
	text, alert := t.cols[id.Col].cell(t.rows[id.Row])
	o.(*tableCell).set(text, alert)
}

func (t *recordTable[R]) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	b := o.(*widget.Button)
	if id.Col < 0 || id.Col >= len(t.cols) {
		b.SetText("")
		return
	}
	c := t.cols[id.Col]
	b.SetText(t.headers[id.Col])
	b.Icon = nil
	if c.sort >= 0 && c.sort == t.sortBy {
		b.Icon = theme.MenuDropUpIcon()
		if t.desc {
			b.Icon = theme.MenuDropDownIcon()
		}
	}
	b.OnTapped = func() {
		if c.sort < 0 {
			return
		}
		if t.sortBy == c.sort {
			t.desc = !t.desc
		} else {
			t.sortBy, t.desc = c.sort, false
		}
		if t.onSort != nil {
			t.onSort(t.sortBy, t.desc)
		}
		t.Table.Refresh()
	}
	b.Refresh()
}

// tapHeader sorts by column col as a click on its header does (for tests).
func (t *recordTable[R]) tapHeader(col int) {
	b := &widget.Button{}
	t.updateHeader(widget.TableCellID{Row: -1, Col: col}, b)
	b.OnTapped()
}

// tableCell is a one-line cell that truncates with an ellipsis.
type tableCell struct {
	widget.BaseWidget
	text *canvas.Text
	full string
}

func newTableCell() *tableCell {
	c := &tableCell{text: canvas.NewText("", theme.Color(theme.ColorNameForeground))}
	c.ExtendBaseWidget(c)
	return c
}

func (c *tableCell) set(text string, alert bool) {
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

func (c *tableCell) CreateRenderer() fyne.WidgetRenderer {
	c.text.TextSize = theme.TextSize()
	return widget.NewSimpleRenderer(container.New(&cellLayout{c: c}, c.text))
}

// cellLayout centres the text vertically and cuts it to the cell's width.
type cellLayout struct{ c *tableCell }

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
