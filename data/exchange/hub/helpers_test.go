package hub

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"tiscdesk/data/datatest"
	"tiscdesk/data/exchange"
	"tiscdesk/data/exchange/hub/pgtest"
	"tiscdesk/data/model"
	"tiscdesk/data/store"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// newHub is a freshly set-up hub on the package's test server.
func newHub(t testing.TB) string {
	t.Helper()
	url := pgtest.Need(t).NewDB(t)
	if _, err := Setup(context.Background(), url); err != nil {
		t.Fatalf("hub setup: %v", err)
	}
	return url
}

func syncOK(t testing.TB, s *store.Store, url string) SyncReport {
	t.Helper()
	rep, err := Sync(context.Background(), s, url)
	if err != nil {
		t.Fatalf("sync: %v", err)
	}
	return rep
}

// bundleTo gives to what from has, by a bundle of everything.
func bundleTo(t testing.TB, from, to *store.Store) {
	t.Helper()
	path := filepath.Join(t.TempDir(), fmt.Sprintf("b%d.tiscx", rand.Int()))
	if _, err := exchange.SaveBundle(from, path, false, exchange.ExportOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := exchange.MergeBundleFile(context.Background(), to, path, exchange.MergeOptions{}); err != nil {
		t.Fatal(err)
	}
}

// records is every record of s, by kind and id, as stored.
func records(t testing.TB, s *store.Store) map[string]string {
	t.Helper()
	return datatest.Snapshot(t, s, exchange.KindNames()...)
}

// conflictSet is the conflict list of s as (kind, record, lost version's
// device and time), which both transports must agree on.
func conflictSet(t testing.TB, s *store.Store) []string {
	t.Helper()
	cs, err := exchange.Conflicts(s)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, c := range cs {
		m := c.LostMeta()
		out = append(out, fmt.Sprintf("%s %s %s lost %s@%s", c.Kind, c.Record, c.Reason, m.Device[:8], m.UpdatedAt.Format("15:04:05.000000000")))
	}
	slices.Sort(out)
	return out
}

// seed writes n institutions with a visit each, a session with n
// enrolments, and a programme with a cohort of three students.
func seed(t testing.TB, s *store.Store, n int) []model.ID {
	t.Helper()
	var insts []model.ID
	err := s.Update(func(tx *store.Tx) error {
		provinces := []string{"CN-BJ", "CN-SH", "CN-SC", "CN-GD", "CN-SN"}
		for i := range n {
			in := &model.Institution{LocalName: fmt.Sprintf("测试大学%d", i), EnglishName: fmt.Sprintf("Test University %d", i),
				Type: model.TypeUniversity, Province: provinces[i%len(provinces)], Stage: model.StageCandidate}
			if err := s.Institutions.PutIn(tx, in); err != nil {
				return err
			}
			insts = append(insts, in.ID)
			v := &model.Visit{Institution: in.ID, Date: "2018-05-02", Kind: model.VisitAssessment, Findings: "first visit"}
			if err := s.Visits.PutIn(tx, v); err != nil {
				return err
			}
		}
		ss := &model.Session{Code: "101C18S1", Start: "2018-03-01", End: "2018-06-30"}
		if err := s.Sessions.PutIn(tx, ss); err != nil {
			return err
		}
		for i := range n {
			e := &model.Enrolment{Session: ss.ID, Name: fmt.Sprintf("学员%d", i), Email: fmt.Sprintf("p%d@example.cn", i), Status: model.StatusActive}
			if err := s.Enrolments.PutIn(tx, e); err != nil {
				return err
			}
		}
		g := &model.Programme{Name: "WIPO-Tongji Master of Intellectual Property", Partner: "Tongji University"}
		if err := s.Programmes.PutIn(tx, g); err != nil {
			return err
		}
		c := &model.Cohort{Programme: g.ID, IntakeYear: 2018}
		if err := s.Cohorts.PutIn(tx, c); err != nil {
			return err
		}
		for i := range 3 {
			if err := s.Students.PutIn(tx, &model.Student{Cohort: c.ID, Name: fmt.Sprintf("Student %d", i), Status: model.StudentEnrolled}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return insts
}

// randomWork edits, deletes and adds records on s: some of the ids are
// edited on other machines too (concurrent edits of the same records).
func randomWork(t testing.TB, rng *rand.Rand, s *store.Store, insts []model.ID) {
	t.Helper()
	for _, id := range insts {
		switch rng.IntN(6) {
		case 0, 1:
			in, err := s.Institutions.Get(id)
			if err != nil {
				continue // deleted here already
			}
			in.Notes = fmt.Sprintf("edited on %s: %d", s.DeviceLabel(), rng.IntN(1000))
			if err := s.Institutions.Put(in); err != nil {
				t.Fatal(err)
			}
		case 2:
			if rng.IntN(3) == 0 {
				if err := s.Institutions.Delete(id); err != nil && !strings.Contains(err.Error(), "not found") {
					t.Fatal(err)
				}
			}
		}
	}
	in := &model.Institution{LocalName: fmt.Sprintf("新机构 %s %d", s.DeviceID()[:8], rng.IntN(1e6)), Type: model.TypeLibrary, Province: "CN-HB", Stage: model.StageApplied}
	if err := s.Institutions.Put(in); err != nil {
		t.Fatal(err)
	}
}
