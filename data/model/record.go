package model

import (
	"fmt"
	"net/mail"
	"strings"
	"time"

	"github.com/google/uuid"
)

// ID identifies a record. New records get a UUIDv7, so keys are ordered by
// creation time and inserts append at the right edge of bbolt's B+tree.
type ID = uuid.UUID

// NilID is the zero ID: "no record".
var NilID ID

// NewID returns a fresh UUIDv7.
func NewID() ID { return uuid.Must(uuid.NewV7()) }

// Ids draw their random bits from a pool filled 256 bytes at a time rather
// than from a system call each: an import of 100,000 rows made 100,000
// getrandom calls, about 5 % of its time. An id is not a secret (it
// travels in every bundle and export); the bits still come from
// crypto/rand. The pool is enabled before any goroutine can make an id.
func init() { uuid.EnableRandPool() }

// ParseID parses the text form of an ID (as printed by ID.String).
func ParseID(s string) (ID, error) {
	id, err := uuid.Parse(strings.TrimSpace(s))
	if err != nil {
		return NilID, fmt.Errorf("parse id %q: %w", s, err)
	}
	return id, nil
}

// Meta is what every record carries besides its own fields. The store sets
// it; callers only read it.
type Meta struct {
	ID        ID        `json:"id"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
	UpdatedBy string    `json:"updated_by"` // device label of the machine that last changed it
	Device    string    `json:"device"`     // device id of that machine: breaks updated_at ties in merges
	Deleted   bool      `json:"deleted,omitempty"`
	// MergedInto is, on a tombstone, the record this one was merged into
	// (the same thing entered twice, DESIGN section 8): a machine that
	// receives the tombstone moves the references to it there.
	MergedInto ID `json:"merged_into,omitzero"`
}

// Metadata lets the store reach the embedded Meta of any entity.
func (m *Meta) Metadata() *Meta { return m }

// Date is a calendar date written YYYY-MM-DD; "" means not set. ISO dates
// compare correctly as strings.
type Date string

const dateLayout = "2006-01-02"

// ParseDate checks s is a real YYYY-MM-DD date (surrounding space trimmed).
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	t, err := time.Parse(dateLayout, s)
	if err != nil {
		return "", fmt.Errorf("date %q: expected YYYY-MM-DD", s)
	}
	return Date(t.Format(dateLayout)), nil
}

// DateOf returns the date of t in t's location.
func DateOf(t time.Time) Date { return Date(t.Format(dateLayout)) }

// Valid reports whether d is a real date (the empty Date is not).
func (d Date) Valid() bool {
	_, err := time.Parse(dateLayout, string(d))
	return err == nil
}

// Year returns the year of d, or 0 when d is not set.
func (d Date) Year() int {
	t, err := time.Parse(dateLayout, string(d))
	if err != nil {
		return 0
	}
	return t.Year()
}

// Time returns d at midnight UTC; the zero time when d is not valid.
func (d Date) Time() time.Time {
	t, _ := time.Parse(dateLayout, string(d))
	return t
}

// Before reports whether d is set and earlier than o.
func (d Date) Before(o Date) bool { return d != "" && d < o }

// Period is an inclusive range of dates; an empty bound is open.
type Period struct {
	From, To Date
}

// Contains reports whether d (set) falls within p.
func (p Period) Contains(d Date) bool {
	if d == "" {
		return false
	}
	return (p.From == "" || d >= p.From) && (p.To == "" || d <= p.To)
}

// YearPeriod is the calendar year y.
func YearPeriod(y int) Period {
	return Period{From: Date(fmt.Sprintf("%04d-01-01", y)), To: Date(fmt.Sprintf("%04d-12-31", y))}
}

// ValidEmail accepts one plain address (no display name), as people type them.
func ValidEmail(s string) bool {
	if strings.ContainsAny(s, " <>,;") || strings.Count(s, "@") != 1 {
		return false
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s {
		return false
	}
	domain := s[strings.LastIndexByte(s, '@')+1:]
	return strings.Contains(domain, ".") && !strings.HasPrefix(domain, ".") && !strings.HasSuffix(domain, ".")
}

// checkDate adds a problem when d is set but not a real date.
func (p *problems) checkDate(field string, d Date) {
	if d != "" && !d.Valid() {
		p.add(field, "is not a date of the form YYYY-MM-DD")
	}
}

// checkEmail adds a problem when e is set but not an address (a forgotten
// person's identity, ForgottenPrefix..., stands where an address was).
func (p *problems) checkEmail(field, e string) {
	if e != "" && !ValidEmail(e) && !IsForgotten(e) {
		p.add(field, "is not a valid email address")
	}
}

// checkRequired adds a problem when s is blank.
func (p *problems) checkRequired(field, s string) {
	if strings.TrimSpace(s) == "" {
		p.add(field, "is required")
	}
}

// NormEmail is the form in which emails are compared: trimmed, lower case.
func NormEmail(s string) string {
	if IsNormEmail(s) {
		return s
	}
	return strings.ToLower(strings.TrimSpace(s))
}

// IsNormEmail reports whether NormEmail would leave e as it is: a cheap
// test that spares the common plain lower-case email an allocation.
func IsNormEmail[S ~string | ~[]byte](e S) bool {
	if len(e) == 0 || e[0] <= ' ' || e[len(e)-1] <= ' ' {
		return len(e) == 0
	}
	for i := 0; i < len(e); i++ {
		if c := e[i]; c >= 0x80 || ('A' <= c && c <= 'Z') {
			return false
		}
	}
	return true
}

// ForgottenPrefix starts the identity a forgotten person's records get in
// place of their name and email (DESIGN section 14): "forgotten:" and an id
// of its own, the same on every record of that person, so that the counts
// of people stay exact and the records never unify with anyone else's.
const ForgottenPrefix = "forgotten:"

// Forgotten is the identity of a person forgotten as id.
func Forgotten(id ID) string { return ForgottenPrefix + id.String() }

// IsForgotten reports whether s (a name or email) is a forgotten identity.
func IsForgotten(s string) bool {
	rest, ok := strings.CutPrefix(s, ForgottenPrefix)
	if !ok {
		return false
	}
	_, err := ParseID(rest)
	return err == nil
}
