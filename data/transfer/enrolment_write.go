package transfer

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"tiscdesk/data/model"
	"tiscdesk/data/store"
)

// Writing an enrolment import: the sessions it creates, then its records,
// straight into their bucket (import_enrolments.go plans them).

// write creates the sessions the valid rows need, then saves the
// enrolments, and returns how many records it wrote.
//
// Enrolments are written to their bucket directly rather than through
// Table.PutIn, which for each row would validate it again, look its session
// up and encode it with encoding/json: together about half the time of a
// large import. Everything PutIn checks has been checked above.
func (imp *enrolmentImport) write(ctx context.Context, tx *store.Tx) (int, error) {
	written := 0
	for _, code := range slices.Sorted(mapsKeys(imp.sessions)) {
		s := imp.sessions[code]
		if !s.isNew || !s.used {
			continue
		}
		if err := imp.s.Sessions.PutIn(tx, s.session); err != nil {
			return 0, fmt.Errorf("create session %s: %w", code, err)
		}
		written++
	}
	imp.noteUnknownCourses(tx)
	b := tx.Bucket(store.EnrolmentsBucket)
	var slab recordSlab
	type put struct{ key, value []byte }
	puts := make([]put, 0, len(imp.plans))
	for i := range imp.plans {
		p := &imp.plans[i]
		if p.skip {
			continue
		}
		e := p.target
		e.Session = p.session.session.ID
		if p.isNew {
			e.ID = model.NilID
		}
		tx.Stamp(&e.Meta)
		raw, err := slab.appendRecord(e)
		if err != nil {
			return 0, err
		}
		puts = append(puts, put{e.ID[:], raw}) // bbolt copies keys
	}
	if len(puts) > 0 {
		// New records carry the newest keys (UUIDv7): pages fill up entirely.
		b.Appending()
	}
	for i, p := range puts {
		if i%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return 0, err
			}
		}
		if err := b.Put(p.key, p.value); err != nil {
			return 0, fmt.Errorf("save enrolment %x: %w", p.key, err)
		}
	}
	// bbolt now holds the encoded records (and its own copies of the keys)
	// until the commit, which builds a page for every one of them: the rows'
	// values are not needed any more, and the commit can reuse their memory.
	imp.values, imp.plans = nil, nil
	return written + len(puts), nil
}

// noteUnknownCourses says which created sessions are of a course the
// catalogue lacks.
func (imp *enrolmentImport) noteUnknownCourses(tx *store.Tx) {
	known := map[string]bool{}
	_ = imp.s.Courses.EachIn(tx, func(c *model.Course) bool { known[c.Number] = true; return true })
	var missing []string
	for code, s := range imp.sessions {
		if s.isNew && s.used && !known[code[:3]] && !slices.Contains(missing, "DL-"+code[:3]) {
			missing = append(missing, "DL-"+code[:3])
		}
	}
	if len(missing) > 0 {
		slices.Sort(missing)
		imp.ro.report.note(model.Because("", "Not in the course catalogue: {{.Courses}}. Add the course under Distance learning, Courses, to give it a title.",
			map[string]any{"Courses": strings.Join(missing, ", ")}))
	}
}

func mapsKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// recordSlab holds the encoded records of a write: bbolt keeps the values
// given to Put until the transaction ends, so each needs its own
// memory, and carving it from large blocks saves an allocation per record.
type recordSlab struct {
	block []byte
	enc   model.EnrolmentEncoder
}

func (s *recordSlab) reserve(n int) {
	if cap(s.block)-len(s.block) < n {
		s.block = make([]byte, 0, max(1<<20, n))
	}
}

// appendRecord encodes e into the slab and returns its bytes.
func (s *recordSlab) appendRecord(e *model.Enrolment) ([]byte, error) {
	// Records are a few hundred bytes; one that outgrows the room left gets
	// a block of its own (append moves it), and the slab carries on.
	s.reserve(4096)
	start := len(s.block)
	out, err := s.enc.Append(s.block, e)
	if err != nil {
		return nil, err
	}
	if cap(out) != cap(s.block) {
		return out[start:], nil
	}
	s.block = out
	return out[start:len(out):len(out)], nil
}
