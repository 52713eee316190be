package query

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"tiscdesk/data/model"
	"tiscdesk/data/store"
	"unsafe"

	"github.com/google/uuid"
	"golang.org/x/text/collate"
)

// The enrolment list holds ten years of enrolments, 200,000 of them, and
// filters them on every keystroke. So the index keeps each enrolment small
// (enumerations as bytes, repeated texts shared), precomputes what a filter
// tests, and keeps each sort order once computed: a keystroke is then a pass
// over memory in that order, without sorting.

// SessionRow is a session with its course and figures.
type SessionRow struct {
	*model.Session
	Code   model.SessionCode // parsed; the zero value for a malformed code
	Course *model.Course     // nil when the catalogue has no course of that number
	Stats  LearningStats
	idx    int             // position in EnrolmentIndex.Sessions
	index  *EnrolmentIndex // the index of the rows, for their shared texts
}

// CourseRow is a catalogue course with the figures of its sessions.
type CourseRow struct {
	*model.Course
	Sessions int
	Stats    LearningStats
}

// EnrolmentRow is one enrolment as the lists show it. Enumerated fields,
// the organisation and the dates are read through methods: the index
// stores them as small numbers, which with 200,000 rows saves 8 MB. The
// texts lie in the index's slab (textSlab), without a small allocation
// each, and the lower-case copies the search compares are found there by
// a 32-bit offset rather than two strings: 112 bytes a row, not 136.
type EnrolmentRow struct {
	ID          model.ID
	Name, Email string // in the index's slab
	Certificate string
	Session     *SessionRow

	// lower is the slab offset of the name in lower case then of the email
	// in lower case, each there only where it differs (flags);
	// nameLowerLen is textLong when their lengths are in textSlab.long.
	lower                       slabOffset
	nameLowerLen, emailLowerLen uint16
	registered, certDate        packedDate
	score                       float32
	org                         int32  // index in EnrolmentIndex.orgs and orgNames
	nameRank                    uint32 // position of the name in pinyin / alphabetical order
	province                    uint8  // 1 + index in provinces; 0 for none
	gender                      uint8  // index in genders
	status                      uint8  // index in enrolmentStatuses
	flags                       uint8  // hasScore, lowerName, lowerEmail
	country                     [2]byte
}

const (
	hasScore   uint8 = 1 << iota
	lowerName        // the lower-case name is in the slab (it differs from Name)
	lowerEmail       // the lower-case email is in the slab (it differs from Email)
)

// nameLower and emailLower are the name and the email as the search
// compares them: in lower case, and for the email normalised.
func (r *EnrolmentRow) nameLower() string {
	switch {
	case r.flags&lowerName == 0:
		return r.Name
	case r.nameLowerLen == textLong:
		return r.Session.index.text.long[r.ID][0]
	}
	return r.Session.index.text.str(r.lower, int(r.nameLowerLen))
}

func (r *EnrolmentRow) emailLower() string {
	switch {
	case r.flags&lowerEmail == 0:
		return r.Email
	case r.nameLowerLen == textLong:
		return r.Session.index.text.long[r.ID][1]
	}
	return r.Session.index.text.str(r.lower+slabOffset(r.nameLowerLen), int(r.emailLowerLen))
}

// textLong marks a row whose lower-case texts are not in the slab but in
// textSlab.long: one of 65,535 bytes or more, or a row with more than a
// chunk of texts.
const textLong = math.MaxUint16

// slabOffset is a place in a textSlab: its chunk, then the place in it.
type slabOffset uint32

const chunkBits = 20 // a chunk is 1 MiB, or the size of one row's texts if bigger

// textSlab holds the texts of the index's rows in chunks that are never
// moved once written, so that the rows' strings can point into them.
type textSlab struct {
	chunks [][]byte
	long   map[model.ID][2]string // the lower-case name and email of rows with textLong, by EnrolmentRow.ID
}

// reserve returns n bytes of the slab to write into, in one chunk, and
// where they start.
func (t *textSlab) reserve(n int) (slabOffset, []byte, error) {
	last := len(t.chunks) - 1
	if last < 0 || cap(t.chunks[last])-len(t.chunks[last]) < n {
		if len(t.chunks) == 1<<(32-chunkBits) {
			return 0, nil, fmt.Errorf("the enrolments' names, emails and certificate numbers pass 4 GiB")
		}
		t.chunks = append(t.chunks, make([]byte, 0, max(n, 1<<chunkBits)))
		last++
	}
	c := t.chunks[last]
	at := len(c)
	t.chunks[last] = c[:at+n]
	return slabOffset(last<<chunkBits | at), c[at : at+n : at+n], nil
}

// str is the text of n bytes at off. The slab's bytes are never written
// again once reserved and filled, so the string may share them.
func (t *textSlab) str(off slabOffset, n int) string {
	if n == 0 {
		return ""
	}
	return unsafe.String(&t.chunks[off>>chunkBits][off&(1<<chunkBits-1)], n)
}

// Organisation is the participant's organisation, as stored.
func (r *EnrolmentRow) Organisation() string { return r.Session.index.orgNames[r.org] }

// Registered is the date the participant registered, or "".
func (r *EnrolmentRow) Registered() model.Date { return r.Session.index.date(r.registered) }

// CertificateDate is the date of the participant's certificate, or "".
func (r *EnrolmentRow) CertificateDate() model.Date { return r.Session.index.date(r.certDate) }

// packedDate is a Date in a row: 0 for none, YYYYMMDD for a date in the
// canonical form, which orders as the dates do, and for anything else
// (which validation does not let in, but a row must never lose)
// oddDate plus its place in EnrolmentIndex.oddDates.
type packedDate uint32

const oddDate packedDate = 1 << 31

// packDate packs the text of a date, keeping any it cannot pack in odd.
func packDate(b []byte, odd *[]model.Date) packedDate {
	if len(b) == 0 {
		return 0
	}
	if len(b) == 10 && b[4] == '-' && b[7] == '-' {
		v, ok := packedDate(0), true
		for i, c := range b {
			if i == 4 || i == 7 {
				continue
			}
			if c < '0' || c > '9' {
				ok = false
				break
			}
			v = v*10 + packedDate(c-'0')
		}
		if ok && v != 0 {
			return v
		}
	}
	*odd = append(*odd, model.Date(b))
	return oddDate | packedDate(len(*odd)-1)
}

// date unpacks a row's date.
func (x *EnrolmentIndex) date(d packedDate) model.Date {
	switch {
	case d == 0:
		return ""
	case d&oddDate != 0:
		return x.oddDates[d&^oddDate]
	}
	return model.Date(fmt.Sprintf("%04d-%02d-%02d", d/10000, d/100%100, d%100))
}

// Gender is the participant's gender.
func (r *EnrolmentRow) Gender() model.Gender { return model.GenderTable[r.gender].Value }

// Status is where the participant stands.
func (r *EnrolmentRow) Status() model.EnrolmentStatus {
	if int(r.status) < len(model.EnrolmentStatusTable) {
		return model.EnrolmentStatusTable[r.status].Value
	}
	return ""
}

// Province is the ISO 3166-2:CN code of the participant's province, or "".
func (r *EnrolmentRow) Province() string {
	if r.province == 0 {
		return ""
	}
	return model.ProvinceAt(int(r.province) - 1).Code
}

// Country is the ISO 3166-1 code of the participant's country, or "".
func (r *EnrolmentRow) Country() string {
	if r.country[0] == 0 {
		return ""
	}
	return string(r.country[:])
}

// Score is the final score; ok is false when none is recorded.
func (r *EnrolmentRow) Score() (score float64, ok bool) {
	return float64(r.score), r.flags&hasScore != 0
}

// EnrolmentSort is a column the enrolment list sorts by.
type EnrolmentSort int

// The enrolment list's sort columns. Ties go to the name, then to the
// order of entry.
const (
	EnrolmentSortByName EnrolmentSort = iota
	EnrolmentSortBySession
	EnrolmentSortByEmail
	EnrolmentSortByOrganisation
	EnrolmentSortByProvince
	EnrolmentSortByGender
	EnrolmentSortByStatus
	EnrolmentSortByScore
	EnrolmentSortByRegistered
	EnrolmentSortByCertificate
	enrolmentSorts
)

// GenderFilter chooses enrolments by gender: "" for any, a Gender's value,
// or GenderFilterUnspecified for participants whose gender is not recorded.
type GenderFilter string

// GenderFilterUnspecified matches GenderUnspecified.
const GenderFilterUnspecified GenderFilter = "unspecified"

func (f GenderFilter) matches(g model.Gender) bool {
	switch f {
	case "":
		return true
	case GenderFilterUnspecified:
		return g == model.GenderUnspecified
	}
	return g == model.Gender(f)
}

// EnrolmentQuery is what the enrolment list's search and filters ask for.
// Zero values mean "any".
type EnrolmentQuery struct {
	Text     string // every word must occur in the name, the email or the organisation
	Session  model.ID
	Course   string // course number, "101"
	Language model.Language
	Year     int // the session's year
	Status   model.EnrolmentStatus
	Province string // ISO code
	Gender   GenderFilter
	Sort     EnrolmentSort
	Desc     bool
}

// EnrolmentIndex holds the sessions, courses and enrolments for listing.
type EnrolmentIndex struct {
	// Sessions, newest first (by year and semester), then by course and language.
	Sessions []*SessionRow
	// Courses, by number, with the figures of all their sessions.
	Courses []*CourseRow

	rows     []EnrolmentRow
	text     textSlab     // the rows' texts
	orgs     []string     // distinct organisations in lower case, by EnrolmentRow.org
	orgNames []string     // the same as stored
	oddDates []model.Date // dates not in the canonical form (packedDate)
	version  int          // the Store.Version read

	mu     sync.Mutex
	orders [enrolmentSorts][]int32 // row positions in each sort order, computed on first use
	recent []EnrolmentSort         // the orders kept besides the name's, most recent last
}

// keptOrders is how many sort orders other than by name an index keeps
// (0.8 MB each with 200,000 rows); going back to one dropped takes 40 ms.
const keptOrders = 2

// keep caches order as the rows' order by, dropping the least recently
// used beyond keptOrders. x.mu is held.
func (x *EnrolmentIndex) keep(by EnrolmentSort, order []int32) {
	x.orders[by] = order
	if by == EnrolmentSortByName {
		return
	}
	x.recent = append(slices.DeleteFunc(x.recent, func(s EnrolmentSort) bool { return s == by }), by)
	if len(x.recent) > keptOrders {
		x.orders[x.recent[0]] = nil
		x.recent = x.recent[1:]
	}
}

// EnrolmentIndex loads every live session, course and enrolment in one
// snapshot. Enrolments of a session that does not exist (Check reports
// them) are left out.
func LoadEnrolments(s *store.Store) (*EnrolmentIndex, error) {
	x := &EnrolmentIndex{}
	bySession := map[model.ID]*SessionRow{}
	byNumber := map[string]*CourseRow{}
	l := newEnrolmentLoader(x)
	err := s.View(func(tx *store.Tx) error {
		x.version = tx.ID()
		if err := s.Courses.EachIn(tx, func(c *model.Course) bool {
			cr := &CourseRow{Course: c, Stats: newLearningStats()}
			x.Courses = append(x.Courses, cr)
			byNumber[c.Number] = cr
			return true
		}); err != nil {
			return err
		}
		if err := s.Sessions.EachIn(tx, func(ss *model.Session) bool {
			row := &SessionRow{Session: ss, Code: ss.Parsed(), Stats: newLearningStats(), index: x}
			if cr := byNumber[row.Code.Course]; cr != nil {
				row.Course = cr.Course
			}
			x.Sessions = append(x.Sessions, row)
			bySession[ss.ID] = row
			return true
		}); err != nil {
			return err
		}
		b := tx.Bucket(store.EnrolmentsBucket)
		// Counted first so that the rows are one allocation of the right
		// size (Bucket.Len).
		x.rows = make([]EnrolmentRow, 0, b.Len())
		return b.ForEach(func(_, raw []byte) error {
			return l.add(raw, bySession)
		})
	})
	if err != nil {
		return nil, err
	}
	l.rankNames()
	slices.SortFunc(x.Courses, func(a, b *CourseRow) int { return cmp.Compare(a.Number, b.Number) })
	slices.SortStableFunc(x.Sessions, func(a, b *SessionRow) int {
		return cmp.Or(-cmp.Compare(a.Code.Year, b.Code.Year), -cmp.Compare(a.Code.Semester, b.Code.Semester),
			cmp.Compare(a.Code.Course, b.Code.Course),
			cmp.Compare(model.EnumIndex(model.LanguageTable, a.Code.Language), model.EnumIndex(model.LanguageTable, b.Code.Language)),
			cmp.Compare(a.Session.Code, b.Session.Code))
	})
	for i, sr := range x.Sessions {
		sr.idx = i
		if cr := byNumber[sr.Code.Course]; cr != nil {
			cr.Sessions++
			cr.Stats.Merge(sr.Stats)
		}
	}
	return x, nil
}

// enrolmentLoader builds the rows of an index, sharing repeated texts.
type enrolmentLoader struct {
	x        *EnrolmentIndex
	orgIndex map[string]int32 // organisation → index in x.orgs
	text     model.EnrolmentText
}

func newEnrolmentLoader(x *EnrolmentIndex) *enrolmentLoader {
	x.orgNames = []string{""}
	return &enrolmentLoader{x: x, orgIndex: map[string]int32{"": 0}}
}

// add reads one stored enrolment into a row. It fails only when the texts
// of all rows pass 4 GiB.
func (l *enrolmentLoader) add(raw []byte, sessions map[model.ID]*SessionRow) error {
	if store.IsTombstone(raw) {
		return nil
	}
	f := &l.text
	if readEnrolmentText(raw, f) != nil {
		return nil // Check reports it
	}
	sessionID, err := uuid.ParseBytes(f.Session)
	sess := sessions[sessionID]
	if err != nil || sess == nil {
		return nil
	}
	id, err := uuid.ParseBytes(f.ID)
	if err != nil {
		return nil
	}
	r := EnrolmentRow{ID: id, Session: sess, score: float32(f.Score)}
	if f.HasScore {
		r.flags |= hasScore
	}
	if err := l.addTexts(&r, f); err != nil {
		return err
	}
	r.org = l.organisation(f.Organisation)
	r.registered, r.certDate = packDate(f.Registered, &l.x.oddDates), packDate(f.CertificateDate, &l.x.oddDates)
	r.gender = uint8(model.EnumIndex(model.GenderTable, model.Gender(f.Gender)))
	if int(r.gender) == len(model.GenderTable) { // not a gender TISC Desk knows
		r.gender = uint8(model.EnumIndex(model.GenderTable, model.GenderUnspecified))
	}
	r.status = uint8(model.EnumIndex(model.EnrolmentStatusTable, model.EnrolmentStatus(f.Status)))
	if p, ok := provinceRank()[string(f.Province)]; ok {
		r.province = uint8(p + 1)
	}
	if len(f.Country) == 2 {
		r.country = [2]byte{f.Country[0], f.Country[1]}
	}
	sess.Stats.add(r.Status(), r.Gender(), f.Score, f.HasScore, r.Certified())
	l.x.rows = append(l.x.rows, r)
	return nil
}

// addTexts copies a row's texts into the slab, the name, the email and the
// certificate number, then the name and the email in lower case where
// they differ, and points the row's strings at them.
func (l *enrolmentLoader) addTexts(r *EnrolmentRow, f *model.EnrolmentText) error {
	// f's bytes are reused for the next record: these strings are only
	// read before that.
	name, email := unsafe.String(unsafe.SliceData(f.Name), len(f.Name)), unsafe.String(unsafe.SliceData(f.Email), len(f.Email))
	nameLower, emailLower := strings.ToLower(name), model.NormEmail(email)
	if nameLower == name {
		nameLower = ""
	} else {
		r.flags |= lowerName
	}
	if emailLower == email {
		emailLower = ""
	} else {
		r.flags |= lowerEmail
	}
	lens := [...]int{len(name), len(email), len(f.Certificate), len(nameLower), len(emailLower)}
	if lens[0]+lens[1]+lens[2]+lens[3]+lens[4] > 1<<chunkBits || lens[3] >= textLong || lens[4] >= textLong {
		// Never in practice: the lower-case texts apart, and the rest
		// in a chunk of its own.
		if l.x.text.long == nil {
			l.x.text.long = map[model.ID][2]string{}
		}
		l.x.text.long[r.ID] = [2]string{strings.Clone(nameLower), strings.Clone(emailLower)}
		r.nameLowerLen = textLong
		nameLower, emailLower, lens[3], lens[4] = "", "", 0, 0
	}
	at, buf, err := l.x.text.reserve(lens[0] + lens[1] + lens[2] + lens[3] + lens[4])
	if err != nil {
		return err
	}
	buf = append(append(append(append(append(buf[:0], name...), email...), f.Certificate...), nameLower...), emailLower...)
	cut := func(n int) string {
		s := ""
		if n > 0 {
			s = unsafe.String(&buf[0], n)
		}
		buf = buf[n:]
		at += slabOffset(n)
		return s
	}
	r.Name, r.Email, r.Certificate = cut(lens[0]), cut(lens[1]), cut(lens[2])
	if r.nameLowerLen != textLong {
		r.lower, r.nameLowerLen, r.emailLowerLen = at, uint16(lens[3]), uint16(lens[4])
	}
	return nil
}

// readEnrolmentText reads a stored enrolment into f: with scanEnrolment,
// or, for a record it does not read plainly, with encoding/json. Returns
// encoding/json's error for a record that cannot be decoded.
func readEnrolmentText(raw []byte, f *model.EnrolmentText) error {
	if model.ScanEnrolment(raw, f) {
		return nil
	}
	var e model.Enrolment
	if err := json.Unmarshal(raw, &e); err != nil {
		return err
	}
	*f = textOfEnrolment(&e)
	return nil
}

// textOfEnrolment is e as scanEnrolment would have read it.
func textOfEnrolment(e *model.Enrolment) model.EnrolmentText {
	score := 0.0
	if e.Score != nil {
		score = *e.Score
	}
	return model.EnrolmentText{ID: []byte(e.ID.String()), Session: []byte(e.Session.String()),
		Name: []byte(e.Name), Email: []byte(e.Email), Gender: []byte(e.Gender), Organisation: []byte(e.Organisation),
		Province: []byte(e.Province), Country: []byte(e.Country), Registered: []byte(e.Registered),
		Status: []byte(e.Status), Certificate: []byte(e.Certificate), CertificateDate: []byte(e.CertificateDate),
		Score: score, HasScore: e.Score != nil}
}

// organisation returns the index of an organisation in x.orgNames,
// adding it when it is new.
func (l *enrolmentLoader) organisation(b []byte) int32 {
	if i, ok := l.orgIndex[string(b)]; ok {
		return i
	}
	name := string(b)
	i := int32(len(l.x.orgNames))
	l.orgIndex[name] = i
	l.x.orgNames = append(l.x.orgNames, name)
	return i
}

// rankNames orders the names by their collation keys (pinyin for Chinese),
// computing the key of each distinct name once, and lower-cases the
// organisations for searching.
func (l *enrolmentLoader) rankNames() {
	x := l.x
	distinct := map[string]uint32{}
	for i := range x.rows {
		distinct[x.rows[i].Name] = 0
	}
	type keyed struct {
		name string
		key  []byte
	}
	names := make([]keyed, 0, len(distinct))
	col := model.NewCollator()
	var buf collate.Buffer
	for name := range distinct {
		names = append(names, keyed{name, bytes.Clone(col.KeyFromString(&buf, name))})
		buf.Reset()
	}
	slices.SortFunc(names, func(a, b keyed) int { return cmp.Or(bytes.Compare(a.key, b.key), cmp.Compare(a.name, b.name)) })
	for i, n := range names {
		distinct[n.name] = uint32(i)
	}
	for i := range x.rows {
		x.rows[i].nameRank = distinct[x.rows[i].Name]
	}
	x.orgs = make([]string, len(x.orgNames))
	for i, o := range x.orgNames {
		x.orgs[i] = strings.ToLower(o)
	}
}

// Len is the number of enrolments in the index.
func (x *EnrolmentIndex) Len() int { return len(x.rows) }

// Version is the Store.Version the index was read at: while the store's is
// the same, the index is current.
func (x *EnrolmentIndex) Version() int { return x.version }

// Session returns the session of id, or nil.
func (x *EnrolmentIndex) Session(id model.ID) *SessionRow {
	for _, s := range x.Sessions {
		if s.ID == id {
			return s
		}
	}
	return nil
}

// Years lists the years of the sessions, newest first.
func (x *EnrolmentIndex) Years() []int {
	var out []int
	for _, s := range x.Sessions {
		if s.Code.Year != 0 && !slices.Contains(out, s.Code.Year) {
			out = append(out, s.Code.Year)
		}
	}
	return out
}

// Filter returns the enrolments matching q, sorted as q asks.
func (x *EnrolmentIndex) Filter(q EnrolmentQuery) []*EnrolmentRow {
	words := strings.Fields(strings.ToLower(q.Text))
	sessionOK := make([]bool, len(x.Sessions))
	for i, s := range x.Sessions {
		sessionOK[i] = (q.Session == model.NilID || s.ID == q.Session) && (q.Course == "" || s.Code.Course == q.Course) &&
			(q.Language == "" || s.Code.Language == q.Language) && (q.Year == 0 || s.Code.Year == q.Year)
	}
	orgHits := x.orgHits(words)
	status, province := uint8(model.EnumIndex(model.EnrolmentStatusTable, q.Status)), uint8(0)
	if q.Province != "" {
		p, ok := provinceRank()[q.Province]
		if !ok {
			return nil
		}
		province = uint8(p + 1)
	}
	// Match in storage order (the rows and their strings lie in memory in
	// that order), then walk the sort order picking the matches.
	match := make([]bool, len(x.rows))
	n := 0
	for i := range x.rows {
		r := &x.rows[i]
		if !sessionOK[r.Session.idx] || (q.Status != "" && r.status != status) ||
			(q.Province != "" && r.province != province) || (q.Gender != "" && !q.Gender.matches(r.Gender())) ||
			!r.matchesWords(words, orgHits) {
			continue
		}
		match[i] = true
		n++
	}
	order := x.order(q.Sort)
	out := make([]*EnrolmentRow, 0, n)
	if q.Desc {
		for i := len(order) - 1; i >= 0; i-- {
			if match[order[i]] {
				out = append(out, &x.rows[order[i]])
			}
		}
		return out
	}
	for _, i := range order {
		if match[i] {
			out = append(out, &x.rows[i])
		}
	}
	return out
}

// orgHits says, per word, which organisations contain it: organisations
// repeat across thousands of enrolments, so each is searched once.
func (x *EnrolmentIndex) orgHits(words []string) [][]bool {
	hits := make([][]bool, len(words))
	for w, word := range words {
		hits[w] = make([]bool, len(x.orgs))
		for i, o := range x.orgs {
			hits[w][i] = strings.Contains(o, word)
		}
	}
	return hits
}

func (r *EnrolmentRow) matchesWords(words []string, orgHits [][]bool) bool {
	for w, word := range words {
		if !orgHits[w][r.org] && !strings.Contains(r.nameLower(), word) && !strings.Contains(r.emailLower(), word) {
			return false
		}
	}
	return true
}

// order returns the rows' positions in the sort order by (ascending).
// Each row's place is packed into one number, its column's rank, then its
// name's, then its position, so that sorting 200,000 rows is a sort of
// integers: a tap on a column header answers at once.
func (x *EnrolmentIndex) order(by EnrolmentSort) []int32 {
	if by < 0 || by >= enrolmentSorts {
		by = EnrolmentSortByName
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.orders[by] != nil {
		x.keep(by, x.orders[by]) // now the most recent
		return x.orders[by]
	}
	const rankBits, posBits = 21, 22
	rows := x.rows
	order := make([]int32, len(rows))
	for i := range order {
		order[i] = int32(i)
	}
	if len(rows) >= 1<<rankBits {
		slices.SortStableFunc(order, func(a, b int32) int {
			ra, rb := &rows[a], &rows[b]
			return cmp.Or(compareEnrolments(ra, rb, by), cmp.Compare(ra.nameRank, rb.nameRank))
		})
		x.keep(by, order)
		return order
	}
	primary := x.ranks(by)
	keys := make([]uint64, len(rows))
	for i := range rows {
		keys[i] = uint64(primary[i])<<(rankBits+posBits) | uint64(rows[i].nameRank)<<posBits | uint64(i)
	}
	slices.Sort(keys)
	for i, k := range keys {
		order[i] = int32(k & (1<<posBits - 1))
	}
	x.keep(by, order)
	return order
}

// ranks gives each row its rank in the column by: rows that compare equal
// (compareEnrolments) share a rank.
func (x *EnrolmentIndex) ranks(by EnrolmentSort) []uint32 {
	rows := x.rows
	switch by {
	case EnrolmentSortByEmail:
		return rankStrings(len(rows), func(i int) string { return rows[i].emailLower() })
	case EnrolmentSortByOrganisation:
		// Rank the distinct organisations, then give each row its own's
		// (ranks of organisations no row has left gaps, which sort alike).
		byOrg := rankStrings(len(x.orgNames), func(i int) string { return x.orgNames[i] })
		out := make([]uint32, len(rows))
		for i := range rows {
			out[i] = byOrg[rows[i].org]
		}
		return out
	case EnrolmentSortByCertificate:
		return rankStrings(len(rows), func(i int) string { return rows[i].Certificate })
	}
	out := make([]uint32, len(rows))
	for i := range rows {
		r := &rows[i]
		switch by {
		case EnrolmentSortBySession:
			out[i] = uint32(r.Session.idx)
		case EnrolmentSortByProvince:
			out[i] = uint32(r.province - 1) // none (0) last
		case EnrolmentSortByGender:
			out[i] = uint32(r.gender)
		case EnrolmentSortByStatus:
			out[i] = uint32(r.status)
		case EnrolmentSortByScore:
			if r.flags&hasScore != 0 { // scores are 0-100: positive floats order as their bits
				out[i] = 1 + math.Float32bits(r.score)
			}
		case EnrolmentSortByRegistered:
			// Packed dates order as the dates; odd ones after, as stored.
			out[i] = uint32(r.registered)
		}
	}
	return compress(out)
}

// compress replaces each value by its rank among the distinct values.
func compress(values []uint32) []uint32 {
	distinct := map[uint32]uint32{}
	for _, v := range values {
		distinct[v] = 0
	}
	sorted := make([]uint32, 0, len(distinct))
	for v := range distinct {
		sorted = append(sorted, v)
	}
	slices.Sort(sorted)
	for i, v := range sorted {
		distinct[v] = uint32(i)
	}
	for i, v := range values {
		values[i] = distinct[v]
	}
	return values
}

// rankStrings ranks n strings in byte order; equal strings share a rank.
func rankStrings(n int, value func(int) string) []uint32 {
	distinct := make(map[string]uint32, n/4)
	for i := range n {
		distinct[value(i)] = 0
	}
	sorted := make([]string, 0, len(distinct))
	for s := range distinct {
		sorted = append(sorted, s)
	}
	slices.Sort(sorted)
	for i, s := range sorted {
		distinct[s] = uint32(i)
	}
	out := make([]uint32, n)
	for i := range out {
		out[i] = distinct[value(i)]
	}
	return out
}

func compareEnrolments(a, b *EnrolmentRow, by EnrolmentSort) int {
	switch by {
	case EnrolmentSortBySession:
		return cmp.Compare(a.Session.idx, b.Session.idx)
	case EnrolmentSortByEmail:
		return cmp.Compare(a.emailLower(), b.emailLower())
	case EnrolmentSortByOrganisation:
		return cmp.Compare(a.Organisation(), b.Organisation())
	case EnrolmentSortByProvince:
		return cmp.Compare(a.province-1, b.province-1) // none (0) last
	case EnrolmentSortByGender:
		return cmp.Compare(a.gender, b.gender)
	case EnrolmentSortByStatus:
		return cmp.Compare(a.status, b.status)
	case EnrolmentSortByScore:
		if a.flags&hasScore != b.flags&hasScore {
			return cmp.Compare(a.flags&hasScore, b.flags&hasScore)
		}
		return cmp.Compare(a.score, b.score)
	case EnrolmentSortByRegistered:
		return cmp.Compare(a.registered, b.registered)
	case EnrolmentSortByCertificate:
		return cmp.Compare(a.Certificate, b.Certificate)
	}
	return 0 // by name: the tie-break
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Participant returns every enrolment of the person with email (compared
// case-insensitively), newest session first: the participant view.
func (x *EnrolmentIndex) Participant(email string) []*EnrolmentRow {
	key := model.NormEmail(email)
	var out []*EnrolmentRow
	for i := range x.rows {
		if x.rows[i].emailLower() == key {
			out = append(out, &x.rows[i])
		}
	}
	slices.SortStableFunc(out, func(a, b *EnrolmentRow) int { return cmp.Compare(a.Session.idx, b.Session.idx) })
	return out
}

// Certified says whether the enrolment holds a certificate: its number,
// or the date it was issued (a forgotten person's enrolment keeps the date
// and loses the number, and is still counted).
func (r *EnrolmentRow) Certified() bool { return r.Certificate != "" || r.certDate != 0 }

// StatsOf adds up the figures of the given enrolments.
func StatsOf(rows []*EnrolmentRow) LearningStats {
	st := newLearningStats()
	for _, r := range rows {
		score, ok := r.Score()
		st.add(r.Status(), r.Gender(), score, ok, r.Certified())
	}
	return st
}
