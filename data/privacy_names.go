package data

// Forgetting a person lives in data/privacy.

import (
	"tiscdesk/data/model"
	"tiscdesk/data/privacy"
)

// ForgetPlan is privacy.Plan: what forgetting a person erases.
type ForgetPlan = privacy.Plan

// FindPerson is privacy.Find: what forgetting the person with email would
// erase, changing nothing.
func (s *Store) FindPerson(email string) (ForgetPlan, error) { return privacy.Find(s.Store, email) }

// Forget is privacy.Forget.
func (s *Store) Forget(email string) (ForgetPlan, error) { return privacy.Forget(s.Store, email) }

// IsForgotten is model.IsForgotten: whether a name or email is the
// identity a forgotten person's records carry.
func IsForgotten(s string) bool { return model.IsForgotten(s) }
