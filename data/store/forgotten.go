package store

import (
	"fmt"
	"strings"
	"tiscdesk/data/model"
)

// The records a forget erased a person from (DESIGN section 14), noted by
// id in the exchange bucket until a transport (the team hub) has told the
// others, which then erase their older versions of them. Only ids: no
// personal data.

const forgottenPrefix = "forgotten/"

// NoteForgotten notes, in the forget's transaction, the records it erased
// a person from.
func (tx *Tx) NoteForgotten(ids []model.ID) error {
	at, err := tx.Now().MarshalText()
	if err != nil {
		return err
	}
	b := tx.Bucket(ExchangeBucket)
	for _, id := range ids {
		if err := b.Put([]byte(forgottenPrefix+id.String()), at); err != nil {
			return fmt.Errorf("note a forgotten record: %w", err)
		}
	}
	return nil
}

// ForgottenNotes lists the records noted by NoteForgotten that no
// transport has passed on yet.
func (tx *Tx) ForgottenNotes() ([]model.ID, error) {
	var out []model.ID
	err := tx.Bucket(ExchangeBucket).Prefix([]byte(forgottenPrefix), func(k, _ []byte) error {
		id, err := model.ParseID(strings.TrimPrefix(string(k), forgottenPrefix))
		if err != nil {
			return fmt.Errorf("a forgotten record %q: %w", k, err)
		}
		out = append(out, id)
		return nil
	})
	return out, err
}

// ClearForgotten drops the notes of ids, once passed on.
func (tx *Tx) ClearForgotten(ids []model.ID) error {
	b := tx.Bucket(ExchangeBucket)
	for _, id := range ids {
		if err := b.Delete([]byte(forgottenPrefix + id.String())); err != nil {
			return err
		}
	}
	return nil
}
