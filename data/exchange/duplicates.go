package exchange

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"
	"tiscdesk/data/model"
	"tiscdesk/data/store"
	"unicode"
	"unicode/utf8"
)

// Near matches (DESIGN section 8): records that may name the same thing
// but that no natural key unifies, listed for a person to merge by hand
// (merge_hand.go) or leave. Each finder compares records only within a
// block that near matches share (a province, a cohort, an email, an exact
// normalised name), never all pairs of a table: ten years of data is
// 200,000 enrolments.

// DuplicateReason says why records may be the same thing.
type DuplicateReason string

// The reasons records are listed as possible duplicates.
const (
	// SameKey: their natural key is the same (entered twice on this machine,
	// where nothing unified them).
	SameKey DuplicateReason = "same_key"
	// SameEnglishName: their English names are the same.
	SameEnglishName DuplicateReason = "same_english_name"
	// NameInside: one's name holds the other's whole.
	NameInside DuplicateReason = "name_inside"
	// EditDistance: their names differ by one or two letters.
	EditDistance DuplicateReason = "edit_distance"
	// SameEmail: one email under different names in two sessions.
	SameEmail DuplicateReason = "same_email"
	// SameName: two people of one cohort with one name and two emails.
	SameName DuplicateReason = "same_name"
	// PartnerUnknown: two programmes of one name, one naming its partner
	// university and the other none.
	PartnerUnknown DuplicateReason = "partner_unknown"
)

// DuplicateRecord is one record of a group.
type DuplicateRecord struct {
	ID   model.ID `json:"id"`
	Name string   `json:"name"`
}

// DuplicateGroup is a set of records of one kind that may be one thing.
type DuplicateGroup struct {
	Kind    string            `json:"kind"` // "institutions", "programmes", "students", "enrolments"
	Records []DuplicateRecord `json:"records"`
	Reason  DuplicateReason   `json:"reason"`
}

// Mergeable reports whether the group's records can be merged by hand
// (MergeByHand): not enrolments, which are one person's courses, not one
// record twice.
func (g DuplicateGroup) Mergeable() bool { return g.Kind != store.EnrolmentsBucket }

// FindDuplicates lists the groups of possible duplicates among the live
// records, by kind (institutions, programmes, students, enrolments) and
// then by their first record's name.
func FindDuplicates(s *store.Store) ([]DuplicateGroup, error) {
	var out []DuplicateGroup
	err := s.View(func(tx *store.Tx) error {
		dismissed := tx.Bucket(store.ExchangeBucket)
		for _, find := range []func(*store.Store, *store.Tx) ([]DuplicateGroup, error){
			institutionDuplicates, programmeDuplicates, studentDuplicates, enrolmentDuplicates,
		} {
			groups, err := find(s, tx)
			if err != nil {
				return err
			}
			for _, g := range groups {
				if dismissed.Get(g.dismissKey()) == nil {
					out = append(out, g)
				}
			}
		}
		return nil
	})
	return out, err
}

// DuplicateCount counts the groups FindDuplicates lists, and finds them
// again only when the database changed since it last did (Store.Version:
// every write, a dismissal included, changes it). The Overview asks on
// every show, and finding them reads every institution, programme, student
// and enrolment: about 0.2 s for ten years of enrolments. The zero value
// is ready; it is safe for several goroutines.
type DuplicateCount struct {
	mu      sync.Mutex
	store   *store.Store
	version int
	n       int
	finds   int // how many times it found them
}

// Of returns how many groups FindDuplicates lists in s, with
// FindDuplicates' error.
func (c *DuplicateCount) Of(s *store.Store) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	// Read before finding: a write that lands in between leaves a count
	// newer than its version, which the next call finds again.
	v := s.Version()
	if c.store == s && c.version == v {
		return c.n, nil
	}
	groups, err := FindDuplicates(s)
	if err != nil {
		c.store = nil
		return 0, err
	}
	c.store, c.version, c.n = s, v, len(groups)
	c.finds++
	return c.n, nil
}

// DismissDuplicates records that the records of g are not one thing: the
// group is not listed again on this machine (a group that gains a record
// is a new group, listed again).
func DismissDuplicates(s *store.Store, g DuplicateGroup) error {
	return s.Update(func(tx *store.Tx) error {
		return tx.Bucket(store.ExchangeBucket).Put(g.dismissKey(), []byte(tx.Now().UTC().Format(time.RFC3339)))
	})
}

// dismissKey names the group by its kind and its records' ids, sorted.
func (g DuplicateGroup) dismissKey() []byte {
	ids := make([]string, len(g.Records))
	for i, r := range g.Records {
		ids[i] = r.ID.String()
	}
	slices.Sort(ids)
	return []byte("notdup/" + g.Kind + "/" + strings.Join(ids, ","))
}

// pairs collects the groups of one kind, each pair of records once, under
// the first reason found.
type pairs struct {
	kind   string
	seen   map[[2]model.ID]bool
	groups []DuplicateGroup
}

func newPairs(kind string) *pairs { return &pairs{kind: kind, seen: map[[2]model.ID]bool{}} }

// add lists recs (two or more) as a group, unless each pair of them is
// listed already.
func (p *pairs) add(reason DuplicateReason, recs ...DuplicateRecord) {
	fresh := false
	for i := range recs {
		for j := i + 1; j < len(recs); j++ {
			a, b := recs[i].ID, recs[j].ID
			if strings.Compare(a.String(), b.String()) > 0 {
				a, b = b, a
			}
			if !p.seen[[2]model.ID{a, b}] {
				p.seen[[2]model.ID{a, b}] = true
				fresh = true
			}
		}
	}
	if fresh {
		recs = slices.Clone(recs)
		slices.SortFunc(recs, func(a, b DuplicateRecord) int { return strings.Compare(a.ID.String(), b.ID.String()) })
		p.groups = append(p.groups, DuplicateGroup{Kind: p.kind, Records: recs, Reason: reason})
	}
}

func (p *pairs) sorted() []DuplicateGroup {
	slices.SortStableFunc(p.groups, func(a, b DuplicateGroup) int { return cmp.Compare(a.Records[0].Name, b.Records[0].Name) })
	return p.groups
}

func institutionDuplicates(s *store.Store, tx *store.Tx) ([]DuplicateGroup, error) {
	var all []*model.Institution
	if err := s.Institutions.EachIn(tx, func(in *model.Institution) bool { all = append(all, in); return true }); err != nil {
		return nil, err
	}
	p := newPairs(store.InstitutionsBucket)
	rec := func(in *model.Institution) DuplicateRecord { return DuplicateRecord{ID: in.ID, Name: in.DisplayName()} }
	groupBy(all, InstitutionKey, func(g []*model.Institution) { p.add(SameKey, mapSlice(g, rec)...) })
	groupBy(all, func(in *model.Institution) string { return model.NaturalName(in.EnglishName) },
		func(g []*model.Institution) { p.add(SameEnglishName, mapSlice(g, rec)...) })
	// Within a province: one local name inside another, or a Latin name one
	// or two letters from another.
	byProvince := map[string][]*model.Institution{}
	for _, in := range all {
		byProvince[in.Province] = append(byProvince[in.Province], in)
	}
	for _, block := range byProvince {
		names := mapSlice(block, func(in *model.Institution) string { return model.NaturalName(in.LocalName) })
		for i := range block {
			for j := i + 1; j < len(block); j++ {
				if r, ok := nearNames(names[i], names[j]); ok {
					p.add(r, rec(block[i]), rec(block[j]))
				}
			}
		}
	}
	return p.sorted(), nil
}

func programmeDuplicates(s *store.Store, tx *store.Tx) ([]DuplicateGroup, error) {
	var all []*model.Programme
	if err := s.Programmes.EachIn(tx, func(g *model.Programme) bool { all = append(all, g); return true }); err != nil {
		return nil, err
	}
	p := newPairs(store.ProgrammesBucket)
	rec := func(g *model.Programme) DuplicateRecord { return DuplicateRecord{ID: g.ID, Name: g.Name} }
	names := mapSlice(all, func(g *model.Programme) string { return model.NaturalName(g.Name) })
	for i := range all {
		for j := i + 1; j < len(all); j++ { // a few dozen programmes in ten years
			switch r, ok := nearNames(names[i], names[j]); {
			case names[i] == names[j] && ProgrammeKey(all[i]) == ProgrammeKey(all[j]):
				p.add(SameKey, rec(all[i]), rec(all[j]))
			case names[i] == names[j] && partnerOnlyInOne(all[i], all[j]):
				p.add(PartnerUnknown, rec(all[i]), rec(all[j]))
			case ok && names[i] != names[j]:
				p.add(r, rec(all[i]), rec(all[j]))
			}
		}
	}
	return p.sorted(), nil
}

// partnerOnlyInOne reports whether one of two programmes names its partner
// university and the other does not (ProgrammeKey tells why they are not
// unified when they meet).
func partnerOnlyInOne(a, b *model.Programme) bool {
	pa, pb := model.NaturalName(a.Partner), model.NaturalName(b.Partner)
	return (pa == "") != (pb == "")
}

func studentDuplicates(s *store.Store, tx *store.Tx) ([]DuplicateGroup, error) {
	var all []*model.Student
	if err := s.Students.EachIn(tx, func(st *model.Student) bool { all = append(all, st); return true }); err != nil {
		return nil, err
	}
	p := newPairs(store.StudentsBucket)
	rec := func(st *model.Student) DuplicateRecord { return DuplicateRecord{ID: st.ID, Name: st.Name} }
	groupBy(all, StudentKey, func(g []*model.Student) { p.add(SameKey, mapSlice(g, rec)...) })
	groupBy(all, func(st *model.Student) string {
		if n := model.NaturalName(st.Name); n != "" {
			return st.Cohort.String() + " " + n
		}
		return ""
	}, func(g []*model.Student) { p.add(SameName, mapSlice(g, rec)...) })
	return p.sorted(), nil
}

// enrolmentDuplicates lists the emails enrolled in two sessions or more
// under names that differ (the same person written two ways, or two
// people sharing one address). It reads the enrolments once, with the
// scanner of the enrolment lists rather than encoding/json: 200,000 in
// about a fifth of the time.
func enrolmentDuplicates(_ *store.Store, tx *store.Tx) ([]DuplicateGroup, error) {
	type seen struct {
		first DuplicateRecord
		key   string            // the first name's NaturalName, made when another name comes
		other []DuplicateRecord // those of another name
	}
	byEmail := map[string]*seen{}
	var f model.EnrolmentText
	err := tx.Bucket(store.EnrolmentsBucket).ForEach(func(k, raw []byte) error {
		if store.IsTombstone(raw) {
			return nil
		}
		var id model.ID
		copy(id[:], k)
		var name, email string
		var emailBytes []byte
		if model.ScanEnrolment(raw, &f) {
			emailBytes = f.Email
		} else {
			var e model.Enrolment
			if err := json.Unmarshal(raw, &e); err != nil {
				return fmt.Errorf("decode enrolment %s: %w", id, err)
			}
			emailBytes, f.Name = []byte(e.Email), []byte(e.Name)
		}
		if len(emailBytes) == 0 {
			return nil
		}
		var got *seen
		if model.IsNormEmail(emailBytes) {
			got = byEmail[string(emailBytes)] // no allocation for the lookup
		} else {
			email = model.NormEmail(string(emailBytes))
			got = byEmail[email]
		}
		switch {
		case got == nil:
			if email == "" {
				email = string(emailBytes)
			}
			byEmail[email] = &seen{first: DuplicateRecord{ID: id, Name: string(f.Name)}}
		case got.first.Name == string(f.Name):
		default:
			name = string(f.Name)
			if got.key == "" {
				got.key = model.NaturalName(got.first.Name)
			}
			if model.NaturalName(name) != got.key {
				got.other = append(got.other, DuplicateRecord{ID: id, Name: name})
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	p := newPairs(store.EnrolmentsBucket)
	for _, got := range byEmail {
		if len(got.other) > 0 {
			p.add(SameEmail, append([]DuplicateRecord{got.first}, got.other...)...)
		}
	}
	return p.sorted(), nil
}

// nearNames tells whether two normalised names (NaturalName) are near: one
// holds the other (the shorter of three letters or more), or, for names in
// Latin letters of eight or more, one or two letters apart. Chinese names
// one character apart are most often two places (哈尔滨工业大学,
// 哈尔滨工程大学): they are not near.
func nearNames(a, b string) (DuplicateReason, bool) {
	if a == "" || b == "" || a == b {
		return "", false
	}
	short, long := a, b
	if utf8.RuneCountInString(short) > utf8.RuneCountInString(long) {
		short, long = long, short
	}
	if utf8.RuneCountInString(short) >= 3 && strings.Contains(long, short) {
		return NameInside, true
	}
	if !latin(a) || !latin(b) || len(short) < 8 || len(long)-len(short) > 2 {
		return "", false
	}
	if editDistance(a, b, 2) <= 2 {
		return EditDistance, true
	}
	return "", false
}

func latin(s string) bool {
	for _, r := range s {
		if r >= utf8.RuneSelf && unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return true
}

// editDistance is the Levenshtein distance of a and b (bytes), or max+1
// when it is more than max.
func editDistance(a, b string, max int) int {
	prev, cur := make([]int, len(b)+1), make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			best = min(best, cur[j])
		}
		if best > max {
			return max + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// groupBy calls fn with each group of two or more of all that share a
// non-empty key.
func groupBy[T any](all []T, key func(T) string, fn func([]T)) {
	groups := map[string][]T{}
	var order []string
	for _, v := range all {
		k := key(v)
		if k == "" {
			continue
		}
		if len(groups[k]) == 0 {
			order = append(order, k)
		}
		groups[k] = append(groups[k], v)
	}
	for _, k := range order {
		if len(groups[k]) > 1 {
			fn(groups[k])
		}
	}
}

func mapSlice[T, U any](in []T, f func(T) U) []U {
	out := make([]U, len(in))
	for i, v := range in {
		out[i] = f(v)
	}
	return out
}
