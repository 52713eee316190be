package kit

import (
	"errors"
	"log"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"tiscdesk/data"
)

// UserMessage turns an error into a sentence that helps the user act
// (Explain). The full chain goes to the log.
func UserMessage(err error) string {
	log.Printf("tiscdesk: %v", err)
	return Explain(err)
}

// ErrorView is err as the window shows it: the sentence of UserMessage, and
// the technical chain behind a closed Technical details expander, selectable
// so that it can be copied into a message to whoever supports the user.
func ErrorView(err error) fyne.CanvasObject {
	msg := widget.NewLabel(UserMessage(err))
	msg.Wrapping = fyne.TextWrapWord
	chain := widget.NewLabel(err.Error())
	chain.Wrapping = fyne.TextWrapWord
	chain.Selectable = true
	details := widget.NewAccordion(widget.NewAccordionItem(lang.L("Technical details"), chain))
	return container.NewVBox(msg, details)
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
	view := ErrorView(err)
	d := dialog.NewCustom(lang.L("TISC Desk"), lang.L("OK"), view, win)
	d.Resize(fyne.NewSize(480, view.MinSize().Height+120))
	d.Show()
}
