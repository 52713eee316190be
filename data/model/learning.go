package model

import (
	"strings"
)

// Course is an entry of the distance-learning catalogue.
type Course struct {
	Meta
	Number  string `json:"number"` // "101"
	TitleEN string `json:"title_en"`
	TitleZH string `json:"title_zh,omitempty"`
	Builtin bool   `json:"builtin,omitempty"` // shipped with TISC Desk (the user may still edit it)
}

// Label is "DL-101".
func (c *Course) Label() string { return "DL-" + c.Number }

// Validate checks the course.
func (c *Course) Validate() error {
	var p problems
	if len(c.Number) != 3 || strings.Trim(c.Number, "0123456789") != "" {
		p.add("number", "must be three digits")
	}
	p.checkRequired("title_en", c.TitleEN)
	return p.err()
}

// Session is one offering of a course, identified by its Academy code.
type Session struct {
	Meta
	Code     string   `json:"code"` // canonical, e.g. "101C18S1"
	Start    Date     `json:"start,omitempty"`
	End      Date     `json:"end,omitempty"`
	Platform string   `json:"platform,omitempty"`
	Tutors   []string `json:"tutors,omitempty"`
}

// Parsed returns the session's code parsed; the zero SessionCode when the
// code is malformed (Validate rejects such sessions).
func (s *Session) Parsed() SessionCode {
	c, _ := ParseSessionCode(s.Code)
	return c
}

// Validate checks the session and canonicalises its code.
func (s *Session) Validate() error {
	var p problems
	if c, err := ParseSessionCode(s.Code); err != nil {
		p.add("code", "is not a session code of the form NNNLYYSn, e.g. 101C18S1")
	} else {
		s.Code = c.String()
	}
	p.checkDate("start", s.Start)
	p.checkDate("end", s.End)
	if s.Start != "" && s.End != "" && s.End < s.Start {
		p.add("end", "is before the start")
	}
	return p.err()
}

// Gender of a participant or student.
type Gender string

// The genders; "" is unspecified.
const (
	GenderFemale      Gender = "female"
	GenderMale        Gender = "male"
	GenderOther       Gender = "other"
	GenderUnspecified Gender = ""
)

var GenderTable = []EnumName[Gender]{
	{GenderFemale, "Female", "女"},
	{GenderMale, "Male", "男"},
	{GenderOther, "Other", "其他"},
	{GenderUnspecified, "Unspecified", "未说明"},
}

// Genders lists the genders in display order.
func Genders() []Gender { return values(GenderTable) }

// Valid reports whether g is known (unspecified included).
func (g Gender) Valid() bool { return lookupEnum(GenderTable, g) != nil }

// NameEN is the English display name.
func (g Gender) NameEN() string { return lookupEnum(GenderTable, g).en() }

// NameZH is the Chinese display name.
func (g Gender) NameZH() string { return lookupEnum(GenderTable, g).zh() }

// EnrolmentStatus is where a participant stands in a session.
type EnrolmentStatus string

// The enrolment statuses of DESIGN section 2.
const (
	StatusRegistered EnrolmentStatus = "registered"
	StatusActive     EnrolmentStatus = "active"
	StatusSuspended  EnrolmentStatus = "suspended"
	StatusCompleted  EnrolmentStatus = "completed" // passed
	StatusFailed     EnrolmentStatus = "failed"
	StatusWithdrawn  EnrolmentStatus = "withdrawn"
)

var EnrolmentStatusTable = []EnumName[EnrolmentStatus]{
	{StatusRegistered, "Registered", "已注册"},
	{StatusActive, "Active", "学习中"},
	{StatusSuspended, "Suspended", "暂停"},
	{StatusCompleted, "Completed", "已完成"},
	{StatusFailed, "Failed", "未通过"},
	{StatusWithdrawn, "Withdrawn", "已退出"},
}

// EnrolmentStatuses lists the statuses in display order.
func EnrolmentStatuses() []EnrolmentStatus { return values(EnrolmentStatusTable) }

// Valid reports whether s is a known status.
func (s EnrolmentStatus) Valid() bool { return lookupEnum(EnrolmentStatusTable, s) != nil }

// NameEN is the English display name.
func (s EnrolmentStatus) NameEN() string { return lookupEnum(EnrolmentStatusTable, s).en() }

// NameZH is the Chinese display name.
func (s EnrolmentStatus) NameZH() string { return lookupEnum(EnrolmentStatusTable, s).zh() }

// Enrolment is one participant in one session. Within a session a
// participant is identified by email, case-insensitively.
type Enrolment struct {
	Meta
	Session         ID              `json:"session"`
	Name            string          `json:"name"`
	Email           string          `json:"email"`
	Gender          Gender          `json:"gender,omitempty"`
	Organisation    string          `json:"organisation,omitempty"`
	Province        string          `json:"province,omitempty"` // ISO 3166-2:CN code
	Country         string          `json:"country,omitempty"`  // ISO 3166-1 alpha-2
	Registered      Date            `json:"registered,omitempty"`
	Status          EnrolmentStatus `json:"status"`
	Score           *float64        `json:"score,omitempty"` // final score 0-100
	Certificate     string          `json:"certificate,omitempty"`
	CertificateDate Date            `json:"certificate_date,omitempty"`
}

// Validate checks the enrolment.
func (e *Enrolment) Validate() error {
	var p problems
	if e.Session == NilID {
		p.add("session", "is required")
	}
	p.checkRequired("name", e.Name)
	if strings.TrimSpace(e.Email) == "" {
		p.add("email", "is required")
	} else {
		p.checkEmail("email", e.Email)
	}
	if !e.Gender.Valid() {
		p.add("gender", "is not a known gender")
	}
	if e.Province != "" {
		if _, ok := ProvinceByCode(e.Province); !ok {
			p.add("province", "is not a known province")
		}
	}
	p.checkCountry("country", e.Country)
	p.checkDate("registered", e.Registered)
	if !e.Status.Valid() {
		p.add("status", "is not a known status")
	}
	if e.Score != nil && (*e.Score < 0 || *e.Score > 100) {
		p.add("score", "must be between 0 and 100")
	}
	p.checkDate("certificate_date", e.CertificateDate)
	return p.err()
}

// checkCountry accepts "" or an upper-case two-letter ISO 3166-1 code.
func (p *problems) checkCountry(field, c string) {
	if c == "" {
		return
	}
	if len(c) != 2 || c[0] < 'A' || c[0] > 'Z' || c[1] < 'A' || c[1] > 'Z' {
		p.add(field, "is not a two-letter country code")
	}
}
