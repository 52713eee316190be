package institutions

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"tiscdesk/data"
	"tiscdesk/ui/kit"
	"tiscdesk/ui/kit/kittest"
)

// institutionsScreen shows the register over store and waits for its load.
func institutionsScreen(t *testing.T, store *data.Store) (*kittest.Host, *Register) {
	t.Helper()
	h, s := kittest.Open(t, store, kit.LangEnglish, NewRegister)
	if s.index == nil {
		t.Fatal("the register did not load")
	}
	return h, s
}

func TestCreateInstitutionThroughTheForm(t *testing.T) {
	store := kittest.SampleStore(t)
	before, _ := store.Counts()
	h, s := institutionsScreen(t, store)

	h.Keys.New() // Ctrl+N
	f := kittest.OpenForm[*institutionForm](t, s.host)
	if f == nil || h.Forms().Len() != 1 {
		t.Fatal("Ctrl+N did not open the institution form")
	}
	test.Type(f.localName, "贵州师范学院")
	test.Type(f.englishName, "Guizhou Education University")
	f.kind.Set(data.TypeUniversity)
	f.province.Set("CN-GZ")
	test.Type(f.city, "贵阳")
	test.Tap(f.services[data.ServiceDatabases])
	f.addContact(data.Contact{})
	test.Type(f.contactRows[0].name, "杨明")
	test.Type(f.contactRows[0].email, "yang.ming@gzu.edu.cn")
	f.stage.Set(data.StageApplied)
	h.Keys.Save() // Ctrl+S
	kittest.Settle(t)

	if h.Forms().Len() != 0 {
		t.Fatalf("the form stayed open: %q", f.form.General.Text)
	}
	after, _ := store.Counts()
	if after.Institutions != before.Institutions+1 {
		t.Fatalf("institutions %d -> %d", before.Institutions, after.Institutions)
	}
	got, _ := store.Institutions.Where(func(in *data.Institution) bool { return in.LocalName == "贵州师范学院" })
	if len(got) != 1 {
		all, _ := store.Institutions.List()
		t.Fatalf("the new institution is not in the store; last: %+v", all[len(all)-1])
	}
	in := got[0]
	if in.Province != "CN-GZ" || in.City != "贵阳" || in.Stage != data.StageApplied || len(in.History) != 1 ||
		len(in.Contacts) != 1 || in.Contacts[0].Email != "yang.ming@gzu.edu.cn" || len(in.Services) != 1 || in.UpdatedBy != store.DeviceLabel() {
		t.Fatalf("saved as %+v", in)
	}
	// Its page opens, and the register lists it.
	if s.page == nil || s.page.id != in.ID {
		t.Fatal("the new institution's page did not open")
	}
	if !kittest.HasText(t, s.page, "贵州师范学院") || !kittest.HasText(t, s.page, "杨明") {
		t.Error("the page does not show the institution")
	}
}

func TestBadEmailShowsAMessageAndSavesNothing(t *testing.T) {
	store := kittest.SampleStore(t)
	before, _ := store.Counts()
	h, s := institutionsScreen(t, store)
	h.Keys.New()
	f := kittest.OpenForm[*institutionForm](t, s.host)
	test.Type(f.localName, "云南大学")
	f.province.Set("CN-YN")
	f.addContact(data.Contact{})
	test.Type(f.contactRows[0].name, "李华")
	test.Type(f.contactRows[0].email, "li.hua@ynu")
	h.Keys.Save()
	kittest.Settle(t)

	if h.Forms().Len() != 1 {
		t.Fatal("the form closed on an invalid email")
	}
	if got := f.form.Message("contacts.0"); got != "is not a valid email address" {
		t.Fatalf("message beside the contact = %q", got)
	}
	after, _ := store.Counts()
	if after.Institutions != before.Institutions {
		t.Fatal("an invalid institution was saved")
	}
	// A missing province is named beside its field too.
	f.province.Select.ClearSelected()
	h.Keys.Save()
	kittest.Settle(t)
	if got := f.form.Message("province"); got != "is required" {
		t.Fatalf("province message = %q", got)
	}
	h.Keys.Escape() // Escape closes without saving
	if h.Forms().Len() != 0 {
		t.Fatal("Escape did not close the form")
	}
}

func TestStageChangeAddsAHistoryEntry(t *testing.T) {
	store := kittest.SampleStore(t)
	h, s := institutionsScreen(t, store)
	s.query.Stage = data.StageVisited
	s.apply()
	row := s.shownRows()[0]
	s.open(row.ID)
	kittest.Settle(t)
	before := len(row.History)

	s.page.changeStage()
	f := kittest.OpenForm[*stageForm](t, h)
	if f.stage.Value() != data.StageApproved {
		t.Errorf("the stage form proposes %q, want the next stage (approved)", f.stage.Value())
	}
	f.date.SetText("2026-02-30")
	h.Keys.Save()
	kittest.Settle(t)
	if h.Forms().Len() != 1 || f.form.Message("history") != "is not a date of the form YYYY-MM-DD" {
		t.Fatalf("a bad date: forms %d, message %q", h.Forms().Len(), f.form.Message("history"))
	}
	f.date.SetText("2026-10-15")
	test.Type(f.note, "CNIPA approval letter received")
	h.Keys.Save()
	kittest.Settle(t)
	if h.Forms().Len() != 0 {
		t.Fatal("the stage form stayed open")
	}
	in, _ := store.Institutions.Get(row.ID)
	if in.Stage != data.StageApproved || len(in.History) != before+1 {
		t.Fatalf("stage %s, history %d (was %d)", in.Stage, len(in.History), before)
	}
	last := in.History[len(in.History)-1]
	if last.Date != "2026-10-15" || last.Note != "CNIPA approval letter received" || last.By != store.DeviceLabel() {
		t.Fatalf("history entry %+v", last)
	}
	if !kittest.HasText(t, s.page, "CNIPA approval letter received") {
		t.Error("the page does not show the new history entry")
	}
}

func TestRegisterSearchFilterSort(t *testing.T) {
	store := kittest.SampleStore(t)
	_, s := institutionsScreen(t, store)
	total := s.index.Len()
	if len(s.shownRows()) != total || !strings.Contains(s.count.Text, "institutions") {
		t.Fatalf("shows %d of %d; count %q", len(s.shownRows()), total, s.count.Text)
	}
	test.Type(s.search, "大学")
	for _, r := range s.shownRows() {
		if !strings.Contains(r.LocalName, "大学") && !strings.Contains(r.City, "大学") {
			t.Fatalf("search 大学 shows %s", r.LocalName)
		}
	}
	if n := len(s.shownRows()); n == 0 || n == total || !strings.Contains(s.count.Text, " of ") {
		t.Fatalf("search shows %d of %d, count %q", n, total, s.count.Text)
	}
	s.search.SetText("")
	s.stage.Set(data.StageOperational)
	for _, r := range s.shownRows() {
		if r.Stage != data.StageOperational {
			t.Fatalf("stage filter shows %s", r.Stage)
		}
	}
	s.stage.Set("")
	kittest.TapHeader(s.table.Table, 5) // the Stage column
	rows := s.shownRows()
	if rows[0].Stage != data.StageCandidate || rows[len(rows)-1].Stage != data.StageSuspended {
		t.Fatalf("sort by stage: first %s, last %s", rows[0].Stage, rows[len(rows)-1].Stage)
	}
	kittest.TapHeader(s.table.Table, 5) // again: reversed
	if s.shownRows()[0].Stage != data.StageSuspended {
		t.Fatalf("second tap did not reverse the order")
	}
	test.Type(s.search, "no such institution anywhere")
	if len(s.shownRows()) != 0 || s.empty.Hidden {
		t.Fatal("an empty result says nothing")
	}
}

func TestDeleteInstitutionAsksThenDeletesItsVisits(t *testing.T) {
	store := kittest.SampleStore(t)
	h, s := institutionsScreen(t, store)
	var row *data.InstitutionRow
	for _, r := range s.shownRows() {
		if r.Visits > 0 {
			row = r
			break
		}
	}
	s.open(row.ID)
	kittest.Settle(t)
	var asked string
	h.Desktop.Answer = func(_, q string, yes func()) { asked = q } // the user says no
	s.page.delete()
	kittest.Settle(t)
	if !strings.Contains(asked, row.LocalName) || !strings.Contains(asked, "visits will be deleted too") {
		t.Fatalf("the question was %q", asked)
	}
	if _, err := store.Institutions.Get(row.ID); err != nil {
		t.Fatal("deleted without a yes")
	}
	h.Desktop.Answer = func(_, _ string, yes func()) { yes() }
	s.page.delete()
	kittest.Settle(t)
	if _, err := store.Institutions.Get(row.ID); err == nil {
		t.Fatal("not deleted after a yes")
	}
	left, _ := store.Visits.Where(func(v *data.Visit) bool { return v.Institution == row.ID })
	if len(left) != 0 {
		t.Fatalf("%d of its visits remain", len(left))
	}
	if s.page != nil || s.index.Row(row.ID) != nil {
		t.Fatal("the register still shows the deleted institution")
	}
}

// Import… opens the wizard for institutions, and after an import the
// register shows what it brought in.
func TestImportFromTheRegisterReloadsIt(t *testing.T) {
	store := kittest.SampleStore(t)
	h, s := institutionsScreen(t, store)
	before := s.index.Len()
	test.Tap(kittest.FindButton(t, s, "Import…"))
	w := kittest.TopImport(t, h.Window(), h.Desktop)
	w.Choose("list.csv", []byte("Name,Province,Type\n导入测试学院,CN-BJ,university\n"))
	w.ImportAll()
	if s.index.Len() != before+1 {
		t.Fatalf("the register holds %d institutions after importing one into %d: %q", s.index.Len(), before, w.Texts())
	}
	test.Type(s.search, "导入测试")
	if rows := s.shownRows(); len(rows) != 1 || rows[0].LocalName != "导入测试学院" {
		t.Errorf("the register does not list the institution imported: %d rows", len(rows))
	}
}

// Export saves an Excel workbook under the name suggested, and CSV when the
// user names the file .csv; both say how many were written.
func TestExportFromTheRegisterAsExcelOrCSV(t *testing.T) {
	store := kittest.SampleStore(t)
	h, s := institutionsScreen(t, store)
	counts, _ := store.Counts()
	// The register holds its contacts' personal data: the window says so
	// first, and saying no saves nothing.
	var asked string
	h.Desktop.Answer = func(_, q string, _ func()) { asked = q }
	test.Tap(kittest.FindButton(t, s, "Export…"))
	kittest.Settle(t)
	if !strings.Contains(asked, "personal data: the names, titles, emails and phone numbers of the institutions' contacts") || len(h.Desktop.Saved) != 0 {
		t.Fatalf("export asked %q and saved %q", asked, h.Desktop.Saved)
	}
	h.Desktop.Answer = func(_, _ string, yes func()) { yes() }
	test.Tap(kittest.FindButton(t, s, "Export…"))
	kittest.Settle(t)
	if len(h.Desktop.Saved) != 1 || !strings.HasSuffix(h.Desktop.Saved[0], ".xlsx") {
		t.Fatalf("saved %q, want a workbook under the name suggested", h.Desktop.Saved)
	}
	raw, _ := os.ReadFile(h.Desktop.Saved[0])
	f, err := data.ReadTable(bytes.NewReader(raw), data.CSVOptions{}, nil)
	if err != nil || f.Encoding != data.EncodingXLSX || len(f.Records) != counts.Institutions+1 {
		t.Fatalf("the workbook: %v, %d rows for %d institutions", err, len(f.Records), counts.Institutions)
	}
	want := fmt.Sprintf("%d institutions written to %s.", counts.Institutions, filepath.Base(h.Desktop.Saved[0]))
	top := h.Window().Canvas().Overlays().Top()
	if top == nil || !kittest.HasText(t, top, want) {
		t.Errorf("no dialog says %q", want)
	}

	h.Desktop.SaveAs = "register.csv"
	test.Tap(kittest.FindButton(t, s, "Export…"))
	kittest.Settle(t)
	raw, _ = os.ReadFile(h.Desktop.Saved[1])
	if !bytes.HasPrefix(raw, []byte("\xef\xbb\xbfLocal name,")) {
		t.Errorf("register.csv starts %q, want UTF-8 CSV with a BOM", raw[:min(len(raw), 20)])
	}
}
