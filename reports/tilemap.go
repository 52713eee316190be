package reports

import (
	"cmp"
	"slices"
	"strconv"

	"tiscdesk/data"
)

// tiles places each province on a grid (column, row) that keeps China's
// shape well enough to read at a glance: every province is one equal tile,
// so a small one with many TISCs is as visible as a large one.
var tiles = map[string][2]int{
	"CN-HL": {6, 0},
	"CN-NM": {3, 1}, "CN-BJ": {4, 1}, "CN-LN": {5, 1}, "CN-JL": {6, 1},
	"CN-XJ": {0, 2}, "CN-GS": {1, 2}, "CN-NX": {2, 2}, "CN-SX": {3, 2}, "CN-HE": {4, 2}, "CN-TJ": {5, 2},
	"CN-QH": {1, 3}, "CN-SN": {2, 3}, "CN-HA": {3, 3}, "CN-SD": {4, 3},
	"CN-XZ": {0, 4}, "CN-SC": {1, 4}, "CN-CQ": {2, 4}, "CN-HB": {3, 4}, "CN-AH": {4, 4}, "CN-JS": {5, 4}, "CN-SH": {6, 4},
	"CN-YN": {1, 5}, "CN-GZ": {2, 5}, "CN-HN": {3, 5}, "CN-JX": {4, 5}, "CN-ZJ": {5, 5},
	"CN-GX": {2, 6}, "CN-GD": {3, 6}, "CN-FJ": {4, 6}, "CN-TW": {5, 6},
	"CN-HI": {2, 7}, "CN-MO": {3, 7}, "CN-HK": {4, 7},
}

const tileCols, tileRows = 7, 8

// The colour scale, lightest first; the last two take white text.
var tileScale = []rgb{{198, 219, 239}, {132, 176, 218}, {58, 120, 184}, {21, 62, 107}}
var tileEmpty = rgb{236, 239, 243}

// tileBuckets splits 1..top into at most four ranges of counts, as
// [lo, hi] pairs, one per colour of the scale.
func tileBuckets(top int) [][2]int {
	if top <= 0 {
		return nil
	}
	n := min(top, len(tileScale))
	var out [][2]int
	lo := 1
	for i := range n {
		hi := top * (i + 1) / n
		out = append(out, [2]int{lo, hi})
		lo = hi + 1
	}
	return out
}

// bucketOf returns the colour of the scale for v: with fewer than four
// buckets the scale's stronger colours are used, so that even one TISC
// stands out from the empty tiles.
func bucketOf(buckets [][2]int, v int) int {
	shades := [][]int{nil, {2}, {1, 3}, {0, 2, 3}, {0, 1, 2, 3}}[len(buckets)]
	for i, b := range buckets {
		if v >= b[0] && v <= b[1] {
			return shades[i]
		}
	}
	return -1
}

// tileMap draws China's provinces as tiles coloured by counts (ISO code →
// count), with a legend and the provinces ranked beside it.
func (d *doc) tileMap(counts map[string]int, legendTitle string) {
	const tile, gap = 16.0, 1.1
	mapW := tileCols*(tile+gap) - gap
	tileH := tile * 0.78
	mapH := tileRows*(tileH+gap) - gap
	d.ensure(mapH + 4)
	x0, y0 := marginX, d.y
	top := 0
	for _, n := range counts {
		top = max(top, n)
	}
	buckets := tileBuckets(top)
	l := d.lang
	for _, p := range data.Provinces() {
		pos, ok := tiles[p.Code]
		if !ok {
			continue
		}
		x := x0 + float64(pos[0])*(tile+gap)
		y := y0 + float64(pos[1])*(tileH+gap)
		n := counts[p.Code]
		fill, ink, sub := tileEmpty, colMuted, colMuted
		if b := bucketOf(buckets, n); b >= 0 {
			fill, ink, sub = tileScale[b], colBrandDark, colBrandDark
			if b >= 2 {
				ink, sub = colWhite, rgb{220, 232, 245}
			}
		}
		d.fill(fill)
		d.pdf.Rect(x, y, tile, tileH, "F")
		if p.Separate {
			d.draw(colGrey)
			d.pdf.SetLineWidth(0.2)
			d.pdf.SetDashPattern([]float64{0.8, 0.6}, 0)
			d.pdf.Rect(x, y, tile, tileH, "D")
			d.pdf.SetDashPattern(nil, 0)
		}
		if l == Chinese {
			d.setFont(7.5, false)
		} else {
			d.setFont(5.6, false)
		}
		d.setColor(sub)
		d.text(x+0.5, y+1, tile-1, 4, fitText(d, p.Name(string(l)), tile-1), "C")
		d.setFont(10, n > 0)
		d.setColor(ink)
		d.text(x, y+5.2, tile, 6, strconv.Itoa(n), "C")
	}

	// Beside the map: the legend, then the provinces in order of their counts.
	lx := x0 + mapW + 8
	lw := marginX + contentW - lx
	y := y0
	d.setFont(8.5, true)
	d.setColor(colInk)
	y += d.lines(lx, y, lw, legendTitle, "L") + 1.5
	d.setFont(7.8, false)
	swatch := func(c rgb, label string) {
		d.fill(c)
		d.pdf.Rect(lx, y+0.8, 4, 3.2, "F")
		d.setColor(colInk)
		d.text(lx+5.5, y, lw-5.5, 4.8, label, "L")
		y += 5.4
	}
	swatch(tileEmpty, "0")
	for _, b := range buckets {
		label := strconv.Itoa(b[0])
		if b[1] > b[0] {
			label += "–" + strconv.Itoa(b[1])
		}
		swatch(tileScale[bucketOf(buckets, b[0])], label)
	}
	type ranked struct {
		p data.Province
		n int
	}
	var list []ranked
	for _, p := range data.Provinces() {
		if counts[p.Code] > 0 {
			list = append(list, ranked{p, counts[p.Code]})
		}
	}
	slices.SortStableFunc(list, func(a, b ranked) int { return cmp.Compare(b.n, a.n) })
	if len(list) > 0 {
		y += 3
		d.setFont(8.5, true)
		d.setColor(colInk)
		y += d.lines(lx, y, lw, l.in(phLeadingProvinces), "L") + 1
		d.setFont(7.8, false)
		for i, r := range list {
			if i == 14 {
				break
			}
			d.setColor(colInk)
			d.text(lx, y, lw-10, 4.4, fitText(d, r.p.Name(string(l)), lw-10), "L")
			d.text(lx+lw-10, y, 10, 4.4, strconv.Itoa(r.n), "R")
			y += 4.4
		}
	}
	d.y = max(y, y0+mapH) + 4
}
