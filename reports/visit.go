package reports

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"tiscdesk/data"
)

// The visit report: the back-to-office report of one site visit. Who went
// where and met whom, the checklist with its scores and comments, the
// overall score and recommendation, the findings and the follow-up actions,
// and the institution's earlier visits for context.

func renderVisit(s *data.Store, opt Options) (*doc, error) {
	if opt.Visit == data.NilID {
		return nil, ErrNoVisit
	}
	var v *data.Visit
	var in *data.Institution
	var others []*data.Visit
	var photos []reportPhoto
	err := s.View(func(tx *data.Tx) error {
		var err error
		if v, err = s.Visits.GetIn(tx, opt.Visit); err != nil {
			return err
		}
		if !v.Counts() {
			return ErrDraftVisit
		}
		photos = readPhotos(tx, v)
		if in, err = s.Institutions.GetIn(tx, v.Institution); err != nil {
			return err
		}
		return s.Visits.EachIn(tx, func(o *data.Visit) bool {
			if o.Institution == v.Institution && o.ID != v.ID && o.Counts() {
				others = append(others, o)
			}
			return true
		})
	})
	if err != nil {
		return nil, fmt.Errorf("read the visit: %w", err)
	}
	opt.Progress(0.3)
	shrinkPhotos(photos)
	opt.Progress(0.4)
	slices.SortFunc(others, func(a, b *data.Visit) int { return cmp.Compare(a.Date, b.Date) })
	l := opt.Lang
	subtitle := l.f(phVisitSubtitle, in.DisplayName(), l.longDate(v.Date))
	d, err := newDoc(l, Visit.Title(l), subtitle, opt.Today)
	if err != nil {
		return nil, err
	}
	d.visitDetails(v, in)
	d.visitChecklist(v)
	d.visitCapacity(v)
	d.visitConclusion(v)
	d.visitFollowUps(v, opt.Today)
	d.visitPhotos(photos)
	d.visitHistory(others)
	return d, nil
}

func (d *doc) visitDetails(v *data.Visit, in *data.Institution) {
	l := d.lang
	d.heading(l.in(phTheVisit), 30)
	place := l.province(in.Province)
	if in.City != "" {
		place += " · " + in.City
	}
	inst := in.DisplayName()
	if in.EnglishName != "" && in.EnglishName != inst {
		inst += "\n" + in.EnglishName
	}
	d.keyValues([][2]string{
		{l.in(phInstitution), inst},
		{l.in(phPlace), place},
		{l.in(phType), name(l, in.Type)},
		{l.in(phStageNow), stageWithDate(l, in)},
		{l.in(phDateOfVisit), l.longDate(v.Date)},
		{l.in(phKindOfVisit), name(l, v.Kind)},
		{l.in(phVisitors), strings.Join(v.Visitors, "\n")},
		{l.in(phPeopleMet), strings.Join(v.PeopleMet, "\n")},
		{l.in(phPosition), position(l, v.Position)},
	})
}

// stageWithDate is "Agreement signed (since 2026-03-02)".
func stageWithDate(l Lang, in *data.Institution) string {
	s := name(l, in.Stage)
	if d := in.StageDate(in.Stage); d != "" {
		s += l.f(phSince2, d)
	}
	if in.Batch != "" {
		s += " · " + l.batch(in.Batch)
	}
	return s
}

func (d *doc) visitChecklist(v *data.Visit) {
	l := d.lang
	d.heading(l.in(phChecklist), 40)
	if len(v.Checklist) == 0 {
		d.paragraph(l.in(phNotAssessed), 9.5, colMuted)
		return
	}
	t := &table{cols: []column{{l.in(phCriterion), 3.4, "L"}, {l.in(phScore), 1.5, "L"}, {l.in(phComment), 6, "L"}}}
	for _, c := range data.Criteria() {
		a, ok := v.Assessed(c)
		if !ok {
			t.add(name(l, c), l.in(phNotAssessedShort), "")
			continue
		}
		r := t.add(name(l, c), scoreText(a.Score), a.Comment)
		r.marks = map[int]rgb{1: scoreColor(float64(a.Score))}
	}
	d.table(t)
	score, _ := v.OverallScore()
	d.scoreBar(score, len(v.Checklist))
}

// scoreText is "4 / 5" followed by as many filled dots.
func scoreText(n int) string {
	return strconv.Itoa(n) + " / 5  " + strings.Repeat("●", n) + strings.Repeat("○", 5-n)
}

// scoreColor: green from 4, amber from 2.5, red below.
func scoreColor(s float64) rgb {
	switch {
	case s >= 4:
		return colGreen
	case s >= 2.5:
		return colAmber
	}
	return colRed
}

// scoreBar draws the overall score as a gauge from 0 to 5.
func (d *doc) scoreBar(score float64, assessed int) {
	l := d.lang
	d.ensure(16)
	const labelW, barW, barH = 46.0, 70.0, 4.0
	d.setFont(10, true)
	d.setColor(colInk)
	d.text(marginX, d.y, labelW, 8, l.in(phOverallScore), "L")
	x, y := marginX+labelW, d.y+2
	d.fill(colZebra)
	d.pdf.Rect(x, y, barW, barH, "F")
	c := scoreColor(score)
	d.fill(c)
	d.pdf.Rect(x, y, barW*score/5, barH, "F")
	d.draw(colRule)
	d.pdf.SetLineWidth(0.15)
	for i := 1; i < 5; i++ {
		d.pdf.Line(x+barW*float64(i)/5, y, x+barW*float64(i)/5, y+barH)
	}
	d.setFont(13, true)
	d.setColor(c)
	d.text(x+barW+4, d.y, 20, 8, strconv.FormatFloat(score, 'f', 1, 64)+" / 5", "L")
	d.setFont(8, false)
	d.setColor(colMuted)
	d.text(x+barW+26, d.y, contentW-labelW-barW-26, 8, l.f(phOfCriteria, assessed, len(data.Criteria())), "L")
	d.y += 12
}

func (d *doc) visitCapacity(v *data.Visit) {
	l := d.lang
	d.heading(l.in(phStaffAndDatabases), 20)
	dbs := make([]string, 0, len(v.Databases))
	for _, db := range v.Databases {
		if db == "national" {
			db = l.in(phNationalDatabases)
		}
		dbs = append(dbs, db)
	}
	list := l.in(phNone)
	if len(dbs) > 0 {
		list = strings.Join(dbs, l.in(phListSep))
	}
	d.keyValues([][2]string{
		{l.in(phDedicatedStaff), strconv.Itoa(v.StaffCount)},
		{l.in(phTrained101), strconv.Itoa(v.Trained101)},
		{l.in(phTrained318), strconv.Itoa(v.Trained318)},
		{l.in(phDatabases), list},
	})
}

func (d *doc) visitConclusion(v *data.Visit) {
	l := d.lang
	d.heading(l.in(phConclusion), 30)
	edge, tint, rec := colMuted, colZebra, l.in(phNoRecommendation)
	switch v.Recommendation {
	case data.RecommendReady:
		edge, tint = colGreen, colGreenPale
	case data.RecommendWithConditions:
		edge, tint = colAmber, colAmberPale
	case data.RecommendNotReady:
		edge, tint = colRed, colRedPale
	}
	if v.Recommendation != "" {
		rec = name(l, v.Recommendation)
	}
	d.box(l.f(phRecommendationIs, rec), "", edge, tint)
	d.subheading(l.in(phFindings), 10)
	if strings.TrimSpace(v.Findings) == "" {
		d.paragraph(l.in(phNoneRecorded), 9.5, colMuted)
		return
	}
	d.paragraph(v.Findings, 9.5, colInk)
}

func (d *doc) visitFollowUps(v *data.Visit, today data.Date) {
	l := d.lang
	d.heading(l.in(phFollowUps), 20)
	if len(v.FollowUps) == 0 {
		d.paragraph(l.in(phNoneRecorded), 9.5, colMuted)
		return
	}
	t := &table{cols: []column{{"#", 0.4, "R"}, {l.in(phAction), 5.5, "L"}, {l.in(phOwner), 2.6, "L"},
		{l.in(phDue), 1.5, "L"}, {l.in(phStatus), 1.9, "L"}}}
	for i, f := range v.FollowUps {
		status, mark := l.in(phOpen), colInk
		switch {
		case f.Done && f.DoneOn != "":
			status, mark = l.f(phDoneOn, f.DoneOn), colGreen
		case f.Done:
			status, mark = l.in(phDone), colGreen
		case f.Overdue(today):
			status, mark = l.in(phOverdue), colRed
		}
		r := t.add(strconv.Itoa(i+1), f.Action, orDash(f.Owner), orDash(string(f.Due)), status)
		r.marks = map[int]rgb{4: mark}
	}
	d.table(t)
	open, overdue := v.OpenFollowUps(today)
	d.note(l.f(phFollowUpsNote, len(v.FollowUps), open, overdue, today))
}

// visitHistory lists the institution's other visits, for context.
func (d *doc) visitHistory(others []*data.Visit) {
	if len(others) == 0 {
		return
	}
	l := d.lang
	d.heading(l.in(phOtherVisits), 20)
	t := &table{cols: []column{{l.in(phDate), 1.4, "L"}, {l.in(phKindOfVisit), 1.8, "L"},
		{l.in(phOverallScore), 1.4, "R"}, {l.in(phRecommendation), 2.2, "L"}, {l.in(phVisitors), 4, "L"}}}
	for _, o := range others {
		score := dash
		if s, ok := o.OverallScore(); ok {
			score = strconv.FormatFloat(s, 'f', 1, 64)
		}
		rec := dash
		if o.Recommendation != "" {
			rec = name(l, o.Recommendation)
		}
		t.add(string(o.Date), name(l, o.Kind), score, rec, strings.Join(o.Visitors, l.in(phListSep)))
	}
	d.table(t)
}

// position is the visit's position in decimal degrees and in degrees,
// minutes and seconds, or "not recorded".
func position(l Lang, g *data.GeoPoint) string {
	if g == nil {
		return l.in(phNoPosition)
	}
	return g.String() + "\n" + g.DMS()
}
