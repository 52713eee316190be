package ui

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"tiscdesk/data"
	"tiscdesk/ui/kit/kittest"
)

// gb18030 encodes s as Chinese Excel saves a CSV.
func gb18030(t *testing.T, s string) []byte {
	t.Helper()
	b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func runWizard(t *testing.T, w *importWizard, skipInvalid bool) {
	t.Helper()
	w.run(skipInvalid)
	kittest.Settle(t)
	if w.result == nil && w.runErr == nil {
		t.Fatal("the import did not finish")
	}
}

func TestImportWizardInstitutionsGB18030(t *testing.T) {
	store := kittest.SampleStore(t)
	before, _ := store.Counts()
	_, s := institutionsScreen(t, store)
	w := s.importFile()

	file := "机构名称,英文名称,类型,省份,城市,阶段,联系人,邮箱\r\n" +
		"宁夏医科大学,Ningxia Medical University,高校,宁夏,银川,已申请,马丽,ma.li@nxu.edu.cn\r\n" +
		"青海省科技服务中心,Qinghai S&T Service Centre,科技情报,青海省,西宁,候选,,\r\n" +
		"海南大学,Hainan University,大学,火星,海口,已申请,王强,wang@\r\n"
	w.load("机构.csv", gb18030(t, file))
	kittest.Settle(t)
	if w.preview == nil || w.preview.Encoding != data.EncodingGB18030 || w.preview.Delimiter != ',' {
		t.Fatalf("preview: %+v", w.preview)
	}
	if got := w.mapping[0].Value(); got != "local_name" {
		t.Fatalf("机构名称 mapped to %q", got)
	}
	if !kittest.HasText(t, w.body, "宁夏医科大学") {
		t.Error("the preview does not show the first row decoded")
	}

	w.check() // the dry run's report
	kittest.Settle(t)
	rep := w.report
	if rep.Invalid != 1 || rep.Created != 2 {
		t.Fatalf("report: %+v", rep)
	}
	if !strings.HasPrefix(rep.Errors[0].Error(), "机构.csv:4:") {
		t.Errorf("first error %q does not name line 4", rep.Errors[0].Error())
	}
	if c, _ := store.Counts(); c.Institutions != before.Institutions {
		t.Fatal("checking the rows wrote to the database")
	}

	runWizard(t, w, true) // import the valid rows only
	if w.runErr != nil || w.result.Created != 2 || w.result.Skipped != 1 {
		t.Fatalf("import: %+v %v", w.result, w.runErr)
	}
	after, _ := store.Counts()
	if after.Institutions != before.Institutions+2 {
		t.Fatalf("institutions %d -> %d", before.Institutions, after.Institutions)
	}
	got, _ := store.Institutions.Where(func(in *data.Institution) bool { return in.LocalName == "宁夏医科大学" })
	if len(got) != 1 || got[0].Province != "CN-NX" || got[0].Stage != data.StageApplied || got[0].Type != data.TypeUniversity {
		t.Fatalf("imported as %+v", got)
	}
	if s.index.Len() != after.Institutions {
		t.Error("the register did not reload after the import")
	}
}

func TestImportWizardAllOrNothing(t *testing.T) {
	store := kittest.SampleStore(t)
	before, _ := store.Counts()
	_, s := institutionsScreen(t, store)
	w := s.importFile()
	// Semicolons, a BOM, and one bad row.
	w.load("list.csv", []byte("\ufeffName;Province;Type\n新疆大学;Xinjiang;university\n;CN-BJ;university\n"))
	kittest.Settle(t)
	w.check()
	kittest.Settle(t)
	if w.report.Invalid != 1 {
		t.Fatalf("report: %+v", w.report)
	}
	runWizard(t, w, false)
	if w.runErr == nil {
		t.Fatal("an all-or-nothing import of a file with a bad row succeeded")
	}
	if c, _ := store.Counts(); c.Institutions != before.Institutions {
		t.Fatal("something was imported")
	}
}
