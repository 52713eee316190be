package transfer

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"tiscdesk/data/model"
	"tiscdesk/data/store"
)

// Writing an enrolment import: each valid row encoded as it is read
// (stage), the sessions it needs created, then the records written straight
// into their bucket (import_enrolments.go plans them).

// stage encodes what a resolved plan will save, creating its session the
// first time a valid row needs it.
//
// Enrolments are written to their bucket directly rather than through
// Table.PutIn, which for each row would validate it again, look its session
// up and encode it with encoding/json: together about half the time of a
// large import. Everything PutIn checks has been checked (resolve).
func (imp *enrolmentImport) stage(p *enrolmentPlan) error {
	s := p.session
	if s.isNew && !s.created {
		if err := imp.s.Sessions.PutIn(imp.tx, s.session); err != nil {
			return fmt.Errorf("create session %s: %w", s.session.Code, err)
		}
		s.created = true
		imp.created++
	}
	e := p.target
	e.Session = s.session.ID
	if p.isNew {
		e.ID = model.NilID
	}
	imp.tx.Stamp(&e.Meta)
	raw, err := imp.slab.appendRecord(e)
	if err != nil {
		return err
	}
	imp.puts = append(imp.puts, put{e.ID, raw})
	return nil
}

// write saves the staged enrolments, once every row is read, and returns
// how many records the import wrote, the sessions it created included.
func (imp *enrolmentImport) write(ctx context.Context, tx *store.Tx) (int, error) {
	imp.noteUnknownCourses(tx)
	// What held the file's cells (the memo of spellings, the sessions by
	// the cell naming them, the values of the last row) is let go, so that
	// the text of the file can be collected before the commit (driver.go):
	// any one string of it keeps the whole text alive, and the last row's
	// values did, 10 MB for 100,000 rows, until issue 21's fourth step
	// (TestTheFileIsNotHeldThroughTheCommit).
	imp.reader, imp.byCell, imp.existing, imp.seen, imp.scratch = rowReader{}, nil, nil, nil, rowValues{}
	b := tx.Bucket(store.EnrolmentsBucket)
	if len(imp.puts) > 0 {
		// New records carry the newest keys (UUIDv7): pages fill up entirely.
		b.Appending()
	}
	for i := range imp.puts {
		if i%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return 0, err
			}
		}
		p := &imp.puts[i]
		if err := b.Put(p.id[:], p.value); err != nil { // bbolt copies keys
			return 0, fmt.Errorf("save enrolment %s: %w", p.id, err)
		}
	}
	// bbolt now holds the encoded records until the commit, which builds a
	// page for every one of them: the list of them is not needed any more.
	n := imp.created + len(imp.puts)
	imp.puts = nil
	return n, nil
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
