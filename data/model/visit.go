package model

import (
	"math"
	"strings"
)

// VisitKind is why a site visit was made.
type VisitKind string

// The visit kinds of DESIGN section 2.
const (
	VisitAssessment VisitKind = "assessment"
	VisitFollowUp   VisitKind = "follow_up"
	VisitTraining   VisitKind = "training"
	VisitCeremony   VisitKind = "plaque_ceremony"
	VisitOther      VisitKind = "other"
)

var VisitKindTable = []EnumName[VisitKind]{
	{VisitAssessment, "Assessment", "评估考察"},
	{VisitFollowUp, "Follow-up", "跟进回访"},
	{VisitTraining, "Training", "培训"},
	{VisitCeremony, "Plaque ceremony", "揭牌仪式"},
	{VisitOther, "Other", "其他"},
}

// VisitKinds lists the kinds in display order.
func VisitKinds() []VisitKind { return values(VisitKindTable) }

// Valid reports whether k is a known kind.
func (k VisitKind) Valid() bool { return lookupEnum(VisitKindTable, k) != nil }

// NameEN is the English display name.
func (k VisitKind) NameEN() string { return lookupEnum(VisitKindTable, k).en() }

// NameZH is the Chinese display name.
func (k VisitKind) NameZH() string { return lookupEnum(VisitKindTable, k).zh() }

// Criterion is one item of the assessment checklist.
type Criterion string

// The assessment checklist of DESIGN section 2, in the order it is walked.
const (
	CriterionCommitment Criterion = "commitment"
	CriterionStaff      Criterion = "staff"
	CriterionPremises   Criterion = "premises"
	CriterionInternet   Criterion = "internet"
	CriterionDatabases  Criterion = "databases"
	CriterionServices   Criterion = "services"
	CriterionOutreach   Criterion = "outreach"
)

var criteria = []EnumName[Criterion]{
	{CriterionCommitment, "Management commitment", "管理层支持"},
	{CriterionStaff, "Dedicated staff", "专职人员"},
	{CriterionPremises, "Premises and workstations", "场地与工作站"},
	{CriterionInternet, "Internet access", "互联网接入"},
	{CriterionDatabases, "Database access", "数据库访问"},
	{CriterionServices, "Existing IP services and user demand", "现有知识产权服务与用户需求"},
	{CriterionOutreach, "Outreach plan and capacity to report yearly", "推广计划与年度报告能力"},
}

// Criteria lists the checklist in order.
func Criteria() []Criterion { return values(criteria) }

// Valid reports whether c is a known criterion.
func (c Criterion) Valid() bool { return lookupEnum(criteria, c) != nil }

// NameEN is the English display name.
func (c Criterion) NameEN() string { return lookupEnum(criteria, c).en() }

// NameZH is the Chinese display name.
func (c Criterion) NameZH() string { return lookupEnum(criteria, c).zh() }

// Recommendation is the visit's conclusion.
type Recommendation string

// The recommendations; "" means none made yet.
const (
	RecommendReady          Recommendation = "ready"
	RecommendWithConditions Recommendation = "ready_with_conditions"
	RecommendNotReady       Recommendation = "not_ready"
)

var RecommendationTable = []EnumName[Recommendation]{
	{RecommendReady, "Ready", "具备条件"},
	{RecommendWithConditions, "Ready with conditions", "有条件具备"},
	{RecommendNotReady, "Not ready", "尚不具备条件"},
}

// Recommendations lists the recommendations in display order.
func Recommendations() []Recommendation { return values(RecommendationTable) }

// Valid reports whether r is a known recommendation or empty.
func (r Recommendation) Valid() bool { return r == "" || lookupEnum(RecommendationTable, r) != nil }

// NameEN is the English display name.
func (r Recommendation) NameEN() string { return lookupEnum(RecommendationTable, r).en() }

// NameZH is the Chinese display name.
func (r Recommendation) NameZH() string { return lookupEnum(RecommendationTable, r).zh() }

// KnownDatabases are the databases a candidate may have access to (the checklist's database criterion).
var KnownDatabases = []string{"PATENTSCOPE", "ASPI", "ARDI", "national"}

// Assessment is one criterion's score (0-5) and comment.
type Assessment struct {
	Criterion Criterion `json:"criterion"`
	Score     int       `json:"score"`
	Comment   string    `json:"comment,omitempty"`
}

// FollowUp is an action agreed during a visit.
type FollowUp struct {
	Action string `json:"action"`
	Owner  string `json:"owner,omitempty"`
	Due    Date   `json:"due,omitempty"`
	Done   bool   `json:"done,omitempty"`
	DoneOn Date   `json:"done_on,omitempty"`
}

// Overdue reports whether the action is open and its due date is before today.
func (f FollowUp) Overdue(today Date) bool { return !f.Done && f.Due.Before(today) }

// GeoPoint is a WGS84 position.
type GeoPoint struct {
	Lat float64 `json:"lat"`
	Lon float64 `json:"lon"`
}

// Visit is a site visit to an institution. A visit saved as a Draft may
// lack its date and kind; drafts are listed as such and left out of the
// figures and reports until finished (Counts).

type Visit struct {
	Meta
	Institution    ID             `json:"institution"`
	Date           Date           `json:"date"`
	Kind           VisitKind      `json:"kind"`
	Visitors       []string       `json:"visitors,omitempty"`
	PeopleMet      []string       `json:"people_met,omitempty"`
	Checklist      []Assessment   `json:"checklist,omitempty"` // criteria not assessed are absent
	StaffCount     int            `json:"staff_count,omitempty"`
	Trained101     int            `json:"trained_101,omitempty"` // staff who completed DL-101
	Trained318     int            `json:"trained_318,omitempty"` // staff who completed DL-318
	Databases      []string       `json:"databases,omitempty"`   // of KnownDatabases
	Recommendation Recommendation `json:"recommendation,omitempty"`
	Findings       string         `json:"findings,omitempty"`
	FollowUps      []FollowUp     `json:"follow_ups,omitempty"`
	Position       *GeoPoint      `json:"position,omitempty"`
	Photos         []Photo        `json:"photos,omitempty"`
	Draft          bool           `json:"draft,omitempty"`
	// Erased are the marks of the people forgotten from the people met
	// (forget.go): hashes, for the merge; not for people to see.
	Erased []string `json:"erased,omitempty"`
}

// Counts reports whether the visit counts in figures and reports: it is
// finished, not a draft.
func (v *Visit) Counts() bool { return !v.Draft }

// OverallScore is the mean of the assessed criteria's scores (0-5), rounded
// to one decimal; ok is false when nothing was assessed.
func (v *Visit) OverallScore() (score float64, ok bool) {
	if len(v.Checklist) == 0 {
		return 0, false
	}
	sum := 0
	for _, a := range v.Checklist {
		sum += a.Score
	}
	return math.Round(float64(sum)/float64(len(v.Checklist))*10) / 10, true
}

// Assessed returns the assessment of criterion c, if made.
func (v *Visit) Assessed(c Criterion) (Assessment, bool) {
	for _, a := range v.Checklist {
		if a.Criterion == c {
			return a, true
		}
	}
	return Assessment{}, false
}

// OpenFollowUps counts the actions not yet done, and those of them overdue.
func (v *Visit) OpenFollowUps(today Date) (open, overdue int) {
	for _, f := range v.FollowUps {
		if !f.Done {
			open++
			if f.Overdue(today) {
				overdue++
			}
		}
	}
	return open, overdue
}

// Validate checks the visit and returns a *ValidationError naming each bad
// field, or nil. That the institution exists is the store's check.
func (v *Visit) Validate() error {
	var p problems
	if v.Institution == NilID {
		p.add("institution", "is required")
	}
	if v.Date == "" && !v.Draft {
		p.add("date", "is required")
	}
	p.checkDate("date", v.Date)
	if !v.Kind.Valid() && !(v.Draft && v.Kind == "") {
		p.add("kind", "is not a known kind of visit")
	}
	seen := map[Criterion]bool{}
	for i, a := range v.Checklist {
		if !a.Criterion.Valid() {
			p.add(indexed("checklist", i, "criterion"), "is not a known criterion")
		} else if seen[a.Criterion] {
			p.add(indexed("checklist", i, "criterion"), "is assessed twice")
		}
		seen[a.Criterion] = true
		if a.Score < 0 || a.Score > 5 {
			p.add(indexed("checklist", i, "score"), "must be between 0 and 5")
		}
	}
	if v.StaffCount < 0 || v.Trained101 < 0 || v.Trained318 < 0 {
		p.add("staff_count", "cannot be negative")
	} else if v.Trained101 > v.StaffCount || v.Trained318 > v.StaffCount {
		p.add("staff_count", "is less than the staff trained")
	}
	for i, d := range v.Databases {
		if !contains(KnownDatabases, d) {
			p.add(indexed("databases", i, ""), "is not a known database")
		}
	}
	if !v.Recommendation.Valid() {
		p.add("recommendation", "is not a known recommendation")
	}
	for i, f := range v.FollowUps {
		p.checkRequired(indexed("follow_ups", i, "action"), f.Action)
		p.checkDate(indexed("follow_ups", i, "due"), f.Due)
		p.checkDate(indexed("follow_ups", i, "done_on"), f.DoneOn)
	}
	if g := v.Position; g != nil && !g.OnEarth() {
		p.add("position", "is not a position on Earth")
	}
	p.checkPhotos(v.Photos)
	for i, s := range v.Visitors {
		if strings.TrimSpace(s) == "" {
			p.add(indexed("visitors", i, ""), "is empty")
		}
	}
	return p.err()
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
