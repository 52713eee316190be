package query

import (
	"tiscdesk/data/model"
	"tiscdesk/data/store"
)

// YearTotals are the yearly returns of one year added up: every return of
// the year counts, whatever its institution's stage (DESIGN section 12).
type YearTotals struct {
	Year    int
	Returns int                // how many returns there are for the year
	Total   model.YearlyReturn // each figure summed; no institution
}

// LoadYearTotals adds up the live returns of year.
func LoadYearTotals(s *store.Store, year int) (YearTotals, error) {
	t := YearTotals{Year: year}
	err := s.View(func(tx *store.Tx) error {
		return s.Statistics.EachIn(tx, func(r *model.YearlyReturn) bool {
			if r.Year != year {
				return true
			}
			t.Returns++
			add := r.Figures()
			for i, f := range t.Total.Figures() {
				*f.Value += *add[i].Value
			}
			return true
		})
	})
	return t, err
}
