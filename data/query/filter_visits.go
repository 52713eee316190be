package query

import (
	"bytes"
	"cmp"
	"slices"
	"strings"
	"tiscdesk/data/model"
	"tiscdesk/data/store"

	"golang.org/x/text/collate"
)

// VisitRow is one site visit as the list of visits shows it.
type VisitRow struct {
	*model.Visit
	InstitutionName string
	Province        string
	Region          model.Region
	Overall         float64 // valid when Scored
	Scored          bool
	Open            int // open follow-up actions
	Overdue         int // of which past their due date

	search  string
	nameKey []byte
}

// VisitSort is a column the list of visits sorts by.
type VisitSort int

// The visit list's sort columns.
const (
	VisitSortByDate VisitSort = iota
	VisitSortByInstitution
	VisitSortByProvince
	VisitSortByKind
	VisitSortByScore
	VisitSortByRecommendation
	VisitSortByFollowUps
)

// VisitQuery is what the list of visits' search and filters ask for.
type VisitQuery struct {
	Text           string // every word in the institution's names, the visitors, people met or findings
	Period         model.Period
	Province       string
	Region         model.Region
	Kind           model.VisitKind
	Recommendation model.Recommendation
	Institution    model.ID // only this institution's visits (its timeline)
	OverdueOnly    bool     // only visits with overdue follow-ups
	Sort           VisitSort
	Desc           bool
}

// VisitIndex holds the visits for listing.
type VisitIndex struct {
	rows []VisitRow
}

// VisitIndex loads every live visit with its institution's name and place.
func LoadVisits(s *store.Store, today model.Date) (*VisitIndex, error) {
	x := &VisitIndex{}
	names := map[model.ID]*model.Institution{}
	err := s.View(func(tx *store.Tx) error {
		if err := s.Institutions.EachIn(tx, func(in *model.Institution) bool {
			names[in.ID] = in
			return true
		}); err != nil {
			return err
		}
		return s.Visits.EachIn(tx, func(v *model.Visit) bool {
			x.rows = append(x.rows, VisitRow{Visit: v})
			return true
		})
	})
	if err != nil {
		return nil, err
	}
	col := model.NewCollator()
	var buf collate.Buffer
	for i := range x.rows {
		r := &x.rows[i]
		in := names[r.Institution]
		var search strings.Builder
		if in != nil {
			r.InstitutionName, r.Province = in.DisplayName(), in.Province
			if p, ok := model.ProvinceByCode(in.Province); ok {
				r.Region = p.Region
			}
			search.WriteString(in.LocalName + "\x00" + in.EnglishName + "\x00" + in.City + "\x00")
		}
		r.Overall, r.Scored = r.OverallScore()
		r.Open, r.Overdue = r.Visit.OpenFollowUps(today)
		search.WriteString(strings.Join(r.Visitors, "\x00") + "\x00" + strings.Join(r.PeopleMet, "\x00") + "\x00" + r.Findings)
		r.search = strings.ToLower(search.String())
		r.nameKey = bytes.Clone(col.KeyFromString(&buf, r.InstitutionName))
		buf.Reset()
	}
	return x, nil
}

// Len is the number of visits in the index.
func (x *VisitIndex) Len() int { return len(x.rows) }

// Filter returns the visits matching q, sorted as q asks; ties fall back to
// the date, then the institution's name.
func (x *VisitIndex) Filter(q VisitQuery) []*VisitRow {
	words := strings.Fields(strings.ToLower(q.Text))
	out := make([]*VisitRow, 0, len(x.rows))
	for i := range x.rows {
		r := &x.rows[i]
		if (q.Institution != model.NilID && r.Institution != q.Institution) ||
			(q.Province != "" && r.Province != q.Province) || (q.Region != "" && r.Region != q.Region) ||
			(q.Kind != "" && r.Kind != q.Kind) || (q.Recommendation != "" && r.Recommendation != q.Recommendation) ||
			(q.Period != model.Period{} && !q.Period.Contains(r.Date)) || (q.OverdueOnly && r.Overdue == 0) ||
			!containsAll(r.search, words) {
			continue
		}
		out = append(out, r)
	}
	slices.SortStableFunc(out, func(a, b *VisitRow) int {
		c := compareVisits(a, b, q.Sort)
		if c == 0 {
			c = cmp.Compare(a.Date, b.Date)
		}
		if c == 0 {
			c = bytes.Compare(a.nameKey, b.nameKey)
		}
		if q.Desc {
			return -c
		}
		return c
	})
	return out
}

func compareVisits(a, b *VisitRow, by VisitSort) int {
	switch by {
	case VisitSortByInstitution:
		return bytes.Compare(a.nameKey, b.nameKey)
	case VisitSortByProvince:
		return cmp.Compare(provinceOrder(a.Province), provinceOrder(b.Province))
	case VisitSortByKind:
		return cmp.Compare(model.EnumIndex(model.VisitKindTable, a.Kind), model.EnumIndex(model.VisitKindTable, b.Kind))
	case VisitSortByScore:
		return cmp.Compare(a.Overall, b.Overall)
	case VisitSortByRecommendation:
		return cmp.Compare(model.EnumIndex(model.RecommendationTable, a.Recommendation), model.EnumIndex(model.RecommendationTable, b.Recommendation))
	case VisitSortByFollowUps:
		if c := cmp.Compare(a.Overdue, b.Overdue); c != 0 {
			return c
		}
		return cmp.Compare(a.Open, b.Open)
	}
	return cmp.Compare(a.Date, b.Date)
}
