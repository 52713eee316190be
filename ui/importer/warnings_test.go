package importer

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"tiscdesk/data"
	"tiscdesk/data/tabular/tabulartest"
	"tiscdesk/ui/kit"
	"tiscdesk/ui/kit/kittest"
)

// sectionTexts are the texts of the section of the wizard's page headed
// heading: the heading's container and what it holds.
func sectionTexts(t *testing.T, o fyne.CanvasObject, heading string) []string {
	t.Helper()
	var found *fyne.Container
	kittest.WalkObjects(t, o, func(o fyne.CanvasObject) {
		c, ok := o.(*fyne.Container)
		if !ok || found != nil {
			return
		}
		if slices.ContainsFunc(c.Objects, func(x fyne.CanvasObject) bool {
			l, ok := x.(*widget.Label)
			return ok && l.Text == heading
		}) {
			found = c
		}
	})
	if found == nil {
		t.Fatalf("no section headed %q in:\n%s", heading, strings.Join(kittest.Texts(t, o), "\n"))
	}
	return kittest.Texts(t, found)
}

func containsPrefix(list []string, prefix string) bool {
	return slices.ContainsFunc(list, func(s string) bool { return strings.HasPrefix(s, prefix) })
}

// TestImportWizardShowsWarningsApart runs the wizard on an Excel roster of
// graduates without graduation dates, of a programme not in the database
// and without its partner, with one bad row: the check lists the error and
// the warnings in two sections, the import takes the valid rows, and the
// warnings stay in view afterwards.
func TestImportWizardShowsWarningsApart(t *testing.T) {
	for _, code := range []string{kit.LangEnglish, kit.LangChinese} {
		t.Run(code, func(t *testing.T) {
			w, store, _ := openWizard(t, Students, code)
			wb := tabulartest.Workbook(t, tabulartest.Sheet{Name: "毕业生", Rows: [][]any{
				{"2025届毕业生名单"},
				{"项目", "入学年份", "姓名", "国籍", "邮箱", "奖学金", "状态"},
				{"WIPO-Busan Master of IP", 2019, "Amina Bello", "尼日利亚", "amina@example.org", "世界知识产权组织", "已毕业"},
				{"WIPO-Busan Master of IP", 2019, "Tran Thi Mai", "Viet Nam", "mai@example.org", "自费", "Graduated"},
				{"WIPO-Busan Master of IP", 2019, "No Email", "Kenya", "broken@", "WIPO", "已毕业"},
			}})
			w.load("graduates.xlsx", wb)
			kittest.Settle(t)
			if w.preview == nil || w.preview.Encoding != data.EncodingXLSX {
				t.Fatalf("preview: %+v", w.preview)
			}
			w.check()
			kittest.Settle(t)
			rep := w.report
			if rep == nil || len(rep.Errors) != 1 || len(rep.Warnings) != 3 || rep.Created != 2 {
				t.Fatalf("report: %+v", rep)
			}
			errHeading, warnHeading := "Errors (1): rows not imported until they are corrected", "Warnings (3): imported, but missing facts to complete"
			dateField, partnerField := "Graduation date", "Partner university"
			if code == kit.LangChinese {
				errHeading, warnHeading = "错误（1）：改正之前这些行不导入", "警告（3）：已导入，但缺少的信息有待补充"
				dateField, partnerField = "毕业日期", "合作大学"
			}
			errs, warns := sectionTexts(t, w.body, errHeading), sectionTexts(t, w.body, warnHeading)
			if !containsPrefix(errs, "graduates.xlsx:5: 邮箱:") || containsPrefix(errs, "graduates.xlsx:3:") {
				t.Errorf("errors section:\n%s", strings.Join(errs, "\n"))
			}
			for _, want := range []string{"graduates.xlsx:3: " + dateField + ":", "graduates.xlsx:3: " + partnerField + ":", "graduates.xlsx:4: " + dateField + ":"} {
				if !containsPrefix(warns, want) {
					t.Errorf("warnings section lacks %q:\n%s", want, strings.Join(warns, "\n"))
				}
			}
			if containsPrefix(warns, "graduates.xlsx:5:") {
				t.Errorf("the warnings section lists the bad row:\n%s", strings.Join(warns, "\n"))
			}

			runWizard(t, w, true)
			if w.runErr != nil || w.result.Created != 2 || len(w.result.Warnings) != 3 {
				t.Fatalf("import: %+v %v", w.result, w.runErr)
			}
			if after := sectionTexts(t, w.body, warnHeading); !containsPrefix(after, "graduates.xlsx:4: "+dateField+":") {
				t.Errorf("after the import, the warnings:\n%s", strings.Join(after, "\n"))
			}
			progs, _ := store.Programmes.Where(func(p *data.Programme) bool { return p.Name == "WIPO-Busan Master of IP" })
			if len(progs) != 1 || !progs[0].Incomplete() {
				t.Fatalf("programme: %+v", progs)
			}
		})
	}
}
