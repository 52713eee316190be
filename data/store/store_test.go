package store

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"
	"tiscdesk/data/model"

	bolt "go.etcd.io/bbolt"
)

// openTemp opens a new store in the test's temporary folder.
func openTemp(t *testing.T) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func ptr[T any](v T) *T { return &v }

// roundTrip saves v, reads it back, checks it equals what was saved, then
// updates it and deletes it, checking the metadata and the tombstone.
func roundTrip[T any, P EntityPtr[T]](t *testing.T, s *Store, table *Table[T, P], v P, change func(P)) {
	t.Helper()
	before, _ := table.Count()
	if err := table.Put(v); err != nil {
		t.Fatalf("put %s: %v", table.bucket, err)
	}
	m := v.Metadata()
	if m.ID == model.NilID || m.ID.Version() != 7 {
		t.Fatalf("%s: id %v is not a UUIDv7", table.bucket, m.ID)
	}
	if m.CreatedAt.IsZero() || !m.UpdatedAt.Equal(m.CreatedAt) || m.UpdatedBy != s.DeviceLabel() || m.Device != s.DeviceID() {
		t.Fatalf("%s: meta not set: %+v", table.bucket, *m)
	}
	got, err := table.Get(m.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(normalised(got), normalised(v)) {
		t.Fatalf("%s round trip:\n got %+v\nwant %+v", table.bucket, *got, *v)
	}
	created := m.CreatedAt
	time.Sleep(2 * time.Millisecond)
	change(v)
	if err := table.Put(v); err != nil {
		t.Fatalf("update %s: %v", table.bucket, err)
	}
	got, _ = table.Get(m.ID)
	if !got.Metadata().CreatedAt.Equal(created) || !got.Metadata().UpdatedAt.After(created) {
		t.Fatalf("%s update: created %v updated %v", table.bucket, got.Metadata().CreatedAt, got.Metadata().UpdatedAt)
	}
	if !reflect.DeepEqual(normalised(got), normalised(v)) {
		t.Fatalf("%s update not saved:\n got %+v\nwant %+v", table.bucket, *got, *v)
	}
	if n, _ := table.Count(); n != before+1 {
		t.Fatalf("%s count %d, want %d", table.bucket, n, before+1)
	}
	if err := table.Delete(m.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := table.Get(m.ID); !errors.Is(err, model.ErrNotFound) {
		t.Fatalf("%s after delete: %v, want ErrNotFound", table.bucket, err)
	}
	if n, _ := table.Count(); n != before {
		t.Fatalf("%s count after delete %d, want %d", table.bucket, n, before)
	}
	// The tombstone stays, so that an exchange can carry the deletion.
	_ = s.View(func(tx *Tx) error {
		raw := tx.tx.Bucket(table.bucket).Get(m.ID[:])
		if raw == nil || !IsTombstone(raw) {
			t.Fatalf("%s: no tombstone left: %s", table.bucket, raw)
		}
		return nil
	})
	if err := table.Delete(m.ID); !errors.Is(err, model.ErrNotFound) {
		t.Fatalf("second delete: %v, want ErrNotFound", err)
	}
}

// normalised drops the monotonic clock reading so that DeepEqual compares
// what is stored.
func normalised[T any, P EntityPtr[T]](v P) T {
	c := *v
	m := P(&c).Metadata()
	m.CreatedAt, m.UpdatedAt = m.CreatedAt.Round(0).UTC(), m.UpdatedAt.Round(0).UTC()
	return c
}

func TestRoundTripEveryEntity(t *testing.T) {
	s := openTemp(t)

	inst := &model.Institution{LocalName: "同济大学", EnglishName: "Tongji University", Type: model.TypeUniversity,
		Province: "CN-SH", City: "上海", Website: "https://www.tongji.edu.cn",
		Contacts: []model.Contact{{Name: "王芳", Title: "馆长", Email: "wang.fang@tongji.edu.cn", Phone: "+86 21 6598 0000"}},
		Services: []model.Service{model.ServiceDatabases, model.ServiceTraining}, Stage: model.StageCandidate, Batch: "batch 1"}
	inst.MoveTo(model.StageCandidate, "2025-03-01", "省局推荐", "test", time.Now())
	roundTrip(t, s, s.Institutions, inst, func(v *model.Institution) {
		v.MoveTo(model.StageApplied, "2025-04-02", "", "test", time.Now())
	})

	// Children need live parents.
	parent := &model.Institution{LocalName: "四川大学", Type: model.TypeUniversity, Province: "CN-SC", Stage: model.StageVisited}
	if err := s.Institutions.Put(parent); err != nil {
		t.Fatal(err)
	}
	roundTrip(t, s, s.Visits, &model.Visit{Institution: parent.ID, Date: "2025-05-06", Kind: model.VisitAssessment,
		Visitors: []string{"Li Wei"}, Checklist: []model.Assessment{{Criterion: model.CriterionCommitment, Score: 4, Comment: "校领导出席"}, {Criterion: model.CriterionStaff, Score: 3, Comment: ""}},
		StaffCount: 5, Trained101: 3, Recommendation: model.RecommendWithConditions,
		FollowUps: []model.FollowUp{{Action: "Send DL-318 enrolment list", Owner: "Li Wei", Due: "2025-06-01"}},
		Position:  &model.GeoPoint{Lat: 30.63, Lon: 104.08}}, func(v *model.Visit) { v.FollowUps[0].Done = true })

	roundTrip(t, s, s.Courses, &model.Course{Number: "999", TitleEN: "Test course", TitleZH: "测试课程"},
		func(v *model.Course) { v.TitleEN = "Renamed" })
	sess := &model.Session{Code: "101c18s1", Start: "2018-03-01", End: "2018-05-31", Tutors: []string{"Chen Jing"}}
	roundTrip(t, s, s.Sessions, sess, func(v *model.Session) { v.Platform = "WIPO Academy" })
	if sess.Code != "101C18S1" {
		t.Errorf("session code saved as %q, want canonical 101C18S1", sess.Code)
	}

	live := &model.Session{Code: "318C19S2"}
	if err := s.Sessions.Put(live); err != nil {
		t.Fatal(err)
	}
	roundTrip(t, s, s.Enrolments, &model.Enrolment{Session: live.ID, Name: "张伟", Email: "zhang.wei@example.cn",
		Gender: model.GenderMale, Province: "CN-BJ", Country: "CN", Status: model.StatusCompleted, Score: ptr(87.5),
		Certificate: "C-2019-0001", CertificateDate: "2019-12-20"}, func(v *model.Enrolment) { v.Score = ptr(90.0) })

	prog := &model.Programme{Name: "WIPO-Tongji Master of Intellectual Property", Partner: "Tongji University", Country: "CN"}
	roundTrip(t, s, s.Programmes, prog, func(v *model.Programme) { v.City = "Shanghai" })
	prog.ID = model.NilID
	if err := s.Programmes.Put(prog); err != nil {
		t.Fatal(err)
	}
	roundTrip(t, s, s.Cohorts, &model.Cohort{Programme: prog.ID, IntakeYear: 2018, Places: 25, Applicants: 130},
		func(v *model.Cohort) { v.Applicants = 131 })
	cohort := &model.Cohort{Programme: prog.ID, IntakeYear: 2019}
	if err := s.Cohorts.Put(cohort); err != nil {
		t.Fatal(err)
	}
	roundTrip(t, s, s.Students, &model.Student{Cohort: cohort.ID, Name: "Abebe Kebede", Gender: model.GenderMale,
		Nationality: "ET", Funder: model.FunderWIPO, Status: model.StudentEnrolled}, func(v *model.Student) {
		v.Status, v.Graduated, v.Thesis = model.StudentGraduated, "2020-07-01", "Patent information in Ethiopia"
	})
}

func TestPutUnknownIDIsNotFound(t *testing.T) {
	s := openTemp(t)
	in := &model.Institution{LocalName: "x", Type: model.TypeOther, Province: "CN-BJ", Stage: model.StageCandidate}
	in.ID = model.NewID()
	if err := s.Institutions.Put(in); !errors.Is(err, model.ErrNotFound) {
		t.Fatalf("put with unknown id: %v, want ErrNotFound", err)
	}
}

func TestValidationMessages(t *testing.T) {
	s := openTemp(t)
	good := func() *model.Institution {
		return &model.Institution{LocalName: "吉林大学", Type: model.TypeUniversity, Province: "CN-JL", Stage: model.StageCandidate}
	}
	cases := []struct {
		name    string
		mutate  func(*model.Institution)
		field   string
		message string
	}{
		{"no name", func(i *model.Institution) { i.LocalName = " " }, "local_name", "a local or an English name is required"},
		{"bad type", func(i *model.Institution) { i.Type = "castle" }, "type", "is not a known institution type"},
		{"bad province", func(i *model.Institution) { i.Province = "CN-XX" }, "province", "is not a known province"},
		{"bad email", func(i *model.Institution) { i.Contacts = []model.Contact{{Name: "a", Email: "not-an-email"}} }, "contacts.0.email", "is not a valid email address"},
		{"contact without name", func(i *model.Institution) { i.Contacts = []model.Contact{{Email: "a@b.cn"}} }, "contacts.0.name", "is required"},
		{"bad website", func(i *model.Institution) { i.Website = "no host" }, "website", "is not a web address"},
		{"bad stage", func(i *model.Institution) { i.Stage = "dreaming" }, "stage", "is not a known stage"},
		{"bad history date", func(i *model.Institution) {
			i.History = []model.StageChange{{Stage: model.StageCandidate, Date: "2025-02-30"}}
		}, "history.0.date", "is not a date of the form YYYY-MM-DD"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := good()
			c.mutate(in)
			err := s.Institutions.Put(in)
			var ve *model.ValidationError
			if !errors.As(err, &ve) || !errors.Is(err, model.ErrInvalid) {
				t.Fatalf("err = %v, want a ValidationError", err)
			}
			if got := ve.Message(c.field); got != c.message {
				t.Fatalf("message for %s = %q, want %q (all: %v)", c.field, got, c.message, err)
			}
			if n, _ := s.Institutions.Count(); n != 0 {
				t.Fatalf("an invalid record was saved")
			}
		})
	}

	others := []struct {
		name    string
		v       interface{ Validate() error }
		field   string
		message string
	}{
		{"visit score", &model.Visit{Institution: model.NewID(), Date: "2025-01-01", Kind: model.VisitAssessment, Checklist: []model.Assessment{{Criterion: model.CriterionStaff, Score: 6, Comment: ""}}}, "checklist.0.score", "must be between 0 and 5"},
		{"visit twice", &model.Visit{Institution: model.NewID(), Date: "2025-01-01", Kind: model.VisitAssessment, Checklist: []model.Assessment{{Criterion: model.CriterionStaff, Score: 1, Comment: ""}, {Criterion: model.CriterionStaff, Score: 2, Comment: ""}}}, "checklist.1.criterion", "is assessed twice"},
		{"visit no date", &model.Visit{Institution: model.NewID(), Kind: model.VisitAssessment}, "date", "is required"},
		{"visit trained", &model.Visit{Institution: model.NewID(), Date: "2025-01-01", Kind: model.VisitTraining, StaffCount: 1, Trained318: 2}, "staff_count", "is less than the staff trained"},
		{"follow-up action", &model.Visit{Institution: model.NewID(), Date: "2025-01-01", Kind: model.VisitOther, FollowUps: []model.FollowUp{{Due: "2025-02-01"}}}, "follow_ups.0.action", "is required"},
		{"enrolment email", &model.Enrolment{Session: model.NewID(), Name: "a", Email: "a@b", Status: model.StatusActive}, "email", "is not a valid email address"},
		{"enrolment score", &model.Enrolment{Session: model.NewID(), Name: "a", Email: "a@b.cn", Status: model.StatusActive, Score: ptr(101.0)}, "score", "must be between 0 and 100"},
		{"enrolment name", &model.Enrolment{Session: model.NewID(), Email: "a@b.cn", Status: model.StatusActive}, "name", "is required"},
		{"enrolment status", &model.Enrolment{Session: model.NewID(), Name: "a", Email: "a@b.cn", Status: "passed"}, "status", "is not a known status"},
		{"enrolment country", &model.Enrolment{Session: model.NewID(), Name: "a", Email: "a@b.cn", Status: model.StatusActive, Country: "China"}, "country", "is not a two-letter country code"},
		{"session code", &model.Session{Code: "101X18S1"}, "code", "is not a session code of the form NNNLYYSn, e.g. 101C18S1"},
		{"session dates", &model.Session{Code: "101C18S1", Start: "2018-05-01", End: "2018-04-01"}, "end", "is before the start"},
		{"course number", &model.Course{Number: "1a1", TitleEN: "x"}, "number", "must be three digits"},
		{"cohort year", &model.Cohort{Programme: model.NewID(), IntakeYear: 18}, "intake_year", "must be a year between 1990 and 2100"},
		{"programme name", &model.Programme{Partner: "x"}, "name", "is required"},
	}
	for _, c := range others {
		t.Run(c.name, func(t *testing.T) {
			var ve *model.ValidationError
			if err := c.v.Validate(); !errors.As(err, &ve) {
				t.Fatalf("err = %v, want a ValidationError", err)
			}
			if got := ve.Message(c.field); got != c.message {
				t.Fatalf("message for %s = %q, want %q (all: %v)", c.field, got, c.message, ve)
			}
		})
	}
}

func TestReferencesAndUniqueness(t *testing.T) {
	s := openTemp(t)
	v := &model.Visit{Institution: model.NewID(), Date: "2025-01-01", Kind: model.VisitAssessment}
	var ve *model.ValidationError
	if err := s.Visits.Put(v); !errors.As(err, &ve) || ve.Message("institution") == "" {
		t.Fatalf("visit to a missing institution: %v", err)
	}
	if err := s.Sessions.Put(&model.Session{Code: "101C18S1"}); err != nil {
		t.Fatal(err)
	}
	if err := s.Sessions.Put(&model.Session{Code: "101c18s1"}); !errors.As(err, &ve) || ve.Message("code") != "is already used by another session" {
		t.Fatalf("duplicate session code: %v", err)
	}
	if err := s.Courses.Put(&model.Course{Number: "101", TitleEN: "again"}); !errors.As(err, &ve) || ve.Message("number") == "" {
		t.Fatalf("duplicate course number (the catalogue has 101): %v", err)
	}
}

func TestDeleteCascades(t *testing.T) {
	s := openTemp(t)
	in := &model.Institution{LocalName: "兰州大学", Type: model.TypeUniversity, Province: "CN-GS", Stage: model.StageVisited}
	other := &model.Institution{LocalName: "吉林大学", Type: model.TypeUniversity, Province: "CN-JL", Stage: model.StageVisited}
	for _, x := range []*model.Institution{in, other} {
		if err := s.Institutions.Put(x); err != nil {
			t.Fatal(err)
		}
	}
	for _, id := range []model.ID{in.ID, in.ID, other.ID} {
		if err := s.Visits.Put(&model.Visit{Institution: id, Date: "2025-01-01", Kind: model.VisitAssessment}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Institutions.Delete(in.ID); err != nil {
		t.Fatal(err)
	}
	visits, _ := s.Visits.List()
	if len(visits) != 1 || visits[0].Institution != other.ID {
		t.Fatalf("after deleting an institution, visits = %d, want only the other's one", len(visits))
	}
	if p, err := s.Check(); err != nil || len(p) != 0 {
		t.Fatalf("check after cascade: %v %v", p, err)
	}
}

func TestFileMode(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "new", "folder")
	path := filepath.Join(dir, "tiscdesk.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	wantPrivate(t, path)
	wantPrivate(t, dir)
}

func TestDeviceAndSettings(t *testing.T) {
	path := filepath.Join(t.TempDir(), "t.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	id := s.DeviceID()
	if id == "" || s.DeviceLabel() == "" {
		t.Fatal("no device identity on a new database")
	}
	if err := s.SetDeviceLabel("  "); !errors.Is(err, model.ErrInvalid) {
		t.Fatalf("blank label: %v", err)
	}
	if err := s.SetDeviceLabel("Field laptop Li Wei"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetLanguage("zh"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetLanguage("fr"); err == nil {
		t.Fatal("unsupported language accepted")
	}
	if err := s.SetBackupsToKeep(7); err != nil {
		t.Fatal(err)
	}
	if s.Language() != "zh" || s.BackupsToKeep() != 7 || s.DeviceLabel() != "Field laptop Li Wei" {
		t.Fatalf("before reopen: %q %d %q", s.Language(), s.BackupsToKeep(), s.DeviceLabel())
	}
	s.Close()
	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.DeviceID() != id || s.DeviceLabel() != "Field laptop Li Wei" || s.Language() != "zh" || s.BackupsToKeep() != 7 {
		t.Fatalf("after reopen: %q %q %q %d", s.DeviceID(), s.DeviceLabel(), s.Language(), s.BackupsToKeep())
	}
}

func TestCatalogueSeeded(t *testing.T) {
	s := openTemp(t)
	courses, err := s.Courses.List()
	if err != nil {
		t.Fatal(err)
	}
	if len(courses) != len(model.BuiltinCatalogue()) {
		t.Fatalf("%d courses, want the %d built in", len(courses), len(model.BuiltinCatalogue()))
	}
	for _, c := range courses {
		if !c.Builtin || c.UpdatedBy != s.DeviceLabel() || c.Device != s.DeviceID() {
			t.Fatalf("seeded course %+v lacks its device or builtin flag", c)
		}
	}
}

// bbolt maps 1 GiB of address space at open (initialMmapSize), and then
// lengthens the file by its AllocSize whenever it grows: a database must
// stay about as long as its pages, not 16 MiB longer.
func TestFileStaysAsLongAsItsPages(t *testing.T) {
	s := openTemp(t)
	addInstitutions(t, s, 1000, "x")
	var used int64
	s.db.View(func(tx *bolt.Tx) error { used = tx.Size(); return nil })
	info, err := os.Stat(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	if info.Size() > used+allocSize {
		t.Fatalf("the file is %d bytes for %d bytes of pages", info.Size(), used)
	}
}

// Version changes with every write that commits, and only then.
func TestVersionChangesWithEveryWrite(t *testing.T) {
	s := openTemp(t)
	v0 := s.Version()
	if _, err := s.Counts(); err != nil {
		t.Fatal(err)
	}
	if s.Version() != v0 {
		t.Fatal("reading changed the version")
	}
	in := &model.Institution{LocalName: "同济大学", Type: model.TypeUniversity, Province: "CN-SH", Stage: model.StageCandidate}
	if err := s.Institutions.Put(in); err != nil {
		t.Fatal(err)
	}
	v1 := s.Version()
	if v1 == v0 {
		t.Fatal("a save left the version as it was")
	}
	if err := s.Update(func(tx *Tx) error { return errors.New("no") }); err == nil || s.Version() != v1 {
		t.Fatal("a transaction rolled back changed the version")
	}
	if err := s.Institutions.Delete(in.ID); err != nil || s.Version() == v1 {
		t.Fatalf("a deletion left the version as it was (%v)", err)
	}
}
