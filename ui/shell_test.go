package ui

import (
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"tiscdesk/data"
	"tiscdesk/ui/kit"
	"tiscdesk/ui/kit/kittest"
)

// newTestShell mounts a shell over store in a test window, in language code.
func newTestShell(t *testing.T, store *data.Store, code string) (*Shell, fyne.Window) {
	t.Helper()
	w := kittest.NewWindow(t, code)
	sh := Mount(store, w, kittest.NewPlatform(t))
	kittest.Settle(t)
	return sh, w
}

// waitOverview reloads the overview and waits for its figures.
func waitOverview(t *testing.T, sh *Shell) *Overview {
	t.Helper()
	ov := sh.built["overview"].(*Overview)
	ov.Reload()
	kittest.Settle(t)
	return ov
}

// On the first day of a year, a leap day and the last day of a year, the
// Overview speaks of the clock's year and shows the store's figures for it.
func TestShellOverviewOnAwkwardDays(t *testing.T) {
	for _, day := range []data.Date{"2027-01-01", "2028-02-29", "2030-12-31"} {
		t.Run(string(day), func(t *testing.T) {
			store := kittest.SampleStoreWith(t, data.ClockOn(day))
			sh, w := newTestShell(t, store, kit.LangEnglish)
			ov := waitOverview(t, sh)
			want, err := store.Overview(day)
			if err != nil {
				t.Fatal(err)
			}
			if !kittest.HasText(t, w.Content(), "Overview "+strconv.Itoa(day.Year())) {
				t.Errorf("the Overview on %s does not speak of its year; texts: %q", day, kittest.Texts(t, w.Content()))
			}
			for key, n := range map[string]int{"visits": want.VisitsThisYear, "enrolments": want.EnrolmentsThisYear, "operational": want.Operational} {
				if got := ov.figures[key].Value(); got != strconv.Itoa(n) {
					t.Errorf("figure %s shows %q, want %d", key, got, n)
				}
			}
		})
	}
}

func TestShellOverviewShowsTheStoresFigures(t *testing.T) {
	store := kittest.SampleStore(t)
	sh, w := newTestShell(t, store, kit.LangEnglish)
	if sh.Current() != "overview" {
		t.Fatalf("the window opens on %q, want the overview", sh.Current())
	}
	ov := waitOverview(t, sh)
	want, err := store.Overview(store.Today())
	if err != nil {
		t.Fatal(err)
	}
	if want.Operational == 0 || want.InPipeline == 0 || want.EnrolmentsThisYear == 0 || want.Students == 0 {
		t.Fatalf("the sample should make every headline figure non-zero: %+v", want)
	}
	for key, n := range map[string]int{
		"operational": want.Operational, "pipeline": want.InPipeline, "visits": want.VisitsThisYear,
		"followups": want.OpenFollowUps, "enrolments": want.EnrolmentsThisYear,
		"students": want.Students, "graduates": want.Graduates,
	} {
		if got := ov.figures[key].Value(); got != strconv.Itoa(n) {
			t.Errorf("figure %s shows %q, want %d", key, got, n)
		}
	}
	content := w.Content()
	if !kittest.HasText(t, content, "Operational TISCs") || !kittest.HasText(t, content, "TISC pipeline by stage") {
		t.Errorf("overview captions missing; texts: %q", kittest.Texts(t, content))
	}
	// The chart has a bar per stage with its count.
	if !kittest.HasText(t, content, "Agreement signed") || !kittest.HasText(t, content, strconv.Itoa(want.ByStage[data.StageAgreement])) {
		t.Errorf("pipeline chart lacks the agreement-signed bar")
	}
	if want.OverdueFollowUps > 0 && !kittest.HasText(t, content, strconv.Itoa(want.OverdueFollowUps)+" overdue") {
		t.Errorf("overdue follow-ups do not stand out on the overview")
	}
}

func TestShellSwitchesEverySection(t *testing.T) {
	store := kittest.SampleStore(t)
	sh, w := newTestShell(t, store, kit.LangEnglish)
	headings := map[string]string{
		"overview": "", "institutions": "Institutions", "visits": "Site visits", "learning": "Distance learning",
		"degrees": "Joint degrees", "reports": "Reports", "exchange": "Exchange", "settings": "Settings",
	}
	for i, s := range sh.sections {
		sh.nav.Select(i) // as a click on the navigation does
		if sh.Current() != s.id {
			t.Fatalf("selecting %q shows %q", s.id, sh.Current())
		}
		if h := headings[s.id]; h != "" && !kittest.HasText(t, w.Content(), h) {
			t.Errorf("section %s does not show its heading %q", s.id, h)
		}
	}
	c, _ := store.Counts()
	sh.ShowSection("degrees")
	kittest.Settle(t)
	if want := "The database holds " + strconv.Itoa(c.Cohorts) + " cohorts and " + strconv.Itoa(c.Students) + " students."; !kittest.HasText(t, w.Content(), want) {
		t.Errorf("joint degrees section lacks %q", want)
	}
	sh.ShowSection("settings")
	if !kittest.HasText(t, w.Content(), store.Path()) {
		t.Errorf("settings does not show the database path")
	}
}

func TestChineseInterface(t *testing.T) {
	store := kittest.SampleStore(t)
	sh, w := newTestShell(t, store, kit.LangChinese)
	waitOverview(t, sh)
	for _, want := range []string{"概览", "机构", "实地考察", "远程学习", "已运营的 TISC", "已签约"} {
		if !kittest.HasText(t, w.Content(), want) {
			t.Errorf("Chinese interface lacks %q; texts: %q", want, strings.Join(kittest.Texts(t, w.Content()), " | "))
		}
	}
}

func TestLanguageChangeInSettingsRelabelsTheWindow(t *testing.T) {
	store := kittest.SampleStore(t)
	sh, w := newTestShell(t, store, kit.LangEnglish)
	sh.ShowSection("settings")
	languageSelect(t, w).SetSelected("简体中文")
	if store.Language() != "zh" {
		t.Fatalf("language saved as %q", store.Language())
	}
	if !kittest.HasText(t, w.Content(), "设置") || !kittest.HasText(t, w.Content(), "设备名称") {
		t.Fatalf("after choosing Chinese the window still reads: %q", kittest.Texts(t, w.Content()))
	}
	now := w.Content().(*Shell)
	if now.Current() != "settings" {
		t.Errorf("after relabelling the window shows %q, want settings still", now.Current())
	}
}

// languageSelect is the Settings section's choice of language, on show in w.
func languageSelect(t *testing.T, w fyne.Window) *widget.Select {
	t.Helper()
	var found *widget.Select
	kittest.WalkObjects(t, w.Content(), func(o fyne.CanvasObject) {
		if s, ok := o.(*widget.Select); ok && slices.Contains(s.Options, "简体中文") {
			found = s
		}
	})
	if found == nil {
		t.Fatal("Settings offers no choice of language")
	}
	return found
}

// A change of the device label shows under the navigation.
func TestShellShowsTheDeviceLabelWhenItChanges(t *testing.T) {
	store := kittest.SampleStore(t)
	sh, _ := newTestShell(t, store, kit.LangEnglish)
	if err := store.SetDeviceLabel("Field laptop Chengdu"); err != nil {
		t.Fatal(err)
	}
	sh.DeviceChanged()
	if sh.device.Text != "Field laptop Chengdu" {
		t.Errorf("navigation still shows %q", sh.device.Text)
	}
}

// The visit form's Print visit report reaches Reports through the shell:
// the report of the visit on show is written in the interface's language.
func TestShellPrintsTheVisitReportOfTheFormOnShow(t *testing.T) {
	store := kittest.SampleStore(t)
	sh, w := newTestShell(t, store, kit.LangChinese)
	pf := sh.platform.(*kittest.Platform)
	pf.SaveDir = t.TempDir()
	x, err := store.VisitIndex(store.Today())
	if err != nil {
		t.Fatal(err)
	}
	rows := x.Filter(data.VisitQuery{Sort: data.VisitSortByDate, Desc: true})
	newest := rows[0]

	sh.ShowSection("visits")
	kittest.Settle(t)
	var list *kit.RecordTable[*data.VisitRow]
	kittest.WalkObjects(t, w.Content(), func(o fyne.CanvasObject) {
		if tbl, ok := o.(*kit.RecordTable[*data.VisitRow]); ok && list == nil {
			list = tbl
		}
	})
	if list == nil {
		t.Fatal("the Site visits section shows no list of visits")
	}
	if list.RowsShown()[0].ID != newest.ID {
		t.Fatalf("the list opens on %s, want the newest visit %s", list.RowsShown()[0].ID, newest.ID)
	}
	shown := list.RowsShown()
	finished := shown[slices.IndexFunc(shown, func(r *data.VisitRow) bool { return r.Counts() })] // a draft has no report yet
	kittest.OpenRow(t, list, finished)
	kittest.Settle(t)
	test.Tap(kittest.FindButton(t, w.Canvas().Overlays().Top(), lang.L("Print visit report…")))
	kittest.Settle(t)
	if len(pf.Saved) != 1 || filepath.Base(pf.Saved[0]) != "tisc-visit-"+string(finished.Date)+"-zh.pdf" {
		t.Fatalf("saved %v", pf.Saved)
	}
	text := kittest.PDFText(t, pf.Saved[0])
	for _, want := range []string{"实地考察报告", finished.InstitutionName, "评估清单"} {
		if !strings.Contains(text, want) {
			t.Errorf("the visit report lacks %q", want)
		}
	}
}
