package exchange

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"tiscdesk/data/model"
	"tiscdesk/data/store"
)

// Field bundles (DESIGN section 14): what a field laptop needs for the
// provinces it covers, and no personal data. A field bundle carries the
// institutions of those provinces, their visits and the course catalogue:
// no session, enrolment, programme, cohort or student. It is a bundle of
// everything in that scope, never of changes since an exchange, and it
// does not tell the receiver that it has seen the sender's changes (the
// people it leaves out are not seen): the receiver's knowledge and the
// sender's record of what it sent stay as they were.

// fieldKinds are the kinds a field bundle carries.
var fieldKinds = []string{store.InstitutionsBucket, store.VisitsBucket, store.CoursesBucket}

// FieldProvinces checks and normalises a field bundle's provinces (codes
// such as "CN-SH", or names model.LookupProvince knows), sorted and
// without repeats. Returns a *model.ValidationError naming the ones it
// does not know, or when there are none.
func FieldProvinces(list []string) ([]string, error) {
	var out, unknown []string
	for _, p := range list {
		if p = strings.TrimSpace(p); p == "" {
			continue
		}
		prov, ok := model.LookupProvince(p)
		if !ok {
			unknown = append(unknown, p)
			continue
		}
		out = append(out, prov.Code)
	}
	if len(unknown) > 0 {
		return nil, &model.ValidationError{Fields: []model.FieldError{{Field: "provinces",
			Message: fmt.Sprintf("unknown province %s (use codes such as CN-SH)", strings.Join(unknown, ", "))}}}
	}
	if len(out) == 0 {
		return nil, &model.ValidationError{Fields: []model.FieldError{{Field: "provinces", Message: "is required for a field bundle"}}}
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

// fieldScope decides which records a field bundle writes. Institutions are
// written before visits (parents first), so it knows the institutions it
// kept when it meets their visits.
type fieldScope struct {
	provinces map[string]bool
	insts     map[string]bool // ids of the institutions kept
}

func newFieldScope(provinces []string) *fieldScope {
	f := &fieldScope{provinces: map[string]bool{}, insts: map[string]bool{}}
	for _, p := range provinces {
		f.provinces[p] = true
	}
	return f
}

// kind reports whether a field bundle carries records of kind at all.
func (f *fieldScope) kind(kind string) bool { return slices.Contains(fieldKinds, kind) }

// keeps reports whether the record raw of kind (one the bundle carries)
// belongs to the field bundle. Tombstones of its kinds travel, so that a
// deletion reaches the field too: they hold no personal data.
func (f *fieldScope) keeps(kind string, raw []byte) (bool, error) {
	if store.IsTombstone(raw) {
		return true, nil
	}
	switch kind {
	case store.InstitutionsBucket:
		var in struct {
			ID       string `json:"id"`
			Province string `json:"province"`
		}
		if err := json.Unmarshal(raw, &in); err != nil {
			return false, fmt.Errorf("decode institution: %w", err)
		}
		if f.provinces[in.Province] {
			f.insts[in.ID] = true
			return true, nil
		}
		return false, nil
	case store.VisitsBucket:
		var v struct {
			Institution string `json:"institution"`
		}
		if err := json.Unmarshal(raw, &v); err != nil {
			return false, fmt.Errorf("decode visit: %w", err)
		}
		return f.insts[v.Institution], nil
	}
	return true, nil
}
