package transfer

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
	"tiscdesk/data/model"
	"tiscdesk/data/store"
	"tiscdesk/data/tabular"
	"tiscdesk/data/tabular/tabulartest"
)

// exportable is what an institutions export carries of an institution.
func exportable(in *model.Institution) model.Institution {
	out := model.Institution{
		LocalName: in.LocalName, EnglishName: in.EnglishName, Type: in.Type, Province: in.Province,
		City: in.City, Address: in.Address, Website: in.Website, Services: in.Services,
		Stage: in.Stage, Batch: in.Batch, Notes: in.Notes,
	}
	if len(in.Contacts) > 0 {
		out.Contacts = in.Contacts[:1]
	}
	out.History = []model.StageChange{{Stage: in.Stage, Date: in.StageDate(in.Stage)}}
	return out
}

func TestExportInstitutionsRoundTrip(t *testing.T) {
	src := openTemp(t)
	loadSample(t, src, sampleToday)
	// Cells that stress the writer: delimiters, quotes, line breaks, formulas.
	tricky := &model.Institution{LocalName: "=cmd|' /C calc'!A0", EnglishName: `The "Quoted", Inc.`, Type: model.TypeEnterprise,
		Province: "CN-TW", Notes: "line one\nline two, with; everything\t\"", Stage: model.StageCandidate,
		Contacts: []model.Contact{{Name: "-Dash", Phone: "+86 10 1234 5678", Email: "a@b.cn"}},
		Services: []model.Service{model.ServiceSearches, model.ServiceIPManagement}}
	tricky.MoveTo(model.StageCandidate, "2020-02-02", "", "test", time.Now())
	if err := src.Institutions.Put(tricky); err != nil {
		t.Fatal(err)
	}
	want := institutionsByName(t, src)

	for _, enc := range []tabular.Encoding{tabular.EncodingUTF8, tabular.EncodingGB18030} {
		t.Run(string(enc), func(t *testing.T) {
			var buf bytes.Buffer
			n, err := ExportInstitutions(src, &buf, enc)
			if err != nil || n != len(want) {
				t.Fatalf("exported %d of %d: %v", n, len(want), err)
			}
			dst := openTemp(t)
			rep := mustImport(t, dst, "export.csv", buf.Bytes(), ImportOptions{})
			if rep.Encoding != enc || rep.Created != n || len(rep.Ignored) != 0 {
				t.Fatalf("re-import: %+v", rep)
			}
			got := institutionsByName(t, dst)
			for name, w := range want {
				g := got[name]
				if g == nil {
					t.Errorf("%s did not come back", name)
					continue
				}
				if a, b := exportable(g), exportable(w); !reflect.DeepEqual(a, b) {
					t.Errorf("%s:\n got %+v\nwant %+v", name, a, b)
				}
			}
			// Into the database it came from, the export changes nothing.
			rep = mustImport(t, src, "export.csv", buf.Bytes(), ImportOptions{})
			if rep.Unchanged != n || rep.Created+rep.Updated != 0 || rep.Written {
				t.Errorf("re-import into the source: %+v", rep)
			}
		})
	}
}

func TestExportGB18030DecodesBack(t *testing.T) {
	s := openTemp(t)
	loadSample(t, s, sampleToday)
	var utf, gb bytes.Buffer
	if _, err := ExportInstitutions(s, &utf, tabular.EncodingUTF8); err != nil {
		t.Fatal(err)
	}
	if _, err := ExportInstitutions(s, &gb, tabular.EncodingGB18030); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(utf.Bytes(), tabulartest.BOM) || bytes.HasPrefix(gb.Bytes(), tabulartest.BOM) {
		t.Fatal("the UTF-8 export needs a BOM, the GB18030 one none")
	}
	text, enc, err := tabular.DecodeText(gb.Bytes(), tabular.EncodingAuto)
	if err != nil || enc != tabular.EncodingGB18030 {
		t.Fatalf("decode: %s %v", enc, err)
	}
	if text != strings.TrimPrefix(utf.String(), "\uFEFF") {
		t.Fatal("the GB18030 export does not decode to the UTF-8 one")
	}
	if !strings.Contains(text, "大学") {
		t.Fatal("no Chinese in the export")
	}
}

func TestExportVisits(t *testing.T) {
	s := openTemp(t)
	in := &model.Institution{LocalName: "四川大学", Type: model.TypeUniversity, Province: "CN-SC", Stage: model.StageVisited}
	if err := s.Institutions.Put(in); err != nil {
		t.Fatal(err)
	}
	v := &model.Visit{Institution: in.ID, Date: "2018-05-02", Kind: model.VisitAssessment, Visitors: []string{"Li Lei", "Han Meimei"},
		PeopleMet: []string{"张馆长"}, Recommendation: model.RecommendWithConditions, Findings: "Good, but \"busy\"",
		Checklist: []model.Assessment{{Criterion: model.CriterionCommitment, Score: 4}, {Criterion: model.CriterionInternet, Score: 5}},
		FollowUps: []model.FollowUp{{Action: "Send DL-101 list", Owner: "Li", Due: "2018-06-01"},
			{Action: "Sign", Due: "2999-01-01"}, {Action: "Call", Done: true, DoneOn: "2018-05-10"}}}
	if err := s.Visits.Put(v); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	n, err := ExportVisits(s, &buf, tabular.EncodingUTF8)
	if err != nil || n != 1 {
		t.Fatalf("exported %d: %v", n, err)
	}
	f, err := tabular.ReadCSV(bytes.NewReader(buf.Bytes()), tabular.CSVOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Records) != 2 {
		t.Fatalf("%d records", len(f.Records))
	}
	row := map[string]string{}
	for i, h := range f.Records[0].Fields {
		row[h] = f.Records[1].Fields[i]
	}
	for h, want := range map[string]string{
		"Institution": "四川大学", "Province": "Sichuan", "Date": "2018-05-02", "Kind": "Assessment",
		"Visitors": "Li Lei; Han Meimei", "People met": "张馆长", "Management commitment": "4", "Internet access": "5",
		"Dedicated staff": "", "Overall score": "4.5", "Recommendation": "Ready with conditions",
		"Findings": `Good, but "busy"`, "Open follow-ups": "2", "Overdue follow-ups": "1",
		"Follow-ups": "[ ] Send DL-101 list (Li; due 2018-06-01)\n[ ] Sign (due 2999-01-01)\n[x] Call (done 2018-05-10)",
		"id":         v.ID.String(),
	} {
		if row[h] != want {
			t.Errorf("%s = %q, want %q", h, row[h], want)
		}
	}
	if len(row) != 6+len(model.Criteria())+7 || f.Records[0].Fields[len(row)-1] != "id" {
		t.Errorf("%d columns: %q", len(row), f.Records[0].Fields)
	}
}

func TestExportToFileRefusesToOverwrite(t *testing.T) {
	s := openTemp(t)
	loadSample(t, s, sampleToday)
	path := filepath.Join(t.TempDir(), "institutions.csv")
	os.WriteFile(path, []byte("precious"), 0o644)
	err := store.SaveFile(path, false, func(w io.Writer) error { _, err := ExportInstitutions(s, w, tabular.EncodingUTF8); return err })
	if err == nil {
		t.Fatal("an existing file was overwritten")
	}
	if b, _ := os.ReadFile(path); string(b) != "precious" {
		t.Fatalf("the existing file changed: %q", b)
	}
}
