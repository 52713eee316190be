package reports

import "strings"

// column is one column of a table: its title, its share of the width
// (relative to the other columns) and its alignment ("L", "C", "R").
type column struct {
	title  string
	weight float64
	align  string
}

// rowKind says how a row is drawn.
type rowKind int

const (
	rowPlain rowKind = iota
	rowGroup         // a group's heading or subtotal: shaded and bold
	rowTotal         // the grand total: bold under a rule
)

// row is one line of a table. marks, when set, colours a cell's text (a
// status that needs attention, say).
type row struct {
	cells []string
	kind  rowKind
	marks map[int]rgb
}

// table is a table that breaks across pages between rows, repeating its
// header on each page. Cells wrap.
type table struct {
	cols []column
	rows []row
	size float64 // font size; 8.3 pt when zero
}

func (t *table) add(cells ...string) *row {
	t.rows = append(t.rows, row{cells: cells})
	return &t.rows[len(t.rows)-1]
}

func (t *table) addKind(kind rowKind, cells ...string) {
	t.rows = append(t.rows, row{cells: cells, kind: kind})
}

const (
	cellPadX = 1.6
	cellPadY = 1.0
)

// widths shares the page's width among the columns by their weights, then
// widens any column too narrow for its longest word (or, right-aligned, its
// longest value) at the expense of those with room to spare, so that words
// are not cut where a person would not cut them.
func (d *doc) widths(t *table, size float64) []float64 {
	sum := 0.0
	for _, c := range t.cols {
		sum += c.weight
	}
	ws := make([]float64, len(t.cols))
	need := make([]float64, len(t.cols))
	for i, c := range t.cols {
		ws[i] = contentW * c.weight / sum
		d.setFont(size, true)
		need[i] = widestUnit(d, c.title)
		d.setFont(size, false)
		for _, r := range t.rows {
			text := cell(r.cells, i)
			if c.align == "R" {
				need[i] = max(need[i], d.width(text))
			} else {
				need[i] = max(need[i], widestUnit(d, text))
			}
		}
		need[i] += 2*cellPadX + 0.3
	}
	short, spare := 0.0, 0.0
	for i := range ws {
		if need[i] > ws[i] {
			short += need[i] - ws[i]
		} else {
			spare += ws[i] - need[i]
		}
	}
	if short == 0 || spare == 0 {
		return ws
	}
	take := min(short, spare)
	for i := range ws {
		if need[i] > ws[i] {
			ws[i] += (need[i] - ws[i]) * take / short
		} else {
			ws[i] -= (ws[i] - need[i]) * take / spare
		}
	}
	return ws
}

// widestUnit is the width of the widest piece of s that wrapping keeps whole.
func widestUnit(d *doc, s string) float64 {
	w := 0.0
	for _, para := range strings.Split(s, "\n") {
		for _, u := range splitUnits(para) {
			w = max(w, d.width(u.text))
		}
	}
	return w
}

// table draws t. A table with no rows draws nothing: callers say "none" in
// words instead.
func (d *doc) table(t *table) {
	if len(t.rows) == 0 {
		return
	}
	size := t.size
	if size == 0 {
		size = 8
	}
	ws := d.widths(t, size)
	d.leading = 1.3
	defer func() { d.leading = 1.45 }()
	header := func() {
		d.setFont(size, true)
		h := 0.0
		for i, c := range t.cols {
			h = max(h, d.measure(ws[i]-2*cellPadX, c.title))
		}
		h += 2 * cellPadY
		d.fill(colBrand)
		d.pdf.Rect(marginX, d.y, contentW, h, "F")
		d.setColor(colWhite)
		x := marginX
		for i, c := range t.cols {
			d.lines(x+cellPadX, d.y+cellPadY, ws[i]-2*cellPadX, c.title, c.align)
			x += ws[i]
		}
		d.y += h
	}
	// The header and at least one row stay together.
	d.setFont(size, false)
	d.ensure(2*(d.lineH()+2*cellPadY) + 2)
	header()
	for n, r := range t.rows {
		d.setFont(size, r.kind != rowPlain)
		h := 0.0
		for i := range t.cols {
			h = max(h, d.measure(ws[i]-2*cellPadX, cell(r.cells, i)))
		}
		h += 2 * cellPadY
		if d.y+h > contentBottom {
			d.newPage()
			header()
			d.setFont(size, r.kind != rowPlain)
		}
		switch {
		case r.kind == rowGroup:
			d.fill(colBrandPale)
			d.pdf.Rect(marginX, d.y, contentW, h, "F")
		case r.kind == rowTotal:
			d.draw(colBrand)
			d.pdf.SetLineWidth(0.35)
			d.pdf.Line(marginX, d.y, marginX+contentW, d.y)
		case n%2 == 1:
			d.fill(colZebra)
			d.pdf.Rect(marginX, d.y, contentW, h, "F")
		}
		x := marginX
		for i, c := range t.cols {
			color := colInk
			if m, ok := r.marks[i]; ok {
				color = m
			}
			d.setColor(color)
			d.lines(x+cellPadX, d.y+cellPadY, ws[i]-2*cellPadX, cell(r.cells, i), c.align)
			x += ws[i]
		}
		d.y += h
	}
	d.draw(colRule)
	d.pdf.SetLineWidth(0.3)
	d.pdf.Line(marginX, d.y, marginX+contentW, d.y)
	d.y += 3
}

func cell(cells []string, i int) string {
	if i < len(cells) {
		return cells[i]
	}
	return ""
}
