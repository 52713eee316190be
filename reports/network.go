package reports

import (
	"strconv"
	"strings"

	"tiscdesk/data"
)

// The TISC network report: the pipeline by stage, the network by region and
// province, the operational TISCs with their dates, and the stage changes
// within the period.

func renderNetwork(s *data.Store, opt Options) (*doc, error) {
	insts, _, err := loadInstitutions(s)
	if err != nil {
		return nil, err
	}
	opt.Progress(0.4)
	f := newNetworkFacts(insts, opt.Period, opt.Today)
	l := opt.Lang
	d, err := newDoc(l, Network.Title(l), l.period(opt.Period), opt.Today)
	if err != nil {
		return nil, err
	}
	d.figures([]figure{
		{value: num(f.byStage[data.StageOperational]), caption: l.f(phOperationalOn, l.longDate(f.asOf)), color: colGreen},
		{value: num(f.inPipeline()), caption: l.in(phInPipeline)},
		{value: num(f.becameOperational), caption: l.in(phBecameOperational), color: colGreen},
		{value: num(len(f.changes)), caption: l.in(phStageChanges)},
		{value: num(f.exits()), caption: l.in(phLeftPipeline), color: colGrey},
	})
	d.networkMap(f)
	d.networkPipeline(f)
	d.networkRegions(f)
	d.networkOperational(f)
	d.networkChanges(f)
	st, err := loadYearStats(s, statsYear(opt.Period, opt.Today))
	if err != nil {
		return nil, err
	}
	d.networkStatistics(st, insts)
	staff, err := s.TrainedStaffCounts()
	if err != nil {
		return nil, err
	}
	d.networkTrainedStaff(staff, st, insts)
	return d, nil
}

// networkPipeline charts the institutions by stage on the period's last day.
func (d *doc) networkPipeline(f *networkFacts) {
	l := d.lang
	d.part(l.f(phPipelineOn, l.longDate(f.asOf)), 70)
	var bars []hbar
	for _, st := range data.Stages() {
		c := stageColor(st)
		bars = append(bars, hbar{label: name(l, st), values: []int{f.byStage[st]}, color: &c})
	}
	d.hbarChart(hbarChart{series: []series{{color: colBrand}}, bars: bars, labelW: 38})
	d.note(l.f(phPipelineNote, num(f.total)))
}

// stageColor: the pipeline in blues deepening towards operational (green);
// the exits in grey, amber for a suspension.
func stageColor(st data.Stage) rgb {
	switch st {
	case data.StageOperational:
		return colGreen
	case data.StageSuspended:
		return colAmber
	case data.StageRejected, data.StageWithdrawn:
		return colGrey
	}
	shades := []rgb{{160, 196, 230}, {132, 176, 218}, {104, 156, 206}, {78, 136, 194}, {52, 114, 178}, {31, 92, 153}}
	for i, s := range data.PipelineStages()[:6] {
		if s == st {
			return shades[i]
		}
	}
	return colBrand
}

// networkMap draws the provinces coloured by operational TISCs.
func (d *doc) networkMap(f *networkFacts) {
	l := d.lang
	counts := map[string]int{}
	for code, c := range f.byProvince {
		counts[code] = c[groupOperational]
	}
	d.part(l.in(phMapHeading), 110)
	d.tileMap(counts, l.in(phOperationalTISCs))
	covered := 0
	for _, p := range data.Provinces() {
		if !p.Separate && counts[p.Code] > 0 {
			covered++
		}
	}
	d.note(l.f(phMapNote, covered))
}

// networkRegions charts and tables the institutions by region and province.
func (d *doc) networkRegions(f *networkFacts) {
	l := d.lang
	d.heading(l.in(phByRegion), 60)
	ss := []series{{l.in(phOperational), colGreen}, {l.in(phInPipeline), colBrandLite}, {l.in(phLeft), colGrey}}
	var bars []hbar
	regionTotals := map[data.Region]*[3]int{}
	for _, p := range data.Provinces() {
		c := f.byProvince[p.Code]
		if c == nil {
			continue
		}
		t := regionTotals[p.Region]
		if t == nil {
			t = new([3]int)
			regionTotals[p.Region] = t
		}
		for i := range t {
			t[i] += c[i]
		}
	}
	for _, r := range data.Regions() {
		if t := regionTotals[r]; t != nil {
			bars = append(bars, hbar{label: name(l, r), values: []int{t[groupOperational], t[groupPipeline], t[groupExit]}})
		}
	}
	d.hbarChart(hbarChart{series: ss, bars: bars, legend: true, labelW: 38})

	t := &table{cols: []column{
		{l.in(phRegionProvince), 3.2, "L"}, {l.in(phOperational), 1.3, "R"},
		{l.in(phInPipeline), 1.3, "R"}, {l.in(phLeft), 1.3, "R"}, {l.in(phTotal), 1.1, "R"},
	}}
	row := func(kind rowKind, label string, c [3]int) {
		t.addKind(kind, label, strconv.Itoa(c[groupOperational]), strconv.Itoa(c[groupPipeline]),
			strconv.Itoa(c[groupExit]), strconv.Itoa(c[0]+c[1]+c[2]))
	}
	var all [3]int
	for _, r := range data.Regions() {
		rt := regionTotals[r]
		if rt == nil {
			continue
		}
		row(rowGroup, name(l, r), *rt)
		for _, p := range data.Provinces() {
			if c := f.byProvince[p.Code]; c != nil && p.Region == r {
				row(rowPlain, "    "+p.Name(string(l)), *c)
			}
		}
		for i := range all {
			all[i] += rt[i]
		}
	}
	if c := f.byProvince[""]; c != nil { // institutions imported without their province (Missing)
		row(rowGroup, l.in(phNotRecorded), *c)
		for i := range all {
			all[i] += c[i]
		}
	}
	row(rowTotal, l.in(phTotal), all)
	d.table(t)
}

// networkOperational lists the TISCs operational on the period's last day.
func (d *doc) networkOperational(f *networkFacts) {
	l := d.lang
	d.heading(l.f(phOperationalList, l.longDate(f.asOf)), 20)
	if len(f.operational) == 0 {
		d.paragraph(l.in(phNone), 9.5, colMuted)
		return
	}
	t := &table{cols: []column{
		{"#", 0.4, "R"}, {l.in(phInstitution), 4.6, "L"}, {l.in(phProvince), 1.5, "L"},
		{l.in(phType), 2.1, "L"}, {l.in(phBatch), 1.1, "L"}, {l.in(phApproved), 1.7, "L"},
		{l.in(phAgreement), 1.7, "L"}, {l.in(phOperationalSince), 1.7, "L"},
	}}
	for i, in := range f.operational {
		t.add(strconv.Itoa(i+1), l.institution(in), l.province(in.Province), name(l, in.Type),
			l.batch(in.Batch), orDash(string(in.StageDate(data.StageApproved))),
			orDash(string(in.StageDate(data.StageAgreement))), orDash(string(in.StageDate(data.StageOperational))))
	}
	d.table(t)
}

// networkChanges lists the stage changes within the period.
func (d *doc) networkChanges(f *networkFacts) {
	l := d.lang
	d.heading(l.in(phChangesHeading), 20)
	if len(f.changes) == 0 {
		d.paragraph(l.in(phNoChanges), 9.5, colMuted)
		return
	}
	t := &table{cols: []column{
		{l.in(phDate), 1.5, "L"}, {l.in(phInstitution), 4.2, "L"}, {l.in(phProvince), 1.3, "L"},
		{l.in(phChange), 2.6, "L"}, {l.in(phNote), 3.4, "L"},
	}}
	for _, c := range f.changes {
		change := name(l, c.Stage)
		if c.from != "" {
			change = name(l, c.from) + " → " + change
		}
		r := t.add(string(c.Date), l.institution(c.in), l.province(c.in.Province), change, c.Note)
		switch {
		case c.Stage == data.StageOperational:
			r.marks = map[int]rgb{3: colGreen}
		case c.Stage.IsExit():
			r.marks = map[int]rgb{3: colAmber}
		}
	}
	d.table(t)
}

// batch writes an approval batch ("phase 1, batch 2", "batch 3") in
// language l; other wordings are printed as they are.
func (l Lang) batch(b string) string {
	if b == "" {
		return dash
	}
	if l != Chinese {
		return b
	}
	words := strings.Fields(strings.NewReplacer(",", " ", "，", " ").Replace(strings.ToLower(b)))
	out := ""
	for i := 0; i+1 < len(words); i += 2 {
		n, err := strconv.Atoi(words[i+1])
		switch {
		case err != nil:
			return b
		case words[i] == "phase":
			out += "第" + strconv.Itoa(n) + "期"
		case words[i] == "batch":
			out += "第" + strconv.Itoa(n) + "批"
		default:
			return b
		}
	}
	if out == "" || len(words)%2 != 0 {
		return b
	}
	return out
}
