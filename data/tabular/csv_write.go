package tabular

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/transform"
)

// CSVWriter writes CSV as Excel reads it: UTF-8 with a BOM (without one,
// Excel takes a UTF-8 file for the ANSI code page and garbles Chinese) or
// GB18030, CRLF line ends, and quotes where RFC 4180 needs them.
//
// A cell that starts with "=", "+", "-", "@", a tab or a CR gets a leading
// "'", so that a spreadsheet shows it as text rather than running it as a
// formula (names and notes come from other people's files; a phone number
// "+86 10 ..." would otherwise be computed). The importers drop that "'"
// again, so exports re-import unchanged.
type CSVWriter struct {
	w     *csv.Writer
	enc   io.WriteCloser // the GB18030 encoder; nil for UTF-8
	cells []string
}

// NewCSVWriter starts a CSV file on w in enc: EncodingUTF8 (or
// EncodingAuto) writes the BOM at once; EncodingGB18030 encodes. Returns an
// error for any other encoding, or when the BOM cannot be written.
func NewCSVWriter(w io.Writer, enc Encoding) (*CSVWriter, error) {
	cw := &CSVWriter{}
	switch enc {
	case EncodingAuto, EncodingUTF8:
		if _, err := w.Write(bomUTF8); err != nil {
			return nil, fmt.Errorf("write the CSV file: %w", err)
		}
	case EncodingGB18030:
		cw.enc = transform.NewWriter(w, simplifiedchinese.GB18030.NewEncoder())
		w = cw.enc
	default:
		return nil, fmt.Errorf("CSV files are written in utf-8 or gb18030, not %q", enc)
	}
	cw.w = csv.NewWriter(w)
	cw.w.UseCRLF = true
	return cw, nil
}

// Write writes one record.
func (c *CSVWriter) Write(cells ...string) error {
	c.cells = c.cells[:0]
	for _, s := range cells {
		c.cells = append(c.cells, quoteFormula(s))
	}
	if err := c.w.Write(c.cells); err != nil {
		return fmt.Errorf("write the CSV file: %w", err)
	}
	return nil
}

// Close writes out what is buffered. It does not close the underlying writer.
func (c *CSVWriter) Close() error {
	c.w.Flush()
	err := c.w.Error()
	if c.enc != nil {
		err = errors.Join(err, c.enc.Close())
	}
	if err != nil {
		return fmt.Errorf("write the CSV file: %w", err)
	}
	return nil
}

// isFormulaStart reports whether a spreadsheet would take a cell starting
// with c for a formula.
func isFormulaStart(c byte) bool {
	return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r'
}

func quoteFormula(s string) string {
	if s != "" && isFormulaStart(s[0]) {
		return "'" + s
	}
	return s
}

// UnquoteFormula undoes quoteFormula for a cell read back.
func UnquoteFormula(s string) string {
	if len(s) > 1 && s[0] == '\'' && isFormulaStart(s[1]) {
		return s[1:]
	}
	return s
}
