package data

import (
	"tiscdesk/data/sample"
	"tiscdesk/data/store"
)

// The store's names, as the window and the reports knew them when the store
// was part of this package (docs/architecture.md).

// Store is an open database with the operations of every room: the
// store's tables and transactions, and the queries, imports, exports and
// exchanges built on them.
type Store struct{ *store.Store }

// Open opens the database at path as store.Open does, with its errors.
func Open(path string) (*Store, error) { return OpenWith(path, Options{}) }

// OpenWith opens the database at path as store.OpenWith does, with its
// errors.
func OpenWith(path string, o Options) (*Store, error) {
	s, err := store.OpenWith(path, o)
	if err != nil {
		return nil, err
	}
	return &Store{s}, nil
}

// Table is store.Table.
type Table[T any, P store.EntityPtr[T]] = store.Table[T, P]

type (
	Backup  = store.Backup
	Bucket  = store.Bucket
	Clock   = store.Clock
	Counts  = store.Counts
	Options = store.Options
	Problem = store.Problem
	Tx      = store.Tx
)

const (
	AliasesBucket        = store.AliasesBucket
	ConflictsBucket      = store.ConflictsBucket
	DefaultBackupsToKeep = store.DefaultBackupsToKeep
	ExchangeBucket       = store.ExchangeBucket
	LargeWrite           = store.LargeWrite
	LockTimeout          = store.LockTimeout
	MaxBackupsToKeep     = store.MaxBackupsToKeep
)

var (
	ErrFileExists     = store.ErrFileExists
	ErrNoBackup       = store.ErrNoBackup
	SchemaVersion     = store.SchemaVersion
	BackupDir         = store.BackupDir
	CheckFile         = store.CheckFile
	ClockFrom         = store.ClockFrom
	ClockOn           = store.ClockOn
	DefaultPath       = store.DefaultPath
	LatestSoundBackup = store.LatestSoundBackup
	ListBackups       = store.ListBackups
	Restore           = store.Restore
	SaveFile          = store.SaveFile
	SystemClock       = store.SystemClock
	VerifyFile        = store.VerifyFile
)

// LoadSample adds the built-in sample data set (sample.Load).
func (s *Store) LoadSample(today Date) (Counts, error) { return sample.Load(s.Store, today) }
