package model

import (
	"fmt"
	"testing"
)

// walkTable checks that every value of table is found by its code, its
// English name and its Chinese name, in the case and spacing people type.
func walkTable[T ~string](t *testing.T, field string, table []EnumName[T], lookup func(string) (T, bool)) {
	t.Helper()
	for _, e := range table {
		names := []string{e.NameEN, e.NameZH, " " + e.NameZH + " ", upper(e.NameEN)}
		if e.Value != "" {
			names = append(names, string(e.Value))
		}
		for _, name := range names {
			if got, ok := lookup(name); !ok || got != e.Value {
				t.Errorf("%s: %q = %q, %v; want %q", field, name, got, ok, e.Value)
			}
		}
	}
}

func upper(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'a' <= c && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b)
}

func TestWordsWalkEveryTable(t *testing.T) {
	walkTable(t, "type", InstitutionTypeTable, LookupInstitutionType)
	walkTable(t, "stage", StageTable, LookupStage)
	walkTable(t, "service", ServiceTable, LookupService)
	walkTable(t, "gender", GenderTable, LookupGender)
	walkTable(t, "enrolment status", EnrolmentStatusTable, LookupEnrolmentStatus)
	walkTable(t, "student status", StudentStatusTable, LookupStudentStatus)
	walkTable(t, "funder", FunderTable, LookupFunder)
	for _, c := range Countries() {
		for _, name := range []string{c.Code, c.Alpha3, c.NameEN, c.NameZH} {
			if got, ok := LookupCountry(name); !ok || got.Code != c.Code {
				t.Errorf("country: %q = %q, %v; want %s", name, got.Code, ok, c.Code)
			}
		}
	}
}

// TestWordsAsPeopleWriteThem holds the words of issue 15 and DESIGN section 5
// in both languages.
func TestWordsAsPeopleWriteThem(t *testing.T) {
	types := map[string]InstitutionType{
		// The words that refused a provincial office's list whole.
		"研究机构": TypeResearch, "科技信息机构": TypeSTInfo, "知识产权服务机构": TypeIPOffice,
		// Key words, alone and inside names.
		"XX大学图书馆": TypeLibrary, "上海图书馆": TypeLibrary, "同济大学": TypeUniversity, "某某职业技术学院": TypeUniversity,
		"地方高校": TypeUniversity, "中国科学院": TypeResearch, "材料研究院": TypeResearch, "院所": TypeResearch,
		"省科技情报研究所": TypeSTInfo, "科技信息研究所": TypeSTInfo, "省专利信息服务中心": TypeSTInfo,
		"市知识产权局": TypeIPOffice, "知识产权服务公司": TypeIPOffice, "行业协会": TypeAssociation,
		"省机械工业联合会": TypeAssociation, "市商会": TypeAssociation, "国家高新区": TypeSTPark,
		"经济技术开发区": TypeSTPark, "科技园区": TypeSTPark, "XX集团有限公司": TypeEnterprise, "民营企业": TypeEnterprise,
		"Research institution": TypeResearch, "Public Research Institute": TypeResearch, "University library": TypeLibrary,
		"Provincial Institute of Scientific and Technical Information": TypeSTInfo, "IP service centre": TypeIPOffice,
		"Intellectual Property Office": TypeIPOffice, "Chamber of Commerce": TypeAssociation,
		"High-tech Industrial Development Zone": TypeSTPark, "ACME Co., Ltd.": TypeEnterprise,
		"Tongji University": TypeUniversity, "college": TypeUniversity, "其它": TypeOther, "OTHER": TypeOther,
	}
	for in, want := range types {
		if got, ok := LookupInstitutionType(in); !ok || got != want {
			t.Errorf("type %q = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "xyz", "政府部门", "Ministry"} {
		if got, ok := LookupInstitutionType(in); ok {
			t.Errorf("type %q = %q; want not found", in, got)
		}
	}
	checks := []struct {
		field  string
		lookup func(string) (string, bool)
		words  map[string]string
	}{
		{"enrolment status", asString(LookupEnrolmentStatus), map[string]string{
			"已注册": "registered", "学习中": "active", "暂停": "suspended", "已完成": "completed", "已通过": "completed",
			"未通过": "failed", "退出": "withdrawn", "已退出": "withdrawn", "Active": "active", "Suspended": "suspended",
			"Not current": "withdrawn", "passed": "completed"}},
		{"student status", asString(LookupStudentStatus), map[string]string{
			"在读": "enrolled", "已毕业": "graduated", "退学": "withdrawn", "毕业": "graduated", "Graduated": "graduated",
			"enrolled": "enrolled", "writing thesis": "thesis", "论文阶段": "thesis", "已录取": "admitted", "未通过": "failed"}},
		{"funder", asString(LookupFunder), map[string]string{
			"世界知识产权组织": "wipo", "WIPO": "wipo", "中国政府奖学金": "host_government", "CSC": "host_government",
			"东道国政府": "host_government", "自费": "self_funded", "Self-funded": "self_funded", "其他": "other"}},
		{"gender", asString(LookupGender), map[string]string{
			"女": "female", "男": "male", "F": "female", "m": "male", "Female": "female", "male": "male", "保密": "", "unknown": ""}},
		{"stage", asString(LookupStage), map[string]string{
			"候选": "candidate", "已申请": "applied", "已推荐": "recommended", "已考察": "visited", "已批准筹建": "approved",
			"已签约": "agreement_signed", "已运营": "operational", "已揭牌": "operational", "未通过": "rejected",
			"已退出": "withdrawn", "暂停": "suspended", "Agreement signed": "agreement_signed"}},
		{"country", func(s string) (string, bool) { c, ok := LookupCountry(s); return c.Code, ok }, map[string]string{
			"尼日利亚": "NG", "Nigeria": "NG", "NGA": "NG", "肯尼亚人": "KE", "Kenyan": "KE", "中国籍": "CN", "Viet Nam": "VN", "越南": "VN"}},
	}
	for _, c := range checks {
		for in, want := range c.words {
			if got, ok := c.lookup(in); !ok || got != want {
				t.Errorf("%s %q = %q, %v; want %q", c.field, in, got, ok, want)
			}
		}
		if got, ok := c.lookup("no such value"); ok {
			t.Errorf("%s %q = %q; want not found", c.field, "no such value", got)
		}
	}
}

func asString[T ~string](lookup func(string) (T, bool)) func(string) (string, bool) {
	return func(s string) (string, bool) { v, ok := lookup(s); return string(v), ok }
}

// TestWordsOneValueEach checks that no word names two values: ValueIndex
// refuses that as it is built (a panic), and the key words agree with the
// names: a type's names and variants, read by their key words alone, give
// that type or none.
func TestWordsOneValueEach(t *testing.T) {
	defer func() {
		if r := recover(); r != nil {
			t.Fatalf("a word names two values: %v", r)
		}
	}()
	typeWords()
	stageWords()
	serviceWords()
	genderWords()
	enrolmentStatusWords()
	studentStatusWords()
	funderWords()
	countryIndex()
	for key, want := range typeWords() {
		// The keys are folded (no spaces); the key words of Chinese names
		// still apply, and English variants are checked below by name.
		if got, ok := typeByKeyWord(key); ok && got != want && !isASCII(key) {
			t.Errorf("type word %q is %q, but its key word says %q", key, want, got)
		}
	}
	for _, e := range InstitutionTypeTable {
		for _, name := range []string{e.NameEN, e.NameZH} {
			got, ok := typeByKeyWord(name)
			if e.Value == TypeOther {
				if ok {
					t.Errorf("type name %q: key word says %q, want none", name, got)
				}
				continue
			}
			if !ok || got != e.Value {
				t.Errorf("type name %q: key word says %q, %v; want %q", name, got, ok, e.Value)
			}
		}
	}
	seen := map[string]string{}
	for _, kw := range typeKeyWords {
		for _, w := range kw.words {
			if old, dup := seen[w]; dup {
				t.Errorf("key word %q is given to %s and %s", w, old, kw.t)
			}
			seen[w] = fmt.Sprint(kw.t)
		}
	}
}
