package reports

import (
	"math"
)

// Charts are drawn as vectors (rectangles, lines and text), so they stay
// sharp at any zoom and their labels and figures are text that pdftotext
// finds.

// series is one quantity a chart shows, with its colour in the legend.
type series struct {
	name  string
	color rgb
}

// hbar is one bar of a horizontal bar chart: its label, its values (one
// per series, stacked left to right) and a note written after the total.
type hbar struct {
	label  string
	values []int
	color  *rgb // overrides the single series' colour for this bar
	note   string
}

// hbarChart is a horizontal, possibly stacked, bar chart.
type hbarChart struct {
	series []series
	bars   []hbar
	labelW float64 // width of the label column; 42 mm when zero
	legend bool    // show the series' names above the bars
}

// niceAxis returns the axis maximum and tick step for values up to top: a
// round number a person would draw.
func niceAxis(top int) (axisMax, step float64) {
	if top <= 0 {
		return 1, 1
	}
	raw := float64(top) / 4
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m == 2.5 && mag < 10 {
			continue // counts: keep the ticks on whole numbers
		}
		if step = m * mag; step >= raw {
			break
		}
	}
	step = max(step, 1)
	return math.Ceil(float64(top)/step) * step, step
}

const (
	hbarH   = 5.2
	hbarGap = 2.4
)

func (d *doc) hbarChart(c hbarChart) {
	if len(c.bars) == 0 {
		return
	}
	labelW := c.labelW
	if labelW == 0 {
		labelW = 42
	}
	const noteW = 34.0
	plotX := marginX + labelW + 2
	plotW := contentW - labelW - 2 - noteW
	top := 0
	for _, b := range c.bars {
		sum := 0
		for _, v := range b.values {
			sum += v
		}
		top = max(top, sum)
	}
	axisMax, step := niceAxis(top)
	scale := plotW / axisMax
	rowH := hbarH + hbarGap
	total := float64(len(c.bars))*rowH + 7
	if c.legend {
		total += 7
	}
	d.ensure(min(total, contentBottom-pageTop))
	if c.legend {
		d.legend(c.series, plotX)
	}
	gridTop := d.y
	grid := func(from, to float64) {
		d.draw(colRule)
		d.pdf.SetLineWidth(0.15)
		for t := 0.0; t <= axisMax+step/2; t += step {
			x := plotX + t*scale
			d.pdf.Line(x, from, x, to)
		}
	}
	for _, b := range c.bars {
		if d.y+rowH > contentBottom-6 {
			grid(gridTop, d.y)
			d.newPage()
			gridTop = d.y
		}
		d.setFont(8, false)
		d.setColor(colInk)
		d.text(marginX, d.y, labelW, hbarH, fitText(d, b.label, labelW), "R")
		x, sum := plotX, 0
		for i, v := range b.values {
			col := colBrand
			if i < len(c.series) {
				col = c.series[i].color
			}
			if b.color != nil {
				col = *b.color
			}
			w := float64(v) * scale
			if w > 0 {
				d.fill(col)
				d.pdf.Rect(x, d.y, w, hbarH, "F")
			}
			x += w
			sum += v
		}
		d.setFont(8, true)
		d.setColor(colInk)
		valueX := x + 1.5
		d.text(valueX, d.y, 14, hbarH, num(sum), "L")
		if b.note != "" {
			d.setFont(7.5, false)
			d.setColor(colMuted)
			d.text(valueX+d.widthAt(8, true, num(sum))+2, d.y, noteW, hbarH, b.note, "L")
		}
		d.y += rowH
	}
	grid(gridTop-1, d.y-hbarGap+1)
	// The axis: tick values under the grid lines.
	d.setFont(7, false)
	d.setColor(colMuted)
	for t := 0.0; t <= axisMax+step/2; t += step {
		x := plotX + t*scale
		d.text(x-8, d.y-hbarGap+1.2, 16, 4, num(int(t)), "C")
	}
	d.y += 6
}

// widthAt measures s at a font size and weight without changing the font.
func (d *doc) widthAt(size float64, bold bool, s string) float64 {
	oldSize, oldBold := d.size, d.bold
	d.setFont(size, bold)
	w := d.width(s)
	d.setFont(oldSize, oldBold)
	return w
}

// fitText shortens s with an ellipsis until it fits w in the current font.
func fitText(d *doc, s string, w float64) string {
	if d.width(s) <= w {
		return s
	}
	r := []rune(s)
	for len(r) > 1 && d.width(string(r)+"…") > w {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}

// legend draws the series' swatches and names in a row from x.
func (d *doc) legend(ss []series, x float64) {
	d.setFont(7.8, false)
	d.setColor(colInk)
	for _, s := range ss {
		d.fill(s.color)
		d.pdf.Rect(x, d.y+1.2, 3, 3, "F")
		d.text(x+4.2, d.y, 60, 5.4, s.name, "L")
		x += 4.2 + d.width(s.name) + 6
	}
	d.y += 7
}

// colGroup is one group of a column chart: its label and a value per series.
type colGroup struct {
	label  string
	values []int
}

// columnChart is a vertical chart with a column per series in each group.
type columnChart struct {
	series []series
	groups []colGroup
	height float64 // of the plot; 58 mm when zero
}

func (d *doc) columnChart(c columnChart) {
	if len(c.groups) == 0 {
		return
	}
	plotH := c.height
	if plotH == 0 {
		plotH = 58
	}
	const axisW = 12.0
	d.ensure(7 + plotH + 12)
	d.legend(c.series, marginX+axisW)
	top := 0
	for _, g := range c.groups {
		for _, v := range g.values {
			top = max(top, v)
		}
	}
	axisMax, step := niceAxis(top)
	plotX, plotW := marginX+axisW, contentW-axisW
	base := d.y + 4 + plotH
	scale := plotH / axisMax
	d.setFont(7, false)
	d.setColor(colMuted)
	d.pdf.SetLineWidth(0.15)
	for t := 0.0; t <= axisMax+step/2; t += step {
		y := base - t*scale
		d.draw(colRule)
		d.pdf.Line(plotX, y, plotX+plotW, y)
		d.text(marginX, y-2, axisW-2, 4, num(int(t)), "R")
	}
	groupW := plotW / float64(len(c.groups))
	barW := min(groupW*0.72/float64(len(c.series)), 16)
	for i, g := range c.groups {
		gx := plotX + float64(i)*groupW + (groupW-barW*float64(len(c.series)))/2
		for j, v := range g.values {
			x := gx + float64(j)*barW
			h := float64(v) * scale
			d.fill(c.series[j].color)
			if h > 0 {
				d.pdf.Rect(x+0.4, base-h, barW-0.8, h, "F")
			}
			d.setFont(7.5, true)
			d.setColor(colInk)
			d.text(x-2, base-h-4.5, barW+4, 4, num(v), "C")
		}
		d.setFont(8, false)
		d.setColor(colInk)
		d.lines(plotX+float64(i)*groupW, base+1.5, groupW, g.label, "C")
	}
	d.draw(colInk)
	d.pdf.SetLineWidth(0.3)
	d.pdf.Line(plotX, base, plotX+plotW, base)
	d.y = base + 12
}
