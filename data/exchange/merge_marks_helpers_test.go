package exchange

import (
	"testing"

	"tiscdesk/data/model"
	"tiscdesk/data/store"
)

// forgetOnePercent does to every hundredth institution and visit of s what
// forgetting its second contact or person met does (data/privacy).
func forgetOnePercent(b *testing.B, s *store.Store) {
	b.Helper()
	err := s.Update(func(tx *store.Tx) error {
		var ins []*model.Institution
		i := 0
		if err := s.Institutions.EachIn(tx, func(in *model.Institution) bool {
			if i++; i%100 == 0 {
				ins = append(ins, in)
			}
			return true
		}); err != nil {
			return err
		}
		for _, in := range ins {
			c := in.Contacts[1]
			in.Redact(model.ErasureMarks(in.ID, c.Email, []string{c.Name}))
			if err := s.Institutions.PutIn(tx, in); err != nil {
				return err
			}
			vs, err := s.Visits.Where(func(v *model.Visit) bool { return v.Institution == in.ID })
			if err != nil {
				return err
			}
			for _, v := range vs {
				v.Redact(model.ErasureMarks(v.ID, c.Email, []string{c.Name}))
				if err := s.Visits.PutIn(tx, v); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
}
