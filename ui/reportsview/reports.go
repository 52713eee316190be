// Package reportsview is the Reports section: it makes the PDF reports of
// tiscdesk/reports for headquarters (the report, its period or visit, its
// language), writes them off the UI goroutine with progress and Cancel, and
// opens them. It also prints one visit's report for the shell
// (PrintVisitReport), which other areas ask for through their host.
package reportsview

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log"
	"net/url"
	"os"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"tiscdesk/data"
	"tiscdesk/reports"
	"tiscdesk/ui/kit"
)

// Screen is the Reports section, which makes the PDF reports for
// headquarters: pick the report, its period (or, for a visit report, the
// visit) and its language, then choose where to save it. The report is written off the UI goroutine with
// a progress bar and a Cancel button, and can be opened when done.
type Screen struct {
	widget.BaseWidget
	host kit.Host

	kind     *kit.Radio[reports.Kind]
	kinds    []reports.Kind
	lastKind reports.Kind // the report chosen before the current one
	about    *widget.Label

	periodLabel fyne.CanvasObject
	periodRo    *fyne.Container // the period's row, hidden for a visit report
	period      *kit.Choice[kit.PeriodChoice]
	span        *widget.Label // the dates the period chosen covers
	from, to    *kit.DateEntry
	dates       *fyne.Container

	visitLabel fyne.CanvasObject
	visitRow   *fyne.Container // the visit's row, shown for a visit report
	visit      *widget.Select
	visits     []*data.VisitRow
	noVisits   *kit.Empty // says, when there is no finished visit, where to make one
	visitsLoad kit.Loader[[]*data.VisitRow]

	language *kit.Radio[reports.Lang]
	create   *widget.Button
	problem  *widget.Label
	last     *widget.Label  // the report saved last
	open     *widget.Button // opens it
	lastURI  fyne.URI
}

var _ kit.Screen = (*Screen)(nil)

// reportTitle is a report's name in the interface's language.
func reportTitle(k reports.Kind) string {
	switch k {
	case reports.Summary:
		return lang.L("Activity summary")
	case reports.Network:
		return lang.L("TISC network report")
	case reports.Visit:
		return lang.L("Site visit report")
	case reports.Learning:
		return lang.L("Distance-learning report")
	case reports.Degrees:
		return lang.L("Joint-degree report")
	}
	return string(k)
}

// reportAbout says what a report holds.
func reportAbout(k reports.Kind) string {
	switch k {
	case reports.Summary:
		return lang.L("The headline figures on page one (TISCs that became operational, candidates visited, people who took DL courses, graduates), then a section per area. For the report to headquarters.")
	case reports.Network:
		return lang.L("The pipeline by stage, a map of the provinces by operational TISCs, institutions by region and province, the operational TISCs with their dates, and the stage changes within the period.")
	case reports.Visit:
		return lang.L("The back-to-office report of one visit: who went and whom they met, the checklist with scores and comments, the overall score, the recommendation, the findings and the follow-up actions.")
	case reports.Learning:
		return lang.L("Enrolments, completions and pass rates by course, session and language for the sessions that started within the period; the split by gender and by province; the organisations with the most participants.")
	case reports.Degrees:
		return lang.L("For each programme and cohort: admitted, studying, graduated and withdrawn; scholarships by funder; gender and nationalities. The cohorts that ran within the period.")
	}
	return ""
}

// New is the Reports section over host.
func New(host kit.Host) *Screen {
	s := &Screen{host: host, kinds: reports.Kinds()}
	s.about = widget.NewLabel("")
	s.about.Wrapping = fyne.TextWrapWord
	s.about.Importance = widget.LowImportance
	s.kind = kit.NewRadio(s.kinds, reportTitle, s.kindChanged)

	s.from, s.to = kit.NewDateEntry(host.Window(), nil), kit.NewDateEntry(host.Window(), nil)
	s.dates = container.NewHBox(widget.NewLabel(lang.L("From")), kit.Wide(150, s.from), widget.NewLabel(lang.L("to")), kit.Wide(150, s.to))
	s.span = widget.NewLabel("")
	s.span.Importance = widget.LowImportance
	s.period = kit.NewChoice([]kit.PeriodChoice{kit.PeriodThisYear, kit.PeriodLastYear, kit.PeriodLast12Months, kit.PeriodBetween, kit.PeriodAll},
		kit.PeriodName, "", s.periodChanged)
	s.period.Set(kit.PeriodThisYear)
	s.periodChanged()

	s.visit = widget.NewSelect(nil, nil)
	s.visit.PlaceHolder = lang.L("Choose a visit")
	var goVisits []*widget.Button
	if nav, ok := host.(kit.Navigator); ok {
		goVisits = append(goVisits, &widget.Button{Text: lang.L("Open Site visits"), Icon: theme.MailComposeIcon(), OnTapped: func() { nav.ShowSection("visits") }})
	}
	s.noVisits = kit.NewEmpty(goVisits...)

	// Each language is named in itself, in either interface.
	s.language = kit.NewRadio([]reports.Lang{reports.English, reports.Chinese}, func(l reports.Lang) string {
		if l == reports.Chinese {
			return "简体中文"
		}
		return "English"
	}, nil)
	s.language.Group.Horizontal = true
	if kit.InterfaceIsChinese() {
		s.language.Set(reports.Chinese)
	}

	s.create = &widget.Button{Text: lang.L("Create PDF…"), Icon: theme.DocumentPrintIcon(), Importance: widget.HighImportance, OnTapped: s.createReport}
	s.problem = widget.NewLabel("")
	s.problem.Importance = widget.DangerImportance
	s.problem.Wrapping = fyne.TextWrapWord
	s.problem.Hide()
	s.last = widget.NewLabel("")
	s.open = &widget.Button{Text: lang.L("Open"), Icon: theme.FileIcon(), OnTapped: func() { openFile(s.host, s.lastURI) }}
	s.open.Hide()
	s.ExtendBaseWidget(s)
	return s
}

func (s *Screen) CreateRenderer() fyne.WidgetRenderer {
	heading := widget.NewLabelWithStyle(lang.L("Reports"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameHeadingText
	intro := widget.NewLabel(lang.L("PDF reports for headquarters, in English or Chinese. Every report gives its period, the date produced and page numbers, and embeds its font."))
	intro.Wrapping = fyne.TextWrapWord
	label := func(text string) fyne.CanvasObject {
		return widget.NewLabelWithStyle(text, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	}
	s.periodRo = container.NewHBox(kit.Wide(220, s.period.Select), s.dates, s.span)
	s.visitRow = container.NewVBox(container.NewHBox(kit.Wide(600, s.visit)), s.noVisits)
	s.periodLabel, s.visitLabel = label(lang.L("Period")), label(lang.L("Visit"))
	form := container.New(layout.NewFormLayout(),
		label(lang.L("Report")), container.NewVBox(s.kind.Group, s.about),
		s.periodLabel, s.periodRo,
		s.visitLabel, s.visitRow,
		label(lang.L("Language")), s.language.Group,
	)
	s.kindChanged()
	result := container.NewHBox(s.last, s.open)
	body := container.NewVBox(heading, intro, widget.NewSeparator(), form, s.problem,
		container.NewHBox(s.create), result)
	return widget.NewSimpleRenderer(container.NewVScroll(container.NewPadded(body)))
}

// Shown reloads the visits the visit report can be about.
func (s *Screen) Shown() {
	today := s.host.Today()
	s.visitsLoad.Load(s.host.Window(), func(context.Context, func(int, int)) ([]*data.VisitRow, error) {
		x, err := s.host.Store().VisitIndex(today)
		if err != nil {
			return nil, err
		}
		rows := x.Filter(data.VisitQuery{Sort: data.VisitSortByDate, Desc: true})
		return slices.DeleteFunc(rows, func(r *data.VisitRow) bool { return !r.Counts() }), nil // drafts have no report until finished
	}, s.setVisits)
}

// setVisits offers the visits, newest first, keeping the one chosen.
func (s *Screen) setVisits(rows []*data.VisitRow) {
	chosen := s.chosenVisit()
	s.visits = rows
	options := make([]string, len(rows))
	selected := -1
	for i, r := range rows {
		options[i] = fmt.Sprintf("%s · %s · %s", r.Date, r.InstitutionName, kit.VisitKindName(r.Kind))
		if r.ID == chosen {
			selected = i
		}
	}
	s.visit.SetOptions(options)
	if len(rows) == 0 {
		s.noVisits.ShowEmpty(lang.L("No finished site visit yet: a visit report is made from a visit that was finished in Site visits."))
	} else {
		s.noVisits.Hide()
	}
	if selected >= 0 {
		s.visit.SetSelectedIndex(selected)
	}
}

func (s *Screen) chosenVisit() data.ID {
	if i := s.visit.SelectedIndex(); i >= 0 && i < len(s.visits) {
		return s.visits[i].ID
	}
	return data.NilID
}

func (s *Screen) chosenKind() reports.Kind { return s.kind.Value() }

func (s *Screen) chosenLang() reports.Lang { return s.language.Value() }

// kindChanged shows the period or the visit, as the report needs. The
// joint-degree report covers every cohort unless told otherwise (cohorts run
// for years); the others the year to date.
func (s *Screen) kindChanged() {
	k := s.chosenKind()
	s.about.SetText(reportAbout(k))
	s.problem.Hide()
	switch p := s.period.Value(); {
	case k == reports.Degrees && p == kit.PeriodThisYear:
		s.period.Set(kit.PeriodAll)
	case k != reports.Degrees && p == kit.PeriodAll && s.lastKind == reports.Degrees:
		s.period.Set(kit.PeriodThisYear)
	}
	s.lastKind = k
	if s.periodRo == nil {
		return // not laid out yet
	}
	show := func(on bool, objs ...fyne.CanvasObject) {
		for _, o := range objs {
			if on {
				o.Show()
			} else {
				o.Hide()
			}
		}
	}
	show(k.TakesPeriod(), s.periodLabel, s.periodRo)
	show(!k.TakesPeriod(), s.visitLabel, s.visitRow)
}

func (s *Screen) periodChanged() {
	if s.period.Value() == kit.PeriodBetween {
		s.dates.Show()
		s.span.Hide()
		return
	}
	s.dates.Hide()
	s.span.Show()
	p, _ := s.chosenPeriod(s.host.Today())
	switch {
	case p.From == "" && p.To == "":
		s.span.SetText(lang.L("every record, whatever its date"))
	default:
		s.span.SetText(string(p.From) + " – " + string(p.To))
	}
}

// chosenPeriod is the period picked, or an error message for the user.
func (s *Screen) chosenPeriod(today data.Date) (data.Period, string) {
	switch v := s.period.Value(); v {
	case kit.PeriodThisYear:
		p := kit.PresetPeriod(v, today)
		p.To = today // a report covers the year to date
		return p, ""
	case kit.PeriodLastYear, kit.PeriodLast12Months, kit.PeriodAll:
		return kit.PresetPeriod(v, today), ""
	}
	var p data.Period
	for _, d := range []struct {
		entry *kit.DateEntry
		into  *data.Date
	}{{s.from, &p.From}, {s.to, &p.To}} {
		if d.entry.Date() == "" {
			continue
		}
		date, err := data.ParseDate(string(d.entry.Date()))
		if err != nil {
			return p, lang.L("Type the dates as YYYY-MM-DD, e.g. 2026-01-31.")
		}
		*d.into = date
	}
	if p.From != "" && p.To != "" && p.To < p.From {
		return p, lang.L("The period ends before it starts.")
	}
	return p, ""
}

// createReport asks where to save the report chosen, then writes it.
func (s *Screen) createReport() {
	k := s.chosenKind()
	today := s.host.Today()
	opt := reports.Options{Lang: s.chosenLang(), Today: today}
	var problem string
	if k.TakesPeriod() {
		opt.Period, problem = s.chosenPeriod(today)
	} else if opt.Visit = s.chosenVisit(); opt.Visit == data.NilID {
		problem = lang.L("Choose the visit to report on.")
	}
	if problem != "" {
		s.problem.SetText(problem)
		s.problem.Show()
		return
	}
	s.problem.Hide()
	name := reportFileName(k, opt)
	if k == reports.Visit {
		name = visitReportName(s.visits[s.visit.SelectedIndex()].Visit, opt.Lang)
	}
	writeReport(s.host, k, opt, name, func(uri fyne.URI) {
		s.lastURI = uri
		s.last.SetText(lang.L("Saved: {{.File}}", map[string]any{"File": uri.Name()}))
		s.open.Show()
	})
}

// reportFileName suggests a file name: tisc-network-2026-01-01-2026-11-21-zh.pdf.
func reportFileName(k reports.Kind, opt reports.Options) string {
	name := "tisc-" + string(k)
	switch {
	case opt.Period.From != "" || opt.Period.To != "":
		name += "-" + string(opt.Period.From) + "-" + string(opt.Period.To)
	default:
		name += "-" + string(opt.Today)
	}
	return name + "-" + string(opt.Lang) + ".pdf"
}

// openFile opens a saved report in the system's PDF viewer.
func openFile(host kit.Host, uri fyne.URI) {
	if uri == nil {
		return
	}
	u, err := url.Parse(uri.String())
	if err == nil {
		err = host.Platform().OpenURL(u)
	}
	if err != nil {
		log.Printf("tiscdesk: open %s: %v", uri, err)
		dialog.ShowInformation(lang.L("TISC Desk"), lang.L("No program to open PDF files was found. The report is saved at {{.Path}}.",
			map[string]any{"Path": uri.Path()}), host.Window())
	}
}

// writeReport asks where to save the report opt describes, suggesting
// name, and writes it there off the UI goroutine, showing its progress with
// a Cancel button. When it is saved, saved runs and the user is offered to
// open it. A report that fails or is cancelled leaves no file behind.
func writeReport(host kit.Host, k reports.Kind, opt reports.Options, name string, saved func(fyne.URI)) {
	host.Platform().SaveFile(host.Window(), name, []string{".pdf"}, func(wc fyne.URIWriteCloser) {
		var write kit.Loader[fyne.URI]
		bar := widget.NewProgressBar()
		stop := &widget.Button{Text: lang.L("Cancel"), Icon: theme.CancelIcon(), OnTapped: write.Interrupt}
		progress := dialog.NewCustomWithoutButtons(lang.L("Writing the report…"),
			container.NewVBox(widget.NewLabel(reportTitle(k)), kit.Wide(360, bar), container.NewHBox(stop)), host.Window())
		progress.Show()
		write.LoadWithProgress(host.Window(), func(ctx context.Context, report func(int, int)) (fyne.URI, error) {
			opt.Progress = func(f float64) { report(int(f*1000), 1000) }
			return renderReport(ctx, host.Store(), k, opt, wc)
		}, bar, func(uri fyne.URI, err error) {
			progress.Hide()
			switch {
			case errors.Is(err, context.Canceled):
			case err != nil:
				kit.ShowError(host.Window(), err)
			default:
				reportSaved(host, uri, saved)
			}
		})
	})
}

// renderReport renders the report and writes it to wc, or removes the file
// when the report was not made.
func renderReport(ctx context.Context, store *data.Store, k reports.Kind, opt reports.Options, wc fyne.URIWriteCloser) (fyne.URI, error) {
	uri := wc.URI()
	var buf bytes.Buffer
	err := reports.Render(ctx, store, k, opt, &buf)
	if err == nil {
		_, err = wc.Write(buf.Bytes())
	}
	if cerr := wc.Close(); err == nil {
		err = cerr
	}
	if err == nil && uri.Scheme() == "file" {
		// Reports name people: readable by their owner only, as exports are.
		err = os.Chmod(uri.Path(), 0o600)
	}
	if err != nil {
		_ = storage.Delete(uri)
		return nil, err
	}
	return uri, nil
}

// reportSaved says the report is saved at uri and offers to open it.
func reportSaved(host kit.Host, uri fyne.URI, saved func(fyne.URI)) {
	if saved != nil {
		saved(uri)
	}
	msg := widget.NewLabel(lang.L("The report was saved as {{.File}}.", map[string]any{"File": uri.Name()}))
	var done dialog.Dialog
	open := &widget.Button{Text: lang.L("Open"), Icon: theme.FileIcon(), Importance: widget.HighImportance, OnTapped: func() {
		done.Hide()
		openFile(host, uri)
	}}
	closeBtn := &widget.Button{Text: lang.L("Close"), OnTapped: func() { done.Hide() }}
	done = dialog.NewCustomWithoutButtons(lang.L("Report saved"), container.NewVBox(msg, container.NewHBox(closeBtn, open)), host.Window())
	done.Show()
}

// PrintVisitReport asks where to save the report of the visit with id, as
// saved, in the interface's language, and writes it.
func PrintVisitReport(host kit.Host, id data.ID) {
	opt := reports.Options{Lang: reports.English, Visit: id, Today: host.Today()}
	if kit.InterfaceIsChinese() {
		opt.Lang = reports.Chinese
	}
	v, err := host.Store().Visits.Get(id)
	if err != nil {
		v = &data.Visit{Date: opt.Today}
	}
	writeReport(host, reports.Visit, opt, visitReportName(v, opt.Lang), nil)
}

// visitReportName suggests a visit report's file name: tisc-visit-2026-10-15-zh.pdf.
func visitReportName(v *data.Visit, l reports.Lang) string {
	return "tisc-visit-" + string(v.Date) + "-" + string(l) + ".pdf"
}
