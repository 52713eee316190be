package model

import (
	"net/url"
	"strings"
	"time"
)

// InstitutionType is the kind of body a TISC candidate or host is.
type InstitutionType string

// The institution types of DESIGN section 2.
const (
	TypeUniversity  InstitutionType = "university"
	TypeResearch    InstitutionType = "research_institute"
	TypeLibrary     InstitutionType = "public_library"
	TypeSTInfo      InstitutionType = "st_information"
	TypeAssociation InstitutionType = "association"
	TypeSTPark      InstitutionType = "st_park"
	TypeIPOffice    InstitutionType = "ip_office"
	TypeEnterprise  InstitutionType = "enterprise"
	TypeOther       InstitutionType = "other"
)

var InstitutionTypeTable = []EnumName[InstitutionType]{
	{TypeUniversity, "University", "高校"},
	{TypeResearch, "Research institute", "科研院所"},
	{TypeLibrary, "Public library", "公共图书馆"},
	{TypeSTInfo, "S&T information institute", "科技情报机构"},
	{TypeAssociation, "Industry association or chamber", "行业协会或商会"},
	{TypeSTPark, "Science and technology park", "科技园区"},
	{TypeIPOffice, "IP office or public IP service body", "知识产权局或公共服务机构"},
	{TypeEnterprise, "Enterprise", "企业"},
	{TypeOther, "Other", "其他"},
}

// InstitutionTypes lists the types in display order.
func InstitutionTypes() []InstitutionType { return values(InstitutionTypeTable) }

// Valid reports whether t is one of the known types.
func (t InstitutionType) Valid() bool { return lookupEnum(InstitutionTypeTable, t) != nil }

// NameEN is the English display name ("" for an unknown type).
func (t InstitutionType) NameEN() string { return lookupEnum(InstitutionTypeTable, t).en() }

// NameZH is the Chinese display name ("" for an unknown type).
func (t InstitutionType) NameZH() string { return lookupEnum(InstitutionTypeTable, t).zh() }

// Stage is a step of the TISC pipeline, or one of its exits.
type Stage string

// The pipeline stages in CNIPA's order, then the exits.
const (
	StageCandidate   Stage = "candidate"
	StageApplied     Stage = "applied"
	StageRecommended Stage = "recommended"
	StageVisited     Stage = "visited"
	StageApproved    Stage = "approved"
	StageAgreement   Stage = "agreement_signed"
	StageOperational Stage = "operational"
	StageRejected    Stage = "rejected"
	StageWithdrawn   Stage = "withdrawn"
	StageSuspended   Stage = "suspended"
)

var StageTable = []EnumName[Stage]{
	{StageCandidate, "Candidate", "候选"},
	{StageApplied, "Applied", "已申请"},
	{StageRecommended, "Recommended", "已推荐"},
	{StageVisited, "Visited", "已考察"},
	{StageApproved, "Approved", "已批准筹建"},
	{StageAgreement, "Agreement signed", "已签约"},
	{StageOperational, "Operational", "已运营"},
	{StageRejected, "Rejected", "未通过"},
	{StageWithdrawn, "Withdrawn", "已退出"},
	{StageSuspended, "Suspended", "暂停"},
}

// Stages lists every stage: the pipeline in order, then the exits.
func Stages() []Stage { return values(StageTable) }

// PipelineStages lists the seven stages of the pipeline proper, in order.
func PipelineStages() []Stage { return values(StageTable[:7]) }

// Valid reports whether s is a known stage.
func (s Stage) Valid() bool { return lookupEnum(StageTable, s) != nil }

// IsExit reports whether s is rejected, withdrawn or suspended.
func (s Stage) IsExit() bool {
	return s == StageRejected || s == StageWithdrawn || s == StageSuspended
}

// NameEN is the English display name.
func (s Stage) NameEN() string { return lookupEnum(StageTable, s).en() }

// NameZH is the Chinese display name.
func (s Stage) NameZH() string { return lookupEnum(StageTable, s).zh() }

// Service is an IP service a TISC offers.
type Service string

// The services of DESIGN section 2.
const (
	ServiceDatabases    Service = "database_access"
	ServiceTraining     Service = "search_training"
	ServiceSearches     Service = "on_demand_searches"
	ServiceMonitoring   Service = "technology_monitoring"
	ServiceIPManagement Service = "ip_management"
	ServiceAnalytics    Service = "patent_analytics"
	ServiceTechTransfer Service = "technology_transfer"
)

var ServiceTable = []EnumName[Service]{
	{ServiceDatabases, "Access to patent and non-patent databases", "专利和非专利数据库检索"},
	{ServiceTraining, "Search training", "检索培训"},
	{ServiceSearches, "On-demand searches (novelty, state of the art, freedom to operate)", "委托检索（新颖性、现有技术、自由实施）"},
	{ServiceMonitoring, "Technology monitoring", "技术监测"},
	{ServiceIPManagement, "IP management and commercialization advice", "知识产权管理与商业化咨询"},
	{ServiceAnalytics, "Patent analytics and landscape reports", "专利分析与态势报告"},
	{ServiceTechTransfer, "Technology transfer", "技术转移"},
}

// Services lists the services in display order.
func Services() []Service { return values(ServiceTable) }

// Valid reports whether s is a known service.
func (s Service) Valid() bool { return lookupEnum(ServiceTable, s) != nil }

// NameEN is the English display name.
func (s Service) NameEN() string { return lookupEnum(ServiceTable, s).en() }

// NameZH is the Chinese display name.
func (s Service) NameZH() string { return lookupEnum(ServiceTable, s).zh() }

// Contact is a person to reach at an institution.
type Contact struct {
	Name  string `json:"name"`
	Title string `json:"title,omitempty"`
	Email string `json:"email,omitempty"`
	Phone string `json:"phone,omitempty"`
}

// StageChange is one step of an institution's pipeline history.
type StageChange struct {
	Stage      Stage     `json:"stage"`
	Date       Date      `json:"date"`
	Note       string    `json:"note,omitempty"`
	By         string    `json:"by"`          // device label of who recorded it
	RecordedAt time.Time `json:"recorded_at"` // when it was recorded
}

// Institution is a TISC candidate or host institution.
type Institution struct {
	Meta
	LocalName   string          `json:"local_name"`
	EnglishName string          `json:"english_name,omitempty"`
	Type        InstitutionType `json:"type"`
	Province    string          `json:"province"` // ISO 3166-2:CN code
	City        string          `json:"city,omitempty"`
	Address     string          `json:"address,omitempty"`
	Website     string          `json:"website,omitempty"`
	Contacts    []Contact       `json:"contacts,omitempty"`
	Services    []Service       `json:"services,omitempty"`
	Stage       Stage           `json:"stage"`
	History     []StageChange   `json:"history,omitempty"`
	Batch       string          `json:"batch,omitempty"` // e.g. "phase 1, batch 2"
	Notes       string          `json:"notes,omitempty"`

	// An operational TISC's service level and host agreement with the
	// national focal point (operations.go).
	ServiceLevel     ServiceLevel `json:"service_level,omitempty"`
	AgreementSigned  Date         `json:"agreement_signed,omitempty"`
	AgreementExpires Date         `json:"agreement_expires,omitempty"`

	// Erased are the marks of the people forgotten from the contacts
	// (forget.go): hashes, for the merge; not for people to see.
	Erased []string `json:"erased,omitempty"`
}

// DisplayName is the local name, or the English one when there is none.
func (in *Institution) DisplayName() string {
	if in.LocalName != "" {
		return in.LocalName
	}
	return in.EnglishName
}

// MoveTo records a change of stage on date with a note, made by the device
// labelled by at the time at. The change is kept in History; Stage becomes
// the new stage.
func (in *Institution) MoveTo(stage Stage, date Date, note, by string, at time.Time) {
	in.Stage = stage
	in.History = append(in.History, StageChange{
		Stage: stage, Date: date, Note: note, By: by, RecordedAt: at.UTC(),
	})
}

// StageDate returns the date of the latest change to stage s, or "" when the
// institution never reached it.
func (in *Institution) StageDate(s Stage) Date {
	for i := len(in.History) - 1; i >= 0; i-- {
		if in.History[i].Stage == s {
			return in.History[i].Date
		}
	}
	return ""
}

// Missing lists, by field, the facts the institution lacks that it should
// have: its type and its province. An institution imported from a list
// that does not give them is kept, and its page shows it as incomplete
// until they are given (DESIGN section 5: a missing fact is a warning).
// Until then it is in no province's figures, and no field machine (bundle
// or hub login, both scoped by province) receives it.
func (in *Institution) Missing() []string {
	var out []string
	if in.Type == "" {
		out = append(out, "type")
	}
	if in.Province == "" {
		out = append(out, "province")
	}
	return out
}

// Incomplete reports whether the institution lacks a fact it should have
// (see Missing).
func (in *Institution) Incomplete() bool { return len(in.Missing()) > 0 }

// Validate checks the institution and returns a *ValidationError naming each
// bad field, or nil.
func (in *Institution) Validate() error {
	var p problems
	if strings.TrimSpace(in.LocalName) == "" && strings.TrimSpace(in.EnglishName) == "" {
		p.add("local_name", "a local or an English name is required")
	}
	// A missing type or province is not an error (see Missing); a wrong
	// one is.
	if in.Type != "" && !in.Type.Valid() {
		p.add("type", "is not a known institution type")
	}
	if _, ok := ProvinceByCode(in.Province); in.Province != "" && !ok {
		p.add("province", "is not a known province")
	}
	if in.Website != "" && !validWebsite(in.Website) {
		p.add("website", "is not a web address")
	}
	for i, c := range in.Contacts {
		p.checkRequired(indexed("contacts", i, "name"), c.Name)
		p.checkEmail(indexed("contacts", i, "email"), c.Email)
	}
	for i, s := range in.Services {
		if !s.Valid() {
			p.add(indexed("services", i, ""), "is not a known service")
		}
	}
	if !in.Stage.Valid() {
		p.add("stage", "is not a known stage")
	}
	for i, h := range in.History {
		if !h.Stage.Valid() {
			p.add(indexed("history", i, "stage"), "is not a known stage")
		}
		if h.Date == "" {
			p.add(indexed("history", i, "date"), "is required")
		}
		p.checkDate(indexed("history", i, "date"), h.Date)
	}
	in.validateOperations(&p)
	return p.err()
}

func validWebsite(s string) bool {
	if !strings.Contains(s, "://") {
		s = "http://" + s
	}
	u, err := url.Parse(s)
	return err == nil && strings.Contains(u.Host, ".") && !strings.ContainsAny(u.Host, " ")
}
