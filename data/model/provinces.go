package model

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Region is one of China's six macro-regions used to group provinces in reports.
type Region string

// The six macro-regions, and RegionOther for Hong Kong, Macao and Taiwan.
const (
	RegionNorth        Region = "north"         // 华北 BJ TJ HE SX NM
	RegionNortheast    Region = "northeast"     // 东北 LN JL HL
	RegionEast         Region = "east"          // 华东 SH JS ZJ AH FJ JX SD
	RegionSouthCentral Region = "south_central" // 中南 HA HB HN GD GX HI
	RegionSouthwest    Region = "southwest"     // 西南 CQ SC GZ YN XZ
	RegionNorthwest    Region = "northwest"     // 西北 SN GS QH NX XJ
	RegionOther        Region = "other"         // 港澳台: HK MO TW
)

var regions = []EnumName[Region]{
	{RegionNorth, "North", "华北"},
	{RegionNortheast, "Northeast", "东北"},
	{RegionEast, "East", "华东"},
	{RegionSouthCentral, "South Central", "中南"},
	{RegionSouthwest, "Southwest", "西南"},
	{RegionNorthwest, "Northwest", "西北"},
	{RegionOther, "Hong Kong, Macao and Taiwan", "港澳台"},
}

// Regions returns the regions in report order, RegionOther last.
func Regions() []Region { return values(regions) }

// NameEN returns the region's English name, or "" for an unknown region.
func (r Region) NameEN() string { return lookupEnum(regions, r).en() }

// NameZH returns the region's Chinese name, or "" for an unknown region.
func (r Region) NameZH() string { return lookupEnum(regions, r).zh() }

// Province is one provincial-level division: the 31 of the mainland, and
// Hong Kong, Macao and Taiwan flagged as Separate.
type Province struct {
	Code     string // ISO 3166-2:CN, e.g. "CN-SH"
	NameEN   string // "Shanghai", "Inner Mongolia", "Tibet"
	Pinyin   string // pinyin of the short name: "Neimenggu", "Xizang", "Shaanxi"
	NameZH   string // full official name: "上海市", "内蒙古自治区"
	ShortZH  string // "上海", "内蒙古"
	Region   Region
	Separate bool // true for Hong Kong, Macao and Taiwan
}

// provinces is grouped by region in the order of Regions, then in the order
// of DESIGN section 6; reports print it in this order.
var provinces = []Province{
	{"CN-BJ", "Beijing", "Beijing", "北京市", "北京", RegionNorth, false},
	{"CN-TJ", "Tianjin", "Tianjin", "天津市", "天津", RegionNorth, false},
	{"CN-HE", "Hebei", "Hebei", "河北省", "河北", RegionNorth, false},
	{"CN-SX", "Shanxi", "Shanxi", "山西省", "山西", RegionNorth, false},
	{"CN-NM", "Inner Mongolia", "Neimenggu", "内蒙古自治区", "内蒙古", RegionNorth, false},

	{"CN-LN", "Liaoning", "Liaoning", "辽宁省", "辽宁", RegionNortheast, false},
	{"CN-JL", "Jilin", "Jilin", "吉林省", "吉林", RegionNortheast, false},
	{"CN-HL", "Heilongjiang", "Heilongjiang", "黑龙江省", "黑龙江", RegionNortheast, false},

	{"CN-SH", "Shanghai", "Shanghai", "上海市", "上海", RegionEast, false},
	{"CN-JS", "Jiangsu", "Jiangsu", "江苏省", "江苏", RegionEast, false},
	{"CN-ZJ", "Zhejiang", "Zhejiang", "浙江省", "浙江", RegionEast, false},
	{"CN-AH", "Anhui", "Anhui", "安徽省", "安徽", RegionEast, false},
	{"CN-FJ", "Fujian", "Fujian", "福建省", "福建", RegionEast, false},
	{"CN-JX", "Jiangxi", "Jiangxi", "江西省", "江西", RegionEast, false},
	{"CN-SD", "Shandong", "Shandong", "山东省", "山东", RegionEast, false},

	{"CN-HA", "Henan", "Henan", "河南省", "河南", RegionSouthCentral, false},
	{"CN-HB", "Hubei", "Hubei", "湖北省", "湖北", RegionSouthCentral, false},
	{"CN-HN", "Hunan", "Hunan", "湖南省", "湖南", RegionSouthCentral, false},
	{"CN-GD", "Guangdong", "Guangdong", "广东省", "广东", RegionSouthCentral, false},
	{"CN-GX", "Guangxi", "Guangxi", "广西壮族自治区", "广西", RegionSouthCentral, false},
	{"CN-HI", "Hainan", "Hainan", "海南省", "海南", RegionSouthCentral, false},

	{"CN-CQ", "Chongqing", "Chongqing", "重庆市", "重庆", RegionSouthwest, false},
	{"CN-SC", "Sichuan", "Sichuan", "四川省", "四川", RegionSouthwest, false},
	{"CN-GZ", "Guizhou", "Guizhou", "贵州省", "贵州", RegionSouthwest, false},
	{"CN-YN", "Yunnan", "Yunnan", "云南省", "云南", RegionSouthwest, false},
	{"CN-XZ", "Tibet", "Xizang", "西藏自治区", "西藏", RegionSouthwest, false},

	{"CN-SN", "Shaanxi", "Shaanxi", "陕西省", "陕西", RegionNorthwest, false},
	{"CN-GS", "Gansu", "Gansu", "甘肃省", "甘肃", RegionNorthwest, false},
	{"CN-QH", "Qinghai", "Qinghai", "青海省", "青海", RegionNorthwest, false},
	{"CN-NX", "Ningxia", "Ningxia", "宁夏回族自治区", "宁夏", RegionNorthwest, false},
	{"CN-XJ", "Xinjiang", "Xinjiang", "新疆维吾尔自治区", "新疆", RegionNorthwest, false},

	{"CN-HK", "Hong Kong", "Xianggang", "香港特别行政区", "香港", RegionOther, true},
	{"CN-MO", "Macao", "Aomen", "澳门特别行政区", "澳门", RegionOther, true},
	{"CN-TW", "Taiwan", "Taiwan", "台湾省", "台湾", RegionOther, true},
}

// provinceAliases are further spellings met in spreadsheets, keyed by ISO
// code. The code, English name, pinyin and Chinese names need no alias.
var provinceAliases = map[string][]string{
	"CN-NM": {"Nei Mongol", "內蒙古"},
	"CN-MO": {"Macau", "澳門"},
	"CN-TW": {"臺灣", "台灣"},
}

// Suffixes that LookupProvince strips, one at a time, when the whole key is
// not known. They are in normalised form (see provinceKey). Stripping only
// after a miss keeps "anhui" from losing its "hui".
var provinceSuffixes = []string{
	"province", "municipality", "autonomousregion", "specialadministrativeregion",
	"sar", "provinceofchina", ",china", "china", ",",
	"zhuang", "hui", "uygur", "uyghur", "uighur",
	"特别行政区", "特別行政區", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市",
}

// provinceIndex maps every normalised name of a province to its position in
// provinces. It is built once, on first use.
var provinceIndex = sync.OnceValue(func() map[string]int {
	m := make(map[string]int, len(provinces)*10)
	add := func(name string, i int) {
		var buf [64]byte
		k := provinceKey(buf[:0], name)
		if j, dup := m[string(k)]; dup && j != i {
			panic("data: province name " + name + " is ambiguous")
		}
		m[string(k)] = i
	}
	for i, p := range provinces {
		short := p.Code[len("CN-"):]
		for _, name := range []string{p.Code, short, "CN" + short, p.NameEN, p.Pinyin, p.NameZH, p.ShortZH} {
			add(name, i)
		}
		for _, name := range provinceAliases[p.Code] {
			add(name, i)
		}
	}
	return m
})

// provinceKey appends s to dst lower-cased (ASCII only), without spaces,
// hyphens, underscores and dots, so that "Inner-Mongolia", "inner mongolia"
// and "InnerMongolia" share a key. A leading "中国" is dropped, as in "中国香港".
func provinceKey(dst []byte, s string) []byte {
	s = strings.TrimPrefix(strings.TrimSpace(s), "中国")
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c == ' ' || c == '-' || c == '_' || c == '.' || c == '\t':
			case 'A' <= c && c <= 'Z':
				dst = append(dst, c+'a'-'A')
			default:
				dst = append(dst, c)
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsSpace(r) && r != '·' {
			dst = append(dst, s[i:i+n]...)
		}
		i += n
	}
	return dst
}

// LookupProvince finds the province that s names, however a spreadsheet
// spells it: the ISO code with or without "CN-" ("CN-SH", "sh", "cn_sh"), the
// English name or the pinyin in any case and spacing ("Inner Mongolia",
// "neimenggu", "Shaanxi"), the Chinese name with or without its suffix
// ("广西", "广西壮族自治区"), and any of these followed by "Province",
// "Municipality", "Autonomous Region", "SAR" and the like. It returns false
// for an empty or unknown s.
func LookupProvince(s string) (Province, bool) {
	var buf [64]byte
	key := provinceKey(buf[:0], s)
	index := provinceIndex()
	for len(key) > 0 {
		if i, ok := index[string(key)]; ok {
			return provinces[i], true
		}
		stripped := false
		for _, suffix := range provinceSuffixes {
			if len(key) > len(suffix) && string(key[len(key)-len(suffix):]) == suffix {
				key = key[:len(key)-len(suffix)]
				stripped = true
				break
			}
		}
		if !stripped {
			break
		}
	}
	return Province{}, false
}

// Provinces returns all 34 entries, grouped by region in the order of Regions
// and in a fixed order within each region. The slice is the caller's own.
func Provinces() []Province { return slices.Clone(provinces) }

// ProvinceAt is the province at index i of Provinces, without a copy of the
// list: for indexes that keep a province as a small number.
func ProvinceAt(i int) Province { return provinces[i] }

// ProvinceByCode returns the province with the ISO 3166-2:CN code, compared
// case-insensitively; the "CN-" prefix may be left out ("sh"). It returns
// false for any other string: use LookupProvince for names.
func ProvinceByCode(code string) (Province, bool) {
	if len(code) == len("CN-SH") && strings.EqualFold(code[:3], "CN-") {
		code = code[3:]
	}
	if len(code) != 2 {
		return Province{}, false
	}
	for _, p := range provinces {
		if strings.EqualFold(p.Code[3:], code) {
			return p, true
		}
	}
	return Province{}, false
}

// Name returns the province's name for display: the short Chinese name when
// lang is "zh" (or a Chinese locale such as "zh-Hans", "zh_CN"), the English
// name otherwise.
func (p Province) Name(lang string) string {
	if lang == "zh" || strings.HasPrefix(lang, "zh-") || strings.HasPrefix(lang, "zh_") {
		return p.ShortZH
	}
	return p.NameEN
}
