package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"tiscdesk/data"
	"tiscdesk/ui/degrees"
	"tiscdesk/ui/duplicates"
	"tiscdesk/ui/exchange"
	"tiscdesk/ui/institutions"
	"tiscdesk/ui/kit"
	"tiscdesk/ui/learning"
	"tiscdesk/ui/reportsview"
	"tiscdesk/ui/settings"
)

// section is an entry of the navigation.
type section struct {
	id    string
	title string // English; translated when shown
	icon  fyne.Resource
	build func(sh *Shell) kit.Screen
}

func sections() []section {
	return []section{
		{"overview", "Overview", theme.HomeIcon(), func(sh *Shell) kit.Screen { return newOverview(sh) }},
		{"institutions", "Institutions", theme.StorageIcon(), func(sh *Shell) kit.Screen { return institutions.NewRegister(sh) }},
		{"visits", "Site visits", theme.MailComposeIcon(), func(sh *Shell) kit.Screen { return institutions.NewVisits(sh) }},
		{"learning", "Distance learning", theme.ComputerIcon(), func(sh *Shell) kit.Screen { return learning.New(sh) }},
		{"degrees", "Joint degrees", theme.AccountIcon(), func(sh *Shell) kit.Screen { return degrees.New(sh) }},
		{"reports", "Reports", theme.DocumentPrintIcon(), func(sh *Shell) kit.Screen { return reportsview.New(sh) }},
		{"exchange", "Exchange", theme.MailSendIcon(), func(sh *Shell) kit.Screen { return exchange.New(sh) }},
		{"duplicates", "Duplicates", theme.ContentCopyIcon(), func(sh *Shell) kit.Screen { return duplicates.New(sh) }},
		{"settings", "Settings", theme.SettingsIcon(), func(sh *Shell) kit.Screen { return settings.New(sh) }},
	}
}

// Shell is the window's content: the navigation on the left and the current
// section on the right. Sections are built on first visit and kept.
type Shell struct {
	widget.BaseWidget
	store    *data.Store
	win      fyne.Window
	platform kit.Platform // files, programs and questions
	sections []section
	built    map[string]kit.Screen
	nav      *widget.List
	content  *fyne.Container
	current  string
	device   *widget.Label
	forms    kit.Forms // open form dialogs
	keys     kit.Keys

	// relabel rebuilds the whole shell after a change of language.
	relabel func()
}

var _ kit.Host = (*Shell)(nil)

// NewShell builds the shell over store in win, asking pf for files,
// programs and answers.
func NewShell(store *data.Store, win fyne.Window, pf kit.Platform) *Shell {
	sh := &Shell{store: store, win: win, platform: pf, sections: sections(), built: map[string]kit.Screen{}}
	sh.content = container.NewStack()
	sh.nav = widget.NewList(
		func() int { return len(sh.sections) },
		func() fyne.CanvasObject { return newNavRow() },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*navRow).set(sh.sections[i]) },
	)
	sh.nav.OnSelected = func(i widget.ListItemID) { sh.ShowSection(sh.sections[i].id) }
	sh.ExtendBaseWidget(sh)
	sh.keys = kit.Keys{Forms: &sh.forms, Screen: func() kit.Screen { return sh.built[sh.current] }}
	sh.keys.Install(win)
	sh.nav.Select(0)
	return sh
}

// OfferBundle shows the Exchange section asking whether to merge the
// bundle at path (tiscdesk FILE.tiscx).
func (sh *Shell) OfferBundle(path string) {
	sh.ShowSection("exchange")
	sh.built["exchange"].(*exchange.Screen).OfferMerge(path)
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
		if p := preferences(); p != nil {
			p.SetString(prefSection, id)
		}
		sh.content.Objects = []fyne.CanvasObject{scr}
		sh.content.Refresh()
		scr.Shown()
		sh.nav.Select(i)
		return
	}
}

// Store is the database the window shows.
func (sh *Shell) Store() *data.Store { return sh.store }

// Window is the window the shell fills.
func (sh *Shell) Window() fyne.Window { return sh.win }

// Platform answers for the desktop.
func (sh *Shell) Platform() kit.Platform { return sh.platform }

// Today is the store's date: the one seam through which the window asks
// what day it is (data.Clock).
func (sh *Shell) Today() data.Date { return sh.store.Today() }

// Forms is the stack of the window's open form dialogs.
func (sh *Shell) Forms() *kit.Forms { return &sh.forms }

// DeviceChanged shows the new device label under the navigation.
func (sh *Shell) DeviceChanged() {
	if sh.device != nil {
		sh.device.SetText(sh.store.DeviceLabel())
	}
}

// LanguageChanged loads the translations of code and rebuilds the window
// in that language, on the section on show.
func (sh *Shell) LanguageChanged(code string) {
	kit.ApplyLanguage(code)
	if sh.relabel != nil {
		sh.relabel()
	}
}

// PrintVisitReport writes the report of visit id, as Reports does.
func (sh *Shell) PrintVisitReport(id data.ID) { reportsview.PrintVisitReport(sh, id) }

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
