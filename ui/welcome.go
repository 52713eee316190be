package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"tiscdesk/data"
	"tiscdesk/ui/importer"
	"tiscdesk/ui/kit"
)

// welcome is what the Overview shows on an empty database (DESIGN section
// 3): the four ways a new user fills it, each a button.
type welcome struct {
	widget.BaseWidget
	sh     *Shell
	filled func() // the database holds records now: show the figures

	sample     *widget.Button
	progress   *widget.ProgressBarInfinite
	sampleLoad kit.Loader[data.Counts]
}

func newWelcome(sh *Shell, filled func()) *welcome {
	w := &welcome{sh: sh, filled: filled}
	w.sample = &widget.Button{Text: lang.L("Load the sample data"), Icon: theme.DownloadIcon(), Importance: widget.HighImportance, OnTapped: w.loadSample}
	w.progress = widget.NewProgressBarInfinite()
	w.progress.Stop()
	w.progress.Hide()
	w.ExtendBaseWidget(w)
	return w
}

func (w *welcome) CreateRenderer() fyne.WidgetRenderer {
	title := widget.NewLabelWithStyle(lang.L("Welcome to TISC Desk"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	intro := widget.NewLabel(lang.L("This database is empty. Choose how to start; you can do the others later."))
	intro.Wrapping = fyne.TextWrapWord
	choice := func(b *widget.Button, note string) fyne.CanvasObject {
		l := widget.NewLabel(note)
		l.Wrapping = fyne.TextWrapWord
		return container.NewBorder(nil, nil, container.NewGridWrap(fyne.NewSize(300, b.MinSize().Height), b), nil, l)
	}
	importFile := &widget.Button{Text: lang.L("Import a spreadsheet"), Icon: theme.UploadIcon(), OnTapped: w.importFile}
	merge := &widget.Button{Text: lang.L("Merge a bundle"), Icon: theme.MailReplyIcon(), OnTapped: w.mergeBundle}
	hub := &widget.Button{Text: lang.L("Connect to a team hub"), Icon: theme.MailSendIcon(), OnTapped: func() { w.sh.ShowSection("exchange") }}
	body := container.NewVBox(title, intro,
		choice(w.sample, lang.L("A made-up network of institutions, visits, courses and students, to try TISC Desk on.")),
		choice(importFile, lang.L("Institutions from a CSV file or an Excel workbook, such as a list you keep already.")),
		choice(merge, lang.L("A bundle the coordinator or a colleague exported for you (.tiscx).")),
		choice(hub, lang.L("Opens Exchange, where the address and login the coordinator gave you go.")),
		w.progress)
	return widget.NewSimpleRenderer(container.NewPadded(body))
}

// loadSample loads the sample off the UI goroutine, then shows the figures.
func (w *welcome) loadSample() {
	w.sample.Disable()
	w.progress.Show()
	w.progress.Start()
	store, today := w.sh.store, w.sh.Today()
	w.sampleLoad.LoadWithProgress(w.sh.win, func(context.Context, func(int, int)) (data.Counts, error) {
		return store.LoadSample(today)
	}, nil, func(_ data.Counts, err error) {
		w.progress.Stop()
		w.progress.Hide()
		w.sample.Enable()
		if err != nil {
			kit.ShowError(w.sh.win, err)
		}
		w.filled()
	})
}

// importFile opens the import wizard for institutions, the list most
// offices start from.
func (w *welcome) importFile() {
	importer.Open(w.sh, importer.Institutions(w.sh.store), w.filled)
}

// mergeBundle asks for a bundle and offers to merge it, in Exchange.
func (w *welcome) mergeBundle() {
	w.sh.platform.OpenFile(w.sh.win, []string{data.BundleExtension}, func(rc fyne.URIReadCloser) {
		path := rc.URI().Path()
		rc.Close()
		w.sh.OfferBundle(path)
	})
}

// isEmpty says whether the database holds no record a user made.
func isEmpty(c data.Counts) bool {
	return c.Institutions+c.Visits+c.Sessions+c.Enrolments+c.Programmes+c.Cohorts+c.Students+c.Statistics+c.Evaluations == 0
}
