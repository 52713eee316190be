package transfer

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"tiscdesk/data/model"
	"tiscdesk/data/store"
	"tiscdesk/data/tabular"
)

// What every CSV import shares: its options, its report, and the roster —
// a file read, its header matched, its rows checked for shape — that the
// importer of each kind walks.

// ErrRowsInvalid is returned, with the report listing every bad line, when
// an import without SkipInvalid meets an invalid row: nothing is imported.
var ErrRowsInvalid = errors.New("nothing was imported: the file has invalid rows")

// ImportOptions says how to import a file. The zero value imports all or
// nothing, detecting the encoding, the delimiter and the columns.
type ImportOptions struct {
	// noBackup leaves out the backup after a large write: for the tests
	// and benchmarks that measure the import alone.
	noBackup bool

	SkipInvalid bool             // import the valid rows and skip the others
	DryRun      bool             // check everything and report what would happen, but write nothing
	Encoding    tabular.Encoding // EncodingAuto detects it
	Delimiter   rune             // 0 detects it
	// Sheet is the sheet of an Excel workbook to read (`--sheet NAME`); ""
	// reads the first sheet with a recognisable header.
	Sheet string
	// Columns, when not nil, gives the field held by each column ("" to
	// ignore it), as chosen in the import wizard; nil matches the header.
	Columns []string
	// Progress, when set, is called as rows are checked, with the number
	// done and the total; it runs on the importing goroutine.
	Progress func(done, total int)
	// Today dates the changes the import records (stage changes without a
	// date of their own); "" is today.
	Today model.Date
	// Session is the session code of an enrolment file without a session
	// column, or with empty session cells (`--session CODE`).
	Session string
}

func (o ImportOptions) csv() tabular.CSVOptions {
	return tabular.CSVOptions{Encoding: o.Encoding, Delimiter: o.Delimiter, Sheet: o.Sheet}
}

func (o ImportOptions) today(s *store.Store) model.Date {
	if o.Today != "" {
		return o.Today
	}
	return s.Today()
}

// ImportError is one problem with one line of an imported file.
type ImportError struct {
	File  string
	Line  int
	Field string // the column's header as in the file (or the field's label); "" for the whole row
	// Key is the field's key (model.FieldLabels) when the file has no
	// column that names it, so that Field is the table's English label and
	// a window can name the field in its own language; "" otherwise.
	Key  string
	Text model.ImportText
}

// Reason is the text in plain English: `"wang@" is not a valid email address`.
func (e ImportError) Reason() string { return e.Text.String() }

// Error is "FILE:LINE: field: reason".
func (e ImportError) Error() string {
	if e.Field == "" {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Reason())
	}
	return fmt.Sprintf("%s:%d: %s: %s", e.File, e.Line, e.Field, e.Reason())
}

// ImportReport is what an import did, or on a dry run would do.
type ImportReport struct {
	File       string           // the file's name as the messages give it
	Encoding   tabular.Encoding // as detected or given
	Delimiter  rune             // as detected or given
	Sheet      string           // the sheet read, for a workbook
	HeaderLine int              // the header's line: 1 unless title lines come first
	Rows       int              // data rows read (blank rows are not counted)
	// Valid rows by outcome. A dry run, or an import refused for invalid
	// rows, counts what would have been done.
	Created, Updated, Unchanged int
	Invalid                     int           // rows with at least one error
	Skipped                     int           // invalid rows left out under SkipInvalid
	Errors                      []ImportError // every problem, ordered by line
	// Warnings are the facts the imported rows lack (a graduate's
	// graduation date, a new programme's partner): the rows go in, and the
	// report lists what to complete, apart from the errors (DESIGN section
	// 5). Ordered by line; none for a row that has an error.
	Warnings []ImportError
	Ignored  []string           // headers of the columns not imported
	Notes    []model.ImportText // things worth knowing, e.g. "Sessions created: 101C18S1."
	DryRun   bool
	Written  bool // whether the database was changed
}

// CSVPreview is what the import wizard shows before importing.
type CSVPreview struct {
	Encoding  tabular.Encoding // as detected or given
	Delimiter rune             // as detected or given
	Sheet     string           // the sheet read, for a workbook
	// Columns is the detected mapping; the wizard may edit its Fields and
	// pass them back as ImportOptions.Columns.
	Columns *tabular.ColumnMap
	Rows    []tabular.CSVRecord // the first data rows
	Total   int                 // data rows in the file
}

// PreviewCSV reads a file as an import of specs would, and returns its
// first n data rows with the detected encoding, delimiter and columns, for
// the wizard to show. A header that names no field is not an error here: the
// user may map the columns by hand. Returns an error only when the file
// cannot be read or is empty.
func PreviewCSV(r io.Reader, opt tabular.CSVOptions, specs []tabular.FieldSpec, n int) (*CSVPreview, error) {
	f, err := tabular.ReadTable(r, opt, headerIn(specs))
	if err != nil {
		return nil, err
	}
	if len(f.Records) == 0 {
		return nil, fmt.Errorf("the file is empty: %w", tabular.ErrNoHeader)
	}
	at, cols := tabular.FindHeader(f.Records, specs)
	rows := f.Records[at+1:]
	return &CSVPreview{Encoding: f.Encoding, Delimiter: f.Delimiter, Sheet: f.Sheet, Columns: cols,
		Rows: rows[:min(n, len(rows))], Total: len(rows)}, nil
}

// roster is a CSV file read and matched for one import.
type roster struct {
	report *ImportReport
	cols   *tabular.ColumnMap
	rows   []tabular.CSVRecord // the data rows, header excluded
	bad    map[int]bool        // lines already known to be invalid
	// table is where a streamed roster's rows are read from (rows is then
	// nil), skip how many of its records the header and titles take.
	table *tabular.Table
	skip  int
}

// openRoster reads the file, matches its header against specs (or applies
// opt.Columns) and checks every row's shape. It returns a *HeaderError when
// the header names none of the required fields; the report is filled as far
// as it got.
func openRoster(file string, r io.Reader, opt ImportOptions, specs []tabular.FieldSpec) (*roster, error) {
	rep := &ImportReport{File: file, DryRun: opt.DryRun}
	ro := &roster{report: rep, bad: map[int]bool{}}
	f, err := tabular.ReadTable(r, opt.csv(), headerIn(specs))
	if err != nil {
		return ro, fmt.Errorf("read %s: %w", file, err)
	}
	rep.Encoding, rep.Delimiter, rep.Sheet = f.Encoding, f.Delimiter, f.Sheet
	at, err := ro.findHeader(file, f.Records, opt, specs)
	if at >= 0 {
		ro.rows = f.Records[at+1:]
		rep.Rows = len(ro.rows)
	}
	if err != nil {
		return ro, err
	}
	for _, rec := range ro.rows {
		ro.checkShape(rec)
	}
	return ro, nil
}

// findHeader finds the header among the first records of file, matches
// it against specs (or applies opt.Columns) into ro.cols, and fills the
// report with what it found. It returns the header's index among recs,
// with a *HeaderError when the header names none of the required fields;
// -1 with the error when there is no header or opt.Columns does not fit.
func (ro *roster) findHeader(file string, recs []tabular.CSVRecord, opt ImportOptions, specs []tabular.FieldSpec) (int, error) {
	if len(recs) == 0 {
		return -1, fmt.Errorf("%s is empty: %w", file, tabular.ErrNoHeader)
	}
	at, cols := tabular.FindHeader(recs, specs)
	if opt.Columns != nil {
		if err := cols.SetFields(opt.Columns); err != nil {
			return -1, fmt.Errorf("%s: %w", file, err)
		}
	}
	rep := ro.report
	ro.cols, rep.HeaderLine, rep.Ignored = cols, cols.Line, cols.Ignored()
	if at > 0 {
		rep.note(model.Because("", "The header is on line {{.Line}}; the lines above it were taken for a title.", map[string]any{"Line": cols.Line}))
	}
	if !cols.HasRequired() {
		var expected []tabular.FieldSpec
		for _, s := range specs {
			if s.Required {
				expected = append(expected, s)
			}
		}
		return at, fmt.Errorf("%s: %w", file, &tabular.HeaderError{Line: cols.Line, Found: cols.Header, Expected: expected})
	}
	return at, nil
}

// checkShape reports a row whose cells do not line up with the header.
// Extra cells that are empty (a trailing delimiter) are fine.
func (ro *roster) checkShape(rec tabular.CSVRecord) {
	width, n := len(ro.cols.Header), len(rec.Fields)
	for n > width && strings.TrimSpace(rec.Fields[n-1]) == "" {
		n--
	}
	switch {
	case rec.Unclosed && rec.EndLine > rec.Line:
		ro.fail(rec.Line, "", model.Because("", "a quote opened on this line is never closed, so lines {{.From}} to {{.To}} were read as one row",
			map[string]any{"From": rec.Line, "To": rec.EndLine}))
	case rec.Unclosed:
		ro.fail(rec.Line, "", model.Because("", "a quote opened on this line is never closed"))
	case n != width:
		args := map[string]any{"Cells": n, "Width": width, "From": rec.Line, "To": rec.EndLine, "Delimiter": tabular.DelimiterName(ro.report.Delimiter)}
		why := model.Because("", "has {{.Cells}} cells but the header has {{.Width}}", args)
		if rec.EndLine > rec.Line {
			why = model.Because("", "has {{.Cells}} cells but the header has {{.Width}} (lines {{.From}} to {{.To}} were read as one row: check for a stray quote)", args)
		} else if n > width {
			why = model.Because("", "has {{.Cells}} cells but the header has {{.Width}}: check for a {{.Delimiter}} inside a cell that is not quoted", args)
		}
		ro.fail(rec.Line, "", why)
	}
}

// fail records a problem with a row and marks the row invalid.
func (ro *roster) fail(line int, field string, why model.ImportText) {
	why.Value = strings.Clone(why.Value) // not a view of the file's text, which can go
	ro.report.Errors = append(ro.report.Errors, ro.problem(line, field, why))
	ro.bad[line] = true
}

// warn records a fact a row lacks: the row stays valid.
func (ro *roster) warn(line int, field string, why model.ImportText) {
	why.Value = strings.Clone(why.Value)
	ro.report.Warnings = append(ro.report.Warnings, ro.problem(line, field, why))
}

// problem is why, about field of line, named as the file names it.
func (ro *roster) problem(line int, field string, why model.ImportText) ImportError {
	e := ImportError{File: ro.report.File, Line: line, Text: why}
	if field != "" {
		var named bool
		if e.Field, named = ro.cols.HeaderOf(field); !named {
			e.Field, e.Key = model.FieldLabel(field), field
		}
	}
	return e
}

// each calls fn for every row not already invalid, reporting progress and
// stopping with ctx's error when it is cancelled.
func (ro *roster) each(ctx context.Context, progress func(done, total int), fn func(tabular.CSVRecord)) error {
	rows, total := ro.heldRows, len(ro.rows)
	if ro.table != nil {
		rows, total = ro.streamedRows, ro.table.SizeHint()
	}
	i := 0
	err := rows(func(rec tabular.CSVRecord) error {
		if i%256 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
			if progress != nil {
				progress(min(i, total), total)
			}
		}
		i++
		if !ro.bad[rec.Line] {
			fn(rec)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if progress != nil {
		progress(total, total)
	}
	return ctx.Err()
}

// heldRows calls fn with each of the rows read whole (openRoster), until
// fn returns an error, which it returns.
func (ro *roster) heldRows(fn func(tabular.CSVRecord) error) error {
	for _, rec := range ro.rows {
		if err := fn(rec); err != nil {
			return err
		}
	}
	return nil
}

// finish orders the errors by line and counts the invalid rows.
// saved takes the result of saving one planned record. A save that fails
// validation (it should not: the row was validated) makes one more invalid
// row and, without skipInvalid, ends the import with ErrRowsInvalid; any
// other error ends it as is.
func (ro *roster) saved(err error, line int, isNew, skipInvalid bool) error {
	var ve *model.ValidationError
	switch {
	case err == nil:
		return nil
	case !errors.As(err, &ve):
		return err
	case isNew:
		ro.report.Created--
	default:
		ro.report.Updated--
	}
	ro.fail(line, "", model.Because("", err.Error()))
	ro.finish(skipInvalid)
	if !skipInvalid {
		return ErrRowsInvalid
	}
	return nil
}

func (ro *roster) finish(skipInvalid bool) {
	byLine := func(a, b ImportError) int { return cmp.Compare(a.Line, b.Line) }
	slices.SortStableFunc(ro.report.Errors, byLine)
	ro.report.Warnings = slices.DeleteFunc(ro.report.Warnings, func(w ImportError) bool { return ro.bad[w.Line] })
	slices.SortStableFunc(ro.report.Warnings, byLine)
	ro.report.Invalid = len(ro.bad)
	if skipInvalid {
		ro.report.Skipped = ro.report.Invalid
	}
}

// note adds a note to the report.
func (rep *ImportReport) note(t model.ImportText) { rep.Notes = append(rep.Notes, t) }

// headerIn tells a workbook's sheet with a header of specs from the others
// (a cover sheet, notes, a pivot).
func headerIn(specs []tabular.FieldSpec) func([]tabular.CSVRecord) bool {
	return func(recs []tabular.CSVRecord) bool {
		_, cols := tabular.FindHeader(recs, specs)
		return cols.HasRequired()
	}
}
