package data

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

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
func roundTrip[T any, P entityPtr[T]](t *testing.T, s *Store, table *Table[T, P], v P, change func(P)) {
	t.Helper()
	before, _ := table.Count()
	if err := table.Put(v); err != nil {
		t.Fatalf("put %s: %v", table.bucket, err)
	}
	m := v.Metadata()
	if m.ID == NilID || m.ID.Version() != 7 {
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
	if _, err := table.Get(m.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("%s after delete: %v, want ErrNotFound", table.bucket, err)
	}
	if n, _ := table.Count(); n != before {
		t.Fatalf("%s count after delete %d, want %d", table.bucket, n, before)
	}
	// The tombstone stays, so that an exchange can carry the deletion.
	_ = s.View(func(tx *Tx) error {
		raw := tx.tx.Bucket(table.bucket).Get(m.ID[:])
		if raw == nil || !isTombstone(raw) {
			t.Fatalf("%s: no tombstone left: %s", table.bucket, raw)
		}
		return nil
	})
	if err := table.Delete(m.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("second delete: %v, want ErrNotFound", err)
	}
}

// normalised drops the monotonic clock reading so that DeepEqual compares
// what is stored.
func normalised[T any, P entityPtr[T]](v P) T {
	c := *v
	m := P(&c).Metadata()
	m.CreatedAt, m.UpdatedAt = m.CreatedAt.Round(0).UTC(), m.UpdatedAt.Round(0).UTC()
	return c
}

func TestRoundTripEveryEntity(t *testing.T) {
	s := openTemp(t)

	inst := &Institution{LocalName: "同济大学", EnglishName: "Tongji University", Type: TypeUniversity,
		Province: "CN-SH", City: "上海", Website: "https://www.tongji.edu.cn",
		Contacts: []Contact{{Name: "王芳", Title: "馆长", Email: "wang.fang@tongji.edu.cn", Phone: "+86 21 6598 0000"}},
		Services: []Service{ServiceDatabases, ServiceTraining}, Stage: StageCandidate, Batch: "batch 1"}
	inst.MoveTo(StageCandidate, "2025-03-01", "省局推荐", "test", time.Now())
	roundTrip(t, s, s.Institutions, inst, func(v *Institution) {
		v.MoveTo(StageApplied, "2025-04-02", "", "test", time.Now())
	})

	// Children need live parents.
	parent := &Institution{LocalName: "四川大学", Type: TypeUniversity, Province: "CN-SC", Stage: StageVisited}
	if err := s.Institutions.Put(parent); err != nil {
		t.Fatal(err)
	}
	roundTrip(t, s, s.Visits, &Visit{Institution: parent.ID, Date: "2025-05-06", Kind: VisitAssessment,
		Visitors: []string{"Li Wei"}, Checklist: []Assessment{{Criterion: CriterionCommitment, Score: 4, Comment: "校领导出席"}, {Criterion: CriterionStaff, Score: 3, Comment: ""}},
		StaffCount: 5, Trained101: 3, Recommendation: RecommendWithConditions,
		FollowUps: []FollowUp{{Action: "Send DL-318 enrolment list", Owner: "Li Wei", Due: "2025-06-01"}},
		Position:  &GeoPoint{Lat: 30.63, Lon: 104.08}}, func(v *Visit) { v.FollowUps[0].Done = true })

	roundTrip(t, s, s.Courses, &Course{Number: "999", TitleEN: "Test course", TitleZH: "测试课程"},
		func(v *Course) { v.TitleEN = "Renamed" })
	sess := &Session{Code: "101c18s1", Start: "2018-03-01", End: "2018-05-31", Tutors: []string{"Chen Jing"}}
	roundTrip(t, s, s.Sessions, sess, func(v *Session) { v.Platform = "WIPO Academy" })
	if sess.Code != "101C18S1" {
		t.Errorf("session code saved as %q, want canonical 101C18S1", sess.Code)
	}

	live := &Session{Code: "318C19S2"}
	if err := s.Sessions.Put(live); err != nil {
		t.Fatal(err)
	}
	roundTrip(t, s, s.Enrolments, &Enrolment{Session: live.ID, Name: "张伟", Email: "zhang.wei@example.cn",
		Gender: GenderMale, Province: "CN-BJ", Country: "CN", Status: StatusCompleted, Score: ptr(87.5),
		Certificate: "C-2019-0001", CertificateDate: "2019-12-20"}, func(v *Enrolment) { v.Score = ptr(90.0) })

	prog := &Programme{Name: "WIPO-Tongji Master of Intellectual Property", Partner: "Tongji University", Country: "CN"}
	roundTrip(t, s, s.Programmes, prog, func(v *Programme) { v.City = "Shanghai" })
	prog.ID = NilID
	if err := s.Programmes.Put(prog); err != nil {
		t.Fatal(err)
	}
	roundTrip(t, s, s.Cohorts, &Cohort{Programme: prog.ID, IntakeYear: 2018, Places: 25, Applicants: 130},
		func(v *Cohort) { v.Applicants = 131 })
	cohort := &Cohort{Programme: prog.ID, IntakeYear: 2019}
	if err := s.Cohorts.Put(cohort); err != nil {
		t.Fatal(err)
	}
	roundTrip(t, s, s.Students, &Student{Cohort: cohort.ID, Name: "Abebe Kebede", Gender: GenderMale,
		Nationality: "ET", Funder: FunderWIPO, Status: StudentEnrolled}, func(v *Student) {
		v.Status, v.Graduated, v.Thesis = StudentGraduated, "2020-07-01", "Patent information in Ethiopia"
	})
}

func TestPutUnknownIDIsNotFound(t *testing.T) {
	s := openTemp(t)
	in := &Institution{LocalName: "x", Type: TypeOther, Province: "CN-BJ", Stage: StageCandidate}
	in.ID = NewID()
	if err := s.Institutions.Put(in); !errors.Is(err, ErrNotFound) {
		t.Fatalf("put with unknown id: %v, want ErrNotFound", err)
	}
}

func TestValidationMessages(t *testing.T) {
	s := openTemp(t)
	good := func() *Institution {
		return &Institution{LocalName: "吉林大学", Type: TypeUniversity, Province: "CN-JL", Stage: StageCandidate}
	}
	cases := []struct {
		name    string
		mutate  func(*Institution)
		field   string
		message string
	}{
		{"no name", func(i *Institution) { i.LocalName = " " }, "local_name", "a local or an English name is required"},
		{"bad type", func(i *Institution) { i.Type = "castle" }, "type", "is not a known institution type"},
		{"no province", func(i *Institution) { i.Province = "" }, "province", "is required"},
		{"bad province", func(i *Institution) { i.Province = "CN-XX" }, "province", "is not a known province"},
		{"bad email", func(i *Institution) { i.Contacts = []Contact{{Name: "a", Email: "not-an-email"}} }, "contacts.0.email", "is not a valid email address"},
		{"contact without name", func(i *Institution) { i.Contacts = []Contact{{Email: "a@b.cn"}} }, "contacts.0.name", "is required"},
		{"bad website", func(i *Institution) { i.Website = "no host" }, "website", "is not a web address"},
		{"bad stage", func(i *Institution) { i.Stage = "dreaming" }, "stage", "is not a known stage"},
		{"bad history date", func(i *Institution) { i.History = []StageChange{{Stage: StageCandidate, Date: "2025-02-30"}} }, "history.0.date", "is not a date of the form YYYY-MM-DD"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := good()
			c.mutate(in)
			err := s.Institutions.Put(in)
			var ve *ValidationError
			if !errors.As(err, &ve) || !errors.Is(err, ErrInvalid) {
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
		{"visit score", &Visit{Institution: NewID(), Date: "2025-01-01", Kind: VisitAssessment, Checklist: []Assessment{{Criterion: CriterionStaff, Score: 6, Comment: ""}}}, "checklist.0.score", "must be between 0 and 5"},
		{"visit twice", &Visit{Institution: NewID(), Date: "2025-01-01", Kind: VisitAssessment, Checklist: []Assessment{{Criterion: CriterionStaff, Score: 1, Comment: ""}, {Criterion: CriterionStaff, Score: 2, Comment: ""}}}, "checklist.1.criterion", "is assessed twice"},
		{"visit no date", &Visit{Institution: NewID(), Kind: VisitAssessment}, "date", "is required"},
		{"visit trained", &Visit{Institution: NewID(), Date: "2025-01-01", Kind: VisitTraining, StaffCount: 1, Trained318: 2}, "staff_count", "is less than the staff trained"},
		{"follow-up action", &Visit{Institution: NewID(), Date: "2025-01-01", Kind: VisitOther, FollowUps: []FollowUp{{Due: "2025-02-01"}}}, "follow_ups.0.action", "is required"},
		{"enrolment email", &Enrolment{Session: NewID(), Name: "a", Email: "a@b", Status: StatusActive}, "email", "is not a valid email address"},
		{"enrolment score", &Enrolment{Session: NewID(), Name: "a", Email: "a@b.cn", Status: StatusActive, Score: ptr(101.0)}, "score", "must be between 0 and 100"},
		{"enrolment name", &Enrolment{Session: NewID(), Email: "a@b.cn", Status: StatusActive}, "name", "is required"},
		{"enrolment status", &Enrolment{Session: NewID(), Name: "a", Email: "a@b.cn", Status: "passed"}, "status", "is not a known status"},
		{"enrolment country", &Enrolment{Session: NewID(), Name: "a", Email: "a@b.cn", Status: StatusActive, Country: "China"}, "country", "is not a two-letter country code"},
		{"session code", &Session{Code: "101X18S1"}, "code", "is not a session code of the form NNNLYYSn, e.g. 101C18S1"},
		{"session dates", &Session{Code: "101C18S1", Start: "2018-05-01", End: "2018-04-01"}, "end", "is before the start"},
		{"course number", &Course{Number: "1a1", TitleEN: "x"}, "number", "must be three digits"},
		{"cohort year", &Cohort{Programme: NewID(), IntakeYear: 18}, "intake_year", "must be a year between 1990 and 2100"},
		{"graduate date", &Student{Cohort: NewID(), Name: "a", Status: StudentGraduated}, "graduated", "is required for a graduate"},
		{"programme partner", &Programme{Name: "x"}, "partner", "is required"},
	}
	for _, c := range others {
		t.Run(c.name, func(t *testing.T) {
			var ve *ValidationError
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
	v := &Visit{Institution: NewID(), Date: "2025-01-01", Kind: VisitAssessment}
	var ve *ValidationError
	if err := s.Visits.Put(v); !errors.As(err, &ve) || ve.Message("institution") == "" {
		t.Fatalf("visit to a missing institution: %v", err)
	}
	if err := s.Sessions.Put(&Session{Code: "101C18S1"}); err != nil {
		t.Fatal(err)
	}
	if err := s.Sessions.Put(&Session{Code: "101c18s1"}); !errors.As(err, &ve) || ve.Message("code") != "is already used by another session" {
		t.Fatalf("duplicate session code: %v", err)
	}
	if err := s.Courses.Put(&Course{Number: "101", TitleEN: "again"}); !errors.As(err, &ve) || ve.Message("number") == "" {
		t.Fatalf("duplicate course number (the catalogue has 101): %v", err)
	}
}

func TestDeleteCascades(t *testing.T) {
	s := openTemp(t)
	in := &Institution{LocalName: "兰州大学", Type: TypeUniversity, Province: "CN-GS", Stage: StageVisited}
	other := &Institution{LocalName: "吉林大学", Type: TypeUniversity, Province: "CN-JL", Stage: StageVisited}
	for _, x := range []*Institution{in, other} {
		if err := s.Institutions.Put(x); err != nil {
			t.Fatal(err)
		}
	}
	for _, id := range []ID{in.ID, in.ID, other.ID} {
		if err := s.Visits.Put(&Visit{Institution: id, Date: "2025-01-01", Kind: VisitAssessment}); err != nil {
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
	info, _ := os.Stat(path)
	if info.Mode().Perm() != 0o600 {
		t.Errorf("database mode %v, want 0600", info.Mode().Perm())
	}
	dinfo, _ := os.Stat(dir)
	if dinfo.Mode().Perm() != 0o700 {
		t.Errorf("folder mode %v, want 0700", dinfo.Mode().Perm())
	}
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
	if err := s.SetDeviceLabel("  "); !errors.Is(err, ErrInvalid) {
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
	s.Close()
	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.DeviceID() != id || s.DeviceLabel() != "Field laptop Li Wei" || s.Language() != "zh" {
		t.Fatalf("after reopen: %q %q %q", s.DeviceID(), s.DeviceLabel(), s.Language())
	}
}

func TestCatalogueSeeded(t *testing.T) {
	s := openTemp(t)
	courses, err := s.Courses.List()
	if err != nil {
		t.Fatal(err)
	}
	if len(courses) != len(BuiltinCatalogue()) {
		t.Fatalf("%d courses, want the %d built in", len(courses), len(BuiltinCatalogue()))
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
	if _, err := s.LoadSample(sampleToday); err != nil {
		t.Fatal(err)
	}
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
	in := &Institution{LocalName: "同济大学", Type: TypeUniversity, Province: "CN-SH", Stage: StageCandidate}
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
