package model

import "time"

// The records of a TISC's life after its plaque (DESIGN section 12): its
// yearly returns, its evaluations, and on the institution itself its
// service level and host agreement.

// ServiceLevel is the level of service an operational TISC offers, as WIPO
// defines the levels of a national network; "" is not set.
type ServiceLevel string

// The three levels of DESIGN section 2.
const (
	LevelNotSet ServiceLevel = ""
	Level1      ServiceLevel = "level_1"
	Level2      ServiceLevel = "level_2"
	Level3      ServiceLevel = "level_3"
)

var ServiceLevelTable = []EnumName[ServiceLevel]{
	{LevelNotSet, "Not set", "未设定"},
	{Level1, "Level 1: database access and basic search help", "一级：数据库检索与基础检索帮助"},
	{Level2, "Level 2: plus search services", "二级：另加检索服务"},
	{Level3, "Level 3: plus value-added services", "三级：另加增值服务"},
}

// ServiceLevels lists the levels, "not set" first.
func ServiceLevels() []ServiceLevel { return values(ServiceLevelTable) }

// Valid reports whether l is known.
func (l ServiceLevel) Valid() bool { return lookupEnum(ServiceLevelTable, l) != nil }

// NameEN is the English display name.
func (l ServiceLevel) NameEN() string { return lookupEnum(ServiceLevelTable, l).en() }

// NameZH is the Chinese display name.
func (l ServiceLevel) NameZH() string { return lookupEnum(ServiceLevelTable, l).zh() }

// YearlyReturn is one TISC's statistics for one year, as WIPO's TISC
// reports and CNIPA collect them. An institution has at most one return per
// year (the store's rule). A return is accepted whatever the institution's
// stage: institutions in the pipeline often report too.
type YearlyReturn struct {
	Meta
	Institution          ID     `json:"institution"`
	Year                 int    `json:"year"`
	Inquiries            int    `json:"inquiries"`
	SearchReports        int    `json:"search_reports"`
	Analyses             int    `json:"analyses"`
	TrainingEvents       int    `json:"training_events"`
	TrainingParticipants int    `json:"training_participants"`
	AwarenessEvents      int    `json:"awareness_events"`
	Applications         int    `json:"applications_supported"`
	TechTransfers        int    `json:"technology_transfers"`
	Staff                int    `json:"staff"`
	StaffTrained         int    `json:"staff_trained"`
	Notes                string `json:"notes,omitempty"`
}

// Figures are the counted fields of a return, in the order of DESIGN
// section 12: the JSON name (the FieldLabels key) and a pointer to it.
func (r *YearlyReturn) Figures() []Figure {
	return []Figure{
		{"inquiries", &r.Inquiries},
		{"search_reports", &r.SearchReports},
		{"analyses", &r.Analyses},
		{"training_events", &r.TrainingEvents},
		{"training_participants", &r.TrainingParticipants},
		{"awareness_events", &r.AwarenessEvents},
		{"applications_supported", &r.Applications},
		{"technology_transfers", &r.TechTransfers},
		{"staff", &r.Staff},
		{"staff_trained", &r.StaffTrained},
	}
}

// Figure is one counted field of a YearlyReturn.
type Figure struct {
	Field string
	Value *int
}

// Validate checks the return.
func (r *YearlyReturn) Validate() error {
	var p problems
	if r.Institution == NilID {
		p.add("institution", "is required")
	}
	if r.Year < 1990 || r.Year > 2100 {
		p.add("year", "must be a year between 1990 and 2100")
	}
	for _, f := range r.Figures() {
		if *f.Value < 0 {
			p.add(f.Field, "cannot be negative")
		}
	}
	if r.StaffTrained > r.Staff && r.Staff >= 0 {
		p.add("staff_trained", "cannot be more than the staff")
	}
	return p.err()
}

// EvaluationKind is what an evaluation was.
type EvaluationKind string

// The kinds: the three-year operational evaluation, or any other review.
const (
	EvaluationOperational EvaluationKind = "operational"
	EvaluationOther       EvaluationKind = "other"
)

var EvaluationKindTable = []EnumName[EvaluationKind]{
	{EvaluationOperational, "Three-year operational evaluation", "三年运营评估"},
	{EvaluationOther, "Other review", "其他评估"},
}

// EvaluationKinds lists the kinds in display order.
func EvaluationKinds() []EvaluationKind { return values(EvaluationKindTable) }

// Valid reports whether k is known.
func (k EvaluationKind) Valid() bool { return lookupEnum(EvaluationKindTable, k) != nil }

// NameEN is the English display name.
func (k EvaluationKind) NameEN() string { return lookupEnum(EvaluationKindTable, k).en() }

// NameZH is the Chinese display name.
func (k EvaluationKind) NameZH() string { return lookupEnum(EvaluationKindTable, k).zh() }

// Grade is an evaluation's verdict; "" is not graded yet.
type Grade string

// The grades of DESIGN section 12.
const (
	GradeNone      Grade = ""
	GradeExcellent Grade = "excellent"
	GradePass      Grade = "pass"
	GradeFail      Grade = "fail"
)

var GradeTable = []EnumName[Grade]{
	{GradeNone, "Not graded", "未评定"},
	{GradeExcellent, "Excellent", "优秀"},
	{GradePass, "Pass", "合格"},
	{GradeFail, "Fail", "不合格"},
}

// Grades lists the grades in display order.
func Grades() []Grade { return values(GradeTable) }

// Valid reports whether g is known.
func (g Grade) Valid() bool { return lookupEnum(GradeTable, g) != nil }

// NameEN is the English display name.
func (g Grade) NameEN() string { return lookupEnum(GradeTable, g).en() }

// NameZH is the Chinese display name.
func (g Grade) NameZH() string { return lookupEnum(GradeTable, g).zh() }

// Outcome is what an evaluation decided; "" is not decided yet.
type Outcome string

// The outcomes of DESIGN section 12.
const (
	OutcomeNone     Outcome = ""
	OutcomeContinue Outcome = "continue"
	OutcomeImprove  Outcome = "improve"
	OutcomeExit     Outcome = "exit"
)

var OutcomeTable = []EnumName[Outcome]{
	{OutcomeNone, "Not decided", "未决定"},
	{OutcomeContinue, "Continue", "继续运营"},
	{OutcomeImprove, "Improve", "限期整改"},
	{OutcomeExit, "Exit", "退出"},
}

// Outcomes lists the outcomes in display order.
func Outcomes() []Outcome { return values(OutcomeTable) }

// Valid reports whether o is known.
func (o Outcome) Valid() bool { return lookupEnum(OutcomeTable, o) != nil }

// NameEN is the English display name.
func (o Outcome) NameEN() string { return lookupEnum(OutcomeTable, o).en() }

// NameZH is the Chinese display name.
func (o Outcome) NameZH() string { return lookupEnum(OutcomeTable, o).zh() }

// Evaluation is one evaluation or review of a TISC.
type Evaluation struct {
	Meta
	Institution ID             `json:"institution"`
	Date        Date           `json:"date"`
	Kind        EvaluationKind `json:"evaluation_kind"`
	Grade       Grade          `json:"grade,omitempty"`
	Outcome     Outcome        `json:"outcome,omitempty"`
	Evaluators  string         `json:"evaluators,omitempty"`
	Notes       string         `json:"notes,omitempty"`
}

// Validate checks the evaluation.
func (e *Evaluation) Validate() error {
	var p problems
	if e.Institution == NilID {
		p.add("institution", "is required")
	}
	if e.Date == "" {
		p.add("date", "is required")
	}
	p.checkDate("date", e.Date)
	if !e.Kind.Valid() {
		p.add("evaluation_kind", "is not a known kind of evaluation")
	}
	if !e.Grade.Valid() {
		p.add("grade", "is not a known grade")
	}
	if !e.Outcome.Valid() {
		p.add("outcome", "is not a known outcome")
	}
	return p.err()
}

// EvaluationCycleYears is how long after a TISC became operational, or after its
// last evaluation, the next one falls due.
const EvaluationCycleYears = 3

// NextEvaluationDue is when in's next evaluation falls due: three years
// after its latest evaluation among evals (any kind, any order), or when
// there is none, three years after it became operational. It is "" when
// the institution is not operational (its evaluations are not due).
func NextEvaluationDue(in *Institution, evals []Evaluation) Date {
	if in.Stage != StageOperational {
		return ""
	}
	var from Date
	for _, e := range evals {
		if e.Institution == in.ID && !e.Deleted && e.Date > from {
			from = e.Date
		}
	}
	if from == "" {
		from = in.StageDate(StageOperational)
	}
	return addYears(from, EvaluationCycleYears)
}

// addYears is d plus n years ("" for a bad date). 29 February falls on
// 1 March of a common year, as time.AddDate gives it.
func addYears(d Date, n int) Date {
	t, err := time.Parse(dateLayout, string(d))
	if err != nil {
		return ""
	}
	return Date(t.AddDate(n, 0, 0).Format(dateLayout))
}

// validateOperations checks the institution's service level and agreement.
func (in *Institution) validateOperations(p *problems) {
	if !in.ServiceLevel.Valid() {
		p.add("service_level", "is not a known service level")
	}
	p.checkDate("agreement_signed", in.AgreementSigned)
	p.checkDate("agreement_expires", in.AgreementExpires)
	if in.AgreementSigned != "" && in.AgreementExpires != "" && in.AgreementExpires < in.AgreementSigned {
		p.add("agreement_expires", "cannot be before the agreement was signed")
	}
}
