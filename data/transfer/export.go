package transfer

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"tiscdesk/data/model"
	"tiscdesk/data/query"
	"tiscdesk/data/store"
	"tiscdesk/data/tabular"
)

// CSV exports. Headers are in English, and are among the synonyms the
// importers know, so an export re-imports as it is.

// institutionColumns are the header of ExportInstitutions.
var institutionColumns = tabular.TextColumns(
	"Local name", "English name", "Type", "Province code", "Province", "City", "Address", "Website",
	"Contact name", "Contact title", "Contact email", "Contact phone",
	"Stage", "Stage date", "Batch", "Services", "Notes", "id",
).As(tabular.Date, "Stage date")

// ExportInstitutions writes every live institution to w as CSV in enc
// (EncodingUTF8 with a BOM, or EncodingGB18030) or as an Excel workbook
// (EncodingXLSX), oldest first, one row each with its first contact and its
// id last, and returns how many it wrote. Returns an error when enc is
// another encoding, or w or the database fails.
func ExportInstitutions(s *store.Store, w io.Writer, enc tabular.Encoding) (int, error) {
	cw, err := tabular.NewRowWriter(w, enc, institutionColumns)
	if err != nil {
		return 0, err
	}
	n := 0
	var werr error
	err = s.View(func(tx *store.Tx) error {
		return s.Institutions.EachIn(tx, func(in *model.Institution) bool {
			werr = cw.Write(institutionRow(in)...)
			n++
			return werr == nil
		})
	})
	if err = firstError(err, werr, cw.Close()); err != nil {
		return 0, fmt.Errorf("export institutions: %w", err)
	}
	return n, nil
}

func institutionRow(in *model.Institution) []string {
	p, _ := model.ProvinceByCode(in.Province)
	var c model.Contact
	if len(in.Contacts) > 0 {
		c = in.Contacts[0]
	}
	svc := make([]string, len(in.Services))
	for i, x := range in.Services {
		svc[i] = x.NameEN()
	}
	return []string{
		in.LocalName, in.EnglishName, in.Type.NameEN(), p.Code, p.NameEN, in.City, in.Address, in.Website,
		c.Name, c.Title, c.Email, c.Phone,
		in.Stage.NameEN(), string(in.StageDate(in.Stage)), in.Batch, strings.Join(svc, "; "), in.Notes,
		in.ID.String(),
	}
}

// ExportVisits writes every live site visit to w as CSV in enc or as an
// Excel workbook, by date, with one score column per checklist criterion
// (empty when not assessed), the follow-ups counted (open and overdue as of
// today) and written out one per line, and the visit's id last. Returns how
// many it wrote; errors as ExportInstitutions.
func ExportVisits(s *store.Store, w io.Writer, enc tabular.Encoding) (int, error) {
	header := []string{"Institution", "Province", "Date", "Kind", "Visitors", "People met"}
	var scores []string
	for _, c := range model.Criteria() {
		scores = append(scores, c.NameEN())
	}
	header = append(append(header, scores...), "Overall score", "Recommendation", "Findings", "Open follow-ups", "Overdue follow-ups", "Follow-ups", "id")
	cols := tabular.TextColumns(header...).As(tabular.Date, "Date").
		As(tabular.Number, append(scores, "Overall score", "Open follow-ups", "Overdue follow-ups")...)
	cw, err := tabular.NewRowWriter(w, enc, cols)
	if err != nil {
		return 0, err
	}
	var visits []*model.Visit
	insts := map[model.ID]*model.Institution{}
	err = s.View(func(tx *store.Tx) error {
		if err := s.Institutions.EachIn(tx, func(in *model.Institution) bool { insts[in.ID] = in; return true }); err != nil {
			return err
		}
		return s.Visits.EachIn(tx, func(v *model.Visit) bool { visits = append(visits, v); return true })
	})
	if err != nil {
		return 0, fmt.Errorf("export visits: %w", err)
	}
	slices.SortStableFunc(visits, func(a, b *model.Visit) int { return cmp.Compare(a.Date, b.Date) })
	today := s.Today()
	for _, v := range visits {
		if err := cw.Write(visitRow(v, insts[v.Institution], today)...); err != nil {
			return 0, err
		}
	}
	if err := cw.Close(); err != nil {
		return 0, fmt.Errorf("export visits: %w", err)
	}
	return len(visits), nil
}

func visitRow(v *model.Visit, in *model.Institution, today model.Date) []string {
	name, province := v.Institution.String(), ""
	if in != nil {
		name = in.DisplayName()
		if p, ok := model.ProvinceByCode(in.Province); ok {
			province = p.NameEN
		}
	}
	row := []string{name, province, string(v.Date), v.Kind.NameEN(),
		strings.Join(v.Visitors, "; "), strings.Join(v.PeopleMet, "; ")}
	for _, c := range model.Criteria() {
		score := ""
		if a, ok := v.Assessed(c); ok {
			score = strconv.Itoa(a.Score)
		}
		row = append(row, score)
	}
	overall := ""
	if sc, ok := v.OverallScore(); ok {
		overall = strconv.FormatFloat(sc, 'f', 1, 64)
	}
	open, overdue := v.OpenFollowUps(today)
	return append(row, overall, v.Recommendation.NameEN(), v.Findings,
		strconv.Itoa(open), strconv.Itoa(overdue), followUpsText(v.FollowUps), v.ID.String())
}

// followUpsText writes one follow-up per line: "[x] action (owner; due
// 2018-05-01; done 2018-05-03)".
func followUpsText(list []model.FollowUp) string {
	lines := make([]string, len(list))
	for i, f := range list {
		mark := "[ ] "
		if f.Done {
			mark = "[x] "
		}
		var details []string
		if f.Owner != "" {
			details = append(details, f.Owner)
		}
		if f.Due != "" {
			details = append(details, "due "+string(f.Due))
		}
		if f.DoneOn != "" {
			details = append(details, "done "+string(f.DoneOn))
		}
		lines[i] = mark + f.Action
		if len(details) > 0 {
			lines[i] += " (" + strings.Join(details, "; ") + ")"
		}
	}
	return strings.Join(lines, "\n")
}

func firstError(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// studentColumns are the header of ExportStudents.
var studentColumns = tabular.TextColumns(
	"Programme", "Partner", "Intake year", "Name", "Gender", "Nationality", "Email",
	"Scholarship", "Status", "Thesis title", "Supervisor", "Graduation date", "id",
).As(tabular.Number, "Intake year").As(tabular.Date, "Graduation date")

// ExportStudents writes every live joint-degree student to w as CSV in enc,
// by programme (name order), intake year and name, each row with its
// programme, partner university and intake year so that the file re-imports
// into another database, and returns how many it wrote. Errors as
// ExportInstitutions.
func ExportStudents(s *store.Store, w io.Writer, enc tabular.Encoding) (int, error) {
	cw, err := tabular.NewRowWriter(w, enc, studentColumns)
	if err != nil {
		return 0, err
	}
	x, err := query.LoadDegrees(s)
	if err != nil {
		return 0, fmt.Errorf("export students: %w", err)
	}
	n := 0
	for _, p := range x.Programmes {
		for _, c := range p.Cohorts {
			for _, st := range x.Students(query.StudentQuery{Cohort: c.ID}) {
				if err := cw.Write(studentRow(p.Programme, c.Cohort, st.Student)...); err != nil {
					return 0, err
				}
				n++
			}
		}
	}
	if err := cw.Close(); err != nil {
		return 0, fmt.Errorf("export students: %w", err)
	}
	return n, nil
}

func studentRow(p *model.Programme, c *model.Cohort, st *model.Student) []string {
	gender, funder := "", "" // not recorded: left empty
	if st.Gender != model.GenderUnspecified {
		gender = st.Gender.NameEN()
	}
	if st.Funder != model.FunderNotRecorded {
		funder = st.Funder.NameEN()
	}
	return []string{
		p.Name, p.Partner, strconv.Itoa(c.IntakeYear), st.Name, gender, model.CountryName(st.Nationality, "en"), st.Email,
		funder, st.Status.NameEN(), st.Thesis, st.Supervisor, string(st.Graduated), st.ID.String(),
	}
}

// enrolmentColumns are the header of ExportEnrolments.
var enrolmentColumns = tabular.TextColumns(
	"Session", "Course title", "Name", "Email", "Gender", "Organisation", "Province", "Country",
	"Registration date", "Status", "Score", "Certificate number", "Certificate date", "id",
).As(tabular.Date, "Registration date", "Certificate date").As(tabular.Number, "Score")

// ExportEnrolments writes every live enrolment to w as CSV in enc, by
// session (newest first) and name, and returns how many it wrote. Names of
// provinces, countries, genders and statuses are in English; the file
// re-imports as it is. Errors as ExportInstitutions.
func ExportEnrolments(s *store.Store, w io.Writer, enc tabular.Encoding) (int, error) {
	cw, err := tabular.NewRowWriter(w, enc, enrolmentColumns)
	if err != nil {
		return 0, err
	}
	x, err := query.LoadEnrolments(s)
	if err != nil {
		return 0, fmt.Errorf("export enrolments: %w", err)
	}
	rows := x.Filter(query.EnrolmentQuery{Sort: query.EnrolmentSortBySession})
	for _, r := range rows {
		if err := cw.Write(enrolmentRow(r)...); err != nil {
			return 0, err
		}
	}
	if err := cw.Close(); err != nil {
		return 0, fmt.Errorf("export enrolments: %w", err)
	}
	return len(rows), nil
}

func enrolmentRow(r *query.EnrolmentRow) []string {
	province := ""
	if p, ok := model.ProvinceByCode(r.Province()); ok {
		province = p.NameEN
	}
	courseTitle := "DL-" + r.Session.Code.Course
	if c := r.Session.Course; c != nil {
		courseTitle += " " + c.TitleEN
	}
	score := ""
	if sc, ok := r.Score(); ok {
		score = strconv.FormatFloat(sc, 'f', -1, 32)
	}
	return []string{
		r.Session.Session.Code, courseTitle, r.Name, r.Email, genderCell(r.Gender()), r.Organisation(),
		province, model.CountryName(r.Country(), "en"), string(r.Registered()), r.Status().NameEN(), score,
		r.Certificate, string(r.CertificateDate()), r.ID.String(),
	}
}

// genderCell leaves the gender empty when it is not recorded.
func genderCell(g model.Gender) string {
	if g == model.GenderUnspecified {
		return ""
	}
	return g.NameEN()
}
