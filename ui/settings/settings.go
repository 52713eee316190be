// Package settings is the Settings section: this device's label, the
// interface's language, where the database is, and its backups.
package settings

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"tiscdesk/assets"
	"tiscdesk/data"
	"tiscdesk/ui/kit"
)

// Screen is the Settings section: it edits this device's label and the
// interface language, and shows where the database is and its backups.
type Screen struct {
	widget.BaseWidget
	host kit.Host

	label     *widget.Entry
	labelSave *widget.Button
	labelNote *widget.Label
	language  *widget.Select
	choices   []languageChoice
	backups   *backupsSetting
	history   *historySetting
	photos    *photoSpace
}

var _ kit.Screen = (*Screen)(nil)

type languageChoice struct {
	code string
	name string // shown in its own language, as language pickers do
}

// New is the Settings section over host.
func New(host kit.Host) *Screen {
	s := &Screen{host: host}
	s.choices = []languageChoice{
		{kit.LangSystem, lang.L("Follow the system")},
		{kit.LangEnglish, "English"},
		{kit.LangChinese, "简体中文"},
	}
	s.label = widget.NewEntry()
	s.label.SetText(host.Store().DeviceLabel())
	s.labelNote = widget.NewLabel("")
	s.labelNote.Importance = widget.DangerImportance
	s.labelNote.Hide()
	s.labelSave = &widget.Button{Text: lang.L("Save"), Icon: theme.DocumentSaveIcon(), OnTapped: s.saveLabel}
	s.label.OnSubmitted = func(string) { s.saveLabel() }

	names := make([]string, len(s.choices))
	for i, c := range s.choices {
		names[i] = c.name
	}
	s.language = widget.NewSelect(names, nil)
	current := host.Store().Language()
	for _, c := range s.choices {
		if c.code == current {
			s.language.SetSelected(c.name)
		}
	}
	s.language.OnChanged = s.changeLanguage
	s.backups = newBackupsSetting(host.Store(), host.Window())
	s.history = newHistorySetting(host)
	s.photos = newPhotoSpace(host)
	s.ExtendBaseWidget(s)
	return s
}

// Shown lists the backups again and counts the photos' space.
func (s *Screen) Shown() {
	s.backups.refresh()
	s.photos.refresh()
}

func (s *Screen) saveLabel() {
	if err := s.host.Store().SetDeviceLabel(s.label.Text); err != nil {
		s.labelNote.SetText(kit.FieldMessage(err, "device_label"))
		s.labelNote.Show()
		return
	}
	s.labelNote.Hide()
	s.label.SetText(s.host.Store().DeviceLabel())
	s.host.DeviceChanged()
}

func (s *Screen) changeLanguage(name string) {
	for _, c := range s.choices {
		if c.name != name {
			continue
		}
		if c.code == s.host.Store().Language() {
			return
		}
		if err := s.host.Store().SetLanguage(c.code); err != nil {
			kit.ShowError(s.host.Window(), err)
			return
		}
		s.host.LanguageChanged(c.code)
		return
	}
}

func (s *Screen) CreateRenderer() fyne.WidgetRenderer {
	heading := widget.NewLabelWithStyle(lang.L("Settings"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameHeadingText

	labelHelp := widget.NewLabel(lang.L("This name is recorded as \"updated by\" on every record you change, so the coordinator can tell the machines apart."))
	labelHelp.Wrapping = fyne.TextWrapWord
	labelHelp.Importance = widget.LowImportance

	path := widget.NewLabel(s.host.Store().Path())
	path.Wrapping = fyne.TextWrapBreak
	path.Selectable = true
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Device label"), container.NewVBox(
			container.NewBorder(nil, nil, nil, s.labelSave, s.label), s.labelNote, labelHelp)),
		widget.NewFormItem(lang.L("Language"), s.language),
		widget.NewFormItem(lang.L("Database"), path),
		widget.NewFormItem(lang.L("Backups"), s.backups.object()),
		widget.NewFormItem(lang.L("Versions kept per record"), s.history.object()),
		widget.NewFormItem(lang.L("Photos"), s.photos.label),
		widget.NewFormItem(lang.L("Device id"), widget.NewLabel(s.host.Store().DeviceID())),
		widget.NewFormItem(lang.L("Version"), widget.NewLabel(
			lang.L("TISC Desk {{.Version}}, database schema {{.Schema}}", map[string]any{"Version": assets.Version, "Schema": data.SchemaVersion}))),
	)
	return widget.NewSimpleRenderer(container.NewVScroll(container.NewPadded(container.NewVBox(heading, form))))
}
