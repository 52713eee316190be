package model

import "strings"

// Programme is a joint master's degree programme.
type Programme struct {
	Meta
	Name           string `json:"name"` // "WIPO-Tongji Master of Intellectual Property"
	NameZH         string `json:"name_zh,omitempty"`
	Partner        string `json:"partner"` // partner university
	CoOrganiser    string `json:"co_organiser,omitempty"`
	Degree         string `json:"degree,omitempty"`
	Specialisation string `json:"specialisation,omitempty"`
	City           string `json:"city,omitempty"`
	Country        string `json:"country,omitempty"` // ISO 3166-1 alpha-2
}

// Validate checks the programme.
func (g *Programme) Validate() error {
	var p problems
	p.checkRequired("name", g.Name)
	p.checkCountry("country", g.Country)
	return p.err()
}

// Missing lists, by field, the facts the programme lacks that it should
// have: its partner university. A programme created without them (by an
// import whose roster does not give them) is kept, and shown as incomplete
// until they are given (DESIGN section 5: a missing fact is a warning).
func (g *Programme) Missing() []string {
	if strings.TrimSpace(g.Partner) == "" {
		return []string{"partner"}
	}
	return nil
}

// Incomplete reports whether the programme lacks a fact it should have
// (see Missing).
func (g *Programme) Incomplete() bool { return len(g.Missing()) > 0 }

// Cohort is one intake of a programme. Its admitted, enrolled, graduated and
// other figures are computed from its students; places and applicants are
// entered here.
type Cohort struct {
	Meta
	Programme  ID   `json:"programme"`
	IntakeYear int  `json:"intake_year"`
	Start      Date `json:"start,omitempty"`
	Graduation Date `json:"graduation,omitempty"`
	Places     int  `json:"places,omitempty"`
	Applicants int  `json:"applicants,omitempty"`
}

// Validate checks the cohort.
func (c *Cohort) Validate() error {
	var p problems
	if c.Programme == NilID {
		p.add("programme", "is required")
	}
	if c.IntakeYear < 1990 || c.IntakeYear > 2100 {
		p.add("intake_year", "must be a year between 1990 and 2100")
	}
	p.checkDate("start", c.Start)
	p.checkDate("graduation", c.Graduation)
	if c.Places < 0 {
		p.add("places", "cannot be negative")
	}
	if c.Applicants < 0 {
		p.add("applicants", "cannot be negative")
	}
	return p.err()
}

// Funder pays a student's scholarship.
type Funder string

// The funders; "" is not known.
const (
	FunderWIPO        Funder = "wipo"
	FunderHost        Funder = "host_government"
	FunderSelf        Funder = "self_funded"
	FunderOther       Funder = "other"
	FunderNotRecorded Funder = ""
)

var FunderTable = []EnumName[Funder]{
	{FunderWIPO, "WIPO", "WIPO"},
	{FunderHost, "Host government", "东道国政府"},
	{FunderSelf, "Self-funded", "自费"},
	{FunderOther, "Other", "其他"},
	{FunderNotRecorded, "Not recorded", "未记录"},
}

// Funders lists the funders in display order.
func Funders() []Funder { return values(FunderTable) }

// Valid reports whether f is known.
func (f Funder) Valid() bool { return lookupEnum(FunderTable, f) != nil }

// NameEN is the English display name.
func (f Funder) NameEN() string { return lookupEnum(FunderTable, f).en() }

// NameZH is the Chinese display name.
func (f Funder) NameZH() string { return lookupEnum(FunderTable, f).zh() }

// StudentStatus is where a student stands in a programme.
type StudentStatus string

// The student statuses of DESIGN section 2.
const (
	StudentApplied   StudentStatus = "applied"
	StudentAdmitted  StudentStatus = "admitted"
	StudentEnrolled  StudentStatus = "enrolled"
	StudentThesis    StudentStatus = "thesis"
	StudentGraduated StudentStatus = "graduated"
	StudentWithdrawn StudentStatus = "withdrawn"
	StudentFailed    StudentStatus = "failed"
)

var StudentStatusTable = []EnumName[StudentStatus]{
	{StudentApplied, "Applied", "已申请"},
	{StudentAdmitted, "Admitted", "已录取"},
	{StudentEnrolled, "Enrolled", "在读"},
	{StudentThesis, "Writing thesis", "论文阶段"},
	{StudentGraduated, "Graduated", "已毕业"},
	{StudentWithdrawn, "Withdrawn", "退学"},
	{StudentFailed, "Failed", "未通过"},
}

// StudentStatuses lists the statuses in display order.
func StudentStatuses() []StudentStatus { return values(StudentStatusTable) }

// Valid reports whether s is known.
func (s StudentStatus) Valid() bool { return lookupEnum(StudentStatusTable, s) != nil }

// NameEN is the English display name.
func (s StudentStatus) NameEN() string { return lookupEnum(StudentStatusTable, s).en() }

// NameZH is the Chinese display name.
func (s StudentStatus) NameZH() string { return lookupEnum(StudentStatusTable, s).zh() }

// Student is a member of a cohort.
type Student struct {
	Meta
	Cohort      ID            `json:"cohort"`
	Name        string        `json:"name"`
	Gender      Gender        `json:"gender,omitempty"`
	Nationality string        `json:"nationality,omitempty"` // ISO 3166-1 alpha-2
	Email       string        `json:"email,omitempty"`
	Funder      Funder        `json:"funder,omitempty"`
	Status      StudentStatus `json:"status"`
	Thesis      string        `json:"thesis,omitempty"`
	Supervisor  string        `json:"supervisor,omitempty"`
	Graduated   Date          `json:"graduated,omitempty"`
}

// Validate checks the student.
func (s *Student) Validate() error {
	var p problems
	if s.Cohort == NilID {
		p.add("cohort", "is required")
	}
	p.checkRequired("name", s.Name)
	if !s.Gender.Valid() {
		p.add("gender", "is not a known gender")
	}
	p.checkCountry("nationality", s.Nationality)
	p.checkEmail("email", s.Email)
	if !s.Funder.Valid() {
		p.add("funder", "is not a known funder")
	}
	if !s.Status.Valid() {
		p.add("status", "is not a known status")
	}
	p.checkDate("graduated", s.Graduated)
	return p.err()
}

// Missing lists, by field, the facts the student lacks that they should
// have: a graduate's graduation date. A student without them is kept (DESIGN
// section 5: a missing fact is a warning, not an error).
func (s *Student) Missing() []string {
	if s.Status == StudentGraduated && s.Graduated == "" {
		return []string{"graduated"}
	}
	return nil
}
