package model

import (
	"errors"
	"strings"
)

// Sentinel errors. Callers test them with errors.Is; the store wraps the
// underlying cause (bbolt's, the file system's) behind them.
var (
	// ErrNotFound is returned when no live record has the requested id.
	ErrNotFound = errors.New("record not found")
	// ErrInvalid is returned (as a *ValidationError) when a record fails Validate.
	ErrInvalid = errors.New("invalid record")
	// ErrInUse is returned by Open when another program holds the database.
	ErrInUse = errors.New("the database is in use by another TISC Desk")
	// ErrNotDatabase is returned by Open when the file is not a TISC Desk
	// database or is damaged. The file is left untouched.
	ErrNotDatabase = errors.New("not a TISC Desk database, or a damaged one")
	// ErrNewerSchema is returned by Open when the file was written by a newer
	// TISC Desk than this one.
	ErrNewerSchema = errors.New("the database was written by a newer TISC Desk")
)

// FieldError is one field's validation failure. Message is a fixed English
// sentence fragment with no variable parts, so the UI can translate it as is.
type FieldError struct {
	Field   string // the record's JSON field name, e.g. "email" or "checklist.staff.score"
	Message string // e.g. "is not a valid email address"
}

// ValidationError lists every failing field of one record.
// errors.Is(err, ErrInvalid) is true for it.
type ValidationError struct {
	Fields []FieldError
}

func (e *ValidationError) Error() string {
	parts := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		parts[i] = f.Field + ": " + f.Message
	}
	return strings.Join(parts, "; ")
}

// Is makes errors.Is(err, ErrInvalid) hold.
func (e *ValidationError) Is(target error) bool { return target == ErrInvalid }

// Message returns the message for field, or "" when that field is valid.
func (e *ValidationError) Message(field string) string {
	for _, f := range e.Fields {
		if f.Field == field {
			return f.Message
		}
	}
	return ""
}

// problems collects field errors while a record validates itself.
type problems []FieldError

func (p *problems) add(field, message string) {
	*p = append(*p, FieldError{Field: field, Message: message})
}

// err returns nil when nothing was added, else a *ValidationError.
func (p problems) err() error {
	if len(p) == 0 {
		return nil
	}
	return &ValidationError{Fields: p}
}
