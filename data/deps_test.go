package data

import (
	"os/exec"
	"strings"
	"testing"
)

// TestNoFyneInDataOrReports keeps the domain and the reports headless: they
// are tested and benchmarked without a display, and the command line uses
// them without starting a GUI.
func TestNoFyneInDataOrReports(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "tiscdesk/data", "tiscdesk/reports").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "go.etcd.io/bbolt") {
		t.Fatalf("go list printed no dependencies: %s", out)
	}
	for _, pkg := range strings.Fields(string(out)) {
		if strings.HasPrefix(pkg, "fyne.io/") {
			t.Errorf("data or reports depends on %s", pkg)
		}
	}
}
