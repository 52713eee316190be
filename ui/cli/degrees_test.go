package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tiscdesk/data"
)

const studentRoster = "项目,合作大学,入学年份,姓名,性别,国籍,邮箱,奖学金,状态\n" +
	"WIPO-Turin LLM in Intellectual Property,University of Turin,2020,Chioma Okafor,女,尼日利亚,chioma@gmail.com,WIPO,在读\n" +
	"WIPO-Turin LLM in Intellectual Property,,2020,Kasun Perera,男,斯里兰卡,kasun@yahoo.com,自费,退学\n"

func TestImportAndExportStudents(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	file := writeFile(t, "roster.csv", studentRoster)
	code, out, errOut := run(t, "--db", db, "import", "students", file, "--dry-run")
	if code != ExitOK || !strings.Contains(out, "Dry run, nothing was written. The import would give: 2 created") {
		t.Fatalf("dry run: exit %d: %s%s", code, out, errOut)
	}
	code, out, errOut = run(t, "--db", db, "import", "students", file)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{
		"Programmes not in the database, created: WIPO-Turin LLM in Intellectual Property (partner: University of Turin).",
		"Cohorts not in the database, created: WIPO-Turin LLM in Intellectual Property, intake 2020.",
		"Imported students: 2 created, 0 updated, 0 unchanged.",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("stdout lacks %q:\n%s", want, out)
		}
	}
	// A status changed in the roster updates the student.
	file2 := writeFile(t, "again.csv", strings.Replace(studentRoster, "退学", "论文阶段", 1))
	code, out, errOut = run(t, "--db", db, "import", "students", file2)
	if code != ExitOK || !strings.Contains(out, "Imported students: 0 created, 1 updated, 1 unchanged.") {
		t.Fatalf("update: exit %d: %s%s", code, out, errOut)
	}

	csv := filepath.Join(t.TempDir(), "students.csv")
	code, out, errOut = run(t, "--db", db, "export", "students", csv, "--encoding", "gb18030")
	if code != ExitOK || !strings.Contains(out, "Wrote 2 students to "+csv+" (GB18030).") {
		t.Fatalf("export: exit %d: %s%s", code, out, errOut)
	}
	raw, err := os.ReadFile(csv)
	if err != nil {
		t.Fatal(err)
	}
	f, err := data.ReadCSV(strings.NewReader(string(raw)), data.CSVOptions{})
	if err != nil || len(f.Records) != 3 {
		t.Fatalf("read back: %v %+v", err, f)
	}
	row := f.Records[2].Fields
	if got := strings.Join(row[:len(row)-1], "|"); got != "WIPO-Turin LLM in Intellectual Property|University of Turin|2020|"+
		"Kasun Perera|Male|Sri Lanka|kasun@yahoo.com|Self-funded|Writing thesis|||" {
		t.Errorf("exported row %q", got)
	}
	if _, err := data.ParseID(row[len(row)-1]); err != nil || f.Records[0].Fields[len(row)-1] != "id" {
		t.Errorf("the last column is not the student's id: %q", row)
	}
}

func TestImportUnknownKindListsTheKinds(t *testing.T) {
	code, _, errOut := run(t, "--db", filepath.Join(t.TempDir(), "x.db"), "import", "cohorts", "x.csv")
	if code != ExitUsage || !strings.Contains(errOut, `cannot import "cohorts": the kinds are: `) || !strings.Contains(errOut, "students") {
		t.Fatalf("exit %d: %s", code, errOut)
	}
}
