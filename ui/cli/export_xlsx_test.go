package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"tiscdesk/data"
)

// `export KIND FILE.xlsx` writes an Excel workbook for every kind, and the
// workbook imports back into the database it came from without a change.
func TestExportToExcelEveryKind(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	if code, _, errOut := run(t, "--db", db, "sample"); code != ExitOK {
		t.Fatal(errOut)
	}
	written := regexp.MustCompile(`^Wrote (\d+) \S+ to .* \(Excel workbook\)\.\n$`)
	for _, kind := range []string{"institutions", "visits", "enrolments", "students", "statistics"} {
		path := filepath.Join(t.TempDir(), kind+".XLSX")
		code, out, errOut := run(t, "--db", db, "export", kind, path)
		m := written.FindStringSubmatch(out)
		if code != ExitOK || m == nil {
			t.Fatalf("export %s: exit %d, %q %q", kind, code, out, errOut)
		}
		raw, _ := os.ReadFile(path)
		if !data.IsWorkbook(raw) {
			t.Fatalf("%s: not a workbook: %q", kind, raw[:min(len(raw), 16)])
		}
		if kind == "visits" {
			continue // visits are not imported
		}
		code, out, errOut = run(t, "--db", db, "import", kind, path)
		if code != ExitOK || !strings.Contains(out, "0 created, 0 updated, "+m[1]+" unchanged") {
			t.Errorf("re-import %s: exit %d\n%s%s", kind, code, out, errOut)
		}
	}
	// --encoding means nothing for a workbook: said, and nothing written.
	path := filepath.Join(t.TempDir(), "i.xlsx")
	code, _, errOut := run(t, "--db", db, "export", "institutions", path, "--encoding", "gb18030")
	if code != ExitUsage || !strings.Contains(errOut, "Excel workbook") {
		t.Errorf("--encoding with .xlsx: exit %d %q", code, errOut)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("a file was written: %v", err)
	}
}
