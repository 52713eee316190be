package store

import (
	"encoding/json"
	"fmt"
	"strconv"
	"time"
	"tiscdesk/data/model"

	"github.com/google/uuid"

	bolt "go.etcd.io/bbolt"
)

// migration moves the file from schema version `to`-1 to `to`. Each runs in
// the same transaction as the version bump, so a file is never half-migrated.
type migration struct {
	to   int
	what string
	run  func(tx *bolt.Tx) error
}

// migrations, in order. Append only: a released step never changes, since
// files written by that release depend on it. The test in migrate_test.go
// opens files written at every earlier schema.
var migrations = []migration{
	{1, "create the buckets and the meta record", createBuckets},
	{2, "add the built-in distance-learning catalogue", seedCatalogue},
	{3, "add the exchange state, conflict list and merged-duplicate aliases", createExchangeBuckets},
	{4, "add the history of records and the photos of visits", createHistoryAndPhotoBuckets},
	{5, "add the TISCs' yearly returns and evaluations", createOperationsBuckets},
}

// SchemaVersion is the schema this program writes.
var SchemaVersion = len(migrations)

func schemaOf(meta *bolt.Bucket) (int, error) {
	raw := meta.Get(keySchema)
	if raw == nil {
		return 0, nil
	}
	v, err := strconv.Atoi(string(raw))
	if err != nil || v < 0 {
		return 0, fmt.Errorf("schema version %q: %w", raw, model.ErrNotDatabase)
	}
	return v, nil
}

// migrate brings the file to SchemaVersion. created says the file is new.
func (s *Store) migrate(created bool) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		return migrateTo(tx, SchemaVersion, created)
	})
}

func migrateTo(tx *bolt.Tx, target int, created bool) error {
	version := 0
	if meta := tx.Bucket(bucketMeta); meta != nil {
		v, err := schemaOf(meta)
		if err != nil {
			return err
		}
		version = v
	} else if !created {
		return fmt.Errorf("no meta bucket: %w", model.ErrNotDatabase)
	}
	if version > target {
		return fmt.Errorf("schema %d, this TISC Desk reads up to %d: %w", version, target, model.ErrNewerSchema)
	}
	for _, m := range migrations[version:target] {
		if err := m.run(tx); err != nil {
			return fmt.Errorf("migrate to schema %d (%s): %w", m.to, m.what, err)
		}
		if err := tx.Bucket(bucketMeta).Put(keySchema, []byte(strconv.Itoa(m.to))); err != nil {
			return err
		}
	}
	return nil
}

func createBuckets(tx *bolt.Tx) error {
	for _, name := range [][]byte{bucketMeta, bucketInstitutions, bucketVisits, bucketCourses,
		bucketSessions, bucketEnrolments, bucketProgrammes, bucketCohorts, bucketStudents} {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return err
		}
	}
	meta := tx.Bucket(bucketMeta)
	if err := meta.Put(keyApp, []byte(appMarker)); err != nil {
		return err
	}
	// The device identity exists from the first transaction on, so every
	// record, the seeded ones included, names the device that wrote it.
	if err := meta.Put(keyDeviceID, []byte(uuid.NewString())); err != nil {
		return err
	}
	return meta.Put(keyDeviceLabel, []byte(defaultDeviceLabel()))
}

// seedCatalogue adds the WIPO Academy courses a database does not have yet
// (by number), as built-in entries the user may edit.
func seedCatalogue(tx *bolt.Tx) error {
	b := tx.Bucket(bucketCourses)
	have := map[string]bool{}
	err := b.ForEach(func(_, raw []byte) error {
		var c model.Course
		if err := json.Unmarshal(raw, &c); err != nil {
			return err
		}
		have[c.Number] = true
		return nil
	})
	if err != nil {
		return err
	}
	now := time.Now().UTC() // the seed predates any clock a store is given
	device := string(tx.Bucket(bucketMeta).Get(keyDeviceID))
	label := string(tx.Bucket(bucketMeta).Get(keyDeviceLabel))
	for _, e := range model.BuiltinCatalogue() {
		if have[e.Number] {
			continue
		}
		c := model.Course{Number: e.Number, TitleEN: e.TitleEN, TitleZH: e.TitleZH, Builtin: true}
		c.ID, c.CreatedAt, c.UpdatedAt, c.UpdatedBy, c.Device = model.NewID(), now, now, label, device
		raw, err := json.Marshal(&c)
		if err != nil {
			return err
		}
		if err := b.Put(c.ID[:], raw); err != nil {
			return err
		}
	}
	return nil
}

func createExchangeBuckets(tx *bolt.Tx) error {
	for _, name := range [][]byte{bucketExchange, bucketConflicts, bucketAliases} {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return err
		}
	}
	return nil
}

func createHistoryAndPhotoBuckets(tx *bolt.Tx) error {
	for _, name := range [][]byte{bucketHistory, bucketPhotos} {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return err
		}
	}
	return nil
}

func createOperationsBuckets(tx *bolt.Tx) error {
	for _, name := range [][]byte{bucketStatistics, bucketEvaluations} {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return err
		}
	}
	return nil
}
