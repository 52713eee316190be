package sample

import (
	"fmt"
	"strings"
	"tiscdesk/data/model"
	"unicode"
)

// The raw material of the built-in sample (sample.go): institutions, names,
// comments and phrases, and the makers of people from them. The host
// institutions are real public bodies or, for the exits, invented ones; the
// stage each has reached is the sample's invention, not a statement about
// any real TISC.

// The courses whose sessions the sample holds.
var sampleCourses = []string{"101", "301", "318"}

// sampleSession is a course offered each year; size is the range of its enrolments.
type sampleSession struct {
	course   string
	lang     model.Language
	semester int
	size     [2]int
}

var sampleSessions = []sampleSession{
	{"101", model.LangChinese, 1, [2]int{44, 56}}, {"318", model.LangChinese, 1, [2]int{30, 40}}, {"301", model.LangEnglish, 1, [2]int{14, 18}},
	{"101", model.LangChinese, 2, [2]int{44, 56}}, {"318", model.LangChinese, 2, [2]int{30, 40}}, {"101", model.LangEnglish, 2, [2]int{12, 16}},
}

// sampleTutors teach the sessions, by language.
var sampleTutors = map[model.Language][]string{
	model.LangChinese: {"陈立新", "刘晓红", "张建国", "黄丽君", "吴海涛"},
	model.LangEnglish: {"Dr. Sarah Mitchell", "Prof. James Okoye", "Dr. Ana Ferreira", "Dr. Rahul Mehta"},
}

// sampleSemesters are the first and last days (MM-DD) of semesters 1 and 2.
var sampleSemesters = [2][2]string{{"03-02", "06-12"}, {"09-07", "12-04"}}

// Where on the sample's timeline (0 is mid-January of last year, 1 is today)
// each batch was approved, and where an approved institution's stages lie
// around its approval, by pipeline index. Suspension comes late.
var (
	sampleBatchApproved = [...]float64{0, 0.30, 0.55, 0.78}
	sampleAroundApprove = [...]float64{-0.26, -0.19, -0.12, -0.05, 0, 0.08, 0.16}
)

const sampleSuspendedAt = 0.86

// sampleInstitution is one row of the sample's institution list.
type sampleInstitution struct {
	local, english string
	typ            model.InstitutionType
	province, city string
	area           string // telephone area code
	address        string
	website        string      // "" for the invented ones: their contacts use public mailboxes
	stage          model.Stage // the stage it has reached today
	batch          int         // approval batch, 0 when never approved
	notes          string
}

var sampleInstitutions = []sampleInstitution{
	{"同济大学", "Tongji University", model.TypeUniversity, "CN-SH", "上海", "21", "上海市杨浦区四平路1239号", "https://www.tongji.edu.cn", model.StageOperational, 1, "与WIPO合办知识产权硕士项目的高校。"},
	{"华中科技大学", "Huazhong University of Science and Technology", model.TypeUniversity, "CN-HB", "武汉", "27", "湖北省武汉市洪山区珞喻路1037号", "https://www.hust.edu.cn", model.StageOperational, 1, ""},
	{"西安交通大学", "Xi'an Jiaotong University", model.TypeUniversity, "CN-SN", "西安", "29", "陕西省西安市碑林区咸宁西路28号", "https://www.xjtu.edu.cn", model.StageOperational, 1, ""},
	{"广东省科学技术情报研究所", "Guangdong Institute of Scientific and Technical Information", model.TypeSTInfo, "CN-GD", "广州", "20", "广东省广州市越秀区连新路171号", "https://www.gdsti.net", model.StageOperational, 1, "Strong patent analytics team; serves the Pearl River Delta manufacturers."},
	{"苏州市知识产权公共服务中心", "Suzhou IP Public Service Centre", model.TypeIPOffice, "CN-JS", "苏州", "512", "江苏省苏州市姑苏区", "", model.StageOperational, 1, ""},
	{"中国科学院成都文献情报中心", "National Science Library (Chengdu), Chinese Academy of Sciences", model.TypeResearch, "CN-SC", "成都", "28", "四川省成都市一环路南二段16号", "https://www.clas.ac.cn", model.StageOperational, 2, ""},
	{"浙江省科技信息研究院", "Zhejiang Institute of Science and Technology Information", model.TypeSTInfo, "CN-ZJ", "杭州", "571", "浙江省杭州市西湖区", "https://www.zjinfo.gov.cn", model.StageOperational, 2, ""},
	{"吉林大学", "Jilin University", model.TypeUniversity, "CN-JL", "长春", "431", "吉林省长春市前进大街2699号", "https://www.jlu.edu.cn", model.StageOperational, 2, "图书馆与技术转移中心联合承担服务。"},
	{"天津滨海高新技术产业开发区", "Tianjin Binhai Hi-tech Industrial Development Area", model.TypeSTPark, "CN-TJ", "天津", "22", "天津市滨海高新区华苑产业区", "", model.StageOperational, 2, "Services run by the park's enterprise service centre."},
	{"北京华创知识产权信息服务中心", "Beijing Huachuang IP Information Service Centre", model.TypeIPOffice, "CN-BJ", "北京", "10", "北京市海淀区", "", model.StageSuspended, 1, "两名专职人员离职，整改完成前暂停。"},
	{"四川大学", "Sichuan University", model.TypeUniversity, "CN-SC", "成都", "28", "四川省成都市一环路南一段24号", "https://www.scu.edu.cn", model.StageAgreement, 2, ""},
	{"大连理工大学", "Dalian University of Technology", model.TypeUniversity, "CN-LN", "大连", "411", "辽宁省大连市甘井子区凌工路2号", "https://www.dlut.edu.cn", model.StageAgreement, 3, ""},
	{"湖南图书馆", "Hunan Library", model.TypeLibrary, "CN-HN", "长沙", "731", "湖南省长沙市芙蓉区韶山北路169号", "https://www.library.hn.cn", model.StageAgreement, 3, "Plaque ceremony to be planned with the provincial IP office."},
	{"兰州大学", "Lanzhou University", model.TypeUniversity, "CN-GS", "兰州", "931", "甘肃省兰州市城关区天水南路222号", "https://www.lzu.edu.cn", model.StageApproved, 3, ""},
	{"中国科学院新疆理化技术研究所", "Xinjiang Technical Institute of Physics and Chemistry, CAS", model.TypeResearch, "CN-XJ", "乌鲁木齐", "991", "新疆乌鲁木齐市北京南路40-1号", "https://www.xjipc.cas.cn", model.StageApproved, 3, ""},
	{"河北省科学技术情报研究院", "Hebei Institute of Scientific and Technical Information", model.TypeSTInfo, "CN-HE", "石家庄", "311", "河北省石家庄市", "", model.StageApproved, 3, ""},
	{"广西大学", "Guangxi University", model.TypeUniversity, "CN-GX", "南宁", "771", "广西南宁市西乡塘区大学东路100号", "https://www.gxu.edu.cn", model.StageVisited, 0, ""},
	{"内蒙古图书馆", "Inner Mongolia Library", model.TypeLibrary, "CN-NM", "呼和浩特", "471", "内蒙古自治区呼和浩特市赛罕区", "https://www.nmglib.com", model.StageVisited, 0, "Second visit after the staff plan was revised."},
	{"潍柴动力股份有限公司", "Weichai Power Co., Ltd.", model.TypeEnterprise, "CN-SD", "潍坊", "536", "山东省潍坊市高新技术产业开发区福寿东街197号甲", "https://www.weichai.com", model.StageVisited, 0, "企业型TISC试点，服务对象为产业链上下游企业。"},
	{"云南大学", "Yunnan University", model.TypeUniversity, "CN-YN", "昆明", "871", "云南省昆明市五华区翠湖北路2号", "https://www.ynu.edu.cn", model.StageRecommended, 0, ""},
	{"福建省科学技术信息研究所", "Fujian Institute of Scientific and Technological Information", model.TypeSTInfo, "CN-FJ", "福州", "591", "福建省福州市鼓楼区", "", model.StageRecommended, 0, ""},
	{"宁夏大学", "Ningxia University", model.TypeUniversity, "CN-NX", "银川", "951", "宁夏银川市西夏区贺兰山西路489号", "https://www.nxu.edu.cn", model.StageRecommended, 0, ""},
	{"哈尔滨工程大学", "Harbin Engineering University", model.TypeUniversity, "CN-HL", "哈尔滨", "451", "黑龙江省哈尔滨市南岗区南通大街145号", "https://www.hrbeu.edu.cn", model.StageApplied, 0, ""},
	{"江苏省医药行业协会", "Jiangsu Pharmaceutical Industry Association", model.TypeAssociation, "CN-JS", "南京", "25", "江苏省南京市鼓楼区", "", model.StageApplied, 0, "Members want freedom-to-operate searches for generics."},
	{"贵州大学", "Guizhou University", model.TypeUniversity, "CN-GZ", "贵阳", "851", "贵州省贵阳市花溪区", "https://www.gzu.edu.cn", model.StageCandidate, 0, ""},
	{"山西省图书馆", "Shanxi Library", model.TypeLibrary, "CN-SX", "太原", "351", "山西省太原市", "https://www.sxlib.org.cn", model.StageCandidate, 0, ""},
	{"合肥高新技术产业开发区", "Hefei National Hi-tech Industry Development Zone", model.TypeSTPark, "CN-AH", "合肥", "551", "安徽省合肥市高新区", "", model.StageCandidate, 0, ""},
	{"华南创新知识产权服务有限公司", "South China Innovation IP Services Co., Ltd.", model.TypeEnterprise, "CN-GD", "深圳", "755", "广东省深圳市南山区", "", model.StageRejected, 0, "Commercial agency; TISC services would not be free of charge."},
	{"中原新材料产业技术创新联盟", "Central Plains New Materials Innovation Alliance", model.TypeAssociation, "CN-HA", "郑州", "371", "河南省郑州市金水区", "", model.StageRejected, 0, ""},
	{"重庆西部智谷科技园", "Chongqing West Smart Valley Science Park", model.TypeSTPark, "CN-CQ", "重庆", "23", "重庆市沙坪坝区", "", model.StageWithdrawn, 0, ""},
}

// sampleTitles are contacts' job titles by type of institution.
var sampleTitles = map[model.InstitutionType][]string{
	model.TypeUniversity:  {"图书馆馆长", "知识产权中心主任", "科技处处长", "技术转移中心主任"},
	model.TypeResearch:    {"文献情报部主任", "副主任", "知识产权办公室主任"},
	model.TypeLibrary:     {"馆长", "副馆长", "科技文献部主任"},
	model.TypeSTInfo:      {"所长", "专利信息部处长", "副院长"},
	model.TypeAssociation: {"秘书长", "副秘书长"},
	model.TypeSTPark:      {"管委会科技处处长", "企业服务中心主任"},
	model.TypeIPOffice:    {"主任", "副主任", "信息服务部部长"},
	model.TypeEnterprise:  {"知识产权部部长", "专利工程师"},
}

// Who records stage changes and who visits.
var (
	sampleOffice      = "Beijing office laptop"
	sampleFieldDevice = []string{"Field laptop Li Wei", "Field laptop Zhang Min"}
	sampleWIPOStaff   = []string{"Li Wei (WIPO Office in China)", "Zhang Min (WIPO Office in China)", "Chen Jing (WIPO Office in China)", "Maria Alvarez (WIPO, Geneva)"}
	sampleCNIPAStaff  = []string{"王芳（国家知识产权局公共服务司）", "刘洋（国家知识产权局公共服务司）", "周静（国家知识产权局公共服务司）"}
	sampleLeaders     = []string{"分管副校长", "副馆长", "副所长", "副主任"}
)

// sampleStageNotes are the notes written on stage changes; approvals name their batch.
var sampleStageNotes = map[model.Stage][]string{
	model.StageCandidate:   {"省知识产权局摸底推荐", "Met at the provincial TISC information day", "主动咨询TISC建设事宜"},
	model.StageApplied:     {"提交申请表及服务方案", "Application form and service plan received"},
	model.StageRecommended: {"省知识产权局推荐", "Recommended by the provincial IP office"},
	model.StageVisited:     {"WIPO与国家知识产权局联合考察", "Joint WIPO-CNIPA assessment visit"},
	model.StageAgreement:   {"签署TISC服务协议", "Service agreement signed"},
	model.StageOperational: {"揭牌，正式运营", "Plaque awarded; services open to the public"},
	model.StageRejected:    {"考察未通过：无专职人员，数据库条件不足"},
	model.StageWithdrawn:   {"机构调整，主动撤回申请"},
	model.StageSuspended:   {"专职人员离岗，暂停服务待整改"},
}

// sampleComments are the checklist comments, in the order of Criteria(),
// for a good (4-5), fair (3) and poor (0-2) score.
var sampleComments = [7][3]string{
	{"分管领导亲自推动，已列入年度重点工作", "Leadership supportive, no budget line yet", "管理层尚未明确支持"},
	{"Dedicated team trained in DL-101 and DL-318", "仅一名兼职人员，需补充专职人员", "No dedicated staff"},
	{"独立服务大厅，配备6台检索工作站", "Shared reading room; two workstations planned", "无固定服务场地"},
	{"Stable 1 Gbps campus network", "网络可用，需开通境外数据库访问", "Unreliable connection"},
	{"PATENTSCOPE、ASPI及国家知识产权局数据库日常使用", "Free databases only", "No database access beyond web search"},
	{"Already serves over 100 SMEs a year", "有潜在需求，尚未形成服务", "No demand survey done"},
	{"年度推广计划完整，可按时提交年报", "Outreach plan drafted, yearly report to be set up", "无推广计划"},
}

// sampleLevel is the column of sampleComments for a score 0-5.
var sampleLevel = [6]int{2, 2, 2, 1, 0, 0}

// sampleScoreOdds is the chance of each score 0-5 under each recommendation.
var sampleScoreOdds = map[model.Recommendation][6]float64{
	model.RecommendReady:          {0, 0, 0, 0.12, 0.43, 0.45},
	model.RecommendWithConditions: {0, 0, 0.2, 0.6, 0.2, 0},
	model.RecommendNotReady:       {0.1, 0.4, 0.4, 0.1, 0, 0},
}

// sampleDatabases are the databases a visit may find, by recommendation.
var sampleDatabases = map[model.Recommendation][][]string{
	model.RecommendReady:          {{"PATENTSCOPE", "ASPI", "national"}, {"PATENTSCOPE", "ASPI", "ARDI", "national"}},
	model.RecommendWithConditions: {{"PATENTSCOPE", "national"}},
	model.RecommendNotReady:       {nil, {"national"}},
}

// sampleVisitKey selects findings and follow-up actions for a visit.
type sampleVisitKey struct {
	kind model.VisitKind
	rec  model.Recommendation
}

var sampleFindings = map[sampleVisitKey][]string{
	{model.VisitAssessment, model.RecommendReady}: {
		"Strong commitment from the leadership; the library already runs a patent search desk used by local SMEs. Ready to start as a preparatory TISC.",
		"领导高度重视，已配备专职检索人员，具备开展专利信息服务的基础条件，建议批准筹建。",
	},
	{model.VisitAssessment, model.RecommendWithConditions}: {
		"Good premises and internet access, but only one staff member has completed DL-101. Approval recommended once two staff are trained and ASPI access is registered.",
		"服务需求旺盛，但专职人员不足，数据库仅限国内资源。建议补充人员后批准筹建。",
	},
	{model.VisitAssessment, model.RecommendNotReady}: {
		"No dedicated staff and no budget line for the service; database access limited to free national resources. Not ready at this stage.",
		"机构尚未明确TISC服务的归口部门，人员和场地均未落实，暂不具备建设条件。",
	},
	{model.VisitFollowUp, model.RecommendReady}: {
		"The centre handled about 120 search requests this year, mostly from SMEs in the local high-tech zone. Yearly report due.",
		"中心运行良好，本年度举办检索培训6场，服务企业80余家。建议加强专利分析能力建设。",
	},
	{model.VisitFollowUp, model.RecommendNotReady}: {
		"Both trained staff have left; the centre has answered no requests since spring. Suspension recommended until new staff are trained.",
	},
	{model.VisitTraining, model.RecommendReady}: {
		"Half-day training on PATENTSCOPE and ASPI for 35 participants from local universities and enterprises; strong interest in freedom-to-operate searches.",
		"面向本地企业开展专利检索与分析培训，参训约40人，反馈良好。",
	},
	{model.VisitCeremony, model.RecommendReady}: {
		"Plaque ceremony attended by the provincial IP office and about 60 guests; covered by local media.",
		"揭牌仪式顺利举行，省知识产权局领导出席并致辞。",
	},
}

// sampleOwner says who owns a follow-up action.
type sampleOwner int

const (
	ownerHost  sampleOwner = iota // the institution's first contact
	ownerWIPO                     // the WIPO visitor
	ownerCNIPA                    // the CNIPA visitor
)

type sampleAction struct {
	text  string
	owner sampleOwner
	days  int // due this many days after the visit
}

var sampleActions = map[sampleVisitKey][]sampleAction{
	{model.VisitAssessment, model.RecommendReady}: {
		{"提交TISC建设方案及年度工作计划", ownerHost, 30},
		{"Nominate two dedicated staff for DL-101 and DL-318 next semester", ownerHost, 45},
		{"Send PATENTSCOPE and ASPI registration guidance", ownerWIPO, 14},
		{"向国家知识产权局提交考察报告", ownerCNIPA, 21},
	},
	{model.VisitAssessment, model.RecommendWithConditions}: {
		{"Provide a dedicated room with at least two workstations", ownerHost, 60},
		{"Register for ASPI access through the national focal point", ownerWIPO, 30},
		{"补充配备专职人员并完成DL-101课程", ownerHost, 90},
		{"提交整改说明", ownerHost, 45},
	},
	{model.VisitAssessment, model.RecommendNotReady}: {
		{"Explain the outcome to the provincial IP office", ownerCNIPA, 30},
		{"制定专职人员配备方案后可重新申请", ownerHost, 120},
	},
	{model.VisitFollowUp, model.RecommendReady}: {
		{"Submit the yearly TISC activity report", ownerHost, 45},
		{"组织一次面向中小企业的专利检索培训", ownerHost, 60},
		{"Update the TISC page on the institution's website", ownerHost, 30},
		{"Share PATENTSCOPE and ASPI usage statistics", ownerWIPO, 30},
	},
	{model.VisitFollowUp, model.RecommendNotReady}: {
		{"重新配备两名专职人员并完成DL-101/DL-318培训", ownerHost, 45},
		{"Submit a remediation plan to CNIPA", ownerHost, 30},
	},
	{model.VisitTraining, model.RecommendReady}: {
		{"Send training materials and recordings to participants", ownerWIPO, 7},
		{"报名下一期DL-318中文课程", ownerHost, 60},
		{"Organise an advanced patent analytics workshop", ownerWIPO, 120},
	},
	{model.VisitCeremony, model.RecommendReady}: {
		{"Publish a news item on the plaque ceremony", ownerHost, 14},
		{"Send photos and the press release to the WIPO TISC team", ownerWIPO, 10},
		{"与省知识产权局签署服务合作备忘录", ownerHost, 45},
	},
}

// Chinese names: characters with their pinyin, for display names and emails.
type sampleHanzi struct{ zh, py string }

var (
	sampleSurnames    = []sampleHanzi{{"王", "wang"}, {"李", "li"}, {"张", "zhang"}, {"刘", "liu"}, {"陈", "chen"}, {"杨", "yang"}, {"赵", "zhao"}, {"黄", "huang"}, {"周", "zhou"}, {"吴", "wu"}, {"徐", "xu"}, {"孙", "sun"}, {"胡", "hu"}, {"朱", "zhu"}, {"高", "gao"}, {"林", "lin"}, {"何", "he"}, {"郭", "guo"}, {"马", "ma"}, {"罗", "luo"}, {"梁", "liang"}, {"宋", "song"}, {"郑", "zheng"}, {"谢", "xie"}}
	sampleGivenFemale = []sampleHanzi{{"丽", "li"}, {"娜", "na"}, {"静", "jing"}, {"敏", "min"}, {"燕", "yan"}, {"婷", "ting"}, {"雪", "xue"}, {"琳", "lin"}, {"慧", "hui"}, {"芳", "fang"}, {"颖", "ying"}, {"倩", "qian"}}
	sampleGivenMale   = []sampleHanzi{{"伟", "wei"}, {"强", "qiang"}, {"磊", "lei"}, {"军", "jun"}, {"洋", "yang"}, {"勇", "yong"}, {"杰", "jie"}, {"涛", "tao"}, {"斌", "bin"}, {"浩", "hao"}, {"鹏", "peng"}, {"超", "chao"}}
	sampleGivenAny    = []sampleHanzi{{"明", "ming"}, {"晨", "chen"}, {"宇", "yu"}, {"佳", "jia"}, {"文", "wen"}, {"欣", "xin"}, {"晓", "xiao"}, {"思", "si"}}
)

// chineseName returns a name in characters, its pinyin (for emails) and the gender it suggests.
func (g *sampler) chineseName() (zh, py string, gender model.Gender) {
	sur := sampleSurnames[g.rng.IntN(len(sampleSurnames))]
	gender, given := model.GenderFemale, sampleGivenFemale
	if g.rng.IntN(2) == 0 {
		gender, given = model.GenderMale, sampleGivenMale
	}
	zh, py = sur.zh, sur.py
	if g.rng.Float64() < 0.6 {
		c := sampleGivenAny[g.rng.IntN(len(sampleGivenAny))]
		zh, py = zh+c.zh, py+c.py
	}
	c := given[g.rng.IntN(len(given))]
	return zh + c.zh, py + c.py, gender
}

// sampleOrganisation is a participant's employer that is not a sample institution.
type sampleOrganisation struct{ name, province, domain string }

var sampleOrganisations = []sampleOrganisation{
	{"华为技术有限公司", "CN-GD", "huawei.com"}, {"中兴通讯股份有限公司", "CN-GD", "zte.com.cn"},
	{"比亚迪股份有限公司", "CN-GD", "byd.com"}, {"上海交通大学", "CN-SH", "sjtu.edu.cn"},
	{"北京大学", "CN-BJ", "pku.edu.cn"}, {"清华大学", "CN-BJ", "tsinghua.edu.cn"},
	{"浙江大学", "CN-ZJ", "zju.edu.cn"}, {"南京大学", "CN-JS", "nju.edu.cn"},
	{"武汉大学", "CN-HB", "whu.edu.cn"}, {"中山大学", "CN-GD", "sysu.edu.cn"},
	{"山东大学", "CN-SD", "sdu.edu.cn"}, {"海尔集团", "CN-SD", "haier.com"},
	{"京东方科技集团股份有限公司", "CN-BJ", "boe.com.cn"}, {"宁德时代新能源科技股份有限公司", "CN-FJ", "catl.com"},
	{"重庆大学", "CN-CQ", "cqu.edu.cn"}, {"厦门大学", "CN-FJ", "xmu.edu.cn"},
	{"郑州大学", "CN-HA", "zzu.edu.cn"}, {"河北工业大学", "CN-HE", "hebut.edu.cn"},
	{"内蒙古大学", "CN-NM", "imu.edu.cn"}, {"新疆大学", "CN-XJ", "xju.edu.cn"},
	{"哈尔滨工业大学", "CN-HL", "hit.edu.cn"}, {"东北大学", "CN-LN", "neu.edu.cn"},
}

var (
	sampleChineseMail = []string{"163.com", "126.com", "sina.com", "foxmail.com"}
	sampleForeignMail = []string{"gmail.com", "yahoo.com", "outlook.com"}
	sampleSupervisors = []string{"Prof. Wang Jianmin", "Prof. Liu Ying", "Assoc. Prof. Chen Hao", "Dr. Zhou Lan", "Prof. Xu Ming"}
)

// sampleProgramme is the joint-degree programme the sample holds.
var sampleProgramme = model.Programme{
	Name: "WIPO-Tongji Master of Intellectual Property", NameZH: "世界知识产权组织—同济大学知识产权硕士项目",
	Partner: "Tongji University", CoOrganiser: "China National Intellectual Property Administration (CNIPA)",
	Degree: "Master of Laws (LLM) in Intellectual Property", Specialisation: "IP law, management and technology transfer",
	City: "Shanghai", Country: "CN",
}

// sampleFunders are drawn for foreign students: mostly scholarships.
var sampleFunders = []model.Funder{model.FunderWIPO, model.FunderWIPO, model.FunderWIPO, model.FunderWIPO, model.FunderHost, model.FunderHost, model.FunderHost, model.FunderHost, model.FunderSelf}

// sampleCountry gives foreign participants and students their names.
type sampleCountry struct {
	code, name, office string
	female, male       []string
	family             []string
	familyFirst        bool // the family name is written first
	gendered           bool // a woman's family name takes "-a" (Karimov, Karimova)
}

var sampleCountries = []sampleCountry{
	{"ET", "Ethiopia", "Ethiopian Intellectual Property Authority", []string{"Hana", "Meron", "Selam"}, []string{"Abebe", "Dawit", "Yonas"}, []string{"Kebede", "Tesfaye", "Alemu", "Girma"}, false, false},
	{"KE", "Kenya", "Kenya Industrial Property Institute", []string{"Grace", "Faith", "Wanjiru"}, []string{"Brian", "Kevin", "Peter"}, []string{"Otieno", "Mwangi", "Kamau", "Njoroge"}, false, false},
	{"NG", "Nigeria", "Trademarks, Patents and Designs Registry", []string{"Ngozi", "Chioma", "Aisha"}, []string{"Chinedu", "Emeka", "Tunde"}, []string{"Okafor", "Adeyemi", "Bello", "Eze"}, false, false},
	{"GH", "Ghana", "Registrar-General's Department", []string{"Akosua", "Abena", "Efua"}, []string{"Kwame", "Kofi", "Yaw"}, []string{"Mensah", "Boateng", "Owusu", "Asante"}, false, false},
	{"PK", "Pakistan", "Intellectual Property Organization of Pakistan", []string{"Ayesha", "Fatima", "Sana"}, []string{"Imran", "Bilal", "Usman"}, []string{"Khan", "Malik", "Qureshi", "Siddiqui"}, false, false},
	{"BD", "Bangladesh", "Department of Patents, Designs and Trademarks", []string{"Nusrat", "Farhana", "Tahmina"}, []string{"Rashed", "Tanvir", "Arif"}, []string{"Rahman", "Hossain", "Islam", "Ahmed"}, false, false},
	{"LK", "Sri Lanka", "National Intellectual Property Office of Sri Lanka", []string{"Nadeesha", "Dilani", "Sachini"}, []string{"Kasun", "Nuwan", "Chaminda"}, []string{"Perera", "Fernando", "Silva", "Jayasinghe"}, false, false},
	{"VN", "Viet Nam", "Intellectual Property Office of Viet Nam", []string{"Thi Lan", "Thu Ha", "Minh Anh"}, []string{"Van Minh", "Duc Anh", "Quang Huy"}, []string{"Nguyen", "Tran", "Le", "Pham"}, true, false},
	{"KH", "Cambodia", "Department of Industrial Property, Cambodia", []string{"Sreymom", "Bopha", "Channary"}, []string{"Dara", "Vuthy", "Sokha"}, []string{"Sok", "Chan", "Heng", "Kim"}, true, false},
	{"LA", "Lao PDR", "Department of Intellectual Property, Lao PDR", []string{"Vilayvanh", "Phonesavanh", "Manivanh"}, []string{"Khamphet", "Somphone", "Bounmy"}, []string{"Phommachanh", "Sisouk", "Vongsa"}, false, false},
	{"MN", "Mongolia", "Intellectual Property Office of Mongolia", []string{"Oyuntsetseg", "Enkhjargal", "Sarangerel"}, []string{"Bat-Erdene", "Ganbold", "Temuulen"}, []string{"Dorj", "Batbayar", "Tsogt"}, false, false},
	{"UZ", "Uzbekistan", "Intellectual Property Agency of Uzbekistan", []string{"Dilnoza", "Madina", "Nigora"}, []string{"Aziz", "Sardor", "Bekzod"}, []string{"Karimov", "Yusupov", "Rakhimov"}, false, true},
	{"KZ", "Kazakhstan", "National Institute of Intellectual Property", []string{"Aigerim", "Dana", "Aliya"}, []string{"Yerlan", "Daniyar", "Nurlan"}, []string{"Nurlanov", "Sadykov", "Akhmetov"}, false, true},
	{"EG", "Egypt", "Egyptian Patent Office", []string{"Amina", "Nour", "Mariam"}, []string{"Ahmed", "Omar", "Karim"}, []string{"Hassan", "Mostafa", "Farouk", "Abdelrahman"}, false, false},
	{"TZ", "Tanzania", "Business Registrations and Licensing Agency", []string{"Neema", "Rehema", "Zawadi"}, []string{"Baraka", "Juma", "Emmanuel"}, []string{"Mushi", "Kimaro", "Mwakyusa"}, false, false},
	{"UG", "Uganda", "Uganda Registration Services Bureau", []string{"Sarah", "Brenda", "Esther"}, []string{"Moses", "Ivan", "Ronald"}, []string{"Okello", "Mugisha", "Ssemakula"}, false, false},
	{"ZM", "Zambia", "Patents and Companies Registration Agency", []string{"Mwila", "Chanda", "Natasha"}, []string{"Mulenga", "Bwalya", "Kelvin"}, []string{"Banda", "Phiri", "Mwale", "Zulu"}, false, false},
	{"BR", "Brazil", "Instituto Nacional da Propriedade Industrial", []string{"Ana", "Juliana", "Camila"}, []string{"Lucas", "Rafael", "Pedro"}, []string{"Silva", "Souza", "Oliveira", "Costa"}, false, false},
	{"PE", "Peru", "INDECOPI", []string{"Maria", "Lucia", "Rosa"}, []string{"Jose", "Carlos", "Luis"}, []string{"Quispe", "Flores", "Rojas", "Mendoza"}, false, false},
}

// foreignName makes a name in the manner of country c, and says its gender.
func (g *sampler) foreignName(c sampleCountry) (string, model.Gender) {
	gender, firsts := model.GenderFemale, c.female
	if g.rng.IntN(2) == 0 {
		gender, firsts = model.GenderMale, c.male
	}
	first, family := g.pick(firsts), g.pick(c.family)
	if c.gendered && gender == model.GenderFemale {
		family += "a"
	}
	if c.familyFirst {
		return family + " " + first, gender
	}
	return first + " " + family, gender
}

// sampleMailbox turns "Bat-Erdene Dorj" into "baterdene.dorj".
func sampleMailbox(name string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		switch {
		case r == ' ':
			b.WriteByte('.')
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(r)
		}
	}
	return b.String()
}

// sampleParticipant is a person who enrols; the same email is the same person.
type sampleParticipant struct {
	name, email            string
	gender                 model.Gender
	org, province, country string
}

// chinese is a participant from a sample institution or another Chinese employer.
func (g *sampler) chinese() sampleParticipant {
	zh, py, gender := g.chineseName()
	p := sampleParticipant{name: zh, gender: gender, country: "CN"}
	var domain string
	if g.rng.Float64() < 0.45 {
		in := g.insts[g.rng.IntN(len(g.insts))]
		p.org, p.province, domain = in.LocalName, in.Province, sampleDomain(in.Website)
	} else {
		o := sampleOrganisations[g.rng.IntN(len(sampleOrganisations))]
		p.org, p.province, domain = o.name, o.province, o.domain
	}
	if g.rng.Float64() < 0.55 {
		domain = g.pick(sampleChineseMail)
	}
	if g.rng.Float64() < 0.4 {
		py += fmt.Sprint(10 + g.rng.IntN(90))
	}
	p.email = py + "@" + domain
	return p
}

// foreigner is a participant from a foreign IP office.
func (g *sampler) foreigner() sampleParticipant {
	c := sampleCountries[g.rng.IntN(len(sampleCountries))]
	name, gender := g.foreignName(c)
	return sampleParticipant{name: name, email: sampleMailbox(name) + "@" + g.pick(sampleForeignMail),
		gender: gender, org: c.office, country: c.code}
}

// sampleTheses are thesis titles; %s is the student's country.
var sampleTheses = []string{
	"Technology and Innovation Support Centers in %s: Lessons from China's TISC Network",
	"Patent Information Services for Small and Medium-sized Enterprises in %s",
	"Geographical Indications and Rural Development in %s",
	"Compulsory Licensing and Access to Medicines in %s",
	"Protecting Traditional Knowledge in %s through the Patent System",
	"University Technology Transfer Offices in %s and China Compared",
	"Utility Models as an Innovation Policy Tool for %s",
	"Trademark Opposition Procedures in %s and China",
	"Collective Management of Copyright in the Digital Era: The Case of %s",
	"Patent Examination Capacity and Work-Sharing for %s",
}

// sampleThesesCN are the Chinese students' thesis titles.
var sampleThesesCN = []string{
	"China's TISC Network and the Patent Information Needs of SMEs",
	"University Patent Licensing in China since the 2015 Law on Transforming Scientific Achievements",
	"Geographical Indications in China: Registration Systems Compared",
}
