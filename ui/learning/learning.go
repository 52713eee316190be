// Package learning is the Distance learning section: the enrolments, the
// sessions and the course catalogue, a participant's courses, and their
// forms.
package learning

import (
	"context"
	"runtime/debug"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"tiscdesk/data"
	"tiscdesk/ui/importer"
	"tiscdesk/ui/kit"
)

// Screen is the Distance learning section: the enrolments of every
// session (searchable, filtered, sortable), the sessions with their rates,
// the course catalogue, and a participant's page. The three lists share one
// index of the database, loaded off the UI goroutine.
type Screen struct {
	widget.BaseWidget
	host kit.Host

	index       *data.EnrolmentIndex
	indexLoad   kit.Loader[*data.EnrolmentIndex]
	count       *widget.Label
	tabs        *container.AppTabs
	enrolments  *enrolmentList
	sessions    *sessionList
	courses     *courseList
	body        *fyne.Container // the tabs, or a participant's page
	main        fyne.CanvasObject
	participant *participantPage
}

var (
	_ kit.Screen   = (*Screen)(nil)
	_ kit.Creator  = (*Screen)(nil)
	_ kit.Searcher = (*Screen)(nil)
)

// New is the Distance learning section over host.
func New(host kit.Host) *Screen {
	s := &Screen{host: host}
	s.count = widget.NewLabel("")
	s.count.Importance = widget.LowImportance
	s.enrolments = newEnrolmentList(s)
	s.sessions = newSessionList(s)
	s.courses = newCourseList(s)
	s.ExtendBaseWidget(s)
	return s
}

func (s *Screen) CreateRenderer() fyne.WidgetRenderer {
	heading := widget.NewLabelWithStyle(lang.L("Distance learning"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameHeadingText
	importBtn := &widget.Button{Text: lang.L("Import enrolments…"), Icon: theme.UploadIcon(), OnTapped: s.importFile}
	exportBtn := &widget.Button{Text: lang.L("Export…"), Icon: theme.DownloadIcon(), OnTapped: s.exportFile}
	// The button says what it makes: the kind of the tab on show.
	newBtn := &widget.Button{Text: lang.L("New enrolment"), Icon: theme.ContentAddIcon(), Importance: widget.HighImportance, OnTapped: s.NewRecord}
	top := container.NewBorder(nil, nil, container.NewHBox(heading, s.count), container.NewHBox(importBtn, exportBtn, newBtn))
	s.tabs = container.NewAppTabs(
		container.NewTabItem(lang.L("Enrolments"), s.enrolments.content()),
		container.NewTabItem(lang.L("Sessions"), s.sessions.content()),
		container.NewTabItem(lang.L("Courses"), s.courses.content()),
	)
	s.tabs.OnSelected = func(*container.TabItem) {
		newBtn.SetText([]string{lang.L("New enrolment"), lang.L("New session"), lang.L("New course")}[s.tabs.SelectedIndex()])
	}
	s.main = container.NewBorder(top, nil, nil, nil, s.tabs)
	s.body = container.NewStack(s.main)
	return widget.NewSimpleRenderer(container.NewPadded(s.body))
}

func (s *Screen) Resize(size fyne.Size) {
	s.BaseWidget.Resize(size)
	s.enrolments.table.StretchLast(size.Width)
	s.sessions.table.StretchLast(size.Width)
	s.courses.table.StretchLast(size.Width)
}

// Shown reloads the enrolments when something was written since.
func (s *Screen) Shown() { s.reload() }

// FocusSearch goes to the enrolments and their search field (Ctrl+F).
func (s *Screen) FocusSearch() {
	s.showMain()
	s.tabs.SelectIndex(0)
	s.host.Window().Canvas().Focus(s.enrolments.search)
}

// NewRecord makes a record of the kind of the tab on show (Ctrl+N).
func (s *Screen) NewRecord() {
	if s.index == nil {
		return
	}
	switch s.tabs.SelectedIndex() {
	case 1:
		s.openSessionForm(nil)
	case 2:
		s.openCourseForm(nil)
	default:
		s.newEnrolment()
	}
}

// newEnrolment opens the form of a new enrolment in the session chosen in
// the filter, if any.
func (s *Screen) newEnrolment() {
	s.openEnrolmentForm(&data.Enrolment{Session: s.enrolments.session.Value(), Status: data.StatusRegistered, Registered: s.host.Today()})
}

// reload loads the index off the UI goroutine and shows it, unless nothing
// has been written since the one on show was read: reading 200,000
// enrolments again would take a quarter of a second and as much memory as
// the index a second time, for the same rows.
func (s *Screen) reload() {
	if s.index != nil && s.index.Version() == s.host.Store().Version() {
		return
	}
	s.indexLoad.Load(s.host.Window(), func(context.Context, func(int, int)) (*data.EnrolmentIndex, error) {
		defer s.host.Store().ReleaseMapped() // the index holds what the list needs
		return s.host.Store().EnrolmentIndex()
	}, func(x *data.EnrolmentIndex) {
		s.index = x
		s.count.SetText(lang.L("{{.Sessions}}, {{.Enrolments}}",
			map[string]any{"Sessions": kit.Counted(len(x.Sessions), "{{.Count}} session", "{{.Count}} sessions"),
				"Enrolments": enrolmentsCounted(x.Len())}))
		s.enrolments.indexChanged(x)
		s.sessions.indexChanged(x)
		s.courses.indexChanged(x)
		if s.participant != nil {
			s.participant.reload()
		}
		// Reading 200,000 enrolments and the first sort leave about as
		// much garbage as the index itself; at the window's GC target it is
		// collected, but Go gives the freed pages back to the system only
		// slowly, and the window stayed 40-60 MiB bigger than its heap
		// (issue 21). Collect now and give them back at once, off the UI
		// goroutine (25-50 ms of one core on a 100 MiB heap).
		go debug.FreeOSMemory()
	})
}

// importFile opens the import wizard for enrolments.
func (s *Screen) importFile() {
	importer.Open(s.host, importer.Enrolments(s.host.Store()), s.reload)
}

// exportFile saves every enrolment as an Excel workbook or CSV, as the
// file name chosen says (kit.ExportList).
func (s *Screen) exportFile() {
	holds := lang.L("the names, emails, organisations, genders, scores and certificate numbers of the participants")
	kit.ExportPersonalList(s.host, "enrolments", holds, s.host.Store().ExportEnrolments, func(n int, file string) string {
		return kit.Plural(n, "{{.Count}} enrolment written to {{.File}}.", "{{.Count}} enrolments written to {{.File}}.", map[string]any{"Count": n, "File": file})
	})
}

// showSession shows the enrolments of one session.
func (s *Screen) showSession(id data.ID) {
	s.showMain()
	s.tabs.SelectIndex(0)
	s.enrolments.setSession(id)
}

// showParticipant opens the page of the participant with email.
func (s *Screen) showParticipant(email string) {
	s.participant = newParticipantPage(s, email)
	s.body.Objects = []fyne.CanvasObject{s.participant}
	s.body.Refresh()
}

// showMain goes back from a participant's page to the lists.
func (s *Screen) showMain() {
	s.participant = nil
	if s.body != nil {
		s.body.Objects = []fyne.CanvasObject{s.main}
		s.body.Refresh()
	}
}

// courseTitle is the course's title in the interface's language (the
// English one when it has no Chinese title).
func courseTitle(c *data.Course) string {
	if c == nil {
		return ""
	}
	if kit.InterfaceIsChinese() && c.TitleZH != "" {
		return c.TitleZH
	}
	return c.TitleEN
}

// sessionCourse is "DL-101 General Course on Intellectual Property".
func sessionCourse(sr *data.SessionRow) string {
	label := "DL-" + sr.Code.Course
	if t := courseTitle(sr.Course); t != "" {
		label += " " + t
	}
	return label
}

func enrolmentsCounted(n int) string {
	return kit.Counted(n, "{{.Count}} enrolment", "{{.Count}} enrolments")
}

// rate is "72%", or "–" when there is nothing to divide by.
func rate(r float64, ok bool) string {
	if !ok {
		return "–"
	}
	return strconv.FormatFloat(100*r, 'f', 0, 64) + "%"
}

// enrolmentScore is "87.5", or "" when there is no score.
func enrolmentScore(score float64, ok bool) string {
	if !ok {
		return ""
	}
	return strconv.FormatFloat(score, 'f', -1, 32)
}
