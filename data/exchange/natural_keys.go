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

// ProgrammeKey is a programme's name and partner university (NaturalName
// of each): two programmes unify when their names and their partners are
// the same, the partner not given in both counting as the same.
//
// A programme without a partner and one with a partner of the same name
// do not unify by themselves, though DESIGN section 8 calls them one: the
// Duplicates view lists them (PartnerUnknown) for a person to merge by
// hand. Unifying them when they meet cannot end the same on every machine:
// with Tongji's and Fudan's programme of one name, the one without a
// partner would become Tongji's on a machine that met Tongji's first and
// Fudan's on one that met Fudan's first, and which machine meets which
// first is the order of the bundles. Once its cohorts have moved to
// Tongji's, nothing in the records says they were the other's, so no later
// rule could move them back the same way everywhere. (The rule before this
// one, "one is empty" with the older id winning, gave two machines two
// states; TestThingsEnteredTwiceUnifyInAnyOrder, seed 22.) A key of name and
// partner is an equivalence: whatever meets first, the same records unify.
func ProgrammeKey(p *model.Programme) string {
	name := model.NaturalName(p.Name)
	if name == "" {
		return ""
	}
	return name + "\x00" + model.NaturalName(p.Partner)
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
