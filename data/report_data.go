package data

import (
	"errors"
	"fmt"

	"github.com/google/uuid"
)

// The reports count ten years of enrolments (200,000) in one pass. Decoding
// each into a whole Enrolment with encoding/json costs most of a report's
// time, so they read only the fields they count by, with the enrolment
// list's allocation-free scanner (enrolment_json.go), falling back to
// encoding/json for a record it does not read plainly.

// EnrolmentFact is what a report counts of one enrolment. Its strings are
// the caller's own.
type EnrolmentFact struct {
	Session      ID
	Email        string
	Gender       Gender
	Organisation string
	Province     string // ISO 3166-2:CN code, or ""
	Country      string // ISO 3166-1 alpha-2, or ""
	Status       EnrolmentStatus
}

// EachEnrolmentFactIn calls fn with the facts of every live enrolment, in
// id (creation) order, within tx, until fn returns false. The fact is
// reused between calls: fn copies what it keeps. Returns an error when a
// stored enrolment cannot be decoded.
func (s *Store) EachEnrolmentFactIn(tx *Tx, fn func(*EnrolmentFact) bool) error {
	var f EnrolmentFact
	return s.eachEnrolmentText(tx, func(session ID, text *enrolmentText) bool {
		f = EnrolmentFact{Session: session, Email: string(text.email), Gender: Gender(text.gender),
			Organisation: string(text.organisation), Province: string(text.province), Country: string(text.country),
			Status: EnrolmentStatus(text.status)}
		return fn(&f)
	})
}

// eachEnrolmentText calls fn with the session and the text of every live
// enrolment within tx, in id order, until fn returns false; the text is
// reused between calls and holds no memory of its own. The mapped pages
// read are released as the scan goes (releaseMapped). Returns an error
// when a stored enrolment cannot be decoded.
func (s *Store) eachEnrolmentText(tx *Tx, fn func(session ID, text *enrolmentText) bool) error {
	var text enrolmentText
	n := 0
	err := tx.tx.Bucket(bucketEnrolments).ForEach(func(k, raw []byte) error {
		if n++; n%releaseStride == 0 {
			releaseMapped(s.db, tx.tx) // keep the scan's footprint small
		}
		if isTombstone(raw) {
			return nil
		}
		if err := readEnrolmentText(raw, &text); err != nil {
			return fmt.Errorf("decode enrolments %x: %w", k, err)
		}
		id, err := uuid.ParseBytes(text.session)
		if err != nil {
			return fmt.Errorf("decode enrolments %x: session: %w", k, err)
		}
		if !fn(id, &text) {
			return errStop
		}
		return nil
	})
	if errors.Is(err, errStop) {
		return nil
	}
	return err
}
