package tabular

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"tiscdesk/data/model"
	"unicode"
	"unicode/utf8"
)

// Header matching (DESIGN section 5). Each kind of roster describes its
// fields with FieldSpecs; MatchHeader decides which column holds which field.
// A header names a field when, compared case-, width- and space-insensitively:
//
//  1. the whole header is one of the field's synonyms ("English name");
//  2. else one of its segments is: headers split at brackets, slashes,
//     commas and the like, ASCII or Chinese ("Email (邮箱)", "省/市");
//  3. else a run of its words is: segments split at spaces and where Chinese
//     meets Latin letters ("姓名 Name", "Institution name 机构名称").
//
// A better kind of match wins, so "English name" is the English name and not
// the name; among word runs, the longer run, then the later one wins (English
// puts the head noun last: "Contact email" is an email). When two columns
// name the same field, the better match keeps it, else the first column; the
// other is ignored, and listed as such.
//
// Combined fields are the importer's business: the enrolment importer gives
// specs "first_name" and "last_name" besides "name" and joins them when the
// file has no name column (Moodle).

// FieldSpec describes one field a roster can hold.
type FieldSpec struct {
	// Field is the field's key, e.g. "local_name". Messages name the field
	// by its column's header, or by model.FieldLabel when no column holds it.
	Field    string
	Synonyms []string // header texts that name it, in any case and spacing
	// Required fields are the ones a roster of this kind cannot do without:
	// a header that names none of them is not this kind of roster.
	Required bool
}

// Match strengths, best last.
const (
	matchNone = iota
	matchWords
	matchSegment
	matchWhole
)

// headerMatch is how well a header names a field; better compares two.
type headerMatch struct {
	spec  int // index in the specs; -1 for none
	kind  int // matchWords, matchSegment, matchWhole
	words int // words in the matching run (matchWords)
	pos   int // matchWords: the run's position (later is better); matchSegment: minus the segment's
}

func (a headerMatch) better(b headerMatch) bool {
	if a.kind != b.kind {
		return a.kind > b.kind
	}
	if a.words != b.words {
		return a.words > b.words
	}
	return a.pos > b.pos
}

// ColumnMap says which column of a file holds which field.
type ColumnMap struct {
	Header []string // the header's cells, as in the file
	Line   int      // the header's line in the file
	// Fields gives, per column, the field it holds; "" when the column is
	// ignored. The import wizard may edit it before the import runs.
	Fields []string
	specs  []FieldSpec
	column map[string]int
}

// MatchHeader maps the columns of header to the fields of specs (see the
// rules above). It never fails: HeaderError reports a header that names
// none of the required fields.
func MatchHeader(header []string, specs []FieldSpec) *ColumnMap {
	keys := specKeys(specs)
	m := &ColumnMap{Header: slices.Clone(header), Fields: make([]string, len(header)), specs: specs}
	best := make([]headerMatch, len(specs))
	owner := make([]int, len(specs))
	for c, h := range header {
		hm := matchHeader(h, keys)
		if hm.spec < 0 {
			continue
		}
		if best[hm.spec].kind == matchNone || hm.better(best[hm.spec]) {
			if best[hm.spec].kind != matchNone {
				m.Fields[owner[hm.spec]] = ""
			}
			best[hm.spec], owner[hm.spec] = hm, c
			m.Fields[c] = specs[hm.spec].Field
		}
	}
	m.index()
	return m
}

// SetFields replaces the detected mapping with fields (one per column, ""
// to ignore a column), as chosen in the import wizard. Returns an error when
// a name is not a field of this roster or two columns hold the same field.
func (m *ColumnMap) SetFields(fields []string) error {
	if len(fields) != len(m.Header) {
		return fmt.Errorf("%d columns chosen for a header of %d", len(fields), len(m.Header))
	}
	seen := map[string]int{}
	for c, f := range fields {
		if f == "" {
			continue
		}
		if !slices.ContainsFunc(m.specs, func(s FieldSpec) bool { return s.Field == f }) {
			return fmt.Errorf("column %d: %q is not a field of this roster", c+1, f)
		}
		if prev, dup := seen[f]; dup {
			return fmt.Errorf("columns %d and %d both hold %s", prev+1, c+1, f)
		}
		seen[f] = c
	}
	m.Fields = slices.Clone(fields)
	m.index()
	return nil
}

func (m *ColumnMap) index() {
	m.column = make(map[string]int, len(m.Fields))
	for c, f := range m.Fields {
		if f != "" {
			m.column[f] = c
		}
	}
}

// Column is the index of the column that holds field; false when none does.
func (m *ColumnMap) Column(field string) (int, bool) {
	c, ok := m.column[field]
	return c, ok
}

// Has reports whether a column holds field.
func (m *ColumnMap) Has(field string) bool {
	_, ok := m.column[field]
	return ok
}

// Value returns the cell of record that holds field, trimmed; "" when no
// column holds it or the record is too short.
func (m *ColumnMap) Value(record []string, field string) string {
	c, ok := m.column[field]
	if !ok || c >= len(record) {
		return ""
	}
	return strings.TrimSpace(record[c])
}

// Label is how a message names field: its column's header as the user sees
// it, else the field's label (model.FieldLabel), as everywhere else.
func (m *ColumnMap) Label(field string) string {
	if h, ok := m.HeaderOf(field); ok {
		return h
	}
	return model.FieldLabel(field)
}

// HeaderOf is the header of the column that holds field, trimmed; false when
// no column holds it or its header is empty.
func (m *ColumnMap) HeaderOf(field string) (string, bool) {
	if c, ok := m.column[field]; ok {
		if h := strings.TrimSpace(m.Header[c]); h != "" {
			return h, true
		}
	}
	return "", false
}

// Ignored lists the headers of the columns that hold no field ("column 7"
// for a column with an empty header).
func (m *ColumnMap) Ignored() []string {
	var out []string
	for c, f := range m.Fields {
		if f != "" {
			continue
		}
		h := strings.TrimSpace(m.Header[c])
		if h == "" {
			h = "column " + strconv.Itoa(c+1)
		}
		out = append(out, h)
	}
	return out
}

// HasRequired reports whether a column holds one of the required fields.
func (m *ColumnMap) HasRequired() bool {
	for _, s := range m.specs {
		if s.Required && m.Has(s.Field) {
			return true
		}
	}
	return false
}

// ErrNoHeader is wrapped by HeaderError.
var ErrNoHeader = errors.New("the file has no header this roster can read")

// HeaderError says that a file's header names none of the columns a roster
// needs, listing what it found and what was expected. errors.Is(err,
// ErrNoHeader) holds.
type HeaderError struct {
	Line     int
	Found    []string    // the header cells
	Expected []FieldSpec // the fields looked for
}

func (e *HeaderError) Error() string {
	found := make([]string, 0, len(e.Found))
	for _, h := range e.Found {
		if h = strings.TrimSpace(h); h != "" {
			found = append(found, strconv.Quote(h))
		}
	}
	expected := make([]string, len(e.Expected))
	for i, s := range e.Expected {
		expected[i] = fmt.Sprintf("%s (%s)", model.FieldLabel(s.Field), strings.Join(exampleSynonyms(s.Synonyms), ", "))
	}
	return fmt.Sprintf("the header on line %d has none of the columns needed: found %s; expected at least one of: %s",
		e.Line, strings.Join(found, ", "), strings.Join(expected, "; "))
}

// exampleSynonyms picks the first two English and two Chinese synonyms.
func exampleSynonyms(synonyms []string) []string {
	var latin, other []string
	for _, s := range synonyms {
		if s[0] < utf8.RuneSelf && len(latin) < 2 {
			latin = append(latin, s)
		} else if s[0] >= utf8.RuneSelf && len(other) < 2 {
			other = append(other, s)
		}
	}
	return append(latin, other...)
}

// Is makes errors.Is(err, ErrNoHeader) hold.
func (e *HeaderError) Is(target error) bool { return target == ErrNoHeader }

// FindHeader returns the index of the header among the first records: the
// first record, unless it and up to two more hold a single text (a title
// such as "2018年TISC候选机构名单") and the record after them names a
// required field. A title that happens to hold a synonym
// ("2025年度TISC统计报表" holds 年度) is still a title when the record below
// it names more fields.
func FindHeader(recs []CSVRecord, specs []FieldSpec) (int, *ColumnMap) {
	first := MatchHeader(recs[0].Fields, specs)
	first.Line = recs[0].Line
	for i := 0; i < min(3, len(recs)-1) && isTitle(recs[i].Fields); i++ {
		if first.HasRequired() && first.matched() > 1 {
			break // a one-column header is the only kind that looks like a title
		}
		if m := MatchHeader(recs[i+1].Fields, specs); m.HasRequired() && (!first.HasRequired() || m.matched() > first.matched()) {
			m.Line = recs[i+1].Line
			return i + 1, m
		}
	}
	return 0, first
}

// matched counts the columns that hold a field.
func (m *ColumnMap) matched() int {
	n := 0
	for _, f := range m.Fields {
		if f != "" {
			n++
		}
	}
	return n
}

// isTitle reports whether a row holds one text, in one cell or repeated
// across a merged range (a workbook's title over the header).
func isTitle(fields []string) bool {
	text := ""
	for _, f := range fields {
		f = strings.TrimSpace(f)
		switch {
		case f == "":
		case text == "":
			text = f
		case f != text:
			return false
		}
	}
	return text != ""
}

// specKeys maps the key of every synonym (and field name) to its spec.
// A synonym of two specs is a mistake in the program.
func specKeys(specs []FieldSpec) map[string]int {
	keys := map[string]int{}
	for i, s := range specs {
		for _, name := range append([]string{s.Field}, s.Synonyms...) {
			k := string(model.AppendKey(nil, name))
			if j, dup := keys[k]; dup && j != i {
				panic("data: header synonym " + name + " names two fields")
			}
			keys[k] = i
		}
	}
	return keys
}

// maxSynonymWords bounds the runs of words tried against the synonyms, so
// that a header cell holding a paragraph costs little.
const maxSynonymWords = 4

// matchHeader finds the field header h names best; spec is -1 for none.
func matchHeader(h string, keys map[string]int) headerMatch {
	best := headerMatch{spec: -1}
	if i, ok := keys[string(model.AppendKey(nil, h))]; ok {
		return headerMatch{spec: i, kind: matchWhole}
	}
	pos := 0
	for si, seg := range strings.FieldsFunc(h, isSegmentBreak) {
		if i, ok := keys[string(model.AppendKey(nil, seg))]; ok {
			if m := (headerMatch{spec: i, kind: matchSegment, pos: -si}); m.better(best) {
				best = m
			}
			continue
		}
		words := headerWords(seg)
		for a := range words {
			for b := a + 1; b <= min(len(words), a+maxSynonymWords); b++ {
				if i, ok := keys[string(model.AppendKey(nil, strings.Join(words[a:b], " ")))]; ok {
					if m := (headerMatch{spec: i, kind: matchWords, words: b - a, pos: pos + a}); m.better(best) {
						best = m
					}
				}
			}
		}
		pos += len(words)
	}
	return best
}

// isSegmentBreak is true for the characters that part a bilingual header.
func isSegmentBreak(r rune) bool {
	return strings.ContainsRune("()[]{}<>/\\|,;:?（）【】〔〕《》「」〈〉／｜，；：、？", r)
}

// headerWords splits a segment at spaces and where Chinese meets other
// letters: "姓名Name" is two words.
func headerWords(seg string) []string {
	var words []string
	for _, f := range strings.FieldsFunc(seg, unicode.IsSpace) {
		start, wasHan := 0, false
		for i, r := range f {
			han := unicode.Is(unicode.Han, r)
			if i > 0 && han != wasHan {
				words = append(words, f[start:i])
				start = i
			}
			wasHan = han
		}
		words = append(words, f[start:])
	}
	return words
}

// ParseLooseDate reads the dates spreadsheets write, year first: 2018-05-01,
// 2018-5-1, 2018/5/1, 2018.5.1, 2018年5月1日, and any of them followed by a
// time ("2018/5/1 0:00", as Excel writes dates). Day-first forms such as
// 1/5/2018 are refused: 1 May and 5 January cannot be told apart.
func ParseLooseDate(s string) (model.Date, bool) {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, " T"); i > 0 {
		s = s[:i]
	}
	s = strings.TrimSuffix(s, "日")
	var parts [3]int
	n := 0
	for i, field := range strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune("-/.年月", r) }) {
		v, err := strconv.Atoi(field)
		if i >= 3 || err != nil || v < 0 || (i == 0 && len(field) != 4) || (i > 0 && len(field) > 2) {
			return "", false
		}
		parts[i], n = v, i+1
	}
	if n != 3 {
		return "", false
	}
	d := model.Date(fmt.Sprintf("%04d-%02d-%02d", parts[0], parts[1], parts[2]))
	return d, d.Valid()
}

// SplitList splits a cell listing several things at ";", ",", "/", "、",
// "|" or line breaks (ASCII or Chinese), but not inside brackets, so that
// "On-demand searches (novelty, state of the art)" stays one item. Items are
// trimmed; empty ones are dropped.
func SplitList(s string) []string {
	var out []string
	depth, start := 0, 0
	flush := func(end int) {
		if item := strings.TrimSpace(s[start:end]); item != "" {
			out = append(out, item)
		}
	}
	for i, r := range s {
		switch {
		case strings.ContainsRune("([{（【〔", r):
			depth++
		case strings.ContainsRune(")]}）】〕", r):
			depth = max(0, depth-1)
		case depth == 0 && strings.ContainsRune(";,/、|\n；，／｜", r):
			flush(i)
			start = i + utf8.RuneLen(r)
		}
	}
	flush(len(s))
	return out
}

func filledCells(fields []string) int {
	n := 0
	for _, f := range fields {
		if strings.TrimSpace(f) != "" {
			n++
		}
	}
	return n
}
