package model

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// CatalogueEntry is one built-in WIPO Academy distance-learning course.
type CatalogueEntry struct {
	Number  string // three digits, "101"
	TitleEN string
	TitleZH string
}

// builtinCatalogue holds the courses whose number and English title appear in
// the WIPO Academy's published distance-learning catalogue. Courses that
// could not be checked there are left for the user to add.
var builtinCatalogue = []CatalogueEntry{
	{"001", "Intellectual Property Primer", "知识产权入门"},
	{"101", "General Course on Intellectual Property", "知识产权通识课程"},
	{"201", "Advanced Course on Copyright and Related Rights", "版权与相关权高级课程"},
	{"202", "Advanced Course on E-Commerce and Intellectual Property", "电子商务与知识产权高级课程"},
	{"204", "Advanced Course on Biotechnology and Intellectual Property", "生物技术与知识产权高级课程"},
	{"301", "Patents", "专利"},
	{"302", "Trademarks, Industrial Designs and Geographical Indications", "商标、工业品外观设计和地理标志"},
	{"317", "Arbitration and Mediation Procedure under the WIPO Rules", "WIPO规则下的仲裁与调解程序"},
	{"318", "Patent Information Search", "专利信息检索"},
	{"320", "Basics of Patent Drafting", "专利撰写基础"},
}

// BuiltinCatalogue returns the built-in courses ordered by number. The slice
// is the caller's own.
func BuiltinCatalogue() []CatalogueEntry { return slices.Clone(builtinCatalogue) }

// Language is the language of a DL session, stored as the Academy's one-letter code.
type Language string

// The languages of DL sessions, by the letter in their session codes.
const (
	LangEnglish    Language = "E"
	LangChinese    Language = "C"
	LangFrench     Language = "F"
	LangSpanish    Language = "S"
	LangArabic     Language = "A"
	LangRussian    Language = "R"
	LangPortuguese Language = "P"
)

var LanguageTable = []EnumName[Language]{
	{LangEnglish, "English", "英语"},
	{LangChinese, "Chinese", "中文"},
	{LangFrench, "French", "法语"},
	{LangSpanish, "Spanish", "西班牙语"},
	{LangArabic, "Arabic", "阿拉伯语"},
	{LangRussian, "Russian", "俄语"},
	{LangPortuguese, "Portuguese", "葡萄牙语"},
}

// Languages returns the session languages: E, C, F, S, A, R, P.
func Languages() []Language { return values(LanguageTable) }

// Valid reports whether l is one of Languages.
func (l Language) Valid() bool { return lookupEnum(LanguageTable, l) != nil }

// NameEN returns the language's English name, or "" for an unknown letter.
func (l Language) NameEN() string { return lookupEnum(LanguageTable, l).en() }

// NameZH returns the language's Chinese name, or "" for an unknown letter.
func (l Language) NameZH() string { return lookupEnum(LanguageTable, l).zh() }

// ErrBadSessionCode is wrapped by every error of ParseSessionCode.
var ErrBadSessionCode = errors.New("bad session code")

// SessionCode is a parsed DL session code such as 101C18S1.
type SessionCode struct {
	Course   string   // "101"
	Language Language // LangChinese
	Year     int      // 2018
	Semester int      // 1
}

// sessionCodeError says what is wrong with one session code; it wraps
// ErrBadSessionCode without repeating it in the message.
type sessionCodeError struct {
	input   string
	problem string
	// why is the reason an import gives for the code, in parts.
	why ImportText
}

func (e *sessionCodeError) Error() string {
	return fmt.Sprintf("session code %q: %s", e.input, e.problem)
}

func (e *sessionCodeError) Unwrap() error { return ErrBadSessionCode }

// SessionCodeReason is the reason an import gives for a code that
// ParseSessionCode refused with err, in parts; false when err is not such a
// refusal.
func SessionCodeReason(err error) (ImportText, bool) {
	var sce *sessionCodeError
	if errors.As(err, &sce) {
		return sce.why, true
	}
	return ImportText{}, false
}

const sessionCodeForm = "expected the form NNNLYYSn, e.g. 101C18S1"

// ParseSessionCode parses a code of the form NNNLYYSn: three-digit course
// number, language letter, two-digit year (20YY), "S" and the semester 1-9.
// Surrounding space and case are ignored, and a "DL", "DL-" or "DL " prefix
// is allowed: " dl-101c18s1 " is 101C18S1. Every error wraps
// ErrBadSessionCode and says what is wrong.
func ParseSessionCode(s string) (SessionCode, error) {
	input := strings.TrimSpace(s)
	code := input
	if len(code) >= 2 && (code[0] == 'D' || code[0] == 'd') && (code[1] == 'L' || code[1] == 'l') {
		code = code[2:]
		code = strings.TrimSpace(strings.TrimPrefix(code, "-"))
	}
	if !matchesSessionForm(code) {
		return SessionCode{}, &sessionCodeError{input, sessionCodeForm,
			Because(input, "is not a session code (expected the form NNNLYYSn, e.g. 101C18S1)")}
	}
	lang := languageOfLetter(code[3])
	if lang == "" {
		letter := strings.ToUpper(code[3:4])
		return SessionCode{}, &sessionCodeError{input, fmt.Sprintf(
			"unknown language letter %q (expected one of E, C, F, S, A, R, P)", letter),
			Because(input, "is not a session code: unknown language letter {{.Letter}} (expected one of E, C, F, S, A, R, P)",
				map[string]any{"Letter": strconv.Quote(letter)})}
	}
	semester := int(code[7] - '0')
	if semester == 0 {
		return SessionCode{}, &sessionCodeError{input, "semester 0 does not exist (expected S1 to S9)",
			Because(input, "is not a session code: semester 0 does not exist (expected S1 to S9)")}
	}
	return SessionCode{
		Course:   code[:3],
		Language: lang,
		Year:     2000 + int(code[4]-'0')*10 + int(code[5]-'0'),
		Semester: semester,
	}, nil
}

// String returns the canonical form, "101C18S1". The year is written with
// its last two digits.
func (c SessionCode) String() string {
	return fmt.Sprintf("%s%s%02dS%d", c.Course, c.Language, c.Year%100, c.Semester)
}

// matchesSessionForm reports whether code has the shape NNNLYYSn, with any
// letter in place of L. A hand-written check, not a regexp: an import of a
// few hundred thousand enrolments parses a code per row.
func matchesSessionForm(code string) bool {
	const form = "NNNLYYSn"
	if len(code) != len(form) {
		return false
	}
	for i := range len(form) {
		c := code[i] | 0x20 // ASCII lower case; digits are unchanged
		switch form[i] {
		case 'L':
			if c < 'a' || c > 'z' {
				return false
			}
		case 'S':
			if c != 's' {
				return false
			}
		default:
			if code[i] < '0' || code[i] > '9' {
				return false
			}
		}
	}
	return true
}

// languageOfLetter returns the language whose letter is c, in either case,
// or "" when there is none.
func languageOfLetter(c byte) Language {
	switch c | 0x20 {
	case 'e':
		return LangEnglish
	case 'c':
		return LangChinese
	case 'f':
		return LangFrench
	case 's':
		return LangSpanish
	case 'a':
		return LangArabic
	case 'r':
		return LangRussian
	case 'p':
		return LangPortuguese
	}
	return ""
}
