package transfer

import (
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"slices"
	"strconv"
	"strings"
	"tiscdesk/data/model"
	"tiscdesk/data/store"
	"tiscdesk/data/tabular"
)

// enrolmentFields are the columns an enrolment roster may have: DESIGN
// section 5, Moodle's participant and grade exports, and the headers
// ExportEnrolments writes.
var enrolmentFields = []tabular.FieldSpec{
	{Field: "name", Required: true, Synonyms: []string{
		"name", "full name", "participant", "participant name", "student", "student name", "learner",
		"姓名", "名字", "学员", "学员姓名", "中文姓名"}},
	{Field: "first_name", Required: true, Synonyms: []string{
		"first name", "firstname", "given name", "forename", "名"}},
	{Field: "last_name", Required: true, Synonyms: []string{
		"surname", "last name", "lastname", "family name", "姓"}},
	{Field: "email", Required: true, Synonyms: []string{
		"email", "e-mail", "email address", "e-mail address", "mail", "participant email",
		"邮箱", "电子邮箱", "电子邮件", "邮件", "电邮", "邮箱地址"}},
	{Field: "gender", Synonyms: []string{"gender", "sex", "性别"}},
	{Field: "organisation", Synonyms: []string{
		"organisation", "organization", "institution", "employer", "affiliation", "company",
		"organisation name", "organization name", "institution name", "employer name",
		"单位", "工作单位", "机构", "所在单位", "单位名称", "机构名称"}},
	{Field: "province", Synonyms: []string{
		"province", "region", "province code", "省份", "省", "所在省份", "省市", "地区"}},
	{Field: "country", Synonyms: []string{
		"country", "nationality", "country code", "国家", "国籍", "国家/地区"}},
	{Field: "session", Required: true, Synonyms: []string{
		"session", "session code", "course code", "课程代码", "课程", "开班", "开班代码", "课程编号"}},
	{Field: "course_title", Synonyms: []string{
		"course name", "course title", "课程名称"}},
	{Field: "status", Synonyms: []string{
		"status", "enrolment status", "enrollment status", "状态", "学习状态", "注册状态"}},
	{Field: "score", Synonyms: []string{
		"score", "grade", "final score", "final grade", "course total", "mark",
		"成绩", "分数", "最终成绩", "总成绩", "得分", "总分"}},
	{Field: "registered", Synonyms: []string{
		"registration date", "registered", "date registered", "enrolment date", "enrollment date", "enrolled on",
		"注册日期", "注册时间", "报名日期", "报名时间"}},
	{Field: "certificate", Synonyms: []string{
		"certificate", "certificate number", "certificate no", "证书编号", "证书号", "证书"}},
	{Field: "certificate_date", Synonyms: []string{
		"certificate date", "date of certificate", "证书日期", "发证日期"}},
	idField,
}

// EnrolmentFields returns the columns an enrolment file may have, for the
// import wizard's column mapping. The slice is the caller's own.
func EnrolmentFields() []tabular.FieldSpec { return slices.Clone(enrolmentFields) }

func enrolmentSpec(field string) tabular.FieldSpec {
	for _, s := range enrolmentFields {
		if s.Field == field {
			return s
		}
	}
	panic("data: no enrolment field " + field)
}

// ErrNoSession is wrapped by the error of an enrolment import whose file has
// no session column when no session was given for it (ImportOptions.Session).
var ErrNoSession = errors.New("the file has no session column (session, course code, 课程代码): say which session its participants enrolled in")

// ImportEnrolments imports the enrolments of a CSV file read from r; file
// names it in the report's messages. Rows are matched to sessions by their
// session code, or opt.Session for a file without a session column (or for
// its empty session cells); a well-formed code that no session has creates
// the session. Within a session a participant is their email, compared
// case-insensitively: a row whose participant is already enrolled updates
// that enrolment (non-empty cells overwrite, empty cells and absent columns
// keep what is stored); two rows of the file with one participant in one
// session make the later an error. New enrolments without a status are
// registered.
//
// Everything is written in one transaction. The rows are read as they
// are parsed, from the file's text or the workbook's sheet, and only what
// the transaction needs of each is kept: its key and its encoded record
// (issue 21: the memory of an import does not grow with the rows' cells).
// Returns the report and ErrRowsInvalid, writing nothing, when a row is
// invalid and opt.SkipInvalid is not set; a *HeaderError (errors.Is
// ErrNoHeader) when the header has no email or name column; an error
// wrapping ErrNoSession when there is no session column nor opt.Session;
// an error wrapping ErrBadSessionCode when opt.Session is malformed;
// ctx's error, writing nothing, when ctx is cancelled; other errors when
// the file cannot be read or the database fails. The report is never nil.
func ImportEnrolments(ctx context.Context, s *store.Store, file string, r io.Reader, opt ImportOptions) (*ImportReport, error) {
	var given *model.SessionCode
	if opt.Session != "" {
		code, err := model.ParseSessionCode(opt.Session)
		if err != nil {
			return &ImportReport{File: file, DryRun: opt.DryRun}, fmt.Errorf("import %s: the session given: %w", file, err)
		}
		given = &code
	}
	ro, err := openRosterStream(file, r, opt, enrolmentFields, func(cols *tabular.ColumnMap) error {
		return checkEnrolmentHeader(cols, given != nil)
	})
	if err != nil {
		return ro.report, err
	}
	imp := &enrolmentImport{s: s, ro: ro, given: given, seed: maphash.MakeSeed(), seed2: maphash.MakeSeed(),
		seen: make(map[[2]uint64]int32, ro.table.SizeHint()), sessions: map[string]*importSession{},
		byCell: map[string]*importSession{}, reader: newRowReader(ro), puts: make([]put, 0, ro.table.SizeHint())}
	if ro.cols.Has("course_title") {
		ro.report.note(model.Because("", "The column {{.Column}} is not imported: the session code says which course it is.",
			map[string]any{"Column": ro.cols.Label("course_title")}))
	}
	return run(ctx, s, ro, imp, opt)
}

func (imp *enrolmentImport) loadStored(tx *store.Tx) error {
	imp.tx = tx
	return imp.loadSessions(tx)
}
func (imp *enrolmentImport) readRow(rec tabular.CSVRecord) { imp.row(rec) }
func (imp *enrolmentImport) settle(*store.Tx) error        { return imp.err }
func (imp *enrolmentImport) addNotes(bool)                 { imp.notes() }
func (imp *enrolmentImport) writeRows(ctx context.Context, tx *store.Tx, _ bool) (int, error) {
	return imp.write(ctx, tx)
}

// checkEnrolmentHeader says what a roster lacks: an email column, a name
// (or first name and surname), and a session unless one is given.
func checkEnrolmentHeader(cols *tabular.ColumnMap, sessionGiven bool) error {
	var missing []tabular.FieldSpec
	if !cols.Has("name") && !cols.Has("first_name") && !cols.Has("last_name") {
		missing = append(missing, enrolmentSpec("name"), enrolmentSpec("first_name"), enrolmentSpec("last_name"))
	}
	if !cols.Has("email") {
		missing = append(missing, enrolmentSpec("email"))
	}
	if len(missing) > 0 {
		return &tabular.HeaderError{Line: cols.Line, Found: cols.Header, Expected: missing}
	}
	if !cols.Has("session") && !sessionGiven {
		return ErrNoSession
	}
	return nil
}

// enrolmentImport is one import of enrolments under way. Each row is read,
// checked against the file's earlier rows and the stored records, and,
// when valid, encoded into what the transaction will write (puts): nothing
// else of a row is kept. The stored records are only read until every row
// is read (the puts are written after), so that each row is resolved
// against the database as it was, whatever the rows before it do.
type enrolmentImport struct {
	s           *store.Store
	ro          *roster
	tx          *store.Tx
	given       *model.SessionCode
	seed, seed2 maphash.Seed
	sessions    map[string]*importSession // by canonical code
	byCell      map[string]*importSession // by the cell that named it
	reader      rowReader
	// seen has each valid row's session and participant, two 64-bit
	// hashes of them (a false match of both is beyond any file), with the
	// row's line.
	seen     map[[2]uint64]int32
	seenIDs  map[model.ID]int    // id cell → the line that gives it
	existing map[uint64]model.ID // the stored participants, by identity; read when a row names a stored session
	claimed  map[model.ID]int    // stored enrolment → the line that updates it, when a row has an id
	abroad   int                 // rows whose province was left out for a participant outside China
	scratch  rowValues           // the values of the row at hand
	slab     recordSlab          // the encoded records
	puts     []put               // what the transaction will write, in file order
	created  int                 // sessions created
	err      error               // the database failed: the import stops
}

// put is one record the import writes: its key and its encoding.
type put struct {
	id    model.ID
	value []byte
}

// rowValues are the values one row gives.
type rowValues struct {
	e     model.Enrolment
	score float64
}

// importSession is a session the file names: stored, or to be created.
type importSession struct {
	session *model.Session
	isNew   bool
	used    bool // a valid row needs it
	created bool // saved by this import's transaction
}

// enrolmentPlan is a valid row: the values it gives, and what it will do.
type enrolmentPlan struct {
	line    int
	session *importSession
	row     *model.Enrolment // the row's values; empty where the row is
	id      model.ID         // the row's id cell, NilID when it has none
	given   givenFields
	target  *model.Enrolment // what will be saved: row itself, or the stored record updated
	isNew   bool
	skip    bool // invalid after all, or unchanged
}

// givenFields says which fields a row gives a value for.
type givenFields uint16

const (
	givenName givenFields = 1 << iota
	givenGender
	givenOrganisation
	givenProvince
	givenCountry
	givenRegistered
	givenStatus
	givenScore
	givenCertificate
	givenCertificateDate
)

func (imp *enrolmentImport) loadSessions(tx *store.Tx) error {
	return imp.s.Sessions.EachIn(tx, func(ss *model.Session) bool {
		if c, err := model.ParseSessionCode(ss.Code); err == nil {
			imp.sessions[c.String()] = &importSession{session: ss}
		}
		return true
	})
}

// row reads one row's cells; a valid one is planned, resolved and staged.
func (imp *enrolmentImport) row(rec tabular.CSVRecord) {
	if imp.err != nil {
		return
	}
	rr := &imp.reader
	rr.rec, rr.bad = rec, false
	// The row's values are read into the same place each time: an import
	// of 100,000 rows makes little garbage.
	v := &imp.scratch
	*v = rowValues{}
	e, given := &v.e, givenFields(0)
	e.Email = rr.cell(colEmail)
	if e.Name = rr.cell(colName); e.Name == "" {
		e.Name = joinName(rr.cell(colFirstName), rr.cell(colLastName))
	}
	if e.Name != "" {
		given |= givenName
	}
	sess := imp.session(rr.cell(colSession))
	if g := rr.cell(colGender); g != "" {
		gender, ok := rr.memo.gender(g)
		if !ok {
			rr.fail("gender", model.Because(g, "is not a gender (use female or 女, male or 男, other, or leave it empty)"))
		}
		e.Gender, given = gender, given|givenGender
	}
	if o := rr.cell(colOrganisation); o != "" {
		e.Organisation, given = o, given|givenOrganisation
	}
	if st := rr.cell(colStatus); st != "" {
		status, ok := rr.memo.status(st)
		if !ok {
			rr.fail("status", model.Because(st, "is not a status (use e.g. registered or 已注册, active or 学习中, completed or 已完成, failed or 未通过, withdrawn or 已退出)"))
		}
		e.Status, given = status, given|givenStatus
	}
	imp.place(e, &given)
	if sc := rr.cell(colScore); sc != "" {
		score, why := parseScore(sc)
		if why.Message != "" {
			rr.fail("score", why)
		}
		v.score = score
		e.Score, given = &v.score, given|givenScore
	}
	if cell := rr.cell(colRegistered); cell != "" {
		e.Registered, given = rr.date("registered", cell), given|givenRegistered
	}
	if cell := rr.cell(colCertificateDate); cell != "" {
		e.CertificateDate, given = rr.date("certificate_date", cell), given|givenCertificateDate
	}
	if c := rr.cell(colCertificate); c != "" {
		e.Certificate, given = c, given|givenCertificate
	}
	id, hasID, why := rowID(rr.cell(colID))
	if why.Message != "" {
		rr.fail("id", why)
	}
	if sess == nil || rr.bad {
		return
	}
	if hasID {
		if first, dup := imp.seenIDs[id]; dup {
			rr.fail("id", model.Because(id.String(), "is already on line {{.Line}} of this file", map[string]any{"Line": first}))
			return
		}
		if imp.seenIDs == nil {
			imp.seenIDs = map[model.ID]int{}
		}
		imp.seenIDs[id] = rec.Line
	}
	if first, dup := imp.duplicate(sess, e.Email, rec.Line); dup && e.Email != "" {
		rr.fail("email", model.Because(e.Email, "is already on line {{.Line}} of this file, for the same session", map[string]any{"Line": first}))
		return
	}
	p := enrolmentPlan{line: rec.Line, session: sess, row: e, given: given, id: id}
	if err := imp.resolve(&p); err != nil {
		imp.err = err
		return
	}
	if !p.skip {
		imp.err = imp.stage(&p)
	}
}

// duplicate reports whether an earlier row of the file has the participant
// in the session, and on which line; otherwise it remembers this one, on
// line.
func (imp *enrolmentImport) duplicate(sess *importSession, email string, line int) (int, bool) {
	key := model.NormEmail(email)
	var h [2]uint64
	for i, seed := range [2]maphash.Seed{imp.seed, imp.seed2} {
		var hash maphash.Hash
		hash.SetSeed(seed)
		hash.WriteString(sess.session.Code)
		hash.WriteByte(0)
		hash.WriteString(key)
		h[i] = hash.Sum64()
	}
	if first, ok := imp.seen[h]; ok {
		return int(first), true
	}
	imp.seen[h] = int32(line)
	return 0, false
}

// resolve finds the stored enrolment a plan updates, applies the row to
// it, and validates what will be saved, counting it in the report; a plan
// that will not be saved is skipped.
func (imp *enrolmentImport) resolve(p *enrolmentPlan) error {
	rep := imp.ro.report
	p.target, p.isNew = p.row, true
	matched, err := imp.byID(p)
	if err != nil || p.skip {
		return err
	}
	storedID := model.NilID
	if matched {
		storedID = p.id
	}
	if !p.session.isNew && !matched {
		existing, err := imp.stored()
		if err != nil {
			return err
		}
		if id, ok := existing[imp.identity(p.session.session.ID, p.row.Email)]; ok {
			stored, err := imp.s.Enrolments.GetIn(imp.tx, id)
			if err != nil {
				return err
			}
			if stored.Session == p.session.session.ID && model.NormEmail(stored.Email) == model.NormEmail(p.row.Email) {
				p.target, p.isNew, storedID = applyEnrolment(p.row, stored, p.given), false, id
			}
		}
	}
	if storedID != model.NilID && imp.reader.columns[colID] >= 0 {
		// Rows with ids can name a record another row finds by its email,
		// before or after it. (Without ids, no two rows find one record:
		// they would be one participant twice in a session.)
		if imp.claimed == nil {
			imp.claimed = map[model.ID]int{}
		}
		if first, dup := imp.claimed[storedID]; dup {
			imp.ro.fail(p.line, "email", model.Because(p.row.Email, "names the same record as line {{.Line}} of this file", map[string]any{"Line": first}))
			p.skip = true
			return nil
		}
		imp.claimed[storedID] = p.line
	}
	if p.isNew && p.target.Status == "" {
		p.target.Status = model.StatusRegistered
	}
	if p.isNew {
		p.target.Session = model.NewID() // stands in for a session still to be created
		if !p.session.isNew {
			p.target.Session = p.session.session.ID
		}
	}
	if !imp.valid(p) {
		p.skip = true
		return nil
	}
	switch {
	case p.isNew:
		rep.Created++
	case p.target == nil:
		rep.Unchanged++
		p.skip = true
		return nil
	default:
		rep.Updated++
	}
	p.session.used = true
	return nil
}

// byID applies p to the stored enrolment its id cell names, when this
// database holds it in the same session: the row may correct the email.
// It reports whether it found one.
func (imp *enrolmentImport) byID(p *enrolmentPlan) (bool, error) {
	if p.id == model.NilID || p.session.isNew {
		return false, nil
	}
	stored, err := imp.s.Enrolments.GetIn(imp.tx, p.id)
	switch {
	case errors.Is(err, model.ErrNotFound):
		return false, nil
	case err != nil:
		return false, err
	case stored.Session != p.session.session.ID:
		return false, nil // another session's: matched as a row without an id
	}
	p.target, p.isNew = applyEnrolment(p.row, stored, p.given), false
	if p.row.Email != "" && p.row.Email != stored.Email {
		existing, err := imp.stored()
		if err != nil {
			return false, err
		}
		if other, ok := existing[imp.identity(stored.Session, p.row.Email)]; ok && other != stored.ID {
			imp.ro.fail(p.line, "email", model.Because(p.row.Email, "is the email of another participant of this session"))
			p.target, p.skip = nil, true
			return true, nil
		}
		if p.target == nil {
			c := *stored
			p.target = &c
		}
		p.target.Email = p.row.Email
	}
	return true, nil
}

// identity hashes a participant of a stored session.
func (imp *enrolmentImport) identity(session model.ID, email string) uint64 {
	var h maphash.Hash
	h.SetSeed(imp.seed)
	h.Write(session[:])
	h.WriteString(model.NormEmail(email))
	return h.Sum64()
}

// stored maps the stored participants to their enrolments, reading only
// what identifies each record, the first time a row names a stored
// session: a file of new sessions (a year's export into a new database)
// reads none.
func (imp *enrolmentImport) stored() (map[uint64]model.ID, error) {
	if imp.existing != nil {
		return imp.existing, nil
	}
	out := map[uint64]model.ID{}
	var f model.EnrolmentText
	err := imp.tx.Bucket(store.EnrolmentsBucket).ForEach(func(_, raw []byte) error {
		if id, session, email, ok := store.EnrolmentIdentity(raw, &f); ok {
			out[imp.identity(session, string(email))] = id
		}
		return nil
	})
	if err == nil {
		imp.existing = out
	}
	return out, err
}

// valid validates what a plan will save, reporting its problems against the
// row's cells.
func (imp *enrolmentImport) valid(p *enrolmentPlan) bool {
	target := p.target
	if target == nil { // unchanged: the stored record is not the row's to fix
		return true
	}
	// A new row's cells were each read into a valid value or reported
	// (row); what Validate adds is that the name and email are there and
	// the email is an address, which it checks with net/mail at a cost
	// greater than the rest of the row. An address of the plain form rosters
	// are full of is one net/mail accepts (plainValidEmail), so such rows
	// need no more. (FuzzImportEnrolments checks that every enrolment an
	// import stores validates.)
	if p.isNew && strings.TrimSpace(target.Name) != "" && plainValidEmail(target.Email) {
		return true
	}
	err := target.Validate()
	if err == nil {
		return true
	}
	var ve *model.ValidationError
	if !errors.As(err, &ve) {
		return true
	}
	cols := imp.ro.cols
	for _, fe := range ve.Fields {
		field := fe.Field
		if field == "name" && !cols.Has("name") && (cols.Has("first_name") || cols.Has("last_name")) {
			field = "first_name"
			if !cols.Has("first_name") {
				field = "last_name"
			}
		}
		value := ""
		switch fe.Field {
		case "email":
			value = target.Email
		case "name":
			value = target.Name
		case "score":
			if target.Score != nil {
				value = strconv.FormatFloat(*target.Score, 'f', -1, 64)
			}
		}
		imp.ro.fail(p.line, field, model.Because(value, fe.Message))
	}
	return false
}

// applyEnrolment returns stored with the fields row gives, or nil when that
// changes nothing. The email stays as stored: it is the identity.
func applyEnrolment(row, stored *model.Enrolment, given givenFields) *model.Enrolment {
	out := *stored
	set := func(flag givenFields, apply func()) {
		if given&flag != 0 {
			apply()
		}
	}
	set(givenName, func() { out.Name = row.Name })
	set(givenGender, func() { out.Gender = row.Gender })
	set(givenOrganisation, func() { out.Organisation = row.Organisation })
	set(givenProvince, func() { out.Province = row.Province })
	set(givenCountry, func() { out.Country = row.Country })
	set(givenRegistered, func() { out.Registered = row.Registered })
	set(givenStatus, func() { out.Status = row.Status })
	set(givenScore, func() { out.Score = row.Score })
	set(givenCertificate, func() { out.Certificate = row.Certificate })
	set(givenCertificateDate, func() { out.CertificateDate = row.CertificateDate })
	if sameEnrolment(&out, stored) {
		return nil
	}
	return &out
}

// sameEnrolment reports whether a and b hold the same values (Meta aside).
func sameEnrolment(a, b *model.Enrolment) bool {
	sameScore := (a.Score == nil) == (b.Score == nil) && (a.Score == nil || *a.Score == *b.Score)
	return sameScore && a.Session == b.Session && a.Name == b.Name && a.Email == b.Email &&
		a.Gender == b.Gender && a.Organisation == b.Organisation && a.Province == b.Province &&
		a.Country == b.Country && a.Registered == b.Registered && a.Status == b.Status &&
		a.Certificate == b.Certificate && a.CertificateDate == b.CertificateDate
}

// notes explains what the import does besides the rows: sessions created,
// courses not in the catalogue, provinces left out.
func (imp *enrolmentImport) notes() {
	rep := imp.ro.report
	var created []string
	for code, s := range imp.sessions {
		if s.isNew && s.used {
			created = append(created, code)
		}
	}
	if len(created) > 0 {
		slices.Sort(created)
		args := map[string]any{"List": strings.Join(created, ", "), "Count": len(created), "First": created[0], "Last": created[len(created)-1]}
		long := len(created) > 12 // ten years of sessions in one file
		switch {
		case rep.DryRun && long:
			rep.note(model.Because("", "Sessions to be created: {{.Count}}, from {{.First}} to {{.Last}}.", args))
		case rep.DryRun:
			rep.note(model.Because("", "Sessions to be created: {{.List}}.", args))
		case long:
			rep.note(model.Because("", "Sessions created: {{.Count}}, from {{.First}} to {{.Last}}.", args))
		default:
			rep.note(model.Because("", "Sessions created: {{.List}}.", args))
		}
	}
	if imp.abroad > 0 {
		rep.note(model.Because("", "{{.Column}}: left empty for {{.Count}} participants whose country is not China (provinces are China's).",
			map[string]any{"Column": imp.ro.cols.Label("province"), "Count": imp.abroad}))
	}
}
