package kit

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode"

	"tiscdesk/data/exchange"
	"tiscdesk/data/exchange/hub"
	"tiscdesk/data/model"
	"tiscdesk/data/photo"
	"tiscdesk/data/store"
	"tiscdesk/data/tabular"
	"tiscdesk/data/transfer"
	"tiscdesk/reports"
)

// errorPackages are the packages whose errors reach the window, as folders
// from here.
var errorPackages = []string{
	"../../data/model", "../../data/store", "../../data/tabular", "../../data/transfer",
	"../../data/exchange", "../../data/exchange/hub", "../../data/privacy", "../../data/photo",
	"../../reports",
}

// errorSamples holds one value of every exported error of errorPackages, by
// the name the source gives it. A new error fails the test until it has a
// sentence in messages.go and a sample here.
var errorSamples = map[string][]error{
	"model.ErrNotFound":           {model.ErrNotFound},
	"model.ErrInvalid":            {&model.ValidationError{Fields: []model.FieldError{{Field: "email", Message: "is not a valid email address"}}}},
	"model.ErrInUse":              {model.ErrInUse},
	"model.ErrNotDatabase":        {model.ErrNotDatabase},
	"model.ErrNewerSchema":        {model.ErrNewerSchema},
	"model.ErrBadSessionCode":     {model.ErrBadSessionCode, sessionCodeErr()},
	"model.ErrPosition":           {model.ErrPosition},
	"model.ValidationError":       {&model.ValidationError{Fields: []model.FieldError{{Field: "contacts.0.email", Message: "is not a valid email address"}}}},
	"store.ErrNoBackup":           {store.ErrNoBackup},
	"store.ErrFileExists":         {store.ErrFileExists},
	"tabular.ErrNotWorkbook":      {tabular.ErrNotWorkbook},
	"tabular.ErrTooBigForExcel":   {tabular.ErrTooBigForExcel},
	"tabular.ErrNoHeader":         {tabular.ErrNoHeader},
	"tabular.HeaderError":         {&tabular.HeaderError{Line: 3, Found: []string{"x"}}},
	"transfer.ErrRowsInvalid":     {transfer.ErrRowsInvalid},
	"transfer.ErrNoSession":       {transfer.ErrNoSession},
	"transfer.ImportError":        {transfer.ImportError{File: "a.csv", Line: 7, Field: "email", Text: model.Because("x", "is not a valid email address")}},
	"exchange.ErrNotBundle":       {exchange.ErrNotBundle},
	"exchange.ErrBundleDamaged":   {exchange.ErrBundleDamaged},
	"exchange.ErrBundleNewer":     {exchange.ErrBundleNewer},
	"exchange.ErrMergeKind":       {exchange.ErrMergeKind},
	"exchange.ErrUndone":          {exchange.ErrUndone},
	"exchange.ErrSealed":          {exchange.ErrSealed},
	"exchange.ErrWrongPassphrase": {exchange.ErrWrongPassphrase},
	"exchange.ErrNotSealed":       {exchange.ErrNotSealed},
	"exchange.SealError": {
		&exchange.SealError{For: exchange.SealedPassphrase, Err: exchange.ErrSealed},
		&exchange.SealError{For: exchange.SealedDevice, Err: exchange.ErrSealed},
		&exchange.SealError{For: exchange.SealedUnknown, Err: exchange.ErrSealed},
		&exchange.SealError{For: exchange.SealedPassphrase, Err: exchange.ErrWrongPassphrase},
	},
	"hub.ErrNoHub":          {hub.ErrNoHub},
	"hub.ErrLogin":          {hub.ErrLogin},
	"hub.ErrUnreachable":    {hub.ErrUnreachable},
	"hub.ErrInsecure":       {hub.ErrInsecure},
	"hub.ErrCertificate":    {hub.ErrCertificate},
	"hub.ErrHubNewer":       {hub.ErrHubNewer},
	"hub.ErrHubOlder":       {hub.ErrHubOlder},
	"hub.ErrNotHub":         {hub.ErrNotHub},
	"hub.ErrBoundElsewhere": {hub.ErrBoundElsewhere},
	"photo.ErrNotPhoto":     {photo.ErrNotPhoto},
	"photo.ErrDamaged":      {photo.ErrDamaged},
	"photo.ErrTooLarge":     {photo.ErrTooLarge},
	"reports.ErrDraftVisit": {reports.ErrDraftVisit},
	"reports.ErrNoVisit":    {reports.ErrNoVisit},
	"reports.ErrBadPeriod":  {reports.ErrBadPeriod},
}

// sessionCodeErr is model's typed session-code error, as an import meets it.
func sessionCodeErr() error {
	_, err := model.ParseSessionCode("999Q99S9")
	return err
}

// exportedErrors finds, in the source of dir, the exported package-level
// variables named Err... and the exported types with an Error method.
func exportedErrors(t *testing.T, dir string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no Go files in %s: %v", dir, err)
	}
	var names []string
	pkg := filepath.Base(dir)
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			switch d := decl.(type) {
			case *ast.GenDecl:
				if d.Tok != token.VAR {
					continue
				}
				for _, spec := range d.Specs {
					for _, id := range spec.(*ast.ValueSpec).Names {
						if id.IsExported() && strings.HasPrefix(id.Name, "Err") {
							names = append(names, pkg+"."+id.Name)
						}
					}
				}
			case *ast.FuncDecl:
				if d.Recv == nil || d.Name.Name != "Error" || len(d.Recv.List) != 1 {
					continue
				}
				recv := d.Recv.List[0].Type
				if star, ok := recv.(*ast.StarExpr); ok {
					recv = star.X
				}
				if id, ok := recv.(*ast.Ident); ok && id.IsExported() {
					names = append(names, pkg+"."+id.Name)
				}
			}
		}
	}
	return names
}

// TestEveryErrorHasAMessage: every exported error of the packages whose
// errors reach the window, wrapped as callers wrap it, gets a sentence of
// its own (not the general one) in English and in Chinese, and the
// sentence does not show the technical chain.
func TestEveryErrorHasAMessage(t *testing.T) {
	var found []string
	for _, dir := range errorPackages {
		found = append(found, exportedErrors(t, dir)...)
	}
	if len(found) < 35 {
		t.Fatalf("found only %d errors: the scan is broken", len(found))
	}
	sort.Strings(found)
	for _, name := range found {
		if _, ok := errorSamples[name]; !ok {
			t.Errorf("%s has no sentence: add one to explainSentinel or explainTyped in messages.go, and a sample to errorSamples", name)
		}
	}
	ApplyLanguage(LangEnglish)
	general := Explain(errors.New("x"))
	t.Cleanup(func() { ApplyLanguage(LangEnglish) })
	for name, samples := range errorSamples {
		for _, sample := range samples {
			wrapped := fmt.Errorf("do something with a.csv: %w", sample)
			ApplyLanguage(LangEnglish)
			en := Explain(wrapped)
			ApplyLanguage(LangChinese)
			zh := Explain(wrapped)
			switch {
			case en == general:
				t.Errorf("%s (%v) gets only the general sentence", name, sample)
			case strings.Contains(en, "do something") || strings.Contains(zh, "do something"):
				t.Errorf("%s: the sentence %q shows the technical chain", name, en)
			case zh == en || !hasHan(zh):
				t.Errorf("%s: no Chinese sentence for %q (got %q)", name, en, zh)
			}
		}
	}
}

// TestSentencesSayWhatToDo: errors that differ get sentences that differ,
// so that no two of them say the same thing by a slip of the table.
func TestSentencesSayWhatToDo(t *testing.T) {
	ApplyLanguage(LangEnglish)
	seen := map[string]string{}
	for name, samples := range errorSamples {
		if name == "model.ErrInvalid" || name == "model.ValidationError" ||
			name == "exchange.ErrWrongPassphrase" || name == "exchange.ErrSealed" || name == "exchange.SealError" ||
			name == "model.ErrBadSessionCode" {
			continue // one error under two names
		}
		en := Explain(samples[0])
		if other, ok := seen[en]; ok {
			t.Errorf("%s and %s both read %q", name, other, en)
		}
		seen[en] = name
	}
}

// TestSystemErrors: the file system's errors and a cancel have sentences
// too; anything else the general one, in Chinese as well.
func TestSystemErrors(t *testing.T) {
	ApplyLanguage(LangChinese)
	t.Cleanup(func() { ApplyLanguage(LangEnglish) })
	for _, err := range []error{fs.ErrNotExist, fs.ErrPermission, errors.New("disk on fire")} {
		if got := Explain(fmt.Errorf("open a.csv: %w", err)); !hasHan(got) || strings.Contains(got, "a.csv") {
			t.Errorf("%v: %q", err, got)
		}
	}
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}
