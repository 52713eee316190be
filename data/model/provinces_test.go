package model

import (
	"strings"
	"testing"
)

// wantRegions is DESIGN section 6, in report order.
var wantRegions = []struct {
	region Region
	nameEN string
	nameZH string
	codes  []string
}{
	{RegionNorth, "North", "华北", []string{"BJ", "TJ", "HE", "SX", "NM"}},
	{RegionNortheast, "Northeast", "东北", []string{"LN", "JL", "HL"}},
	{RegionEast, "East", "华东", []string{"SH", "JS", "ZJ", "AH", "FJ", "JX", "SD"}},
	{RegionSouthCentral, "South Central", "中南", []string{"HA", "HB", "HN", "GD", "GX", "HI"}},
	{RegionSouthwest, "Southwest", "西南", []string{"CQ", "SC", "GZ", "YN", "XZ"}},
	{RegionNorthwest, "Northwest", "西北", []string{"SN", "GS", "QH", "NX", "XJ"}},
	{RegionOther, "Hong Kong, Macao and Taiwan", "港澳台", []string{"HK", "MO", "TW"}},
}

func TestRegions(t *testing.T) {
	got := Regions()
	if len(got) != len(wantRegions) {
		t.Fatalf("Regions() has %d regions, want %d", len(got), len(wantRegions))
	}
	for i, w := range wantRegions {
		if got[i] != w.region {
			t.Errorf("Regions()[%d] = %q, want %q", i, got[i], w.region)
		}
		if w.region.NameEN() != w.nameEN || w.region.NameZH() != w.nameZH {
			t.Errorf("%q names = %q, %q; want %q, %q",
				w.region, w.region.NameEN(), w.region.NameZH(), w.nameEN, w.nameZH)
		}
	}
	if n := Region("atlantis").NameEN(); n != "" {
		t.Errorf("unknown region NameEN = %q, want empty", n)
	}
}

// TestProvincesOrderAndRegions checks the whole table against DESIGN section
// 6: which province is in which region, in which order, which are separate.
func TestProvincesOrderAndRegions(t *testing.T) {
	var wantCodes []string
	wantRegion := map[string]Region{}
	for _, w := range wantRegions {
		for _, c := range w.codes {
			wantCodes = append(wantCodes, "CN-"+c)
			wantRegion["CN-"+c] = w.region
		}
	}
	got := Provinces()
	if len(got) != 34 || len(wantCodes) != 34 {
		t.Fatalf("Provinces() has %d entries (table in test %d), want 34", len(got), len(wantCodes))
	}
	seen := map[string]bool{}
	mainland, separate := 0, 0
	for i, p := range got {
		if p.Code != wantCodes[i] {
			t.Errorf("Provinces()[%d].Code = %q, want %q", i, p.Code, wantCodes[i])
		}
		if seen[p.Code] {
			t.Errorf("code %q appears twice", p.Code)
		}
		seen[p.Code] = true
		if p.Region != wantRegion[p.Code] {
			t.Errorf("%s region = %q, want %q", p.Code, p.Region, wantRegion[p.Code])
		}
		if p.Separate != (p.Region == RegionOther) {
			t.Errorf("%s Separate = %v in region %q", p.Code, p.Separate, p.Region)
		}
		if p.Separate {
			separate++
		} else {
			mainland++
		}
		if p.NameEN == "" || p.Pinyin == "" || p.NameZH == "" || p.ShortZH == "" {
			t.Errorf("%s has an empty name: %+v", p.Code, p)
		}
		if !strings.HasPrefix(p.NameZH, p.ShortZH) || p.NameZH == p.ShortZH {
			t.Errorf("%s: ShortZH %q is not a proper prefix of NameZH %q", p.Code, p.ShortZH, p.NameZH)
		}
	}
	if mainland != 31 || separate != 3 {
		t.Errorf("%d mainland and %d separate entries, want 31 and 3", mainland, separate)
	}
}

func TestProvincesReturnsCopy(t *testing.T) {
	a := Provinces()
	a[0].NameEN = "changed"
	if b := Provinces(); b[0].NameEN != "Beijing" {
		t.Errorf("changing the result of Provinces changed the table: %q", b[0].NameEN)
	}
}

// TestLookupProvinceEveryForm looks every province up by every name form
// generated from the table.
func TestLookupProvinceEveryForm(t *testing.T) {
	for _, p := range Provinces() {
		short := strings.TrimPrefix(p.Code, "CN-")
		forms := []string{
			p.Code, short, strings.ToLower(p.Code), strings.ToLower(short),
			"CN_" + short, "cn " + strings.ToLower(short), " " + p.Code + " ",
			p.NameEN, strings.ToUpper(p.NameEN), strings.ToLower(p.NameEN),
			strings.ReplaceAll(p.NameEN, " ", ""), strings.ReplaceAll(p.NameEN, " ", "-"),
			p.NameEN + " Province", strings.ToLower(p.NameEN) + " province",
			p.Pinyin, strings.ToUpper(p.Pinyin), strings.ToLower(p.Pinyin),
			p.NameZH, p.ShortZH, " " + p.ShortZH + "\t", "中国" + p.ShortZH,
		}
		for _, s := range forms {
			got, ok := LookupProvince(s)
			if !ok || got.Code != p.Code {
				t.Errorf("LookupProvince(%q) = %q, %v; want %q", s, got.Code, ok, p.Code)
			}
		}
	}
}

func TestLookupProvinceTricky(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Shanxi", "CN-SX"},
		{"山西", "CN-SX"},
		{"Shaanxi", "CN-SN"},
		{"陕西省", "CN-SN"},
		{"SHAANXI PROVINCE", "CN-SN"},
		{"Inner Mongolia", "CN-NM"},
		{"inner mongolia", "CN-NM"},
		{"InnerMongolia", "CN-NM"},
		{"Inner Mongolia Autonomous Region", "CN-NM"},
		{"Nei Mongol", "CN-NM"},
		{"Neimenggu", "CN-NM"},
		{"nei-menggu", "CN-NM"},
		{"内蒙古", "CN-NM"},
		{"内蒙古自治区", "CN-NM"},
		{"Guangxi", "CN-GX"},
		{"guangxi zhuang autonomous region", "CN-GX"},
		{"Guangxi Zhuang", "CN-GX"},
		{"广西壮族自治区", "CN-GX"},
		{"广西自治区", "CN-GX"},
		{"Xinjiang Uygur Autonomous Region", "CN-XJ"},
		{"Xinjiang Uyghur", "CN-XJ"},
		{"xinjiang uighur autonomous region", "CN-XJ"},
		{"新疆", "CN-XJ"},
		{"新疆维吾尔自治区", "CN-XJ"},
		{"Ningxia Hui Autonomous Region", "CN-NX"},
		{"宁夏", "CN-NX"},
		{"宁夏回族自治区", "CN-NX"},
		{"Anhui", "CN-AH"}, // ends in "hui", which is stripped only after a miss
		{"Anhui Province", "CN-AH"},
		{"Tibet", "CN-XZ"},
		{"Tibet Autonomous Region", "CN-XZ"},
		{"Xizang", "CN-XZ"},
		{"西藏自治区", "CN-XZ"},
		{"Macau", "CN-MO"},
		{"Macao", "CN-MO"},
		{"Macao SAR", "CN-MO"},
		{"澳门特别行政区", "CN-MO"},
		{"Hong Kong", "CN-HK"},
		{"hongkong", "CN-HK"},
		{"Hong Kong SAR", "CN-HK"},
		{"Hong Kong Special Administrative Region", "CN-HK"},
		{"Hong Kong SAR, China", "CN-HK"},
		{"香港", "CN-HK"},
		{"中国香港", "CN-HK"},
		{"香港特别行政区", "CN-HK"},
		{"Taiwan", "CN-TW"},
		{"Taiwan, Province of China", "CN-TW"},
		{"台湾", "CN-TW"},
		{"台湾省", "CN-TW"},
		{"Beijing Municipality", "CN-BJ"},
		{"北京", "CN-BJ"},
		{"北京市", "CN-BJ"},
		{"Guangdong Province", "CN-GD"},
		{"GUANGDONG", "CN-GD"},
		{"广东", "CN-GD"},
		{"广东省", "CN-GD"},
		{"cn-sh", "CN-SH"},
		{"CN_SH", "CN-SH"},
		{"cn sh", "CN-SH"},
		{"sh", "CN-SH"},
		{"HI", "CN-HI"},
		{"Hainan", "CN-HI"},
		{"Hunan", "CN-HN"},
		{"Henan", "CN-HA"},
	}
	for _, tt := range tests {
		got, ok := LookupProvince(tt.in)
		if !ok || got.Code != tt.want {
			t.Errorf("LookupProvince(%q) = %q, %v; want %q", tt.in, got.Code, ok, tt.want)
		}
	}
}

func TestLookupProvinceUnknown(t *testing.T) {
	for _, s := range []string{
		"", "   ", "Atlantis", "CN-XX", "CN-", "CN", "广", "广州市", "Mongolia", "China",
		"province", "Hui", "SAR", "an", "Shan", "Shanxixi", "CN-SH-1", "中国",
	} {
		if got, ok := LookupProvince(s); ok {
			t.Errorf("LookupProvince(%q) = %q, want no match", s, got.Code)
		}
	}
}

func TestProvinceByCode(t *testing.T) {
	tests := []struct {
		in   string
		want string // "" when no match is expected
	}{
		{"CN-SH", "CN-SH"},
		{"cn-sh", "CN-SH"},
		{"Cn-Sh", "CN-SH"},
		{"SH", "CN-SH"},
		{"sh", "CN-SH"},
		{"CN-TW", "CN-TW"},
		{"sx", "CN-SX"},
		{"SN", "CN-SN"},
		{"", ""},
		{"CN-", ""},
		{"CN-XX", ""},
		{"XX", ""},
		{"Shanghai", ""},
		{"上海", ""},
		{"CN_SH", ""},
		{"CNSH", ""},
	}
	for _, tt := range tests {
		got, ok := ProvinceByCode(tt.in)
		if ok != (tt.want != "") || got.Code != tt.want {
			t.Errorf("ProvinceByCode(%q) = %q, %v; want %q", tt.in, got.Code, ok, tt.want)
		}
	}
}

func TestProvinceName(t *testing.T) {
	p, _ := ProvinceByCode("CN-NM")
	for lang, want := range map[string]string{
		"zh": "内蒙古", "zh-Hans": "内蒙古", "zh_CN": "内蒙古",
		"en": "Inner Mongolia", "": "Inner Mongolia", "fr": "Inner Mongolia", "zhx": "Inner Mongolia",
	} {
		if got := p.Name(lang); got != want {
			t.Errorf("Name(%q) = %q, want %q", lang, got, want)
		}
	}
}

var benchProvinceInputs = []string{
	"CN-GD", "Guangdong Province", "广东省", "inner mongolia", "Shaanxi", "Xinjiang Uygur Autonomous Region",
	"北京", "hongkong", "Atlantis", "sh",
}

func BenchmarkLookupProvince(b *testing.B) {
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		LookupProvince(benchProvinceInputs[i%len(benchProvinceInputs)])
	}
}
