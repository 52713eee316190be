package ui

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"tiscdesk/assets"
	"tiscdesk/data"
	"tiscdesk/ui/importer"
)

// translations merges every translation file of a language: each area of
// the program keeps its own file (tiscdesk.zh_Hans.json,
// institutions.zh_Hans.json, ...). A key in two files must agree.
func translations(t *testing.T, language string) map[string]string {
	t.Helper()
	files, err := fs.Glob(assets.Translations, "translations/*."+language+".json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no translation files for %s: %v", language, err)
	}
	merged := map[string]string{}
	for _, name := range files {
		raw, err := assets.Translations.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]string{}
		if err := json.Unmarshal(raw, &m); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for k, v := range m {
			if old, ok := merged[k]; ok && old != v {
				t.Errorf("%s: %q is %q here and %q in another file", name, k, v, old)
			}
			merged[k] = v
		}
	}
	return merged
}

// uiFiles are the Go files of the window's packages: this folder and every
// folder below it (kit, the areas, ...).
func uiFiles(t *testing.T) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".go") {
			files = append(files, path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// globKeys is literalKeys over the files matching glob. A glob of the form
// "../DIR/*.go" also reads the packages below DIR (data/model, ...).
func globKeys(t *testing.T, glob string, funcs ...string) []string {
	t.Helper()
	files, _ := filepath.Glob(glob)
	if strings.HasPrefix(glob, "../") {
		below, _ := filepath.Glob(filepath.Join(filepath.Dir(glob), "*", filepath.Base(glob)))
		files = append(files, below...)
	}
	return literalKeys(t, files, funcs...)
}

// literalKeys returns the string literals passed to the named functions (or
// methods) in the non-test Go files among files. With "Title" among funcs
// it also returns the string literals keyed Title in composite literals:
// the titles of table columns (kit.Column) and of import kinds, shown
// through lang.L.
func literalKeys(t *testing.T, files []string, funcs ...string) []string {
	t.Helper()
	var keys []string
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(token.NewFileSet(), f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			// {Title: "Name", ...}: a column's or an import kind's title.
			if kv, ok := n.(*ast.KeyValueExpr); ok && slicesContains(funcs, "Title") {
				if k, ok := kv.Key.(*ast.Ident); ok && k.Name == "Title" {
					if b, ok := kv.Value.(*ast.BasicLit); ok && b.Kind == token.STRING {
						s, _ := strconv.Unquote(b.Value)
						keys = append(keys, s)
					}
				}
			}
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			var name string
			switch fn := call.Fun.(type) {
			case *ast.SelectorExpr:
				name = fn.Sel.Name
				// In data, validation messages are collected as p.add(field,
				// message) on a problems value named p; other add methods
				// (CSV header synonyms) are not messages.
				if x, ok := fn.X.(*ast.Ident); name == "add" && (!ok || x.Name != "p") {
					return true
				}
			case *ast.Ident:
				name = fn.Name
			}
			for _, fn := range funcs {
				if name != fn {
					continue
				}
				for i, arg := range call.Args {
					// p.add(field, message), Because(value, message, args):
					// only the message is a key.
					if (fn == "add" || fn == "Because") && i != 1 {
						continue
					}
					if lit, ok := arg.(*ast.BasicLit); ok && lit.Kind == token.STRING {
						s, _ := strconv.Unquote(lit.Value)
						keys = append(keys, s)
					}
				}
			}
			return true
		})
	}
	return keys
}

func slicesContains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestEveryStringHasAChineseTranslation(t *testing.T) {
	zh := translations(t, "zh_Hans")
	// lang.L's literals; row(label, value) on a page and column titles are
	// shown through lang.L too.
	keys := literalKeys(t, uiFiles(t), "L", "row", "Title", "Plural", "Counted")
	if len(keys) < 30 {
		t.Fatalf("found only %d lang.L literals: the scan is broken", len(keys))
	}
	// Strings that reach lang.L through a variable.
	for _, s := range sections() {
		keys = append(keys, s.title)
	}
	for _, f := range overviewFigures {
		keys = append(keys, f.caption)
	}
	// Validation messages of the data package, shown through lang.L.
	msgs := globKeys(t, "../data/*.go", "add")
	if len(msgs) < 20 {
		t.Fatalf("found only %d validation messages in data: the scan is broken", len(msgs))
	}
	keys = append(keys, msgs...)
	// The import reports' messages (data.ImportText), shown through lang.L.
	reasons := globKeys(t, "../data/*.go", "Because")
	if len(reasons) < 40 {
		t.Fatalf("found only %d import messages in data: the scan is broken", len(reasons))
	}
	keys = append(keys, reasons...)
	// The names of fields (kit.FieldName), shown through lang.L.
	for _, label := range data.FieldLabels {
		keys = append(keys, label)
	}
	for _, k := range keys {
		if zh[k] == "" {
			t.Errorf("no Chinese translation for %q", k)
		}
	}
}

func TestEnumTranslationsMatchTheDomain(t *testing.T) {
	zh := translations(t, "zh_Hans")
	check := func(key, want string) {
		t.Helper()
		if zh[key] != want {
			t.Errorf("%s translates to %q, data says %q", key, zh[key], want)
		}
	}
	for _, v := range data.Stages() {
		check("stage."+string(v), v.NameZH())
	}
	for _, v := range data.InstitutionTypes() {
		check("institution_type."+string(v), v.NameZH())
	}
	for _, v := range data.Services() {
		check("service."+string(v), v.NameZH())
	}
	for _, v := range data.VisitKinds() {
		check("visit_kind."+string(v), v.NameZH())
	}
	for _, v := range data.Criteria() {
		check("criterion."+string(v), v.NameZH())
	}
	for _, v := range data.Recommendations() {
		check("recommendation."+string(v), v.NameZH())
	}
	for _, v := range data.Genders() {
		check("gender."+string(v), v.NameZH())
	}
	for _, v := range data.EnrolmentStatuses() {
		check("enrolment_status."+string(v), v.NameZH())
	}
	for _, v := range data.Funders() {
		check("funder."+string(v), v.NameZH())
	}
	for _, v := range data.StudentStatuses() {
		check("student_status."+string(v), v.NameZH())
	}
	for _, v := range data.Regions() {
		check("region."+string(v), v.NameZH())
	}
	for _, v := range data.Languages() {
		check("dl_language."+string(v), v.NameZH())
	}
}

func TestEnglishFileNamesItsLanguage(t *testing.T) {
	if translations(t, "en")["language.code"] != "en" ||
		translations(t, "zh_Hans")["language.code"] != "zh" {
		t.Fatal("each translation file must name its language under language.code")
	}
}

// kindIsTranslated checks that the wizard's title for kind, and each
// field's label it shows through lang.L, have a Chinese translation.
func kindIsTranslated(t *testing.T, kind importer.Kind) {
	t.Helper()
	zh := translations(t, "zh_Hans")
	for _, f := range kind.Fields {
		if label := data.FieldLabel(f.Field); zh[label] == "" {
			t.Errorf("no Chinese for the label %q of the import field %q", label, f.Field)
		}
	}
	if zh[kind.Title] == "" {
		t.Errorf("no Chinese for the wizard's title %q", kind.Title)
	}
}

// TestImportFieldLabelsAreTranslated: the wizard shows each field's label
// from data through lang.L.
func TestImportFieldLabelsAreTranslated(t *testing.T) {
	kindIsTranslated(t, importer.Institutions(nil))
	kindIsTranslated(t, importer.Enrolments(nil))
}

// TestStudentImportLabelsAreTranslated: the same for the students' roster.
func TestStudentImportLabelsAreTranslated(t *testing.T) {
	kindIsTranslated(t, importer.Students(nil))
}
