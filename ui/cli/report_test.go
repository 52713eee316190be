package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"tiscdesk/data"
)

func reportSampleDB(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "x.db")
	if code, _, errOut := run(t, "--db", db, "sample"); code != ExitOK {
		t.Fatalf("sample: %s", errOut)
	}
	return db
}

func TestReportWritesEachKind(t *testing.T) {
	db := reportSampleDB(t)
	s, err := data.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	visits, _ := s.Visits.List()
	s.Close()
	dir := t.TempDir()
	for _, tt := range []struct {
		args []string
		want string // in pdftotext's output, white space removed
	}{
		{[]string{"report", "summary"}, "Activitysummary"},
		{[]string{"report", "network", "--lang", "zh", "--from", "2025-01-01", "--to", "2025-12-31"}, "2025年1月1日至2025年12月31日"},
		{[]string{"report", "dl", "--lang", "zh"}, "远程学习报告"},
		{[]string{"report", "degrees", "--from", "2020-01-01"}, "Since1January2020"},
		{[]string{"report", "visit", "--visit", visits[0].ID.String()}, "Sitevisitreport"},
	} {
		out := filepath.Join(dir, tt.args[1]+".pdf")
		code, stdout, stderr := run(t, append([]string{"--db", db}, append(tt.args, "-o", out)...)...)
		if code != ExitOK {
			t.Errorf("%v: exit %d: %s", tt.args, code, stderr)
			continue
		}
		if !strings.Contains(stdout, out) {
			t.Errorf("%v says %q, not where the report went", tt.args, stdout)
		}
		text, err := exec.Command("pdftotext", out, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext: %v", err)
		}
		if flat := strings.Join(strings.Fields(string(text)), ""); !strings.Contains(flat, tt.want) {
			t.Errorf("%v: the PDF lacks %q", tt.args, tt.want)
		}
	}
	// -o replaces an existing report whole.
	out := filepath.Join(dir, "summary.pdf")
	before, _ := os.ReadFile(out)
	if code, _, stderr := run(t, "--db", db, "report", "summary", "--lang", "zh", "-o", out); code != ExitOK {
		t.Fatalf("writing over a report: %s", stderr)
	}
	after, _ := os.ReadFile(out)
	if string(before) == string(after) || !strings.HasPrefix(string(after), "%PDF-") {
		t.Error("the report was not replaced")
	}
}

func TestReportUsageErrors(t *testing.T) {
	db := reportSampleDB(t)
	out := filepath.Join(t.TempDir(), "r.pdf")
	for _, tt := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"report", "summary"}, ExitUsage, "-o FILE.pdf is required"},
		{[]string{"report", "budget", "-o", out}, ExitUsage, "the kinds are: summary, network, visit, learning, degrees"},
		{[]string{"report", "summary", "-o", out, "--lang", "fr"}, ExitUsage, "use en or zh"},
		{[]string{"report", "summary", "-o", out, "--from", "2026-13-01"}, ExitUsage, "expected a date"},
		{[]string{"report", "summary", "-o", out, "--from", "2026-05-01", "--to", "2026-04-01"}, ExitFailure, "ends before it starts"},
		{[]string{"report", "visit", "-o", out}, ExitUsage, "the latest visits are:"},
		{[]string{"report", "visit", "-o", out, "--visit", "nope"}, ExitUsage, "is not a record id"},
		{[]string{"report", "visit", "-o", out, "--visit", data.NewID().String()}, ExitFailure, "there is no visit with id"},
		{[]string{"report", "visit", "-o", out, "--from", "2026-01-01", "--visit", data.NewID().String()}, ExitUsage, "has no period"},
		{[]string{"report", "network", "-o", out, "--visit", data.NewID().String()}, ExitUsage, "for the visit report only"},
	} {
		code, _, stderr := run(t, append([]string{"--db", db}, tt.args...)...)
		if code != tt.code || !strings.Contains(stderr, tt.want) {
			t.Errorf("%v: exit %d, %q; want exit %d and %q", tt.args, code, reportFirstLine(stderr), tt.code, tt.want)
		}
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("failed reports left %s behind", out)
	}
}

func reportFirstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
