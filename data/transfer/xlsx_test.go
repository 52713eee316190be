package transfer

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"tiscdesk/data/model"
	"tiscdesk/data/store"
	"tiscdesk/data/tabular"
	"tiscdesk/data/tabular/tabulartest"
)

var isoDate = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// asWorkbook turns a CSV roster into the workbook a coordinator would have
// received instead: a cover sheet first, the roster under a title merged
// across the columns, numbers stored as numbers (displayed with a decimal),
// ISO dates stored as dates (displayed 2026/3/15).
func asWorkbook(t testing.TB, csv string) []byte {
	t.Helper()
	f, err := tabular.ReadCSV(strings.NewReader(csv), tabular.CSVOptions{})
	if err != nil {
		t.Fatal(err)
	}
	width := len(f.Records[0].Fields)
	rows := [][]any{{"名单 Roster 2026"}}
	formats := map[string]string{}
	for r, rec := range f.Records {
		row := make([]any, len(rec.Fields))
		for c, cell := range rec.Fields {
			row[c] = cell
			name := string(rune('A'+c)) + strconv.Itoa(r+2)
			if r > 0 {
				if n, err := strconv.ParseFloat(cell, 64); err == nil && c < 26 {
					row[c] = n
					formats[name] = "0.0"
				} else if isoDate.MatchString(cell) && c < 26 {
					d, _ := time.Parse("2006-01-02", cell)
					row[c] = d
					formats[name] = "yyyy/m/d"
				}
			}
		}
		rows = append(rows, row)
	}
	last := string(rune('A' + width - 1))
	return tabulartest.Workbook(t,
		tabulartest.Sheet{Name: "说明 Notes", Rows: [][]any{{"Please do not change the header."}}},
		tabulartest.Sheet{Name: "Roster", Rows: rows, Merge: []string{"A1:" + last + "1"}, Formats: formats})
}

// contentOf is every live record of s without its metadata, sorted: what
// two imports of the same facts must agree on.
func contentOf(t *testing.T, s *store.Store) []string {
	t.Helper()
	var out []string
	add := func(v any, m *model.Meta) {
		*m = model.Meta{}
		raw, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, string(raw))
	}
	err := s.View(func(tx *store.Tx) error {
		_ = s.Institutions.EachIn(tx, func(v *model.Institution) bool { v.History = nil; add(v, &v.Meta); return true })
		_ = s.Sessions.EachIn(tx, func(v *model.Session) bool { add(v, &v.Meta); return true })
		_ = s.Enrolments.EachIn(tx, func(v *model.Enrolment) bool { v.Session = model.NilID; add(v, &v.Meta); return true })
		_ = s.Programmes.EachIn(tx, func(v *model.Programme) bool { add(v, &v.Meta); return true })
		_ = s.Cohorts.EachIn(tx, func(v *model.Cohort) bool { v.Programme = model.NilID; add(v, &v.Meta); return true })
		_ = s.Students.EachIn(tx, func(v *model.Student) bool { v.Cohort = model.NilID; add(v, &v.Meta); return true })
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

// Every import reads a workbook as it reads the same roster saved as CSV:
// the sheet with the header found past a cover sheet, the title above the
// header skipped, numbers and dates read from their cells.
func TestImportWorkbooks(t *testing.T) {
	type importFunc func(context.Context, *store.Store, string, io.Reader, ImportOptions) (*ImportReport, error)
	for _, c := range []struct {
		name   string
		run    importFunc
		roster string
		open   func(*testing.T) *store.Store
	}{
		{"institutions", ImportInstitutions, chineseRoster, emptyStore},
		{"enrolments", ImportEnrolments, chineseEnrolments, emptyStore},
		{"students", ImportStudents, chineseStudentRoster, tongjiOnly},
		{"statistics", ImportStatistics, strings.SplitN(chineseReturns, "\n", 2)[1], func(t *testing.T) *store.Store { s, _, _ := twoTISCs(t); return s }},
	} {
		t.Run(c.name, func(t *testing.T) {
			fromCSV, fromXLSX := c.open(t), c.open(t)
			opt := ImportOptions{Today: importToday}
			want, err := c.run(context.Background(), fromCSV, "roster.csv", strings.NewReader(c.roster), opt)
			if err != nil || want.Created == 0 {
				t.Fatalf("the CSV roster: %v %+v", err, want.Errors)
			}
			wb := asWorkbook(t, c.roster)
			got, err := c.run(context.Background(), fromXLSX, "roster.xlsx", bytes.NewReader(wb), opt)
			if err != nil {
				t.Fatalf("the workbook: %v %v", err, got.Errors)
			}
			if got.Sheet != "Roster" || got.Encoding != tabular.EncodingXLSX || got.HeaderLine != 2 {
				t.Errorf("read sheet %q (%s), header on line %d; want Roster, xlsx, 2", got.Sheet, got.Encoding, got.HeaderLine)
			}
			if got.Created != want.Created || got.Invalid != want.Invalid {
				t.Errorf("the workbook created %d (%d invalid), the CSV %d (%d)", got.Created, got.Invalid, want.Created, want.Invalid)
			}
			a, b := contentOf(t, fromCSV), contentOf(t, fromXLSX)
			if !slices.Equal(a, b) {
				t.Errorf("the workbook's records differ from the CSV's:\nCSV  %q\nXLSX %q", a, b)
			}
			// The sheet by name, in another case.
			other := c.open(t)
			opt.Sheet = "roster"
			if rep, err := c.run(context.Background(), other, "roster.xlsx", bytes.NewReader(wb), opt); err != nil || rep.Created != want.Created {
				t.Errorf("--sheet roster: %v %+v", err, rep)
			}
		})
	}
}

// A file that is a zip but not a workbook, or a workbook cut short, is
// refused with a sentence, nothing imported.
func TestImportDamagedWorkbook(t *testing.T) {
	s := openTemp(t)
	wb := asWorkbook(t, chineseRoster)
	for name, raw := range map[string][]byte{"cut": wb[:len(wb)*2/3], "zip": []byte("PK\x03\x04garbage")} {
		rep, err := ImportInstitutions(context.Background(), s, name+".xlsx", bytes.NewReader(raw), ImportOptions{})
		if err == nil || !strings.Contains(err.Error(), "Excel workbook") || rep.Written {
			t.Errorf("%s: %v (written %v)", name, err, rep.Written)
		}
		if strings.ContainsFunc(err.Error(), func(r rune) bool { return r < ' ' || r == '\uFFFD' }) {
			t.Errorf("%s: binary bytes in the message %q", name, err)
		}
	}
	if c, _ := s.Counts(); c.HasUserData() {
		t.Errorf("a damaged workbook imported records: %+v", c)
	}
}

func emptyStore(t *testing.T) *store.Store { return openTemp(t) }

func tongjiOnly(t *testing.T) *store.Store {
	s, _, _ := tongjiStore(t)
	return s
}
