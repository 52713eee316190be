package query

import (
	"cmp"
	"slices"

	"tiscdesk/data/model"
	"tiscdesk/data/store"
)

// DueWithinDays is how far ahead the Overview looks for evaluations falling
// due and host agreements expiring (DESIGN section 12).
const DueWithinDays = 90

// DueKind is what falls due.
type DueKind int

// The things an operational TISC's coordinator watches.
const (
	EvaluationOverdue DueKind = iota // the next evaluation's date has passed
	EvaluationDueSoon                // it falls within DueWithinDays
	AgreementExpired                 // the host agreement has expired
	AgreementExpiring                // it expires within DueWithinDays
)

// DueItem is one institution's evaluation or agreement that needs action.
type DueItem struct {
	Institution *model.Institution
	Kind        DueKind
	Date        model.Date // when it falls (fell) due or expires (expired)
}

// OperationsDue lists, for the operational TISCs, the evaluations overdue or
// due within DueWithinDays of today and the host agreements expired or
// expiring within them, earliest first.
func OperationsDue(s *store.Store, today model.Date) ([]DueItem, error) {
	horizon := model.DateOf(today.Time().AddDate(0, 0, DueWithinDays))
	var out []DueItem
	err := s.View(func(tx *store.Tx) error {
		evals := map[model.ID][]model.Evaluation{}
		if err := s.Evaluations.EachIn(tx, func(e *model.Evaluation) bool {
			evals[e.Institution] = append(evals[e.Institution], *e)
			return true
		}); err != nil {
			return err
		}
		return s.Institutions.EachIn(tx, func(in *model.Institution) bool {
			if in.Stage != model.StageOperational {
				return true
			}
			if due := model.NextEvaluationDue(in, evals[in.ID]); due != "" {
				switch {
				case due < today:
					out = append(out, DueItem{in, EvaluationOverdue, due})
				case due <= horizon:
					out = append(out, DueItem{in, EvaluationDueSoon, due})
				}
			}
			switch exp := in.AgreementExpires; {
			case exp == "":
			case exp < today:
				out = append(out, DueItem{in, AgreementExpired, exp})
			case exp <= horizon:
				out = append(out, DueItem{in, AgreementExpiring, exp})
			}
			return true
		})
	})
	slices.SortStableFunc(out, func(a, b DueItem) int { return cmp.Compare(a.Date, b.Date) })
	return out, err
}
