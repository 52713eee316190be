package cli

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// A roster of graduates without graduation dates, of a programme without
// its partner, imports with its warnings listed apart from the errors, one
// per line, and counted in the summary.
func TestImportPrintsWarningsApart(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	var b strings.Builder
	b.WriteString("programme,intake year,name,email,status\n")
	for i := range 3 {
		fmt.Fprintf(&b, "WIPO-Busan Master of IP,2019,Graduate %d,g%d@example.org,已毕业\n", i+1, i+1)
	}
	b.WriteString("WIPO-Busan Master of IP,2019,Broken,broken@,已毕业\n")
	file := writeFile(t, "graduates.csv", b.String())
	code, out, errOut := run(t, "--db", db, "import", "students", file, "--skip-invalid")
	if code != ExitOK {
		t.Fatalf("exit %d: %s%s", code, out, errOut)
	}
	warnings := "Warnings: the rows are imported, but these facts are missing; complete them:\n" +
		"  " + file + ":2: Graduation date: is missing for this graduate: add it on the student's form, or give the cohort its graduation date\n" +
		"  " + file + ":2: Partner university: is missing for the new programme WIPO-Busan Master of IP: it is created, marked incomplete until you give it on its page\n" +
		"  " + file + ":3: Graduation date: is missing for this graduate: add it on the student's form, or give the cohort its graduation date\n" +
		"  " + file + ":4: Graduation date: is missing for this graduate: add it on the student's form, or give the cohort its graduation date\n"
	if !strings.Contains(out, warnings) {
		t.Errorf("stdout lacks the warnings:\n%s\nwant\n%s", out, warnings)
	}
	if !strings.Contains(out, "Imported students: 3 created, 0 updated, 0 unchanged; 1 invalid row skipped (listed above); 4 warnings (listed above).") {
		t.Errorf("summary:\n%s", out)
	}
	if strings.Contains(errOut, "Graduation date") || !strings.Contains(errOut, file+":5: email: \"broken@\" is not a valid email address") {
		t.Errorf("stderr holds the errors alone:\n%s", errOut)
	}
}
