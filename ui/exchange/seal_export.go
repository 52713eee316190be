package exchange

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"tiscdesk/data"
	"tiscdesk/ui/kit"
)

// Sealing an export (DESIGN section 14): a bundle holds the names, emails
// and scores of participants and students, so the window seals it by
// default, with a passphrase or for the computer it goes to; a plain bundle
// stays possible, and the screen says what that means before saving.

type sealMode int

const (
	sealPassphrase sealMode = iota
	sealDevice
	sealPlain
)

func (m sealMode) name() string {
	switch m {
	case sealDevice:
		return lang.L("Seal it for the chosen computer")
	case sealPlain:
		return lang.L("Plain (not sealed)")
	}
	return lang.L("Seal it with a passphrase")
}

// newSealChoice makes the seal radio, sealed with a passphrase by default.
func (x *Screen) newSealChoice() {
	x.seal = kit.NewRadio([]sealMode{sealPassphrase, sealDevice, sealPlain}, sealMode.name, x.sealChanged)
	x.seal.Set(sealPassphrase)
	x.sealNote = kit.Dim("")
	x.sealNote.Wrapping = fyne.TextWrapWord
}

// sealChanged says what the chosen seal means.
func (x *Screen) sealChanged() {
	if x.sealNote == nil || x.exportBtn == nil {
		return
	}
	switch x.seal.Value() {
	case sealPlain:
		x.sealNote.SetText(lang.L("This bundle holds personal data: the names, emails and scores of participants and students. Plain, anyone who gets the file can read them."))
	case sealDevice:
		x.sealNote.SetText(lang.L("Only the chosen computer opens it, without a passphrase. Choose the computer above (changes since the last exchange)."))
	default:
		x.sealNote.SetText(lang.L("This bundle holds personal data, so it is sealed. Give the passphrase to the other computer another way than the file."))
	}
}

var errNoKey = errors.New("no key")

// sealFor fills opt.Seal as chosen and calls then; for a passphrase it asks
// for one first, and for a plain bundle whether to go on. Returns errNoKey when the chosen computer's key is not
// known (it has not sent a bundle from this version yet).
func (x *Screen) sealFor(opt data.ExportOptions, then func(data.ExportOptions)) error {
	switch x.seal.Value() {
	case sealPlain:
		// Plain is a choice made knowingly: the window says once more what
		// the file will hold, and saves only if the user goes on.
		kit.Confirm(x.host, lang.L("Personal data"), kit.PersonalDataQuestion(x.plainHolds()), func() { then(opt) })
	case sealDevice:
		p := x.peer(x.device.Value())
		if x.scope.Value() != scopeChanges || p.Key == "" {
			return errNoKey
		}
		opt.Seal = &data.Seal{Recipient: p.Key}
		then(opt)
	default:
		pass, again := widget.NewPasswordEntry(), widget.NewPasswordEntry()
		again.Validator = func(s string) error {
			if s != pass.Text || len([]rune(s)) < 8 {
				return errors.New(lang.L("Type the same passphrase twice, at least 8 characters."))
			}
			return nil
		}
		items := []*widget.FormItem{
			{Text: lang.L("Passphrase"), Widget: pass},
			{Text: lang.L("Once more"), Widget: again},
		}
		d := dialog.NewForm(lang.L("Seal the bundle"), lang.L("Seal"), lang.L("Cancel"), items, func(ok bool) {
			if ok && again.Validate() == nil {
				opt.Seal = &data.Seal{Passphrase: pass.Text}
				then(opt)
			}
		}, x.host.Window())
		x.passEntry, x.passAgain, x.passDialog = pass, again, d
		d.Resize(fyne.NewSize(420, 200))
		d.Show()
	}
	return nil
}
