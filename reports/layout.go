package reports

import (
	"io"

	"codeberg.org/go-pdf/fpdf"

	"tiscdesk/data"
)

// The page: A4 portrait in millimetres. The first page opens with a band
// carrying the title; the others have a running header. Every page ends
// with a footer saying when the report was produced and "page X of Y",
// written once the number of pages is known.
const (
	pageW, pageH  = 210.0, 297.0
	marginX       = 18.0
	contentW      = pageW - 2*marginX
	bandH         = 44.0        // the title band of the first page
	firstTop      = bandH + 9.0 // where the first page's content starts
	pageTop       = 21.0        // where the other pages' content starts
	contentBottom = pageH - 19.0
	footerY       = pageH - 12.0
)

// rgb is a colour.
type rgb struct{ r, g, b int }

// The palette: WIPO-like blues for the brand, a green for what is
// operational or achieved, amber and red for what needs attention.
var (
	colInk       = rgb{33, 37, 41}
	colMuted     = rgb{108, 117, 125}
	colBrand     = rgb{31, 92, 153}
	colBrandDark = rgb{21, 62, 107}
	colBrandPale = rgb{232, 239, 247}
	colBrandLite = rgb{120, 164, 212}
	colRule      = rgb{206, 212, 218}
	colZebra     = rgb{246, 248, 250}
	colGreen     = rgb{46, 125, 50}
	colGreenPale = rgb{232, 245, 233}
	colAmber     = rgb{191, 115, 0}
	colAmberPale = rgb{255, 243, 224}
	colRed       = rgb{198, 40, 40}
	colRedPale   = rgb{253, 236, 234}
	colGrey      = rgb{158, 158, 158}
	colWhite     = rgb{255, 255, 255}
)

// mmPerPt converts font sizes (points) to millimetres.
const mmPerPt = 25.4 / 72

// doc is a report being written: the PDF, its language, and where the next
// line goes.
type doc struct {
	pdf      *fpdf.Fpdf
	lang     Lang
	title    string
	period   string // the period line of the title block; "" for none
	produced data.Date
	y        float64 // where the next block starts
	top      float64 // where this page's content starts
	size     float64 // current font size, pt
	bold     bool
	color    rgb
	leading  float64 // line height as a multiple of the font size
	// nested makes the parts that reports share (a chart with its title)
	// take subheadings, for the summary, whose sections have the headings.
	nested bool
}

// newDoc starts a report titled title about period (a line of text; "" for
// none), produced on date produced.
func newDoc(l Lang, title, period string, produced data.Date) (*doc, error) {
	pdf, err := newDocument()
	if err != nil {
		return nil, err
	}
	d := &doc{pdf: pdf, lang: l, title: title, period: period, produced: produced, color: colInk, leading: 1.45}
	// Every break is decided here, so that a table row or a chart is never
	// cut by fpdf in the middle.
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(marginX, pageTop, marginX)
	pdf.SetTitle(title, true)
	pdf.SetSubject(period, true)
	pdf.SetCreator("TISC Desk", true)
	pdf.SetAuthor("TISC Desk", true)
	if l == Chinese {
		pdf.SetLang("zh-CN")
	} else {
		pdf.SetLang("en-GB")
	}
	// The same input gives the same file: the dates inside are the day produced.
	pdf.SetCreationDate(produced.Time())
	pdf.SetModificationDate(produced.Time())
	pdf.SetHeaderFunc(d.runningHeader)
	pdf.AddPage()
	d.titleBand()
	return d, nil
}

// setFont selects the font at size points. The embedded font has one
// weight, so bold is drawn by stroking the glyphs' outlines as well.
func (d *doc) setFont(size float64, bold bool) {
	d.size, d.bold = size, bold
	d.pdf.SetFont(fontFamily, "", size)
}

func (d *doc) setColor(c rgb) {
	d.color = c
	d.pdf.SetTextColor(c.r, c.g, c.b)
}

func (d *doc) fill(c rgb)     { d.pdf.SetFillColor(c.r, c.g, c.b) }
func (d *doc) draw(c rgb)     { d.pdf.SetDrawColor(c.r, c.g, c.b) }
func (d *doc) lineH() float64 { return d.size * mmPerPt * d.leading }

// width is the width of s in the current font.
func (d *doc) width(s string) float64 { return d.pdf.GetStringWidth(s) }

// text writes s in a box at x, y of width w and height h, aligned by align
// ("L", "C", "R"), vertically centred.
func (d *doc) text(x, y, w, h float64, s, align string) {
	if s == "" {
		return
	}
	if d.bold {
		d.pdf.SetTextRenderingMode(2)
		d.pdf.SetLineWidth(d.size * 0.028 * mmPerPt)
		d.draw(d.color)
	}
	d.pdf.SetXY(x, y)
	d.pdf.CellFormat(w, h, s, "", 0, align+"M", false, 0, "")
	if d.bold {
		d.pdf.SetTextRenderingMode(0)
	}
}

// lines writes wrapped text in a column at x of width w from y, and
// returns the height used. It does not break pages: callers that may run
// long use paragraph.
func (d *doc) lines(x, y, w float64, s, align string) float64 {
	lh := d.lineH()
	ls := wrapText(s, w, d.width)
	for i, l := range ls {
		d.text(x, y+float64(i)*lh, w, lh, l, align)
	}
	return float64(len(ls)) * lh
}

// measure is the height that lines would use.
func (d *doc) measure(w float64, s string) float64 {
	return float64(len(wrapText(s, w, d.width))) * d.lineH()
}

// newPage starts a page; the header function draws its running header.
func (d *doc) newPage() {
	d.pdf.AddPage()
	d.y, d.top = pageTop, pageTop
}

// ensure starts a new page unless h millimetres fit below y.
func (d *doc) ensure(h float64) {
	if d.y+h > contentBottom {
		d.newPage()
	}
}

// gap moves down by h, unless at the top of a page.
func (d *doc) gap(h float64) {
	if d.y > d.top+0.1 {
		d.y += h
	}
}

// titleBand draws the first page's band: who it is for, the title, the
// period and the date produced.
func (d *doc) titleBand() {
	l := d.lang
	d.fill(colBrand)
	d.pdf.Rect(0, 0, pageW, bandH, "F")
	d.fill(colBrandDark)
	d.pdf.Rect(0, bandH-1.6, pageW, 1.6, "F")
	d.setColor(rgb{196, 216, 238})
	d.setFont(8.5, false)
	d.text(marginX, 9, contentW, 5, l.in(phKicker), "L")
	d.setColor(colWhite)
	d.setFont(21, true)
	d.text(marginX, 15.5, contentW, 10, d.title, "L")
	d.setFont(10.5, false)
	if d.period != "" {
		d.text(marginX, 27, contentW, 6, d.period, "L")
	}
	d.setColor(rgb{196, 216, 238})
	d.setFont(8.5, false)
	d.text(marginX, 33.5, contentW, 5, l.f(phProducedOn, l.longDate(d.produced)), "L")
	d.y, d.top = firstTop, firstTop
}

// runningHeader heads every page but the first with the title and period.
func (d *doc) runningHeader() {
	if d.pdf.PageNo() == 1 {
		return
	}
	size, bold, color := d.size, d.bold, d.color
	d.setFont(8, false)
	d.setColor(colMuted)
	d.text(marginX, 9, contentW*0.6, 5, "TISC Desk · "+d.title, "L")
	d.text(marginX+contentW*0.4, 9, contentW*0.6, 5, d.period, "R")
	d.draw(colRule)
	d.pdf.SetLineWidth(0.2)
	d.pdf.Line(marginX, 14.5, pageW-marginX, 14.5)
	d.setFont(size, bold)
	d.setColor(color)
}

// finish writes the footers, now that the number of pages is known, and
// renders the PDF to w.
func (d *doc) finish(w io.Writer) error {
	total := d.pdf.PageCount()
	for p := 1; p <= total; p++ {
		d.pdf.SetPage(p)
		d.draw(colRule)
		d.pdf.SetLineWidth(0.2)
		d.pdf.Line(marginX, footerY-2.5, pageW-marginX, footerY-2.5)
		d.setFont(7.5, false)
		d.setColor(colMuted)
		d.text(marginX, footerY, contentW*0.7, 4, d.lang.f(phFooter, d.lang.longDate(d.produced)), "L")
		d.text(marginX+contentW*0.5, footerY, contentW*0.5, 4, d.lang.f(phPageOf, p, total), "R")
	}
	// fpdf closes and counts pages from the current one: end on the last.
	d.pdf.SetPage(total)
	if err := d.pdf.Error(); err != nil {
		return err
	}
	return write(d.pdf, w)
}

// heading starts a section: a coloured title with a bar before it, kept
// on the same page as at least keep millimetres of what follows.
func (d *doc) heading(s string, keep float64) {
	d.gap(5)
	d.ensure(11 + keep)
	d.fill(colBrand)
	d.pdf.Rect(marginX, d.y+1.4, 1.3, 5.6, "F")
	d.setFont(13, true)
	d.setColor(colBrandDark)
	d.text(marginX+3.5, d.y, contentW-3.5, 8.4, s, "L")
	d.y += 11
}

// part titles a part that reports share: a heading of its own, or a
// subheading within one of the summary's sections.
func (d *doc) part(s string, keep float64) {
	if d.nested {
		d.subheading(s, keep)
		return
	}
	d.heading(s, keep)
}

// subheading is a smaller title inside a section.
func (d *doc) subheading(s string, keep float64) {
	d.gap(2.5)
	d.ensure(7 + keep)
	d.setFont(10.5, true)
	d.setColor(colInk)
	d.text(marginX, d.y, contentW, 6, s, "L")
	d.y += 7.5
}

// paragraph writes text wrapped to the content width, breaking pages
// between lines.
func (d *doc) paragraph(s string, size float64, c rgb) {
	d.setFont(size, false)
	d.setColor(c)
	lh := d.lineH()
	for _, l := range wrapText(s, contentW, d.width) {
		d.ensure(lh)
		d.text(marginX, d.y, contentW, lh, l, "L")
		d.y += lh
	}
	d.y += 1.5
}

// note is a small grey remark under a table or chart, kept whole on one
// page (with the end of what it remarks on, when it fits there).
func (d *doc) note(s string) {
	d.y += 0.5
	d.setFont(7.5, false)
	d.ensure(d.measure(contentW, s))
	d.paragraph(s, 7.5, colMuted)
}

// figure is a headline number with its caption.
type figure struct {
	value   string
	caption string
	color   rgb // of the value; the brand colour when zero
}

// figures draws up to five headline numbers as cards across the page.
func (d *doc) figures(fs []figure) {
	if len(fs) == 0 {
		return
	}
	const gapX, h = 3.5, 23.0
	w := (contentW - gapX*float64(len(fs)-1)) / float64(len(fs))
	d.ensure(h)
	for i, f := range fs {
		x := marginX + float64(i)*(w+gapX)
		d.fill(colBrandPale)
		d.pdf.Rect(x, d.y, w, h, "F")
		c := f.color
		if c == (rgb{}) {
			c = colBrand
		}
		d.fill(c)
		d.pdf.Rect(x, d.y, w, 1.1, "F")
		d.setFont(20, true)
		d.setColor(c)
		d.text(x+3, d.y+3, w-6, 9, f.value, "L")
		d.setFont(7.8, false)
		d.setColor(colMuted)
		d.lines(x+3, d.y+13, w-6, f.caption, "L")
	}
	d.y += h + 2
}

// keyValues lays out labelled values in two columns: the label, then the
// value wrapped beside it. Pages break between pairs.
func (d *doc) keyValues(pairs [][2]string) {
	const labelW = 40.0
	for _, kv := range pairs {
		d.setFont(9, false)
		h := d.measure(contentW-labelW, orDash(kv[1])) + 1.2
		d.ensure(h)
		d.setColor(colMuted)
		d.lines(marginX, d.y, labelW-2, kv[0], "L")
		d.setColor(colInk)
		d.lines(marginX+labelW, d.y, contentW-labelW, orDash(kv[1]), "L")
		d.y += h
	}
	d.y += 1
}

// box draws text in a tinted panel with a coloured edge, for a conclusion
// that must stand out.
func (d *doc) box(title, body string, edge, tint rgb) {
	d.setFont(9.5, false)
	bodyH := d.measure(contentW-10, body)
	h := 4 + 6 + bodyH + 3
	if body == "" {
		h = 12
	}
	d.ensure(h)
	d.fill(tint)
	d.pdf.Rect(marginX, d.y, contentW, h, "F")
	d.fill(edge)
	d.pdf.Rect(marginX, d.y, 1.4, h, "F")
	d.setFont(11, true)
	d.setColor(edge)
	d.text(marginX+5, d.y+3, contentW-10, 6, title, "L")
	if body != "" {
		d.setFont(9.5, false)
		d.setColor(colInk)
		d.lines(marginX+5, d.y+10, contentW-10, body, "L")
	}
	d.y += h + 2
}
