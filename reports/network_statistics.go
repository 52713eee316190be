package reports

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"

	"tiscdesk/data"
	"tiscdesk/data/model"
)

// The network report's section on the TISCs' yearly returns (DESIGN section
// 12): the totals of the year's returns beside the year before's, with the
// change; each TISC's return; the service levels. The year is the period's
// last year (today's when the period is open); totals count every return
// of that year, whatever its institution's stage.

var (
	phStatsHeading = phrase{"Yearly statistics %d", "%d 年度统计"}
	phStatsNone    = phrase{"No yearly returns for %d have been recorded.", "尚未录入 %d 年度的统计。"}
	phStatsReturns = phrase{"Returns for %d: %d; for %d: %d.", "%d 年度统计 %d 份；%d 年度 %d 份。"}
	phStatsFigure  = phrase{"Figure", "指标"}
	phStatsChange  = phrase{"Change", "变化"}
	phStatsPerTISC = phrase{"Returns by TISC, %d", "%d 年度各 TISC 统计"}
	phStatsLevel   = phrase{"Level", "服务等级"}
	phStatsSummary = phrase{"Yearly returns %d: %d TISCs reported %s inquiries (%s on the year before), %s search and analysis reports and %s training participants.",
		"%d 年度统计：%d 个 TISC 报送，咨询服务 %s 次（较上年 %s），检索分析报告 %s 份，培训 %s 人次。"}
	phStatsLevels = phrase{"Service levels of the operational TISCs", "已运营 TISC 的服务等级"}
)

// statsFigure names a return's figure in both languages.
var statsFigure = map[string]phrase{
	"inquiries":              {"Inquiries", "咨询服务次数"},
	"search_reports":         {"Search and analysis reports", "检索分析报告"},
	"analyses":               {"Landscape and industry analyses", "专利/产业分析报告"},
	"training_events":        {"Training events", "培训场次"},
	"training_participants":  {"Training participants", "培训人次"},
	"awareness_events":       {"Awareness events", "宣传活动"},
	"applications_supported": {"Applications supported", "协助专利申请"},
	"technology_transfers":   {"Technology transfers", "技术转移交易"},
	"staff":                  {"Staff", "专职人员"},
	"staff_trained":          {"Staff trained in DL", "参加远程课程人员"},
}

// yearStats are the returns of one year and the year before, and totals.
type yearStats struct {
	year          int
	this, before  []*model.YearlyReturn
	total, totalB model.YearlyReturn
}

// statsYear is the year the network report's statistics are of.
func statsYear(p data.Period, today data.Date) int {
	if p.To != "" {
		return p.To.Year()
	}
	return today.Year()
}

func loadYearStats(s *data.Store, year int) (*yearStats, error) {
	st := &yearStats{year: year}
	err := s.View(func(tx *data.Tx) error {
		return s.Statistics.EachIn(tx, func(r *model.YearlyReturn) bool {
			switch r.Year {
			case year:
				st.this = append(st.this, r)
				addReturn(&st.total, r)
			case year - 1:
				st.before = append(st.before, r)
				addReturn(&st.totalB, r)
			}
			return true
		})
	})
	return st, err
}

func addReturn(sum, r *model.YearlyReturn) {
	add := r.Figures()
	for i, f := range sum.Figures() {
		*f.Value += *add[i].Value
	}
}

// change writes the change from before to now: "+12.5%", "−3", "–" when
// there is nothing to compare with.
func change(now, before int) string {
	if before == 0 {
		return dash
	}
	pct := float64(now-before) * 100 / float64(before)
	return fmt.Sprintf("%+.1f%%", pct)
}

// networkStatistics draws the section; insts names the institutions.
func (d *doc) networkStatistics(st *yearStats, insts []*data.Institution) {
	l := d.lang
	d.heading(l.f(phStatsHeading, st.year), 40)
	if len(st.this) == 0 {
		d.paragraph(l.f(phStatsNone, st.year), 9.5, colMuted)
	} else {
		d.paragraph(l.f(phStatsReturns, st.year, len(st.this), st.year-1, len(st.before)), 9.5, colMuted)
		t := &table{cols: []column{{l.in(phStatsFigure), 4, "L"}, {strconv.Itoa(st.year), 1.5, "R"},
			{strconv.Itoa(st.year - 1), 1.5, "R"}, {l.in(phStatsChange), 1.5, "R"}}}
		before := st.totalB.Figures()
		for i, f := range st.total.Figures() {
			t.add(l.in(statsFigure[f.Field]), num(*f.Value), num(*before[i].Value), change(*f.Value, *before[i].Value))
		}
		d.table(t)
		d.networkReturns(st, insts)
	}
	d.networkLevels(insts)
}

// networkReturns lists each TISC's return of the year.
func (d *doc) networkReturns(st *yearStats, insts []*data.Institution) {
	l := d.lang
	byID := map[data.ID]*data.Institution{}
	for _, in := range insts {
		byID[in.ID] = in
	}
	rows := slices.Clone(st.this)
	slices.SortFunc(rows, func(a, b *model.YearlyReturn) int { return cmp.Compare(b.Inquiries, a.Inquiries) })
	d.subheading(l.f(phStatsPerTISC, st.year), 20)
	t := &table{cols: []column{{l.in(phInstitution), 4.2, "L"}, {l.in(phStatsLevel), 0.9, "L"},
		{l.in(statsFigure["inquiries"]), 1.3, "R"}, {l.in(statsFigure["search_reports"]), 1.3, "R"},
		{l.in(statsFigure["training_events"]), 1.1, "R"}, {l.in(statsFigure["training_participants"]), 1.3, "R"},
		{l.in(statsFigure["staff"]), 0.9, "R"}, {l.in(statsFigure["staff_trained"]), 1.2, "R"}}, size: 7.8}
	for _, r := range rows {
		in := byID[r.Institution]
		if in == nil {
			continue
		}
		t.add(l.institution(in), levelShort(in.ServiceLevel), num(r.Inquiries), num(r.SearchReports),
			num(r.TrainingEvents), num(r.TrainingParticipants), num(r.Staff), num(r.StaffTrained))
	}
	d.table(t)
}

// levelShort is "1", "2", "3" or a dash.
func levelShort(v model.ServiceLevel) string {
	switch v {
	case model.Level1:
		return "1"
	case model.Level2:
		return "2"
	case model.Level3:
		return "3"
	}
	return dash
}

// networkLevels counts the operational TISCs by service level.
func (d *doc) networkLevels(insts []*data.Institution) {
	l := d.lang
	counts := map[model.ServiceLevel]int{}
	for _, in := range insts {
		if in.Stage == data.StageOperational {
			counts[in.ServiceLevel]++
		}
	}
	if len(counts) == 0 {
		return
	}
	d.subheading(l.in(phStatsLevels), 20)
	// A table, not key-value pairs: the levels' names are long and wrap.
	t := &table{cols: []column{{l.in(phStatsLevel), 5, "L"}, {"TISC", 1, "R"}}}
	for _, v := range model.ServiceLevels() {
		if counts[v] > 0 {
			t.add(name(l, v), num(counts[v]))
		}
	}
	d.table(t)
}

// loadLatestYearStats is loadYearStats of year, or of the year before when
// year has no returns yet (they come in after the year ends).
func loadLatestYearStats(s *data.Store, year int) (*yearStats, error) {
	st, err := loadYearStats(s, year)
	if err != nil || len(st.this) > 0 {
		return st, err
	}
	return loadYearStats(s, year-1)
}

// summaryStatistics says the year's returns in a sentence on page one of
// the activity summary; nothing when there are none.
func (d *doc) summaryStatistics(st *yearStats) {
	if len(st.this) == 0 {
		return
	}
	l := d.lang
	d.paragraph(l.f(phStatsSummary, st.year, len(st.this), num(st.total.Inquiries),
		change(st.total.Inquiries, st.totalB.Inquiries), num(st.total.SearchReports), num(st.total.TrainingParticipants)), 9.5, colInk)
}
