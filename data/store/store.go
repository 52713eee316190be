package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"
	"tiscdesk/data/model"

	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// LockTimeout is how long Open waits for another program to release the file.
const LockTimeout = time.Second

const appMarker = "tiscdesk"

// Bucket names. Each entity has one; meta holds the schema version, this
// device's identity and its settings.
var (
	bucketMeta         = []byte("meta")
	bucketInstitutions = []byte("institutions")
	bucketVisits       = []byte("visits")
	bucketCourses      = []byte("courses")
	bucketSessions     = []byte("sessions")
	bucketEnrolments   = []byte("enrolments")
	bucketProgrammes   = []byte("programmes")
	bucketCohorts      = []byte("cohorts")
	bucketStudents     = []byte("students")

	// A TISC's yearly returns and evaluations (schema 5).
	bucketStatistics  = []byte(StatisticsBucket)
	bucketEvaluations = []byte(EvaluationsBucket)

	// The exchange's buckets (schema 3).
	bucketExchange  = []byte(ExchangeBucket)
	bucketConflicts = []byte(ConflictsBucket)
	bucketAliases   = []byte(AliasesBucket)
)

// The buckets, as the rooms above name them for Tx.Bucket.
const (
	InstitutionsBucket = "institutions"
	VisitsBucket       = "visits"
	CoursesBucket      = "courses"
	SessionsBucket     = "sessions"
	EnrolmentsBucket   = "enrolments"
	ProgrammesBucket   = "programmes"
	CohortsBucket      = "cohorts"
	StudentsBucket     = "students"
	StatisticsBucket   = "statistics"  // yearly returns, one per institution and year
	EvaluationsBucket  = "evaluations" // a TISC's evaluations and reviews

	ExchangeBucket  = "exchange"  // this database's Knowledge and each device's exchanges
	ConflictsBucket = "conflicts" // losing versions, for the user to review
	AliasesBucket   = "aliases"   // id of a merged duplicate → id of the record kept
)

// Meta bucket keys.
var (
	keyApp         = []byte("app")
	keySchema      = []byte("schema")
	keyDeviceID    = []byte("device_id")
	keyDeviceLabel = []byte("device_label")
	keyLanguage    = []byte("language")
)

// Store is an open TISC Desk database. Its tables give typed access to each
// entity; Update and View run several operations in one transaction.
type Store struct {
	db       *bolt.DB
	path     string
	deviceID string
	clock    Clock

	// The settings kept in the meta bucket, read once at open and updated
	// by their setters, so that a screen asking for them does no I/O.
	settingsMu    sync.RWMutex
	deviceLabel   string
	language      string
	backupsToKeep string
	historyLimit  string

	enrolmentKeys *enrolmentKeys // the enrolments' emails, for their rule (rules.go)

	// snapshot is held shared by every write (update) and alone by a
	// backup while it reads its snapshot (makeBackup, BackupTo): bbolt
	// tells a free page by the live freelist, which a write committed
	// meanwhile changes, so a backup would zero pages its snapshot uses.
	snapshot sync.RWMutex

	// The history of records (history.go): how many replaced versions each
	// keeps, the tables' buckets whose writes keep them, and how each
	// table restores an old version.
	tableNames []string
	historied  map[string]bool
	restorers  map[string]func(tx *Tx, id model.ID, raw []byte) error

	Institutions *Table[model.Institution, *model.Institution]
	Visits       *Table[model.Visit, *model.Visit]
	Courses      *Table[model.Course, *model.Course]
	Sessions     *Table[model.Session, *model.Session]
	Enrolments   *Table[model.Enrolment, *model.Enrolment]
	Programmes   *Table[model.Programme, *model.Programme]
	Cohorts      *Table[model.Cohort, *model.Cohort]
	Students     *Table[model.Student, *model.Student]
	Statistics   *Table[model.YearlyReturn, *model.YearlyReturn]
	Evaluations  *Table[model.Evaluation, *model.Evaluation]
}

// DefaultPath is <user config dir>/tiscdesk/tiscdesk.db.
func DefaultPath() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("find the configuration folder: %w", err)
	}
	return filepath.Join(dir, "tiscdesk", "tiscdesk.db"), nil
}

// Open opens the database at path, creating it (mode 0600, in a folder
// created 0700) when it does not exist, and runs any pending migrations.
//
// Returns ErrInUse when another program holds the file for LockTimeout,
// ErrNotDatabase when the file is not a TISC Desk database or is damaged,
// and ErrNewerSchema when a newer TISC Desk wrote it. In those cases the file
// is not written to.
func Open(path string) (*Store, error) { return OpenWith(path, Options{}) }

// OpenWith is Open with choices beyond the path (a clock of the caller's);
// it returns the same errors.
func OpenWith(path string, o Options) (*Store, error) {
	created := false
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, fmt.Errorf("create folder for %s: %w", path, err)
		}
		created = true
	} else if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	} else if err := VerifyFile(path); err != nil {
		// The header, the meta record and bbolt's page check, read-only: a
		// damaged page would otherwise panic the first read that meets it.
		return nil, err
	}

	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: LockTimeout, InitialMmapSize: initialMmapSize, PageSize: pageSize})
	if err != nil {
		return nil, openError(path, err)
	}
	db.AllocSize = allocSize
	db.NoSync = o.NoSync
	if !created {
		// The file is ours (verify said so): make sure only its owner reads it.
		_ = os.Chmod(path, 0o600)
	}
	s := newStore(db, path)
	if o.Clock != nil {
		s.clock = o.Clock
	}
	if err := s.migrate(created); err != nil {
		db.Close()
		return nil, err
	}
	if err := s.loadDevice(); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// verify checks, without writing to it, that an existing file is a sound
// TISC Desk database of a schema this program can read.
func verify(path string) (err error) {
	if err := checkHeader(path); err != nil {
		return err
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: LockTimeout, ReadOnly: true})
	if err != nil {
		return openError(path, err)
	}
	defer db.Close()
	defer func() {
		// bbolt panics on pages it cannot make sense of.
		if r := recover(); r != nil {
			err = fmt.Errorf("%s is damaged (%v): %w", path, r, model.ErrNotDatabase)
		}
	}()
	return db.View(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		if meta == nil || string(meta.Get(keyApp)) != appMarker {
			return fmt.Errorf("%s was not written by TISC Desk: %w", path, model.ErrNotDatabase)
		}
		v, err := schemaOf(meta)
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		if v > SchemaVersion {
			return fmt.Errorf("%s has schema %d, this TISC Desk reads up to %d: %w", path, v, SchemaVersion, model.ErrNewerSchema)
		}
		return nil
	})
}

// initialMmapSize is how much address space bbolt maps for the database at
// Open: 1 GiB, a decade of a busy office's records several times over.
// Mapping is only address space; the memory used is the pages read. When a
// write outgrows the mapping, bbolt maps the file again, and before it can
// it copies every key and value the transaction holds out of the old
// mapping: a 100,000-row import into a small database paid that copy (and
// the memory it takes) on every doubling of the file. With the whole
// database inside the first mapping, no write below 1 GiB remaps.
//
// Not on Windows, where bbolt lengthens the file to the mapping's size, nor
// where a pointer has 32 bits.
var initialMmapSize = func() int {
	if runtime.GOOS == "windows" || strconv.IntSize < 64 {
		return 0
	}
	return 1 << 30
}()

// allocSize is how much room bbolt adds when a commit lengthens the file.
// Its default, 16 MiB, applies once the mapping is larger than that, which
// with initialMmapSize is always: a new database would be 16 MiB long (if
// mostly holes). With 1 MiB the file stays about as long as its data, and
// a commit that needs more still lengthens it once.
const allocSize = 1 << 20

// pageSize is the size of the pages of a new database (one already made
// keeps its own). bbolt writes every page it changes with its own system
// call and keeps a buffer for each until the commit ends; at 16 KiB rather
// than the system's 4 KiB, a 100,000-row import makes a quarter of the
// writes and pieces, and takes about a tenth less time. An ordinary save of
// one record writes a few pages, so 48 KiB rather than 12.
const pageSize = 16 << 10

func openError(path string, err error) error {
	switch {
	case errors.Is(err, berrors.ErrTimeout):
		return fmt.Errorf("%s: %w", path, model.ErrInUse)
	case errors.Is(err, berrors.ErrInvalid), errors.Is(err, berrors.ErrVersionMismatch),
		errors.Is(err, berrors.ErrChecksum), strings.Contains(err.Error(), "file size too small"):
		return fmt.Errorf("%s: %v: %w", path, err, model.ErrNotDatabase)
	}
	return fmt.Errorf("open %s: %w", path, err)
}

func newStore(db *bolt.DB, path string) *Store {
	s := &Store{db: db, path: path, clock: SystemClock}
	s.Institutions = &Table[model.Institution, *model.Institution]{s: s, bucket: bucketInstitutions, name: string(bucketInstitutions)}
	s.Visits = &Table[model.Visit, *model.Visit]{s: s, bucket: bucketVisits, name: string(bucketVisits)}
	s.Courses = &Table[model.Course, *model.Course]{s: s, bucket: bucketCourses, name: string(bucketCourses)}
	s.Sessions = &Table[model.Session, *model.Session]{s: s, bucket: bucketSessions, name: string(bucketSessions)}
	s.Enrolments = &Table[model.Enrolment, *model.Enrolment]{s: s, bucket: bucketEnrolments, name: string(bucketEnrolments)}
	s.Programmes = &Table[model.Programme, *model.Programme]{s: s, bucket: bucketProgrammes, name: string(bucketProgrammes)}
	s.Cohorts = &Table[model.Cohort, *model.Cohort]{s: s, bucket: bucketCohorts, name: string(bucketCohorts)}
	s.Students = &Table[model.Student, *model.Student]{s: s, bucket: bucketStudents, name: string(bucketStudents)}
	s.Statistics = &Table[model.YearlyReturn, *model.YearlyReturn]{s: s, bucket: bucketStatistics, name: StatisticsBucket}
	s.Evaluations = &Table[model.Evaluation, *model.Evaluation]{s: s, bucket: bucketEvaluations, name: EvaluationsBucket}
	s.wireRules()
	// Every table keeps the history of its records; a new table joins here.
	keep(s, s.Institutions)
	keep(s, s.Visits)
	keep(s, s.Courses)
	keep(s, s.Sessions)
	keep(s, s.Enrolments)
	keep(s, s.Programmes)
	keep(s, s.Cohorts)
	keep(s, s.Students)
	keep(s, s.Statistics)
	keep(s, s.Evaluations)
	s.wireOperationsRules()
	return s
}

// keep registers t's bucket for the history of records.
func keep[T any, P EntityPtr[T]](s *Store, t *Table[T, P]) {
	if s.historied == nil {
		s.historied, s.restorers = map[string]bool{}, map[string]func(*Tx, model.ID, []byte) error{}
	}
	s.tableNames = append(s.tableNames, t.name)
	s.historied[t.name] = true
	s.restorers[t.name] = t.restoreIn
}

// Close releases the database file.
func (s *Store) Close() error { return s.db.Close() }

// Path is the database file's path.
func (s *Store) Path() string { return s.path }

// DeviceID identifies this machine's database in exchanges.
func (s *Store) DeviceID() string { return s.deviceID }

// DeviceLabel is the human name of this machine, written as updated_by.
func (s *Store) DeviceLabel() string {
	s.settingsMu.RLock()
	defer s.settingsMu.RUnlock()
	return s.deviceLabel
}

// SetDeviceLabel renames this device. The label must not be blank.
func (s *Store) SetDeviceLabel(label string) error {
	label = strings.TrimSpace(label)
	if label == "" {
		return &model.ValidationError{Fields: []model.FieldError{{Field: "device_label", Message: "is required"}}}
	}
	return s.putMeta(keyDeviceLabel, label, &s.deviceLabel)
}

// Language is the interface language chosen in Settings: "en", "zh", or ""
// to follow the system.
func (s *Store) Language() string {
	s.settingsMu.RLock()
	defer s.settingsMu.RUnlock()
	return s.language
}

// SetLanguage saves the interface language ("en", "zh" or "").
func (s *Store) SetLanguage(l string) error {
	if l != "" && l != "en" && l != "zh" {
		return fmt.Errorf("language %q: expected en or zh", l)
	}
	return s.putMeta(keyLanguage, l, &s.language)
}

// putMeta saves a setting and, once it is written, the copy in memory.
func (s *Store) putMeta(key []byte, value string, kept *string) error {
	err := s.update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMeta).Put(key, []byte(value))
	})
	if err != nil {
		return fmt.Errorf("save setting %s: %w", key, err)
	}
	s.settingsMu.Lock()
	*kept = value
	s.settingsMu.Unlock()
	return nil
}

// loadDevice reads this device's id and label, creating them on first use,
// and the other settings of the meta bucket.
func (s *Store) loadDevice() error {
	return s.update(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		id, label := string(meta.Get(keyDeviceID)), string(meta.Get(keyDeviceLabel))
		if id == "" {
			id = uuid.NewString()
			if err := meta.Put(keyDeviceID, []byte(id)); err != nil {
				return err
			}
		}
		if label == "" {
			label = defaultDeviceLabel()
			if err := meta.Put(keyDeviceLabel, []byte(label)); err != nil {
				return err
			}
		}
		s.deviceID, s.deviceLabel = id, label
		s.language, s.backupsToKeep = string(meta.Get(keyLanguage)), string(meta.Get(keyBackupsToKeep))
		s.historyLimit = string(meta.Get(keyHistoryLimit))
		return nil
	})
}

func defaultDeviceLabel() string {
	if h, err := os.Hostname(); err == nil && h != "" {
		return h
	}
	return "this computer"
}

// Tx is one read or read-write transaction over the store. It is valid only
// inside the function given to Update or View.
type Tx struct {
	tx    *bolt.Tx
	s     *Store
	now   time.Time
	label string // this device's label when tx began, stamped as updated_by
	// historyLimit is how many replaced versions a record keeps, as when
	// tx began.
	historyLimit int
	// pastIndex is set once tx writes enrolments other than through PutIn
	// and DeleteIn (wrotePast).
	pastIndex bool
	buckets   map[string]*Bucket // handed out by Bucket
}

// wrotePast notes that tx writes records of bucket other than through
// PutIn and DeleteIn, which run the table's rules: an import or a merge
// writing straight into the bucket. For enrolments, whose rule keeps an
// index of their emails, the index is read again once tx commits.
func (tx *Tx) wrotePast(bucket string) {
	if tx.pastIndex || bucket != EnrolmentsBucket {
		return
	}
	tx.pastIndex = true
	tx.tx.OnCommit(tx.s.enrolmentKeys.forget)
}

// Update runs fn in one read-write transaction: everything fn writes lands,
// or, when fn returns an error, nothing does.
func (s *Store) Update(fn func(*Tx) error) error {
	return s.update(func(tx *bolt.Tx) error {
		return fn(&Tx{tx: tx, s: s, now: s.Now(), label: s.DeviceLabel(), historyLimit: s.HistoryLimit()})
	})
}

// update is bbolt's Update, held off while a backup reads its snapshot.
// Never start a backup from inside fn: it would wait for fn forever.
func (s *Store) update(fn func(*bolt.Tx) error) error {
	s.snapshot.RLock()
	defer s.snapshot.RUnlock()
	return s.db.Update(fn)
}

// Version identifies the database's committed state: the id of the last
// transaction that committed, which every write changes. What a screen
// computed from the store is current while the version stays the same.
func (s *Store) Version() int {
	v := 0
	_ = s.db.View(func(tx *bolt.Tx) error {
		v = tx.ID()
		return nil
	})
	return v
}

// View runs fn in one read-only transaction: a consistent snapshot.
func (s *Store) View(fn func(*Tx) error) error {
	return s.db.View(func(tx *bolt.Tx) error {
		return fn(&Tx{tx: tx, s: s})
	})
}
