package learning

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"tiscdesk/data"
	"tiscdesk/ui/kit"
)

// sessionList is the Sessions tab: each offering of a course with its
// enrolment count and its completion and pass rates. A row shows the
// session's enrolments.
type sessionList struct {
	s      *Screen
	index  *data.EnrolmentIndex
	search *widget.Entry
	table  *kit.RecordTable[*data.SessionRow]
	sortBy int
	desc   bool
	empty  *kit.Empty
}

// Sort keys of the session list (it sorts its few hundred rows itself).
const (
	sessionSortByCode = iota
	sessionSortByCourse
	sessionSortByLanguage
	sessionSortByStart
	sessionSortByEnrolments
	sessionSortByCompleted
	sessionSortByCompletion
	sessionSortByPass
	sessionSortByScore
)

func newSessionList(s *Screen) *sessionList {
	l := &sessionList{s: s}
	l.search = widget.NewEntry()
	l.search.SetPlaceHolder(lang.L("Search by session code or course"))
	l.search.OnChanged = func(string) { l.apply() }
	l.empty = kit.NewEmpty(
		&widget.Button{Text: lang.L("Import enrolments…"), Icon: theme.UploadIcon(), OnTapped: s.importFile},
		&widget.Button{Text: lang.L("New session"), Icon: theme.ContentAddIcon(), OnTapped: func() { s.openSessionForm(nil) }})
	cols := sessionColumns()
	l.table = kit.NewRecordTable(cols, kit.TranslatedTitles(cols),
		func(by int, desc bool) { l.sortBy, l.desc = by, desc; l.apply() },
		func(sr *data.SessionRow) { l.s.showSession(sr.ID) })
	l.table.OnDelete = func(sr *data.SessionRow) { l.s.askDeleteSession(sr.ID, sr.Session.Code, func() {}) }
	return l
}

func sessionColumns() []kit.Column[*data.SessionRow] {
	return []kit.Column[*data.SessionRow]{
		{Title: "Session", Width: 84, Sort: sessionSortByCode, Cell: func(r *data.SessionRow) (string, bool) { return r.Session.Code, false }},
		{Title: "Course", Width: 174, Sort: sessionSortByCourse, Cell: func(r *data.SessionRow) (string, bool) { return sessionCourse(r), false }},
		{Title: "Language", Width: 76, Sort: sessionSortByLanguage, Cell: func(r *data.SessionRow) (string, bool) { return kit.DlLanguageName(r.Code.Language), false }},
		{Title: "Dates", Width: 186, Sort: sessionSortByStart, Cell: func(r *data.SessionRow) (string, bool) {
			if r.Start == "" && r.End == "" {
				return "", false
			}
			return string(r.Start) + " – " + string(r.End), false
		}},
		{Title: "Enrolments", Width: 84, Sort: sessionSortByEnrolments, Cell: func(r *data.SessionRow) (string, bool) { return strconv.Itoa(r.Stats.Enrolments), false }},
		{Title: "Completed", Width: 82, Sort: sessionSortByCompleted, Cell: func(r *data.SessionRow) (string, bool) { return strconv.Itoa(r.Stats.Completed()), false }},
		{Title: "Completion rate", Width: 112, Sort: sessionSortByCompletion, Cell: func(r *data.SessionRow) (string, bool) { return rate(r.Stats.CompletionRate()), false }},
		{Title: "Pass rate", Width: 76, Sort: sessionSortByPass, Cell: func(r *data.SessionRow) (string, bool) { return rate(r.Stats.PassRate()), false }},
		{Title: "Average score", Width: 100, Sort: sessionSortByScore, Cell: func(r *data.SessionRow) (string, bool) {
			avg, ok := r.Stats.AverageScore()
			if !ok {
				return "", false
			}
			return strconv.FormatFloat(avg, 'f', 1, 64), false
		}},
	}
}

func (l *sessionList) content() fyne.CanvasObject {
	search := container.NewBorder(nil, nil, widget.NewIcon(theme.SearchIcon()), nil, l.search)
	hint := kit.Dim(lang.L("Completion rate: completed ÷ enrolments. Pass rate: completed ÷ (completed + failed). Both wait for the first results. Choose a session to see its enrolments."))
	return container.NewBorder(container.NewVBox(search, hint, l.empty), nil, nil, nil, l.table)
}

func (l *sessionList) indexChanged(x *data.EnrolmentIndex) {
	l.index = x
	l.apply()
}

// apply filters the sessions by the search and sorts them.
func (l *sessionList) apply() {
	if l.index == nil {
		return
	}
	words := strings.Fields(strings.ToLower(l.search.Text))
	var rows []*data.SessionRow
	for _, sr := range l.index.Sessions {
		text := strings.ToLower(sr.Session.Code + " " + sessionCourse(sr) + " " + sr.Platform)
		if containsWords(text, words) {
			rows = append(rows, sr)
		}
	}
	slices.SortStableFunc(rows, func(a, b *data.SessionRow) int {
		c := compareSessions(a, b, l.sortBy)
		if l.desc {
			return -c
		}
		return c
	})
	l.table.SetRows(rows)
	switch {
	case len(l.index.Sessions) == 0:
		l.empty.ShowEmpty(lang.L("No sessions yet. Importing enrolments creates their sessions; or add one with New session (Ctrl+N)."))
	case len(rows) == 0:
		l.empty.ShowNoMatch(lang.L("No session matches the search."))
	default:
		l.empty.Hide()
	}
}

// compareSessions orders by the column; the index's order (newest first)
// breaks ties.
func compareSessions(a, b *data.SessionRow, by int) int {
	st := func(r *data.SessionRow) data.LearningStats { return r.Stats }
	rateOf := func(f func() (float64, bool)) float64 {
		if r, ok := f(); ok {
			return r
		}
		return -1
	}
	var c int
	switch by {
	case sessionSortByCourse:
		c = cmp.Compare(a.Code.Course, b.Code.Course)
	case sessionSortByLanguage:
		c = cmp.Compare(a.Code.Language, b.Code.Language)
	case sessionSortByStart:
		c = cmp.Compare(a.Start, b.Start)
	case sessionSortByEnrolments:
		c = cmp.Compare(st(a).Enrolments, st(b).Enrolments)
	case sessionSortByCompleted:
		c = cmp.Compare(st(a).Completed(), st(b).Completed())
	case sessionSortByCompletion:
		c = cmp.Compare(rateOf(st(a).CompletionRate), rateOf(st(b).CompletionRate))
	case sessionSortByPass:
		c = cmp.Compare(rateOf(st(a).PassRate), rateOf(st(b).PassRate))
	case sessionSortByScore:
		c = cmp.Compare(rateOf(st(a).AverageScore), rateOf(st(b).AverageScore))
	}
	return c
}

func containsWords(text string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(text, w) {
			return false
		}
	}
	return true
}

// courseList is the Courses tab: the catalogue, built in and editable, with
// the figures of each course's sessions. A row opens the course's form.
type courseList struct {
	s     *Screen
	index *data.EnrolmentIndex
	table *kit.RecordTable[*data.CourseRow]
}

func newCourseList(s *Screen) *courseList {
	l := &courseList{s: s}
	cols := courseColumns()
	l.table = kit.NewRecordTable(cols, kit.TranslatedTitles(cols), nil, func(c *data.CourseRow) { l.s.openCourseForm(c.Course) })
	l.table.OnDelete = func(c *data.CourseRow) { l.s.askDeleteCourse(c.Course, func() {}) }
	return l
}

func courseColumns() []kit.Column[*data.CourseRow] {
	return []kit.Column[*data.CourseRow]{
		{Title: "Course", Width: 70, Sort: -1, Cell: func(c *data.CourseRow) (string, bool) { return c.Label(), false }},
		{Title: "Course title", Width: 330, Sort: -1, Cell: func(c *data.CourseRow) (string, bool) { return courseTitle(c.Course), false }},
		{Title: "Sessions", Width: 72, Sort: -1, Cell: func(c *data.CourseRow) (string, bool) { return strconv.Itoa(c.Sessions), false }},
		{Title: "Enrolments", Width: 82, Sort: -1, Cell: func(c *data.CourseRow) (string, bool) { return strconv.Itoa(c.Stats.Enrolments), false }},
		{Title: "Completion rate", Width: 112, Sort: -1, Cell: func(c *data.CourseRow) (string, bool) { return rate(c.Stats.CompletionRate()), false }},
		{Title: "Pass rate", Width: 80, Sort: -1, Cell: func(c *data.CourseRow) (string, bool) { return rate(c.Stats.PassRate()), false }},
	}
}

func (l *courseList) content() fyne.CanvasObject {
	hint := kit.Dim(lang.L("The WIPO Academy's catalogue comes built in; change a title, or add a course, as the Academy does."))
	return container.NewBorder(hint, nil, nil, nil, l.table)
}

func (l *courseList) indexChanged(x *data.EnrolmentIndex) {
	l.index = x
	l.table.SetRows(x.Courses)
}
