package exchange

import (
	"strconv"
	"tiscdesk/data/model"
)

// The natural keys of the things people enter twice on two machines
// (DESIGN section 8): two live records with the same key name the same
// thing, and unify when they meet in a merge, a sync or an import. An
// empty key is no key: the record unifies with nothing.

// InstitutionKey is an institution's local name (NaturalName) and province;
// an institution without a local name has none.
func InstitutionKey(in *model.Institution) string {
	name := model.NaturalName(in.LocalName)
	if name == "" {
		return ""
	}
	return name + "\x00" + in.Province
}

// ProgrammeKey is a programme's name (NaturalName). Two programmes of one
// name are one only when their partners agree (ProgrammesAgree).
func ProgrammeKey(p *model.Programme) string { return model.NaturalName(p.Name) }

// ProgrammesAgree reports whether two programmes of one name are the same
// programme: their partner universities are the same, or one is not given.
func ProgrammesAgree(a, b *model.Programme) bool {
	pa, pb := model.NaturalName(a.Partner), model.NaturalName(b.Partner)
	return pa == "" || pb == "" || pa == pb
}

// CohortKey is a cohort's programme and intake year.
func CohortKey(c *model.Cohort) string {
	return c.Programme.String() + " " + strconv.Itoa(c.IntakeYear)
}

// StudentKey is a student's cohort and email, else name.
func StudentKey(st *model.Student) string {
	if e := model.NormEmail(st.Email); e != "" {
		return st.Cohort.String() + " e:" + e
	}
	if n := model.NaturalName(st.Name); n != "" {
		return st.Cohort.String() + " n:" + n
	}
	return ""
}
