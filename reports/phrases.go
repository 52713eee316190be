package reports

// The reports' words in English and Chinese, in one place. The reports
// package cannot use Fyne's translations (it never imports Fyne), and a
// report's language is chosen per report, not for the program; so each
// phrase carries both. Where a phrase takes values, both languages take
// the same verbs in the same order.

// Titles, title band, page footer, periods.
var (
	phTitleSummary  = phrase{"Activity summary", "工作摘要"}
	phTitleNetwork  = phrase{"TISC network report", "TISC 网络报告"}
	phTitleVisit    = phrase{"Site visit report", "实地考察报告"}
	phTitleLearning = phrase{"Distance-learning report", "远程学习报告"}
	phTitleDegrees  = phrase{"Joint-degree report", "联合学位报告"}
	phKicker        = phrase{"Technology and Innovation Support Centers (TISC) · China", "技术与创新支持中心（TISC）· 中国"}
	phProducedOn    = phrase{"Produced on %s", "生成日期：%s"}
	phFooter        = phrase{"Produced with TISC Desk on %s", "由 TISC Desk 于 %s 生成"}
	phPageOf        = phrase{"Page %d of %d", "第 %d 页，共 %d 页"}
	phFromTo        = phrase{"%s – %s", "%s至%s"}
	phSince         = phrase{"Since %s", "%s起"}
	phUntil         = phrase{"Until %s", "截至%s"}
	phAllRecords    = phrase{"All records", "全部记录"}
	phVisitSubtitle = phrase{"%s · %s", "%s · %s"}
)

// Words shared by several reports.
var (
	phTotal               = phrase{"Total", "合计"}
	phShare               = phrase{"Share", "占比"}
	phNone                = phrase{"None", "无"}
	phNoneRecorded        = phrase{"None recorded.", "无记录。"}
	phNotRecorded         = phrase{"Not recorded", "未记录"}
	phListSep             = phrase{", ", "、"}
	phDate                = phrase{"Date", "日期"}
	phNote                = phrase{"Note", "备注"}
	phStatus              = phrase{"Status", "状态"}
	phType                = phrase{"Type", "类型"}
	phPlace               = phrase{"Place", "地点"}
	phInstitution         = phrase{"Institution", "机构"}
	phProvince            = phrase{"Province", "省份"}
	phRegionProvince      = phrase{"Region / province", "大区 / 省份"}
	phProvinceNotRecorded = phrase{"Province not recorded", "省份未记录"}
	phGender              = phrase{"Gender", "性别"}
	phByGender            = phrase{"By gender", "按性别"}
)

// The TISC network.
var (
	phOperational       = phrase{"Operational", "已运营"}
	phOperationalTISCs  = phrase{"Operational TISCs", "已运营的 TISC"}
	phOperationalOn     = phrase{"TISCs operational on %s", "截至%s已运营的 TISC"}
	phInPipeline        = phrase{"In the pipeline", "流程中"}
	phLeft              = phrase{"Exits", "退出或暂停"}
	phLeftPipeline      = phrase{"rejected, withdrawn or suspended", "未通过、退出或暂停"}
	phBecameOperational = phrase{"TISCs became operational in the period", "本期新运营的 TISC"}
	phStageChanges      = phrase{"stage changes in the period", "本期阶段变动次数"}
	phPipelineOn        = phrase{"The pipeline on %s", "截至%s的流程分布"}
	phPipelineNote      = phrase{"%s institutions in all. The pipeline: candidate → applied → recommended by the province → visited → approved as preparatory institution → agreement signed → operational.",
		"共 %s 家机构。流程：候选 → 已申请 → 省级推荐 → 已考察 → 批准筹建 → 签约 → 运营。"}
	phMapHeading = phrase{"Operational TISCs by province", "各省份已运营的 TISC"}
	phMapNote    = phrase{"Operational TISCs in %d of the 31 mainland provinces, autonomous regions and municipalities. Each tile is one provincial-level division; Hong Kong, Macao and Taiwan are outlined.",
		"运营中的 TISC 覆盖内地 31 个省、自治区、直辖市中的 %d 个。每个方块代表一个省级行政区；港澳台以虚线框标示。"}
	phLeadingProvinces = phrase{"Provinces with the most TISCs", "TISC 最多的省份"}
	phByRegion         = phrase{"Institutions by region and province", "按大区和省份统计的机构"}
	phOperationalList  = phrase{"Operational TISCs on %s", "截至%s已运营的 TISC"}
	phBatch            = phrase{"Batch", "批次"}
	phApproved         = phrase{"Approved", "批准筹建"}
	phAgreement        = phrase{"Agreement", "签约"}
	phOperationalSince = phrase{"Operational", "运营"}
	phChangesHeading   = phrase{"Stage changes in the period", "本期阶段变动"}
	phNoChanges        = phrase{"No stage changes were recorded in this period.", "本期没有阶段变动记录。"}
	phChange           = phrase{"Change", "变动"}
)

// Site visits.
var (
	phTheVisit           = phrase{"The visit", "考察信息"}
	phStageNow           = phrase{"Stage today", "当前阶段"}
	phSince2             = phrase{" (since %s)", "（%s起）"}
	phDateOfVisit        = phrase{"Date of the visit", "考察日期"}
	phKindOfVisit        = phrase{"Kind of visit", "考察类型"}
	phPosition           = phrase{"GPS position", "GPS 位置"}
	phNoPosition         = phrase{"not recorded", "未记录"}
	phPhotos             = phrase{"Photos", "照片"}
	phPhotoN             = phrase{"Photo %d", "照片 %d"}
	phColon              = phrase{": ", "："}
	phTaken              = phrase{"(taken %s)", "（拍摄于 %s）"}
	phPhotosMissing      = phrase{"%d of the visit's photos are not on this computer (the visit was received without its photos).", "本次考察有 %d 张照片不在本机（接收时未附照片）。"}
	phVisitors           = phrase{"Visitors", "考察人员"}
	phPeopleMet          = phrase{"People met", "会见人员"}
	phChecklist          = phrase{"Assessment checklist", "评估清单"}
	phCriterion          = phrase{"Criterion", "评估项目"}
	phScore              = phrase{"Score", "评分"}
	phComment            = phrase{"Comment", "评语"}
	phNotAssessed        = phrase{"The checklist was not filled in.", "未填写评估清单。"}
	phNotAssessedShort   = phrase{"not assessed", "未评估"}
	phOverallScore       = phrase{"Overall score", "综合评分"}
	phOfCriteria         = phrase{"%d of %d criteria assessed", "已评估 %d/%d 项"}
	phStaffAndDatabases  = phrase{"Staff and databases", "人员与数据库"}
	phDedicatedStaff     = phrase{"Dedicated staff", "专职人员数"}
	phTrained101         = phrase{"Trained in DL-101", "完成 DL-101 培训人数"}
	phTrained318         = phrase{"Trained in DL-318", "完成 DL-318 培训人数"}
	phDatabases          = phrase{"Databases", "数据库"}
	phNationalDatabases  = phrase{"national databases", "国家数据库"}
	phConclusion         = phrase{"Conclusion", "考察结论"}
	phRecommendation     = phrase{"Recommendation", "建议"}
	phRecommendationIs   = phrase{"Recommendation: %s", "建议：%s"}
	phNoRecommendation   = phrase{"No recommendation yet", "尚无建议"}
	phFindings           = phrase{"Findings", "考察发现"}
	phFollowUps          = phrase{"Follow-up actions", "后续行动"}
	phAction             = phrase{"Action", "行动事项"}
	phOwner              = phrase{"Owner", "负责人"}
	phDue                = phrase{"Due", "期限"}
	phOpen               = phrase{"Open", "未完成"}
	phDone               = phrase{"Done", "已完成"}
	phDoneOn             = phrase{"Done %s", "%s 完成"}
	phOverdue            = phrase{"Overdue", "逾期"}
	phFollowUpsNote      = phrase{"%d actions, %d open, of which %d overdue on %s.", "共 %d 项行动，%d 项未完成，其中 %d 项截至 %s 已逾期。"}
	phOtherVisits        = phrase{"Other visits to this institution", "对该机构的其他考察"}
	phVisits             = phrase{"Visits", "次数"}
	phVisitsByKind       = phrase{"Visits by kind", "按考察类型"}
	phAssessmentOutcomes = phrase{"Recommendations of the assessment visits", "评估考察的建议"}
	phLatestVisits       = phrase{"The latest %d of %s visits", "最近 %d 次考察（共 %s 次）"}
	phNoVisits           = phrase{"No site visits in this period.", "本期没有实地考察。"}
)

// Distance learning.
var (
	phEnrolments           = phrase{"Enrolments", "注册人次"}
	phEnrolmentsInSessions = phrase{"enrolments in %d sessions", "注册人次（%d 个开班）"}
	phParticipants         = phrase{"people (each counted once)", "参加人数（不重复计）"}
	phCompletedCertified   = phrase{"completed (passed)", "完成（通过）"}
	phInProgress           = phrase{"In progress", "学习中"}
	phOtherOutcomes        = phrase{"Withdrawn or in progress", "退出或学习中"}
	phCompletionRate       = phrase{"completion rate (completed ÷ enrolments)", "完成率（已完成 ÷ 注册人次）"}
	phPassRate             = phrase{"Pass rate", "通过率"}
	phPassRateCaption      = phrase{"pass rate (completed ÷ completed or failed)", "通过率（已完成 ÷ 已完成与未通过之和）"}
	phPassNote             = phrase{"pass %s", "通过率 %s"}
	phPassRateNote         = phrase{"Pass rate: those who completed as a share of those with a final result (completed or failed); withdrawn participants and those still in progress are not counted in it.",
		"通过率：已完成人次占有最终结果（已完成或未通过）人次的比例，不含已退出者和仍在学习者。"}
	phByCourse          = phrase{"Enrolments and pass rate by course", "各课程注册人次与通过率"}
	phCourse            = phrase{"Course", "课程"}
	phBySession         = phrase{"By session", "按开班"}
	phSession           = phrase{"Session", "开班"}
	phDates             = phrase{"Dates", "起止日期"}
	phByLanguage        = phrase{"By language of the session", "按授课语言"}
	phLanguage          = phrase{"Language", "语言"}
	phByProvince        = phrase{"By province of the participants", "按学员所在省份"}
	phAbroadNote        = phrase{"A further %s enrolments came from participants outside China; they are not in this table.", "另有 %s 人次来自中国境外的学员，未列入本表。"}
	phTopOrganisations  = phrase{"The %d organisations with the most enrolments", "注册人次最多的 %d 家单位"}
	phOrganisation      = phrase{"Organisation", "工作单位"}
	phOrganisationsNote = phrase{"%s organisations in all.", "共 %s 家单位。"}
	phNoEnrolments      = phrase{"No session started in this period.", "本期没有开班。"}
)

// Joint degrees.
var (
	phCohortsOfProgrammes = phrase{"cohorts (programmes: %d)", "届次（项目数：%d）"}
	phAdmitted            = phrase{"Admitted", "录取"}
	phStudying            = phrase{"Studying", "在读"}
	phStudyingNow         = phrase{"studying now (enrolled or writing the thesis)", "在读（含论文阶段）"}
	phGraduated           = phrase{"Graduated", "毕业"}
	phWithdrawnOrFailed   = phrase{"Withdrew or failed", "退学或未通过"}
	phGraduatesByCohort   = phrase{"Graduates by cohort", "各届毕业生"}
	phNoCohorts           = phrase{"No cohort ran in this period.", "本期没有在读或毕业的届次。"}
	phPartner             = phrase{"Partner university", "合作大学"}
	phCoOrganiser         = phrase{"Co-organiser", "协办单位"}
	phDegree              = phrase{"Degree", "学位"}
	phCohorts             = phrase{"Cohorts", "各届学生"}
	phIntake              = phrase{"Intake", "入学年份"}
	phPlaces              = phrase{"Places", "名额"}
	phApplicants          = phrase{"Applicants", "申请人数"}
	phGraduation          = phrase{"Graduation", "毕业日期"}
	phScholarships        = phrase{"Scholarships by funder", "奖学金来源"}
	phNationalities       = phrase{"Nationalities (%d countries)", "国籍（%d 个国家）"}
	phNationality         = phrase{"Nationality", "国籍"}
	phStudents            = phrase{"Students", "学生人数"}
	phProgramme           = phrase{"Programme", "项目"}
)

// The activity summary.
var (
	phHeadline = phrase{"In this period %s TISCs became operational, %s candidate institutions were visited, %s people took distance-learning courses and %s students graduated from the joint degrees.",
		"本期共有 %s 家 TISC 投入运营，考察候选机构 %s 家，%s 人参加远程学习课程，联合学位项目 %s 名学生毕业。"}
	phCandidatesVisited = phrase{"candidate institutions visited for assessment", "评估考察的候选机构"}
	phPeopleTookDL      = phrase{"people took DL courses (%s enrolments)", "人参加远程学习（注册 %s 人次）"}
	phStudentsGraduated = phrase{"joint-degree students graduated", "联合学位毕业生"}
	phSiteVisits        = phrase{"site visits in the period", "本期实地考察次数"}
	phNetworkSection    = phrase{"TISC network", "TISC 网络"}
	phNetworkLead       = phrase{"On %s, %s TISCs were operational in %d provinces and %s institutions were in the pipeline; %s stage changes were recorded in the period.",
		"截至%s，共有 %s 家 TISC 在 %d 个省份运营，另有 %s 家机构处于流程中；本期记录阶段变动 %s 次。"}
	phVisitsSection = phrase{"Site visits", "实地考察"}
	phVisitsLead    = phrase{"%s site visits were made in the period; %s candidate institutions had an assessment visit. Of the visits' follow-up actions %s are still open, %s of them overdue.",
		"本期实地考察 %s 次，其中评估考察候选机构 %s 家。相关后续行动尚有 %s 项未完成，其中 %s 项已逾期。"}
	phLearningSection = phrase{"Distance learning", "远程学习"}
	phLearningLead    = phrase{"%s people took part, in %s enrolments across %s sessions; %s completed, a pass rate of %s. Women made up %s of the enrolments.",
		"%s 人参加学习，共注册 %s 人次，分属 %s 个开班；已完成 %s 人次，通过率 %s。女性占注册人次的 %s。"}
	phDegreesSection = phrase{"Joint degrees", "联合学位"}
	phDegreesLead    = phrase{"%s students in %s cohorts (intakes %s); %s graduated in the period.", "%s 名学生，分属 %s 届（%s 级入学）；本期毕业 %s 人。"}
)
