package store

import "tiscdesk/data/model"

// wireOperationsRules sets the rules of a TISC's yearly returns and
// evaluations: both belong to a live institution, and an institution has
// one return per year (an import updates it rather than adding another).
func (s *Store) wireOperationsRules() {
	missing := "refers to a record that does not exist"
	s.Statistics.check = func(tx *Tx, r *model.YearlyReturn) []model.FieldError {
		if !s.Institutions.Exists(tx, r.Institution) {
			return []model.FieldError{{Field: "institution", Message: missing}}
		}
		var clash bool
		_ = s.Statistics.EachIn(tx, func(o *model.YearlyReturn) bool {
			clash = o.ID != r.ID && o.Institution == r.Institution && o.Year == r.Year
			return !clash
		})
		if clash {
			return []model.FieldError{{Field: "year", Message: "already has a return for this institution"}}
		}
		return nil
	}
	s.Evaluations.check = func(tx *Tx, e *model.Evaluation) []model.FieldError {
		if !s.Institutions.Exists(tx, e.Institution) {
			return []model.FieldError{{Field: "institution", Message: missing}}
		}
		return nil
	}
}
