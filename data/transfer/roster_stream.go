package transfer

import (
	"context"
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

// openRosterStream opens file as openRoster does, reading only the records
// up to the header; each reads the rows.
func openRosterStream(file string, r io.Reader, opt ImportOptions, specs []tabular.FieldSpec) (*roster, error) {
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
	if len(first) == 0 {
		return ro, fmt.Errorf("%s is empty: %w", file, tabular.ErrNoHeader)
	}
	if t.IsWorkbook() {
		tabular.PadRows(first) // as ReadXLSX gives them
	}
	at, cols := tabular.FindHeader(first, specs)
	if opt.Columns != nil {
		if err := cols.SetFields(opt.Columns); err != nil {
			return ro, fmt.Errorf("%s: %w", file, err)
		}
	}
	ro.cols, ro.table, ro.skip = cols, t, at+1
	rep.HeaderLine, rep.Ignored = cols.Line, cols.Ignored()
	if at > 0 {
		rep.note(headerLineNote(cols.Line))
	}
	if !cols.HasRequired() {
		return ro, fmt.Errorf("%s: %w", file, &tabular.HeaderError{Line: cols.Line, Found: cols.Header, Expected: requiredOf(specs)})
	}
	return ro, nil
}

// eachStreamed is each for a streamed roster: it reads the rows from the
// file, checking the shape of each and counting them. A workbook's rows are
// as wide as their last non-empty cell: ReadXLSX makes every row as wide as
// the widest, so their shape is never wrong, and the cells past the
// header's are ignored columns.
func (ro *roster) eachStreamed(ctx context.Context, progress func(done, total int), fn func(tabular.CSVRecord)) error {
	t := ro.table
	total := t.SizeHint()
	i := -ro.skip
	width, widest := len(ro.cols.Header), len(ro.cols.Header)
	err := t.Records(func(rec tabular.CSVRecord) error {
		if i++; i <= 0 {
			return nil // the header and the titles above it
		}
		if i%256 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
			if progress != nil {
				progress(min(i, total), total)
			}
		}
		ro.report.Rows++
		if t.IsWorkbook() {
			widest = max(widest, len(rec.Fields))
		} else {
			ro.checkShape(rec)
		}
		if !ro.bad[rec.Line] {
			fn(rec)
		}
		return nil
	})
	if err != nil {
		if ctx.Err() == nil {
			err = fmt.Errorf("read %s: %w", ro.report.File, err)
		}
		return err
	}
	for c := width; c < widest; c++ {
		ro.report.Ignored = append(ro.report.Ignored, "column "+strconv.Itoa(c+1))
	}
	if progress != nil {
		progress(total, total)
	}
	return ctx.Err()
}
