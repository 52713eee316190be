package model

// Erasable is a record of a person that forgetting erases (DESIGN section
// 14): an enrolment or a student record. Forgetting happens on one machine
// and travels as a change; the merge uses this to erase a version from
// another machine that still holds the person.
type Erasable interface {
	// ForgottenAs is the forgotten identity the record carries in place of
	// its person's name and email, "" when the person is not forgotten.
	ForgottenAs() string
	// Erase puts identity (Forgotten) in place of the person's name and
	// email and empties the other fields that identify them; what the
	// figures count (session or cohort, gender, province, country, status,
	// score, dates) stays.
	Erase(identity string)
}

var (
	_ Erasable = (*Enrolment)(nil)
	_ Erasable = (*Student)(nil)
)

// ForgottenAs is the enrolment's forgotten identity, or "".
func (e *Enrolment) ForgottenAs() string { return forgottenAs(e.Email) }

// Erase empties the participant's name, email, organisation and
// certificate number, the identity standing for the name and email.
func (e *Enrolment) Erase(identity string) {
	e.Name, e.Email, e.Organisation, e.Certificate = identity, identity, "", ""
}

// ForgottenAs is the student record's forgotten identity, or "".
func (s *Student) ForgottenAs() string { return forgottenAs(s.Email) }

// Erase empties the student's name, email, thesis title and supervisor,
// the identity standing for the name and email.
func (s *Student) Erase(identity string) {
	s.Name, s.Email, s.Thesis, s.Supervisor = identity, identity, "", ""
}

func forgottenAs(email string) string {
	if IsForgotten(email) {
		return email
	}
	return ""
}
