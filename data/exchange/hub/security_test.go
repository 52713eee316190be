package hub

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"testing"
	"tiscdesk/data/datatest"
	"tiscdesk/data/model"
	"tiscdesk/data/store"

	"github.com/jackc/pgx/v5/pgconn"
)

func addLogin(t *testing.T, owner, label string, kind Role, provinces ...string) Login {
	t.Helper()
	l, err := AddLogin(context.Background(), owner, label, kind, provinces)
	if err != nil {
		t.Fatalf("add login %s: %v", label, err)
	}
	return l
}

func count(t *testing.T, s *store.Store) store.Counts {
	t.Helper()
	c, err := s.Counts()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// A field login reads and writes only the institutions and visits of its
// provinces and reads the catalogue, even with SQL of its own on its own
// connection; headquarters reads everything and writes nothing; a login
// serves the first machine that syncs with it alone.
func TestLoginsAreEnforcedByTheHub(t *testing.T) {
	owner := newHub(t)
	ctx := context.Background()
	coordL := addLogin(t, owner, "Coordinator Wang", Coordinator)
	fieldL := addLogin(t, owner, "Field laptop Li (Shanghai)", Field, "CN-SH")
	hqL := addLogin(t, owner, "Headquarters Geneva", Headquarters)
	if _, err := AddLogin(ctx, owner, "x", Field, nil); err == nil {
		t.Error("a field login without provinces was made")
	}

	coord := datatest.OpenNamed(t, "coord")
	seed(t, coord, 10) // two institutions per province: BJ, SH, SC, GD, SN
	syncOK(t, coord, coordL.URL)

	field := datatest.OpenNamed(t, "field")
	rep := syncOK(t, field, fieldL.URL)
	if rep.Push.NotAllowed == 0 || rep.Push.Sent != 0 {
		t.Errorf("the field machine's built-in catalogue: sent %d, not allowed %d; want all held back", rep.Push.Sent, rep.Push.NotAllowed)
	}
	c := count(t, field)
	if c.Institutions != 2 || c.Visits != 2 || c.Enrolments != 0 || c.Students != 0 || c.Sessions != 0 {
		t.Errorf("the Shanghai field machine pulled %+v; want its 2 institutions and 2 visits and no personal data", c)
	}
	// Its own work in its province goes up; another province's stays here.
	sh := &model.Institution{LocalName: "上海新馆", Type: model.TypeLibrary, Province: "CN-SH", Stage: model.StageCandidate}
	bj := &model.Institution{LocalName: "北京新馆", Type: model.TypeLibrary, Province: "CN-BJ", Stage: model.StageCandidate}
	for _, in := range []*model.Institution{sh, bj} {
		if err := field.Institutions.Put(in); err != nil {
			t.Fatal(err)
		}
	}
	rep = syncOK(t, field, fieldL.URL)
	// Held back too: its built-in courses, retired in favour of the
	// coordinator's when they met (a field login does not write courses).
	if rep.Push.Sent != 1 || rep.Push.NotAllowed < 1 {
		t.Errorf("pushed %d and held back %d; want the Shanghai one sent and the Beijing one held back", rep.Push.Sent, rep.Push.NotAllowed)
	}
	syncOK(t, coord, coordL.URL)
	if _, err := coord.Institutions.Get(sh.ID); err != nil {
		t.Errorf("the coordinator lacks the field's Shanghai institution: %v", err)
	}
	if _, err := coord.Institutions.Get(bj.ID); err == nil {
		t.Error("the coordinator got the field's Beijing institution")
	}

	// Hand-written SQL on the field login's own connection.
	fc := hubConn(t, fieldL.URL)
	zero := []string{
		`SELECT count(*) FROM versions WHERE kind IN ('enrolments', 'students', 'sessions', 'cohorts', 'programmes')`,
		`SELECT count(*) FROM enrolments`,
		`SELECT count(*) FROM students`,
		`SELECT count(*) FROM versions WHERE kind IN ('institutions', 'visits') AND province <> 'CN-SH'`,
		`SELECT count(*) FROM institutions WHERE province <> 'CN-SH'`,
	}
	for _, q := range zero {
		var n int
		if err := fc.QueryRow(ctx, q).Scan(&n); err != nil {
			t.Errorf("%s: %v", q, err)
		} else if n != 0 {
			t.Errorf("the field login reads %d rows: %s", n, q)
		}
	}
	if tag, err := fc.Exec(ctx, `UPDATE versions SET updated_by = 'me' WHERE province = 'CN-BJ'`); err != nil || tag.RowsAffected() != 0 {
		t.Errorf("the field login changed %d rows of Beijing (%v)", tag.RowsAffected(), err)
	}
	var shID string
	if err := fc.QueryRow(ctx, `SELECT id::text FROM versions WHERE kind = 'institutions' AND province = 'CN-SH' LIMIT 1`).Scan(&shID); err != nil {
		t.Fatal(err)
	}
	refused := []string{
		// another province, stamped with its own device
		`INSERT INTO versions (id, kind, value, deleted, updated_ns, updated_at, device, updated_by, province, seq, batch)
			VALUES (gen_random_uuid(), 'institutions', '{}', false, 1, now(), '` + field.DeviceID() + `', 'x', 'CN-BJ', nextval('version_seq'), (SELECT max(id) FROM batches))`,
		// its province, stamped with another device's id
		`INSERT INTO versions (id, kind, value, deleted, updated_ns, updated_at, device, updated_by, province, seq, batch)
			VALUES (gen_random_uuid(), 'institutions', '{}', false, 1, now(), '` + coord.DeviceID() + `', 'x', 'CN-SH', nextval('version_seq'), (SELECT max(id) FROM batches))`,
		// a record of its province restamped with another device
		`UPDATE versions SET device = '` + coord.DeviceID() + `' WHERE id = '` + shID + `'`,
		// a record of its province moved to another province
		`UPDATE versions SET province = 'CN-BJ', device = '` + field.DeviceID() + `' WHERE id = '` + shID + `'`,
		// an enrolment
		`INSERT INTO versions (id, kind, value, deleted, updated_ns, updated_at, device, updated_by, province, seq, batch)
			VALUES (gen_random_uuid(), 'enrolments', '{}', false, 1, now(), '` + field.DeviceID() + `', 'x', '', nextval('version_seq'), (SELECT max(id) FROM batches))`,
		`UPDATE logins SET provinces = '{CN-BJ}'`,
		`SELECT hub_bind('another-device')`,
		`SET ROLE postgres`,
	}
	for _, q := range refused {
		_, err := fc.Exec(ctx, q)
		var pe *pgconn.PgError
		if !errors.As(err, &pe) || (pe.Code != "42501" && pe.Code != "TD001") {
			t.Errorf("the field login was not refused (%v): %s", err, q)
		}
	}

	// Headquarters reads everything and writes nothing.
	hq := datatest.OpenNamed(t, "hq")
	if err := hq.Institutions.Put(&model.Institution{LocalName: "总部", Type: model.TypeOther, Province: "CN-BJ", Stage: model.StageCandidate}); err != nil {
		t.Fatal(err)
	}
	rep = syncOK(t, hq, hqL.URL)
	if rep.Push.Sent != 0 || rep.Push.NotAllowed == 0 {
		t.Errorf("headquarters pushed %d", rep.Push.Sent)
	}
	if got, want := count(t, hq).Enrolments, count(t, coord).Enrolments; got != want {
		t.Errorf("headquarters pulled %d enrolments of %d", got, want)
	}
	hc := hubConn(t, hqL.URL)
	if _, err := hc.Exec(ctx, `UPDATE versions SET updated_by = 'hq'`); err == nil {
		t.Error("headquarters could update versions")
	}
	var n int
	if err := hc.QueryRow(ctx, `SELECT count(*) FROM enrolments`).Scan(&n); err != nil || n != count(t, coord).Enrolments {
		t.Errorf("headquarters' enrolments view shows %d (%v)", n, err)
	}

	// The field login belongs to the field machine now.
	other := datatest.OpenNamed(t, "other")
	if _, err := Sync(ctx, other, fieldL.URL); !errors.Is(err, ErrBoundElsewhere) {
		t.Errorf("another machine with the field's login: %v, want ErrBoundElsewhere", err)
	}
	u, _ := url.Parse(fieldL.URL)
	password, _ := u.User.Password()
	if len(password) < 16 || strings.Contains(Redact(fieldL.URL), password) {
		t.Errorf("the login's password %q is short, or shown by Redact: %s", password, Redact(fieldL.URL))
	}
}
