package model

import (
	"bytes"
	"slices"
	"strings"
	"sync"

	"golang.org/x/text/collate"
)

// Country is an ISO 3166-1 country or territory, with the names TISC Desk
// shows: the English short name in the United Nations' form ("Republic of
// Korea", "Viet Nam") and the Chinese short name China's Ministry of Foreign
// Affairs uses (韩国, 越南).
type Country struct {
	Code   string // ISO 3166-1 alpha-2, e.g. "KE": what records store
	Alpha3 string // ISO 3166-1 alpha-3, e.g. "KEN"
	NameEN string
	NameZH string
}

// Name returns the country's name for display: the Chinese name when lang is
// "zh" (or a Chinese locale such as "zh-Hans", "zh_CN"), the English name
// otherwise.
func (c Country) Name(lang string) string {
	if LangIsChinese(lang) {
		return c.NameZH
	}
	return c.NameEN
}

// LangIsChinese reports whether lang is "zh" or a Chinese locale.
func LangIsChinese(lang string) bool {
	return lang == "zh" || strings.HasPrefix(lang, "zh-") || strings.HasPrefix(lang, "zh_")
}

// Countries returns every country and territory of ISO 3166-1 (249), by
// code. The slice is the caller's own.
func Countries() []Country {
	out := make([]Country, len(countryTable))
	for i, r := range countryTable {
		out[i] = r.country()
	}
	return out
}

// CountriesByName returns the countries sorted by their name in lang (see
// Country.Name): alphabetically in English, by pinyin in Chinese; for
// pickers. The slice is the caller's own.
func CountriesByName(lang string) []Country {
	list := Countries()
	col := NewCollator()
	var buf collate.Buffer
	keys := make(map[string][]byte, len(list))
	for _, c := range list {
		keys[c.Code] = bytes.Clone(col.KeyFromString(&buf, c.Name(lang)))
		buf.Reset()
	}
	slices.SortFunc(list, func(a, b Country) int { return bytes.Compare(keys[a.Code], keys[b.Code]) })
	return list
}

// CountryByCode returns the country with the ISO 3166-1 alpha-2 code,
// compared case-insensitively and trimmed. It returns false for any other
// string: use LookupCountry for names.
func CountryByCode(code string) (Country, bool) {
	code = strings.TrimSpace(code)
	if len(code) != 2 {
		return Country{}, false
	}
	code = strings.ToUpper(code)
	i, ok := slices.BinarySearchFunc(countryTable, code, func(r countryRow, code string) int {
		return strings.Compare(r.code, code)
	})
	if !ok {
		return Country{}, false
	}
	return countryTable[i].country(), true
}

// CountryName is the name in lang of the country with code, or code itself
// when it is not an ISO 3166-1 code ("" stays "").
func CountryName(code, lang string) string {
	if c, ok := CountryByCode(code); ok {
		return c.Name(lang)
	}
	return code
}

// LookupCountry finds the country s names, however a spreadsheet writes a
// nationality: the alpha-2 or alpha-3 code ("KE", "ken"); the English name
// in any case and spacing, in its ISO, United Nations or common form
// ("Viet Nam", "Vietnam", "Korea, Republic of", "Republic of Korea", "South
// Korea", "Cote d'Ivoire"); the nationality adjective ("Kenyan"); the Chinese
// name, short or full (韩国, 大韩民国), alone or followed by 人 or 籍
// (肯尼亚人, 中国籍). It returns false for an empty or unknown s, and for a
// name that fits two countries ("Korea", "Congolese").
func LookupCountry(s string) (Country, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Country{}, false
	}
	ix := countryIndex()
	if i, ok := ix.Lookup(s); ok {
		return countryTable[i].country(), true
	}
	if i, ok := ix.Lookup(foldAccents(s)); ok {
		return countryTable[i].country(), true
	}
	for _, suffix := range []string{"人", "籍"} {
		if t, cut := strings.CutSuffix(s, suffix); cut {
			if i, ok := ix.Lookup(t); ok {
				return countryTable[i].country(), true
			}
		}
	}
	return Country{}, false
}

// countryIndex finds a country's row by any of its names (see LookupCountry).
var countryIndex = sync.OnceValue(func() ValueIndex[int] {
	ix := ValueIndex[int]{}
	for i, r := range countryTable {
		names := []string{r.code, r.alpha3, r.en, r.zh}
		if r.aliases != "" {
			names = append(names, strings.Split(r.aliases, "; ")...)
		}
		for _, name := range names {
			ix.Add(i, name, foldAccents(name))
			ix.Add(i, unComma(name)...)
		}
	}
	for code, list := range demonyms {
		i, _ := slices.BinarySearchFunc(countryTable, code, func(r countryRow, code string) int {
			return strings.Compare(r.code, code)
		})
		ix.Add(i, strings.Split(list, ", ")...)
	}
	return ix
})

// unComma turns ISO's inverted names into the forms people write:
// "Korea, Republic of" gives "Republic of Korea" and "Korea (Republic of)".
func unComma(name string) []string {
	head, tail, ok := strings.Cut(name, ", ")
	if !ok || !(strings.HasSuffix(tail, " of") || strings.HasSuffix(tail, " of the")) {
		return nil
	}
	return []string{tail + " " + head, head + " (" + tail + ")"}
}

// foldAccents writes the Latin letters with diacritics of the country names
// without them: "Côte d'Ivoire" is also "Cote d'Ivoire".
func foldAccents(s string) string {
	return strings.Map(func(r rune) rune {
		if p, ok := plainLetters()[r]; ok {
			return p
		}
		return r
	}, s)
}

// plainLetters maps each letter of accented to the one of plain at its place.
var plainLetters = sync.OnceValue(func() map[rune]rune {
	const (
		accented = "ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöøùúûüýÿ"
		plain    = "AAAAAACEEEEIIIINOOOOOOUUUUYaaaaaaceeeeiiiinoooooouuuuyy"
	)
	m := make(map[rune]rune, len(plain))
	i := 0
	for _, r := range accented {
		m[r] = rune(plain[i])
		i++
	}
	return m
})

// countryRow is one line of the table: the code, the alpha-3 code, the
// English and Chinese names, and other names separated by "; ".
type countryRow struct{ code, alpha3, en, zh, aliases string }

func (r countryRow) country() Country {
	return Country{Code: r.code, Alpha3: r.alpha3, NameEN: r.en, NameZH: r.zh}
}

// demonyms are the nationality adjectives rosters write ("Kenyan"), for the
// countries whose students and participants TISC Desk is likely to see.
// Adjectives of two countries ("Congolese", "Dominican", "Korean") are left
// out: LookupCountry cannot tell them apart.
var demonyms = map[string]string{
	"AF": "Afghan", "AL": "Albanian", "DZ": "Algerian", "AO": "Angolan", "AR": "Argentine, Argentinian",
	"AM": "Armenian", "AU": "Australian", "AZ": "Azerbaijani", "BD": "Bangladeshi", "BY": "Belarusian",
	"BJ": "Beninese", "BT": "Bhutanese", "BO": "Bolivian", "BA": "Bosnian", "BW": "Botswanan, Motswana, Batswana",
	"BR": "Brazilian", "BN": "Bruneian", "BG": "Bulgarian", "BF": "Burkinabe", "BI": "Burundian",
	"KH": "Cambodian", "CM": "Cameroonian", "CA": "Canadian", "CV": "Cape Verdean", "TD": "Chadian",
	"CL": "Chilean", "CN": "Chinese", "CO": "Colombian", "KM": "Comoran, Comorian", "CR": "Costa Rican",
	"CI": "Ivorian", "HR": "Croatian", "CU": "Cuban", "CZ": "Czech", "DJ": "Djiboutian",
	"EC": "Ecuadorian", "EG": "Egyptian", "SV": "Salvadoran", "ER": "Eritrean", "ET": "Ethiopian",
	"FJ": "Fijian", "FR": "French", "GA": "Gabonese", "GM": "Gambian", "GE": "Georgian",
	"DE": "German", "GH": "Ghanaian", "GB": "British", "GT": "Guatemalan", "GN": "Guinean",
	"GY": "Guyanese", "HT": "Haitian", "HN": "Honduran", "HU": "Hungarian", "IN": "Indian",
	"ID": "Indonesian", "IR": "Iranian", "IQ": "Iraqi", "IT": "Italian", "JM": "Jamaican",
	"JP": "Japanese", "JO": "Jordanian", "KZ": "Kazakh, Kazakhstani", "KE": "Kenyan", "KG": "Kyrgyz, Kyrgyzstani",
	"LA": "Lao, Laotian", "LB": "Lebanese", "LS": "Basotho, Mosotho", "LR": "Liberian", "LY": "Libyan",
	"MG": "Malagasy, Madagascan", "MW": "Malawian", "MY": "Malaysian", "MV": "Maldivian", "ML": "Malian",
	"MR": "Mauritanian", "MU": "Mauritian", "MX": "Mexican", "MD": "Moldovan", "MN": "Mongolian",
	"ME": "Montenegrin", "MA": "Moroccan", "MZ": "Mozambican", "MM": "Burmese", "NA": "Namibian",
	"NP": "Nepalese, Nepali", "NI": "Nicaraguan", "NE": "Nigerien", "NG": "Nigerian", "MK": "Macedonian",
	"OM": "Omani", "PK": "Pakistani", "PS": "Palestinian", "PA": "Panamanian", "PG": "Papua New Guinean",
	"PY": "Paraguayan", "PE": "Peruvian", "PH": "Filipino, Filipina, Philippine", "PL": "Polish", "PT": "Portuguese",
	"QA": "Qatari", "RO": "Romanian", "RU": "Russian", "RW": "Rwandan", "WS": "Samoan",
	"SA": "Saudi, Saudi Arabian", "SN": "Senegalese", "RS": "Serbian", "SC": "Seychellois", "SL": "Sierra Leonean",
	"SG": "Singaporean", "SK": "Slovak", "SO": "Somali", "ZA": "South African", "SS": "South Sudanese",
	"ES": "Spanish", "LK": "Sri Lankan", "SD": "Sudanese", "SZ": "Swazi, Liswati", "CH": "Swiss",
	"SY": "Syrian", "TJ": "Tajik, Tajikistani", "TZ": "Tanzanian", "TH": "Thai", "TL": "Timorese",
	"TG": "Togolese", "TO": "Tongan", "TT": "Trinidadian", "TN": "Tunisian", "TR": "Turkish",
	"TM": "Turkmen", "UG": "Ugandan", "UA": "Ukrainian", "AE": "Emirati", "US": "American",
	"UY": "Uruguayan", "UZ": "Uzbek, Uzbekistani", "VU": "Ni-Vanuatu", "VE": "Venezuelan", "VN": "Vietnamese",
	"YE": "Yemeni", "ZM": "Zambian", "ZW": "Zimbabwean",
}

// countryTable is ISO 3166-1 by code. The English names are those of
// Debian's iso-codes (/usr/share/iso-codes/json/iso_3166-1.json), in the
// United Nations' form where ISO inverts them; the Chinese names start from
// iso-codes' zh_CN translation, corrected to the Ministry of Foreign Affairs'
// short names (柬埔寨, not 柬埔塞; 刚果（金） and 刚果（布）). The ISO,
// common and official names not shown are kept as other names.
var countryTable = []countryRow{
	{"AD", "AND", "Andorra", "安道尔", "Principality of Andorra"},
	{"AE", "ARE", "United Arab Emirates", "阿拉伯联合酋长国", "阿联酋; UAE; U.A.E."},
	{"AF", "AFG", "Afghanistan", "阿富汗", "Islamic Republic of Afghanistan"},
	{"AG", "ATG", "Antigua and Barbuda", "安提瓜和巴布达", ""},
	{"AI", "AIA", "Anguilla", "安圭拉", ""},
	{"AL", "ALB", "Albania", "阿尔巴尼亚", "Republic of Albania"},
	{"AM", "ARM", "Armenia", "亚美尼亚", "Republic of Armenia"},
	{"AO", "AGO", "Angola", "安哥拉", "Republic of Angola"},
	{"AQ", "ATA", "Antarctica", "南极洲", ""},
	{"AR", "ARG", "Argentina", "阿根廷", "Argentine Republic"},
	{"AS", "ASM", "American Samoa", "美属萨摩亚", ""},
	{"AT", "AUT", "Austria", "奥地利", "Republic of Austria"},
	{"AU", "AUS", "Australia", "澳大利亚", ""},
	{"AW", "ABW", "Aruba", "阿鲁巴", ""},
	{"AX", "ALA", "Åland Islands", "奥兰群岛", ""},
	{"AZ", "AZE", "Azerbaijan", "阿塞拜疆", "Republic of Azerbaijan"},
	{"BA", "BIH", "Bosnia and Herzegovina", "波斯尼亚和黑塞哥维那", "Republic of Bosnia and Herzegovina; Bosnia; 波黑"},
	{"BB", "BRB", "Barbados", "巴巴多斯", ""},
	{"BD", "BGD", "Bangladesh", "孟加拉国", "People's Republic of Bangladesh; 孟加拉"},
	{"BE", "BEL", "Belgium", "比利时", "Kingdom of Belgium"},
	{"BF", "BFA", "Burkina Faso", "布基纳法索", ""},
	{"BG", "BGR", "Bulgaria", "保加利亚", "Republic of Bulgaria"},
	{"BH", "BHR", "Bahrain", "巴林", "Kingdom of Bahrain"},
	{"BI", "BDI", "Burundi", "布隆迪", "Republic of Burundi"},
	{"BJ", "BEN", "Benin", "贝宁", "Republic of Benin"},
	{"BL", "BLM", "Saint Barthélemy", "圣巴泰勒米", "圣巴泰勒米岛"},
	{"BM", "BMU", "Bermuda", "百慕大", ""},
	{"BN", "BRN", "Brunei Darussalam", "文莱", "Brunei"},
	{"BO", "BOL", "Bolivia (Plurinational State of)", "玻利维亚", "Bolivia, Plurinational State of; Bolivia; Plurinational State of Bolivia; 玻利维亚共和国"},
	{"BQ", "BES", "Bonaire, Sint Eustatius and Saba", "荷兰加勒比区", "博奈尔、圣尤斯特歇斯岛和萨巴"},
	{"BR", "BRA", "Brazil", "巴西", "Federative Republic of Brazil"},
	{"BS", "BHS", "Bahamas", "巴哈马", "Commonwealth of the Bahamas; The Bahamas"},
	{"BT", "BTN", "Bhutan", "不丹", "Kingdom of Bhutan"},
	{"BV", "BVT", "Bouvet Island", "布韦岛", "布维群岛"},
	{"BW", "BWA", "Botswana", "博茨瓦纳", "Republic of Botswana; 博兹瓦那"},
	{"BY", "BLR", "Belarus", "白俄罗斯", "Republic of Belarus"},
	{"BZ", "BLZ", "Belize", "伯利兹", ""},
	{"CA", "CAN", "Canada", "加拿大", ""},
	{"CC", "CCK", "Cocos (Keeling) Islands", "科科斯（基林）群岛", "科科斯群岛"},
	{"CD", "COD", "Democratic Republic of the Congo", "刚果（金）", "Congo, The Democratic Republic of the; 刚果民主共和国; DR Congo; DRC; Congo-Kinshasa; Congo (Kinshasa); Congo, Democratic Republic of the; 刚果金"},
	{"CF", "CAF", "Central African Republic", "中非", "中非共和国"},
	{"CG", "COG", "Congo", "刚果（布）", "Republic of the Congo; 刚果; Congo-Brazzaville; Congo (Brazzaville); 刚果共和国; 刚果布"},
	{"CH", "CHE", "Switzerland", "瑞士", "Swiss Confederation"},
	{"CI", "CIV", "Côte d'Ivoire", "科特迪瓦", "Republic of Côte d'Ivoire; Ivory Coast; 象牙海岸"},
	{"CK", "COK", "Cook Islands", "库克群岛", ""},
	{"CL", "CHL", "Chile", "智利", "Republic of Chile"},
	{"CM", "CMR", "Cameroon", "喀麦隆", "Republic of Cameroon"},
	{"CN", "CHN", "China", "中国", "People's Republic of China; 中华人民共和国; 中国大陆; PRC; P.R. China; Mainland China"},
	{"CO", "COL", "Colombia", "哥伦比亚", "Republic of Colombia"},
	{"CR", "CRI", "Costa Rica", "哥斯达黎加", "Republic of Costa Rica"},
	{"CU", "CUB", "Cuba", "古巴", "Republic of Cuba"},
	{"CV", "CPV", "Cabo Verde", "佛得角", "Republic of Cabo Verde; Cape Verde"},
	{"CW", "CUW", "Curaçao", "库拉索", ""},
	{"CX", "CXR", "Christmas Island", "圣诞岛", ""},
	{"CY", "CYP", "Cyprus", "塞浦路斯", "Republic of Cyprus"},
	{"CZ", "CZE", "Czechia", "捷克", "Czech Republic"},
	{"DE", "DEU", "Germany", "德国", "Federal Republic of Germany"},
	{"DJ", "DJI", "Djibouti", "吉布提", "Republic of Djibouti"},
	{"DK", "DNK", "Denmark", "丹麦", "Kingdom of Denmark"},
	{"DM", "DMA", "Dominica", "多米尼克", "Commonwealth of Dominica"},
	{"DO", "DOM", "Dominican Republic", "多米尼加", "多米尼加共和国"},
	{"DZ", "DZA", "Algeria", "阿尔及利亚", "People's Democratic Republic of Algeria"},
	{"EC", "ECU", "Ecuador", "厄瓜多尔", "Republic of Ecuador"},
	{"EE", "EST", "Estonia", "爱沙尼亚", "Republic of Estonia"},
	{"EG", "EGY", "Egypt", "埃及", "Arab Republic of Egypt"},
	{"EH", "ESH", "Western Sahara", "西撒哈拉", ""},
	{"ER", "ERI", "Eritrea", "厄立特里亚", "the State of Eritrea"},
	{"ES", "ESP", "Spain", "西班牙", "Kingdom of Spain"},
	{"ET", "ETH", "Ethiopia", "埃塞俄比亚", "Federal Democratic Republic of Ethiopia"},
	{"FI", "FIN", "Finland", "芬兰", "Republic of Finland"},
	{"FJ", "FJI", "Fiji", "斐济", "Republic of Fiji"},
	{"FK", "FLK", "Falkland Islands (Malvinas)", "马尔维纳斯群岛（福克兰）", "福克兰群岛(马尔维纳斯)"},
	{"FM", "FSM", "Micronesia (Federated States of)", "密克罗尼西亚联邦", "Micronesia, Federated States of; Federated States of Micronesia; 密克罗尼西亚; Micronesia"},
	{"FO", "FRO", "Faroe Islands", "法罗群岛", ""},
	{"FR", "FRA", "France", "法国", "French Republic"},
	{"GA", "GAB", "Gabon", "加蓬", "Gabonese Republic"},
	{"GB", "GBR", "United Kingdom", "英国", "United Kingdom of Great Britain and Northern Ireland; UK; U.K.; Great Britain; Britain; 大不列颠及北爱尔兰联合王国"},
	{"GD", "GRD", "Grenada", "格林纳达", ""},
	{"GE", "GEO", "Georgia", "格鲁吉亚", ""},
	{"GF", "GUF", "French Guiana", "法属圭亚那", ""},
	{"GG", "GGY", "Guernsey", "根西", "根西岛"},
	{"GH", "GHA", "Ghana", "加纳", "Republic of Ghana"},
	{"GI", "GIB", "Gibraltar", "直布罗陀", ""},
	{"GL", "GRL", "Greenland", "格陵兰", ""},
	{"GM", "GMB", "Gambia", "冈比亚", "Republic of the Gambia; The Gambia; Gambia, The"},
	{"GN", "GIN", "Guinea", "几内亚", "Republic of Guinea"},
	{"GP", "GLP", "Guadeloupe", "瓜德罗普", ""},
	{"GQ", "GNQ", "Equatorial Guinea", "赤道几内亚", "Republic of Equatorial Guinea"},
	{"GR", "GRC", "Greece", "希腊", "Hellenic Republic"},
	{"GS", "SGS", "South Georgia and the South Sandwich Islands", "南乔治亚和南桑威奇群岛", "南乔治亚岛和南桑德韦奇岛"},
	{"GT", "GTM", "Guatemala", "危地马拉", "Republic of Guatemala; 瓜地马拉"},
	{"GU", "GUM", "Guam", "关岛", ""},
	{"GW", "GNB", "Guinea-Bissau", "几内亚比绍", "Republic of Guinea-Bissau"},
	{"GY", "GUY", "Guyana", "圭亚那", "Republic of Guyana"},
	{"HK", "HKG", "Hong Kong, China", "中国香港", "Hong Kong; Hong Kong Special Administrative Region of China; 香港; Hong Kong SAR; 中国香港特别行政区"},
	{"HM", "HMD", "Heard Island and McDonald Islands", "赫德岛和麦克唐纳群岛", "赫德岛与麦克唐纳群岛"},
	{"HN", "HND", "Honduras", "洪都拉斯", "Republic of Honduras"},
	{"HR", "HRV", "Croatia", "克罗地亚", "Republic of Croatia"},
	{"HT", "HTI", "Haiti", "海地", "Republic of Haiti"},
	{"HU", "HUN", "Hungary", "匈牙利", ""},
	{"ID", "IDN", "Indonesia", "印度尼西亚", "Republic of Indonesia"},
	{"IE", "IRL", "Ireland", "爱尔兰", ""},
	{"IL", "ISR", "Israel", "以色列", "State of Israel"},
	{"IM", "IMN", "Isle of Man", "马恩岛", "曼岛"},
	{"IN", "IND", "India", "印度", "Republic of India"},
	{"IO", "IOT", "British Indian Ocean Territory", "英属印度洋领地", ""},
	{"IQ", "IRQ", "Iraq", "伊拉克", "Republic of Iraq"},
	{"IR", "IRN", "Iran (Islamic Republic of)", "伊朗", "Iran, Islamic Republic of; Iran; Islamic Republic of Iran; 伊朗伊斯兰共和国"},
	{"IS", "ISL", "Iceland", "冰岛", "Republic of Iceland"},
	{"IT", "ITA", "Italy", "意大利", "Italian Republic"},
	{"JE", "JEY", "Jersey", "泽西", "泽西岛"},
	{"JM", "JAM", "Jamaica", "牙买加", ""},
	{"JO", "JOR", "Jordan", "约旦", "Hashemite Kingdom of Jordan"},
	{"JP", "JPN", "Japan", "日本", ""},
	{"KE", "KEN", "Kenya", "肯尼亚", "Republic of Kenya"},
	{"KG", "KGZ", "Kyrgyzstan", "吉尔吉斯斯坦", "Kyrgyz Republic; 吉尔吉斯坦"},
	{"KH", "KHM", "Cambodia", "柬埔寨", "Kingdom of Cambodia; 柬埔塞"},
	{"KI", "KIR", "Kiribati", "基里巴斯", "Republic of Kiribati"},
	{"KM", "COM", "Comoros", "科摩罗", "Union of the Comoros"},
	{"KN", "KNA", "Saint Kitts and Nevis", "圣基茨和尼维斯", ""},
	{"KP", "PRK", "Democratic People's Republic of Korea", "朝鲜", "Korea, Democratic People's Republic of; North Korea; 朝鲜民主主义人民共和国; Korea (Democratic People's Republic of); Korea, North"},
	{"KR", "KOR", "Republic of Korea", "韩国", "Korea, Republic of; South Korea; 大韩民国; Korea (Republic of); Korea, South"},
	{"KW", "KWT", "Kuwait", "科威特", "State of Kuwait"},
	{"KY", "CYM", "Cayman Islands", "开曼群岛", ""},
	{"KZ", "KAZ", "Kazakhstan", "哈萨克斯坦", "Republic of Kazakhstan"},
	{"LA", "LAO", "Lao People's Democratic Republic", "老挝", "Laos; 老挝人民民主共和国; Lao PDR; Lao P.D.R."},
	{"LB", "LBN", "Lebanon", "黎巴嫩", "Lebanese Republic"},
	{"LC", "LCA", "Saint Lucia", "圣卢西亚", "圣路西亚"},
	{"LI", "LIE", "Liechtenstein", "列支敦士登", "Principality of Liechtenstein"},
	{"LK", "LKA", "Sri Lanka", "斯里兰卡", "Democratic Socialist Republic of Sri Lanka"},
	{"LR", "LBR", "Liberia", "利比里亚", "Republic of Liberia"},
	{"LS", "LSO", "Lesotho", "莱索托", "Kingdom of Lesotho"},
	{"LT", "LTU", "Lithuania", "立陶宛", "Republic of Lithuania"},
	{"LU", "LUX", "Luxembourg", "卢森堡", "Grand Duchy of Luxembourg"},
	{"LV", "LVA", "Latvia", "拉脱维亚", "Republic of Latvia"},
	{"LY", "LBY", "Libya", "利比亚", ""},
	{"MA", "MAR", "Morocco", "摩洛哥", "Kingdom of Morocco"},
	{"MC", "MCO", "Monaco", "摩纳哥", "Principality of Monaco"},
	{"MD", "MDA", "Republic of Moldova", "摩尔多瓦", "Moldova, Republic of; Moldova; 摩尔多瓦共和国"},
	{"ME", "MNE", "Montenegro", "黑山", ""},
	{"MF", "MAF", "Saint Martin (French part)", "法属圣马丁", ""},
	{"MG", "MDG", "Madagascar", "马达加斯加", "Republic of Madagascar"},
	{"MH", "MHL", "Marshall Islands", "马绍尔群岛", "Republic of the Marshall Islands"},
	{"MK", "MKD", "North Macedonia", "北马其顿", "Republic of North Macedonia; Macedonia; The former Yugoslav Republic of Macedonia; 马其顿"},
	{"ML", "MLI", "Mali", "马里", "Republic of Mali"},
	{"MM", "MMR", "Myanmar", "缅甸", "Republic of Myanmar; Burma"},
	{"MN", "MNG", "Mongolia", "蒙古国", "蒙古"},
	{"MO", "MAC", "Macao, China", "中国澳门", "Macao; Macao Special Administrative Region of China; 澳门; Macau; Macao SAR; 中国澳门特别行政区"},
	{"MP", "MNP", "Northern Mariana Islands", "北马里亚纳群岛", "Commonwealth of the Northern Mariana Islands"},
	{"MQ", "MTQ", "Martinique", "马提尼克", ""},
	{"MR", "MRT", "Mauritania", "毛里塔尼亚", "Islamic Republic of Mauritania"},
	{"MS", "MSR", "Montserrat", "蒙特塞拉特", "蒙塞拉特岛"},
	{"MT", "MLT", "Malta", "马耳他", "Republic of Malta; 马尔他"},
	{"MU", "MUS", "Mauritius", "毛里求斯", "Republic of Mauritius"},
	{"MV", "MDV", "Maldives", "马尔代夫", "Republic of Maldives"},
	{"MW", "MWI", "Malawi", "马拉维", "Republic of Malawi"},
	{"MX", "MEX", "Mexico", "墨西哥", "United Mexican States"},
	{"MY", "MYS", "Malaysia", "马来西亚", ""},
	{"MZ", "MOZ", "Mozambique", "莫桑比克", "Republic of Mozambique"},
	{"NA", "NAM", "Namibia", "纳米比亚", "Republic of Namibia"},
	{"NC", "NCL", "New Caledonia", "新喀里多尼亚", ""},
	{"NE", "NER", "Niger", "尼日尔", "Republic of the Niger"},
	{"NF", "NFK", "Norfolk Island", "诺福克岛", ""},
	{"NG", "NGA", "Nigeria", "尼日利亚", "Federal Republic of Nigeria"},
	{"NI", "NIC", "Nicaragua", "尼加拉瓜", "Republic of Nicaragua"},
	{"NL", "NLD", "Netherlands", "荷兰", "Kingdom of the Netherlands; The Netherlands; Holland"},
	{"NO", "NOR", "Norway", "挪威", "Kingdom of Norway"},
	{"NP", "NPL", "Nepal", "尼泊尔", "Federal Democratic Republic of Nepal"},
	{"NR", "NRU", "Nauru", "瑙鲁", "Republic of Nauru"},
	{"NU", "NIU", "Niue", "纽埃", ""},
	{"NZ", "NZL", "New Zealand", "新西兰", ""},
	{"OM", "OMN", "Oman", "阿曼", "Sultanate of Oman"},
	{"PA", "PAN", "Panama", "巴拿马", "Republic of Panama"},
	{"PE", "PER", "Peru", "秘鲁", "Republic of Peru"},
	{"PF", "PYF", "French Polynesia", "法属波利尼西亚", "法属玻利尼西亚"},
	{"PG", "PNG", "Papua New Guinea", "巴布亚新几内亚", "Independent State of Papua New Guinea"},
	{"PH", "PHL", "Philippines", "菲律宾", "Republic of the Philippines; The Philippines"},
	{"PK", "PAK", "Pakistan", "巴基斯坦", "Islamic Republic of Pakistan"},
	{"PL", "POL", "Poland", "波兰", "Republic of Poland"},
	{"PM", "SPM", "Saint Pierre and Miquelon", "圣皮埃尔和密克隆", ""},
	{"PN", "PCN", "Pitcairn", "皮特凯恩群岛", "皮特克恩"},
	{"PR", "PRI", "Puerto Rico", "波多黎各", ""},
	{"PS", "PSE", "State of Palestine", "巴勒斯坦", "Palestine, State of; the State of Palestine; Palestine"},
	{"PT", "PRT", "Portugal", "葡萄牙", "Portuguese Republic"},
	{"PW", "PLW", "Palau", "帕劳", "Republic of Palau"},
	{"PY", "PRY", "Paraguay", "巴拉圭", "Republic of Paraguay"},
	{"QA", "QAT", "Qatar", "卡塔尔", "State of Qatar"},
	{"RE", "REU", "Réunion", "留尼汪", ""},
	{"RO", "ROU", "Romania", "罗马尼亚", ""},
	{"RS", "SRB", "Serbia", "塞尔维亚", "Republic of Serbia"},
	{"RU", "RUS", "Russian Federation", "俄罗斯", "Russia; 俄罗斯联邦"},
	{"RW", "RWA", "Rwanda", "卢旺达", "Rwandese Republic"},
	{"SA", "SAU", "Saudi Arabia", "沙特阿拉伯", "Kingdom of Saudi Arabia"},
	{"SB", "SLB", "Solomon Islands", "所罗门群岛", ""},
	{"SC", "SYC", "Seychelles", "塞舌尔", "Republic of Seychelles"},
	{"SD", "SDN", "Sudan", "苏丹", "Republic of the Sudan"},
	{"SE", "SWE", "Sweden", "瑞典", "Kingdom of Sweden"},
	{"SG", "SGP", "Singapore", "新加坡", "Republic of Singapore"},
	{"SH", "SHN", "Saint Helena, Ascension and Tristan da Cunha", "圣赫勒拿、阿森松和特里斯坦-达库尼亚", "圣赫勒拿-阿森松-特里斯坦达库尼亚"},
	{"SI", "SVN", "Slovenia", "斯洛文尼亚", "Republic of Slovenia"},
	{"SJ", "SJM", "Svalbard and Jan Mayen", "斯瓦尔巴和扬马延", "斯瓦尔巴特和扬马延岛"},
	{"SK", "SVK", "Slovakia", "斯洛伐克", "Slovak Republic"},
	{"SL", "SLE", "Sierra Leone", "塞拉利昂", "Republic of Sierra Leone"},
	{"SM", "SMR", "San Marino", "圣马力诺", "Republic of San Marino; 圣马力诺市"},
	{"SN", "SEN", "Senegal", "塞内加尔", "Republic of Senegal"},
	{"SO", "SOM", "Somalia", "索马里", "Federal Republic of Somalia"},
	{"SR", "SUR", "Suriname", "苏里南", "Republic of Suriname"},
	{"SS", "SSD", "South Sudan", "南苏丹", "Republic of South Sudan"},
	{"ST", "STP", "Sao Tome and Principe", "圣多美和普林西比", "Democratic Republic of Sao Tome and Principe; São Tomé and Príncipe"},
	{"SV", "SLV", "El Salvador", "萨尔瓦多", "Republic of El Salvador"},
	{"SX", "SXM", "Sint Maarten (Dutch part)", "荷属圣马丁", ""},
	{"SY", "SYR", "Syrian Arab Republic", "叙利亚", "Syria; 阿拉伯叙利亚共和国"},
	{"SZ", "SWZ", "Eswatini", "斯威士兰", "Kingdom of Eswatini; Swaziland; 埃斯瓦蒂尼"},
	{"TC", "TCA", "Turks and Caicos Islands", "特克斯和凯科斯群岛", ""},
	{"TD", "TCD", "Chad", "乍得", "Republic of Chad"},
	{"TF", "ATF", "French Southern Territories", "法属南部领地", "法属南半球领地"},
	{"TG", "TGO", "Togo", "多哥", "Togolese Republic"},
	{"TH", "THA", "Thailand", "泰国", "Kingdom of Thailand"},
	{"TJ", "TJK", "Tajikistan", "塔吉克斯坦", "Republic of Tajikistan"},
	{"TK", "TKL", "Tokelau", "托克劳", ""},
	{"TL", "TLS", "Timor-Leste", "东帝汶", "Democratic Republic of Timor-Leste; East Timor"},
	{"TM", "TKM", "Turkmenistan", "土库曼斯坦", ""},
	{"TN", "TUN", "Tunisia", "突尼斯", "Republic of Tunisia"},
	{"TO", "TON", "Tonga", "汤加", "Kingdom of Tonga"},
	{"TR", "TUR", "Türkiye", "土耳其", "Republic of Türkiye; Turkey"},
	{"TT", "TTO", "Trinidad and Tobago", "特立尼达和多巴哥", "Republic of Trinidad and Tobago; 特里尼达和多巴哥"},
	{"TV", "TUV", "Tuvalu", "图瓦卢", ""},
	{"TW", "TWN", "Taiwan, China", "中国台湾", "Taiwan, Province of China; Taiwan; 中国台湾省; 台湾"},
	{"TZ", "TZA", "United Republic of Tanzania", "坦桑尼亚", "Tanzania, United Republic of; Tanzania"},
	{"UA", "UKR", "Ukraine", "乌克兰", ""},
	{"UG", "UGA", "Uganda", "乌干达", "Republic of Uganda"},
	{"UM", "UMI", "United States Minor Outlying Islands", "美国本土外小岛屿", ""},
	{"US", "USA", "United States of America", "美国", "United States; U.S.A.; America; 美利坚合众国"},
	{"UY", "URY", "Uruguay", "乌拉圭", "Eastern Republic of Uruguay"},
	{"UZ", "UZB", "Uzbekistan", "乌兹别克斯坦", "Republic of Uzbekistan"},
	{"VA", "VAT", "Holy See", "梵蒂冈", "Holy See (Vatican City State); 梵地冈; Vatican; Vatican City"},
	{"VC", "VCT", "Saint Vincent and the Grenadines", "圣文森特和格林纳丁斯", ""},
	{"VE", "VEN", "Venezuela (Bolivarian Republic of)", "委内瑞拉", "Venezuela, Bolivarian Republic of; Venezuela; Bolivarian Republic of Venezuela; 委内瑞拉玻利瓦尔共和国"},
	{"VG", "VGB", "British Virgin Islands", "英属维尔京群岛", "Virgin Islands, British"},
	{"VI", "VIR", "United States Virgin Islands", "美属维尔京群岛", "Virgin Islands, U.S.; Virgin Islands of the United States"},
	{"VN", "VNM", "Viet Nam", "越南", "Vietnam; Socialist Republic of Viet Nam"},
	{"VU", "VUT", "Vanuatu", "瓦努阿图", "Republic of Vanuatu"},
	{"WF", "WLF", "Wallis and Futuna", "瓦利斯和富图纳", ""},
	{"WS", "WSM", "Samoa", "萨摩亚", "Independent State of Samoa"},
	{"YE", "YEM", "Yemen", "也门", "Republic of Yemen"},
	{"YT", "MYT", "Mayotte", "马约特", ""},
	{"ZA", "ZAF", "South Africa", "南非", "Republic of South Africa"},
	{"ZM", "ZMB", "Zambia", "赞比亚", "Republic of Zambia"},
	{"ZW", "ZWE", "Zimbabwe", "津巴布韦", "Republic of Zimbabwe"},
}
