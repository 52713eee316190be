package learning

import (
	"testing"

	"tiscdesk/data"
	"tiscdesk/ui/kit"
	"tiscdesk/ui/kit/kittest"
)

// A participant's page names the institution their enrolments match, as
// that institution's page lists them among its trained staff; someone of
// no institution of the register is said to be so.
func TestParticipantPageShowsTheirInstitution(t *testing.T) {
	store := kittest.SampleStore(t)
	_, s := learningScreen(t, store, kit.LangEnglish)
	insts, _ := store.Institutions.List()
	var matched *data.Institution
	var email string
	for _, in := range insts {
		staff, err := store.TrainedStaff(in.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(staff) > 0 {
			matched, email = in, staff[0].Email
			break
		}
	}
	if matched == nil {
		t.Fatal("nobody of the sample's enrolments matches an institution")
	}
	s.showParticipant(data.NormEmail(email))
	kittest.Settle(t)
	want := "Institution: " + matched.DisplayName() + " (" + kit.StageName(matched.Stage) + ")"
	if !kittest.HasText(t, s.participant, want) {
		t.Errorf("the participant page does not say %q", want)
	}

	// Someone whose organisation and email match no institution.
	var nobody string
	for _, r := range s.enrolments.shownRows() {
		if in, _ := store.InstitutionOf(r.Email, r.Organisation()); in == nil {
			nobody = r.Email
			break
		}
	}
	if nobody == "" {
		t.Fatal("every enrolment of the sample matches an institution: the other case is not tested")
	}
	s.showParticipant(data.NormEmail(nobody))
	kittest.Settle(t)
	if !kittest.HasText(t, s.participant, "Institution: none of the register matches this person's organisation or email.") {
		t.Error("the page of someone of no institution does not say so")
	}
}
