package tabular

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"strconv"
	"strings"
)

// Excel workbooks (.xlsx) are read into the same records as CSV files
// (DESIGN section 5), so that every import reads both: a sheet's row number
// is the record's line, so that messages say "FILE:ROW: field: reason" as
// Excel numbers the rows. A cell reads as the value it stores, as people
// would write it: a date cell as YYYY-MM-DD whatever its display format; a
// number as 86, not "86.0" or "86%", and without float noise (0.3, not
// 0.30000000000000004); every cell of a merged range as the range's value.
//
// The sheet is read by a scanner of its XML written for this, not by
// excelize's row reader: measured on this machine, excelize's streaming
// reader took 88 µs a row (9 s and 1.3 GB of allocations for 100,000
// rows), and 330 µs a row when it renders display formats. The scanner
// reads the sheet as it decompresses and gives its rows one at a time
// (Sheet.Scan), so that a reader of 100,000 rows need not hold them
// (BenchmarkReadXLSX, BENCHMARKS.md). excelize still writes the workbooks
// (exports, and the tests' files).

// ErrNotWorkbook is returned for a file that starts as a zip archive but is
// not an Excel workbook, or is damaged.
var ErrNotWorkbook = errors.New("not a readable Excel workbook")

// IsWorkbook reports whether raw is a zip archive, the container of an
// .xlsx workbook: a file is taken for a workbook by its content, not by
// its name.
func IsWorkbook(raw []byte) bool { return bytes.HasPrefix(raw, []byte("PK\x03\x04")) }

// xlsxProbeRows is how many rows of each sheet are read to find the one
// with a recognisable header.
const xlsxProbeRows = 6

// maxPart bounds what one part of a workbook may decompress to: a zip
// bomb is a damaged file, not a reason to run out of memory or time.
const maxPart = 512 << 20

// Workbook is an Excel workbook opened for reading: its sheets, shared
// strings and date styles, read once; the rows of a sheet are read from
// the file each time Sheet.Scan (or Rows) is called. A Workbook is not
// safe for use by several goroutines at once.
type Workbook struct {
	file     io.Closer // the file OpenWorkbookFile opened, else nil
	files    map[string]*zip.File
	sheets   []*Sheet
	strings  sharedStrings
	dates    []bool // by cell style: whether its number format shows a date
	date1904 bool
}

// Sheet is one sheet of a Workbook.
type Sheet struct {
	Name string
	wb   *Workbook
	part *zip.File
	// What the sheet keeps after its rows, its merged ranges, and the
	// number of its <row> tags: read once, by the first Scan or RowCount
	// (prewalk).
	merges  []mergeRange
	rowTags int
	walked  bool
}

// OpenWorkbook opens the workbook held by r (size bytes long), reading its
// list of sheets, its shared strings and its styles; not the sheets' rows.
// Returns an error wrapping ErrNotWorkbook when r cannot be read as a
// workbook, or is damaged.
func OpenWorkbook(r io.ReaderAt, size int64) (wb *Workbook, err error) {
	// A hostile workbook must not take the program down with it.
	defer func() {
		if r := recover(); r != nil {
			wb, err = nil, fmt.Errorf("%w: %v", ErrNotWorkbook, r)
		}
	}()
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, damaged("%v", err)
	}
	wb = &Workbook{files: map[string]*zip.File{}}
	for _, f := range zr.File {
		wb.files[strings.TrimPrefix(f.Name, "/")] = f
	}
	if err := wb.readSheets(); err != nil {
		return nil, err
	}
	if err := wb.readStrings(); err != nil {
		return nil, err
	}
	if err := wb.readStyles(); err != nil {
		return nil, err
	}
	return wb, nil
}

// OpenWorkbookFile opens the workbook in the file at path, as OpenWorkbook
// does; Close closes the file. Returns the error of os.Open when the file
// cannot be opened, else OpenWorkbook's.
func OpenWorkbookFile(path string) (*Workbook, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	wb, err := OpenWorkbook(f, info.Size())
	if err != nil {
		f.Close()
		return nil, err
	}
	wb.file = f
	return wb, nil
}

// Close closes the file of a workbook opened by OpenWorkbookFile; it does
// nothing for one opened by OpenWorkbook.
func (wb *Workbook) Close() error {
	if wb.file == nil {
		return nil
	}
	return wb.file.Close()
}

// Sheets are the workbook's sheets, in its order; there is at least one.
func (wb *Workbook) Sheets() []*Sheet { return wb.sheets }

// Choose returns the sheet called sheet when it is not "" (in any case),
// else the first whose first rows pick accepts (a recognisable header),
// else the first sheet. pick gets at most six rows, merged ranges not
// applied, all as wide as the widest. Returns an error naming the sheets
// when there is no sheet called sheet, one wrapping ErrNotWorkbook when a
// sheet read is damaged.
func (wb *Workbook) Choose(sheet string, pick func([]CSVRecord) bool) (sh *Sheet, err error) {
	defer func() {
		if r := recover(); r != nil {
			sh, err = nil, fmt.Errorf("%w: %v", ErrNotWorkbook, r)
		}
	}()
	if sheet != "" {
		for _, s := range wb.sheets {
			if strings.EqualFold(strings.TrimSpace(s.Name), strings.TrimSpace(sheet)) {
				return s, nil
			}
		}
		var names []string
		for _, s := range wb.sheets {
			names = append(names, strconv.Quote(s.Name))
		}
		return nil, fmt.Errorf("the workbook has no sheet %q; its sheets are %s", sheet, strings.Join(names, ", "))
	}
	for _, s := range wb.sheets {
		var recs []CSVRecord
		err := wb.scanRows(s, xlsxProbeRows, nil, func(rec CSVRecord) error {
			rec.Fields = append([]string(nil), rec.Fields...)
			recs = append(recs, rec)
			return nil
		}, nil)
		if err != nil {
			return nil, err
		}
		PadRows(recs)
		if len(recs) > 0 && pick != nil && pick(recs) {
			return s, nil
		}
	}
	return wb.sheets[0], nil
}

// Scan starts reading the sheet's rows, one at a time, as they
// decompress (see RowScanner.Next). It may be called again, to read the
// sheet again. The first Scan (or Rows) of a sheet also reads its merged
// ranges, which the sheet keeps after its rows: it decompresses the sheet
// twice, later ones once. Returns an error wrapping ErrNotWorkbook when
// the sheet cannot be read; the scanner's Err says when it is damaged
// further on, which may be after rows have been given: a caller that must
// not act on part of a damaged sheet reads it through once first (the
// archive's checksum of the sheet is checked at its end).
func (sh *Sheet) Scan() (r *RowScanner, err error) {
	defer func() {
		if p := recover(); p != nil {
			r, err = nil, fmt.Errorf("%w: %v", ErrNotWorkbook, p)
		}
	}()
	if err := sh.prewalk(); err != nil {
		return nil, err
	}
	return sh.wb.newRowScanner(sh, 0, newMergeFiller(sh.merges), nil)
}

// RowCount is how many rows the sheet's XML holds, blank ones included: at
// least as many as a Scan gives, for a progress bar's total without a walk
// of its own. It costs the walk that the first Scan makes anyway (and
// spares it that walk). Returns Scan's errors.
func (sh *Sheet) RowCount() (n int, err error) {
	defer func() {
		if p := recover(); p != nil {
			n, err = 0, fmt.Errorf("%w: %v", ErrNotWorkbook, p)
		}
	}()
	if err := sh.prewalk(); err != nil {
		return 0, err
	}
	return sh.rowTags, nil
}

// Rows calls fn with each of the sheet's non-blank rows, in order, as
// Scan reads them: fn may keep the strings but not Fields, which the next
// row reuses. Rows are not made as wide as each other (ReadXLSX makes
// them so). An error of fn stops the reading and is returned as it is;
// else Rows returns Scan's errors, or the scanner's Err.
func (sh *Sheet) Rows(fn func(CSVRecord) error) error {
	r, err := sh.Scan()
	if err != nil {
		return err
	}
	defer r.Close()
	for {
		rec, ok := r.Next()
		if !ok {
			return r.Err()
		}
		if err := fn(rec); err != nil {
			return err
		}
	}
}

// ReadXLSX reads one sheet of the workbook raw, chosen as Workbook.Choose
// chooses it, every row as wide as the widest: a cell left empty at the end
// of a row is a cell, not a missing one (a CSV writes its commas). Returns
// an error wrapping ErrNotWorkbook when raw cannot be read as a workbook,
// and one naming the sheets when there is no sheet called sheet.
func ReadXLSX(raw []byte, sheet string, pick func([]CSVRecord) bool) (f *CSVFile, err error) {
	// A hostile workbook must not take the program down with it.
	defer func() {
		if r := recover(); r != nil {
			f, err = nil, fmt.Errorf("%w: %v", ErrNotWorkbook, r)
		}
	}()
	sh, err := chooseSheet(raw, sheet, pick)
	if err != nil {
		return nil, err
	}
	wb := sh.wb
	// One pass: the rows held, then the merged ranges that follow them
	// applied, where Sheet.Rows reads the ranges first.
	var recs []CSVRecord
	var merges []mergeRange
	var arena []string // the rows' cells, allocated a few thousand at a time
	err = wb.scanRows(sh, 0, nil, func(rec CSVRecord) error {
		n := len(rec.Fields)
		if len(arena) < n {
			arena = make([]string, max(4096, n))
		}
		copy(arena, rec.Fields)
		rec.Fields, arena = arena[:n:n], arena[n:]
		recs = append(recs, rec)
		return nil
	}, &merges)
	if err != nil {
		return nil, err
	}
	if fill := newMergeFiller(merges); fill != nil {
		for i := range recs {
			recs[i].Fields = fill.apply(recs[i].Line, recs[i].Fields)
		}
	}
	PadRows(recs)
	return &CSVFile{Encoding: EncodingXLSX, Sheet: sh.Name, Records: recs}, nil
}

// chooseSheet opens the workbook raw and chooses its sheet as
// Workbook.Choose does.
func chooseSheet(raw []byte, sheet string, pick func([]CSVRecord) bool) (*Sheet, error) {
	wb, err := OpenWorkbook(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		return nil, err
	}
	return wb.Choose(sheet, pick)
}

// PadRows makes every row as wide as the widest, as a workbook's rows are
// read by ReadXLSX (a sheet's row ends at its last non-empty cell).
func PadRows(recs []CSVRecord) {
	width := 0
	for _, r := range recs {
		width = max(width, len(r.Fields))
	}
	for i := range recs {
		for len(recs[i].Fields) < width {
			recs[i].Fields = append(recs[i].Fields, "")
		}
	}
}

// readSheets reads the workbook's list of sheets and where each is kept.
func (wb *Workbook) readSheets() error {
	var book struct {
		Pr struct {
			Date1904 string `xml:"date1904,attr"`
		} `xml:"workbookPr"`
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := wb.unmarshal("xl/workbook.xml", &book); err != nil {
		return err
	}
	wb.date1904 = book.Pr.Date1904 == "1" || book.Pr.Date1904 == "true"
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := wb.unmarshal("xl/_rels/workbook.xml.rels", &rels); err != nil {
		return err
	}
	for _, s := range book.Sheets {
		for _, r := range rels.Rels {
			if r.ID != s.RID {
				continue
			}
			target := strings.TrimPrefix(r.Target, "/")
			if !strings.HasPrefix(r.Target, "/") {
				target = path.Join("xl", r.Target)
			}
			if part := wb.files[target]; part != nil {
				wb.sheets = append(wb.sheets, &Sheet{Name: s.Name, wb: wb, part: part})
			}
		}
	}
	if len(wb.sheets) == 0 {
		return damaged("it has no sheets")
	}
	return nil
}

// part returns the decompressed bytes of a small part (the workbook, its
// relationships, the styles).
func (wb *Workbook) part(f *zip.File) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, damaged("%s: %v", f.Name, err)
	}
	defer rc.Close()
	// One allocation of the size the zip declares, within reason; a part
	// that says less than it holds grows as needed.
	var buf bytes.Buffer
	buf.Grow(int(min(f.UncompressedSize64, 1<<20)) + bytes.MinRead)
	_, err = buf.ReadFrom(io.LimitReader(rc, maxPart+1))
	body := buf.Bytes()
	if err != nil {
		return nil, damaged("%s: %v", f.Name, err)
	}
	if len(body) > maxPart {
		return nil, damaged("%s is larger than %d MB", f.Name, maxPart>>20)
	}
	return body, nil
}

func (wb *Workbook) unmarshal(name string, v any) error {
	f := wb.files[name]
	if f == nil {
		return damaged("it has no %s", name)
	}
	body, err := wb.part(f)
	if err != nil {
		return err
	}
	if err := xml.Unmarshal(body, v); err != nil {
		return damaged("%s: %v", name, err)
	}
	return nil
}

// readStyles finds the cell styles whose number format shows a date.
func (wb *Workbook) readStyles() error {
	if wb.files["xl/styles.xml"] == nil {
		return nil
	}
	var styles struct {
		NumFmts []struct {
			ID   int    `xml:"numFmtId,attr"`
			Code string `xml:"formatCode,attr"`
		} `xml:"numFmts>numFmt"`
		Xfs []struct {
			NumFmt int `xml:"numFmtId,attr"`
		} `xml:"cellXfs>xf"`
	}
	if err := wb.unmarshal("xl/styles.xml", &styles); err != nil {
		return err
	}
	custom := map[int]string{}
	for _, n := range styles.NumFmts {
		custom[n.ID] = n.Code
	}
	wb.dates = make([]bool, len(styles.Xfs))
	for i, xf := range styles.Xfs {
		if code, ok := custom[xf.NumFmt]; ok {
			wb.dates[i] = isDateFormat(code)
		} else {
			wb.dates[i] = builtinDateFormat(xf.NumFmt)
		}
	}
	return nil
}

// builtinDateFormat: Excel's built-in number formats that show a date
// (14-17, 22, and the East Asian date formats 27-36, 50-58).
func builtinDateFormat(id int) bool {
	return (id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58)
}

// isDateFormat reports whether a custom number format shows a date: it
// names days or years outside quoted text, escapes and [brackets].
func isDateFormat(code string) bool {
	inQuote, inBracket := false, false
	for i := 0; i < len(code); i++ {
		c := code[i]
		switch {
		case inQuote:
			inQuote = c != '"'
		case inBracket:
			inBracket = c != ']'
		case c == '"':
			inQuote = true
		case c == '[':
			inBracket = true
		case c == '\\' || c == '_' || c == '*':
			i++ // the next character is literal, or a fill
		case c == 'y' || c == 'Y' || c == 'd' || c == 'D' || c == 'e':
			return true
		}
	}
	return false
}
