package kit

import (
	"encoding/json"
	"strconv"
	"strings"

	"fyne.io/fyne/v2/lang"

	"tiscdesk/data"
	"tiscdesk/data/model"
	"tiscdesk/data/store"
)

// historyValue shows field's stored value in a version of a record of
// kind (a bucket's name) as the record's page shows it, in the user's
// language: a stage, type, status or province by its name rather than its
// code, a position in degrees, photos by their number and captions. Other
// fields fall back on valueText.
func historyValue(kind, field string, raw json.RawMessage) string {
	if len(raw) == 0 || string(raw) == "null" || string(raw) == `""` || string(raw) == "[]" {
		return "–"
	}
	var s string
	text := json.Unmarshal(raw, &s) == nil
	switch {
	case text && field == "stage":
		return StageName(data.Stage(s))
	case text && field == "type" && kind == store.InstitutionsBucket:
		return TypeName(data.InstitutionType(s))
	case text && field == "kind" && kind == store.VisitsBucket:
		return VisitKindName(data.VisitKind(s))
	case text && field == "recommendation":
		return RecommendationName(data.Recommendation(s))
	case text && field == "service_level":
		l := model.ServiceLevel(s)
		if InterfaceIsChinese() {
			return l.NameZH()
		}
		return l.NameEN()
	case text && field == "gender":
		return GenderName(data.Gender(s))
	case text && field == "status" && kind == store.EnrolmentsBucket:
		return EnrolmentStatusName(data.EnrolmentStatus(s))
	case text && field == "status" && kind == store.StudentsBucket:
		return StudentStatusName(data.StudentStatus(s))
	case text && field == "province":
		return ProvinceName(s)
	case text && (field == "country" || field == "nationality"):
		return CountryName(s)
	case text && field == "funder":
		return FunderName(data.Funder(s))
	case field == "services":
		var list []data.Service
		if json.Unmarshal(raw, &list) == nil {
			names := make([]string, len(list))
			for i, v := range list {
				names[i] = ServiceName(v)
			}
			return cut(strings.Join(names, ", "))
		}
	case field == "position":
		var g data.GeoPoint
		if json.Unmarshal(raw, &g) == nil {
			return g.String()
		}
	case field == "photos":
		var ps []data.Photo
		if json.Unmarshal(raw, &ps) == nil {
			return photosText(ps)
		}
	case field == "checklist":
		var as []data.Assessment
		if json.Unmarshal(raw, &as) == nil {
			parts := make([]string, len(as))
			for i, a := range as {
				parts[i] = CriterionName(a.Criterion) + " " + strconv.Itoa(a.Score)
			}
			return cut(strings.Join(parts, ", "))
		}
	case field == "contacts":
		var cs []data.Contact
		if json.Unmarshal(raw, &cs) == nil {
			parts := make([]string, len(cs))
			for i, c := range cs {
				parts[i] = strings.Join(strings.Fields(c.Name+" "+c.Title+" "+c.Email+" "+c.Phone), " ")
			}
			return cut(strings.Join(parts, "; "))
		}
	case field == "follow_ups":
		var fs []data.FollowUp
		if json.Unmarshal(raw, &fs) == nil {
			parts := make([]string, len(fs))
			for i, f := range fs {
				parts[i] = f.Action
			}
			return cut(strings.Join(parts, "; "))
		}
	}
	return valueText(raw)
}

// photosText is a visit's photos in a line: how many, and their captions.
func photosText(ps []data.Photo) string {
	var caps []string
	for _, p := range ps {
		if c := strings.TrimSpace(p.Caption); c != "" {
			caps = append(caps, c)
		}
	}
	n := Plural(len(ps), "{{.N}} photo", "{{.N}} photos", map[string]any{"N": len(ps)})
	if len(ps) == 1 {
		n = lang.L("1 photo")
	}
	if len(caps) == 0 {
		return n
	}
	return cut(n + ": " + strings.Join(caps, "; "))
}
