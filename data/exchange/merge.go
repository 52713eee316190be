package exchange

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"tiscdesk/data/model"
	"tiscdesk/data/store"
)

// Merging a bundle (DESIGN section 8) goes by record id: the version with
// the newer updated_at wins, ties broken by device id, so that merging is
// idempotent and independent edits merge to the same database in any order.
// Records are written with their own metadata, as the sender stores them.
//
// When the two machines changed the same record since they last exchanged,
// the losing version goes to the conflict list (conflicts.go). "Since they
// last exchanged" is told by Knowledge: each database keeps, per device, up
// to which updated_at it has seen that device's changes, and each bundle
// carries its sender's (peers.go). A version is a conflict's loser when the
// side whose version won had not seen it.
//
// Two rules keep references and identities sound. A record whose parent
// (a visit's institution, an enrolment's session, a cohort's programme, a
// student's cohort) is deleted here is kept aside in the conflict list;
// when a merged deletion removes a parent, its dependants go too, as a
// deletion here would take them. Records that must be unique by more than
// their id (a course by number, a session by code, an enrolment by session
// and email) but were entered on two machines under two ids are merged:
// the one with the smaller id stays on every machine, the other becomes a
// tombstone and an alias, and its dependants move over (merge_keys.go).

// exchangeKindNames are the kinds a bundle carries, parents before the
// records that refer to them: the order of Store.exchangeKinds.
var exchangeKindNames = []string{"institutions", "visits", "courses", "sessions", "enrolments", "programmes", "cohorts", "students", "statistics", "evaluations"}

// exchangeKind is one table as the exchange sees it.
type exchangeKind interface {
	name() string
	bucketName() string
	decode(lines []line)
	decodeLine(raw []byte) line
	merge(m *merger, l line) error
	repoint(m *merger) error
	cascade(m *merger) error
	restore(tx *store.Tx, c Conflict) error
	describe(tx *store.Tx, raw []byte) string
	parentBucket() string
	parentField() string
}

// kind describes a table for the exchange.
type kind[T any, P store.EntityPtr[T]] struct {
	t *store.Table[T, P]
	// parent is the bucket of the record each of these belongs to (nil for
	// none), parentOf the reference and field its JSON name.
	parent   string
	parentOf func(P) *model.ID
	field    string
	// key is what two live records must not share (nil for nothing; an
	// empty key is none).
	key func(P) string
}

func exchangeKinds(s *store.Store) []exchangeKind {
	return []exchangeKind{
		&kind[model.Institution, *model.Institution]{t: s.Institutions, key: InstitutionKey},
		&kind[model.Visit, *model.Visit]{t: s.Visits, parent: store.InstitutionsBucket, field: "institution",
			parentOf: func(v *model.Visit) *model.ID { return &v.Institution }},
		&kind[model.Course, *model.Course]{t: s.Courses, key: func(c *model.Course) string { return c.Number }},
		&kind[model.Session, *model.Session]{t: s.Sessions, key: func(v *model.Session) string { return strings.ToUpper(v.Code) }},
		&kind[model.Enrolment, *model.Enrolment]{t: s.Enrolments, parent: store.SessionsBucket, field: "session",
			parentOf: func(e *model.Enrolment) *model.ID { return &e.Session },
			key:      func(e *model.Enrolment) string { return e.Session.String() + " " + model.NormEmail(e.Email) }},
		&kind[model.Programme, *model.Programme]{t: s.Programmes, key: ProgrammeKey},
		&kind[model.Cohort, *model.Cohort]{t: s.Cohorts, parent: store.ProgrammesBucket, field: "programme",
			parentOf: func(c *model.Cohort) *model.ID { return &c.Programme }, key: CohortKey},
		&kind[model.Student, *model.Student]{t: s.Students, parent: store.CohortsBucket, field: "cohort",
			parentOf: func(st *model.Student) *model.ID { return &st.Cohort }, key: StudentKey},
		// A TISC's yearly returns (one per institution and year: two entered
		// on two machines are merged) and its evaluations.
		&kind[model.YearlyReturn, *model.YearlyReturn]{t: s.Statistics, parent: store.InstitutionsBucket, field: "institution",
			parentOf: func(r *model.YearlyReturn) *model.ID { return &r.Institution },
			key:      func(r *model.YearlyReturn) string { return r.Institution.String() + " " + strconv.Itoa(r.Year) }},
		&kind[model.Evaluation, *model.Evaluation]{t: s.Evaluations, parent: store.InstitutionsBucket, field: "institution",
			parentOf: func(e *model.Evaluation) *model.ID { return &e.Institution }},
	}
}

func kindNamed(s *store.Store, name string) (exchangeKind, bool) {
	for _, k := range exchangeKinds(s) {
		if k.name() == name {
			return k, true
		}
	}
	return nil, false
}

func (k *kind[T, P]) name() string         { return string(k.t.Name()) }
func (k *kind[T, P]) bucketName() string   { return k.t.Name() }
func (k *kind[T, P]) parentBucket() string { return k.parent }
func (k *kind[T, P]) parentField() string  { return k.field }

// MergeOptions tunes MergeBundle.
type MergeOptions struct {
	// Progress, when set, is called now and then with the records merged
	// and the records in the bundle.
	Progress func(done, total int)
	// Passphrase opens a bundle sealed with one; a bundle sealed to this
	// machine's key opens without. Given for a plain bundle, the merge is
	// refused (ErrNotSealed): the user expected a sealed one.
	Passphrase string
}

// MergeReport is what a merge did.
type MergeReport struct {
	Bundle Manifest
	Kinds  []KindReport // in merge order, one per kind of record
	// Skipped lists the records of the bundle that are not valid here and
	// were not merged.
	Skipped []SkippedRecord
	// Gap lists the devices (ids) some of whose changes the bundle assumes
	// this database has, but it has not: a bundle of changes only, made
	// after an earlier bundle that was never merged here. Ask the sender
	// for a bundle of everything.
	Gap []string
	// AlreadyMerged says this very bundle was merged here before.
	AlreadyMerged bool
	// Photos is how many photos the merge stored (those not here before).
	Photos int
}

// KindReport counts what a merge did to one kind of record. Conflicts are
// counted besides the other outcomes: a record updated by the bundle whose
// local version went to the conflict list counts as updated and as a conflict.
type KindReport struct {
	Kind       string
	Added      int // records that were not here (or were deleted) and are now
	Updated    int // records that were here and changed
	Unchanged  int // records the bundle carried that stayed as they were
	Deleted    int // records that were here and are now deleted
	Conflicts  int // losing versions added to the conflict list
	Duplicates int // records entered on both machines, merged into one
}

// SkippedRecord is a record of the bundle that was not merged.
type SkippedRecord struct {
	Kind string
	ID   model.ID
	Err  error // a *ValidationError
}

// Total sums the kinds.
func (r *MergeReport) Total() KindReport {
	var t KindReport
	for _, k := range r.Kinds {
		t.Added += k.Added
		t.Updated += k.Updated
		t.Unchanged += k.Unchanged
		t.Deleted += k.Deleted
		t.Conflicts += k.Conflicts
		t.Duplicates += k.Duplicates
	}
	return t
}

// Changed is the number of records the merge added, updated or deleted.
func (r *MergeReport) Changed() int {
	t := r.Total()
	return t.Added + t.Updated + t.Deleted
}

// MergeBundleFile merges the bundle at path; see MergeBundle.
func MergeBundleFile(ctx context.Context, s *store.Store, path string, opt MergeOptions) (*MergeReport, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	rep, err := MergeBundle(ctx, s, f, info.Size(), opt)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return rep, nil
}

// MergeBundle merges the bundle in r (size bytes) into the database, in one
// transaction: all of it lands, or nothing does. Returns an error wrapping
// ErrNotBundle, ErrBundleDamaged or ErrBundleNewer for a bundle it refuses,
// and ctx's error when ctx is cancelled; the database is then unchanged.
//
// A merge that changed LargeWrite records or more is followed by a backup
// (AfterLargeWrite); a failed backup does not undo the merge.
func MergeBundle(ctx context.Context, s *store.Store, r io.ReaderAt, size int64, opt MergeOptions) (*MergeReport, error) {
	rep, err := mergeBundle(ctx, s, r, size, opt)
	if err == nil {
		_, _ = s.AfterLargeWrite("merge", rep.Changed())
	}
	return rep, err
}

// mergeBundle is MergeBundle without the backup that follows a large merge.
func mergeBundle(ctx context.Context, s *store.Store, r io.ReaderAt, size int64, opt MergeOptions) (*MergeReport, error) {
	r, size, err := unseal(s, r, size, opt.Passphrase)
	if err != nil {
		return nil, err
	}
	br, err := openBundle(r, size)
	if err != nil {
		return nil, err
	}
	rep := &MergeReport{Bundle: br.m}
	err = s.Update(func(tx *store.Tx) error {
		m, err := newMerger(ctx, tx, br.m, rep, opt.Progress)
		if err != nil {
			return err
		}
		for _, k := range exchangeKinds(s) {
			// Records arrive mostly in id order, which is the order keys
			// are appended in: fill the pages.
			tx.Bucket(k.bucketName()).Appending()
		}
		files := map[string]BundleFile{}
		for _, f := range br.m.Files {
			files[f.Kind] = f
		}
		for _, k := range exchangeKinds(s) {
			m.kr = m.report(k.name())
			if f, ok := files[k.name()]; ok {
				if err := br.each(f, k.decode, func(l line) error { return m.record(k, l) }); err != nil {
					return err
				}
			}
			if err := k.repoint(m); err != nil {
				return err
			}
		}
		for _, k := range exchangeKinds(s) {
			m.kr = m.report(k.name())
			if err := k.cascade(m); err != nil {
				return err
			}
		}
		if err := mergePhotos(tx, br, rep); err != nil {
			return err
		}
		return m.finish()
	})
	if err != nil {
		return nil, fmt.Errorf("merge bundle: %w", err)
	}
	if opt.Progress != nil {
		opt.Progress(br.m.Records(), br.m.Records())
	}
	return rep, nil
}

// merger is one merge in progress.
type merger struct {
	ctx      context.Context
	tx       *store.Tx
	m        Manifest
	self     string
	known    Knowledge // what this database had seen before the merge
	rep      *MergeReport
	kr       *KindReport
	progress func(int, int)
	done     int
	// keys maps, per bucket, each natural key to the live record holding it;
	// built on first use, and checked before it is believed.
	keys map[string]map[string]model.ID
	// dead holds, per bucket, the records this merge deleted; moved, the
	// duplicates it retired and the record kept for each.
	dead  map[string]map[model.ID]bool
	moved map[string]map[model.ID]model.ID
	// undo, during a merge by hand, remembers what it replaced.
	undo *HandMerge
}

func newMerger(ctx context.Context, tx *store.Tx, m Manifest, rep *MergeReport, progress func(int, int)) (*merger, error) {
	known, err := loadKnown(tx)
	if err != nil {
		return nil, err
	}
	mg := &merger{ctx: ctx, tx: tx, m: m, self: tx.Store().DeviceID(), known: known, rep: rep, progress: progress,
		keys: map[string]map[string]model.ID{}, dead: map[string]map[model.ID]bool{}, moved: map[string]map[model.ID]model.ID{}}
	for _, name := range exchangeKindNames {
		rep.Kinds = append(rep.Kinds, KindReport{Kind: name})
	}
	return mg, nil
}

func (m *merger) report(kind string) *KindReport {
	for i := range m.rep.Kinds {
		if m.rep.Kinds[i].Kind == kind {
			return &m.rep.Kinds[i]
		}
	}
	panic("merge: unknown kind " + kind)
}

// record merges one line of the bundle.
func (m *merger) record(k exchangeKind, l line) error {
	m.done++
	if m.done%1000 == 0 {
		if err := m.ctx.Err(); err != nil {
			return err
		}
		if m.progress != nil {
			m.progress(m.done, m.m.Records())
		}
	}
	return k.merge(m, l)
}

// weKnew reports whether this database had seen version v before the merge.
func (m *merger) weKnew(v model.Meta) bool {
	return v.Device == m.self || m.known.Knows(v.Device, v.UpdatedAt)
}

// peerKnew reports whether the sender had seen version v when it exported.
func (m *merger) peerKnew(v model.Meta) bool { return m.m.Known.Knows(v.Device, v.UpdatedAt) }

// newer reports whether version a (raw ar) wins over version b (raw br).
func newer(a, b model.Meta, ar, br []byte) bool {
	if !a.UpdatedAt.Equal(b.UpdatedAt) {
		return a.UpdatedAt.After(b.UpdatedAt)
	}
	if a.Device != b.Device {
		return a.Device > b.Device
	}
	return bytes.Compare(ar, br) > 0 // the same version twice, told apart only by damage
}

// decode decodes and validates a batch of the bundle's records, on a
// worker ahead of merge, except those the database already holds byte for
// byte: merge needs nothing more of them. It reads the last committed
// state, beside the merge's write transaction, and is done before that
// commits (merge waits for every batch), so bbolt cannot deadlock remapping
// the file.
func (k *kind[T, P]) decode(lines []line) {
	_ = k.t.Store().View(func(tx *store.Tx) error {
		b := tx.Bucket(k.t.Name())
		for i := range lines {
			if id, ok := quickID(lines[i].raw); ok {
				if cur := b.Get(id[:]); cur != nil && bytes.Equal(cur, lines[i].raw) {
					lines[i].held = true
					continue
				}
			}
			lines[i] = k.decodeLine(lines[i].raw)
		}
		return nil
	})
}

func (k *kind[T, P]) decodeLine(raw []byte) line {
	l := line{raw: raw}
	v := P(new(T))
	if err := json.Unmarshal(raw, v); err != nil {
		l.err = err
		return l
	}
	l.v = v
	if !v.Metadata().Deleted {
		l.invalid = v.Validate()
	}
	return l
}

// merge merges one record of the bundle into the table.
func (k *kind[T, P]) merge(m *merger, l line) error {
	b := m.tx.Bucket(k.t.Name())
	raw := l.raw
	id, ok := quickID(raw)
	if !ok && l.v != nil {
		id = l.v.Metadata().ID
	}
	var cur []byte
	if c := b.Get(id[:]); c != nil {
		if bytes.Equal(c, raw) {
			m.kr.Unchanged++ // the common case of a second merge
			return nil
		}
		cur = bytes.Clone(c)
	}
	if l.held { // held when the worker looked, changed by this merge since
		l = k.decodeLine(raw)
	}
	if l.err != nil {
		return fmt.Errorf("%s record %d: %v: %w", k.name(), m.done, l.err, ErrBundleDamaged)
	}
	in := l.v.(P)
	im := *in.Metadata()
	if im.ID == model.NilID || im.ID != id {
		return fmt.Errorf("%s record %d has no id, or two: %w", k.name(), m.done, ErrBundleDamaged)
	}
	var cm model.Meta
	if cur != nil {
		if err := json.Unmarshal(cur, &cm); err != nil {
			return fmt.Errorf("decode %s %s: %w", k.name(), im.ID, err)
		}
	}
	var here P // the version here, erased: the person was forgotten there (merge_forget.go)
	erasedIn := false
	if cur != nil && !cm.Deleted && !im.Deleted {
		var err error
		if here, erasedIn, err = k.forgetting(in, raw, cur); err != nil {
			return err
		}
		if erasedIn { // the person was forgotten here: in is erased
			if raw, err = json.Marshal(in); err != nil {
				return err
			}
		}
	}
	if cur != nil && !newer(im, cm, raw, cur) {
		if here != nil { // edited here after the forget there: keep the edit, erased
			if err := k.t.EditIn(m.tx, here, cur); err != nil {
				return err
			}
			m.kr.Updated++
		} else {
			m.kr.Unchanged++
		}
		bothDeleted := im.Deleted && cm.Deleted // two tombstones lose nothing
		if !bytes.Equal(cur, raw) && !m.weKnew(im) && !bothDeleted && !k.sameContent(raw, cur) {
			return m.conflict(k, ConflictConcurrent, im.ID, raw, cm)
		}
		return nil
	}
	live := cur != nil && !cm.Deleted
	if im.Deleted {
		if err := k.t.PutRawIn(m.tx, im.ID, raw); err != nil {
			return err
		}
		merged := im.MergedInto != model.NilID && im.MergedInto != im.ID
		if merged {
			if err := m.alias(im.ID, im.MergedInto); err != nil {
				return err
			}
		}
		if !live {
			m.kr.Unchanged++
			return nil
		}
		m.kr.Deleted++
		if merged {
			// Its dependants follow it. A duplicate by natural key that
			// said something else is set aside here too, as the machine
			// that merged it set it aside.
			m.movedTo(k.t.Name(), im.ID, im.MergedInto)
			return k.setAside(m, im.MergedInto, cur)
		}
		m.died(k.t.Name(), im.ID)
		if !m.peerKnew(cm) {
			return m.conflict(k, ConflictConcurrent, im.ID, cur, im)
		}
		return nil
	}
	if l.invalid != nil {
		m.rep.Skipped = append(m.rep.Skipped, SkippedRecord{Kind: k.name(), ID: im.ID, Err: l.invalid})
		return nil
	}
	edited := false // the record had to change to fit here: it is written as this device's edit
	if k.parentOf != nil {
		ref := k.parentOf(in)
		to, ok := liveRecord(m.tx, k.parent, *ref)
		if !ok {
			m.kr.Unchanged++
			if m.weKnew(im) {
				return nil
			}
			return m.conflict(k, ConflictOrphan, im.ID, raw, cm)
		}
		edited = to != *ref
		*ref = to
	}
	edited = edited || erasedIn
	// A record merged by hand and brought back (the merge undone) keeps
	// its id: its natural key does not capture it again.
	revived := cur != nil && cm.Deleted && cm.MergedInto != model.NilID
	if k.key != nil && !revived {
		keep, into, err := k.claimKey(m, in, raw)
		if err != nil {
			return err
		}
		if !keep {
			// The duplicate of an older record: a tombstone that names it
			// goes back to the machines that hold the duplicate live, and
			// here, one held under this id (renamed elsewhere into the
			// duplicate) is merged into it.
			prev := cur
			if prev == nil {
				prev = raw
			}
			if live {
				m.kr.Deleted++
				m.movedTo(k.t.Name(), im.ID, into)
			}
			return k.t.RetireIn(m.tx, im.ID, prev, into)
		}
	}
	var err error
	if edited {
		err = k.t.EditIn(m.tx, in, cur)
	} else {
		err = k.t.PutRawIn(m.tx, im.ID, raw)
	}
	if err != nil {
		return err
	}
	if cur != nil && cm.Deleted {
		if err := m.unalias(im.ID); err != nil {
			return err
		}
	}
	if live {
		m.kr.Updated++
	} else {
		m.kr.Added++
	}
	if cur != nil && !m.peerKnew(cm) && !k.sameContent(cur, raw) {
		if here != nil { // the conflict list keeps no one forgotten
			if cur, err = json.Marshal(here); err != nil {
				return err
			}
		}
		return m.conflict(k, ConflictConcurrent, im.ID, cur, im)
	}
	return nil
}

// sameContent reports whether two versions say the same, metadata aside.
func (k *kind[T, P]) sameContent(a, b []byte) bool {
	ca, okA := k.content(a)
	cb, okB := k.content(b)
	return okA && okB && bytes.Equal(ca, cb)
}

// content is a version's JSON without its metadata; a tombstone has none.
func (k *kind[T, P]) content(raw []byte) ([]byte, bool) {
	if store.IsTombstone(raw) {
		return nil, false
	}
	v := P(new(T))
	if err := json.Unmarshal(raw, v); err != nil {
		return nil, false
	}
	*v.Metadata() = model.Meta{}
	out, err := json.Marshal(v)
	return out, err == nil
}

// finish records what this database now knows and the exchange with the
// sender. Knowledge is raised only for the devices whose changes the bundle
// brings in full: not for those of a gap.
func (m *merger) finish() error {
	for d, t := range m.m.Since {
		if d != m.self && !m.known.Knows(d, t) {
			m.rep.Gap = append(m.rep.Gap, d)
		}
	}
	next := Knowledge{}
	next.raise(m.known)
	for d, t := range m.m.Known {
		// A field bundle leaves records out (field.go): it does not bring
		// any device's changes in full.
		if d != m.self && !slices.Contains(m.rep.Gap, d) && len(m.m.Field) == 0 {
			next.raise(Knowledge{d: t})
		}
	}
	if !sameKnowledge(next, m.known) {
		if err := saveKnown(m.tx, next); err != nil {
			return err
		}
	}
	if m.m.Device == m.self {
		return nil // a bundle of this database's own: nothing to remember about a peer
	}
	p, _, err := getPeer(m.tx, m.m.Device)
	if err != nil {
		return err
	}
	if p.Received != nil && p.Received.Bundle == m.m.Bundle {
		m.rep.AlreadyMerged = true
		return nil
	}
	p.Device, p.Label = m.m.Device, m.m.Label
	if m.m.Key != "" {
		p.Key = m.m.Key
	}
	p.Received = &Transfer{Bundle: m.m.Bundle, Created: m.m.Created, At: m.tx.Now(), Records: m.m.Records(), Known: m.m.Known}
	if len(m.m.Field) > 0 {
		p.Received.Known = nil
	}
	return putPeer(m.tx, p)
}
