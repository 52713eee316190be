package reports

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"tiscdesk/data"
)

// The visit report names the people met: after a forget, a person met who
// was forgotten is not in it, on the machine that forgot nor on one that
// edited the visit afterwards without having had the erasure and then
// exchanged bundles with it. The other people met and the later edit are.
func TestTheVisitReportDoesNotNameAForgottenPerson(t *testing.T) {
	a := sampleStore(t)
	b, err := data.Open(filepath.Join(t.TempDir(), "b.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	list, _ := a.Enrolments.List()
	email, person := data.NormEmail(list[0].Email), list[0].Name
	v := someVisit(t, a, data.VisitAssessment)
	v.PeopleMet = []string{"王芳馆长", person, fmt.Sprintf("%s <%s>", person, strings.ToUpper(email))}
	if err := a.Visits.Put(v); err != nil {
		t.Fatal(err)
	}
	bundle := func(from, to *data.Store) {
		t.Helper()
		path := filepath.Join(t.TempDir(), "x.tiscx")
		if _, err := from.SaveBundle(path, false, data.ExportOptions{}); err != nil {
			t.Fatal(err)
		}
		if _, err := to.MergeBundleFile(context.Background(), path, data.MergeOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	bundle(a, b)
	if _, err := a.Forget(email); err != nil {
		t.Fatal(err)
	}
	bv, err := b.Visits.Get(v.ID)
	if err != nil {
		t.Fatal(err)
	}
	bv.Findings = "A second look at the reading room."
	if err := b.Visits.Put(bv); err != nil {
		t.Fatal(err)
	}
	bundle(a, b)
	bundle(b, a)
	for _, m := range []struct {
		name string
		s    *data.Store
	}{{"A", a}, {"B", b}} {
		for _, l := range langs {
			t.Run(m.name+"/"+string(l), func(t *testing.T) {
				p := render(t, m.s, Visit, Options{Lang: l, Visit: v.ID})
				p.has(t, "王芳馆长", bv.Findings)
				for _, text := range []string{p.text, p.layout, dense(p.text), strings.ToLower(p.text)} {
					if strings.Contains(text, person) || strings.Contains(text, dense(person)) || strings.Contains(text, email) {
						t.Errorf("the visit report names the forgotten person %s <%s>", person, email)
						break
					}
				}
			})
		}
	}
}
