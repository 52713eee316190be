package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"tiscdesk/data"
)

// screen is one section of the window. Refresh-on-show lets a screen reload
// its figures when the user comes back to it.
type screen interface {
	fyne.CanvasObject
	shown()
}

// section is an entry of the navigation.
type section struct {
	id    string
	title string // English; translated when shown
	icon  fyne.Resource
	build func(sh *Shell) screen
}

func sections() []section {
	return []section{
		{"overview", "Overview", theme.HomeIcon(), func(sh *Shell) screen { return newOverview(sh.store, sh.win) }},
		{"institutions", "Institutions", theme.StorageIcon(), func(sh *Shell) screen { return newInstitutionsScreen(sh) }},
		{"visits", "Site visits", theme.MailComposeIcon(), func(sh *Shell) screen { return newVisitsScreen(sh) }},
		{"learning", "Distance learning", theme.ComputerIcon(), func(sh *Shell) screen { return newLearningScreen(sh) }},
		{"degrees", "Joint degrees", theme.AccountIcon(), func(sh *Shell) screen { return newDegreesScreen(sh) }},
		{"reports", "Reports", theme.DocumentPrintIcon(), func(sh *Shell) screen { return newReportsScreen(sh) }},
		{"exchange", "Exchange", theme.MailSendIcon(), func(sh *Shell) screen { return newExchangeScreen(sh) }},
		{"settings", "Settings", theme.SettingsIcon(), func(sh *Shell) screen { return newSettings(sh) }},
	}
}

// Shell is the window's content: the navigation on the left and the current
// section on the right. Sections are built on first visit and kept.
type Shell struct {
	widget.BaseWidget
	store    *data.Store
	win      fyne.Window
	platform platform // files, programs and questions
	sections []section
	built    map[string]screen
	nav      *widget.List
	content  *fyne.Container
	current  string
	device   *widget.Label
	forms    []*formDialog // open form dialogs, innermost last

	// relabel rebuilds the whole shell after a change of language.
	relabel func()
}

// today is the store's date: the one seam through which the window asks
// what day it is (data.Clock).
func (sh *Shell) today() data.Date { return sh.store.Today() }

// NewShell builds the shell over store in win, asking pf for files,
// programs and answers.
func NewShell(store *data.Store, win fyne.Window, pf platform) *Shell {
	sh := &Shell{store: store, win: win, platform: pf, sections: sections(), built: map[string]screen{}}
	sh.content = container.NewStack()
	sh.nav = widget.NewList(
		func() int { return len(sh.sections) },
		func() fyne.CanvasObject { return newNavRow() },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*navRow).set(sh.sections[i]) },
	)
	sh.nav.OnSelected = func(i widget.ListItemID) { sh.ShowSection(sh.sections[i].id) }
	sh.ExtendBaseWidget(sh)
	sh.installKeys()
	sh.nav.Select(0)
	return sh
}

// ShowSection switches to the section with id ("overview", "settings", ...).
func (sh *Shell) ShowSection(id string) {
	for i, s := range sh.sections {
		if s.id != id {
			continue
		}
		scr, ok := sh.built[id]
		if !ok {
			scr = s.build(sh)
			sh.built[id] = scr
		}
		sh.current = id
		sh.content.Objects = []fyne.CanvasObject{scr}
		sh.content.Refresh()
		scr.shown()
		sh.nav.Select(i)
		return
	}
}

// deviceChanged shows the new device label under the navigation.
func (sh *Shell) deviceChanged() {
	if sh.device != nil {
		sh.device.SetText(sh.store.DeviceLabel())
	}
}

// Current is the id of the section on show.
func (sh *Shell) Current() string { return sh.current }

// CreateRenderer lays out the navigation beside the content.
func (sh *Shell) CreateRenderer() fyne.WidgetRenderer {
	logo := widget.NewIcon(iconResource)
	title := widget.NewLabelWithStyle(lang.L("TISC Desk"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	header := container.NewBorder(nil, nil, container.NewGridWrap(fyne.NewSize(36, 36), logo), nil, title)
	device := widget.NewLabel(sh.store.DeviceLabel())
	sh.device = device
	device.Importance = widget.LowImportance
	device.Truncation = fyne.TextTruncateEllipsis
	left := container.NewBorder(header, device, nil, nil, sh.nav)
	split := container.NewHSplit(left, sh.content)
	split.Offset = 0.2
	return widget.NewSimpleRenderer(split)
}

// navRow is a row of the navigation: a section's icon and title.
type navRow struct {
	widget.BaseWidget
	icon  *widget.Icon
	title *widget.Label
}

func newNavRow() *navRow {
	r := &navRow{icon: widget.NewIcon(theme.HomeIcon()), title: widget.NewLabel("Distance learning")}
	r.ExtendBaseWidget(r)
	return r
}

func (r *navRow) set(s section) {
	r.icon.SetResource(s.icon)
	r.title.SetText(lang.L(s.title))
}

func (r *navRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewHBox(r.icon, r.title))
}
