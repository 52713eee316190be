package ui

import (
	"regexp"
	"testing"
)

// countedPlural is a count followed by a plural word, perhaps after one
// more word: "{{.Count}} are", "{{.Count}} institutions", "{{.Count}} new
// conflicts", "{{.Days}} days". Through lang.L such a sentence reads "1 are"
// when the count is 1; kit.Plural picks a singular sentence instead, and
// kit.Counted a singular phrase for one of several counts.
var countedPlural = regexp.MustCompile(`\{\{\.(\w+)\}\} (?:[a-z]+ )?(are|were|have|[a-z]+s)\b`)

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
			if !notCounts[m[1]] {
				t.Errorf("%q reads wrongly when {{.%s}} is 1: choose its words with kit.Plural or kit.Counted", k, m[1])
			}
		}
	}
}

// TestCountedPluralCatches: the pattern finds what it is meant to.
func TestCountedPluralCatches(t *testing.T) {
	for _, s := range []string{"{{.Count}} are kept", "{{.Count}} institutions", "sent {{.Sent}} changes", "{{.Count}} new conflicts"} {
		if !countedPlural.MatchString(s) {
			t.Errorf("countedPlural misses %q", s)
		}
	}
	for _, s := range []string{"{{.Count}} institution", "{{.Shown}} of {{.Count}}", "{{.Withdrawn}} withdrawn"} {
		if countedPlural.MatchString(s) {
			t.Errorf("countedPlural takes %q for a plural", s)
		}
	}
}
