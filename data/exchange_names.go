package data

// Bundles, the merge and the conflict list live in data/exchange
// (docs/architecture.md); these names keep the window and the commands
// compiling as they were.

import (
	"context"
	"io"

	"tiscdesk/data/exchange"
)

type (
	BundleFile      = exchange.BundleFile
	Conflict        = exchange.Conflict
	DuplicateCount  = exchange.DuplicateCount
	DuplicateGroup  = exchange.DuplicateGroup
	DuplicateRecord = exchange.DuplicateRecord
	DuplicateReason = exchange.DuplicateReason
	FieldChoice     = exchange.FieldChoice
	HandMerge       = exchange.HandMerge
	ConflictReason  = exchange.ConflictReason
	ConflictReview  = exchange.ConflictReview
	ExportOptions   = exchange.ExportOptions
	FieldDiff       = exchange.FieldDiff
	KindReport      = exchange.KindReport
	Knowledge       = exchange.Knowledge
	Manifest        = exchange.Manifest
	MergeOptions    = exchange.MergeOptions
	MergeReport     = exchange.MergeReport
	Peer            = exchange.Peer
	SkippedRecord   = exchange.SkippedRecord
	Transfer        = exchange.Transfer
)

const (
	BundleExtension    = exchange.BundleExtension
	BundleVersion      = exchange.BundleVersion
	ConflictConcurrent = exchange.ConflictConcurrent
	ConflictDuplicate  = exchange.ConflictDuplicate
	ConflictOrphan     = exchange.ConflictOrphan
	SameKey            = exchange.SameKey
	SameEnglishName    = exchange.SameEnglishName
	NameInside         = exchange.NameInside
	EditDistance       = exchange.EditDistance
	SameEmail          = exchange.SameEmail
	SameName           = exchange.SameName
	PartnerUnknown     = exchange.PartnerUnknown
)

var (
	ErrBundleDamaged  = exchange.ErrBundleDamaged
	ErrBundleNewer    = exchange.ErrBundleNewer
	ErrNotBundle      = exchange.ErrNotBundle
	ErrMergeKind      = exchange.ErrMergeKind
	ErrUndone         = exchange.ErrUndone
	FindDuplicates    = exchange.FindDuplicates
	DismissDuplicates = exchange.DismissDuplicates
	MergeByHand       = exchange.MergeByHand
	MergeFields       = exchange.MergeFields
	UndoMerge         = exchange.UndoMerge
	HandMerges        = exchange.HandMerges
	KindOf            = exchange.KindOf
	ConflictCount     = exchange.ConflictCount
	Conflicts         = exchange.Conflicts
	DismissConflict   = exchange.DismissConflict
	ExportBundle      = exchange.ExportBundle
	FindPeer          = exchange.FindPeer
	MarkSent          = exchange.MarkSent
	MergeBundle       = exchange.MergeBundle
	MergeBundleFile   = exchange.MergeBundleFile
	Peers             = exchange.Peers
	ReadManifest      = exchange.ReadManifest
	RestoreConflict   = exchange.RestoreConflict
	ReviewConflict    = exchange.ReviewConflict
	SaveBundle        = exchange.SaveBundle
)

// ExportBundle is exchange.ExportBundle.
func (s *Store) ExportBundle(w io.Writer, opt ExportOptions) (Manifest, error) {
	return exchange.ExportBundle(s.Store, w, opt)
}

// SaveBundle is exchange.SaveBundle.
func (s *Store) SaveBundle(path string, overwrite bool, opt ExportOptions) (Manifest, error) {
	return exchange.SaveBundle(s.Store, path, overwrite, opt)
}

// MarkSent is exchange.MarkSent.
func (s *Store) MarkSent(m Manifest) error { return exchange.MarkSent(s.Store, m) }

// MergeBundleFile is exchange.MergeBundleFile.
func (s *Store) MergeBundleFile(ctx context.Context, path string, opt MergeOptions) (*MergeReport, error) {
	return exchange.MergeBundleFile(ctx, s.Store, path, opt)
}

// MergeBundle is exchange.MergeBundle.
func (s *Store) MergeBundle(ctx context.Context, r io.ReaderAt, size int64, opt MergeOptions) (*MergeReport, error) {
	return exchange.MergeBundle(ctx, s.Store, r, size, opt)
}

// Conflicts is exchange.Conflicts.
func (s *Store) Conflicts() ([]Conflict, error) { return exchange.Conflicts(s.Store) }

// ConflictCount is exchange.ConflictCount.
func (s *Store) ConflictCount() (int, error) { return exchange.ConflictCount(s.Store) }

// ReviewConflict is exchange.ReviewConflict.
func (s *Store) ReviewConflict(key string) (ConflictReview, error) {
	return exchange.ReviewConflict(s.Store, key)
}

// RestoreConflict is exchange.RestoreConflict.
func (s *Store) RestoreConflict(key string) error { return exchange.RestoreConflict(s.Store, key) }

// DismissConflict is exchange.DismissConflict.
func (s *Store) DismissConflict(key string) error { return exchange.DismissConflict(s.Store, key) }

// Peers is exchange.Peers.
func (s *Store) Peers() ([]Peer, error) { return exchange.Peers(s.Store) }

// FindPeer is exchange.FindPeer.
func (s *Store) FindPeer(name string) (Peer, error) { return exchange.FindPeer(s.Store, name) }
