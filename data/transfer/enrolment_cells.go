package transfer

import (
	"strconv"
	"strings"
	"tiscdesk/data/model"
	"tiscdesk/data/tabular"
	"unicode"
)

// Reading the cells of an enrolment roster: where each field is, what its
// spellings name, and the checks a cell passes before its row is planned
// (import_enrolments.go).

// The fields a row is read for, by position in rowReader.columns.
const (
	colName = iota
	colFirstName
	colLastName
	colEmail
	colGender
	colOrganisation
	colProvince
	colCountry
	colSession
	colStatus
	colScore
	colRegistered
	colCertificate
	colCertificateDate
	colID
	rowColumns
)

var rowFields = [rowColumns]string{"name", "first_name", "last_name", "email", "gender", "organisation",
	"province", "country", "session", "status", "score", "registered", "certificate", "certificate_date", "id"}

// rowReader reads the cells of the row at hand. The column of each field is
// looked up once per file, and the names of genders, statuses, provinces and
// countries, which repeat from row to row, once per distinct spelling.
type rowReader struct {
	ro      *roster
	columns [rowColumns]int // -1 when the file has no column for the field
	rec     tabular.CSVRecord
	bad     bool // the row has a problem
	memo    valueMemo
}

func newRowReader(ro *roster) rowReader {
	rr := rowReader{ro: ro, memo: newValueMemo()}
	for i, f := range rowFields {
		rr.columns[i] = -1
		if c, ok := ro.cols.Column(f); ok {
			rr.columns[i] = c
		}
	}
	return rr
}

// cell is the trimmed cell of the field at position col of rowFields.
func (rr *rowReader) cell(col int) string {
	c := rr.columns[col]
	if c < 0 || c >= len(rr.rec.Fields) {
		return ""
	}
	return tabular.UnquoteFormula(strings.TrimSpace(rr.rec.Fields[c]))
}

func (rr *rowReader) fail(field string, why model.ImportText) {
	rr.ro.fail(rr.rec.Line, field, why)
	rr.bad = true
}

func (rr *rowReader) date(field, cell string) model.Date {
	d, ok := tabular.ParseLooseDate(cell)
	if !ok {
		rr.fail(field, model.Because(cell, "is not a date of the form YYYY-MM-DD"))
	}
	return d
}

// valueMemo remembers what each spelling of a repeated value names.
type valueMemo struct {
	genders   map[string]model.Gender
	statuses  map[string]model.EnrolmentStatus
	provinces map[string]string // → ISO code
	countries map[string]string
}

func newValueMemo() valueMemo {
	return valueMemo{genders: map[string]model.Gender{}, statuses: map[string]model.EnrolmentStatus{},
		provinces: map[string]string{}, countries: map[string]string{}}
}

// remember looks s up in memo, else finds it with lookup and keeps what it
// found (unknown names are errors, and rare: they are not kept).
func remember[T any](memo map[string]T, s string, lookup func(string) (T, bool)) (T, bool) {
	if v, ok := memo[s]; ok {
		return v, true
	}
	v, ok := lookup(s)
	if ok && len(memo) < 4096 {
		memo[s] = v
	}
	return v, ok
}

func (m valueMemo) gender(s string) (model.Gender, bool) {
	return remember(m.genders, s, model.LookupGender)
}

func (m valueMemo) status(s string) (model.EnrolmentStatus, bool) {
	return remember(m.statuses, s, model.LookupEnrolmentStatus)
}

func (m valueMemo) province(s string) (string, bool) {
	return remember(m.provinces, s, func(s string) (string, bool) {
		p, ok := model.LookupProvince(s)
		return p.Code, ok
	})
}

func (m valueMemo) country(s string) (string, bool) {
	return remember(m.countries, s, func(s string) (string, bool) {
		c, ok := model.LookupCountry(s)
		return c.Code, ok
	})
}

// place reads the province and country cells. A province that is not one of
// China's is an error, unless the country says the participant is abroad:
// then the cell is left out (and counted for a note).
func (imp *enrolmentImport) place(e *model.Enrolment, given *givenFields) {
	rr := &imp.reader
	if country := rr.cell(colCountry); country != "" {
		code, ok := rr.memo.country(country)
		if !ok {
			rr.fail("country", model.Because(country, "is not a country (use an ISO code such as CN or a name such as China or 中国)"))
		}
		e.Country, *given = code, *given|givenCountry
	}
	if name := rr.cell(colProvince); name != "" {
		code, ok := rr.memo.province(name)
		switch {
		case ok:
			e.Province, *given = code, *given|givenProvince
		case e.Country != "" && e.Country != "CN" && e.Country != "HK" && e.Country != "MO" && e.Country != "TW":
			imp.abroad++
		default:
			rr.fail("province", model.Because(name, "is not a province of China (use a name such as 广东 or Guangdong, or a code such as CN-GD)"))
		}
	}
}

// session finds the session a row names (or the one given for the file),
// creating it when the code is well formed but new.
func (imp *enrolmentImport) session(cell string) *importSession {
	if s, ok := imp.byCell[cell]; ok {
		return s
	}
	var code model.SessionCode
	switch {
	case cell != "":
		var err error
		if code, err = model.ParseSessionCode(cell); err != nil {
			why := model.Because(cell, "is not a session code (expected the form NNNLYYSn, e.g. 101C18S1)")
			if reason, ok := model.SessionCodeReason(err); ok {
				why = reason
				why.Value = cell
			}
			imp.reader.fail("session", why)
			return nil
		}
	case imp.given != nil:
		code = *imp.given
	default:
		imp.reader.fail("session", model.Because("", "is required: a session code such as 101C18S1"))
		return nil
	}
	key := code.String()
	s, ok := imp.sessions[key]
	if !ok {
		s = &importSession{session: &model.Session{Code: key}, isNew: true}
		imp.sessions[key] = s
	}
	imp.byCell[cell] = s
	return s
}

// plainValidEmail reports whether e is an address of the plainest form:
// a local part of ASCII letters, digits and . _ % + - (not starting or
// ending with a dot, no two dots together), an @, and a domain of two or
// more labels of ASCII letters, digits and hyphens (not starting or ending
// with a hyphen). validEmail accepts every such address (a fuzz test
// checks); false says nothing either way.
func plainValidEmail(e string) bool {
	at := strings.IndexByte(e, '@')
	if at <= 0 || at > 64 || len(e) > 254 {
		return false
	}
	local, domain := e[:at], e[at+1:]
	prev := byte('.')
	for i := 0; i < len(local); i++ {
		c := local[i]
		switch {
		case isAlnum(c) || c == '_' || c == '%' || c == '+' || c == '-':
		case c == '.' && prev != '.':
		default:
			return false
		}
		prev = c
	}
	if prev == '.' {
		return false
	}
	labels, start := 0, 0
	for i := 0; i <= len(domain); i++ {
		if i < len(domain) && domain[i] != '.' {
			if c := domain[i]; !isAlnum(c) && c != '-' {
				return false
			}
			continue
		}
		label := domain[start:i]
		if label == "" || label[0] == '-' || label[len(label)-1] == '-' || len(label) > 63 {
			return false
		}
		labels++
		start = i + 1
	}
	return labels >= 2
}

func isAlnum(c byte) bool {
	return ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') || ('0' <= c && c <= '9')
}

// joinName makes one name of Moodle's first name and surname: "Li Wei" for
// Latin letters, "李伟" (surname first, no space) for Chinese.
func joinName(first, last string) string {
	switch {
	case first == "":
		return last
	case last == "":
		return first
	case isHan(first) && isHan(last):
		return last + first
	}
	return first + " " + last
}

// isHan reports whether s is Chinese characters only.
func isHan(s string) bool {
	for _, r := range s {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return s != ""
}

// parseScore reads a final score as spreadsheets write it: "85", "85.5",
// "85,5" (a decimal comma), "85%", "85分". The reason is "" when s is a
// score between 0 and 100.
func parseScore(s string) (float64, model.ImportText) {
	t := strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(strings.TrimSpace(s), "%"), "分"))
	if strings.Count(t, ",") == 1 && !strings.Contains(t, ".") {
		t = strings.Replace(t, ",", ".", 1)
	}
	f, err := strconv.ParseFloat(t, 64)
	switch {
	case err != nil || f != f || strings.ContainsAny(t, "xXpPiInN_"):
		return 0, model.Because(s, "is not a number")
	case f < 0 || f > 100:
		return f, model.Because(s, "must be between 0 and 100")
	}
	return f, model.ImportText{}
}
