package importer

import (
	"regexp"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"tiscdesk/ui/kit"
	"tiscdesk/ui/kit/kittest"
)

// visibleTexts are the texts a user sees under o: those of hidden objects
// (a closed Technical details expander) are left out.
func visibleTexts(t *testing.T, o fyne.CanvasObject) []string {
	var out []string
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if !o.Visible() {
			return
		}
		switch v := o.(type) {
		case *widget.Label:
			out = append(out, v.Text)
			return
		case *canvas.Text:
			out = append(out, v.Text)
			return
		case *fyne.Container:
			for _, c := range v.Objects {
				walk(c)
			}
			return
		}
		if w, ok := o.(fyne.Widget); ok {
			for _, c := range test.TempWidgetRenderer(t, w).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return out
}

var (
	// englishWords are three English words in a row: an untranslated
	// sentence, or an error's own text.
	englishWords = regexp.MustCompile(`[A-Za-z]{2,} [a-z]{2,} [a-z]{2,}`)
	// jsonKey is a field's key as data writes it (contacts.0.email,
	// local_name), not its label.
	jsonKey = regexp.MustCompile(`[a-z]+\.[0-9]+\.[a-z]+|[a-z]+_[a-z]+`)
)

// speaksChinese fails the test when a text the user sees in the Chinese
// wizard holds English words or a field's key, and when want is not shown.
func speaksChinese(t *testing.T, w *Wizard, want string) {
	t.Helper()
	texts := visibleTexts(t, w.body)
	found := false
	for _, s := range texts {
		if englishWords.MatchString(s) || jsonKey.MatchString(s) {
			t.Errorf("the Chinese wizard shows %q", s)
		}
		found = found || strings.Contains(s, want)
	}
	if !found {
		t.Errorf("the wizard does not show %q; it shows %q", want, texts)
	}
}

// TestImportErrorsInChinese: a file whose header names no column, a file
// that is no workbook and an all-or-nothing import refused for a bad row
// are told in Chinese, with the English chain only behind Technical
// details.
func TestImportErrorsInChinese(t *testing.T) {
	t.Run("header", func(t *testing.T) {
		w, _, _ := openWizard(t, Institutions, kit.LangChinese)
		w.load("list.csv", []byte("colour,size\nred,big\n"))
		kittest.Settle(t)
		if w.preview != nil {
			w.check()
			kittest.Settle(t)
		}
		speaksChinese(t, w, "表头中没有本名单需要的任何一列")
	})
	t.Run("not a workbook", func(t *testing.T) {
		w, _, _ := openWizard(t, Institutions, kit.LangChinese)
		w.load("list.xlsx", []byte("PK\x03\x04 cut short by a failed download"))
		kittest.Settle(t)
		speaksChinese(t, w, "不是 TISC Desk 能读取的 Excel 工作簿")
	})
	t.Run("all or nothing", func(t *testing.T) {
		w, _, _ := openWizard(t, Institutions, kit.LangChinese)
		w.load("list.csv", []byte("名称,省份,类型\n新疆大学,新疆,大学\n,北京,大学\n"))
		kittest.Settle(t)
		w.check()
		kittest.Settle(t)
		runWizard(t, w, false)
		speaksChinese(t, w, "没有导入任何内容：有些行无效")
	})
}
