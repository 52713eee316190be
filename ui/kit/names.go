package kit

import (
	"fyne.io/fyne/v2/lang"

	"tiscdesk/data"
)

// Display names of the domain's enumerations. English words repeat across
// them with different Chinese ("Withdrawn" is 已退出 for an enrolment, 退学
// for a student), so each is translated under its own key, "stage.visited",
// with data's English name as the fallback. A test checks that every key's
// Chinese translation equals data's Chinese name.

// StageName is a pipeline stage in the interface's language.
func StageName(s data.Stage) string { return lang.X("stage."+string(s), s.NameEN()) }

// RegionName is a region in the interface's language.
func RegionName(r data.Region) string { return lang.X("region."+string(r), r.NameEN()) }

// ProvinceName is the province of code in the interface's language.
func ProvinceName(code string) string {
	p, ok := data.ProvinceByCode(code)
	if !ok {
		return code
	}
	if InterfaceIsChinese() {
		return p.ShortZH
	}
	return p.NameEN
}

// TypeName is an institution type in the interface's language.
func TypeName(t data.InstitutionType) string {
	if t == "" {
		return "" // not given (an institution imported without it)
	}
	return lang.X("institution_type."+string(t), t.NameEN())
}

// ServiceName is a TISC service in the interface's language.
func ServiceName(v data.Service) string { return lang.X("service."+string(v), v.NameEN()) }

// VisitKindName is a kind of visit in the interface's language.
func VisitKindName(k data.VisitKind) string { return lang.X("visit_kind."+string(k), k.NameEN()) }

// RecommendationName is a visit's recommendation in the interface's language.
func RecommendationName(r data.Recommendation) string {
	return lang.X("recommendation."+string(r), r.NameEN())
}

// CriterionName is a checklist criterion in the interface's language.
func CriterionName(c data.Criterion) string { return lang.X("criterion."+string(c), c.NameEN()) }

// GenderName is a gender in the interface's language.
func GenderName(g data.Gender) string { return lang.X("gender."+string(g), g.NameEN()) }

// EnrolmentStatusName is an enrolment's status in the interface's language.
func EnrolmentStatusName(st data.EnrolmentStatus) string {
	return lang.X("enrolment_status."+string(st), st.NameEN())
}

// DlLanguageName is the language of a distance-learning session in the
// interface's language.
func DlLanguageName(l data.Language) string { return lang.X("dl_language."+string(l), l.NameEN()) }

// FunderName is a scholarship's funder in the interface's language.
func FunderName(f data.Funder) string { return lang.X("funder."+string(f), f.NameEN()) }

// StudentStatusName is a student's status in the interface's language.
func StudentStatusName(s data.StudentStatus) string {
	return lang.X("student_status."+string(s), s.NameEN())
}

// CountryName is the country of code in the interface's language.
func CountryName(code string) string {
	return data.CountryName(code, InterfaceLanguage())
}

// KindPlural names a kind of record (its bucket: "institutions", ...) in
// the plural, as lists and reports head them.
func KindPlural(kind string) string {
	switch kind {
	case "institutions":
		return lang.L("Institutions")
	case "visits":
		return lang.L("Site visits")
	case "courses":
		return lang.L("Courses")
	case "sessions":
		return lang.L("Sessions")
	case "enrolments":
		return lang.L("Enrolments")
	case "programmes":
		return lang.L("Programmes")
	case "cohorts":
		return lang.L("Cohorts")
	case "students":
		return lang.L("Students")
	}
	return kind
}
