package reports

import (
	"bytes"
	"fmt"

	"codeberg.org/go-pdf/fpdf"

	"tiscdesk/data"
	"tiscdesk/data/photo"
	"tiscdesk/data/store"
)

// The visit report prints the visit's photos, two to a row, each with its
// number, caption and when it was taken. The copy printed is smaller than
// the stored photo (printSide pixels, printQuality): sharp at the printed
// size of about 85 mm, and 20 photos stay well under 5 MB.
const (
	printSide    = 1000
	printQuality = 72
)

// reportPhoto is one photo as the report prints it.
type reportPhoto struct {
	data.Photo
	jpg  []byte // the printed copy; nil when the photo is not on this computer or cannot be read
	w, h int
}

// readPhotos reads the stored bytes of the visit's photos within tx.
func readPhotos(tx *store.Tx, v *data.Visit) []reportPhoto {
	out := make([]reportPhoto, len(v.Photos))
	for i, p := range v.Photos {
		out[i] = reportPhoto{Photo: p, jpg: tx.Photo(p.Hash)}
	}
	return out
}

// shrinkPhotos makes the printed copies (a photo that does not decode is
// left out, as one not here).
func shrinkPhotos(ps []reportPhoto) {
	for i := range ps {
		if ps[i].jpg == nil {
			continue
		}
		small, err := photo.Shrink(ps[i].jpg, printSide, printQuality)
		if err != nil {
			ps[i].jpg = nil
			continue
		}
		img, err := photo.DecodeStored(small)
		if err != nil {
			ps[i].jpg = nil
			continue
		}
		ps[i].jpg, ps[i].w, ps[i].h = small, img.Bounds().Dx(), img.Bounds().Dy()
	}
}

// visitPhotos draws the photos section; nothing when the visit has none.
func (d *doc) visitPhotos(ps []reportPhoto) {
	if len(ps) == 0 {
		return
	}
	l := d.lang
	d.heading(l.in(phPhotos), 80)
	const gapX, maxH = 6.0, 64.0
	cellW := (contentW - gapX) / 2
	missing := 0
	var row []int // indexes of the photos of the row being laid out
	flush := func() {
		if len(row) == 0 {
			return
		}
		imgH, capH := 0.0, 0.0
		d.setFont(8.5, false)
		for _, i := range row {
			_, h := fitBox(ps[i].w, ps[i].h, cellW, maxH)
			imgH = max(imgH, h)
			capH = max(capH, d.measure(cellW, photoCaption(l, i, ps[i])))
		}
		d.ensure(imgH + capH + 6)
		for col, i := range row {
			x := marginX + float64(col)*(cellW+gapX)
			w, h := fitBox(ps[i].w, ps[i].h, cellW, maxH)
			name := fmt.Sprintf("photo-%d", i)
			d.pdf.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: "JPG"}, bytes.NewReader(ps[i].jpg))
			d.pdf.ImageOptions(name, x+(cellW-w)/2, d.y+(imgH-h), w, h, false, fpdf.ImageOptions{ImageType: "JPG"}, 0, "")
			d.setFont(8.5, false)
			d.setColor(colInk)
			d.lines(x, d.y+imgH+1.5, cellW, photoCaption(l, i, ps[i]), "L")
		}
		d.y += imgH + capH + 6
		row = row[:0]
	}
	for i := range ps {
		if ps[i].jpg == nil {
			missing++
			continue
		}
		row = append(row, i)
		if len(row) == 2 {
			flush()
		}
	}
	flush()
	if missing > 0 {
		d.note(l.f(phPhotosMissing, missing))
	}
}

// photoCaption is "Photo 3: the reading room (taken 2026-10-15 14:30)".
func photoCaption(l Lang, i int, p reportPhoto) string {
	s := l.f(phPhotoN, i+1)
	if p.Caption != "" {
		s += l.in(phColon) + p.Caption
	}
	if p.TakenAt != nil {
		s += " " + l.f(phTaken, p.TakenAt.Format("2006-01-02 15:04"))
	}
	return s
}

// fitBox is the size of a w × h picture fitted into boxW × boxH mm.
func fitBox(w, h int, boxW, boxH float64) (float64, float64) {
	if w <= 0 || h <= 0 {
		return boxW, boxH
	}
	scale := min(boxW/float64(w), boxH/float64(h))
	return float64(w) * scale, float64(h) * scale
}
