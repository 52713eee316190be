package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"tiscdesk/data"
)

const enrolmentsCSV = "姓名,邮箱,性别,单位,省份,课程代码,状态,成绩\n" +
	"张伟,zhang.wei@example.cn,男,同济大学,上海,101C18S1,已完成,88\n" +
	"李娜,li.na@,女,中山大学,广东,101C18S1,学习中,\n" +
	"王芳,wang.fang@example.cn,女,四川大学,火星,101C18S1,已完成,130\n" +
	"赵强,zhao.qiang@example.cn,男,武汉大学,湖北,318C18S2,学习中,\n"

func enrolmentCount(t *testing.T, db string) int {
	t.Helper()
	s, err := data.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	c, err := s.Counts()
	if err != nil {
		t.Fatal(err)
	}
	return c.Enrolments
}

func TestImportEnrolments(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	file := writeFile(t, "dl.csv", enrolmentsCSV)
	code, out, errOut := run(t, "--db", db, "import", "enrolments", file)
	if code != ExitFailure {
		t.Fatalf("exit %d, want %d", code, ExitFailure)
	}
	for _, want := range []string{
		file + `:3: 邮箱: "li.na@" is not a valid email address`,
		file + `:4: 省份: "火星" is not a province of China`,
		file + `:4: 成绩: "130" must be between 0 and 100`,
		"nothing was imported: 2 of 4 rows are invalid (listed above); fix them, or use --skip-invalid to import the 2 valid rows",
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	if strings.Contains(out, "Imported") || enrolmentCount(t, db) != 0 {
		t.Fatalf("something was imported: %q", out)
	}
	// The American spelling, flags after the file.
	code, out, errOut = run(t, "--db", db, "import", "enrollments", file, "--skip-invalid")
	if code != ExitOK || !strings.Contains(out, "2 created, 0 updated, 0 unchanged; 2 invalid rows skipped") ||
		!strings.Contains(out, "Sessions created: 101C18S1, 318C18S2.") {
		t.Fatalf("--skip-invalid: exit %d\n%s\n%s", code, out, errOut)
	}
	if n := enrolmentCount(t, db); n != 2 {
		t.Fatalf("%d enrolments, want 2", n)
	}
}

func TestImportEnrolmentsSession(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	moodle := writeFile(t, "moodle.csv", "First name,Surname,Email address,Status\nAmina,Mwangi,amina@kipi.go.ke,Active\n")
	code, _, errOut := run(t, "--db", db, "import", "enrolments", moodle)
	if code != ExitFailure || !strings.Contains(errOut, "has no session column") || !strings.Contains(errOut, "--session CODE") {
		t.Fatalf("no session: exit %d, %q", code, errOut)
	}
	code, _, errOut = run(t, "--db", db, "import", "enrolments", moodle, "--session", "101Q18S1")
	if code != ExitUsage || !strings.Contains(errOut, `unknown language letter "Q"`) {
		t.Fatalf("a bad --session: exit %d, %q", code, errOut)
	}
	code, out, errOut := run(t, "--db", db, "import", "--session", "318e19s1", "enrolments", moodle)
	if code != ExitOK || !strings.Contains(out, "Imported enrolments: 1 created") || !strings.Contains(out, "Sessions created: 318E19S1.") {
		t.Fatalf("--session: exit %d\n%s%s", code, out, errOut)
	}
}

func TestExportEnrolmentsReimports(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	if code, _, errOut := run(t, "--db", db, "sample"); code != ExitOK {
		t.Fatal(errOut)
	}
	want := enrolmentCount(t, db)
	for enc, kind := range map[string]string{"utf-8": "enrolments", "gb18030": "enrollments"} {
		path := filepath.Join(t.TempDir(), "enrolments.csv")
		code, out, errOut := run(t, "--db", db, "export", kind, path, "--encoding", enc)
		if code != ExitOK || !strings.Contains(out, "Wrote "+strconv.Itoa(want)+" "+kind+" to") {
			t.Fatalf("export %s: exit %d, %q %q", enc, code, out, errOut)
		}
		raw, _ := os.ReadFile(path)
		text := string(raw)
		if enc == "gb18030" {
			text, _ = simplifiedchinese.GB18030.NewDecoder().String(text)
		} else if !bytes.HasPrefix(raw, []byte("\xef\xbb\xbfSession,Course title,Name,Email")) {
			t.Fatalf("the export starts %q", raw[:min(40, len(raw))])
		}
		if !strings.Contains(text, "General Course on Intellectual Property") {
			t.Errorf("the %s export has no course titles", enc)
		}
		// Into a new database, then over the first one: nothing changes.
		db2 := filepath.Join(t.TempDir(), "y.db")
		code, out, errOut = run(t, "--db", db2, "import", "enrolments", path)
		if code != ExitOK || enrolmentCount(t, db2) != want {
			t.Fatalf("re-import %s: exit %d\n%s%s", enc, code, out, errOut)
		}
		code, out, errOut = run(t, "--db", db, "import", "enrolments", path)
		if code != ExitOK || !strings.Contains(out, "0 created, 0 updated, "+strconv.Itoa(want)+" unchanged") {
			t.Fatalf("re-import %s into the source: exit %d\n%s%s", enc, code, out, errOut)
		}
	}
}
