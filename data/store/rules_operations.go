package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"tiscdesk/data/model"
)

// wireOperationsRules sets the rules of a TISC's yearly returns and
// evaluations: both belong to a live institution, and an institution has
// one return per year (an import updates it rather than adding another).
func (s *Store) wireOperationsRules() {
	missing := "refers to a record that does not exist"
	s.Statistics.check = func(tx *Tx, r *model.YearlyReturn) []model.FieldError {
		if !s.Institutions.Exists(tx, r.Institution) {
			return []model.FieldError{{Field: "institution", Message: missing}}
		}
		if returnClash(tx, r) {
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

var errClash = errors.New("clash")

// returnClash reports whether another live return has r's institution and
// year. It decodes only the returns whose bytes name r's institution: an
// import of thousands of returns checks each against all the others, and
// decoding every one each time made 3,000 rows take 25 s (BENCHMARKS.md).
func returnClash(tx *Tx, r *model.YearlyReturn) bool {
	needle := []byte(`"institution":"` + r.Institution.String() + `"`)
	err := tx.Bucket(StatisticsBucket).ForEach(func(_, raw []byte) error {
		if !bytes.Contains(raw, needle) || IsTombstone(raw) {
			return nil
		}
		var o model.YearlyReturn
		if json.Unmarshal(raw, &o) == nil && o.ID != r.ID && o.Institution == r.Institution && o.Year == r.Year {
			return errClash
		}
		return nil
	})
	return errors.Is(err, errClash)
}
