package transfer

import (
	"strings"
	"testing"

	"tiscdesk/data/model"
)

// An institutions spreadsheet made before a person was forgotten brings
// them back as the contact of a row: the import keeps the institution's
// contacts as they were, takes the row's other cells, and warns. Found by
// name or, without a name column, by email.
func TestImportDoesNotBringBackAForgottenContact(t *testing.T) {
	s := openTemp(t)
	in := &model.Institution{LocalName: "乙", Type: model.TypeEnterprise, Province: "CN-GD", Stage: model.StageCandidate,
		Contacts: []model.Contact{{Name: "王芳", Email: "wf@x.cn"}, {Name: "张三", Email: "zs@x.cn"}}}
	if err := s.Institutions.Put(in); err != nil {
		t.Fatal(err)
	}
	// What forget does (data/privacy).
	in.Redact(model.ErasureMarks(in.ID, "zs@x.cn", []string{"张三"}))
	if err := s.Institutions.Put(in); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ file, csv, warning string }{
		{"name.csv", "名称,城市,联系人,邮箱\n乙,深圳,张三,\n", "name.csv:2: 联系人: \"张三\" is a person forgotten on request"},
		{"email.csv", "名称,城市,邮箱\n乙,广州,ZS@x.cn\n", "email.csv:2: 邮箱: \"ZS@x.cn\" is a person forgotten on request"},
	} {
		rep := mustImport(t, s, tc.file, []byte(tc.csv), ImportOptions{})
		got := institutionsByName(t, s)["乙"]
		if len(got.Contacts) != 1 || got.Contacts[0] != (model.Contact{Name: "王芳", Email: "wf@x.cn"}) {
			t.Errorf("%s: contacts %+v, want 王芳 alone as before", tc.file, got.Contacts)
		}
		if rep.Updated != 1 || (got.City != "深圳" && got.City != "广州") {
			t.Errorf("%s: the row's other cells: %+v, city %q", tc.file, rep, got.City)
		}
		if len(rep.Warnings) != 1 || !strings.HasPrefix(rep.Warnings[0].Error(), tc.warning) {
			t.Errorf("%s: warnings %v, want %q...", tc.file, rep.Warnings, tc.warning)
		}
	}
	// A row with another person as contact is imported as ever.
	rep := mustImport(t, s, "other.csv", []byte("名称,联系人,邮箱\n乙,李四,ls@x.cn\n"), ImportOptions{})
	if got := institutionsByName(t, s)["乙"]; len(rep.Warnings) != 0 || got.Contacts[0].Name != "李四" {
		t.Errorf("another contact: %v, %+v", rep.Warnings, got.Contacts)
	}
}
