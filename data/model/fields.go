package model

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// FieldLabels names every field for people, in English: the key is the
// field's name as a FieldError, a conflict's field list and an import's
// column map give it (the record's JSON name, or a roster column such as
// "contact_email"); the label is also the key of its translation (the
// window's lang files). Forms, import reports and the conflict review name
// a field from here, so "score" reads "Score" everywhere. Export column
// headers are a file format and do not come from here (DESIGN section 5).
//
// A key names the same thing in every entity that has it ("name", "date",
// "score"); a test keeps every JSON field of every entity in the table.
var FieldLabels = map[string]string{
	// Every record (Meta).
	"id":          "Record ID",
	"created_at":  "Created",
	"updated_at":  "Last changed",
	"updated_by":  "Changed by",
	"device":      "Device",
	"deleted":     "Deleted",
	"merged_into": "Merged into",
	// Institutions and visits: never shown (forget.go), labelled all the same.
	"erased": "Marks of forgotten people",

	// Institutions, their contacts and stage history.
	"local_name":   "Local name",
	"english_name": "English name",
	"type":         "Type",
	"province":     "Province",
	"city":         "City",
	"address":      "Address",
	"website":      "Website",
	"contacts":     "Contacts",
	"services":     "Services offered",
	"stage":        "Stage",
	"history":      "Stage history",
	"batch":        "Batch",
	"notes":        "Notes",
	"name":         "Name",
	"title":        "Title",
	"email":        "Email",
	"phone":        "Phone",
	"date":         "Date",
	"note":         "Note",
	"by":           "Recorded by",
	"recorded_at":  "Recorded at",

	// Site visits, their checklist, follow-ups and position.
	"institution":    "Institution",
	"kind":           "Kind of visit",
	"visitors":       "Visitors",
	"people_met":     "People met",
	"checklist":      "Assessment checklist",
	"staff_count":    "Dedicated staff",
	"trained_101":    "Trained in DL-101",
	"trained_318":    "Trained in DL-318",
	"databases":      "Databases",
	"recommendation": "Recommendation",
	"findings":       "Findings",
	"follow_ups":     "Follow-ups",
	"position":       "GPS position",
	"photos":         "Photos",
	"criterion":      "Criterion",
	"score":          "Score",
	"comment":        "Comment",
	"action":         "Action",
	"owner":          "Owner",
	"due":            "Due",
	"done":           "Done",
	"done_on":        "Done on",
	"lat":            "Latitude",
	"lon":            "Longitude",
	"draft":          "Draft",
	"hash":           "Photo",
	"caption":        "Caption",
	"taken_at":       "Taken at",
	"width":          "Width",
	"height":         "Height",

	// Courses, sessions and enrolments.
	"number":           "Course number",
	"title_en":         "Title in English",
	"title_zh":         "Title in Chinese",
	"builtin":          "Built in",
	"code":             "Session code",
	"start":            "Start date",
	"end":              "End date",
	"platform":         "Platform",
	"tutors":           "Tutors",
	"session":          "Session",
	"gender":           "Gender",
	"organisation":     "Organisation",
	"country":          "Country",
	"registered":       "Registered",
	"status":           "Status",
	"certificate":      "Certificate number",
	"certificate_date": "Certificate date",

	// Degree programmes, cohorts and students.
	"name_zh":        "Chinese name",
	"partner":        "Partner university",
	"co_organiser":   "Co-organiser",
	"degree":         "Degree",
	"specialisation": "Specialisation",
	"programme":      "Programme",
	"intake_year":    "Intake year",
	"graduation":     "Graduation date",
	"places":         "Places",
	"applicants":     "Applicants",
	"cohort":         "Cohort",
	"nationality":    "Nationality",
	"funder":         "Scholarship",
	"thesis":         "Thesis title",
	"supervisor":     "Supervisor",
	"graduated":      "Graduation date",

	// A TISC after its plaque: service level, host agreement, yearly
	// returns and evaluations (operations.go).
	"service_level":          "Service level",
	"agreement_signed":       "Agreement signed",
	"agreement_expires":      "Agreement expires",
	"year":                   "Year",
	"inquiries":              "Inquiries",
	"search_reports":         "Search and analysis reports",
	"analyses":               "Landscape and industry analyses",
	"training_events":        "Training events",
	"training_participants":  "Training participants",
	"awareness_events":       "Awareness events",
	"applications_supported": "Applications supported",
	"technology_transfers":   "Technology transfers",
	"staff":                  "Staff",
	"staff_trained":          "Staff trained in DL",
	"evaluation_kind":        "Kind of evaluation",
	"grade":                  "Grade",
	"outcome":                "Outcome",
	"evaluators":             "Evaluators",

	// Columns of the rosters an import reads that are no record's field.
	"province_code": "Province code",
	"contact_name":  "Contact name",
	"contact_title": "Contact title",
	"contact_email": "Contact email",
	"contact_phone": "Contact phone",
	"stage_date":    "Stage date",
	"first_name":    "First name",
	"last_name":     "Surname",
	"course_title":  "Course title (not imported: the session code says it)",
}

// FieldLabel is the English label of the field named key (one part of a
// dotted key such as "contacts.0.email": "email"). A key not in
// FieldLabels reads as itself, underscores as spaces, capitalised.
func FieldLabel(key string) string {
	if l, ok := FieldLabels[key]; ok {
		return l
	}
	s := strings.ReplaceAll(key, "_", " ")
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
