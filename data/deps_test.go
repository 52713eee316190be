package data

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// goList runs `go list` over the whole module with a template and returns
// its lines.
func goList(t *testing.T, template string) []string {
	t.Helper()
	out, err := exec.Command("go", "list", "-f", template, "tiscdesk/...").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	return strings.Split(strings.TrimSpace(string(out)), "\n")
}

// The rooms' doors (docs/architecture.md): bbolt is imported by data/store
// alone; only the window (ui/...) and main depend on Fyne, so that the
// domain, the reports and their tests run without a display; and no
// package grows past 5,000 lines of non-test Go.
func TestRooms(t *testing.T) {
	var bolt []string
	for _, line := range goList(t, `{{.ImportPath}} {{join .Imports " "}}`) {
		pkg, imports, _ := strings.Cut(line, " ")
		for _, imp := range strings.Fields(imports) {
			if strings.HasPrefix(imp, "go.etcd.io/bbolt") {
				bolt = append(bolt, pkg)
				break
			}
		}
	}
	if len(bolt) != 1 || bolt[0] != "tiscdesk/data/store" {
		t.Errorf("packages importing bbolt: %v, want only tiscdesk/data/store", bolt)
	}

	// The window's areas talk through the shell (ui/kit's Host), not to
	// each other: an area imports ui/kit and the import wizard, nothing
	// else of ui/.
	shared := func(p string) bool {
		return strings.HasPrefix(p, "tiscdesk/ui/kit") || p == "tiscdesk/ui/importer"
	}
	for _, line := range goList(t, `{{.ImportPath}} {{join .Imports " "}}`) {
		pkg, imports, _ := strings.Cut(line, " ")
		if !strings.HasPrefix(pkg, "tiscdesk/ui/") || shared(pkg) || pkg == "tiscdesk/ui/cli" {
			continue
		}
		for _, imp := range strings.Fields(imports) {
			if strings.HasPrefix(imp, "tiscdesk/ui") && !shared(imp) {
				t.Errorf("the area %s imports %s", pkg, imp)
			}
		}
	}

	checked := 0
	for _, line := range goList(t, `{{.ImportPath}} {{join .Deps " "}}`) {
		pkg, deps, _ := strings.Cut(line, " ")
		if pkg == "tiscdesk" || strings.HasPrefix(pkg, "tiscdesk/ui") {
			continue
		}
		checked++
		for _, d := range strings.Fields(deps) {
			if strings.HasPrefix(d, "fyne.io/") {
				t.Errorf("%s depends on %s", pkg, d)
				break
			}
		}
	}
	if checked < 8 {
		t.Fatalf("checked %d packages for Fyne; go list found too few", checked)
	}

	for _, line := range goList(t, `{{.Dir}} {{join .GoFiles " "}}`) {
		dir, files, _ := strings.Cut(line, " ")
		n := 0
		for _, f := range strings.Fields(files) {
			n += countLines(t, filepath.Join(dir, f))
		}
		if n > 5000 {
			t.Errorf("%s holds %d lines of non-test Go, more than 5,000", dir, n)
		}
	}
}

func countLines(t *testing.T, path string) int {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	sc := bufio.NewScanner(bytes.NewReader(raw))
	for sc.Scan() {
		n++
	}
	return n
}
