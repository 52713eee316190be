package exchange

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"tiscdesk/data/datatest"
	"tiscdesk/data/model"
	"tiscdesk/data/store"
)

// Helpers shared by the exchange's tests.

// exportBundle exports s (everything, or what device `forDevice` has not
// seen) to a file, marks it sent and returns its path.
func exportBundle(t testing.TB, s *store.Store, forDevice string) (string, Manifest) {
	t.Helper()
	path := filepath.Join(t.TempDir(), fmt.Sprintf("b%d.tiscx", rand.Int()))
	m, err := SaveBundle(s, path, false, ExportOptions{For: forDevice})
	if err != nil {
		t.Fatal(err)
	}
	return path, m
}

// storeName names a test's store by its file: "a", "b", ...
func storeName(s *store.Store) string { return strings.TrimSuffix(filepath.Base(s.Path()), ".db") }

func mergeFile(t testing.TB, s *store.Store, path string) *MergeReport {
	t.Helper()
	rep, err := MergeBundleFile(context.Background(), s, path, MergeOptions{})
	if err != nil {
		t.Fatalf("merge %s: %v", filepath.Base(path), err)
	}
	return rep
}

// sync gives b everything a has, as a bundle of everything.
func syncAll(t testing.TB, a, b *store.Store) *MergeReport {
	t.Helper()
	path, _ := exportBundle(t, a, "")
	return mergeFile(t, b, path)
}

// recordSnapshot is a snapshot of the record buckets.
func recordSnapshot(t testing.TB, s *store.Store) map[string]string {
	return datatest.Snapshot(t, s, exchangeKindNames...)
}

// exchangeBase is a small data set of every kind, written to one store.
type exchangeBase struct {
	insts, visits, enrols, students []model.ID
	session, programme, cohort      model.ID
}

func seedBase(t testing.TB, s *store.Store, n int) exchangeBase {
	t.Helper()
	var b exchangeBase
	err := s.Update(func(tx *store.Tx) error {
		provinces := []string{"CN-BJ", "CN-SH", "CN-SC", "CN-GD", "CN-SN"}
		for i := range n {
			in := &model.Institution{LocalName: fmt.Sprintf("测试大学%d", i), EnglishName: fmt.Sprintf("Test University %d", i),
				Type: model.TypeUniversity, Province: provinces[i%len(provinces)], Stage: model.StageCandidate}
			if err := s.Institutions.PutIn(tx, in); err != nil {
				return err
			}
			b.insts = append(b.insts, in.ID)
			v := &model.Visit{Institution: in.ID, Date: "2018-05-02", Kind: model.VisitAssessment, Findings: "first visit"}
			if err := s.Visits.PutIn(tx, v); err != nil {
				return err
			}
			b.visits = append(b.visits, v.ID)
		}
		ss := &model.Session{Code: "101C18S1", Start: "2018-03-01", End: "2018-06-30"}
		if err := s.Sessions.PutIn(tx, ss); err != nil {
			return err
		}
		b.session = ss.ID
		for i := range n {
			e := &model.Enrolment{Session: ss.ID, Name: fmt.Sprintf("学员%d", i), Email: fmt.Sprintf("p%d@example.cn", i), Status: model.StatusActive}
			if err := s.Enrolments.PutIn(tx, e); err != nil {
				return err
			}
			b.enrols = append(b.enrols, e.ID)
		}
		g := &model.Programme{Name: "WIPO-Tongji Master of Intellectual Property", Partner: "Tongji University"}
		if err := s.Programmes.PutIn(tx, g); err != nil {
			return err
		}
		c := &model.Cohort{Programme: g.ID, IntakeYear: 2018}
		if err := s.Cohorts.PutIn(tx, c); err != nil {
			return err
		}
		b.programme, b.cohort = g.ID, c.ID
		for i := range 3 {
			st := &model.Student{Cohort: c.ID, Name: fmt.Sprintf("Student %d", i), Status: model.StudentEnrolled}
			if err := s.Students.PutIn(tx, st); err != nil {
				return err
			}
			b.students = append(b.students, st.ID)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// addSession adds a session with code and an enrolment for each email.
func addSession(t testing.TB, s *store.Store, code string, emails ...string) model.ID {
	t.Helper()
	var id model.ID
	err := s.Update(func(tx *store.Tx) error {
		ss := &model.Session{Code: code}
		if err := s.Sessions.PutIn(tx, ss); err != nil {
			return err
		}
		id = ss.ID
		for _, e := range emails {
			if err := s.Enrolments.PutIn(tx, &model.Enrolment{Session: ss.ID, Name: "Participant " + e, Email: e, Status: model.StatusRegistered}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func editInstitution(t testing.TB, s *store.Store, id model.ID, notes string) {
	t.Helper()
	in, err := s.Institutions.Get(id)
	if err != nil {
		t.Fatal(err)
	}
	in.Notes = notes
	if err := s.Institutions.Put(in); err != nil {
		t.Fatal(err)
	}
}

func institutionNotes(t testing.TB, s *store.Store, id model.ID) (string, bool) {
	t.Helper()
	in, err := s.Institutions.Get(id)
	if err != nil {
		return "", false
	}
	return in.Notes, true
}

// Merging the same bundle twice changes nothing the second time: not a
// record, not the conflict list, not the exchange state.
func TestMergingTheSameBundleTwiceChangesNothing(t *testing.T) {
	for seed := range 8 {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(uint64(seed), 7))
			a, b := datatest.OpenNamed(t, "a"), datatest.OpenNamed(t, "b")
			fx := seedBase(t, a, 6)
			syncAll(t, a, b)
			syncAll(t, b, a)
			// Both sides change things, some of them the same records.
			for _, id := range fx.insts {
				switch rng.IntN(4) {
				case 0:
					editInstitution(t, a, id, "a")
				case 1:
					editInstitution(t, b, id, "b")
				case 2:
					editInstitution(t, a, id, "a")
					editInstitution(t, b, id, "b")
				}
			}
			if rng.IntN(2) == 0 {
				if err := a.Institutions.Delete(fx.insts[0]); err != nil {
					t.Fatal(err)
				}
			}
			// Both enrol people in a new session: the same session, and
			// some of the same people, entered twice.
			addSession(t, a, "318C19S1", "p1@example.cn", "p2@example.cn", "p3@example.cn")
			addSession(t, b, "318C19S1", "p2@example.cn", "P3@example.cn", "p4@example.cn")
			forB := ""
			if rng.IntN(2) == 0 {
				forB = b.DeviceID()
			}
			path, _ := exportBundle(t, a, forB)
			first := mergeFile(t, b, path)
			before := datatest.Snapshot(t, b)
			again := mergeFile(t, b, path)
			datatest.SameSnapshots(t, "the second merge", before, datatest.Snapshot(t, b))
			if tot := again.Total(); tot.Added+tot.Updated+tot.Deleted+tot.Conflicts != 0 || !again.AlreadyMerged {
				t.Errorf("second merge reports %+v (already merged %v); first %+v", tot, again.AlreadyMerged, first.Total())
			}
		})
	}
}

// Independent edits (on different records) merged in either order give the
// same database, byte for byte; and two machines that swap bundles end up
// with the same records.
func TestIndependentEditsMergeToTheSameDatabaseInEitherOrder(t *testing.T) {
	for seed := range 8 {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(uint64(seed), 11))
			origin := datatest.OpenNamed(t, "origin")
			fx := seedBase(t, origin, 8)
			a, b, c := datatest.OpenNamed(t, "a"), datatest.OpenNamed(t, "b"), datatest.OpenNamed(t, "c")
			for _, s := range []*store.Store{a, b, c} {
				syncAll(t, origin, s)
			}
			// Each institution (with its visit) belongs to a, to b or to neither.
			owner := map[model.ID]*store.Store{}
			for i, id := range fx.insts {
				switch rng.IntN(3) {
				case 0:
					owner[id] = a
				case 1:
					owner[id] = b
				}
				s := owner[id]
				if s == nil {
					continue
				}
				switch rng.IntN(4) {
				case 0, 1:
					editInstitution(t, s, id, fmt.Sprintf("edited %d", rng.IntN(100)))
				case 2:
					if err := s.Institutions.Delete(id); err != nil {
						t.Fatal(err)
					}
				case 3:
					v, err := s.Visits.Get(fx.visits[i])
					if err != nil {
						t.Fatal(err)
					}
					v.Findings = "revisited"
					if err := s.Visits.Put(v); err != nil {
						t.Fatal(err)
					}
				}
			}
			for _, s := range []*store.Store{a, b} { // and each adds an institution of its own
				in := &model.Institution{LocalName: "新机构 " + s.DeviceID()[:8], Type: model.TypeLibrary, Province: "CN-HB", Stage: model.StageApplied}
				if err := s.Institutions.Put(in); err != nil {
					t.Fatal(err)
				}
			}
			forC := func(s *store.Store) string {
				if rng.IntN(2) == 0 {
					return "" // everything
				}
				return origin.DeviceID() // a device c is not: c gets what origin lacks
			}
			pa, _ := exportBundle(t, a, forC(a))
			pb, _ := exportBundle(t, b, forC(b))
			c2 := datatest.Copy(t, c, "c2")
			mergeFile(t, c, pa)
			mergeFile(t, c, pb)
			mergeFile(t, c2, pb)
			mergeFile(t, c2, pa)
			datatest.SameSnapshots(t, "a then b against b then a", recordSnapshot(t, c), recordSnapshot(t, c2))
			for id, s := range owner {
				want, wantLive := institutionNotes(t, s, id)
				got, live := institutionNotes(t, c, id)
				if got != want || live != wantLive {
					t.Errorf("institution %s on c: %q live %v, want its owner's %q live %v", id, got, live, want, wantLive)
				}
			}
			if n, _ := ConflictCount(c); n != 0 {
				t.Errorf("independent edits made %d conflicts", n)
			}
			// a and b swap bundles: they end with the same records.
			syncAll(t, a, b)
			syncAll(t, b, a)
			datatest.SameSnapshots(t, "a against b after they swapped bundles", recordSnapshot(t, a), recordSnapshot(t, b))
		})
	}
}

// A deletion on one side reaches the other, with the records that depend
// on what was deleted.
func TestADeletionReachesTheOtherSide(t *testing.T) {
	a, b, third := datatest.OpenNamed(t, "a"), datatest.OpenNamed(t, "b"), datatest.OpenNamed(t, "third")
	fx := seedBase(t, a, 4)
	syncAll(t, a, b)
	syncAll(t, b, a)
	syncAll(t, a, third)
	if err := a.Institutions.Delete(fx.insts[1]); err != nil {
		t.Fatal(err)
	}
	if err := a.Sessions.Delete(fx.session); err != nil { // takes the enrolments along
		t.Fatal(err)
	}
	if err := a.Students.Delete(fx.students[2]); err != nil {
		t.Fatal(err)
	}
	path, m := exportBundle(t, a, b.DeviceID())
	rep := mergeFile(t, b, path)
	for _, s := range []*store.Store{b, third} {
		if _, err := s.Institutions.Get(fx.insts[1]); err == nil {
			t.Errorf("%s: the deleted institution is still there", storeName(s))
		}
		if _, err := s.Visits.Get(fx.visits[1]); err == nil {
			t.Errorf("%s: the deleted institution's visit is still there", storeName(s))
		}
		c, _ := s.Counts()
		if c.Sessions != 0 || c.Enrolments != 0 || c.Students != 2 || c.Institutions != 3 || c.Visits != 3 {
			t.Errorf("%s counts %+v after the deletions", storeName(s), c)
		}
		if s == b {
			// The tombstones travel on: a third machine that hears only
			// from b deletes the records too.
			syncAll(t, b, third)
		}
	}
	tot := rep.Total()
	if want := 1 + 1 + 1 + 4 + 1; tot.Deleted != want || tot.Conflicts != 0 {
		t.Errorf("report: %+v, want %d deleted and no conflicts", tot, want)
	}
	if m.Deleted() != tot.Deleted {
		t.Errorf("the bundle holds %d tombstones, the merge deleted %d", m.Deleted(), tot.Deleted)
	}
}

// Concurrent edits: the newer version stays on both machines, and the older
// is listed as a conflict on both.
func TestConcurrentEditsKeepTheNewerAndListTheOlder(t *testing.T) {
	for seed := range 8 {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(uint64(seed), 13))
			a, b := datatest.OpenNamed(t, "a"), datatest.OpenNamed(t, "b")
			fx := seedBase(t, a, 6)
			syncAll(t, a, b)
			syncAll(t, b, a)
			type outcome struct {
				newer, older string // notes, "†" for a deletion
			}
			want := map[model.ID]outcome{}
			for _, id := range fx.insts {
				first, second := a, b
				if rng.IntN(2) == 0 {
					first, second = b, a
				}
				var o outcome
				for i, s := range []*store.Store{first, second} {
					note := fmt.Sprintf("%s edit %d", storeName(s), rng.IntN(1000))
					if rng.IntN(4) == 0 {
						note = "†"
						if err := s.Institutions.Delete(id); err != nil {
							t.Fatal(err)
						}
					} else {
						editInstitution(t, s, id, note)
					}
					if i == 0 {
						o.older = note
					} else {
						o.newer = note
					}
				}
				want[id] = o
			}
			pa, _ := exportBundle(t, a, b.DeviceID())
			pb, _ := exportBundle(t, b, a.DeviceID())
			ra, rb := mergeFile(t, a, pb), mergeFile(t, b, pa)
			for _, s := range []*store.Store{a, b} {
				lost := map[model.ID]string{}
				list, err := Conflicts(s)
				if err != nil {
					t.Fatal(err)
				}
				for _, c := range list {
					if c.Kind != "institutions" {
						continue
					}
					if c.Reason != ConflictConcurrent {
						t.Errorf("conflict %s has reason %s", c.Title, c.Reason)
					}
					if c.LostMeta().Deleted {
						lost[c.Record] = "†"
						continue
					}
					in := &model.Institution{}
					if err := json.Unmarshal(c.Lost, in); err != nil {
						t.Fatal(err)
					}
					lost[c.Record] = in.Notes
				}
				for id, o := range want {
					got, live := institutionNotes(t, s, id)
					if o.newer == "†" && live || o.newer != "†" && got != o.newer {
						t.Errorf("%s: institution holds %q (live %v), want the newer %q", storeName(s), got, live, o.newer)
					}
					if o.older == o.newer {
						continue // two deletions: nothing to choose between
					}
					if lost[id] != o.older {
						t.Errorf("%s: conflict list holds %q for the institution, want the older %q", storeName(s), lost[id], o.older)
					}
				}
			}
			if ra.Total().Conflicts == 0 || rb.Total().Conflicts == 0 {
				t.Errorf("merge reports count no conflicts: %+v / %+v", ra.Total(), rb.Total())
			}
			datatest.SameSnapshots(t, "a against b", recordSnapshot(t, a), recordSnapshot(t, b))
		})
	}
}

// Two versions with the same updated_at: the device id decides, the same
// way on both machines.
func TestATieIsBrokenByDeviceID(t *testing.T) {
	a, b := datatest.OpenNamed(t, "a"), datatest.OpenNamed(t, "b")
	fx := seedBase(t, a, 1)
	syncAll(t, a, b)
	in, _ := a.Institutions.Get(fx.insts[0])
	at := in.UpdatedAt.Add(1)
	write := func(s *store.Store, notes string) {
		v := *in
		v.Notes, v.UpdatedAt, v.Device, v.UpdatedBy = notes, at, s.DeviceID(), s.DeviceLabel()
		raw, _ := json.Marshal(&v)
		if err := s.Update(func(tx *store.Tx) error { return s.Institutions.PutRawIn(tx, v.ID, raw) }); err != nil {
			t.Fatal(err)
		}
	}
	write(a, "from a")
	write(b, "from b")
	winner := "from a"
	if b.DeviceID() > a.DeviceID() {
		winner = "from b"
	}
	pa, _ := exportBundle(t, a, "")
	pb, _ := exportBundle(t, b, "")
	mergeFile(t, a, pb)
	mergeFile(t, b, pa)
	for _, s := range []*store.Store{a, b} {
		if got, _ := institutionNotes(t, s, in.ID); got != winner {
			t.Errorf("%s keeps %q, want %q (the greater device id)", storeName(s), got, winner)
		}
	}
}

// A bundle that is damaged, cut short, foreign or of a newer format is
// refused with the matching error, and the database stays exactly as it was.
func TestARefusedBundleLeavesTheDatabaseAsItWas(t *testing.T) {
	a, b := datatest.OpenNamed(t, "a"), datatest.OpenNamed(t, "b")
	fx := seedBase(t, a, 5)
	syncAll(t, a, b)
	editInstitution(t, a, fx.insts[0], "changed on a")
	editInstitution(t, b, fx.insts[0], "changed on b") // a conflict, were it merged
	if err := a.Institutions.Delete(fx.insts[1]); err != nil {
		t.Fatal(err)
	}
	good, _ := exportBundle(t, a, "")
	raw, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write := func(name string, content []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, content, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	flipped := bytes.Clone(raw)
	flipped[len(raw)/3] ^= 0x40
	dbFile, _ := os.ReadFile(a.Path())
	cases := []struct {
		name string
		path string
		want error
	}{
		{"a byte flipped", write("flipped.tiscx", flipped), ErrBundleDamaged},
		{"cut in the middle", write("half.tiscx", raw[:len(raw)/2]), ErrBundleDamaged},
		{"cut one byte short", write("short.tiscx", raw[:len(raw)-1]), ErrBundleDamaged},
		{"empty", write("empty.tiscx", nil), ErrNotBundle},
		{"a CSV file", write("list.tiscx", []byte("name,email\n张三,z@example.cn\n")), ErrNotBundle},
		{"a TISC Desk database", write("db.tiscx", dbFile), ErrNotBundle},
		{"a zip without a manifest", write("other.tiscx", zipOf(t, map[string][]byte{"readme.txt": []byte("hello")})), ErrNotBundle},
		{"another program's manifest", write("foreign.tiscx", zipOf(t, map[string][]byte{manifestName: []byte(`{"format":"other"}`)})), ErrNotBundle},
		{"a newer format", write("newer.tiscx", rewriteBundle(t, raw, func(m *Manifest, _ map[string][]byte) { m.Version = BundleVersion + 1 })), ErrBundleNewer},
		{"a newer kind of record", write("kind.tiscx", rewriteBundle(t, raw, func(m *Manifest, files map[string][]byte) {
			m.Schema = store.SchemaVersion + 1
			files["photos.jsonl"] = []byte("{}\n")
			m.Files = append(m.Files, BundleFile{Kind: "photos", Name: "photos.jsonl"})
			fixManifest(m, files)
		})), ErrBundleNewer},
		// A record changed after the manifest was written: found only once
		// the records before it were merged, so the transaction must undo them.
		{"a record altered", write("altered.tiscx", rewriteBundle(t, raw, func(m *Manifest, files map[string][]byte) {
			files["students.jsonl"] = bytes.Replace(files["students.jsonl"], []byte("Student 1"), []byte("Student X"), 1)
		})), ErrBundleDamaged},
		{"a record missing", write("missing.tiscx", rewriteBundle(t, raw, func(m *Manifest, files map[string][]byte) {
			lines := bytes.SplitAfter(files["students.jsonl"], []byte("\n"))
			files["students.jsonl"] = bytes.Join(lines[1:], nil)
		})), ErrBundleDamaged},
		{"a record that is not JSON", write("garbage.tiscx", rewriteBundle(t, raw, func(m *Manifest, files map[string][]byte) {
			files["students.jsonl"] = append(files["students.jsonl"], "{not json\n"...)
			fixManifest(m, files)
		})), ErrBundleDamaged},
	}
	before := datatest.Snapshot(t, b)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := MergeBundleFile(context.Background(), b, c.path, MergeOptions{})
			if !errors.Is(err, c.want) {
				t.Fatalf("merge gives %v, want %v", err, c.want)
			}
			datatest.SameSnapshots(t, "the database after a refused bundle", before, datatest.Snapshot(t, b))
		})
	}
	// The good bundle still merges.
	if rep := mergeFile(t, b, good); rep.Total().Conflicts != 1 {
		t.Errorf("the good bundle gives %+v", rep.Total())
	}
}

// A merge interrupted midway changes nothing.
func TestACancelledMergeChangesNothing(t *testing.T) {
	a, b := datatest.OpenNamed(t, "a"), datatest.OpenNamed(t, "b")
	seedBase(t, a, 1200)
	path, _ := exportBundle(t, a, "")
	before := datatest.Snapshot(t, b)
	ctx, cancel := context.WithCancel(context.Background())
	_, err := MergeBundleFile(ctx, b, path, MergeOptions{Progress: func(done, total int) {
		if done >= 1000 && done < total {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("merge gives %v, want context.Canceled", err)
	}
	datatest.SameSnapshots(t, "the database after a cancelled merge", before, datatest.Snapshot(t, b))
}

// Records a merge writes count for the store's own rules at once: an
// enrolment merged in makes a second one with the same email in the same
// session invalid, as one saved here would.
func TestMergedRecordsCountForTheStoresRules(t *testing.T) {
	a, b := datatest.OpenNamed(t, "a"), datatest.OpenNamed(t, "b")
	fx := seedBase(t, a, 3)
	syncAll(t, a, b)
	// b's index of enrolment emails is built before the next merge...
	if err := b.Enrolments.Put(&model.Enrolment{Session: fx.session, Name: "Early", Email: "early@example.cn", Status: model.StatusActive}); err != nil {
		t.Fatal(err)
	}
	// ...which brings a new enrolment.
	if err := a.Enrolments.Put(&model.Enrolment{Session: fx.session, Name: "新学员", Email: "new@example.cn", Status: model.StatusActive}); err != nil {
		t.Fatal(err)
	}
	syncAll(t, a, b)
	for _, email := range []string{"p0@example.cn", "NEW@example.cn"} {
		err := b.Enrolments.Put(&model.Enrolment{Session: fx.session, Name: "Twice", Email: email, Status: model.StatusActive})
		var ve *model.ValidationError
		if !errors.As(err, &ve) || ve.Message("email") == "" {
			t.Errorf("enrolling %s a second time after the merge: %v", email, err)
		}
	}
	if err := b.Sessions.Put(&model.Session{Code: "101c18s1"}); !errors.Is(err, model.ErrInvalid) {
		t.Errorf("a second session 101C18S1 after the merge: %v", err)
	}
}
