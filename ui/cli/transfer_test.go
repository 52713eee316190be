package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"tiscdesk/data"
	"tiscdesk/data/tabular/tabulartest"
)

const goodCSV = "机构名称,类型,省份,阶段\n北京大学,高校,北京,候选\n复旦大学,University,Shanghai,已考察\n"

const badCSV = "name,type,province,contact,email\n" +
	"北京大学,University,Beijing,张伟,pku@pku.edu.cn\n" +
	"清华大学,University,Beijing,王芳,wang@\n" +
	"亚特兰蒂斯研究所,Research institute,Atlantis,,\n" +
	"复旦大学,University,Shanghai,,\n"

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func institutionCount(t *testing.T, db string) int {
	t.Helper()
	s, err := data.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	n, err := s.Institutions.Count()
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestImportInstitutions(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	file := writeFile(t, "good.csv", goodCSV)
	code, out, errOut := run(t, "--db", db, "import", "institutions", file)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"UTF-8, comma-separated, 2 rows", "Imported institutions: 2 created, 0 updated, 0 unchanged."} {
		if !strings.Contains(out, want) {
			t.Errorf("stdout %q lacks %q", out, want)
		}
	}
	// Again, flags after the file: nothing changes.
	code, out, _ = run(t, "import", "institutions", file, "--db", db)
	if code != ExitOK || !strings.Contains(out, "0 created, 0 updated, 2 unchanged") || institutionCount(t, db) != 2 {
		t.Fatalf("re-import: exit %d, %q", code, out)
	}
}

// An Excel workbook imports by its content, whatever its name; --sheet
// picks a sheet, and a missing one is named with the sheets there are.
func TestImportWorkbook(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	wb := tabulartest.Workbook(t,
		tabulartest.Sheet{Name: "封面", Rows: [][]any{{"2026年TISC候选机构"}}},
		tabulartest.Sheet{Name: "名单", Rows: [][]any{{"机构名称", "类型", "省份", "阶段"}, {"北京大学", "高校", "北京", "候选"}, {"复旦大学", "University", "Shanghai", "已考察"}}})
	file := writeFile(t, "institutions.csv", string(wb)) // named .csv: the content decides
	code, out, errOut := run(t, "--db", db, "import", "institutions", file)
	if code != ExitOK || !strings.Contains(out, `Excel workbook, sheet "名单", 2 rows after the header on row 1`) ||
		!strings.Contains(out, "2 created") || institutionCount(t, db) != 2 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	code, _, errOut = run(t, "--db", db, "import", "institutions", file, "--sheet", "Sheet9")
	if code == ExitOK || !strings.Contains(errOut, `no sheet "Sheet9"; its sheets are "封面", "名单"`) {
		t.Fatalf("--sheet Sheet9: exit %d, %s", code, errOut)
	}
	code, _, errOut = run(t, "--db", db, "import", "institutions", file, "--sheet", "封面")
	if code == ExitOK || institutionCount(t, db) != 2 {
		t.Fatalf("--sheet 封面 (no header there): exit %d, %s", code, errOut)
	}
}

func TestImportInvalidRowsImportNothing(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	file := writeFile(t, "bad.csv", badCSV)
	code, out, errOut := run(t, "--db", db, "import", "institutions", file)
	if code != ExitFailure {
		t.Fatalf("exit %d, want %d", code, ExitFailure)
	}
	for _, want := range []string{
		file + `:3: email: "wang@" is not a valid email address`,
		file + `:4: province: "Atlantis" is not a province of China`,
		"nothing was imported: 2 of 4 rows are invalid (listed above); fix them, or use --skip-invalid to import the 2 valid rows",
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	if strings.Contains(out, "Imported") || institutionCount(t, db) != 0 {
		t.Fatalf("something was imported: %q", out)
	}

	code, out, errOut = run(t, "--db", db, "import", "--skip-invalid", "institutions", file)
	if code != ExitOK || !strings.Contains(out, "2 created, 0 updated, 0 unchanged; 2 invalid rows skipped") || !strings.Contains(errOut, ":3: email") {
		t.Fatalf("--skip-invalid: exit %d\n%s\n%s", code, out, errOut)
	}
	if n := institutionCount(t, db); n != 2 {
		t.Fatalf("%d institutions, want 2", n)
	}
}

func TestImportDryRun(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	file := writeFile(t, "good.csv", goodCSV)
	code, out, errOut := run(t, "--db", db, "import", "institutions", file, "--dry-run")
	if code != ExitOK || !strings.Contains(out, "Dry run, nothing was written. The import would give: 2 created") {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	if n := institutionCount(t, db); n != 0 {
		t.Fatalf("a dry run wrote %d institutions", n)
	}
}

func TestImportFailures(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	noHeader := writeFile(t, "odd.csv", "foo,bar\n1,2\n")
	code, out, errOut := run(t, "--db", db, "import", "institutions", noHeader)
	if code != ExitFailure || !strings.Contains(errOut, `found "foo", "bar"`) || !strings.Contains(errOut, "机构名称") {
		t.Errorf("no header: exit %d, %q", code, errOut)
	}
	if strings.Contains(out, "Imported") || strings.Contains(out, "created") {
		t.Errorf("a refused import printed a summary: %q", out)
	}
	code, _, errOut = run(t, "--db", db, "import", "institutions", filepath.Join(t.TempDir(), "missing.csv"))
	if code != ExitFailure || !strings.Contains(errOut, "missing.csv") {
		t.Errorf("missing file: exit %d, %q", code, errOut)
	}
	gb, _ := simplifiedchinese.GB18030.NewEncoder().String(goodCSV)
	code, out, _ = run(t, "--db", db, "import", "institutions", writeFile(t, "gb.csv", gb), "--encoding", "gbk")
	if code != ExitOK || !strings.Contains(out, "GB18030") {
		t.Errorf("--encoding gbk: exit %d, %q", code, out)
	}
}

func TestTransferUsageErrors(t *testing.T) {
	db := filepath.Join(t.TempDir(), "u.db")
	file := writeFile(t, "f.csv", goodCSV)
	for _, args := range [][]string{
		{"import"},
		{"import", "institutions"},
		{"import", "institutions", file, "extra"},
		{"import", "visits", file},
		{"import", "institutions", file, "--session", "101C18S1"},
		{"import", "institutions", file, "--encoding", "latin-1"},
		{"import", "institutions", file, "--bogus"},
		{"export", "institutions"},
		{"export", "cohorts", "x.csv"},
		{"export", "institutions", "x.csv", "--encoding", "utf-16"},
	} {
		code, _, errOut := run(t, append([]string{"--db", db}, args...)...)
		if code != ExitUsage || !strings.Contains(errOut, "Usage:") {
			t.Errorf("%q: exit %d, want %d: %s", args, code, ExitUsage, errOut)
		}
	}
}

func TestExportRefusesToOverwrite(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	if code, _, errOut := run(t, "--db", db, "sample"); code != ExitOK {
		t.Fatal(errOut)
	}
	path := filepath.Join(t.TempDir(), "institutions.csv")
	code, out, errOut := run(t, "--db", db, "export", "institutions", path)
	if code != ExitOK || !strings.Contains(out, "institutions to "+path+" (UTF-8 with BOM)") {
		t.Fatalf("export: exit %d, %q %q", code, out, errOut)
	}
	first, _ := os.ReadFile(path)
	if !bytes.HasPrefix(first, []byte("\xef\xbb\xbfLocal name,")) {
		t.Fatalf("the export starts %q", first[:min(20, len(first))])
	}
	os.WriteFile(path, []byte("edited by hand"), 0o644)
	code, _, errOut = run(t, "--db", db, "export", "institutions", path)
	if code != ExitFailure || !strings.Contains(errOut, "already exists") || !strings.Contains(errOut, "--force") {
		t.Fatalf("second export: exit %d, %q", code, errOut)
	}
	if b, _ := os.ReadFile(path); string(b) != "edited by hand" {
		t.Fatal("the refused export changed the file")
	}
	code, out, _ = run(t, "--db", db, "export", "--force", "--encoding", "gb18030", "institutions", path)
	if code != ExitOK || !strings.Contains(out, "(GB18030)") {
		t.Fatalf("--force: exit %d, %q", code, out)
	}
	b, _ := os.ReadFile(path)
	text, err := simplifiedchinese.GB18030.NewDecoder().String(string(b))
	if err != nil || !strings.HasPrefix(text, "Local name,") || !strings.Contains(text, "大学") {
		t.Fatalf("the GB18030 export does not decode: %v", err)
	}

	// The export re-imports into a new database as it is.
	db2 := filepath.Join(t.TempDir(), "y.db")
	code, out, errOut = run(t, "--db", db2, "import", "institutions", path)
	if code != ExitOK || institutionCount(t, db2) != institutionCount(t, db) || !strings.Contains(out, "GB18030") {
		t.Fatalf("re-import: exit %d\n%s%s", code, out, errOut)
	}

	visits := filepath.Join(t.TempDir(), "visits.csv")
	code, out, _ = run(t, "--db", db, "export", "visits", visits)
	if code != ExitOK || !strings.Contains(out, "visits to") {
		t.Fatalf("export visits: exit %d, %q", code, out)
	}
	if b, _ := os.ReadFile(visits); !bytes.Contains(b, []byte("Institution,Province,Date,Kind")) {
		t.Fatalf("visits export starts %q", b[:min(60, len(b))])
	}
}
