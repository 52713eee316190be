package transfer

import (
	"reflect"
	"testing"
	"tiscdesk/data/tabular"
)

func TestMatchHeader(t *testing.T) {
	for _, tc := range []struct {
		header  []string
		want    []string // field per column
		ignored []string
	}{
		{[]string{"Name", "English name", "Type", "Province"}, []string{"local_name", "english_name", "type", "province"}, nil},
		{[]string{"机构名称 Name", "English name (英文名称)", "类型", "省份"}, []string{"local_name", "english_name", "type", "province"}, nil},
		{[]string{"  NAME ", "e-mail", "Email (邮箱)", "序号"}, []string{"local_name", "contact_email", "", ""}, []string{"Email (邮箱)", "序号"}},
		{[]string{"姓名Name", "联系人（Contact）", "Contact email", "Name of contact"}, []string{"local_name", "contact_name", "contact_email", ""}, []string{"Name of contact"}},
		{[]string{"Province code", "Province", "省/市", "市"}, []string{"province_code", "province", "", "city"}, []string{"省/市"}},
		{[]string{"ＥＭＡＩＬ", "Institution type", "Notes", ""}, []string{"contact_email", "type", "notes", ""}, []string{"column 4"}},
		{[]string{"name", "local name"}, []string{"local_name", ""}, []string{"local name"}}, // equal matches: the first keeps it
		{[]string{"Name 机构", "机构名称"}, []string{"", "local_name"}, []string{"Name 机构"}},       // a whole match beats words
	} {
		m := tabular.MatchHeader(tc.header, institutionFields)
		if !reflect.DeepEqual(m.Fields, tc.want) {
			t.Errorf("%q: fields %q, want %q", tc.header, m.Fields, tc.want)
		}
		if got := m.Ignored(); !reflect.DeepEqual(got, tc.ignored) {
			t.Errorf("%q: ignored %q, want %q", tc.header, got, tc.ignored)
		}
	}
}

func TestColumnMapSetFields(t *testing.T) {
	m := tabular.MatchHeader([]string{"A", "B"}, institutionFields)
	if err := m.SetFields([]string{"local_name", "province"}); err != nil {
		t.Fatal(err)
	}
	if m.Value([]string{" x ", "GD"}, "province") != "GD" || m.Label("province") != "B" || m.Label("type") != "Type" {
		t.Fatalf("after SetFields: %q", m.Fields)
	}
	for _, bad := range [][]string{{"local_name"}, {"local_name", "local_name"}, {"nonsense", ""}} {
		if err := m.SetFields(bad); err == nil {
			t.Errorf("SetFields(%q) was accepted", bad)
		}
	}
}
