package transfer

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"tiscdesk/data/tabular"
)

// A roster read as a stream: its rows are read from the file's text (or
// the workbook's sheet) as the import goes, not held, so that an import's
// memory does not grow with the file beyond what it keeps of each row
// (issue 21). The enrolment import reads its rosters so; the smaller kinds
// hold theirs (openRoster).

// headerProbe is how many records can hold the header: FindHeader looks at
// up to three titles and the record below them.
const headerProbe = 4

// openRosterStream opens file as openFor does, reading only the records
// up to the header; each reads the rows. When the header will not do, the
// rows are counted for the report, as openRoster counts them.
func openRosterStream(file string, r io.Reader, opt ImportOptions, specs []tabular.FieldSpec, check func(*tabular.ColumnMap) error) (*roster, error) {
	rep := &ImportReport{File: file, DryRun: opt.DryRun}
	ro := &roster{report: rep, bad: map[int]bool{}}
	t, err := tabular.OpenTable(r, opt.csv(), headerIn(specs))
	if err != nil {
		return ro, fmt.Errorf("read %s: %w", file, err)
	}
	rep.Encoding, rep.Delimiter, rep.Sheet = t.Encoding, t.Delimiter, t.Sheet
	var first []tabular.CSVRecord
	errEnough := errors.New("enough")
	err = t.Records(func(rec tabular.CSVRecord) error {
		// The header's names outlive the rows (the report names columns):
		// copies, not views of the file's text.
		fields := make([]string, len(rec.Fields))
		for i, f := range rec.Fields {
			fields[i] = strings.Clone(f)
		}
		rec.Fields = fields
		if first = append(first, rec); len(first) == headerProbe {
			return errEnough
		}
		return nil
	})
	if err != nil && !errors.Is(err, errEnough) {
		return ro, fmt.Errorf("read %s: %w", file, err)
	}
	if t.IsWorkbook() {
		tabular.PadRows(first) // as ReadXLSX gives them
	}
	at, err := ro.findHeader(file, first, opt, specs)
	if at < 0 {
		return ro, err
	}
	ro.table, ro.skip = t, at+1
	if err != nil { // a header without the required fields: the rows are only counted
		n := -ro.skip
		_ = t.Records(func(tabular.CSVRecord) error { n++; return nil })
		rep.Rows = max(n, 0)
		return ro, err
	}
	if err := check(ro.cols); err != nil { // the rows are counted and their shapes checked
		_ = ro.streamedRows(func(tabular.CSVRecord) error { return nil })
		return ro, fmt.Errorf("%s: %w", file, err)
	}
	return ro, nil
}

// streamedRows calls fn with each data row of a streamed roster, read from
// the file, until fn returns an error, which it returns as it is; it
// checks the shape of each row and counts them. A workbook's rows are as
// wide as their last non-empty cell: ReadXLSX makes every row as wide as
// the widest, so their shape is never wrong, and the cells past the
// header's are ignored columns.
func (ro *roster) streamedRows(fn func(tabular.CSVRecord) error) error {
	t := ro.table
	skip, width := ro.skip, len(ro.cols.Header)
	widest := width
	var stopped error // fn's error
	err := t.Records(func(rec tabular.CSVRecord) error {
		if skip > 0 {
			skip-- // the header and the titles above it
			return nil
		}
		ro.report.Rows++
		if t.IsWorkbook() {
			widest = max(widest, len(rec.Fields))
		} else {
			ro.checkShape(rec)
		}
		stopped = fn(rec)
		return stopped
	})
	switch {
	case err != nil && stopped == nil:
		return fmt.Errorf("read %s: %w", ro.report.File, err)
	case err != nil:
		return err
	}
	for c := width; c < widest; c++ {
		ro.report.Ignored = append(ro.report.Ignored, "column "+strconv.Itoa(c+1))
	}
	return nil
}
