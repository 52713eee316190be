package transfer

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"math"
	"strconv"
	"strings"
	"tiscdesk/data/model"
	"tiscdesk/data/store"
	"tiscdesk/data/tabular"
)

// statisticsFields are the columns of a file of yearly TISC returns
// (DESIGN section 12, and the headers ExportStatistics writes).
var statisticsFields = []tabular.FieldSpec{
	{Field: "institution", Required: true, Synonyms: []string{
		"institution", "institution name", "tisc name", "name", "local name", "host institution",
		"机构名称", "机构", "单位", "单位名称", "名称", "中心名称", "TISC名称"}},
	{Field: "english_name", Synonyms: []string{"english name", "英文名称", "英文名"}},
	// The year is needed too (ImportStatistics checks it), but not
	// Required: a title row such as "2025年度TISC统计报表" would name it,
	// and be taken for the header.
	{Field: "year", Synonyms: []string{"year", "reporting year", "年度", "年份", "统计年度", "报告年度"}},
	{Field: "inquiries", Synonyms: []string{
		"inquiries", "enquiries", "inquiries and service requests", "service requests", "咨询服务次数", "咨询服务", "咨询次数", "咨询量"}},
	{Field: "search_reports", Synonyms: []string{
		"search and analysis reports", "search reports", "searches", "检索分析报告", "检索报告", "检索分析报告数"}},
	{Field: "analyses", Synonyms: []string{
		"landscape and industry analyses", "landscape reports", "patent landscapes", "industry analyses",
		"专利/产业分析报告", "专利产业分析报告", "专利分析报告", "产业分析报告"}},
	{Field: "training_events", Synonyms: []string{"training events", "trainings", "培训场次", "培训次数"}},
	{Field: "training_participants", Synonyms: []string{
		"training participants", "participants", "trainees", "培训人次", "培训人数", "参训人次"}},
	{Field: "awareness_events", Synonyms: []string{"awareness events", "outreach events", "宣传活动", "宣传活动次数"}},
	{Field: "applications_supported", Synonyms: []string{
		"applications supported", "patent applications supported", "协助专利申请", "协助专利申请数"}},
	{Field: "technology_transfers", Synonyms: []string{
		"technology transfers", "technology transfer transactions", "技术转移交易", "技术转移", "技术转移交易数"}},
	{Field: "staff", Synonyms: []string{"staff", "dedicated staff", "专职人员", "专职人员数"}},
	{Field: "staff_trained", Synonyms: []string{
		"staff trained in dl", "staff trained", "trained staff", "参加远程课程人员", "参加远程课程人数"}},
	{Field: "notes", Synonyms: []string{"notes", "note", "remarks", "comments", "备注", "说明"}},
	idField,
}

// StatisticsFields returns the columns a file of yearly returns may have,
// for the import wizard's column mapping. The slice is the caller's own.
func StatisticsFields() []tabular.FieldSpec {
	out := make([]tabular.FieldSpec, len(statisticsFields))
	copy(out, statisticsFields)
	return out
}

// ImportStatistics imports the yearly returns of a CSV file or workbook
// read from r; file names it in the report's messages. Each row names an
// institution of the register (by its local or English name, compared
// trimmed, case- and width-insensitively; whatever its stage) and a year.
// A row for an institution and year that already has a return updates it:
// non-empty cells overwrite, empty cells keep what is stored. Numbers may
// carry thousands separators ("1,234", "1 234") or be number cells.
//
// Errors as ImportInstitutions: ErrRowsInvalid writing nothing when a row
// is invalid (an unknown institution, a bad number, a repeated institution
// and year) and opt.SkipInvalid is not set; a *HeaderError when the header
// has no institution or year column; ctx's error when cancelled. The
// report is never nil.
func ImportStatistics(ctx context.Context, s *store.Store, file string, r io.Reader, opt ImportOptions) (*ImportReport, error) {
	ro, err := openFor(file, r, opt, statisticsFields, func(cols *tabular.ColumnMap) error {
		if !cols.Has("institution") || !cols.Has("year") {
			return &tabular.HeaderError{Line: cols.Line, Found: cols.Header, Expected: []tabular.FieldSpec{statisticsFields[0], statisticsFields[2]}}
		}
		return nil
	})
	if err != nil {
		return ro.report, err
	}
	imp := &statisticsImport{s: s, ro: ro, seen: map[string]int{}, targets: map[model.ID]int{}}
	return run(ctx, s, ro, imp, opt)
}

// statisticsImport is one import of yearly returns under way.
type statisticsImport struct {
	s       *store.Store
	ro      *roster
	byName  map[string][]*model.Institution  // live institutions by name key
	returns map[string]*model.YearlyReturn   // stored returns by institution and year
	byID    map[model.ID]*model.YearlyReturn // stored returns by id (an export's last column)
	seen    map[string]int                   // institution and year → first line of this file
	targets map[model.ID]int                 // stored return → the line of this file that changes it
	plans   []statisticsPlan
}

type statisticsPlan struct {
	line int
	r    *model.YearlyReturn
	new  bool
}

func returnKey(in model.ID, year int) string { return in.String() + " " + strconv.Itoa(year) }

func (imp *statisticsImport) loadStored(tx *store.Tx) error {
	imp.byName, imp.returns, imp.byID = map[string][]*model.Institution{}, map[string]*model.YearlyReturn{}, map[model.ID]*model.YearlyReturn{}
	if err := imp.s.Institutions.EachIn(tx, func(in *model.Institution) bool {
		for _, k := range institutionKeys(in.LocalName, in.EnglishName) {
			imp.byName[k] = append(imp.byName[k], in)
		}
		return true
	}); err != nil {
		return err
	}
	return imp.s.Statistics.EachIn(tx, func(r *model.YearlyReturn) bool {
		imp.returns[returnKey(r.Institution, r.Year)] = r
		imp.byID[r.ID] = r
		return true
	})
}

func (imp *statisticsImport) settle(*store.Tx) error { return nil }
func (imp *statisticsImport) addNotes(bool)          {}

// institution finds the institution a row names: by the name cell as a
// local name, else as an English name; by the English name cell when the
// name cell finds nothing.
func (imp *statisticsImport) institution(name, english string) ([]*model.Institution, string) {
	for _, n := range []string{name, english} {
		keys := institutionKeys(n, n)
		for _, k := range keys {
			if found := imp.byName[k]; len(found) > 0 {
				return found, n
			}
		}
	}
	return nil, orElse(name, english)
}

func (imp *statisticsImport) readRow(rec tabular.CSVRecord) {
	ro, cols := imp.ro, imp.ro.cols
	v := func(field string) string {
		return strings.TrimSpace(tabular.UnquoteFormula(cols.Value(rec.Fields, field)))
	}
	name, english := v("institution"), v("english_name")
	found, named := imp.institution(name, english)
	bad := false
	var in *model.Institution
	switch {
	case name == "" && english == "":
		ro.fail(rec.Line, "institution", model.Because("", "is required"))
		bad = true
	case len(found) == 0:
		ro.fail(rec.Line, "institution", model.Because(named, "is not an institution of the register (add it first, or write its name as the register does)"))
		bad = true
	case len(found) > 1:
		ro.fail(rec.Line, "institution", model.Because(named, "names {{.Count}} institutions in the database: give them different names first",
			map[string]any{"Count": len(found)}))
		bad = true
	default:
		in = found[0]
	}
	year, ok := parseReturnYear(v("year"))
	if !ok {
		ro.fail(rec.Line, "year", model.Because(v("year"), "is not a year between 1990 and 2100"))
		bad = true
	}
	id, hasID, why := rowID(v("id"))
	if why.Message != "" {
		ro.fail(rec.Line, "id", why)
		bad = true
	}
	if bad {
		return
	}
	key := returnKey(in.ID, year)
	if first, dup := imp.seen[key]; dup {
		ro.fail(rec.Line, "year", model.Because(v("year"), "repeats the return of line {{.Line}} for this institution and year", map[string]any{"Line": first}))
		return
	}
	imp.seen[key] = rec.Line
	r, isNew := imp.returns[key], false
	if hasID && r == nil {
		// An edited export that changed the year or institution of a
		// return: the id says which return it is. An id this database
		// does not hold (a file from another machine) finds nothing, and
		// the row is a new return.
		r = imp.byID[id]
	}
	if r == nil {
		r, isNew = &model.YearlyReturn{Institution: in.ID, Year: year}, true
	} else if first, dup := imp.targets[r.ID]; dup {
		// Two rows would write one stored return (an edited export whose
		// id column was copied down): the second would silently replace
		// the first, so neither guess is taken.
		ro.fail(rec.Line, "id", model.Because(v("id"), "is the return of line {{.Line}}, given there for another institution or year", map[string]any{"Line": first}))
		return
	}
	if !isNew {
		imp.targets[r.ID] = rec.Line
	}
	before, _ := json.Marshal(r)
	copied := *r
	r = &copied
	r.Institution, r.Year = in.ID, year
	failed := map[string]bool{}
	for _, f := range r.Figures() {
		cell := v(f.Field)
		if cell == "" {
			continue
		}
		n, why := parseCount(cell)
		if why.Message != "" {
			ro.fail(rec.Line, f.Field, why)
			failed[f.Field] = true
			continue
		}
		*f.Value = n
	}
	r.Notes = orElse(v("notes"), r.Notes)
	var ve *model.ValidationError
	if errors.As(r.Validate(), &ve) {
		for _, fe := range ve.Fields {
			if !failed[fe.Field] {
				ro.fail(rec.Line, fe.Field, model.Because(v(fe.Field), fe.Message))
				failed[fe.Field] = true
			}
		}
	}
	if len(failed) > 0 {
		return
	}
	after, _ := json.Marshal(r)
	rep := ro.report
	switch {
	case isNew:
		rep.Created++
	case bytes.Equal(before, after):
		rep.Unchanged++
		return
	default:
		rep.Updated++
	}
	imp.plans = append(imp.plans, statisticsPlan{line: rec.Line, r: r, new: isNew})
}

func (imp *statisticsImport) writeRows(_ context.Context, tx *store.Tx, skipInvalid bool) (int, error) {
	for _, p := range imp.plans {
		if err := imp.ro.saved(imp.s.Statistics.PutIn(tx, p.r), p.line, p.new, skipInvalid); err != nil {
			return 0, err
		}
	}
	return imp.ro.report.Created + imp.ro.report.Updated, nil
}

// parseReturnYear reads "2025", "2025年", "2025年度" or a number cell.
func parseReturnYear(s string) (int, bool) {
	s = strings.TrimSuffix(strings.TrimSuffix(strings.TrimSpace(s), "度"), "年")
	y, err := strconv.Atoi(strings.TrimSpace(s))
	return y, err == nil && y >= 1990 && y <= 2100
}

// parseCount reads a count as people and spreadsheets write it: "1234",
// "1,234", "1 234", "1，234" (a Chinese comma), "1'234", a number cell
// ("1234", or "1234.0" from some writers). The reason is empty when s is a
// whole number of zero or more.
func parseCount(s string) (int, model.ImportText) {
	t := strings.Map(func(r rune) rune {
		switch r {
		case ',', '，', ' ', '\u00a0', '\u202f', '\'', '’', '_':
			return -1
		}
		return r
	}, foldWidth(strings.TrimSpace(s)))
	if n, err := strconv.Atoi(t); err == nil {
		if n < 0 {
			return 0, model.Because(s, "cannot be negative")
		}
		return n, model.ImportText{}
	}
	f, err := strconv.ParseFloat(t, 64)
	switch {
	case err != nil || strings.ContainsAny(t, "xXpPiInN"):
		return 0, model.Because(s, "is not a number")
	case f != math.Trunc(f):
		return 0, model.Because(s, "is not a whole number")
	case f < 0:
		return 0, model.Because(s, "cannot be negative")
	case f > math.MaxInt32:
		return 0, model.Because(s, "is too large")
	}
	return int(f), model.ImportText{}
}
