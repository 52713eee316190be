package model

import (
	"strings"
	"testing"
	"unicode"
)

func TestCountryTableIsWholeAndConsistent(t *testing.T) {
	list := Countries()
	if len(list) != 249 {
		t.Fatalf("%d countries, want the 249 of ISO 3166-1", len(list))
	}
	seen := map[string]string{}
	for i, c := range list {
		if i > 0 && list[i-1].Code >= c.Code {
			t.Errorf("%s comes after %s: the table must be sorted by code", c.Code, list[i-1].Code)
		}
		if len(c.Code) != 2 || len(c.Alpha3) != 3 || strings.ToUpper(c.Code+c.Alpha3) != c.Code+c.Alpha3 {
			t.Errorf("%+v: codes must be upper-case alpha-2 and alpha-3", c)
		}
		if !strings.ContainsFunc(c.NameZH, func(r rune) bool { return unicode.Is(unicode.Han, r) }) {
			t.Errorf("%s: Chinese name %q", c.Code, c.NameZH)
		}
		for _, name := range []string{c.Alpha3, "en:" + c.NameEN, "zh:" + c.NameZH} {
			if other, dup := seen[name]; dup {
				t.Errorf("%s and %s share %q", other, c.Code, name)
			}
			seen[name] = c.Code
		}
		// Every name shown finds its country again (the export writes names).
		for _, name := range []string{c.Code, c.Alpha3, c.NameEN, c.NameZH} {
			if got, ok := LookupCountry(name); !ok || got != c {
				t.Errorf("LookupCountry(%q) = %+v, %v; want %s", name, got, ok, c.Code)
			}
		}
	}
}

func TestLookupCountry(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"KE", "KE"}, {"ke", "KE"}, {"KEN", "KE"}, {" Kenya ", "KE"}, {"KENYA", "KE"}, {"肯尼亚", "KE"},
		{"肯尼亚人", "KE"}, {"Kenyan", "KE"}, {"ＫＥ", "KE"},
		{"Viet Nam", "VN"}, {"Vietnam", "VN"}, {"vietnamese", "VN"}, {"越南", "VN"},
		{"Korea, Republic of", "KR"}, {"Republic of Korea", "KR"}, {"South Korea", "KR"}, {"韩国", "KR"}, {"大韩民国", "KR"},
		{"Korea (Democratic People's Republic of)", "KP"}, {"朝鲜", "KP"},
		{"Côte d'Ivoire", "CI"}, {"Cote d'Ivoire", "CI"}, {"Ivory Coast", "CI"}, {"科特迪瓦", "CI"},
		{"Iran (Islamic Republic of)", "IR"}, {"Iran", "IR"}, {"Islamic Republic of Iran", "IR"}, {"伊朗", "IR"},
		{"Lao PDR", "LA"}, {"Laos", "LA"}, {"Lao People's Democratic Republic", "LA"}, {"老挝", "LA"},
		{"United Republic of Tanzania", "TZ"}, {"Tanzania", "TZ"}, {"坦桑尼亚", "TZ"},
		{"Congo", "CG"}, {"刚果（布）", "CG"}, {"刚果(金)", "CD"}, {"DR Congo", "CD"},
		{"Democratic Republic of the Congo", "CD"}, {"刚果民主共和国", "CD"},
		{"中国", "CN"}, {"中国籍", "CN"}, {"Chinese", "CN"}, {"People's Republic of China", "CN"}, {"PRC", "CN"},
		{"Hong Kong", "HK"}, {"中国香港", "HK"}, {"香港", "HK"}, {"Taiwan", "TW"},
		{"United States", "US"}, {"USA", "US"}, {"United Kingdom", "GB"}, {"UK", "GB"}, {"British", "GB"},
		{"Türkiye", "TR"}, {"Turkiye", "TR"}, {"Turkey", "TR"}, {"Russia", "RU"}, {"俄罗斯", "RU"},
		{"Ethiopia", "ET"}, {"埃塞俄比亚", "ET"}, {"Nigeria", "NG"}, {"Niger", "NE"}, {"Nigerien", "NE"},
		{"Sri Lanka", "LK"}, {"sri-lanka", "LK"}, {"蒙古国", "MN"}, {"蒙古", "MN"}, {"Mongolia", "MN"},
		{"Uzbekistan", "UZ"}, {"乌兹别克斯坦", "UZ"}, {"Cambodia", "KH"}, {"柬埔寨", "KH"},
		{"Eswatini", "SZ"}, {"Swaziland", "SZ"}, {"North Macedonia", "MK"}, {"Macedonia", "MK"},
	} {
		got, ok := LookupCountry(tc.in)
		if !ok || got.Code != tc.want {
			t.Errorf("LookupCountry(%q) = %q, %v; want %s", tc.in, got.Code, ok, tc.want)
		}
	}
	for _, in := range []string{"", "  ", "Atlantis", "Korea", "Congolese", "Dominican", "XX", "人", "Kenya Kenya"} {
		if got, ok := LookupCountry(in); ok {
			t.Errorf("LookupCountry(%q) = %s, want not found", in, got.Code)
		}
	}
}

func TestCountryByCodeAndName(t *testing.T) {
	ke, ok := CountryByCode(" ke")
	if !ok || ke.NameEN != "Kenya" || ke.NameZH != "肯尼亚" || ke.Alpha3 != "KEN" {
		t.Fatalf("CountryByCode(ke) = %+v, %v", ke, ok)
	}
	for _, in := range []string{"KEN", "Kenya", "", "K", "QQ"} {
		if _, ok := CountryByCode(in); ok {
			t.Errorf("CountryByCode(%q) found a country", in)
		}
	}
	for lang, want := range map[string]string{"en": "Kenya", "": "Kenya", "zh": "肯尼亚", "zh-Hans": "肯尼亚", "zh_CN": "肯尼亚"} {
		if got := ke.Name(lang); got != want {
			t.Errorf("Name(%q) = %q, want %q", lang, got, want)
		}
	}
	if CountryName("VN", "zh") != "越南" || CountryName("QQ", "en") != "QQ" || CountryName("", "en") != "" {
		t.Error("CountryName")
	}
}

func TestCountriesByName(t *testing.T) {
	en := CountriesByName("en")
	if en[0].Code != "AF" || en[len(en)-1].Code != "ZW" {
		t.Errorf("English order starts %s, ends %s", en[0].NameEN, en[len(en)-1].NameEN)
	}
	zh := CountriesByName("zh")
	pos := map[string]int{}
	for i, c := range zh {
		pos[c.Code] = i
	}
	// By pinyin: 阿尔巴尼亚 (a) before 巴西 (ba) before 肯尼亚 (ken) before 中国 (zhong).
	if !(pos["AL"] < pos["BR"] && pos["BR"] < pos["KE"] && pos["KE"] < pos["CN"]) {
		t.Errorf("Chinese order: AL %d, BR %d, KE %d, CN %d", pos["AL"], pos["BR"], pos["KE"], pos["CN"])
	}
	if len(zh) != len(en) {
		t.Error("lengths differ")
	}
}
