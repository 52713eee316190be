package exchange

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
	"tiscdesk/data/datatest"
	"tiscdesk/data/model"
	"tiscdesk/data/sample"
	"tiscdesk/data/store"
)

func sha256Hex(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// zipOf writes a zip holding files.
func zipOf(t testing.TB, files map[string][]byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(files[n])
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// unzipBundle returns a bundle's manifest and files.
func unzipBundle(t testing.TB, raw []byte) (Manifest, map[string][]byte) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		files[f.Name] = b
	}
	var m Manifest
	if err := json.Unmarshal(files[manifestName], &m); err != nil {
		t.Fatal(err)
	}
	delete(files, manifestName)
	return m, files
}

// rewriteBundle unpacks a bundle, lets change alter it, and packs it again
// with the manifest as change left it (fixManifest recomputes checksums).
func rewriteBundle(t testing.TB, raw []byte, change func(*Manifest, map[string][]byte)) []byte {
	t.Helper()
	m, files := unzipBundle(t, raw)
	change(&m, files)
	mraw, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	files[manifestName] = mraw
	return zipOf(t, files)
}

// fixManifest makes m agree with files again: counts and checksums.
func fixManifest(m *Manifest, files map[string][]byte) {
	for i, f := range m.Files {
		b := files[f.Name]
		m.Files[i].Records = bytes.Count(b, []byte("\n"))
		m.Files[i].Deleted = bytes.Count(b, []byte(`"deleted":true`))
		m.Files[i].SHA256 = sha256Hex(b)
	}
	m.Checksum = m.checksum()
}

func writeTempBundle(t testing.TB, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// A bundle of everything from the sample gives an empty database the same
// records: the sender's versions, metadata and all. The built-in courses
// both databases were born with are merged, not doubled.
func TestABundleOfEverythingCopiesTheDatabase(t *testing.T) {
	a := datatest.OpenNamed(t, "a")
	if _, err := sample.Load(a, sampleToday); err != nil {
		t.Fatal(err)
	}
	list, err := a.Institutions.List()
	if err != nil || len(list) == 0 {
		t.Fatal(err)
	}
	if err := a.Institutions.Delete(list[0].ID); err != nil {
		t.Fatal(err)
	}
	b := datatest.OpenNamed(t, "b")
	path, m := exportBundle(t, a, "")
	if m.Device != a.DeviceID() || m.Label != a.DeviceLabel() || m.Version != BundleVersion || m.Partial() {
		t.Errorf("manifest: %+v", m)
	}
	want, _ := a.Counts()
	if m.Count("enrolments") != want.Enrolments || m.Deleted() < 2 {
		t.Errorf("manifest counts %d enrolments and %d tombstones; a has %d enrolments", m.Count("enrolments"), m.Deleted(), want.Enrolments)
	}
	rep := mergeFile(t, b, path)
	if got, _ := b.Counts(); got != want {
		t.Errorf("b counts %+v, want a's %+v", got, want)
	}
	tot := rep.Total()
	if tot.Conflicts != 0 || tot.Duplicates != len(model.BuiltinCatalogue()) || len(rep.Skipped) != 0 {
		t.Errorf("report %+v, skipped %v; want no conflicts and %d built-in courses merged", tot, rep.Skipped, len(model.BuiltinCatalogue()))
	}
	// Every live record of a is on b, byte for byte (a's courses are the
	// older: they stayed, and b's own became tombstones).
	live := func(s *store.Store) map[string]string {
		out := map[string]string{}
		for k, v := range recordSnapshot(t, s) {
			if !store.IsTombstone([]byte(v)) {
				out[k] = v
			}
		}
		return out
	}
	datatest.SameSnapshots(t, "a's live records against b's", live(a), live(b))
	if p, err := b.Check(); err != nil || len(p) > 0 {
		t.Errorf("check after the merge: %v %v", p, err)
	}
	peers, _ := Peers(b)
	if len(peers) != 1 || peers[0].Device != a.DeviceID() || peers[0].Received == nil || peers[0].Received.Records != m.Records() {
		t.Errorf("b's devices: %+v", peers)
	}
}

// A bundle of the changes since the last exchange with a device holds what
// that device has not seen: nothing right after an exchange, then only the
// records changed since.
func TestABundleOfChangesHoldsOnlyWhatThePeerHasNotSeen(t *testing.T) {
	a, b := datatest.OpenNamed(t, "a"), datatest.OpenNamed(t, "b")
	fx := seedBase(t, a, 5)
	syncAll(t, a, b)
	// b answers with its changes for a: only the tombstones of its own
	// built-in courses, which the merge replaced by a's.
	path, m := exportBundle(t, b, a.DeviceID())
	if m.Records() != len(model.BuiltinCatalogue()) || m.Deleted() != m.Records() {
		t.Errorf("b's first bundle for a holds %d records (%d tombstones)", m.Records(), m.Deleted())
	}
	mergeFile(t, a, path)
	path, m = exportBundle(t, b, a.DeviceID())
	mergeFile(t, a, path)
	if m.Records() != 0 {
		t.Errorf("a second bundle for a, with nothing changed, holds %d records", m.Records())
	}
	editInstitution(t, b, fx.insts[2], "b's change")
	if err := b.Enrolments.Delete(fx.enrols[0]); err != nil {
		t.Fatal(err)
	}
	path, m = exportBundle(t, b, a.DeviceID())
	if m.Records() != 2 || m.Count("institutions") != 1 || m.Deleted() != 1 || !m.Partial() || m.For != a.DeviceID() {
		t.Errorf("bundle of changes: %d records, %d institutions, %d tombstones, for %q", m.Records(), m.Count("institutions"), m.Deleted(), m.For)
	}
	rep := mergeFile(t, a, path)
	if tot := rep.Total(); tot.Updated != 1 || tot.Deleted != 1 || len(rep.Gap) != 0 {
		t.Errorf("a's merge: %+v gap %v", tot, rep.Gap)
	}
	if got, _ := institutionNotes(t, a, fx.insts[2]); got != "b's change" {
		t.Errorf("a's institution notes %q", got)
	}
	// a knows what it got from b: its bundle for b leaves b's changes out.
	editInstitution(t, a, fx.insts[3], "a's change")
	_, m = exportBundle(t, a, b.DeviceID())
	if m.Records() != 1 {
		t.Errorf("a's bundle for b holds %d records, want its one change", m.Records())
	}
}

// A bundle of changes that follows one never merged here leaves a gap: the
// merge says so, and does not claim to know the changes it lacks.
func TestABundleOfChangesAfterOneNeverMergedReportsTheGap(t *testing.T) {
	a, b := datatest.OpenNamed(t, "a"), datatest.OpenNamed(t, "b")
	fx := seedBase(t, a, 3)
	syncAll(t, a, b)
	syncAll(t, b, a)
	editInstitution(t, a, fx.insts[0], "first change")
	exportBundle(t, a, b.DeviceID()) // lost on the way
	editInstitution(t, a, fx.insts[1], "second change")
	path, _ := exportBundle(t, a, b.DeviceID())
	rep := mergeFile(t, b, path)
	if !slices.Equal(rep.Gap, []string{a.DeviceID()}) {
		t.Fatalf("gap %v, want a's device", rep.Gap)
	}
	if got, _ := institutionNotes(t, b, fx.insts[0]); got == "first change" {
		t.Fatal("the first change cannot have arrived")
	}
	// b's next bundle for a does not pretend b has a's first change, and a
	// bundle of everything from a closes the gap.
	rep = syncAll(t, a, b)
	if len(rep.Gap) != 0 {
		t.Errorf("a bundle of everything reports a gap: %v", rep.Gap)
	}
	if got, _ := institutionNotes(t, b, fx.insts[0]); got != "first change" {
		t.Errorf("after a bundle of everything b holds %q", got)
	}
}

// A record of the bundle that is not valid here is left out and reported;
// the rest merges.
func TestAnInvalidRecordIsSkippedAndReported(t *testing.T) {
	a, b := datatest.OpenNamed(t, "a"), datatest.OpenNamed(t, "b")
	fx := seedBase(t, a, 3)
	raw, err := os.ReadFile(mustPath(exportBundle(t, a, "")))
	if err != nil {
		t.Fatal(err)
	}
	bad := rewriteBundle(t, raw, func(m *Manifest, files map[string][]byte) {
		files["enrolments.jsonl"] = bytes.Replace(files["enrolments.jsonl"], []byte(`"p1@example.cn"`), []byte(`"not an address"`), 1)
		fixManifest(m, files)
	})
	rep := mergeFile(t, b, writeTempBundle(t, "bad.tiscx", bad))
	if len(rep.Skipped) != 1 || rep.Skipped[0].ID != fx.enrols[1] || !errors.Is(rep.Skipped[0].Err, model.ErrInvalid) {
		t.Fatalf("skipped %+v", rep.Skipped)
	}
	if c, _ := b.Counts(); c.Enrolments != 2 || c.Institutions != 3 {
		t.Errorf("b counts %+v", c)
	}
}

func mustPath(p string, _ Manifest) string { return p }

func TestReadManifest(t *testing.T) {
	a := datatest.OpenNamed(t, "a")
	seedBase(t, a, 2)
	path, m := exportBundle(t, a, "")
	got, err := ReadManifest(path)
	if err != nil || got.Bundle != m.Bundle || got.Records() != m.Records() {
		t.Fatalf("ReadManifest: %+v %v", got, err)
	}
	if _, err := ReadManifest(writeTempBundle(t, "x.tiscx", []byte("hello"))); !errors.Is(err, ErrNotBundle) {
		t.Errorf("a text file: %v", err)
	}
}

func TestFindPeer(t *testing.T) {
	a, b, c := datatest.OpenNamed(t, "a"), datatest.OpenNamed(t, "b"), datatest.OpenNamed(t, "c")
	if err := b.SetDeviceLabel("Field laptop Chengdu"); err != nil {
		t.Fatal(err)
	}
	if err := c.SetDeviceLabel("Field laptop Xi'an"); err != nil {
		t.Fatal(err)
	}
	syncAll(t, b, a)
	syncAll(t, c, a)
	for _, q := range []string{"field laptop chengdu", "FIELD LAPTOP C", b.DeviceID(), b.DeviceID()[:8]} {
		if p, err := FindPeer(a, q); err != nil || p.Device != b.DeviceID() {
			t.Errorf("FindPeer(%q) = %+v, %v", q, p, err)
		}
	}
	if _, err := FindPeer(a, "Coordinator"); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("an unknown device: %v", err)
	}
	if _, err := FindPeer(a, "field laptop"); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("the start of two labels: %v", err)
	}
	peers, _ := Peers(a)
	if len(peers) != 2 || peers[0].Device != c.DeviceID() {
		t.Errorf("peers, latest first: %+v", peers)
	}
}

// The kinds a bundle carries are the store's, parents first.
func TestExchangeKindsAreTheStoresInParentOrder(t *testing.T) {
	s := datatest.OpenNamed(t, "s")
	var names []string
	pos := map[string]int{}
	for i, k := range exchangeKinds(s) {
		names = append(names, k.name())
		pos[k.name()] = i
	}
	if !slices.Equal(names, exchangeKindNames) {
		t.Fatalf("exchangeKinds %v, exchangeKindNames %v", names, exchangeKindNames)
	}
	for _, k := range exchangeKinds(s) {
		if p := k.parentBucket(); p != "" && pos[p] >= pos[k.name()] {
			t.Errorf("%s comes before its parent %s", k.name(), p)
		}
	}
}

// bigBundleStore writes n enrolments (in sessions of 1,000) straight into a
// store, as a merge would, to set up the benchmarks quickly.
func bigBundleStore(b *testing.B, n int) *store.Store {
	s := datatest.OpenNamed(b, "big")
	now := time.Now().UTC()
	err := s.Update(func(tx *store.Tx) error {
		k := &kind[model.Enrolment, *model.Enrolment]{t: s.Enrolments}
		sk := &kind[model.Session, *model.Session]{t: s.Sessions}
		var session model.ID
		for i := range n {
			if i%1000 == 0 {
				ss := &model.Session{Code: fmt.Sprintf("%03dC%02dS1", 101+i/1000%800, 10+i/800000)}
				ss.ID, ss.CreatedAt, ss.UpdatedAt, ss.Device = model.NewID(), now, now, s.DeviceID()
				raw, _ := json.Marshal(ss)
				if err := sk.t.PutRawIn(tx, ss.ID, raw); err != nil {
					return err
				}
				session = ss.ID
			}
			e := &model.Enrolment{Session: session, Name: fmt.Sprintf("学员 %d", i), Email: fmt.Sprintf("participant%d@example.cn", i),
				Organisation: "国家知识产权局专利局", Province: "CN-BJ", Country: "CN", Registered: "2018-03-01", Status: model.StatusCompleted}
			e.ID, e.CreatedAt, e.UpdatedAt, e.UpdatedBy, e.Device = model.NewID(), now, now, s.DeviceLabel(), s.DeviceID()
			raw, _ := json.Marshal(e)
			if err := k.t.PutRawIn(tx, e.ID, raw); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return s
}

const benchRecords = 200_000

// Export of 200,000 records (the budget is 3 s).
func BenchmarkExportBundle(b *testing.B) {
	s := bigBundleStore(b, benchRecords)
	b.ResetTimer()
	for b.Loop() {
		var buf bytes.Buffer
		m, err := ExportBundle(s, &buf, ExportOptions{})
		if err != nil || m.Records() < benchRecords {
			b.Fatal(m.Records(), err)
		}
		b.ReportMetric(float64(buf.Len())/1e6, "MB")
	}
}

// Merge of 200,000 records into an empty database (the budget is 3 s),
// without the backup that follows a large merge.
func BenchmarkMergeBundle(b *testing.B) {
	src := bigBundleStore(b, benchRecords)
	var buf bytes.Buffer
	if _, err := ExportBundle(src, &buf, ExportOptions{}); err != nil {
		b.Fatal(err)
	}
	raw := buf.Bytes()
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		dst := datatest.OpenNamed(b, "dst")
		b.StartTimer()
		rep, err := mergeBundle(context.Background(), dst, bytes.NewReader(raw), int64(len(raw)), MergeOptions{})
		if err != nil || rep.Total().Added < benchRecords {
			b.Fatal(err)
		}
		b.StopTimer()
		dst.Close()
		b.StartTimer()
	}
}

// Merge of the same 200,000 records again: all unchanged.
func BenchmarkMergeBundleAgain(b *testing.B) {
	src := bigBundleStore(b, benchRecords)
	var buf bytes.Buffer
	if _, err := ExportBundle(src, &buf, ExportOptions{}); err != nil {
		b.Fatal(err)
	}
	raw := buf.Bytes()
	dst := datatest.OpenNamed(b, "dst")
	if _, err := mergeBundle(context.Background(), dst, bytes.NewReader(raw), int64(len(raw)), MergeOptions{}); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		rep, err := mergeBundle(context.Background(), dst, bytes.NewReader(raw), int64(len(raw)), MergeOptions{})
		if err != nil || rep.Total().Unchanged < benchRecords {
			b.Fatal(err)
		}
	}
}
