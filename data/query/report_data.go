package query

import (
	"errors"
	"fmt"
	"tiscdesk/data/model"
	"tiscdesk/data/store"

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
	Session      model.ID
	Email        string
	Gender       model.Gender
	Organisation string
	Province     string // ISO 3166-2:CN code, or ""
	Country      string // ISO 3166-1 alpha-2, or ""
	Status       model.EnrolmentStatus
}

// EachEnrolmentFactIn calls fn with the facts of every live enrolment, in
// id (creation) order, within tx, until fn returns false. The fact is
// reused between calls: fn copies what it keeps. Returns an error when a
// stored enrolment cannot be decoded.
func EachEnrolmentFactIn(s *store.Store, tx *store.Tx, fn func(*EnrolmentFact) bool) error {
	var f EnrolmentFact
	return eachEnrolmentText(s, tx, func(session model.ID, text *model.EnrolmentText) bool {
		f = EnrolmentFact{Session: session, Email: string(text.Email), Gender: model.Gender(text.Gender),
			Organisation: string(text.Organisation), Province: string(text.Province), Country: string(text.Country),
			Status: model.EnrolmentStatus(text.Status)}
		return fn(&f)
	})
}

// eachEnrolmentText calls fn with the session and the text of every live
// enrolment within tx, in id order, until fn returns false; the text is
// reused between calls and holds no memory of its own. The mapped pages
// read are released as the scan goes (Bucket.ForEach). Returns an error
// when a stored enrolment cannot be decoded.
func eachEnrolmentText(s *store.Store, tx *store.Tx, fn func(session model.ID, text *model.EnrolmentText) bool) error {
	var text model.EnrolmentText
	err := tx.Bucket(store.EnrolmentsBucket).ForEach(func(k, raw []byte) error {
		if store.IsTombstone(raw) {
			return nil
		}
		if err := readEnrolmentText(raw, &text); err != nil {
			return fmt.Errorf("decode enrolments %x: %w", k, err)
		}
		id, err := uuid.ParseBytes(text.Session)
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

// errStop ends a scan early without an error.
var errStop = errors.New("stop")
