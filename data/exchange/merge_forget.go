package exchange

import (
	"bytes"
	"encoding/json"
	"fmt"

	"tiscdesk/data/model"
)

// A forget (DESIGN section 14) is an ordinary change, so it meets, sooner
// or later, a version of the same enrolment or student record from a
// machine that had not seen it yet, edited there before or after the
// forget. Whichever version wins by time, the person must not come back:
// the version that still holds them is erased with the forgotten identity
// the other carries. An incoming version erased here is written as this
// machine's edit (so that the erasure travels back to its sender); a
// version here erased because the person was forgotten elsewhere is too;
// and the conflict list keeps only erased versions. A person forgotten on
// two machines before they exchanged carries two identities: the smaller
// one wins on both, record by record, so that the person counts once.

// forgotten is the prefix of a forgotten identity as it stands in a
// record's JSON: the cheap test before any decoding, since a merge of
// hundreds of thousands of records meets a forget in a handful.
var forgotten = []byte(`"` + model.ForgottenPrefix)

// forgetting compares a merged version in with the version here, cur, both
// live, when either mentions a forgotten identity. When the person is
// forgotten here and not in the merged version (or as a larger identity),
// it erases in and returns erasedIn. When the person is forgotten in the
// merged version and not here (or here as a larger identity), it returns
// here: the version here, decoded and erased. Otherwise both are nil and
// false. Returns an error when cur cannot be decoded.
func (k *kind[T, P]) forgetting(in P, raw, cur []byte) (here P, erasedIn bool, err error) {
	if _, ok := any(in).(model.Marked); ok {
		return k.redacting(in, raw, cur)
	}
	x, ok := any(in).(model.Erasable)
	if !ok || cur == nil || (!bytes.Contains(cur, forgotten) && !bytes.Contains(raw, forgotten)) {
		return nil, false, nil
	}
	h := P(new(T))
	if err := json.Unmarshal(cur, h); err != nil {
		return nil, false, fmt.Errorf("decode %s %s: %w", k.name(), in.Metadata().ID, err)
	}
	hx := any(h).(model.Erasable)
	there, hereAs := x.ForgottenAs(), hx.ForgottenAs()
	switch {
	case hereAs != "" && (there == "" || hereAs < there):
		x.Erase(hereAs)
		return nil, true, nil
	case there != "" && (hereAs == "" || there < hereAs):
		hx.Erase(there)
		return h, false, nil
	}
	return nil, false, nil
}

// An institution or a visit names a person forgotten without being theirs,
// so it carries no forgotten identity but marks of the people erased from
// it (model.Marked). A version from a machine that had not seen the forget
// still holds the person and lacks the marks: whichever version wins by
// time, the marks of both stand and the people they match are removed.

// erasedMarks is the key of the marks as it stands in a record's JSON: the
// cheap test, as forgotten is for enrolments.
var erasedMarks = []byte(`"erased":[`)

// redacting is forgetting for a Marked record: when one version carries
// marks the other lacks, the other is redacted with the union. It erases
// in and returns erasedIn when in lacked some of cur's marks; it returns
// here, the version here decoded and redacted, when that lacked some of
// in's.
func (k *kind[T, P]) redacting(in P, raw, cur []byte) (here P, erasedIn bool, err error) {
	if cur == nil || (!bytes.Contains(cur, erasedMarks) && !bytes.Contains(raw, erasedMarks)) {
		return nil, false, nil
	}
	h := P(new(T))
	if err := json.Unmarshal(cur, h); err != nil {
		return nil, false, fmt.Errorf("decode %s %s: %w", k.name(), in.Metadata().ID, err)
	}
	x, hx := any(in).(model.Marked), any(h).(model.Marked)
	there, hereMarks := x.Marks(), hx.Marks()
	if !model.HasAllMarks(there, hereMarks) {
		erasedIn = x.Redact(hereMarks)
	}
	if !model.HasAllMarks(hereMarks, there) && hx.Redact(there) {
		here = h
	}
	return here, erasedIn, nil
}
