package transfer

import (
	"errors"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"tiscdesk/data/model"
	"tiscdesk/data/tabular"
	"tiscdesk/data/tabular/tabulartest"
)

// The enrolment import reads its rows as a stream and keeps, of each valid
// row, only its encoded record (issue 21). These tests pin what that must
// not change.

// Every row is resolved against the database as it was before the import,
// although the rows are staged as they are read: two rows that end on one
// stored record (one by its id, with a new email, one by the old email)
// are refused in either order, and nothing is written.
func TestEnrolmentRowsAreResolvedAgainstTheDatabaseAsItWas(t *testing.T) {
	for _, byIDFirst := range []bool{true, false} {
		s := openTemp(t)
		mustImportEnrolments(t, s, "first.csv", []byte("name,email,session\nWang Fang,wang@example.com,101C18S1\n"), ImportOptions{})
		list, err := s.Enrolments.List()
		if err != nil || len(list) != 1 {
			t.Fatalf("after the first import: %d enrolments, %v", len(list), err)
		}
		id := list[0].ID
		byID := id.String() + ",Wang Fang,wang.fang@example.com,101C18S1\n"
		byEmail := ",Wang Fang (again),wang@example.com,101C18S1\n"
		rows := byID + byEmail
		if !byIDFirst {
			rows = byEmail + byID
		}
		raw := []byte("id,name,email,session\n" + rows)
		rep, err := runEnrolmentImport(t, s, "second.csv", raw, ImportOptions{})
		// Whichever comes second, on line 3, is refused.
		if !errors.Is(err, ErrRowsInvalid) || len(rep.Errors) != 1 || rep.Errors[0].Line != 3 ||
			!strings.Contains(rep.Errors[0].Error(), "names the same record as line 2") {
			t.Fatalf("byIDFirst %v: err %v, errors:\n%s", byIDFirst, err, errorText(rep))
		}
		after, _ := s.Enrolments.List()
		if len(after) != 1 || after[0].Email != "wang@example.com" || after[0].Name != "Wang Fang" {
			t.Fatalf("byIDFirst %v: a refused import changed the database: %+v", byIDFirst, after)
		}
		rep, err = runEnrolmentImport(t, s, "second.csv", raw, ImportOptions{SkipInvalid: true})
		if err != nil || rep.Updated+rep.Unchanged != 1 || rep.Created != 0 || rep.Skipped != 1 {
			t.Fatalf("byIDFirst %v, --skip-invalid: err %v, report %+v", byIDFirst, err, rep)
		}
		after, _ = s.Enrolments.List()
		want := "wang.fang@example.com"
		if !byIDFirst {
			want = "wang@example.com"
		}
		if len(after) != 1 || after[0].ID != id || after[0].Email != want {
			t.Fatalf("byIDFirst %v, --skip-invalid: %+v, want the one record with %s", byIDFirst, after, want)
		}
	}
}

// A workbook's rows end at their last non-empty cell. Streamed, a row
// shorter than the header is not a wrong shape, and cells past the header
// are an ignored column, as when the whole sheet was read at once (every
// row as wide as the widest).
func TestWorkbookRowsOfOtherWidths(t *testing.T) {
	s := openTemp(t)
	raw := tabulartest.Workbook(t, tabulartest.Sheet{Name: "Roster", Rows: [][]any{
		{"name", "email", "session", "organisation"},
		{"Wang Fang", "wang@example.com", "101C18S1"},
		{"Li Lei", "li@example.com", "101C18S1", "Tongji", nil, "a note"},
	}})
	rep := mustImportEnrolments(t, s, "roster.xlsx", raw, ImportOptions{})
	if rep.Created != 2 || rep.Rows != 2 || !reflect.DeepEqual(rep.Ignored, []string{"column 5", "column 6"}) {
		t.Fatalf("report: created %d, rows %d, ignored %q", rep.Created, rep.Rows, rep.Ignored)
	}
	got := enrolmentsByEmail(t, s)
	if e := got["101C18S1 li@example.com"]; e == nil || e.Organisation != "Tongji" {
		t.Fatalf("Li Lei's enrolment: %+v", e)
	}
	if e := got["101C18S1 wang@example.com"]; e == nil || e.Organisation != "" || e.Status != model.StatusRegistered {
		t.Fatalf("Wang Fang's enrolment: %+v", e)
	}
}

// A sheet damaged after its first rows is found by the first read of the
// rows, before anything is written.
func TestDamagedWorkbookWritesNothing(t *testing.T) {
	var rows strings.Builder
	rows.WriteString("name,email,session\n")
	for i := range 2000 {
		rows.WriteString("Wang Fang,wang" + strings.Repeat("x", i%7) + string(rune('a'+i%26)) + strconv.Itoa(i) + "@example.com,101C18S1\n")
	}
	raw := asWorkbook(t, rows.String())
	// Damage 64 bytes in the middle of the file, inside the sheet's
	// compressed rows (cutting the file short would lose the zip's
	// directory, and the workbook would not open at all).
	bad := append([]byte(nil), raw...)
	mid := len(bad) / 2
	for i := mid; i < mid+64; i++ {
		bad[i] ^= 0x5a
	}
	s := openTemp(t)
	before, _ := s.Counts()
	rep, err := runEnrolmentImport(t, s, "roster.xlsx", bad, ImportOptions{})
	if err == nil {
		t.Fatalf("a damaged workbook was imported: %+v", rep)
	}
	after, _ := s.Counts()
	if before != after {
		t.Fatalf("a damaged workbook changed the database: %+v → %+v", before, after)
	}
}

// Progress climbs to its total, reached once every row is read (the
// window's bar), for a CSV file and a workbook alike.
func TestEnrolmentImportProgress(t *testing.T) {
	var rows strings.Builder
	rows.WriteString("name,email,session\n")
	for i := range 3000 {
		rows.WriteString("Wang Fang,wang" + strconv.Itoa(i) + "@example.com,101C18S1\n")
	}
	for _, f := range []struct {
		name string
		raw  []byte
	}{{"roster.csv", []byte(rows.String())}, {"roster.xlsx", asWorkbook(t, rows.String())}} {
		var calls [][2]int
		opt := ImportOptions{Progress: func(done, total int) { calls = append(calls, [2]int{done, total}) }}
		rep := mustImportEnrolments(t, openTemp(t), f.name, f.raw, opt)
		if rep.Created != 3000 || len(calls) < 3 {
			t.Fatalf("%s: created %d, %d progress calls", f.name, rep.Created, len(calls))
		}
		last := calls[len(calls)-1]
		if last[0] != last[1] || last[1] < 3000 {
			t.Errorf("%s: the last progress is %v, want done = total ≥ 3000", f.name, last)
		}
		for i := 1; i < len(calls); i++ {
			if calls[i][0] < calls[i-1][0] || calls[i][1] != last[1] {
				t.Errorf("%s: progress %v after %v", f.name, calls[i], calls[i-1])
				break
			}
		}
	}
}

// A roster whose header will not do is refused before any row is read
// for the import, and the report still says how many rows it has, as
// when the whole file was read at once: a header without an email
// column, and one without a session column when no session is given.
func TestRefusedHeaderStillCountsTheRows(t *testing.T) {
	for _, tc := range []struct {
		header string
		want   error
	}{{"name,session", tabular.ErrNoHeader}, {"name,email", ErrNoSession}} {
		raw := tc.header + "\nWang Fang,101C18S1\nLi Lei,101C18S1\n\nZhang Wei,101C18S1\n"
		rep, err := runEnrolmentImport(t, openTemp(t), "roster.csv", []byte(raw), ImportOptions{})
		if !errors.Is(err, tc.want) || rep.Rows != 3 || rep.HeaderLine != 1 {
			t.Errorf("header %q: err %v, %d rows after line %d; want %v, 3 rows after line 1", tc.header, err, rep.Rows, rep.HeaderLine, tc.want)
		}
	}
}

// The file's text is let go once its rows are read and staged: the commit
// builds its pages on top of what the heap holds then, and a single string
// of the text kept (the last row's values did) keeps all of it. Two files
// of the same 20,000 rows, one with an ignored column of 1,000 bytes a row
// (20 MB more text), must leave the same heap at the commit (within 6 MB).
func TestTheFileIsNotHeldThroughTheCommit(t *testing.T) {
	const rows, pad = 20_000, 1000
	plain := enrolmentRosterFile(rows)
	var padded strings.Builder
	filler := strings.Repeat("x", pad)
	for i, line := range strings.SplitAfter(plain, "\r\n") {
		if line == "" {
			continue
		}
		body := strings.TrimSuffix(line, "\r\n")
		if i == 0 {
			padded.WriteString(body + ",备注\r\n")
		} else {
			padded.WriteString(body + "," + filler + "\r\n")
		}
	}
	heapAtCommit := func(name, text string) uint64 {
		var least uint64
		for range 2 {
			s := openTemp(t)
			var m runtime.MemStats
			rowsWrittenHook = func() {
				runtime.GC()
				runtime.ReadMemStats(&m)
			}
			mustImportEnrolments(t, s, name, []byte(text), ImportOptions{})
			rowsWrittenHook = nil
			if n, err := s.Enrolments.Count(); err != nil || n != rows {
				t.Fatalf("%s: %d enrolments stored, %v; want %d", name, n, err, rows)
			}
			if least == 0 || m.HeapAlloc < least {
				least = m.HeapAlloc
			}
		}
		return least
	}
	without := heapAtCommit("plain.csv", plain)
	with := heapAtCommit("padded.csv", padded.String())
	t.Logf("heap at the commit: %.1f MB for the plain file, %.1f MB with %.1f MB more text",
		float64(without)/1e6, float64(with)/1e6, float64(padded.Len()-len(plain))/1e6)
	if with > without+6<<20 {
		t.Errorf("the heap at the commit is %.1f MB larger for the file with %.1f MB more text: the text is still held",
			float64(with-without)/1e6, float64(padded.Len()-len(plain))/1e6)
	}
}
