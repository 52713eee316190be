package ui

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

// countedPlural is a count followed by one or two words: "{{.Count}}
// are", "{{.Count}} institutions", "{{.Count}} new conflicts", "{{.Days}}
// days". When one of them is plural (pluralWord), the sentence reads "1
// are" through lang.L when the count is 1; kit.Plural picks a singular
// sentence instead, and kit.Counted a singular phrase for one of several
// counts.
var countedPlural = regexp.MustCompile(`\{\{\.(\w+)\}\} ([a-z]+)(?: ([a-z]+))?`)

// pluralWord says whether w reads as a plural after a count: are, were,
// have, or a word in -s that is not a singular one (is, was, has, this).
func pluralWord(w string) bool {
	switch w {
	case "are", "were", "have":
		return true
	case "is", "was", "has", "does", "this", "its", "as", "us", "plus", "less":
		return false
	}
	return strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss")
}

// readsPlural says whether a countedPlural match puts a plural after its
// count: the word after it, or the next one after an adjective ("new
// conflicts"), but not after a verb ("{{.Email}} was forgotten").
func readsPlural(m []string) bool {
	if pluralWord(m[2]) {
		return true
	}
	return m[3] != "" && !slices.Contains([]string{"is", "was", "has", "does"}, m[2]) && pluralWord(m[3])
}

// notCounts are the names of values that are not counts, so that a plural
// word after them is right ("{{.Name}} is", "{{.Date}} are not in the
// backup", "the header on line {{.Line}} names").
var notCounts = map[string]bool{"Name": true, "Date": true, "Line": true, "Path": true, "File": true, "Time": true, "Email": true, "Identity": true}

// TestNoOneAre: no sentence shown through lang.L puts a plural word after
// a count that can be 1 ("1 are kept", "1 institutions", "1 new conflicts").
func TestNoOneAre(t *testing.T) {
	keys := literalKeys(t, uiFiles(t), "L")
	if len(keys) < 300 {
		t.Fatalf("found only %d lang.L literals: the scan is broken", len(keys))
	}
	for _, k := range keys {
		for _, m := range countedPlural.FindAllStringSubmatch(k, -1) {
			if readsPlural(m) && !notCounts[m[1]] {
				t.Errorf("%q reads wrongly when {{.%s}} is 1: choose its words with kit.Plural or kit.Counted", k, m[1])
			}
		}
	}
}

// TestCountedPluralCatches: the pattern finds what it is meant to.
func TestCountedPluralCatches(t *testing.T) {
	for _, s := range []string{"{{.Count}} are kept", "{{.Count}} institutions", "sent {{.Sent}} changes", "{{.Count}} new conflicts", "{{.Shown}} of {{.Count}} visits"} {
		if !slices.ContainsFunc(countedPlural.FindAllStringSubmatch(s, -1), readsPlural) {
			t.Errorf("countedPlural misses %q", s)
		}
	}
	for _, s := range []string{"{{.Count}} institution", "{{.Shown}} of {{.Count}}", "{{.Withdrawn}} withdrawn", "{{.Email}} was forgotten: the records", "{{.Count}} is kept"} {
		if slices.ContainsFunc(countedPlural.FindAllStringSubmatch(s, -1), readsPlural) {
			t.Errorf("countedPlural takes %q for a plural", s)
		}
	}
}
