package model

import (
	"strings"
	"sync"
	"unicode"
)

// The words people write for enumerated values, in one place: every value's
// code, English and Chinese names (the tables beside each type), and the
// common variants and abbreviations spreadsheets use. One lookup per
// enumerated field; countries have theirs in countries.go (LookupCountry),
// provinces in provinces.go (LookupProvince).

// LookupInstitutionType finds the institution type s names: its code, its
// English or Chinese name or a common variant ("高等院校", "research
// institution"), else the type of the first key word it contains, in the
// order of typeKeyWords (DESIGN section 5): "研究机构" is a research
// institute, "XX大学图书馆" a library. Returns false when s names no type.
func LookupInstitutionType(s string) (InstitutionType, bool) {
	if t, ok := typeWords().Lookup(s); ok {
		return t, true
	}
	return typeByKeyWord(s)
}

// LookupStage finds the pipeline stage s names.
func LookupStage(s string) (Stage, bool) { return stageWords().Lookup(s) }

// LookupService finds the service s names.
func LookupService(s string) (Service, bool) { return serviceWords().Lookup(s) }

// LookupGender finds the gender s names ("女", "F", "woman"); "unknown"
// and its kin name GenderUnspecified.
func LookupGender(s string) (Gender, bool) { return genderWords().Lookup(s) }

// LookupEnrolmentStatus finds the DL enrolment status s names, Moodle's
// words included ("Not current" is withdrawn).
func LookupEnrolmentStatus(s string) (EnrolmentStatus, bool) { return enrolmentStatusWords().Lookup(s) }

// LookupStudentStatus finds the joint-degree student status s names.
func LookupStudentStatus(s string) (StudentStatus, bool) { return studentStatusWords().Lookup(s) }

// LookupFunder finds the scholarship funder s names.
func LookupFunder(s string) (Funder, bool) { return funderWords().Lookup(s) }

// tableWords starts an index with every value's code and names.
func tableWords[T ~string](table []EnumName[T]) ValueIndex[T] {
	ix := ValueIndex[T]{}
	for _, e := range table {
		ix.Add(e.Value, string(e.Value), e.NameEN, e.NameZH)
	}
	return ix
}

var (
	typeWords = sync.OnceValue(func() ValueIndex[InstitutionType] {
		ix := tableWords(InstitutionTypeTable)
		ix.Add(TypeUniversity, "college", "higher education institution", "大学", "高等院校", "高等学校", "院校")
		ix.Add(TypeResearch, "research", "research institution", "research institute", "research centre", "research center",
			"研究所", "研究院", "科研机构", "研究机构", "科研单位", "科研院所")
		ix.Add(TypeLibrary, "library", "图书馆", "公共图书馆")
		ix.Add(TypeSTInfo, "S&T information", "S&T information institution", "information institute", "scientific and technical information",
			"科技情报", "情报所", "科技信息", "科技信息研究所", "科技情报研究所", "科技信息机构", "科技情报机构")
		ix.Add(TypeAssociation, "industry association", "chamber", "chamber of commerce", "association", "协会", "商会", "行业协会", "联合会")
		ix.Add(TypeSTPark, "S&T park", "science park", "technology park", "park", "industrial park", "园区", "科技园", "高新区", "开发区")
		ix.Add(TypeIPOffice, "IP office", "IP service", "IP service body", "patent office", "知识产权局", "知识产权服务中心",
			"知识产权公共服务机构", "知识产权服务机构", "知识产权公共服务中心")
		ix.Add(TypeEnterprise, "company", "business", "corporation", "公司", "集团", "企业单位")
		ix.Add(TypeOther, "其它")
		return ix
	})
	stageWords = sync.OnceValue(func() ValueIndex[Stage] {
		ix := tableWords(StageTable)
		ix.Add(StageCandidate, "候选机构", "候选单位")
		ix.Add(StageApplied, "application", "申请", "申请中")
		ix.Add(StageRecommended, "推荐")
		ix.Add(StageVisited, "考察", "已调研")
		ix.Add(StageApproved, "approved as preparatory", "批准筹建", "已批准", "筹建", "筹建中")
		ix.Add(StageAgreement, "agreement", "signed", "签约", "已签署协议")
		ix.Add(StageOperational, "operating", "plaque awarded", "运营", "运营中", "已揭牌", "揭牌")
		ix.Add(StageRejected, "not approved", "不通过", "已拒绝")
		ix.Add(StageWithdrawn, "退出")
		ix.Add(StageSuspended, "已暂停")
		return ix
	})
	serviceWords = sync.OnceValue(func() ValueIndex[Service] {
		ix := tableWords(ServiceTable)
		for _, e := range ServiceTable {
			ix.Add(e.Value, beforeBracket(e.NameEN), beforeBracket(e.NameZH))
		}
		ix.Add(ServiceDatabases, "databases", "database access", "数据库", "数据库检索")
		ix.Add(ServiceSearches, "searches", "委托检索")
		ix.Add(ServiceIPManagement, "IP management", "commercialization", "commercialisation", "知识产权管理")
		ix.Add(ServiceAnalytics, "patent analytics", "landscape reports", "专利分析")
		return ix
	})
	genderWords = sync.OnceValue(func() ValueIndex[Gender] {
		ix := tableWords(GenderTable)
		ix.Add(GenderFemale, "f", "woman", "女性", "女士")
		ix.Add(GenderMale, "m", "man", "男性", "男士")
		ix.Add(GenderOther, "其它", "diverse", "non-binary")
		ix.Add(GenderUnspecified, "unknown", "not specified", "prefer not to say", "n/a", "未知", "保密", "不详")
		return ix
	})
	enrolmentStatusWords = sync.OnceValue(func() ValueIndex[EnrolmentStatus] {
		ix := tableWords(EnrolmentStatusTable)
		ix.Add(StatusRegistered, "enrolled", "enrol", "注册", "已报名", "报名")
		ix.Add(StatusActive, "in progress", "studying", "学习", "在学", "进行中")
		ix.Add(StatusSuspended, "已暂停")
		ix.Add(StatusCompleted, "complete", "passed", "pass", "完成", "已通过", "通过", "合格", "已结业", "结业")
		ix.Add(StatusFailed, "fail", "not passed", "不合格", "不及格")
		// Moodle's "Not current" is an enrolment that has ended without a result.
		ix.Add(StatusWithdrawn, "not current", "dropped", "dropped out", "退出", "退课", "已退课", "放弃")
		return ix
	})
	studentStatusWords = sync.OnceValue(func() ValueIndex[StudentStatus] {
		ix := tableWords(StudentStatusTable)
		ix.Add(StudentApplied, "applicant", "application", "申请", "申请中")
		ix.Add(StudentAdmitted, "accepted", "offered", "录取", "拟录取")
		ix.Add(StudentEnrolled, "studying", "active", "current", "registered", "在校", "就读", "学习中", "已注册", "已报到")
		ix.Add(StudentThesis, "thesis stage", "writing", "论文", "撰写论文", "论文写作")
		ix.Add(StudentGraduated, "graduate", "completed", "degree awarded", "毕业", "已获学位")
		ix.Add(StudentWithdrawn, "withdrew", "dropped out", "left", "已退学", "退出", "已退出")
		ix.Add(StudentFailed, "fail", "not passed", "不合格", "未毕业")
		return ix
	})
	funderWords = sync.OnceValue(func() ValueIndex[Funder] {
		ix := tableWords(FunderTable)
		ix.Add(FunderWIPO, "WIPO scholarship", "WIPO fellowship", "WIPO奖学金", "世界知识产权组织", "世界知识产权组织奖学金", "产权组织")
		ix.Add(FunderHost, "government", "host government scholarship", "government scholarship", "Chinese government",
			"Chinese Government Scholarship", "CSC", "政府奖学金", "中国政府奖学金", "中国政府", "国家留学基金委", "东道国政府奖学金")
		ix.Add(FunderSelf, "self", "self funded", "self-financed", "private", "none", "自筹", "无", "自费生")
		ix.Add(FunderOther, "其它")
		return ix
	})
)

// beforeBracket is s up to its first bracket: "On-demand searches".
func beforeBracket(s string) string {
	if i := strings.IndexAny(s, "(（"); i > 0 {
		return s[:i]
	}
	return s
}

// typeKeyWord is a key word of an institution type: Chinese words are found
// anywhere in the text, English ones as whole words.
type typeKeyWord struct {
	t     InstitutionType
	words []string
}

// typeKeyWords are the key words of DESIGN section 5, in the order they
// win when a name holds two: the most specific body first ("大学图书馆" is a
// library, "科技信息研究所" an S&T information institute, "知识产权服务公司"
// an IP service body, "科技园发展公司" a park), the broad words last
// ("学院" after "研究", so "研究学院" is research; "科学院" is research by
// its own word).
var typeKeyWords = []typeKeyWord{
	{TypeLibrary, []string{"图书馆", "library", "libraries"}},
	{TypeSTInfo, []string{"情报", "信息", "文献", "information", "documentation"}},
	{TypeIPOffice, []string{"知识产权", "专利", "intellectual property", "ip", "patent", "patents"}},
	{TypeSTPark, []string{"园区", "高新区", "开发区", "科技园", "产业园", "孵化器", "park", "zone", "incubator"}},
	{TypeAssociation, []string{"协会", "商会", "联合会", "学会", "association", "chamber", "federation", "society"}},
	{TypeEnterprise, []string{"公司", "集团", "企业", "company", "corporation", "enterprise", "group", "ltd", "inc", "co"}},
	{TypeResearch, []string{"研究", "研究院", "研究所", "院所", "科学院", "科研", "research", "institute", "academy"}},
	{TypeUniversity, []string{"大学", "学院", "高校", "院校", "university", "college", "school"}},
}

// typeByKeyWord is the type of the first key word of typeKeyWords in s.
func typeByKeyWord(s string) (InstitutionType, bool) {
	lower := strings.ToLower(s)
	words := strings.FieldsFunc(lower, func(r rune) bool { return !unicode.IsLetter(r) || unicode.Is(unicode.Han, r) })
	spaced := " " + strings.Join(words, " ") + " "
	for _, kw := range typeKeyWords {
		for _, w := range kw.words {
			if isASCII(w) {
				if strings.Contains(spaced, " "+w+" ") {
					return kw.t, true
				}
			} else if strings.Contains(lower, w) {
				return kw.t, true
			}
		}
	}
	return "", false
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
