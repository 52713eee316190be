package transfer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"

	"tiscdesk/data/store"
	"tiscdesk/data/tabular"
)

// importer is one kind of import (institutions, enrolments, students, and
// the kinds to come). The driver, run, asks each the same things in the
// same order inside one write transaction, so that a dry run goes through
// every step a real import does, its write included, and reports the same
// notes; only its transaction is rolled back.
type importer interface {
	// loadStored reads what rows are compared with: the stored records.
	loadStored(tx *store.Tx) error
	// readRow reads one row of the roster into a plan, reporting its
	// problems on the roster.
	readRow(rec tabular.CSVRecord)
	// settle runs once every row is read and before the invalid rows are
	// counted: what needs all the rows (sessions to create, programmes new
	// in the file).
	settle(tx *store.Tx) error
	// addNotes adds the report's notes, once the rows are counted.
	addNotes(dryRun bool)
	// writeRows saves the valid rows within tx and returns how many
	// records it wrote.
	writeRows(ctx context.Context, tx *store.Tx, skipInvalid bool) (int, error)
}

// errDryRun rolls back a dry run's transaction.
var errDryRun = errors.New("dry run")

// rowsWrittenHook, when a test sets it, runs inside the transaction once
// the rows are written and collected, just before the commit: what the
// heap holds then is what the commit adds its pages to.
var rowsWrittenHook func()

// run is the one import driver: it reads every row of ro through imp,
// and writes all of them or, when a row is invalid (without
// --skip-invalid), a dry run is asked for, or ctx is cancelled, none. A
// write of many records is followed by a backup; a failed backup does not
// undo the import (Settings reports it).
func run(ctx context.Context, s *store.Store, ro *roster, imp importer, opt ImportOptions) (*ImportReport, error) {
	written := 0
	err := s.Update(func(tx *store.Tx) error {
		if err := imp.loadStored(tx); err != nil {
			return err
		}
		if err := ro.each(ctx, opt.Progress, imp.readRow); err != nil {
			return err
		}
		if err := imp.settle(tx); err != nil {
			return err
		}
		ro.finish(opt.SkipInvalid)
		imp.addNotes(opt.DryRun)
		if ro.report.Invalid > 0 && !opt.SkipInvalid {
			return ErrRowsInvalid
		}
		var err error
		if written, err = imp.writeRows(ctx, tx, opt.SkipInvalid); err != nil {
			return err
		}
		// The rows are written: the commit that follows builds a page for
		// every record, and can have their memory. Collected now, what the
		// rows held (their cells and values, dropped here and by writeRows)
		// is reused for those pages instead of the heap growing to hold
		// both: 100,000 enrolments peaked at 269 MB resident before, 241 MB
		// after, the collection taking about 10 ms (BENCHMARKS.md, issue 21).
		ro.rows, ro.table = nil, nil
		runtime.GC()
		if rowsWrittenHook != nil {
			rowsWrittenHook()
		}
		if opt.DryRun {
			return errDryRun
		}
		return nil
	})
	switch {
	case errors.Is(err, errDryRun):
		return ro.report, nil
	case err != nil:
		return ro.report, fmt.Errorf("import %s: %w", ro.report.File, err)
	}
	ro.report.Written = written > 0
	if n := ro.report.Created + ro.report.Updated; ro.report.Written && !opt.noBackup && n >= store.LargeWrite {
		// The backup reads the whole file through the mapping: its pages
		// come on top of whatever the process holds. What the commit held
		// (the records, their pages: about 100 MB for 100,000 enrolments)
		// is garbage now and goes back to the system first, so that the
		// backup does not raise the import's peak (BENCHMARKS.md, issue 21).
		debug.FreeOSMemory()
		_, _ = s.AfterLargeWrite("import", n)
	}
	return ro.report, nil
}

// openFor opens file as a roster of fields and checks its header with
// check, the first step of every import.
func openFor(file string, r io.Reader, opt ImportOptions, fields []tabular.FieldSpec, check func(*tabular.ColumnMap) error) (*roster, error) {
	ro, err := openRoster(file, r, opt, fields)
	if err != nil {
		return ro, err
	}
	if err := check(ro.cols); err != nil {
		return ro, fmt.Errorf("%s: %w", file, err)
	}
	return ro, nil
}
