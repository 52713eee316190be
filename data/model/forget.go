package model

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"
)

// Erasable is a record of a person that forgetting erases (DESIGN section
// 14): an enrolment or a student record. Forgetting happens on one machine
// and travels as a change; the merge uses this to erase a version from
// another machine that still holds the person.
type Erasable interface {
	// ForgottenAs is the forgotten identity the record carries in place of
	// its person's name and email, "" when the person is not forgotten.
	ForgottenAs() string
	// Erase puts identity (Forgotten) in place of the person's name and
	// email and empties the other fields that identify them; what the
	// figures count (session or cohort, gender, province, country, status,
	// score, dates) stays.
	Erase(identity string)
}

var (
	_ Erasable = (*Enrolment)(nil)
	_ Erasable = (*Student)(nil)
)

// ForgottenAs is the enrolment's forgotten identity, or "".
func (e *Enrolment) ForgottenAs() string { return forgottenAs(e.Email) }

// Erase empties the participant's name, email, organisation and
// certificate number, the identity standing for the name and email.
func (e *Enrolment) Erase(identity string) {
	e.Name, e.Email, e.Organisation, e.Certificate = identity, identity, "", ""
}

// ForgottenAs is the student record's forgotten identity, or "".
func (s *Student) ForgottenAs() string { return forgottenAs(s.Email) }

// Erase empties the student's name, email, thesis title and supervisor,
// the identity standing for the name and email.
func (s *Student) Erase(identity string) {
	s.Name, s.Email, s.Thesis, s.Supervisor = identity, identity, "", ""
}

func forgottenAs(email string) string {
	if IsForgotten(email) {
		return email
	}
	return ""
}

// Marked is a record that names people without being one person's: an
// institution (its contacts) or a visit (its people met). Forgetting a
// person removes them from it and leaves a mark for each of their email and
// names (ErasureMark): a hash of the record's id and the normalised email
// or name, which says nothing to whoever does not already know the email
// or name. The marks travel inside the record, so that a version from a
// machine that had not seen the forget, however new, is erased again where
// it meets them (the merge, an import).
type Marked interface {
	// Marks are the record's marks of forgotten people, sorted.
	Marks() []string
	// Redact adds marks to the record's and removes the people any of its
	// marks match. Reports whether the record changed.
	Redact(marks []string) bool
}

var (
	_ Marked = (*Institution)(nil)
	_ Marked = (*Visit)(nil)
)

// ErasureMarks are the marks that forgetting the person with email and
// names leaves on record id.
func ErasureMarks(id ID, email string, names []string) []string {
	out := []string{erasureMark(id, "email", NormEmail(email))}
	for _, n := range names {
		if n = normName(n); n != "" {
			out = append(out, erasureMark(id, "name", n))
		}
	}
	return mergeMarks(nil, out)
}

// erasureMark is the hex SHA-256 of the record's id, what the value is and
// the value, cut to 128 bits: enough that two people never share one.
func erasureMark(id ID, what, value string) string {
	h := sha256.New()
	h.Write(id[:])
	h.Write([]byte(what))
	h.Write([]byte{0})
	h.Write([]byte(value))
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// normName is a name as marks compare it: case and spacing aside.
func normName(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

// mergeMarks is the sorted union of a and b, without repeats.
func mergeMarks(a, b []string) []string {
	out := slices.Concat(a, b)
	slices.Sort(out)
	return slices.Compact(out)
}

// HasAllMarks reports whether have holds every mark of want.
func HasAllMarks(have, want []string) bool {
	for _, m := range want {
		if !slices.Contains(have, m) {
			return false
		}
	}
	return true
}

// marker answers, for one record, whether a name or an email is marked.
type marker struct {
	id  ID
	set map[string]bool
}

func newMarker(id ID, marks []string) marker {
	set := make(map[string]bool, len(marks))
	for _, m := range marks {
		set[m] = true
	}
	return marker{id: id, set: set}
}

func (m marker) name(s string) bool {
	s = normName(s)
	return s != "" && m.set[erasureMark(m.id, "name", s)]
}

func (m marker) email(s string) bool {
	s = NormEmail(s)
	return s != "" && m.set[erasureMark(m.id, "email", s)]
}

// mentions reports whether the text s holds a marked email anywhere, as
// forgetting removes a person met written "Wang Li <wang@example.cn>" or
// "王老师wang@example.cn": around each @, every local part that ends there
// and every domain that ends at a dot or the end of the address.
func (m marker) mentions(s string) bool {
	s = strings.ToLower(s)
	for at := strings.IndexByte(s, '@'); at >= 0; {
		lo := at
		for lo > 0 && at-lo < 64 && emailByte(s[lo-1], true) {
			lo--
		}
		hi := at + 1
		for hi < len(s) && emailByte(s[hi], false) {
			hi++
		}
		for i := lo; i < at; i++ {
			for j := at + 2; j <= hi; j++ {
				if (j == hi || s[j] == '.') && m.set[erasureMark(m.id, "email", s[i:j])] {
					return true
				}
			}
		}
		next := strings.IndexByte(s[at+1:], '@')
		if next < 0 {
			break
		}
		at += 1 + next
	}
	return false
}

// emailByte reports whether c may stand in an address's local part (local)
// or domain.
func emailByte(c byte, local bool) bool {
	switch {
	case c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '.', c == '-':
		return true
	case local:
		return strings.IndexByte("_%+'", c) >= 0
	}
	return false
}

// Marks are the institution's marks of forgotten people.
func (in *Institution) Marks() []string { return in.Erased }

// Redact adds marks and removes the contacts whose name or email a mark
// matches.
func (in *Institution) Redact(marks []string) bool {
	all := mergeMarks(in.Erased, marks)
	changed := !slices.Equal(all, in.Erased)
	in.Erased = all
	mk := newMarker(in.ID, all)
	n := len(in.Contacts)
	in.Contacts = slices.DeleteFunc(in.Contacts, func(c Contact) bool { return mk.name(c.Name) || mk.email(c.Email) })
	if len(in.Contacts) == 0 {
		in.Contacts = nil
	}
	return changed || len(in.Contacts) != n
}

// Marks are the visit's marks of forgotten people.
func (v *Visit) Marks() []string { return v.Erased }

// Redact adds marks and removes the people met that a mark matches, by
// their name or an email they mention.
func (v *Visit) Redact(marks []string) bool {
	all := mergeMarks(v.Erased, marks)
	changed := !slices.Equal(all, v.Erased)
	v.Erased = all
	mk := newMarker(v.ID, all)
	n := len(v.PeopleMet)
	v.PeopleMet = slices.DeleteFunc(v.PeopleMet, func(p string) bool { return mk.name(p) || mk.mentions(p) })
	if len(v.PeopleMet) == 0 {
		v.PeopleMet = nil
	}
	return changed || len(v.PeopleMet) != n
}

// MarksContact reports whether the institution's marks match contact c:
// the contact is a person forgotten on this record.
func (in *Institution) MarksContact(c Contact) bool {
	if len(in.Erased) == 0 {
		return false
	}
	mk := newMarker(in.ID, in.Erased)
	return mk.name(c.Name) || mk.email(c.Email)
}
