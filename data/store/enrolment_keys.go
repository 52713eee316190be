package store

import (
	"bytes"
	"encoding/json"
	"hash/maphash"
	"sync"
	"tiscdesk/data/model"

	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"
)

// Within a session a participant is their email, compared case-insensitively
// (DESIGN section 2). Saving an enrolment must refuse a second one with the
// same identity, but reading 200,000 enrolments per save is out of the
// question, and a persistent index would be one more thing every writer (the
// import, merges, restores) must keep right. enrolmentKeys is an index in
// memory instead, built once from the committed records and kept current:
//
//   - a save (Table.PutIn runs the rule) adds the record's key, and a
//     deletion notes the change, once the transaction commits;
//   - anything else that writes enrolments (an import, a merge of another
//     machine's records) says so (Tx.wrotePast), and the index reads the
//     bucket again after that commit; a change of the bucket's root page
//     since the index was current also makes it read again. (The root alone
//     cannot tell: a small bucket lives inside its parent's page, root 0,
//     and a page freed by one commit can be the root again two commits on.)
//   - a hit is always confirmed against the record itself in the saving
//     transaction, so a stale entry can never refuse a save wrongly.
type enrolmentKeys struct {
	s    *Store
	seed maphash.Seed

	mu    sync.Mutex
	ready bool
	root  uint64              // the enrolments bucket's root page when ids was current
	ids   map[uint64]model.ID // identity hash → an enrolment with that identity
	// The write transaction under way and the enrolments it saved, by
	// identity hash; they join ids when it commits.
	tx      *bolt.Tx
	txID    int
	pending map[uint64]*model.Enrolment
}

func newEnrolmentKeys(s *Store) *enrolmentKeys {
	return &enrolmentKeys{s: s, seed: maphash.MakeSeed()}
}

// key hashes an identity: the session, and the email trimmed and in lower
// case (NormEmail), without allocating for the usual plain lower-case email.
func (k *enrolmentKeys) key(session model.ID, email []byte) uint64 {
	var h maphash.Hash
	h.SetSeed(k.seed)
	h.Write(session[:])
	if model.IsNormEmail(email) {
		h.Write(email)
	} else {
		h.WriteString(model.NormEmail(string(email)))
	}
	return h.Sum64()
}

// check is the uniqueness rule run before an enrolment is saved within tx.
func (k *enrolmentKeys) check(tx *Tx, e *model.Enrolment) []model.FieldError {
	k.mu.Lock()
	defer k.mu.Unlock()
	if err := k.sync(tx); err != nil {
		// The index cannot be trusted; the save goes ahead unchecked rather
		// than failing for a reason the user cannot act on.
		return nil
	}
	k.join(tx)
	h := k.key(e.Session, []byte(e.Email))
	candidates := [2]model.ID{k.ids[h]}
	if p := k.pending[h]; p != nil && p != e {
		candidates[1] = p.ID
	}
	for _, id := range candidates {
		if id != model.NilID && id != e.ID && sameIdentity(tx, id, e.Session, e.Email) {
			return []model.FieldError{{Field: "email", Message: "is already enrolled in this session"}}
		}
	}
	k.pending[h] = e
	return nil
}

// forget makes the index read the bucket again before its next use: a
// transaction has written enrolments past it.
func (k *enrolmentKeys) forget() {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.ready = false
}

// deleting notes that tx deletes an enrolment, so that its commit is known
// to be one the index has followed.
func (k *enrolmentKeys) deleting(tx *Tx, _ model.ID) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if err := k.sync(tx); err == nil {
		k.join(tx)
	}
	return nil
}

// join makes tx the transaction whose saves are pending, and arranges for
// them to join the index when it commits. The saves of a transaction that
// was rolled back are dropped here, when the next one comes.
func (k *enrolmentKeys) join(tx *Tx) {
	if k.tx == tx.tx && k.txID == tx.tx.ID() {
		return
	}
	k.tx, k.txID, k.pending = tx.tx, tx.tx.ID(), map[uint64]*model.Enrolment{}
	btx, txID := tx.tx, tx.tx.ID()
	btx.OnCommit(func() { k.committed(btx, txID) })
}

// committed adds the saves of the transaction that just committed, and
// takes the bucket's new root as the one the index follows, unless another
// transaction has committed since (its changes are unknown: read again).
func (k *enrolmentKeys) committed(btx *bolt.Tx, txID int) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.tx != btx || k.txID != txID || !k.ready {
		return
	}
	for h, e := range k.pending {
		k.ids[h] = e.ID
	}
	k.tx, k.pending = nil, nil
	err := k.s.db.View(func(rtx *bolt.Tx) error {
		if rtx.ID() != txID {
			k.ready = false
		}
		k.root = uint64(rtx.Bucket(bucketEnrolments).Root())
		return nil
	})
	if err != nil {
		k.ready = false
	}
}

// sync makes sure ids reflects the enrolments committed before tx began,
// reading them all again when something else has written them.
func (k *enrolmentKeys) sync(tx *Tx) error {
	root := uint64(tx.tx.Bucket(bucketEnrolments).Root())
	if k.ready && root == k.root {
		return nil
	}
	k.ready = false
	ids := make(map[uint64]model.ID, len(k.ids))
	// Committed state only: a read transaction beside this write one (it
	// ends before the write commits, so bbolt cannot deadlock remapping).
	err := k.s.db.View(func(rtx *bolt.Tx) error {
		b := rtx.Bucket(bucketEnrolments)
		root = uint64(b.Root())
		var f model.EnrolmentText
		return b.ForEach(func(_, raw []byte) error {
			id, session, email, ok := EnrolmentIdentity(raw, &f)
			if ok {
				ids[k.key(session, email)] = id
			}
			return nil
		})
	})
	if err != nil {
		return err
	}
	k.ids, k.root, k.ready = ids, root, true
	k.tx, k.pending = nil, nil
	return nil
}

// EnrolmentIdentity reads the id, session and email of a live stored enrolment;
// ok is false for a tombstone or a record that cannot be read.
func EnrolmentIdentity(raw []byte, f *model.EnrolmentText) (id, session model.ID, email []byte, ok bool) {
	if IsTombstone(raw) {
		return model.NilID, model.NilID, nil, false
	}
	if model.ScanEnrolment(raw, f) {
		var err1, err2 error
		id, err1 = uuid.ParseBytes(f.ID)
		session, err2 = uuid.ParseBytes(f.Session)
		return id, session, f.Email, err1 == nil && err2 == nil
	}
	var e model.Enrolment
	if err := json.Unmarshal(raw, &e); err != nil {
		return model.NilID, model.NilID, nil, false
	}
	return e.ID, e.Session, []byte(e.Email), true
}

// sameIdentity reports whether the live enrolment id, as tx sees it, is in
// session with email.
func sameIdentity(tx *Tx, id, session model.ID, email string) bool {
	raw := tx.tx.Bucket(bucketEnrolments).Get(id[:])
	if raw == nil {
		return false
	}
	var f model.EnrolmentText
	gotID, gotSession, gotEmail, ok := EnrolmentIdentity(raw, &f)
	return ok && gotID == id && gotSession == session &&
		(bytes.Equal(gotEmail, []byte(email)) || model.NormEmail(string(gotEmail)) == model.NormEmail(email))
}
