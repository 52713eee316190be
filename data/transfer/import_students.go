package transfer

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"tiscdesk/data/model"
	"tiscdesk/data/store"
	"tiscdesk/data/tabular"
	"unicode"
)

// studentFields are the columns a student roster may have (DESIGN section
// 5, and the headers ExportStudents writes).
var studentFields = []tabular.FieldSpec{
	{Field: "programme", Required: true, Synonyms: []string{
		"programme", "program", "programme name", "program name", "degree programme", "degree program",
		"项目", "项目名称", "学位项目"}},
	{Field: "partner", Synonyms: []string{
		"partner", "partner university", "partner institution", "host university", "合作大学", "合作院校", "合作高校"}},
	{Field: "intake_year", Required: true, Synonyms: []string{
		"intake year", "intake", "cohort", "year of intake", "entry year", "year of entry",
		"入学年份", "入学年度", "入学年", "年级"}},
	{Field: "name", Required: true, Synonyms: []string{
		"name", "full name", "student", "student name", "姓名", "名字", "学生姓名"}},
	{Field: "first_name", Synonyms: []string{"first name", "given name", "forename", "名"}},
	{Field: "last_name", Synonyms: []string{"surname", "last name", "family name", "姓"}},
	{Field: "gender", Synonyms: []string{"gender", "sex", "性别"}},
	{Field: "nationality", Synonyms: []string{
		"nationality", "country", "citizenship", "country of origin", "home country", "国籍", "国家", "国家/地区", "国别"}},
	{Field: "email", Required: true, Synonyms: []string{
		"email", "e-mail", "email address", "mail", "邮箱", "电子邮箱", "电子邮件", "邮件", "邮箱地址"}},
	{Field: "funder", Synonyms: []string{
		"scholarship", "funder", "funding", "scholarship funder", "sponsor", "funded by",
		"奖学金", "资助", "资助方", "奖学金来源", "经费来源", "资助来源"}},
	{Field: "status", Synonyms: []string{"status", "student status", "状态", "学籍状态", "学生状态", "学籍"}},
	{Field: "thesis", Synonyms: []string{
		"thesis", "thesis title", "dissertation", "dissertation title", "论文题目", "论文", "毕业论文", "论文标题", "学位论文"}},
	{Field: "supervisor", Synonyms: []string{
		"supervisor", "advisor", "adviser", "thesis supervisor", "导师", "指导教师", "指导老师"}},
	{Field: "graduated", Synonyms: []string{
		"graduation date", "graduated", "date graduated", "date of graduation", "graduated on", "毕业日期", "毕业时间"}},
	idField,
}

// StudentFields returns the columns a student roster may have, for the
// import wizard's column mapping. The slice is the caller's own.
func StudentFields() []tabular.FieldSpec {
	out := make([]tabular.FieldSpec, len(studentFields))
	copy(out, studentFields)
	return out
}

// ImportStudents imports a joint-degree roster: the students of a CSV file
// read from r, each row naming its programme and intake year; file names it
// in the report's messages.
//
// A programme is found by its English or Chinese name (compared case-,
// width- and space-insensitively); one that is not in the database is
// created, with its partner university when a "partner" column gives it
// (else the report warns that it is to be completed), and a cohort — the
// programme's intake of that year — likewise; the report's notes name them. Within a cohort a student is their email (case-
// insensitively), or their name when the row has no email: a row that
// repeats a student of the database updates it (non-empty cells overwrite,
// empty cells and absent columns keep what is stored); a row that repeats
// another row of the file is an error. New students without a status are
// enrolled; a graduate without a graduation date takes the cohort's (or
// today's, when the cohort's is still to come), and is imported with a
// warning when the cohort has none.
//
// Everything is written in one transaction. Returns the report and
// ErrRowsInvalid, writing nothing, when a row is invalid and
// opt.SkipInvalid is not set; a *HeaderError (errors.Is ErrNoHeader) when
// the header lacks the programme, intake year or name columns; ctx's error,
// writing nothing, when ctx is cancelled; other errors when the file cannot
// be read or the database fails. The report is never nil.
func ImportStudents(ctx context.Context, s *store.Store, file string, r io.Reader, opt ImportOptions) (*ImportReport, error) {
	ro, err := openFor(file, r, opt, studentFields, func(cols *tabular.ColumnMap) error {
		if missing := missingStudentColumns(cols); len(missing) > 0 {
			return &tabular.HeaderError{Line: cols.Line, Found: cols.Header, Expected: missing}
		}
		return nil
	})
	if err != nil {
		return ro.report, err
	}
	imp := newStudentImport(s, ro)
	imp.today = opt.today(s)
	return run(ctx, s, ro, imp, opt)
}

func (imp *studentImport) loadStored(tx *store.Tx) error { return imp.loadExisting(tx) }
func (imp *studentImport) readRow(rec tabular.CSVRecord) { imp.row(rec) }
func (imp *studentImport) settle(*store.Tx) error        { imp.warnNewProgrammes(); return nil }
func (imp *studentImport) addNotes(dryRun bool)          { imp.count(); imp.note(dryRun) }
func (imp *studentImport) writeRows(_ context.Context, tx *store.Tx, skipInvalid bool) (int, error) {
	if err := imp.write(tx, skipInvalid); err != nil {
		return 0, err
	}
	return imp.ro.report.Created + imp.ro.report.Updated + len(imp.created), nil
}

// missingStudentColumns lists the columns a roster cannot do without and
// does not have: the programme, the intake year, and a name (or first name
// and surname).
func missingStudentColumns(cols *tabular.ColumnMap) []tabular.FieldSpec {
	var missing []tabular.FieldSpec
	for _, spec := range studentFields {
		switch spec.Field {
		case "programme", "intake_year":
			if !cols.Has(spec.Field) {
				missing = append(missing, spec)
			}
		case "name":
			if !cols.Has("name") && !(cols.Has("first_name") && cols.Has("last_name")) {
				missing = append(missing, spec)
			}
		}
	}
	return missing
}

// studentImport is one import of a roster under way.
type studentImport struct {
	s  *store.Store
	ro *roster

	programmes    map[string][]*model.Programme // live programmes by name key (English and Chinese)
	cohorts       map[model.ID]map[int][]*model.Cohort
	students      map[model.ID][]*model.Student // live students by cohort
	studentIDs    map[model.ID]*model.Student   // live students by id
	newProgrammes map[string]*newProgramme
	newCohorts    map[string]*newCohort
	cohortOrder   []*newCohort     // newCohorts in the order the file names them: creation order
	seen          map[string]int   // cohort and student key → first line of this file that has it
	claimed       map[model.ID]int // student → the line that updates it
	plans         []*studentPlan
	created       []model.ImportText // what the notes say was created
	defaulted     int                // new students without a status, enrolled
	tookDate      int                // graduates who took the cohort's graduation date
	today         model.Date
}

// newProgramme is a programme the file names that the database lacks.
type newProgramme struct {
	p     *model.Programme
	lines []int
}

// newCohort is a cohort the file names that the database lacks; prog is
// set when its programme is new too.
type newCohort struct {
	c        *model.Cohort
	prog     *newProgramme
	progName string
	valid    int // valid rows in it: a cohort none needs is not created
}

// studentPlan is what a row will do.
type studentPlan struct {
	line    int
	st      *model.Student
	isNew   bool
	changed bool
	cohort  *newCohort // nil when the cohort exists
}

func newStudentImport(s *store.Store, ro *roster) *studentImport {
	return &studentImport{s: s, ro: ro, programmes: map[string][]*model.Programme{}, cohorts: map[model.ID]map[int][]*model.Cohort{},
		students: map[model.ID][]*model.Student{}, newProgrammes: map[string]*newProgramme{}, newCohorts: map[string]*newCohort{},
		seen: map[string]int{}, claimed: map[model.ID]int{}}
}

// nameKey is the form in which programme and student names are compared:
// case-, width-, space- and bracket-insensitive, as when records meet in a
// merge (model.NaturalName).
func nameKey(s string) string { return model.NaturalName(s) }

func (imp *studentImport) loadExisting(tx *store.Tx) error {
	s := imp.s
	if err := s.Programmes.EachIn(tx, func(p *model.Programme) bool {
		for _, k := range []string{nameKey(p.Name), nameKey(p.NameZH)} {
			if k != "" && (len(imp.programmes[k]) == 0 || imp.programmes[k][len(imp.programmes[k])-1] != p) {
				imp.programmes[k] = append(imp.programmes[k], p)
			}
		}
		return true
	}); err != nil {
		return err
	}
	if err := s.Cohorts.EachIn(tx, func(c *model.Cohort) bool {
		if imp.cohorts[c.Programme] == nil {
			imp.cohorts[c.Programme] = map[int][]*model.Cohort{}
		}
		imp.cohorts[c.Programme][c.IntakeYear] = append(imp.cohorts[c.Programme][c.IntakeYear], c)
		return true
	}); err != nil {
		return err
	}
	imp.studentIDs = map[model.ID]*model.Student{}
	return s.Students.EachIn(tx, func(st *model.Student) bool {
		imp.students[st.Cohort] = append(imp.students[st.Cohort], st)
		imp.studentIDs[st.ID] = st
		return true
	})
}

// row checks one row and, when it is valid so far, plans its student.
func (imp *studentImport) row(rec tabular.CSVRecord) {
	ro, cols := imp.ro, imp.ro.cols
	v := func(field string) string { return tabular.UnquoteFormula(cols.Value(rec.Fields, field)) }
	failed := map[string]bool{}
	fail := func(field string, why model.ImportText) {
		ro.fail(rec.Line, field, why)
		failed[field] = true
	}
	name, nameField := imp.rowName(v)
	cohort, planned, cohortKey := imp.rowCohort(rec.Line, v, fail)
	if name == "" {
		fail(nameField, model.Because("", "is required"))
	}
	id, hasID, why := rowID(v("id"))
	if why.Message != "" {
		fail("id", why)
	}
	if len(failed) > 0 {
		return
	}
	email := model.NormEmail(v("email"))
	key := cohortKey + "\x00name:" + nameKey(name)
	if email != "" {
		key = cohortKey + "\x00email:" + email
	}
	if first, dup := imp.seen[key]; dup {
		field, value := nameField, name
		if email != "" {
			field, value = "email", v("email")
		}
		fail(field, model.Because(value, "is already on line {{.Line}} of this file", map[string]any{"Line": first}))
		return
	}
	imp.seen[key] = rec.Line

	st, isNew := &model.Student{Cohort: model.NilID}, true
	if cohort != nil {
		st.Cohort = cohort.ID
		var matches []*model.Student
		if found := imp.studentIDs[id]; hasID && found != nil && found.Cohort == cohort.ID {
			matches = []*model.Student{found} // the file may have renamed the student or corrected the email
		} else {
			matches = imp.match(cohort, email, name)
		}
		switch {
		case len(matches) > 1:
			fail(nameField, model.Because(name, "names {{.Count}} students of this cohort: give their emails", map[string]any{"Count": len(matches)}))
			return
		case len(matches) == 1 && imp.claimed[matches[0].ID] != 0:
			fail(nameField, model.Because(name, "is the student of line {{.Line}}, found there by id, email or name", map[string]any{"Line": imp.claimed[matches[0].ID]}))
			return
		case len(matches) == 1:
			st, isNew = matches[0], false
			imp.claimed[st.ID] = rec.Line
		}
	}
	before, _ := json.Marshal(st)
	st.Name = name
	imp.apply(rec.Line, st, isNew, cohort, v, fail)
	imp.validate(st, nameField, v, failed, fail)
	if len(failed) > 0 {
		return
	}
	after, _ := json.Marshal(st)
	if planned != nil {
		planned.valid++
	}
	imp.plans = append(imp.plans, &studentPlan{line: rec.Line, st: st, isNew: isNew, changed: !bytes.Equal(before, after), cohort: planned})
}

// rowName is the row's name, joined from first name and surname when the
// file has no name column (Moodle), and the field messages name it by.
func (imp *studentImport) rowName(v func(string) string) (name, field string) {
	if imp.ro.cols.Has("name") {
		return v("name"), "name"
	}
	first, last := v("first_name"), v("last_name")
	if strings.ContainsFunc(first+last, func(r rune) bool { return unicode.Is(unicode.Han, r) }) {
		return last + first, "last_name" // 王 + 芳 = 王芳
	}
	return strings.TrimSpace(first + " " + last), "last_name"
}

// rowCohort finds the row's cohort (nil when the file creates it, planned
// then), with a key naming it within this import; it reports the problems
// with the programme and intake year cells through fail.
func (imp *studentImport) rowCohort(line int, v func(string) string, fail func(field string, why model.ImportText)) (*model.Cohort, *newCohort, string) {
	progName, yearText := v("programme"), v("intake_year")
	year, yearOK := parseIntakeYear(yearText)
	switch {
	case yearText == "":
		fail("intake_year", model.Because("", "is required"))
	case !yearOK:
		fail("intake_year", model.Because(yearText, "is not an intake year between 1990 and 2100 (write it like 2018)"))
	}
	if progName == "" {
		fail("programme", model.Because("", "is required"))
		return nil, nil, ""
	}
	pk := nameKey(progName)
	existing := imp.programmes[pk]
	if len(existing) > 1 {
		fail("programme", model.Because(progName, "names {{.Count}} programmes in the database: give them different names first", map[string]any{"Count": len(existing)}))
		return nil, nil, ""
	}
	if !yearOK {
		return nil, nil, ""
	}
	// The cohort's key names the programme by its id when it exists, so
	// that its English and Chinese names give the same cohort.
	cohortKey := "new:" + pk + "\x00" + strconv.Itoa(year)
	if len(existing) == 1 {
		p := existing[0]
		cohortKey = p.ID.String() + "\x00" + strconv.Itoa(year)
		switch cs := imp.cohorts[p.ID][year]; len(cs) {
		case 1:
			return cs[0], nil, cohortKey
		case 0:
			return nil, imp.planCohort(cohortKey, year, p.ID, p.Name, nil), cohortKey
		default:
			fail("intake_year", model.Because(yearText, "names {{.Count}} cohorts of {{.Programme}}: merge them first", map[string]any{"Count": len(cs), "Programme": p.Name}))
			return nil, nil, ""
		}
	}
	np := imp.newProgrammes[pk]
	if np == nil {
		np = &newProgramme{p: &model.Programme{Name: progName}}
		imp.newProgrammes[pk] = np
	}
	if np.p.Partner == "" {
		np.p.Partner = v("partner")
	}
	np.lines = append(np.lines, line)
	return nil, imp.planCohort(cohortKey, year, model.NilID, np.p.Name, np), cohortKey
}

func (imp *studentImport) planCohort(key string, year int, programme model.ID, progName string, np *newProgramme) *newCohort {
	nc := imp.newCohorts[key]
	if nc == nil {
		nc = &newCohort{c: &model.Cohort{Programme: programme, IntakeYear: year}, prog: np, progName: progName}
		imp.newCohorts[key] = nc
		imp.cohortOrder = append(imp.cohortOrder, nc)
	}
	return nc
}

// parseIntakeYear reads "2018", "2018级", "2018年", "2018-2019", "2018/19".
func parseIntakeYear(s string) (int, bool) {
	s = strings.TrimSpace(s)
	s = strings.TrimSuffix(strings.TrimSuffix(s, "级"), "年")
	if len(s) > 4 && strings.ContainsRune("-/–", []rune(s[4:])[0]) {
		s = s[:4]
	}
	y, err := strconv.Atoi(strings.TrimSpace(s))
	return y, err == nil && y >= 1990 && y <= 2100
}

// match finds the students of cohort the row names: by email when it has
// one (else by name among those without an email, whose email it then
// gives), by name when it has none.
func (imp *studentImport) match(cohort *model.Cohort, email, name string) []*model.Student {
	var byEmail, byName []*model.Student
	nk := nameKey(name)
	for _, st := range imp.students[cohort.ID] {
		switch {
		case email != "" && model.NormEmail(st.Email) == email:
			byEmail = append(byEmail, st)
		case nameKey(st.Name) == nk && (email == "" || st.Email == ""):
			byName = append(byName, st)
		}
	}
	if email != "" && len(byEmail) > 0 {
		return byEmail
	}
	return byName
}

// apply sets the student's fields from the row's non-empty cells and
// reports the cells it cannot read through fail.
func (imp *studentImport) apply(line int, st *model.Student, isNew bool, cohort *model.Cohort, v func(string) string, fail func(field string, why model.ImportText)) {
	st.Email = orElse(v("email"), st.Email)
	st.Thesis = orElse(v("thesis"), st.Thesis)
	st.Supervisor = orElse(v("supervisor"), st.Supervisor)
	if g := v("gender"); g != "" {
		if gender, ok := model.LookupGender(g); ok {
			st.Gender = gender
		} else {
			fail("gender", model.Because(g, "is not a gender (use Female or 女, Male or 男, Other)"))
		}
	}
	if n := v("nationality"); n != "" {
		if c, ok := model.LookupCountry(n); ok {
			st.Nationality = c.Code
		} else {
			fail("nationality", model.Because(n, "is not a country (use an ISO code like KE, or a name like Kenya or 肯尼亚)"))
		}
	}
	if f := v("funder"); f != "" {
		if funder, ok := model.LookupFunder(f); ok {
			st.Funder = funder
		} else {
			fail("funder", model.Because(f, "is not a scholarship funder (use WIPO, Host government or 东道国政府, Self-funded or 自费, Other)"))
		}
	}
	if s := v("status"); s != "" {
		if status, ok := model.LookupStudentStatus(s); ok {
			st.Status = status
		} else {
			fail("status", model.Because(s, "is not a student status (use e.g. Enrolled or 在读, Graduated or 已毕业, Withdrawn or 退学)"))
		}
	} else if isNew {
		st.Status = model.StudentEnrolled
		imp.defaulted++
	}
	if d := v("graduated"); d != "" {
		if date, ok := tabular.ParseLooseDate(d); ok {
			st.Graduated = date
		} else {
			fail("graduated", model.Because(d, "is not a date of the form YYYY-MM-DD"))
		}
	}
	if st.Status == model.StudentGraduated && st.Graduated == "" && cohort != nil && cohort.Graduation != "" {
		st.Graduated = min(cohort.Graduation, imp.today) // graduated already: not later than today
		imp.tookDate++
	}
	if slices.Contains(st.Missing(), "graduated") {
		imp.ro.warn(line, "graduated", model.Because("", "is missing for this graduate: add it on the student's form, or give the cohort its graduation date"))
	}
}

// validate reports the student's remaining problems under the roster's
// columns, once per field.
func (imp *studentImport) validate(st *model.Student, nameField string, v func(string) string, failed map[string]bool, fail func(field string, why model.ImportText)) {
	check := *st
	if check.Cohort == model.NilID {
		check.Cohort = model.NewID() // the cohort is created with the import
	}
	var ve *model.ValidationError
	if !errors.As(check.Validate(), &ve) {
		return
	}
	for _, fe := range ve.Fields {
		field := fe.Field
		if field == "name" {
			field = nameField
		}
		why := model.Because(v(field), fe.Message)
		if !failed[field] {
			fail(field, why)
		}
	}
}

// warnNewProgrammes warns, on its first valid line, of each programme the
// import creates without its partner university: the programme is created
// and its page shows it as incomplete until the partner is given.
func (imp *studentImport) warnNewProgrammes() {
	for _, np := range imp.newProgrammes {
		np.p.Partner = strings.TrimSpace(np.p.Partner)
		if !np.p.Incomplete() {
			continue
		}
		for _, line := range np.lines {
			if !imp.ro.bad[line] {
				imp.ro.warn(line, "partner", model.Because("", "is missing for the new programme {{.Programme}}: it is created, marked incomplete until you give it on its page",
					map[string]any{"Programme": np.p.Name}))
				break
			}
		}
	}
}

// count tallies the valid rows by outcome.
func (imp *studentImport) count() {
	rep := imp.ro.report
	for _, p := range imp.plans {
		switch {
		case imp.ro.bad[p.line]:
		case p.isNew:
			rep.Created++
		case p.changed:
			rep.Updated++
		default:
			rep.Unchanged++
		}
	}
}

// note says which programmes and cohorts the import creates, and what it
// assumed.
func (imp *studentImport) note(dryRun bool) {
	var progs, cohorts []model.ImportText
	for _, nc := range imp.cohortOrder {
		if nc.valid == 0 {
			continue
		}
		if np := nc.prog; np != nil {
			entry := model.Because("", "{{.Programme}} (partner: {{.Partner}})", map[string]any{"Programme": np.p.Name, "Partner": np.p.Partner})
			if np.p.Partner == "" {
				entry = model.Because("", "{{.Programme}} (partner not given)", map[string]any{"Programme": np.p.Name})
			}
			if !slices.ContainsFunc(progs, func(t model.ImportText) bool { return t.String() == entry.String() }) {
				progs = append(progs, entry)
			}
		}
		cohorts = append(cohorts, model.Because("", "{{.Programme}}, intake {{.Year}}", map[string]any{"Programme": nc.progName, "Year": nc.c.IntakeYear}))
	}
	byText := func(a, b model.ImportText) int { return strings.Compare(a.String(), b.String()) }
	slices.SortFunc(progs, byText)
	slices.SortFunc(cohorts, byText)
	rep := imp.ro.report
	progList := map[string]any{"List": progs}
	cohortList := map[string]any{"List": cohorts}
	switch {
	case len(progs) > 0 && dryRun:
		rep.note(model.Because("", "Programmes not in the database, to be created: {{.List}}.", progList))
	case len(progs) > 0:
		rep.note(model.Because("", "Programmes not in the database, created: {{.List}}.", progList))
	}
	switch {
	case len(cohorts) > 0 && dryRun:
		rep.note(model.Because("", "Cohorts not in the database, to be created: {{.List}}.", cohortList))
	case len(cohorts) > 0:
		rep.note(model.Because("", "Cohorts not in the database, created: {{.List}}.", cohortList))
	}
	if imp.defaulted > 0 {
		rep.note(model.Because("", "New students without a status in the file: {{.Count}}, recorded as enrolled.", map[string]any{"Count": imp.defaulted}))
	}
	if imp.tookDate > 0 {
		rep.note(model.Because("", "Graduates without a graduation date in the file: {{.Count}}, given their cohort's (or today's, when the cohort's is still to come).",
			map[string]any{"Count": imp.tookDate}))
	}
	imp.created = append(progs, cohorts...)
}

// write saves the new programmes and cohorts the valid rows need, then the
// new and changed students. A save that fails validation (it should not: the
// rows were validated) makes one more invalid row.
func (imp *studentImport) write(tx *store.Tx, skipInvalid bool) error {
	s := imp.s
	for _, nc := range imp.cohortOrder {
		if nc.valid == 0 {
			continue
		}
		if np := nc.prog; np != nil {
			if np.p.ID == model.NilID {
				if err := s.Programmes.PutIn(tx, np.p); err != nil {
					return fmt.Errorf("create programme %s: %w", np.p.Name, err)
				}
			}
			nc.c.Programme = np.p.ID
		}
		if err := s.Cohorts.PutIn(tx, nc.c); err != nil {
			return fmt.Errorf("create cohort %d: %w", nc.c.IntakeYear, err)
		}
	}
	for _, p := range imp.plans {
		if imp.ro.bad[p.line] || !p.changed {
			continue
		}
		if p.cohort != nil {
			p.st.Cohort = p.cohort.c.ID
		}
		if err := imp.ro.saved(s.Students.PutIn(tx, p.st), p.line, p.isNew, skipInvalid); err != nil {
			return err
		}
	}
	return nil
}
