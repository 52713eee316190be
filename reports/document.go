// Package reports renders TISC Desk's PDF reports for headquarters from data
// values, in English or Chinese, with the CJK font embedded as a subset. It
// never imports Fyne.
package reports

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"codeberg.org/go-pdf/fpdf"

	"tiscdesk/assets"
)

// fontFamily is the name the embedded font is registered under. fpdf writes
// it into the PDF as "utf8" + family.
const fontFamily = "wqymicrohei"

// fpdf embeds only the glyphs used, but does not mark the font's name with
// the six-letter tag by which PDF readers (and pdffonts) know a subset. The
// tagged name has the same length, so every byte offset of the file stays true.
var (
	untaggedName = []byte("/utf8" + fontFamily)
	taggedName   = []byte("/TISCDK+MicroHei")
)

// write renders pdf to w with the font's subset tag set.
func write(pdf *fpdf.Fpdf, w io.Writer) error {
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return fmt.Errorf("render the PDF: %w", err)
	}
	_, err := w.Write(bytes.ReplaceAll(buf.Bytes(), untaggedName, taggedName))
	return err
}

// newDocument starts an A4 portrait PDF with the embedded CJK font loaded
// and selected. fpdf given a font it cannot use prints a complaint and
// carries on, and later text writes panic; so the font is checked here by
// measuring Latin, digits and Chinese, and any failure is returned.
func newDocument() (*fpdf.Fpdf, error) {
	pdf := fpdf.New("P", "mm", "A4", "")
	// From bytes: AddUTF8Font with an absolute path fails (DESIGN section 10).
	pdf.AddUTF8FontFromBytes(fontFamily, "", assets.Font())
	if err := pdf.Error(); err != nil {
		return nil, fmt.Errorf("load the font %s: %w", assets.FontName, err)
	}
	pdf.SetFont(fontFamily, "", 10)
	if err := pdf.Error(); err != nil {
		return nil, fmt.Errorf("select the font %s: %w", assets.FontName, err)
	}
	for _, probe := range []string{"TISC 2026", "技术与创新支持中心"} {
		if pdf.GetStringWidth(probe) <= 0 {
			return nil, errors.New("the font " + assets.FontName + " has no width for " + probe)
		}
	}
	return pdf, nil
}
