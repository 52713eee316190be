package transfer

import (
	"bytes"
	"context"
	"errors"
	"io"
	"slices"
	"strconv"
	"strings"
	"testing"

	"tiscdesk/data/model"
	"tiscdesk/data/store"
	"tiscdesk/data/tabular"

	"github.com/xuri/excelize/v2"
)

// exportKind is one kind of file that is exported and imported back.
type exportKind struct {
	name   string
	export func(*store.Store, io.Writer, tabular.Encoding) (int, error)
	imp    func(context.Context, *store.Store, string, io.Reader, ImportOptions) (*ImportReport, error)
}

var exportKinds = []exportKind{
	{"institutions", ExportInstitutions, ImportInstitutions},
	{"enrolments", ExportEnrolments, ImportEnrolments},
	{"students", ExportStudents, ImportStudents},
	{"statistics", ExportStatistics, ImportStatistics},
}

// csvRows is an export as CSV rows, the id column left out when noID.
func csvRows(t *testing.T, s *store.Store, k exportKind, noID bool) [][]string {
	t.Helper()
	var buf bytes.Buffer
	if _, err := k.export(s, &buf, tabular.EncodingUTF8); err != nil {
		t.Fatal(err)
	}
	f, err := tabular.ReadCSV(bytes.NewReader(buf.Bytes()), tabular.CSVOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var rows [][]string
	for _, r := range f.Records {
		if r.Fields[len(r.Fields)-1] == "" && len(r.Fields) == 1 {
			continue
		}
		if noID {
			r.Fields = r.Fields[:len(r.Fields)-1]
		}
		rows = append(rows, r.Fields)
	}
	return rows
}

// Every export saved as .xlsx goes back in unchanged: into the database it
// came from it changes nothing (each row found by its id), and into an
// empty one (after the institutions, which the others name) it gives the
// same rows, dates, scores and Chinese text included.
func TestExportsRoundTripThroughExcel(t *testing.T) {
	src := openTemp(t)
	loadSample(t, src, sampleToday)
	dst := openTemp(t)
	for _, k := range exportKinds {
		t.Run(k.name, func(t *testing.T) {
			var xlsx bytes.Buffer
			n, err := k.export(src, &xlsx, tabular.EncodingXLSX)
			if err != nil || n == 0 {
				t.Fatalf("exported %d: %v", n, err)
			}
			if !tabular.IsWorkbook(xlsx.Bytes()) {
				t.Fatal("the export is not a workbook")
			}
			rep, err := k.imp(context.Background(), src, k.name+".xlsx", bytes.NewReader(xlsx.Bytes()), ImportOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if rep.Encoding != tabular.EncodingXLSX || rep.Unchanged != n || rep.Created+rep.Updated != 0 || len(rep.Ignored) != 0 {
				t.Fatalf("into the same database: %+v", rep)
			}
			rep, err = k.imp(context.Background(), dst, k.name+".xlsx", bytes.NewReader(xlsx.Bytes()), ImportOptions{})
			if err != nil {
				t.Fatalf("into an empty database: %v (%+v)", err, rep.Errors)
			}
			if rep.Created != n {
				t.Fatalf("into an empty database: %+v", rep)
			}
			want, got := csvRows(t, src, k, true), csvRows(t, dst, k, true)
			if len(got) != len(want) {
				t.Fatalf("%d rows back, want %d", len(got), len(want))
			}
			for i := range want {
				if !slices.Equal(got[i], want[i]) {
					t.Errorf("row %d:\n got %q\nwant %q", i+1, got[i], want[i])
				}
			}
		})
	}
}

// A date column is written as date cells, a number column as numbers, and
// the header is frozen: what a coordinator sees in Excel.
func TestExportXLSXCells(t *testing.T) {
	s := openTemp(t)
	loadSample(t, s, sampleToday)
	var buf bytes.Buffer
	if _, err := ExportEnrolments(s, &buf, tabular.EncodingXLSX); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	rows, err := x.GetRows(tabular.XLSXSheet)
	if err != nil {
		t.Fatal(err)
	}
	header := rows[0]
	if header[len(header)-1] != "id" {
		t.Fatalf("header %q: the id is not last", header)
	}
	col := func(name string) string {
		i := slices.Index(header, name)
		if i < 0 {
			t.Fatalf("no column %s in %q", name, header)
		}
		c, _ := excelize.ColumnNumberToName(i + 1)
		return c
	}
	var dated, scored bool
	for r := 2; r <= len(rows) && !(dated && scored); r++ {
		cell := col("Registration date") + strconv.Itoa(r)
		if v, _ := x.GetCellValue(tabular.XLSXSheet, cell); v != "" {
			raw, _ := x.GetCellValue(tabular.XLSXSheet, cell, excelize.Options{RawCellValue: true})
			style, _ := x.GetCellStyle(tabular.XLSXSheet, cell)
			if raw == v || style == 0 {
				t.Fatalf("%s: %q is stored as text (raw %q), not a date", cell, v, raw)
			}
			dated = true
		}
		cell = col("Score") + strconv.Itoa(r)
		if v, _ := x.GetCellValue(tabular.XLSXSheet, cell); v != "" {
			if typ, _ := x.GetCellType(tabular.XLSXSheet, cell); typ == excelize.CellTypeInlineString || typ == excelize.CellTypeSharedString {
				t.Fatalf("%s: score %q stored as text", cell, v)
			}
			scored = true
		}
	}
	if !dated || !scored {
		t.Fatalf("no registration date (%v) or score (%v) in the sample's enrolments", dated, scored)
	}
	if p, _ := x.GetPanes(tabular.XLSXSheet); !p.Freeze || p.YSplit != 1 {
		t.Errorf("panes %+v: the header is not frozen", p)
	}
}

// A row with an id updates that record even when the file renamed it; an id
// this database does not hold is matched by name, as rows without one.
func TestImportMatchesByIDFirst(t *testing.T) {
	s := openTemp(t)
	loadSample(t, s, sampleToday)
	rows := csvRows(t, s, exportKinds[0], false)
	header, first := rows[0], rows[1]
	before := institutionsByName(t, s)
	old := first[0]
	id, err := model.ParseID(first[len(first)-1])
	if err != nil {
		t.Fatal(err)
	}
	first[0] = old + "（更名）"
	var buf bytes.Buffer
	cw, _ := tabular.NewCSVWriter(&buf, tabular.EncodingUTF8)
	_ = cw.Write(header...)
	_ = cw.Write(first...)
	_ = cw.Close()
	rep := mustImport(t, s, "renamed.csv", buf.Bytes(), ImportOptions{})
	if rep.Updated != 1 || rep.Created != 0 {
		t.Fatalf("a renamed row: %+v", rep)
	}
	in, err := s.Institutions.Get(id)
	if err != nil || in.LocalName != old+"（更名）" {
		t.Fatalf("the institution by its id: %v, %v", in, err)
	}
	if after := institutionsByName(t, s); len(after) != len(before) {
		t.Fatalf("%d institutions after, %d before", len(after), len(before))
	}

	// An id from another machine: matched by name (here: none, so created).
	first[0] = "另一台电脑的机构"
	first[len(first)-1] = model.NewID().String()
	buf.Reset()
	cw, _ = tabular.NewCSVWriter(&buf, tabular.EncodingUTF8)
	_ = cw.Write(header...)
	_ = cw.Write(first...)
	_ = cw.Close()
	if rep := mustImport(t, s, "other.csv", buf.Bytes(), ImportOptions{}); rep.Created != 1 {
		t.Fatalf("an unknown id: %+v", rep)
	}

	// Not an id: the row is refused with a message that says what to do.
	first[len(first)-1] = "not-an-id"
	buf.Reset()
	cw, _ = tabular.NewCSVWriter(&buf, tabular.EncodingUTF8)
	_ = cw.Write(header...)
	_ = cw.Write(first...)
	_ = cw.Close()
	rep, err = ImportInstitutions(context.Background(), s, "bad.csv", bytes.NewReader(buf.Bytes()), ImportOptions{})
	if err == nil || len(rep.Errors) != 1 || !strings.Contains(rep.Errors[0].Error(), "not a record id") {
		t.Fatalf("a bad id: %v %+v", err, rep.Errors)
	}
}

// A file without a province column updates an institution found by its
// name alone when the name is unique, and creates a new one without its
// province (and here its type), warning of each missing fact on its line:
// the institution is kept, incomplete until they are given.
func TestImportInstitutionsWithoutAProvinceColumn(t *testing.T) {
	s := openTemp(t)
	loadSample(t, s, sampleToday)
	all, _ := s.Institutions.List()
	target := all[0]
	file := "机构名称,备注\n" + target.LocalName + ",二〇二六年复核\n新机构无省份,\n"
	rep := mustImport(t, s, "no-province.csv", []byte(file), ImportOptions{})
	if rep.Updated != 1 || rep.Created != 1 || len(rep.Errors) != 0 {
		t.Fatalf("the known name and a new one: %+v", rep)
	}
	var warned []string
	for _, w := range rep.Warnings {
		warned = append(warned, w.Error())
	}
	want := []string{
		"no-province.csv:3: Type: is missing for this new institution: it is created, marked incomplete until you give it on its page",
		"no-province.csv:3: Province: is missing for this new institution: it is created, marked incomplete until you give it on its page",
	}
	if !slices.Equal(warned, want) {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(warned, "\n"), strings.Join(want, "\n"))
	}
	in, _ := s.Institutions.Get(target.ID)
	if in.Notes != "二〇二六年复核" || in.Province != target.Province {
		t.Errorf("updated to notes %q, province %q (was %q)", in.Notes, in.Province, target.Province)
	}
	added := institutionsByName(t, s)["新机构无省份"]
	if added == nil || !slices.Equal(added.Missing(), []string{"type", "province"}) || added.Stage != model.StageCandidate {
		t.Fatalf("the new institution: %+v", added)
	}
	// The same file again: the new institution is now known, so its row
	// updates nothing and warns of nothing.
	rep = mustImport(t, s, "no-province.csv", []byte(file), ImportOptions{})
	if rep.Created != 0 || len(rep.Warnings) != 0 {
		t.Errorf("the file again: %d created, warnings %v", rep.Created, rep.Warnings)
	}
	// A province that is given but wrong is still an error.
	_, err := ImportInstitutions(context.Background(), s, "bad.csv", strings.NewReader("机构名称,省份\n另一新机构,火星\n"), ImportOptions{})
	if !errors.Is(err, ErrRowsInvalid) {
		t.Errorf("an unknown province: %v", err)
	}
}
