package tabular

import (
	"bytes"
	"cmp"
	"slices"
)

// mergeRange is a merged range of cells, c1..c2 of rows r1..r2; order is
// its place in the sheet's list, the order in which ranges are applied.
type mergeRange struct{ c1, r1, c2, r2, order int }

// prewalk reads what a sheet keeps after its rows, its merged ranges, and
// counts its rows on the way: it decompresses the whole sheet, looking for
// </sheetData> then <mergeCells> (where ReadXLSX's one pass finds them),
// holding nothing else. Done once per Sheet.
func (sh *Sheet) prewalk() error {
	if sh.walked {
		return nil
	}
	s, err := openPart(sh.part)
	if err != nil {
		return err
	}
	defer s.Close()
	rows, found := s.countRowsToEnd()
	if s.err != nil {
		return s.err
	}
	if !found {
		sh.rowTags, sh.walked = rows, true
		return nil
	}
	merges, err := s.mergeRanges()
	if err != nil {
		return err
	}
	sh.merges, sh.rowTags, sh.walked = merges, rows, true
	return nil
}

// countRowsToEnd moves to </sheetData>, counting the <row tags it passes;
// found is false when the part ends first (or cannot be read: s.err).
func (s *partStream) countRowsToEnd() (rows int, found bool) {
	const end = "</sheetData"
	for {
		if at := indexBy(s.buf[s.pos:], end, 7); at >= 0 {
			rows += countRows(s.buf[s.pos : s.pos+at+3])
			s.pos += at
			return rows, true
		}
		// Count the tags that start before upto (their first bytes are
		// all read: upto is len(end) short of the end); the rest with the
		// next piece.
		upto := max(s.pos, len(s.buf)-len(end)+1)
		rows += countRows(s.buf[s.pos:min(upto+3, len(s.buf))])
		s.pos = upto
		s.release()
		if !s.more() {
			return rows + countRows(s.buf[s.pos:]), false
		}
	}
}

// countRows counts the <row tags that start in b[:len(b)-3], looking for
// their w, rarer in a sheet than '<'.
func countRows(b []byte) int {
	n := 0
	for i := 3; i < len(b); {
		j := bytes.IndexByte(b[i:], 'w')
		if j < 0 {
			break
		}
		at := i + j
		if string(b[at-3:at+1]) == "<row" {
			n++
		}
		i = at + 1
	}
	return n
}

// mergeRanges reads the merged ranges from the stream's position on.
// Damaged or absurd ranges are left out: their cells read as stored.
func (s *partStream) mergeRanges() ([]mergeRange, error) {
	if !s.seek("<mergeCells") {
		return nil, s.err
	}
	var out []mergeRange
	for {
		start, el, ok := s.nextElement()
		if !ok || el == elemEnd+elemMergeCells {
			return out, s.err
		}
		if el != elemMergeCell {
			continue
		}
		attrs, _ := s.attrs(start)
		a, b, found := bytes.Cut(attrs.ref, []byte(":"))
		if !found {
			b = a
		}
		m := mergeRange{c1: columnOf(a), r1: rowOf(a), c2: columnOf(b), r2: rowOf(b), order: len(out)}
		if m.c1 == 0 || m.r1 == 0 || m.c2 < m.c1 || m.r2 < m.r1 || (m.r2-m.r1+1)*(m.c2-m.c1+1) > 1<<20 {
			continue
		}
		out = append(out, m)
		s.release()
	}
}

// mergeFiller gives every cell of each merged range the value of the
// range's first cell, as the rows go by: a range starts at its first row
// (and is dropped when that row is blank, or shorter than its first
// column), and ranges are applied in the sheet's order, so that the rows
// read as they would if every range were applied in turn to the whole
// sheet.
type mergeFiller struct {
	pending []mergeRange // not yet started, by first row
	active  []activeMerge
}

type activeMerge struct {
	mergeRange
	value string
	dead  bool
}

// newMergeFiller returns nil when there are no ranges.
func newMergeFiller(ranges []mergeRange) *mergeFiller {
	if len(ranges) == 0 {
		return nil
	}
	pending := slices.Clone(ranges)
	slices.SortStableFunc(pending, func(a, b mergeRange) int { return cmp.Compare(a.r1, b.r1) })
	return &mergeFiller{pending: pending}
}

// apply fills the merged cells of row, and returns cells, longer when a
// range reaches past its end.
func (m *mergeFiller) apply(row int, cells []string) []string {
	for len(m.pending) > 0 && m.pending[0].r1 < row {
		m.pending = m.pending[1:] // its first row was blank
	}
	started := false
	for len(m.pending) > 0 && m.pending[0].r1 == row {
		m.active = append(m.active, activeMerge{mergeRange: m.pending[0]})
		m.pending = m.pending[1:]
		started = true
	}
	if started {
		slices.SortFunc(m.active, func(a, b activeMerge) int { return cmp.Compare(a.order, b.order) })
	}
	for i := range m.active {
		a := &m.active[i]
		if a.r1 == row {
			if a.c1 > len(cells) {
				a.dead = true
				continue
			}
			a.value = cells[a.c1-1]
		}
		for len(cells) < a.c2 {
			cells = append(cells, "")
		}
		for c := a.c1; c <= a.c2; c++ {
			cells[c-1] = a.value
		}
	}
	m.active = slices.DeleteFunc(m.active, func(a activeMerge) bool { return a.dead || a.r2 <= row })
	return cells
}
