package data

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

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

// unquoteFormula undoes quoteFormula for a cell read back.
func unquoteFormula(s string) string {
	if len(s) > 1 && s[0] == '\'' && isFormulaStart(s[1]) {
		return s[1:]
	}
	return s
}

// ErrFileExists is returned by SaveFile when the file exists and may not
// be replaced. errors.Is(err, fs.ErrExist) holds for it too.
var ErrFileExists = fmt.Errorf("the file already exists (choose another name, or allow replacing it): %w", fs.ErrExist)

// SaveFile writes a file at path through write, never leaving a partial
// file: write fills a temporary file in the same folder, which then takes
// path's place. Unless overwrite is set, an existing file at path is
// refused with ErrFileExists and left as it was (also when it appears
// while write runs). A new file is readable by its owner only (mode 0600:
// exports hold people's names, emails and phones); a replaced file keeps
// its mode. Returns write's error, or the file system's, with nothing left
// behind.
func SaveFile(path string, overwrite bool, write func(io.Writer) error) (err error) {
	info, statErr := os.Stat(path)
	switch {
	case statErr == nil && !overwrite:
		return fmt.Errorf("%s: %w", path, ErrFileExists)
	case statErr == nil && !info.Mode().IsRegular():
		return fmt.Errorf("%s is not a regular file", path)
	case statErr != nil && !errors.Is(statErr, fs.ErrNotExist):
		return fmt.Errorf("check %s: %w", path, statErr)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("create a file beside %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := write(tmp); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if statErr == nil {
		if err := os.Chmod(tmp.Name(), info.Mode().Perm()); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
		if err := os.Rename(tmp.Name(), path); err != nil {
			return fmt.Errorf("replace %s: %w", path, err)
		}
		return nil
	}
	return placeNew(tmp.Name(), path)
}

// placeNew moves the finished file tmp to path unless path exists. A hard
// link fails when path exists, even if it appeared a moment ago; file
// systems without hard links (FAT on USB sticks, some network shares) fall
// back to a check and a rename.
func placeNew(tmp, path string) error {
	err := os.Link(tmp, path)
	if err == nil {
		os.Remove(tmp)
		return nil
	}
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s: %w", path, ErrFileExists)
	}
	if _, statErr := os.Lstat(path); statErr == nil {
		return fmt.Errorf("%s: %w", path, ErrFileExists)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	return nil
}
