package reports

import (
	"cmp"
	"slices"
	"strings"

	"tiscdesk/data"
	"tiscdesk/data/model"
)

// The network report's trained staff (DESIGN section 12): for each
// operational TISC, the people the DL enrolments match to it (by
// organisation name or email domain, data.Store.TrainedStaffCounts), beside
// what its return of the year says. The return's column is what the TISC
// reported; the matched counts are what the Academy's records show, so a
// coordinator sees where the two disagree.

var (
	phStaffHeading   = phrase{"Trained staff by TISC", "各 TISC 受训人员"}
	phStaffNote      = phrase{"People of each operational TISC who took WIPO Academy DL courses, matched from the enrolments by organisation name or email domain, each person counted once; beside them, the staff trained in DL that the TISC's return for %d gives.", "各已运营 TISC 参加 WIPO 学院远程课程的人员，按报名记录中的单位名称或邮箱域名匹配，每人只计一次；右列为该 TISC %d 年度统计中填报的参加远程课程人员。"}
	phStaffPeople    = phrase{"Took DL courses", "参加远程课程"}
	phStaffCompleted = phrase{"Completed a course", "完成课程"}
	phStaffCertified = phrase{"Certificates", "持有证书"}
	phStaffReturn    = phrase{"Return %d", "%d 年度填报"}
	phStaffNone      = phrase{"No operational TISC yet.", "尚无已运营的 TISC。"}
)

// networkTrainedStaff draws the table of trained staff per operational TISC.
func (d *doc) networkTrainedStaff(counts map[data.ID]data.StaffCount, st *yearStats, insts []*data.Institution) {
	l := d.lang
	d.subheading(l.in(phStaffHeading), 30)
	var tiscs []*data.Institution
	for _, in := range insts {
		if in.Stage == data.StageOperational {
			tiscs = append(tiscs, in)
		}
	}
	if len(tiscs) == 0 {
		d.paragraph(l.in(phStaffNone), 9.5, colMuted)
		return
	}
	d.paragraph(l.f(phStaffNote, st.year), 8.5, colMuted)
	reported := map[data.ID]*model.YearlyReturn{}
	for _, r := range st.this {
		reported[r.Institution] = r
	}
	slices.SortFunc(tiscs, func(a, b *data.Institution) int {
		return cmp.Or(cmp.Compare(counts[b.ID].People, counts[a.ID].People), strings.Compare(l.institution(a), l.institution(b)))
	})
	t := &table{cols: []column{{l.in(phInstitution), 4.2, "L"}, {l.in(phStaffPeople), 1.4, "R"},
		{l.in(phStaffCompleted), 1.4, "R"}, {l.in(phStaffCertified), 1.2, "R"}, {l.f(phStaffReturn, st.year), 1.3, "R"}}, size: 7.8}
	var sum data.StaffCount
	for _, in := range tiscs {
		c := counts[in.ID]
		sum.People, sum.Completed, sum.Certified = sum.People+c.People, sum.Completed+c.Completed, sum.Certified+c.Certified
		ret := dash
		if r := reported[in.ID]; r != nil {
			ret = num(r.StaffTrained)
		}
		t.add(l.institution(in), num(c.People), num(c.Completed), num(c.Certified), ret)
	}
	t.add(l.in(phTotal), num(sum.People), num(sum.Completed), num(sum.Certified), "")
	d.table(t)
}
