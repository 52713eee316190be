package reports

import (
	"fmt"
	"strconv"
	"strings"

	"tiscdesk/data"
)

// Lang is the language a report is written in.
type Lang string

// The report languages.
const (
	English Lang = "en"
	Chinese Lang = "zh"
)

// ParseLang accepts "en" or "zh" (and "english", "chinese", "zh-Hans",
// "zh_CN", any case). It returns false for anything else.
func ParseLang(s string) (Lang, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	switch {
	case s == "en" || s == "english" || strings.HasPrefix(s, "en-") || strings.HasPrefix(s, "en_"):
		return English, true
	case s == "zh" || s == "chinese" || strings.HasPrefix(s, "zh-") || strings.HasPrefix(s, "zh_"):
		return Chinese, true
	}
	return "", false
}

// phrase is one piece of report text in both languages. The Chinese may
// take the same fmt verbs as the English, in the same order.
type phrase struct{ en, zh string }

// in returns p in language l.
func (l Lang) in(p phrase) string {
	if l == Chinese {
		return p.zh
	}
	return p.en
}

// f formats p in language l with args.
func (l Lang) f(p phrase, args ...any) string { return fmt.Sprintf(l.in(p), args...) }

// named is an enumerated value of package data with its display names.
type named interface {
	NameEN() string
	NameZH() string
}

// name is v's display name in language l.
func name(l Lang, v named) string {
	if l == Chinese {
		return v.NameZH()
	}
	return v.NameEN()
}

var monthsEN = [...]string{"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"}

// longDate writes d in full: "21 November 2026", "2026年11月21日". An unset
// or malformed date is written as it is.
func (l Lang) longDate(d data.Date) string {
	if !d.Valid() {
		return string(d)
	}
	t := d.Time()
	if l == Chinese {
		return fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day())
	}
	return fmt.Sprintf("%d %s %d", t.Day(), monthsEN[t.Month()-1], t.Year())
}

// period writes p for a title block: "1 January 2026 – 21 November 2026",
// "2026年1月1日至2026年11月21日", with the open ends said in words.
func (l Lang) period(p data.Period) string {
	switch {
	case p.From == "" && p.To == "":
		return l.in(phAllRecords)
	case p.From == "":
		return l.f(phUntil, l.longDate(p.To))
	case p.To == "":
		return l.f(phSince, l.longDate(p.From))
	}
	return l.f(phFromTo, l.longDate(p.From), l.longDate(p.To))
}

// num writes n with thousands separators: 200,000.
func num(n int) string {
	s := strconv.Itoa(n)
	if n < 0 {
		return "-" + num(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// percent writes part/whole as a whole percentage, or "–" when whole is 0.
func percent(part, whole int) string {
	if whole == 0 {
		return "–"
	}
	return strconv.Itoa(int(float64(part)*100/float64(whole)+0.5)) + "%"
}

// dash stands in for a value that is not set.
const dash = "–"

// orDash is s, or a dash when s is blank.
func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return dash
	}
	return s
}

// country names an ISO 3166-1 alpha-2 code in language l, as the rest of
// TISC Desk does (the United Nations' English names, the Chinese names of
// China's Ministry of Foreign Affairs); an unknown code is written as it is.
func (l Lang) country(code string) string {
	if code == "" {
		return l.in(phNotRecorded)
	}
	return data.CountryName(code, string(l))
}

// province names the province with ISO code in language l.
func (l Lang) province(code string) string {
	if code == "" {
		return l.in(phNotRecorded)
	}
	p, ok := data.ProvinceByCode(code)
	if !ok {
		return code
	}
	return p.Name(string(l))
}

// institution is an institution's name as a report prints it: the local
// name, with the English one after it in an English report.
func (l Lang) institution(in *data.Institution) string {
	if in == nil {
		return dash
	}
	if l == English && in.EnglishName != "" && in.LocalName != "" && in.EnglishName != in.LocalName {
		return in.LocalName + " (" + in.EnglishName + ")"
	}
	return in.DisplayName()
}

// courseTitle is a course's title in language l, falling back to English.
func (l Lang) courseTitle(c *data.Course) string {
	if c == nil {
		return dash
	}
	if l == Chinese && c.TitleZH != "" {
		return c.TitleZH
	}
	return c.TitleEN
}
