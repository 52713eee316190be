package kit

import (
	"errors"
	"log"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"

	"tiscdesk/data"
)

// UserMessage turns an error into a sentence that helps the user act. The
// full chain goes to the log.
func UserMessage(err error) string {
	log.Printf("tiscdesk: %v", err)
	switch {
	case errors.Is(err, data.ErrInUse):
		return lang.L("The database is in use by another TISC Desk. Close the other one and start again.")
	case errors.Is(err, data.ErrNotDatabase):
		return lang.L("This file is not a TISC Desk database, or it is damaged. It has been left exactly as it was.")
	case errors.Is(err, data.ErrNewerSchema):
		return lang.L("This database was written by a newer TISC Desk. Install that version to open it; the file has been left as it was.")
	case errors.Is(err, data.ErrNotFound):
		return lang.L("The record no longer exists. It may have been deleted.")
	case errors.Is(err, data.ErrInvalid):
		return lang.L("Some fields are not valid:") + "\n" + FieldMessages(err)
	}
	return lang.L("Something went wrong: {{.Error}}", map[string]any{"Error": err.Error()})
}

// FieldMessages lists a validation error's fields, translated.
func FieldMessages(err error) string {
	var ve *data.ValidationError
	if !errors.As(err, &ve) {
		return err.Error()
	}
	out := ""
	for _, f := range ve.Fields {
		out += "• " + FieldName(f.Field) + ": " + lang.L(f.Message) + "\n"
	}
	return out
}

// FieldMessage is the translated message for one field, or the whole error.
func FieldMessage(err error, field string) string {
	var ve *data.ValidationError
	if errors.As(err, &ve) {
		if m := ve.Message(field); m != "" {
			return lang.L(m)
		}
	}
	return UserMessage(err)
}

// ShowError shows err in a dialog over win.
func ShowError(win fyne.Window, err error) {
	dialog.ShowInformation(lang.L("TISC Desk"), UserMessage(err), win)
}
