package reports

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestFontEmbedsAsSubset writes a one-line bilingual PDF and checks, with
// poppler's tools, that the font is embedded as a subset and that the
// Chinese text comes back out.
func TestFontEmbedsAsSubset(t *testing.T) {
	pdf, err := newDocument()
	if err != nil {
		t.Fatal(err)
	}
	pdf.AddPage()
	pdf.CellFormat(0, 10, "TISC Desk 技术与创新支持中心 2026", "", 1, "L", false, 0, "")
	var buf bytes.Buffer
	if err := write(pdf, &buf); err != nil {
		t.Fatal(err)
	}
	if buf.Len() > 500_000 {
		t.Errorf("a one-line PDF is %d bytes: the font is not subset", buf.Len())
	}
	path := filepath.Join(t.TempDir(), "font.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tool := range []string{"pdffonts", "pdftotext", "qpdf"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is not installed (poppler-utils): .ci/run installs it", tool)
		}
	}
	// The renamed font keeps the file's cross-reference table true.
	if out, err := exec.Command("qpdf", "--check", path).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --check: %v\n%s", err, out)
	}
	fonts, err := exec.Command("pdffonts", path).CombinedOutput()
	if err != nil {
		t.Fatalf("pdffonts: %v\n%s", err, fonts)
	}
	// A subset font's name carries a six-letter tag: ABCDEF+Name, embedded "yes", subset "yes".
	lines := strings.Split(strings.TrimSpace(string(fonts)), "\n")
	if len(lines) < 3 || !strings.Contains(lines[2], "+") || strings.Count(lines[2], "yes") < 2 {
		t.Fatalf("font not embedded as a subset:\n%s", fonts)
	}
	text, err := exec.Command("pdftotext", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(text), "技术与创新支持中心") {
		t.Fatalf("pdftotext did not find the Chinese text: %q", text)
	}
}
