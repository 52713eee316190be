package reportsview

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"

	"tiscdesk/data"
	"tiscdesk/ui/kit"
	"tiscdesk/ui/kit/kittest"
)

// saveReportsIn makes the save dialog of h answer with a file in dir
// named as suggested, and returns the files saved and what the program
// asked the system to open.
func saveReportsIn(t *testing.T, h *kittest.Host, dir string) (saved *[]string, opened *[]string) {
	t.Helper()
	h.Desktop.SaveDir = dir
	return &h.Desktop.Saved, &h.Desktop.Opened
}

// showReports shows the Reports section in h.
func showReports(t *testing.T, h *kittest.Host) *Screen {
	t.Helper()
	s := New(h)
	h.Show(s)
	kittest.Settle(t)
	return s
}

func TestReportsScreenWritesTheChosenReportAndOpensIt(t *testing.T) {
	store := kittest.SampleStore(t)
	h := kittest.NewHost(t, store, kit.LangEnglish)
	dir := t.TempDir()
	saved, opened := saveReportsIn(t, h, dir)
	s := showReports(t, h)

	s.kind.Group.SetSelected("Joint-degree report")
	if s.period.Value() != kit.PeriodAll {
		t.Errorf("the joint-degree report starts on %q, want every cohort", s.period.Select.Selected)
	}
	s.kind.Group.SetSelected("TISC network report")
	if s.period.Value() != kit.PeriodThisYear || !strings.HasSuffix(s.span.Text, string(store.Today())) {
		t.Errorf("the network report starts on %q (%s), want the year to date", s.period.Select.Selected, s.span.Text)
	}
	if !s.periodRo.Visible() || s.visitRow.Visible() {
		t.Error("the network report should ask for a period, not a visit")
	}
	s.period.Set(kit.PeriodLastYear)
	s.language.Group.SetSelected("简体中文")
	test.Tap(s.create)
	kittest.Settle(t)
	if len(*saved) != 1 {
		t.Fatalf("the save dialog was asked %d times", len(*saved))
	}
	path := (*saved)[0]
	last := store.Today().Year() - 1
	if want := "tisc-network-" + itoa(last) + "-01-01-" + itoa(last) + "-12-31-zh.pdf"; filepath.Base(path) != want {
		t.Errorf("suggested file name %q, want %q", filepath.Base(path), want)
	}
	if info, err := os.Stat(path); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("the report's file: %v, mode %v; want 0600 (reports name people)", err, info.Mode().Perm())
	}
	text := kittest.PDFText(t, path)
	for _, want := range []string{"TISC网络报告", itoa(last) + "年1月1日至" + itoa(last) + "年12月31日", "第1页，共"} {
		if !strings.Contains(text, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	if !kittest.HasText(t, h.Window().Content(), "Saved: "+filepath.Base(path)) || !s.open.Visible() {
		t.Errorf("the screen does not say where the report went")
	}
	test.Tap(kittest.FindButton(t, h.Window().Canvas().Overlays().Top(), "Open")) // in the "Report saved" dialog
	test.Tap(s.open)                                                              // on the screen
	want := storage.NewFileURI(path).String()
	if len(*opened) != 2 || (*opened)[0] != want || (*opened)[1] != want {
		t.Errorf("opened %q, want %s twice", *opened, want)
	}
}

func TestReportsScreenVisitReportNeedsAVisit(t *testing.T) {
	store := kittest.SampleStore(t)
	h := kittest.NewHost(t, store, kit.LangEnglish)
	saved, _ := saveReportsIn(t, h, t.TempDir())
	s := showReports(t, h)
	s.kind.Group.SetSelected("Site visit report")
	if s.periodRo.Visible() || !s.visitRow.Visible() {
		t.Error("the visit report should ask for a visit, not a period")
	}
	test.Tap(s.create)
	kittest.Settle(t)
	if len(*saved) != 0 || !s.problem.Visible() || s.problem.Text != "Choose the visit to report on." {
		t.Fatalf("no visit chosen: saved %v, problem %q", *saved, s.problem.Text)
	}
	visits, _ := store.Visits.Where(func(v *data.Visit) bool { return v.Counts() })
	if len(s.visits) != len(visits) {
		t.Fatalf("the screen offers %d visits, the store has %d finished ones", len(s.visits), len(visits))
	}
	first := s.visits[0] // the newest
	s.visit.SetSelectedIndex(0)
	test.Tap(s.create)
	kittest.Settle(t)
	if len(*saved) != 1 || s.problem.Visible() {
		t.Fatalf("with a visit chosen: saved %v, problem %q", *saved, s.problem.Text)
	}
	if want := "tisc-visit-" + string(first.Date) + "-en.pdf"; filepath.Base((*saved)[0]) != want {
		t.Errorf("suggested file name %q, want %q", filepath.Base((*saved)[0]), want)
	}
	text := kittest.PDFText(t, (*saved)[0])
	if !strings.Contains(text, "Sitevisitreport") || !strings.Contains(text, first.InstitutionName) {
		t.Errorf("the visit report lacks its title or %s", first.InstitutionName)
	}
}

func TestReportsScreenRefusesABackwardsPeriod(t *testing.T) {
	store := kittest.SampleStore(t)
	h := kittest.NewHost(t, store, kit.LangChinese)
	saved, _ := saveReportsIn(t, h, t.TempDir())
	s := showReports(t, h)
	if s.language.Group.Selected != "简体中文" {
		t.Errorf("in the Chinese interface reports default to %q", s.language.Group.Selected)
	}
	s.period.Set(kit.PeriodBetween)
	if !s.dates.Visible() {
		t.Fatal("between dates does not show the dates")
	}
	s.from.SetText("2026-05-01")
	s.to.SetText("2026-04-01")
	test.Tap(s.create)
	kittest.Settle(t)
	if len(*saved) != 0 || s.problem.Text != "结束日期早于开始日期。" {
		t.Errorf("a backwards period: saved %v, problem %q", *saved, s.problem.Text)
	}
	s.to.SetText("2026-4-1")
	test.Tap(s.create)
	kittest.Settle(t)
	if len(*saved) != 0 || !strings.Contains(s.problem.Text, "YYYY-MM-DD") {
		t.Errorf("a malformed date: saved %v, problem %q", *saved, s.problem.Text)
	}
}

// TestFailedReportLeavesNoFile: a report that cannot be made removes the
// file the save dialog created.
func TestFailedReportLeavesNoFile(t *testing.T) {
	store := kittest.SampleStore(t)
	h := kittest.NewHost(t, store, kit.LangEnglish)
	saved, _ := saveReportsIn(t, h, t.TempDir())
	PrintVisitReport(h, data.NewID()) // no such visit
	kittest.Settle(t)
	if len(*saved) != 1 {
		t.Fatalf("saved %v", *saved)
	}
	if _, err := os.Stat((*saved)[0]); !os.IsNotExist(err) {
		t.Errorf("the failed report left %s behind (%v)", (*saved)[0], err)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// PrintVisitReport writes the report of the visit, in the interface's
// language, where the save dialog says.
func TestPrintVisitReportInTheInterfacesLanguage(t *testing.T) {
	store := kittest.SampleStore(t)
	h := kittest.NewHost(t, store, kit.LangChinese)
	saved, _ := saveReportsIn(t, h, t.TempDir())
	visits, _ := store.Visits.Where(func(v *data.Visit) bool { return v.Counts() }) // a draft has no report yet
	v := visits[len(visits)-1]
	in, _ := store.Institutions.Get(v.Institution)
	PrintVisitReport(h, v.ID)
	kittest.Settle(t)
	if len(*saved) != 1 || filepath.Base((*saved)[0]) != "tisc-visit-"+string(v.Date)+"-zh.pdf" {
		t.Fatalf("saved %v", *saved)
	}
	text := kittest.PDFText(t, (*saved)[0])
	for _, want := range []string{"实地考察报告", in.LocalName, "评估清单"} {
		if !strings.Contains(text, want) {
			t.Errorf("the visit report lacks %q", want)
		}
	}
}
