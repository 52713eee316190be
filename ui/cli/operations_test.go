package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestImportAndExportStatistics(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	inst := filepath.Join(t.TempDir(), "inst.csv")
	os.WriteFile(inst, []byte("机构名称,英文名称,类型,省份,阶段\n上海图书馆,Shanghai Library,公共图书馆,上海,已运营\n"), 0o600)
	if code, _, errOut := run(t, "--db", db, "import", "institutions", inst); code != ExitOK {
		t.Fatalf("import institutions: %s", errOut)
	}
	file := filepath.Join(t.TempDir(), "returns.csv")
	os.WriteFile(file, []byte("Institution,Year,Inquiries\nShanghai Library,2025,\"1,234\"\n广州图书馆,2025,3\n"), 0o600)
	code, _, errOut := run(t, "--db", db, "import", "statistics", file)
	if code != 1 || !strings.Contains(errOut, "returns.csv:3: Institution: \"广州图书馆\" is not an institution of the register") {
		t.Fatalf("an unknown institution: exit %d, stderr %q", code, errOut)
	}
	code, out, errOut := run(t, "--db", db, "import", "statistics", file, "--skip-invalid")
	if code != ExitOK || !strings.Contains(out, "1 created") {
		t.Fatalf("--skip-invalid: exit %d: %s %s", code, out, errOut)
	}
	csv := filepath.Join(t.TempDir(), "out.csv")
	if code, out, errOut = run(t, "--db", db, "export", "statistics", csv); code != ExitOK {
		t.Fatalf("export: %s", errOut)
	}
	raw, _ := os.ReadFile(csv)
	if !strings.Contains(string(raw), "上海图书馆,Shanghai Library,2025,1234,") {
		t.Errorf("export: %s", raw)
	}
	if code, out, _ = run(t, "--db", db, "stats", "--json"); !strings.Contains(out, `"statistics": 1`) {
		t.Errorf("stats --json: %s", out)
	}
}
