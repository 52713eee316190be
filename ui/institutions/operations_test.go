package institutions

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"tiscdesk/data"
	"tiscdesk/ui/kit"
	"tiscdesk/ui/kit/kittest"
)

// openOperationalTISC shows the register in code's language and opens the
// page of the first operational TISC of the sample.
func openOperationalTISC(t *testing.T, code string) (*kittest.Host, *Register, *data.Institution) {
	t.Helper()
	store := kittest.SampleStore(t)
	h, s := kittest.Open(t, store, code, NewRegister)
	ops, err := store.Institutions.Where(func(in *data.Institution) bool { return in.Stage == data.StageOperational })
	if err != nil || len(ops) == 0 {
		t.Fatalf("no operational TISC in the sample (%v)", err)
	}
	s.open(ops[0].ID)
	kittest.Settle(t)
	if s.page == nil || s.page.inst == nil {
		t.Fatal("the institution's page did not load")
	}
	return h, s, ops[0]
}

// A coordinator enters a yearly return through the form: a figure that is
// not a number and more trained staff than staff are named beside their
// fields and nothing is saved; once corrected, the return is stored and the
// page's table of years shows it.
func TestYearlyReturnThroughTheForm(t *testing.T) {
	h, s, in := openOperationalTISC(t, kit.LangEnglish)
	store := h.Store()
	if kittest.HasText(t, s.page, "2012") {
		t.Fatal("the page shows 2012 before any return for it")
	}
	kittest.FindButton(t, s.page, "New yearly return").OnTapped()
	f := kittest.OpenForm[*returnForm](t, h)
	f.year.SetText("2012")
	test.Type(f.figures["inquiries"], "1,2x4")
	test.Type(f.figures["staff"], "3")
	test.Type(f.figures["staff_trained"], "5")
	h.Keys.Save()
	kittest.Settle(t)
	if h.Forms().Len() != 1 || f.form.Message("inquiries") != "is not a whole number" {
		t.Fatalf("1,2x4 inquiries: forms %d, message %q", h.Forms().Len(), f.form.Message("inquiries"))
	}
	if got := f.form.Message("staff_trained"); got != "cannot be more than the staff" {
		t.Errorf("with a figure that is not a number, the other fields' problems are not said at once: %q", got)
	}
	f.figures["inquiries"].SetText("1,234")
	h.Keys.Save()
	kittest.Settle(t)
	if h.Forms().Len() != 1 || f.form.Message("staff_trained") != "cannot be more than the staff" {
		t.Fatalf("5 trained of 3: forms %d, message %q", h.Forms().Len(), f.form.Message("staff_trained"))
	}
	if n, _ := store.Statistics.Where(func(r *data.YearlyReturn) bool { return r.Institution == in.ID && r.Year == 2012 }); len(n) != 0 {
		t.Fatal("an invalid return was saved")
	}
	f.figures["staff_trained"].SetText("2")
	h.Keys.Save()
	kittest.Settle(t)
	if h.Forms().Len() != 0 {
		t.Fatalf("the form stayed open: %q %q", f.form.Message("year"), f.form.General.Text)
	}
	got, _ := store.Statistics.Where(func(r *data.YearlyReturn) bool { return r.Institution == in.ID && r.Year == 2012 })
	if len(got) != 1 || got[0].Inquiries != 1234 || got[0].Staff != 3 || got[0].StaffTrained != 2 {
		t.Fatalf("stored: %+v", got)
	}
	kittest.Settle(t)
	if !kittest.HasText(t, s.page, "2012") || !kittest.HasText(t, s.page, "1234") {
		t.Error("the page's table of years does not show the new return")
	}
	// The same year again is refused beside the year, in the form.
	kittest.FindButton(t, s.page, "New yearly return").OnTapped()
	f = kittest.OpenForm[*returnForm](t, h)
	f.year.SetText("2012")
	h.Keys.Save()
	kittest.Settle(t)
	if h.Forms().Len() != 1 || f.form.Message("year") != "already has a return for this institution" {
		t.Errorf("a second return for 2012: forms %d, message %q", h.Forms().Len(), f.form.Message("year"))
	}
}

// The messages are in the interface's language.
func TestYearlyReturnMessagesInChinese(t *testing.T) {
	h, s, _ := openOperationalTISC(t, kit.LangChinese)
	kittest.FindButton(t, s.page, "新建年度统计").OnTapped()
	f := kittest.OpenForm[*returnForm](t, h)
	f.year.SetText("二〇二四")
	test.Type(f.figures["staff"], "-1")
	h.Keys.Save()
	kittest.Settle(t)
	if f.form.Message("year") != "不是整数" {
		t.Errorf("year message %q", f.form.Message("year"))
	}
	f.year.SetText("2013")
	h.Keys.Save()
	kittest.Settle(t)
	if f.form.Message("staff") != "不能为负数" {
		t.Errorf("staff message %q", f.form.Message("staff"))
	}
}

// An evaluation entered through its form moves the next one due three years
// on, and the service level and agreement are set on the institution's form.
func TestEvaluationAndAgreementThroughTheForms(t *testing.T) {
	h, s, in := openOperationalTISC(t, kit.LangEnglish)
	store := h.Store()
	today := store.Today()
	kittest.FindButton(t, s.page, "New evaluation").OnTapped()
	f := kittest.OpenForm[*evaluationForm](t, h)
	f.date.SetText("2026-13-01")
	h.Keys.Save()
	kittest.Settle(t)
	if f.form.Message("date") == "" || h.Forms().Len() != 1 {
		t.Fatalf("a bad date: message %q", f.form.Message("date"))
	}
	f.date.SetDate(today)
	f.grade.Set(data.Grade("excellent"))
	h.Keys.Save()
	kittest.Settle(t)
	if h.Forms().Len() != 0 {
		t.Fatalf("the evaluation form stayed open: %q", f.form.General.Text)
	}
	kittest.Settle(t)
	want := today.Time().AddDate(3, 0, 0).Format("2006-01-02")
	if !pageSays(t, s, "Next evaluation due: "+want) {
		t.Errorf("the page does not say the next evaluation is due %s", want)
	}

	s.page.edit()
	inf := kittest.OpenForm[*institutionForm](t, h)
	inf.level.Set(data.ServiceLevel("level_2"))
	inf.agreementSigned.SetText("2024-01-01")
	inf.agreementExpires.SetText("2023-12-31")
	h.Keys.Save()
	kittest.Settle(t)
	if inf.form.Message("agreement_expires") != "cannot be before the agreement was signed" {
		t.Fatalf("an agreement expiring before it is signed: %q", inf.form.Message("agreement_expires"))
	}
	inf.agreementExpires.SetText(today.Time().AddDate(0, 0, -10).Format("2006-01-02"))
	h.Keys.Save()
	kittest.Settle(t)
	got, _ := store.Institutions.Get(in.ID)
	if got.ServiceLevel != "level_2" || got.AgreementSigned != "2024-01-01" {
		t.Fatalf("saved: level %q, signed %q", got.ServiceLevel, got.AgreementSigned)
	}
	kittest.Settle(t)
	if !pageSays(t, s, "Expired on "+today.Time().AddDate(0, 0, -10).Format("2006-01-02")) {
		t.Error("an agreement that expired this month is not marked on the page")
	}
}

// pageSays reports whether a text of the open institution page contains sub.
func pageSays(t *testing.T, s *Register, sub string) bool {
	t.Helper()
	for _, text := range kittest.Texts(t, s.page) {
		if strings.Contains(text, sub) {
			return true
		}
	}
	return false
}
