package hub

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"tiscdesk/data/model"
)

// Logins (DESIGN section 11): one PostgreSQL role per machine, made by
// the owner with AddLogin, bound to the first device that syncs with it.
// What a login may read and write is enforced by the hub itself, with
// row-level security: a machine writes only versions stamped with its own
// device id (a coordinator also those it merged from bundles); a
// coordinator reads and writes everything; headquarters reads everything
// and writes nothing; a field login reads and writes the institutions and
// visits of its provinces, reads the course catalogue, and sees no
// enrolment, student or other personal data.

// Role is what a login may do.
type Role string

const (
	Coordinator  Role = "coordinator"
	Headquarters Role = "headquarters"
	Field        Role = "field"
)

// ErrBoundElsewhere is returned when a login that belongs to another
// machine is used to sync.
var ErrBoundElsewhere = errors.New("this hub login belongs to another machine: ask the coordinator for a login of your own")

// schemaV2 adds the logins, their group roles, grants and policies.
var schemaV2 = []string{
	`CREATE TABLE IF NOT EXISTS logins (
		role name PRIMARY KEY,
		label text NOT NULL,
		kind text NOT NULL CHECK (kind IN ('coordinator', 'headquarters', 'field')),
		provinces text[] NOT NULL DEFAULT '{}',
		device text,
		created_at timestamptz NOT NULL DEFAULT now())`,
	`REVOKE ALL ON logins FROM PUBLIC`,
	// What the login of the session is (session_user: SET ROLE does not
	// change it, and inside these SECURITY DEFINER functions current_user
	// is the owner); NULL for the owner.
	`CREATE OR REPLACE FUNCTION hub_kind() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
		AS $$ SELECT kind FROM logins WHERE role = session_user $$`,
	`CREATE OR REPLACE FUNCTION hub_provinces() RETURNS text[] LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
		AS $$ SELECT coalesce((SELECT provinces FROM logins WHERE role = session_user), '{}') $$`,
	`CREATE OR REPLACE FUNCTION hub_device() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
		AS $$ SELECT device FROM logins WHERE role = session_user $$`,
	// Binds the current login to a device on its first sync; refuses
	// another device afterwards.
	`CREATE OR REPLACE FUNCTION hub_bind(d text) RETURNS text LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
	DECLARE bound text; k text;
	BEGIN
		SELECT device, kind INTO bound, k FROM logins WHERE role = session_user FOR UPDATE;
		IF NOT FOUND THEN RETURN 'owner'; END IF;
		IF bound IS NULL THEN
			UPDATE logins SET device = d WHERE role = session_user;
		ELSIF bound <> d THEN
			RAISE EXCEPTION 'login % is bound to device %', session_user, bound USING ERRCODE = 'TD001';
		END IF;
		RETURN k;
	END $$`,
	`DO $$ BEGIN
		IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'tisc_writer') THEN CREATE ROLE tisc_writer NOLOGIN; END IF;
		IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'tisc_reader') THEN CREATE ROLE tisc_reader NOLOGIN; END IF;
	END $$`,
	`GRANT SELECT ON versions, batches, conflicts, devices, hub_meta TO tisc_reader, tisc_writer`,
	`GRANT SELECT ON institutions, visits, courses, sessions, enrolments, programmes, cohorts, students TO tisc_reader, tisc_writer`,
	`GRANT INSERT, UPDATE ON versions, conflicts, devices TO tisc_writer`,
	`GRANT INSERT, UPDATE ON devices TO tisc_reader`,
	`GRANT INSERT ON batches TO tisc_writer`,
	`GRANT USAGE ON SEQUENCE version_seq, batches_id_seq TO tisc_writer`,
	`GRANT EXECUTE ON FUNCTION hub_kind(), hub_provinces(), hub_device(), hub_bind(text) TO tisc_reader, tisc_writer`,
	`ALTER TABLE versions ENABLE ROW LEVEL SECURITY`,
	`ALTER TABLE conflicts ENABLE ROW LEVEL SECURITY`,
	`ALTER TABLE batches ENABLE ROW LEVEL SECURITY`,
	`ALTER TABLE devices ENABLE ROW LEVEL SECURITY`,
	`CREATE OR REPLACE FUNCTION hub_may_read(k text, p text) RETURNS boolean LANGUAGE sql STABLE AS $$
		SELECT CASE hub_kind()
			WHEN 'coordinator' THEN true
			WHEN 'headquarters' THEN true
			WHEN 'field' THEN (k IN ('institutions', 'visits') AND p = ANY (hub_provinces())) OR k = 'courses'
			ELSE false END $$`,
	`CREATE OR REPLACE FUNCTION hub_may_write(k text, p text, d text) RETURNS boolean LANGUAGE sql STABLE AS $$
		SELECT CASE hub_kind()
			WHEN 'coordinator' THEN true
			WHEN 'field' THEN d = hub_device() AND k IN ('institutions', 'visits') AND p = ANY (hub_provinces())
			ELSE false END $$`,
	`GRANT EXECUTE ON FUNCTION hub_may_read(text, text), hub_may_write(text, text, text) TO tisc_reader, tisc_writer`,
	`DROP POLICY IF EXISTS read ON versions`,
	`CREATE POLICY read ON versions FOR SELECT USING (hub_may_read(kind, province))`,
	`DROP POLICY IF EXISTS add ON versions`,
	`CREATE POLICY add ON versions FOR INSERT WITH CHECK (hub_may_write(kind, province, device))`,
	`DROP POLICY IF EXISTS change ON versions`,
	`CREATE POLICY change ON versions FOR UPDATE USING (hub_may_write(kind, province, hub_device()) OR hub_kind() = 'coordinator')
		WITH CHECK (hub_may_write(kind, province, device))`,
	`DROP POLICY IF EXISTS read ON conflicts`,
	`CREATE POLICY read ON conflicts FOR SELECT USING (hub_kind() IN ('coordinator', 'headquarters') OR device = hub_device())`,
	`DROP POLICY IF EXISTS add ON conflicts`,
	`CREATE POLICY add ON conflicts FOR INSERT WITH CHECK (hub_may_write(kind, '', device) OR (hub_kind() = 'field' AND device = hub_device()))`,
	`DROP POLICY IF EXISTS read ON batches`,
	`CREATE POLICY read ON batches FOR SELECT USING (true)`,
	`DROP POLICY IF EXISTS add ON batches`,
	`CREATE POLICY add ON batches FOR INSERT WITH CHECK (device = hub_device() AND hub_kind() IN ('coordinator', 'field'))`,
	`DROP POLICY IF EXISTS read ON devices`,
	`CREATE POLICY read ON devices FOR SELECT USING (true)`,
	`DROP POLICY IF EXISTS own ON devices`,
	`CREATE POLICY own ON devices FOR INSERT WITH CHECK (id = hub_device())`,
	`DROP POLICY IF EXISTS own_update ON devices`,
	`CREATE POLICY own_update ON devices FOR UPDATE USING (id = hub_device()) WITH CHECK (id = hub_device())`,
}

// Login is a login made by AddLogin.
type Login struct {
	Role      string
	Label     string
	Kind      Role
	Provinces []string
	URL       string // the machine's connection URL, with its password
}

var roleChars = regexp.MustCompile(`[^a-z0-9]+`)

// AddLogin creates, with the owner's URL, a PostgreSQL login for one
// machine: a role with a random password, member of the hub's reader or
// writer group, and its entry in the logins table the policies read.
// provinces (ISO codes) are required for a field login and refused
// otherwise.
func AddLogin(ctx context.Context, ownerURL, label string, kind Role, provinces []string) (Login, error) {
	label = strings.TrimSpace(label)
	if label == "" {
		return Login{}, errors.New("give the machine a label, such as the name of the person who uses it")
	}
	switch kind {
	case Field:
		if len(provinces) == 0 {
			return Login{}, errors.New("a field login needs --provinces (ISO codes such as CN-SH,CN-JS)")
		}
		for _, p := range provinces {
			if _, ok := model.ProvinceByCode(p); !ok {
				return Login{}, fmt.Errorf("%q is not a province code (ISO 3166-2:CN, such as CN-SH)", p)
			}
		}
	case Coordinator, Headquarters:
		if len(provinces) > 0 {
			return Login{}, errors.New("--provinces is for field logins only")
		}
	default:
		return Login{}, fmt.Errorf("unknown kind of login %q", kind)
	}
	u, err := url.Parse(ownerURL)
	if err != nil || u.Scheme == "" {
		return Login{}, errors.New("give the hub's owner URL as postgres://USER:PASSWORD@HOST/DATABASE")
	}
	c, err := dial(ctx, ownerURL)
	if err != nil {
		return Login{}, err
	}
	defer c.Close(context.Background())
	h := &Hub{conn: c}
	if err := h.check(ctx); err != nil {
		return Login{}, err
	}
	secret := make([]byte, 18)
	rand.Read(secret)
	suffix := make([]byte, 3)
	rand.Read(suffix)
	base := strings.Trim(roleChars.ReplaceAllString(strings.ToLower(label), "_"), "_")
	if len(base) > 30 {
		base = base[:30]
	}
	l := Login{Role: "tisc_" + base + "_" + hex.EncodeToString(suffix), Label: label, Kind: kind, Provinces: append([]string{}, provinces...)}
	if base == "" {
		l.Role = "tisc_" + hex.EncodeToString(suffix)
	}
	password := hex.EncodeToString(secret)
	group := "tisc_writer"
	if kind == Headquarters {
		group = "tisc_reader"
	}
	tx, err := c.Begin(ctx)
	if err != nil {
		return Login{}, err
	}
	defer tx.Rollback(context.Background())
	var q string
	if err := tx.QueryRow(ctx, `SELECT format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE %I', $1::text, $2::text, $3::text)`,
		l.Role, password, group).Scan(&q); err != nil {
		return Login{}, fmt.Errorf("create the login: %w", err)
	}
	if _, err := tx.Exec(ctx, q); err != nil {
		return Login{}, fmt.Errorf("create the login: %w", err)
	}
	if _, err := tx.Exec(ctx, `INSERT INTO logins (role, label, kind, provinces) VALUES ($1, $2, $3, $4)`,
		l.Role, label, string(kind), l.Provinces); err != nil {
		return Login{}, fmt.Errorf("create the login: %w", err)
	}
	if err := tx.Commit(ctx); err != nil {
		return Login{}, fmt.Errorf("create the login: %w", err)
	}
	u.User = url.UserPassword(l.Role, password)
	l.URL = u.String()
	return l, nil
}

// may says whether a login of kind with provinces, bound to device self,
// may write row; the hub enforces the same rule, this only keeps what it
// would refuse from being sent.
func may(kind string, provinces []string, self string, r row) bool {
	switch kind {
	case "", string(Coordinator):
		return true
	case string(Field):
		return r.device == self && (r.kind == "institutions" || r.kind == "visits") && slices.Contains(provinces, r.province)
	}
	return false
}
