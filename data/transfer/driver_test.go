package transfer

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"

	"tiscdesk/data/model"
	"tiscdesk/data/store"
)

// A dry run goes through every step of the import, its write included,
// and reports what the import reports: the same counts and the same notes
// (the wizard's check once lacked the enrolments' "not in the course
// catalogue" note, which the write adds). Only nothing is kept.
func TestDryRunReportsWhatTheImportDoes(t *testing.T) {
	type importFunc func(context.Context, *store.Store, string, io.Reader, ImportOptions) (*ImportReport, error)
	cases := []struct {
		name   string
		run    importFunc
		roster string
		note   string // a note the roster must give
	}{
		{"enrolments", ImportEnrolments,
			"姓名,邮箱,课程代码,课程名称\n王伟,wang@example.cn,777C26S1,Unknown course\n李娜,li@example.cn,101C26S1,DL-101\n",
			"Not in the course catalogue: DL-777."},
		{"institutions", ImportInstitutions,
			"name,english name,type,province\n上海图书馆,Shanghai Library,library,Shanghai\n,,library,Beijing\n",
			""},
		{"students", ImportStudents,
			"Programme,Partner,Intake year,Name,Gender,Nationality,Email,Scholarship,Status,Graduation date\n" +
				"WIPO-Tongji Master of IP,Tongji University,2024,Amina Mwangi,F,Kenya,amina@example.org,WIPO,enrolled,\n",
			""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dryStore, realStore := openTemp(t), openTemp(t)
			opt := ImportOptions{SkipInvalid: true}
			dryOpt := opt
			dryOpt.DryRun = true
			dry, err := c.run(context.Background(), dryStore, "roster.csv", strings.NewReader(c.roster), dryOpt)
			if err != nil {
				t.Fatalf("dry run: %v", err)
			}
			real, err := c.run(context.Background(), realStore, "roster.csv", strings.NewReader(c.roster), opt)
			if err != nil {
				t.Fatalf("import: %v", err)
			}
			if dry.Created != real.Created || dry.Updated != real.Updated || dry.Invalid != real.Invalid || dry.Skipped != real.Skipped {
				t.Errorf("dry run counted %d created, %d updated, %d invalid, %d skipped; the import %d, %d, %d, %d",
					dry.Created, dry.Updated, dry.Invalid, dry.Skipped, real.Created, real.Updated, real.Invalid, real.Skipped)
			}
			if real.Created == 0 {
				t.Errorf("the import created nothing: %+v", real.Errors)
			}
			// The same notes about the same things; a dry run may say "to be
			// created" where the import says "created".
			sameFacts := func(a, b model.ImportText) bool {
				return a.Value == b.Value && fmt.Sprint(a.Args) == fmt.Sprint(b.Args)
			}
			if !slices.EqualFunc(dry.Notes, real.Notes, sameFacts) {
				t.Errorf("dry run notes %q\nimport notes  %q", notesOf(dry), notesOf(real))
			}
			if c.note != "" && !slices.ContainsFunc(notesOf(dry), func(n string) bool { return strings.HasPrefix(n, c.note) }) {
				t.Errorf("the dry run's notes %q lack %q", notesOf(dry), c.note)
			}
			if dry.Written || !real.Written {
				t.Errorf("written: dry run %v, import %v", dry.Written, real.Written)
			}
			after, err := dryStore.Counts()
			if err != nil {
				t.Fatal(err)
			}
			if after.HasUserData() {
				t.Errorf("the dry run kept records: %+v", after)
			}
		})
	}
}

func notesOf(rep *ImportReport) []string {
	var out []string
	for _, n := range rep.Notes {
		out = append(out, n.String())
	}
	return out
}
