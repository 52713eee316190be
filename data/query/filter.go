package query

import (
	"bytes"
	"cmp"
	"slices"
	"strings"
	"sync"
	"tiscdesk/data/model"
	"tiscdesk/data/store"

	"golang.org/x/text/collate"
)

// The lists of the window filter and sort in memory on every keystroke. An
// index loads the records once, with what each row shows and searches
// already computed: lower-cased search text, the region, counts of visits
// and follow-ups, and a collation key so that Chinese names sort by pinyin.

// InstitutionRow is one institution as the register lists it.
type InstitutionRow struct {
	*model.Institution
	Region        model.Region
	Since         model.Date // when it reached its current stage
	Visits        int
	LastVisit     model.Date
	OpenFollowUps int
	Overdue       int // open follow-ups past their due date

	search  string // lower-cased local name, English name and city
	nameKey []byte // collation key of the display name
}

// InstitutionSort is a column the register sorts by.
type InstitutionSort int

// The register's sort columns.
const (
	SortByName InstitutionSort = iota
	SortByEnglishName
	SortByType
	SortByProvince
	SortByCity
	SortByStage
	SortBySince
	SortByLastVisit
	SortByFollowUps
)

// InstitutionQuery is what the register's search field and filters ask for.
// Zero values mean "any".
type InstitutionQuery struct {
	Text     string // every word must occur in the local or English name or the city
	Stage    model.Stage
	Region   model.Region
	Province string // ISO code
	Type     model.InstitutionType
	Sort     InstitutionSort
	Desc     bool
}

// InstitutionIndex holds the register for listing.
type InstitutionIndex struct {
	rows []InstitutionRow
	byID map[model.ID]*InstitutionRow
}

// InstitutionIndex loads every live institution with its visit figures as of
// today, in one snapshot.
func LoadInstitutions(s *store.Store, today model.Date) (*InstitutionIndex, error) {
	x := &InstitutionIndex{byID: map[model.ID]*InstitutionRow{}}
	err := s.View(func(tx *store.Tx) error {
		if err := s.Institutions.EachIn(tx, func(in *model.Institution) bool {
			x.rows = append(x.rows, InstitutionRow{Institution: in})
			return true
		}); err != nil {
			return err
		}
		for i := range x.rows {
			x.byID[x.rows[i].ID] = &x.rows[i]
		}
		return s.Visits.EachIn(tx, func(v *model.Visit) bool {
			r := x.byID[v.Institution]
			if r == nil || !v.Counts() {
				return true
			}
			r.Visits++
			if v.Date > r.LastVisit {
				r.LastVisit = v.Date
			}
			open, overdue := v.OpenFollowUps(today)
			r.OpenFollowUps += open
			r.Overdue += overdue
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
		if p, ok := model.ProvinceByCode(r.Province); ok {
			r.Region = p.Region
		}
		r.Since = r.StageDate(r.Stage)
		r.search = strings.ToLower(r.LocalName + "\x00" + r.EnglishName + "\x00" + r.City)
		r.nameKey = bytes.Clone(col.KeyFromString(&buf, r.DisplayName()))
		buf.Reset()
	}
	return x, nil
}

// Len is the number of institutions in the index.
func (x *InstitutionIndex) Len() int { return len(x.rows) }

// Row returns the row of id, or nil.
func (x *InstitutionIndex) Row(id model.ID) *InstitutionRow { return x.byID[id] }

// Filter returns the rows matching q, sorted as q asks.
func (x *InstitutionIndex) Filter(q InstitutionQuery) []*InstitutionRow {
	words := strings.Fields(strings.ToLower(q.Text))
	out := make([]*InstitutionRow, 0, len(x.rows))
	for i := range x.rows {
		r := &x.rows[i]
		if (q.Stage != "" && r.Stage != q.Stage) || (q.Region != "" && r.Region != q.Region) ||
			(q.Province != "" && r.Province != q.Province) || (q.Type != "" && r.Type != q.Type) ||
			!containsAll(r.search, words) {
			continue
		}
		out = append(out, r)
	}
	slices.SortStableFunc(out, func(a, b *InstitutionRow) int {
		c := compareInstitutions(a, b, q.Sort)
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

func compareInstitutions(a, b *InstitutionRow, by InstitutionSort) int {
	switch by {
	case SortByEnglishName:
		return cmp.Compare(strings.ToLower(a.EnglishName), strings.ToLower(b.EnglishName))
	case SortByType:
		return cmp.Compare(model.EnumIndex(model.InstitutionTypeTable, a.Type), model.EnumIndex(model.InstitutionTypeTable, b.Type))
	case SortByProvince:
		return cmp.Compare(provinceOrder(a.Province), provinceOrder(b.Province))
	case SortByCity:
		return cmp.Compare(a.City, b.City)
	case SortByStage:
		return cmp.Compare(model.EnumIndex(model.StageTable, a.Stage), model.EnumIndex(model.StageTable, b.Stage))
	case SortBySince:
		return cmp.Compare(a.Since, b.Since)
	case SortByLastVisit:
		return cmp.Compare(a.LastVisit, b.LastVisit)
	case SortByFollowUps:
		if c := cmp.Compare(a.Overdue, b.Overdue); c != 0 {
			return c
		}
		return cmp.Compare(a.OpenFollowUps, b.OpenFollowUps)
	}
	return 0 // by name: the tie-break compares names
}

// containsAll reports whether every word occurs in s.
func containsAll(s string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(s, w) {
			return false
		}
	}
	return true
}

// provinceOrder sorts provinces as reports group them: by region, then in
// the table's order.
func provinceOrder(code string) int {
	if i, ok := provinceRank()[code]; ok {
		return i
	}
	return 1 << 20
}

var provinceRank = sync.OnceValue(func() map[string]int {
	m := map[string]int{}
	for i, p := range model.Provinces() {
		m[p.Code] = i
	}
	return m
})
