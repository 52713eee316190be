package ui

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// sourceStrings returns every string the program's Go files spell out
// (test files left out): each string literal, and each sum of literals
// ("a " + "b"), across the repository.
func sourceStrings(t *testing.T) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	var text func(e ast.Expr) (string, bool)
	text = func(e ast.Expr) (string, bool) {
		switch v := e.(type) {
		case *ast.BasicLit:
			if v.Kind != token.STRING {
				return "", false
			}
			s, err := strconv.Unquote(v.Value)
			return s, err == nil
		case *ast.BinaryExpr:
			if v.Op != token.ADD {
				return "", false
			}
			a, ok := text(v.X)
			b, ok2 := text(v.Y)
			return a + b, ok && ok2
		case *ast.ParenExpr:
			return text(v.X)
		}
		return "", false
	}
	files := 0
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != ".." && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir // .git, .ci's caches
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		file, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
		if err != nil {
			return err
		}
		files++
		ast.Inspect(file, func(n ast.Node) bool {
			if e, ok := n.(ast.Expr); ok {
				if s, ok := text(e); ok {
					out[s] = true
				}
			}
			return true
		})
		return nil
	})
	if err != nil || files < 100 {
		t.Fatalf("read %d Go files: %v: the scan is broken", files, err)
	}
	return out
}

// TestNoStaleTranslations: every key of the Chinese translation files is
// a string some Go file spells out, or a key made of a spelled-out prefix
// and a value ("stage." + string(s), through lang.X). A key no code names
// any more is a sentence the program no longer shows: remove it.
func TestNoStaleTranslations(t *testing.T) {
	used := sourceStrings(t)
	var prefixes []string
	for s := range used {
		if len(s) > 1 && strings.HasSuffix(s, ".") && !strings.ContainsAny(s, " \n") {
			prefixes = append(prefixes, s) // "institution_type.", "stage."
		}
	}
	keys := translations(t, "zh_Hans")
	for key := range translations(t, "en") {
		keys[key] = ""
	}
	var stale []string
	for key := range keys {
		if used[key] || key == "language.code" {
			continue
		}
		dynamic := false
		for _, p := range prefixes {
			if strings.HasPrefix(key, p) && !strings.ContainsAny(key[len(p):], " .") {
				dynamic = true
			}
		}
		if !dynamic {
			stale = append(stale, key)
		}
	}
	sort.Strings(stale)
	for _, key := range stale {
		t.Errorf("no Go file names the translated key %q", key)
	}
}
