package exchange

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"tiscdesk/data"
	"tiscdesk/ui/kit"
	"tiscdesk/ui/kit/kittest"
)

// showExchange opens the Exchange section in h and returns it loaded.
func showExchange(t *testing.T, h *kittest.Host) *Screen {
	t.Helper()
	s := New(h)
	h.Show(s)
	kittest.Settle(t)
	return s
}

// exportFrom exports a bundle through the screen of h into dir.
func exportFrom(t *testing.T, x *Screen, dir, name string, opt data.ExportOptions) string {
	t.Helper()
	path := filepath.Join(dir, name)
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	x.exportTo(f, name, opt, nil)
	kittest.Settle(t)
	if !strings.HasPrefix(x.exportNote.Text, name+":") {
		t.Fatalf("after the export the screen says %q", x.exportNote.Text)
	}
	return path
}

// mergeInto merges the bundle at path through the screen and returns the report.
func mergeInto(t *testing.T, x *Screen, path string) (*data.MergeReport, error) {
	t.Helper()
	x.mergeReport, x.mergeErr = nil, nil
	x.merge(path)
	kittest.Settle(t)
	if x.mergeReport == nil && x.mergeErr == nil {
		t.Fatal("the merge did not finish")
	}
	return x.mergeReport, x.mergeErr
}

func TestExchangeScreenExportsMergesAndResolvesConflicts(t *testing.T) {
	coord := kittest.SampleStore(t)
	field, err := data.Open(filepath.Join(t.TempDir(), "field.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer field.Close()
	dir := t.TempDir()

	h := kittest.NewHost(t, coord, kit.LangEnglish)
	w := h.Window()
	x := showExchange(t, h)
	if x.devicesEmpty.Hidden || x.conflictEmpty.Hidden {
		t.Errorf("a new database's exchange screen lacks its empty states")
	}
	all := exportFrom(t, x, dir, "all.tiscx", x.exportOptions())

	// The field laptop merges everything, and the report says so.
	fh := kittest.NewHost(t, field, kit.LangEnglish)
	fw := fh.Window()
	fx := showExchange(t, fh)
	rep, err := mergeInto(t, fx, all)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := coord.Counts()
	if got, _ := field.Counts(); got != c {
		t.Fatalf("the field laptop counts %+v after the merge, the coordinator %+v", got, c)
	}
	added := strconv.Itoa(rep.Total().Added) + " added, 0 updated, 0 unchanged, 0 deleted, 0 conflicts."
	if !kittest.HasText(t, fw.Content(), added) {
		t.Errorf("the report lacks %q: %q", added, kittest.Texts(t, fx.report))
	}
	if fx.devices.Table.Length == nil || len(fx.devices.RowsShown()) != 1 || fx.devices.RowsShown()[0].Device != coord.DeviceID() {
		t.Errorf("the field laptop's devices: %+v", fx.devices.RowsShown())
	}

	// Both edit the same institution; the coordinator's edit is the newer.
	ins, _ := field.Institutions.List()
	in := ins[0]
	in.Notes = "noted in the field"
	if err := field.Institutions.Put(in); err != nil {
		t.Fatal(err)
	}
	in2, _ := coord.Institutions.Get(in.ID)
	in2.Notes = "noted by the coordinator"
	if err := coord.Institutions.Put(in2); err != nil {
		t.Fatal(err)
	}
	// The field laptop sends everything back: the coordinator keeps its
	// newer notes and sets the field's aside.
	back := exportFrom(t, fx, dir, "back.tiscx", data.ExportOptions{})
	rep, err = mergeInto(t, x, back)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Total().Conflicts != 1 || len(x.conflictRows) != 1 {
		t.Fatalf("the merge reports %+v; the list shows %d conflicts", rep.Total(), len(x.conflictRows))
	}
	if !kittest.HasText(t, x.conflicts, "Changed on both computers") || x.conflictTab.Text != "Conflicts (1)" {
		t.Errorf("the conflict list (tab %q) lacks its row: %q", x.conflictTab.Text, kittest.Texts(t, x.conflicts))
	}

	// Review: the notes differ; restoring brings the field's notes back.
	r, err := coord.ReviewConflict(x.conflictRows[0].Key) // what the review shows
	if err != nil {
		t.Fatal(err)
	}
	x.review(x.conflictRows[0])
	kittest.Settle(t)
	v := w.Canvas().Overlays().Top()
	if v == nil {
		t.Fatal("tapping a conflict opened no review")
	}
	var notes *data.FieldDiff
	for i, f := range r.Fields {
		if f.Field == "notes" {
			notes = &r.Fields[i]
		}
	}
	if notes == nil || !notes.Differs || notes.Lost != "noted in the field" || notes.Current != "noted by the coordinator" {
		t.Errorf("the review's notes: %+v", notes)
	}
	if !kittest.HasText(t, v, reviewIntro(r)) || !strings.Contains(reviewIntro(r), "Both computers changed this record") {
		t.Errorf("the review says %q", kittest.Texts(t, v))
	}
	h.Desktop.Answer = func(_, _ string, yes func()) { yes() }
	test.Tap(kittest.FindButton(t, v, "Restore this version"))
	kittest.Settle(t)
	if got, _ := coord.Institutions.Get(in.ID); got.Notes != "noted in the field" {
		t.Errorf("after the restore the notes are %q", got.Notes)
	}
	if n, _ := coord.ConflictCount(); n != 0 || len(x.conflictRows) != 0 {
		t.Errorf("%d conflicts left (%d shown)", n, len(x.conflictRows))
	}

	// The coordinator sends the field laptop only what it has not seen.
	x.pickDevice(x.peers[0])
	if x.exportOptions().For != field.DeviceID() {
		t.Fatalf("choosing the device in the table sets the export for %q", x.exportOptions().For)
	}
	changes := exportFrom(t, x, dir, "changes.tiscx", x.exportOptions())
	m, _ := data.ReadManifest(changes)
	if m.Records() != 1 {
		t.Errorf("the bundle of changes holds %d records, want the one restored", m.Records())
	}
	if _, err := mergeInto(t, fx, changes); err != nil {
		t.Fatal(err)
	}
	if got, _ := field.Institutions.Get(in.ID); got.Notes != "noted in the field" {
		t.Errorf("the field laptop holds %q", got.Notes)
	}
}

func TestExchangeScreenRefusesADamagedBundle(t *testing.T) {
	store := kittest.SampleStore(t)
	h := kittest.NewHost(t, store, kit.LangEnglish)
	w := h.Window()
	x := showExchange(t, h)
	dir := t.TempDir()
	good := exportFrom(t, x, dir, "good.tiscx", data.ExportOptions{})
	raw, _ := os.ReadFile(good)
	cut := filepath.Join(dir, "cut.tiscx")
	os.WriteFile(cut, raw[:len(raw)*2/3], 0o600)
	before, _ := store.Counts()
	if _, err := mergeInto(t, x, cut); err == nil {
		t.Fatal("a cut bundle was merged")
	}
	if !kittest.HasText(t, w.Content(), "This bundle is damaged or incomplete. Copy it again from the other computer. Nothing was changed.") {
		t.Errorf("the screen does not say the bundle is damaged: %q", kittest.Texts(t, x.report))
	}
	if after, _ := store.Counts(); after != before {
		t.Errorf("a refused bundle changed the counts: %+v → %+v", before, after)
	}
}

func TestExchangeScreenInChinese(t *testing.T) {
	store := kittest.SampleStore(t)
	h := kittest.NewHost(t, store, kit.LangChinese)
	w := h.Window()
	showExchange(t, h)
	for _, want := range []string{"数据交换", "发送记录到另一台电脑", "合并收到的数据包", "没有冲突。当两台电脑修改了同一条记录时，未被保留的版本会列在这里供您查看。"} {
		if !kittest.HasText(t, w.Content(), want) {
			t.Errorf("the Chinese exchange screen lacks %q: %q", want, kittest.Texts(t, w.Content()))
		}
	}
}

func TestExchangeScreenOpensSealedBundles(t *testing.T) {
	coord := kittest.SampleStore(t)
	field, err := data.Open(filepath.Join(t.TempDir(), "field.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer field.Close()
	dir := t.TempDir()
	sealed := filepath.Join(dir, "sealed.tiscx")
	if _, err := coord.SaveBundle(sealed, false, data.ExportOptions{Seal: &data.Seal{Passphrase: "长城 walk"}}); err != nil {
		t.Fatal(err)
	}
	h := kittest.NewHost(t, field, kit.LangEnglish)
	w := h.Window()
	x := showExchange(t, h)

	// No passphrase yet: the window asks for it.
	x.confirmMerge(sealed)
	kittest.Settle(t)
	if x.passEntry == nil || !kittest.HasText(t, w.Canvas().Overlays().Top(), "This bundle is sealed with a passphrase. Type the passphrase you were given for it.") {
		t.Fatal("the window does not ask for the passphrase")
	}
	// A wrong one: asked again, and nothing changed.
	x.confirmMergeWith(sealed, "wrong")
	kittest.Settle(t)
	if !kittest.HasText(t, w.Canvas().Overlays().Top(), "That passphrase does not open this bundle. Nothing was changed. Try again.") {
		t.Fatal("a wrong passphrase is not said")
	}
	if c, _ := field.Counts(); c.Institutions != 0 {
		t.Fatal("a wrong passphrase changed the database")
	}
	// The right one: the merge is offered, and merges.
	x.confirmMergeWith(sealed, "长城 walk")
	kittest.Settle(t)
	offered := false
	for _, s := range kittest.Texts(t, w.Canvas().Overlays().Top()) {
		offered = offered || strings.HasPrefix(s, "Merge the bundle from")
	}
	if !offered {
		t.Fatalf("the right passphrase does not offer the merge: %q", kittest.Texts(t, w.Canvas().Overlays().Top()))
	}
	x.mergePass = "长城 walk"
	if _, err := mergeInto(t, x, sealed); err != nil {
		t.Fatal(err)
	}
	want, _ := coord.Counts()
	if got, _ := field.Counts(); got != want {
		t.Errorf("after the sealed merge the field counts %+v, want %+v", got, want)
	}

	// Sealed for another computer: refused with its reason.
	other := filepath.Join(t.TempDir(), "other.db")
	o, err := data.Open(other)
	if err != nil {
		t.Fatal(err)
	}
	key, _ := o.DevicePublicKey()
	o.Close()
	forOther := filepath.Join(dir, "other.tiscx")
	if _, err := coord.SaveBundle(forOther, false, data.ExportOptions{Seal: &data.Seal{Recipient: key}}); err != nil {
		t.Fatal(err)
	}
	if _, err := mergeInto(t, x, forOther); err == nil {
		t.Fatal("a bundle sealed for another computer merged")
	}
	if !kittest.HasText(t, x.report, "This bundle is sealed for another computer and does not open here. Ask for a bundle sealed for this computer or with a passphrase. Nothing was changed.") {
		t.Errorf("the report says %q", kittest.Texts(t, x.report))
	}
}

func TestExchangeScreenSealsExportsByDefault(t *testing.T) {
	store := kittest.SampleStore(t)
	h := kittest.NewHost(t, store, kit.LangEnglish)
	w := h.Window()
	x := showExchange(t, h)
	if x.seal.Value() != sealPassphrase || !kittest.HasText(t, w.Content(), "This bundle holds personal data, so it is sealed. Give the passphrase to the other computer another way than the file.") {
		t.Fatalf("the export is not sealed by default: %q", x.sealNote.Text)
	}
	test.Tap(x.exportBtn)
	kittest.Settle(t)
	if x.passDialog == nil {
		t.Fatal("exporting does not ask for a passphrase")
	}
	// Two different passphrases do not seal.
	test.Type(x.passEntry, "long enough 1")
	test.Type(x.passAgain, "long enough 2")
	x.passDialog.Submit()
	kittest.Settle(t)
	if len(h.Desktop.Saved) != 0 {
		t.Fatal("a bundle was saved with two different passphrases")
	}
	x.passAgain.SetText("long enough 1")
	x.passDialog.Submit()
	kittest.Settle(t)
	if len(h.Desktop.Saved) != 1 {
		t.Fatalf("saved %q", h.Desktop.Saved)
	}
	raw, _ := os.ReadFile(h.Desktop.Saved[0])
	if !data.IsSealed(raw) {
		t.Fatal("the bundle saved is not sealed")
	}
	// Plain stays possible, with the reason shown before saving.
	x.seal.Set(sealPlain)
	x.sealChanged()
	if !kittest.HasText(t, w.Content(), "This bundle holds personal data: the names, emails and scores of participants and students. Plain, anyone who gets the file can read them.") {
		t.Errorf("plain does not say what it means: %q", x.sealNote.Text)
	}
	// Before saving it asks once more, naming the personal data; no saves
	// nothing.
	var asked string
	h.Desktop.Answer = func(_, q string, _ func()) { asked = q }
	test.Tap(x.exportBtn)
	kittest.Settle(t)
	if !strings.Contains(asked, "personal data: the names, emails, genders, organisations and scores of participants and students") || len(h.Desktop.Saved) != 1 {
		t.Fatalf("a plain export asked %q and saved %q", asked, h.Desktop.Saved)
	}
	h.Desktop.Answer = func(_, _ string, yes func()) { yes() }
	test.Tap(x.exportBtn)
	kittest.Settle(t)
	if len(h.Desktop.Saved) != 2 {
		t.Fatalf("saved %q", h.Desktop.Saved)
	}
	if raw, _ := os.ReadFile(h.Desktop.Saved[1]); data.IsSealed(raw) || len(raw) == 0 {
		t.Error("the plain bundle is sealed or empty")
	}
}
