package data

// The domain types, enums, messages and reference tables live in
// data/model (docs/architecture.md); these names keep the rest of data and
// its callers compiling while they move to model directly.

import "tiscdesk/data/model"

type (
	Assessment       = model.Assessment
	CatalogueEntry   = model.CatalogueEntry
	Cohort           = model.Cohort
	Contact          = model.Contact
	Country          = model.Country
	Course           = model.Course
	Criterion        = model.Criterion
	Date             = model.Date
	Enrolment        = model.Enrolment
	EnrolmentEncoder = model.EnrolmentEncoder
	EnrolmentStatus  = model.EnrolmentStatus
	EnrolmentText    = model.EnrolmentText
	FieldError       = model.FieldError
	FollowUp         = model.FollowUp
	Funder           = model.Funder
	Gender           = model.Gender
	GeoPoint         = model.GeoPoint
	Photo            = model.Photo
	ID               = model.ID
	ImportText       = model.ImportText
	Institution      = model.Institution
	InstitutionType  = model.InstitutionType
	Language         = model.Language
	Meta             = model.Meta
	Period           = model.Period
	Programme        = model.Programme
	Province         = model.Province
	Recommendation   = model.Recommendation
	Region           = model.Region
	Service          = model.Service
	Session          = model.Session
	SessionCode      = model.SessionCode
	Stage            = model.Stage
	StageChange      = model.StageChange
	Student          = model.Student
	StudentStatus    = model.StudentStatus
	ValidationError  = model.ValidationError
	Visit            = model.Visit
	VisitKind        = model.VisitKind
)

const (
	CriterionCommitment     = model.CriterionCommitment
	CriterionDatabases      = model.CriterionDatabases
	CriterionInternet       = model.CriterionInternet
	CriterionOutreach       = model.CriterionOutreach
	CriterionPremises       = model.CriterionPremises
	CriterionServices       = model.CriterionServices
	CriterionStaff          = model.CriterionStaff
	FunderHost              = model.FunderHost
	FunderNotRecorded       = model.FunderNotRecorded
	FunderOther             = model.FunderOther
	FunderSelf              = model.FunderSelf
	FunderWIPO              = model.FunderWIPO
	GenderFemale            = model.GenderFemale
	GenderMale              = model.GenderMale
	GenderOther             = model.GenderOther
	GenderUnspecified       = model.GenderUnspecified
	LangArabic              = model.LangArabic
	LangChinese             = model.LangChinese
	LangEnglish             = model.LangEnglish
	LangFrench              = model.LangFrench
	LangPortuguese          = model.LangPortuguese
	LangRussian             = model.LangRussian
	LangSpanish             = model.LangSpanish
	RecommendNotReady       = model.RecommendNotReady
	RecommendReady          = model.RecommendReady
	RecommendWithConditions = model.RecommendWithConditions
	RegionEast              = model.RegionEast
	RegionNorth             = model.RegionNorth
	RegionNortheast         = model.RegionNortheast
	RegionNorthwest         = model.RegionNorthwest
	RegionOther             = model.RegionOther
	RegionSouthCentral      = model.RegionSouthCentral
	RegionSouthwest         = model.RegionSouthwest
	ServiceAnalytics        = model.ServiceAnalytics
	ServiceDatabases        = model.ServiceDatabases
	ServiceIPManagement     = model.ServiceIPManagement
	ServiceMonitoring       = model.ServiceMonitoring
	ServiceSearches         = model.ServiceSearches
	ServiceTechTransfer     = model.ServiceTechTransfer
	ServiceTraining         = model.ServiceTraining
	StageAgreement          = model.StageAgreement
	StageApplied            = model.StageApplied
	StageApproved           = model.StageApproved
	StageCandidate          = model.StageCandidate
	StageOperational        = model.StageOperational
	StageRecommended        = model.StageRecommended
	StageRejected           = model.StageRejected
	StageSuspended          = model.StageSuspended
	StageVisited            = model.StageVisited
	StageWithdrawn          = model.StageWithdrawn
	StatusActive            = model.StatusActive
	StatusCompleted         = model.StatusCompleted
	StatusFailed            = model.StatusFailed
	StatusRegistered        = model.StatusRegistered
	StatusSuspended         = model.StatusSuspended
	StatusWithdrawn         = model.StatusWithdrawn
	StudentAdmitted         = model.StudentAdmitted
	StudentApplied          = model.StudentApplied
	StudentEnrolled         = model.StudentEnrolled
	StudentFailed           = model.StudentFailed
	StudentGraduated        = model.StudentGraduated
	StudentThesis           = model.StudentThesis
	StudentWithdrawn        = model.StudentWithdrawn
	TypeAssociation         = model.TypeAssociation
	TypeEnterprise          = model.TypeEnterprise
	TypeIPOffice            = model.TypeIPOffice
	TypeLibrary             = model.TypeLibrary
	TypeOther               = model.TypeOther
	TypeResearch            = model.TypeResearch
	TypeSTInfo              = model.TypeSTInfo
	TypeSTPark              = model.TypeSTPark
	TypeUniversity          = model.TypeUniversity
	VisitAssessment         = model.VisitAssessment
	VisitCeremony           = model.VisitCeremony
	VisitFollowUp           = model.VisitFollowUp
	VisitOther              = model.VisitOther
	VisitTraining           = model.VisitTraining
)

var (
	EnrolmentStatusTable = model.EnrolmentStatusTable
	ErrBadSessionCode    = model.ErrBadSessionCode
	ErrInUse             = model.ErrInUse
	ErrInvalid           = model.ErrInvalid
	ErrNewerSchema       = model.ErrNewerSchema
	ErrNotDatabase       = model.ErrNotDatabase
	ErrNotFound          = model.ErrNotFound
	FieldLabels          = model.FieldLabels
	FunderTable          = model.FunderTable
	GenderTable          = model.GenderTable
	InstitutionTypeTable = model.InstitutionTypeTable
	KnownDatabases       = model.KnownDatabases
	LanguageTable        = model.LanguageTable
	NilID                = model.NilID
	RecommendationTable  = model.RecommendationTable
	ServiceTable         = model.ServiceTable
	StageTable           = model.StageTable
	StudentStatusTable   = model.StudentStatusTable
	VisitKindTable       = model.VisitKindTable
	AppendEnrolmentJSON  = model.AppendEnrolmentJSON
	AppendKey            = model.AppendKey
	Because              = model.Because
	BuiltinCatalogue     = model.BuiltinCatalogue
	Countries            = model.Countries
	CountriesByName      = model.CountriesByName
	CountryByCode        = model.CountryByCode
	CountryName          = model.CountryName
	Criteria             = model.Criteria
	DateOf               = model.DateOf
	English              = model.English
	EnrolmentStatuses    = model.EnrolmentStatuses
	FieldLabel           = model.FieldLabel
	ParsePosition        = model.ParsePosition
	Funders              = model.Funders
	Genders              = model.Genders
	InstitutionTypes     = model.InstitutionTypes
	LangIsChinese        = model.LangIsChinese
	Languages            = model.Languages
	LookupCountry        = model.LookupCountry
	LookupProvince       = model.LookupProvince
	NewCollator          = model.NewCollator
	NewID                = model.NewID
	NormEmail            = model.NormEmail
	ParseDate            = model.ParseDate
	ParseID              = model.ParseID
	ParseSessionCode     = model.ParseSessionCode
	PipelineStages       = model.PipelineStages
	ProvinceAt           = model.ProvinceAt
	ProvinceByCode       = model.ProvinceByCode
	Provinces            = model.Provinces
	Recommendations      = model.Recommendations
	Regions              = model.Regions
	ScanEnrolment        = model.ScanEnrolment
	Services             = model.Services
	SessionCodeReason    = model.SessionCodeReason
	Stages               = model.Stages
	StudentStatuses      = model.StudentStatuses
	ValidEmail           = model.ValidEmail
	VisitKinds           = model.VisitKinds
	YearPeriod           = model.YearPeriod
)

// ValueIndex is model.ValueIndex.
type ValueIndex[T any] = model.ValueIndex[T]

// EnumName is model.EnumName.
type EnumName[T ~string] = model.EnumName[T]
