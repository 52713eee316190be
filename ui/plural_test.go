package ui

import (
	"regexp"
	"slices"
	"testing"
)

// countedPlural is a count followed by a plural word: "{{.Count}} are",
// "{{.Count}} institutions". Through lang.L such a sentence reads "1 are"
// when the count is 1; kit.Plural picks a singular sentence instead.
var countedPlural = regexp.MustCompile(`\{\{\.(Count|N)\}\} (are|were|have|[a-z]+s)\b`)

// pluralsNotYetChosen are the sentences through lang.L that still read
// wrongly for a count of 1 (issue 20 left them: each needs kit.Plural at
// its call site, in areas other engineers were changing). The list may
// only shrink.
var pluralsNotYetChosen = []string{
	"Delete session {{.Code}} and its {{.Count}} enrolments?",
	"Its {{.Cohorts}} cohorts and {{.Count}} students will be deleted too.",
	"Its {{.Count}} students will be deleted too.",
	"Its {{.Count}} visits will be deleted too.",
	"Merge the bundle from “{{.Device}}”, exported {{.Time}}: {{.Count}} records?",
	"Merged the bundle from “{{.Device}}”, exported {{.Time}}: {{.Count}} records.",
	"The database holds {{.Cohorts}} cohorts and {{.Count}} students.",
	"{{.Count}} enrolments written to {{.File}}.",
	"{{.Count}} enrolments: {{.Completed}} completed, {{.Certified}} certificates",
	"{{.Count}} institutions written to {{.File}}.",
	"{{.Count}} records existed on both computers under different ids (the same course number, session code, or email in a session) and were merged",
	"{{.Count}} students written to {{.File}}.",
	"{{.File}}: {{.Count}} records, {{.Deleted}} of them deletions. Merge it on the other computer with Exchange → Merge a bundle.",
	"{{.Language}} · {{.Count}} enrolments · completion {{.Completion}} · pass rate {{.Pass}} · {{.Withdrawn}} withdrawn",
	"{{.Sessions}} sessions, {{.Count}} enrolments",
	"{{.Shown}} of {{.Count}} institutions",
	"{{.Shown}} of {{.Count}} students",
	"{{.Shown}} of {{.Count}} visits",
	"{{.Time}} ({{.Count}} records)",
}

// TestNoOneAre: no sentence shown through lang.L puts a plural word after
// a count that can be 1 ("1 are kept", "1 institutions"), beyond the list
// of those not yet mended.
func TestNoOneAre(t *testing.T) {
	keys := literalKeys(t, uiFiles(t), "L")
	for _, k := range keys {
		if countedPlural.MatchString(k) && !slices.ContainsFunc(pluralsNotYetChosen, func(s string) bool { return len(k) >= len(s) && k[:len(s)] == s }) {
			t.Errorf("%q reads wrongly for a count of 1: choose its words with kit.Plural", k)
		}
	}
}
