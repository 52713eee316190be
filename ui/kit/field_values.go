package kit

import (
	"strings"

	"fyne.io/fyne/v2/lang"

	"tiscdesk/data"
)

// FieldValue shows a stored field's value (as text, as the conflict review
// and the merge by hand read it) in the interface's language where it is
// one of the domain's enumerations, and a reference to a record that is
// gone as such.
func FieldValue(kind, field, text string) string {
	if text == "" {
		return ""
	}
	if _, err := data.ParseID(text); err == nil && len(text) == 36 {
		// A reference the store could not name: the record is gone.
		return lang.L("a deleted record ({{.ID}})", map[string]any{"ID": text[:8]})
	}
	switch field {
	case "type":
		return TypeName(data.InstitutionType(text))
	case "stage":
		return StageName(data.Stage(text))
	case "province":
		return ProvinceName(text)
	case "services":
		parts := strings.Split(text, ", ")
		for i, p := range parts {
			parts[i] = ServiceName(data.Service(p))
		}
		return strings.Join(parts, ", ")
	case "kind":
		return VisitKindName(data.VisitKind(text))
	case "recommendation":
		return RecommendationName(data.Recommendation(text))
	case "gender":
		return GenderName(data.Gender(text))
	case "funder":
		return FunderName(data.Funder(text))
	case "status":
		if kind == "students" {
			return StudentStatusName(data.StudentStatus(text))
		}
		return EnrolmentStatusName(data.EnrolmentStatus(text))
	case "builtin":
		if text == "true" {
			return lang.L("Yes")
		}
	}
	return text
}
