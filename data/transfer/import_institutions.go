package transfer

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"tiscdesk/data/model"
	"tiscdesk/data/store"
	"tiscdesk/data/tabular"
)

// institutionFields are the columns an institution roster may have
// (DESIGN section 5, and the headers ExportInstitutions writes).
var institutionFields = []tabular.FieldSpec{
	{Field: "local_name", Required: true, Synonyms: []string{
		"local name", "name", "institution", "institution name", "chinese name",
		"机构名称", "名称", "单位名称", "机构", "单位", "中文名称", "中文名"}},
	{Field: "english_name", Required: true, Synonyms: []string{
		"english name", "name in english", "英文名称", "英文名"}},
	{Field: "type", Required: true, Synonyms: []string{
		"type", "institution type", "kind", "category", "类型", "机构类型", "单位类型", "类别", "机构性质", "单位性质"}},
	{Field: "province", Required: true, Synonyms: []string{
		"province", "region", "省份", "省", "所在省份", "省区市", "所在地区", "地区"}},
	{Field: "province_code", Synonyms: []string{
		"province code", "region code", "省份代码"}},
	{Field: "city", Synonyms: []string{"city", "城市", "所在城市", "市", "地市"}},
	{Field: "address", Synonyms: []string{"address", "postal address", "地址", "通讯地址", "详细地址"}},
	{Field: "website", Synonyms: []string{"website", "web site", "url", "homepage", "网址", "网站", "主页"}},
	{Field: "contact_name", Synonyms: []string{
		"contact", "contact name", "contact person", "联系人", "联系人姓名"}},
	{Field: "contact_title", Synonyms: []string{
		"title", "contact title", "job title", "position", "职务", "职位", "联系人职务"}},
	{Field: "contact_email", Synonyms: []string{
		"email", "e-mail", "email address", "mail", "contact email", "邮箱", "电子邮箱", "电子邮件", "邮件", "联系人邮箱"}},
	{Field: "contact_phone", Synonyms: []string{
		"phone", "telephone", "tel", "mobile", "phone number", "contact phone", "电话", "联系电话", "电话号码", "手机", "联系人电话"}},
	{Field: "stage", Synonyms: []string{
		"stage", "pipeline stage", "status", "阶段", "状态", "当前阶段", "进展"}},
	{Field: "stage_date", Synonyms: []string{
		"stage date", "date reached", "stage since", "阶段日期"}},
	{Field: "batch", Synonyms: []string{"batch", "phase", "批次"}},
	{Field: "services", Synonyms: []string{
		"services", "service", "服务", "服务内容", "服务项目"}},
	{Field: "notes", Synonyms: []string{"notes", "note", "remarks", "remark", "comments", "备注", "说明"}},
	idField,
}

// InstitutionFields returns the columns an institution file may have, for
// the import wizard's column mapping. The slice is the caller's own.
func InstitutionFields() []tabular.FieldSpec {
	out := make([]tabular.FieldSpec, len(institutionFields))
	copy(out, institutionFields)
	return out
}

// ImportInstitutions imports the institutions of a CSV file read from r;
// file names it in the report's messages. A row whose local name (compared
// trimmed, case- and width-insensitively; the English name when the local
// one is empty) is an existing institution's updates it: non-empty cells
// overwrite, empty cells and absent columns keep what is stored, and a new
// stage is recorded in the history as imported from file. Other rows create
// institutions (at the candidate stage when the file gives none).
//
// Everything is written in one transaction. Returns the report and
// ErrRowsInvalid, writing nothing, when a row is invalid and
// opt.SkipInvalid is not set; a *HeaderError (errors.Is ErrNoHeader) when
// the header names no institution column; ctx's error, writing nothing,
// when ctx is cancelled; other errors when the file cannot be read or the
// database fails. The report is never nil.
func ImportInstitutions(ctx context.Context, s *store.Store, file string, r io.Reader, opt ImportOptions) (*ImportReport, error) {
	ro, err := openFor(file, r, opt, institutionFields, func(cols *tabular.ColumnMap) error {
		if !cols.Has("local_name") && !cols.Has("english_name") {
			return &tabular.HeaderError{Line: cols.Line, Found: cols.Header, Expected: institutionFields[:2]}
		}
		return nil
	})
	if err != nil {
		return ro.report, err
	}
	imp := &institutionImport{s: s, ro: ro, today: opt.today(s), seen: map[string]int{}, claimed: map[model.ID]int{}}
	return run(ctx, s, ro, imp, opt)
}

func (imp *institutionImport) loadStored(tx *store.Tx) error { return imp.loadExisting(tx) }
func (imp *institutionImport) readRow(rec tabular.CSVRecord) { imp.row(rec) }
func (imp *institutionImport) settle(*store.Tx) error        { return nil }
func (imp *institutionImport) addNotes(bool)                 { imp.noteNameless() }
func (imp *institutionImport) writeRows(_ context.Context, tx *store.Tx, skipInvalid bool) (int, error) {
	if err := imp.write(tx, skipInvalid); err != nil {
		return 0, err
	}
	return imp.ro.report.Created + imp.ro.report.Updated, nil
}

// institutionImport is one import of institutions under way.
type institutionImport struct {
	s        *store.Store
	ro       *roster
	today    model.Date
	existing map[string][]*model.Institution // live institutions by name key
	byID     map[model.ID]*model.Institution // live institutions by id
	seen     map[string]int                  // name key → first line of this file that has it
	claimed  map[model.ID]int                // institution → the line that updates it
	plans    []institutionPlan
	nameless int // rows whose contact cells were left out for want of a name
}

// institutionPlan is what a valid row will do.
type institutionPlan struct {
	line int
	in   *model.Institution
	new  bool
}

// institutionKeys are the names an institution is found by: its local name
// and, prefixed so as never to equal a local one, its English name. A row
// is matched by its first key: the local name, else the English one.
func institutionKeys(local, english string) []string {
	norm := model.NaturalName // the merge's form of names (DESIGN section 8)
	var keys []string
	if k := norm(local); k != "" {
		keys = append(keys, k)
	}
	if k := norm(english); k != "" {
		keys = append(keys, "\x00"+k)
	}
	return keys
}

// foldWidth turns full-width ASCII and the ideographic space into ASCII.
func foldWidth(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 0xFF01 && r <= 0xFF5E:
			return r - 0xFEE0
		case r == '\u3000':
			return ' '
		}
		return r
	}, s)
}

func (imp *institutionImport) loadExisting(tx *store.Tx) error {
	imp.existing = map[string][]*model.Institution{}
	imp.byID = map[model.ID]*model.Institution{}
	return imp.s.Institutions.EachIn(tx, func(in *model.Institution) bool {
		imp.byID[in.ID] = in
		for _, k := range institutionKeys(in.LocalName, in.EnglishName) {
			imp.existing[k] = append(imp.existing[k], in)
		}
		return true
	})
}

// row checks one row and, when it is valid, plans its creation or update.
func (imp *institutionImport) row(rec tabular.CSVRecord) {
	ro, cols := imp.ro, imp.ro.cols
	v := func(field string) string { return tabular.UnquoteFormula(cols.Value(rec.Fields, field)) }
	local, english := v("local_name"), v("english_name")
	keys := institutionKeys(local, english)
	nameField := "local_name"
	if local == "" {
		nameField = "english_name"
	}
	name := orElse(local, english)
	if len(keys) > 0 {
		if first, dup := imp.seen[keys[0]]; dup {
			ro.fail(rec.Line, nameField, model.Because(name, "is already on line {{.Line}} of this file", map[string]any{"Line": first}))
			return
		}
		for _, k := range keys {
			if _, ok := imp.seen[k]; !ok {
				imp.seen[k] = rec.Line
			}
		}
	}
	in, isNew := &model.Institution{LocalName: local, EnglishName: english}, true
	id, hasID, why := rowID(v("id"))
	if why.Message != "" {
		ro.fail(rec.Line, "id", why)
		return
	}
	var matches []*model.Institution
	byID := hasID && imp.byID[id] != nil
	switch {
	case byID:
		matches = []*model.Institution{imp.byID[id]}
	case len(keys) > 0:
		matches = sameProvince(imp.existing[keys[0]], rowProvince(v))
	}
	switch {
	case len(matches) == 1 && imp.claimed[matches[0].ID] != 0:
		ro.fail(rec.Line, nameField, model.Because(name, "is the institution of line {{.Line}}, found there by another name",
			map[string]any{"Line": imp.claimed[matches[0].ID]}))
		return
	case len(matches) == 1:
		in, isNew = matches[0], false
		imp.claimed[in.ID] = rec.Line
	case len(matches) > 1:
		ro.fail(rec.Line, nameField, model.Because(name, "names {{.Count}} institutions in the database: give them different names first",
			map[string]any{"Count": len(matches)}))
		return
	}
	before, _ := json.Marshal(in)
	if byID && local != "" {
		in.LocalName = local // found by its id: the file may have renamed it
	}
	failed := map[string]bool{}
	fail := func(field string, why model.ImportText) {
		ro.fail(rec.Line, field, why)
		failed[field] = true
	}
	contacts := slices.Clone(in.Contacts)
	imp.apply(in, isNew, v, fail)
	imp.keepForgotten(in, contacts, rec.Line, v)
	if failed["province_code"] {
		failed["province"] = true // Validate says only that the province is missing
	}
	var ve *model.ValidationError
	if errors.As(in.Validate(), &ve) {
		for _, fe := range ve.Fields {
			field, why := institutionFieldOf(fe.Field), model.Because(v(institutionFieldOf(fe.Field)), fe.Message)
			if fe.Field == "contacts.0.name" {
				why = model.Because(why.Value, "is required when the row gives a contact's title, email or phone")
			}
			if !failed[field] {
				fail(field, why)
			}
		}
	}
	if len(failed) > 0 {
		return
	}
	if isNew {
		imp.warnMissing(rec.Line, in)
	}
	after, _ := json.Marshal(in)
	rep := imp.ro.report
	switch {
	case isNew:
		rep.Created++
	case bytes.Equal(before, after):
		rep.Unchanged++
		return
	default:
		rep.Updated++
	}
	imp.plans = append(imp.plans, institutionPlan{line: rec.Line, in: in, new: isNew})
}

// rowProvince is the province a row names, "" when it names none it knows.
func rowProvince(v func(string) string) string {
	for _, cell := range []string{v("province_code"), v("province")} {
		if p, ok := model.LookupProvince(cell); ok && cell != "" {
			return p.Code
		}
	}
	return ""
}

// sameProvince keeps, of the institutions of one name, those of province
// (all when it is ""): one name in two provinces is two institutions, as
// when records meet in a merge (exchange.InstitutionKey).
func sameProvince(ins []*model.Institution, province string) []*model.Institution {
	if province == "" {
		return ins
	}
	var out []*model.Institution
	for _, in := range ins {
		if in.Province == province {
			out = append(out, in)
		}
	}
	return out
}

// orElse is a, or b when a is empty.
func orElse(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// apply sets the fields of in from the row's non-empty cells (v gives them
// by field) and reports the cells it cannot read through fail.
func (imp *institutionImport) apply(in *model.Institution, isNew bool, v func(string) string, fail func(field string, why model.ImportText)) {
	in.EnglishName = orElse(v("english_name"), in.EnglishName)
	for field, dst := range map[string]*string{
		"city": &in.City, "address": &in.Address, "website": &in.Website, "batch": &in.Batch, "notes": &in.Notes,
	} {
		*dst = orElse(v(field), *dst)
	}
	if t := v("type"); t != "" {
		if typ, ok := model.LookupInstitutionType(t); ok {
			in.Type = typ
		} else {
			fail("type", model.Because(t, "is not a type of institution (use e.g. University or 高校, Research institute or 科研院所, Other or 其他)"))
		}
	}
	imp.applyProvince(in, v, fail)
	imp.applyContact(in, v)
	if list := v("services"); list != "" {
		in.Services = nil
		for _, item := range tabular.SplitList(list) {
			svc, ok := model.LookupService(item)
			switch {
			case !ok:
				fail("services", model.Because(item, "is not a known service (use e.g. Search training or 检索培训, Technology transfer or 技术转移)"))
			case !containsService(in.Services, svc):
				in.Services = append(in.Services, svc)
			}
		}
	}
	imp.applyStage(in, isNew, v, fail)
}

func (imp *institutionImport) applyProvince(in *model.Institution, v func(string) string, fail func(field string, why model.ImportText)) {
	code, name := v("province_code"), v("province")
	var byCode, byName model.Province
	var okCode, okName bool
	if code != "" {
		if byCode, okCode = model.LookupProvince(code); !okCode {
			fail("province_code", model.Because(code, "is not a province code (use a code like CN-GD)"))
		}
	}
	if name != "" {
		if byName, okName = model.LookupProvince(name); !okName {
			fail("province", model.Because(name, "is not a province of China (use a name like 广东 or Guangdong, or a code like CN-GD)"))
		}
	}
	switch {
	case okCode && okName && byCode.Code != byName.Code:
		fail("province", model.Because(name, "is not the province of code {{.Code}} ({{.Province}})", map[string]any{"Code": byCode.Code, "Province": byCode.NameEN}))
	case okCode:
		in.Province = byCode.Code
	case okName:
		in.Province = byName.Code
	}
}

// warnMissing warns of the facts a new institution lacks (its type, its
// province): it is created, and its page shows it as incomplete until they
// are given (DESIGN section 5: a missing fact is a warning).
func (imp *institutionImport) warnMissing(line int, in *model.Institution) {
	for _, field := range in.Missing() {
		imp.ro.warn(line, field, model.Because("", "is missing for this new institution: it is created, marked incomplete until you give it on its page"))
	}
}

// applyContact fills the first contact from the contact cells. A contact
// needs a name: when the file has no column for it, the cells of a row whose
// institution has no contact yet are left out, and counted for one note,
// rather than failing every row alike.
func (imp *institutionImport) applyContact(in *model.Institution, v func(string) string) {
	name, title, email, phone := v("contact_name"), v("contact_title"), v("contact_email"), v("contact_phone")
	if name+title+email+phone == "" {
		return
	}
	if len(in.Contacts) == 0 && !imp.ro.cols.Has("contact_name") {
		imp.nameless++
		return
	}
	if len(in.Contacts) == 0 {
		in.Contacts = []model.Contact{{}}
	}
	c := &in.Contacts[0]
	c.Name, c.Title, c.Email, c.Phone = orElse(name, c.Name), orElse(title, c.Title), orElse(email, c.Email), orElse(phone, c.Phone)
}

// keepForgotten puts back contacts, the institution's contacts before the
// row, when the row's contact is a person forgotten on request from this
// institution (its marks match them, model.Marked): an old spreadsheet
// must not bring them back. The row's other cells stand; a warning says
// why its contact cells did not.
func (imp *institutionImport) keepForgotten(in *model.Institution, contacts []model.Contact, line int, v func(string) string) {
	if !slices.ContainsFunc(in.Contacts, in.MarksContact) {
		return
	}
	in.Contacts = contacts
	field, value := "contact_name", v("contact_name")
	if value == "" {
		field, value = "contact_email", v("contact_email")
	}
	imp.ro.warn(line, field, model.Because(value, "is a person forgotten on request (tiscdesk forget): this row's contact cells were not imported"))
}

// applyStage moves in to the row's stage, dated by the stage date cell or
// today; a new institution without a stage starts as a candidate.
func (imp *institutionImport) applyStage(in *model.Institution, isNew bool, v func(string) string, fail func(field string, why model.ImportText)) {
	stage := in.Stage
	if s := v("stage"); s != "" {
		var ok bool
		if stage, ok = model.LookupStage(s); !ok {
			fail("stage", model.Because(s, "is not a stage (use e.g. Candidate or 候选, Operational or 已运营)"))
			return
		}
	} else if isNew {
		stage = model.StageCandidate
	}
	date := imp.today
	if s := v("stage_date"); s != "" {
		var ok bool
		if date, ok = tabular.ParseLooseDate(s); !ok {
			fail("stage_date", model.Because(s, "is not a date of the form YYYY-MM-DD"))
			return
		}
	}
	if isNew || stage != in.Stage {
		in.MoveTo(stage, date, "imported from "+filepath.Base(imp.ro.report.File), imp.s.DeviceLabel(), imp.s.Now())
	}
}

func containsService(list []model.Service, s model.Service) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// noteNameless explains, once, the contact cells left out.
func (imp *institutionImport) noteNameless() {
	if imp.nameless == 0 {
		return
	}
	var cols []string
	for _, f := range []string{"contact_title", "contact_email", "contact_phone"} {
		if imp.ro.cols.Has(f) {
			cols = append(cols, imp.ro.cols.Label(f))
		}
	}
	imp.ro.report.note(model.Because("", "{{.Columns}}: not imported for {{.Count}} rows whose institution has no contact yet: a contact needs a name, and the file has no contact name column (contact, 联系人).",
		map[string]any{"Columns": strings.Join(cols, ", "), "Count": imp.nameless}))
}

// institutionFieldOf maps a field of Institution.Validate to the roster's.
func institutionFieldOf(jsonField string) string {
	switch {
	case strings.HasPrefix(jsonField, "contacts."):
		return "contact_" + jsonField[strings.LastIndexByte(jsonField, '.')+1:]
	case strings.HasPrefix(jsonField, "services."):
		return "services"
	case strings.HasPrefix(jsonField, "history.") && strings.HasSuffix(jsonField, ".date"):
		return "stage_date"
	case strings.HasPrefix(jsonField, "history."):
		return "stage"
	}
	return jsonField
}

// write saves the planned institutions. A save that fails validation (it
// should not: the rows were validated) makes one more invalid row.
func (imp *institutionImport) write(tx *store.Tx, skipInvalid bool) error {
	for _, p := range imp.plans {
		if err := imp.ro.saved(imp.s.Institutions.PutIn(tx, p.in), p.line, p.new, skipInvalid); err != nil {
			return err
		}
	}
	return nil
}
