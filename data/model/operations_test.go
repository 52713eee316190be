package model

import (
	"errors"
	"testing"
)

func TestNextEvaluationDue(t *testing.T) {
	tisc := Institution{Meta: Meta{ID: NewID()}, Stage: StageOperational,
		History: []StageChange{{Stage: StageApproved, Date: "2019-05-01"}, {Stage: StageOperational, Date: "2020-06-15"}}}
	other := NewID()
	for _, tc := range []struct {
		name  string
		stage Stage
		evals []Evaluation
		want  Date
	}{
		{"no evaluation: three years after the plaque", StageOperational, nil, "2023-06-15"},
		{"three years after the latest evaluation, in any order", StageOperational, []Evaluation{
			{Institution: tisc.ID, Date: "2023-05-10"}, {Institution: tisc.ID, Date: "2024-11-02"}, {Institution: tisc.ID, Date: "2021-01-01"},
		}, "2027-11-02"},
		{"another institution's evaluation does not count", StageOperational, []Evaluation{{Institution: other, Date: "2025-01-01"}}, "2023-06-15"},
		{"a deleted evaluation does not count", StageOperational, []Evaluation{{Meta: Meta{Deleted: true}, Institution: tisc.ID, Date: "2025-01-01"}}, "2023-06-15"},
		{"not operational: nothing due", StageSuspended, nil, ""},
	} {
		in := tisc
		in.Stage = tc.stage
		if got := NextEvaluationDue(&in, tc.evals); got != tc.want {
			t.Errorf("%s: due %q, want %q", tc.name, got, tc.want)
		}
	}
	leap := Institution{Meta: Meta{ID: NewID()}, Stage: StageOperational, History: []StageChange{{Stage: StageOperational, Date: "2024-02-29"}}}
	if got := NextEvaluationDue(&leap, nil); got != "2027-03-01" {
		t.Errorf("plaque on 29 February: due %q, want 2027-03-01", got)
	}
}

func TestYearlyReturnValidate(t *testing.T) {
	ok := YearlyReturn{Institution: NewID(), Year: 2025, Inquiries: 1200, Staff: 4, StaffTrained: 2}
	if err := ok.Validate(); err != nil {
		t.Fatalf("a sound return: %v", err)
	}
	for _, tc := range []struct {
		field string
		edit  func(r *YearlyReturn)
	}{
		{"institution", func(r *YearlyReturn) { r.Institution = NilID }},
		{"year", func(r *YearlyReturn) { r.Year = 225 }},
		{"inquiries", func(r *YearlyReturn) { r.Inquiries = -1 }},
		{"training_participants", func(r *YearlyReturn) { r.TrainingParticipants = -3 }},
		{"staff_trained", func(r *YearlyReturn) { r.StaffTrained = 5 }},
	} {
		r := ok
		tc.edit(&r)
		var ve *ValidationError
		if err := r.Validate(); !errors.As(err, &ve) || ve.Message(tc.field) == "" {
			t.Errorf("bad %s: got %v, want an error on that field", tc.field, err)
		}
	}
}

func TestEvaluationValidate(t *testing.T) {
	ok := Evaluation{Institution: NewID(), Date: "2025-03-01", Kind: EvaluationOperational, Grade: GradePass, Outcome: OutcomeContinue}
	if err := ok.Validate(); err != nil {
		t.Fatalf("a sound evaluation: %v", err)
	}
	bad := Evaluation{Date: "2025-13-01", Kind: "yearly", Grade: "A+", Outcome: "stay"}
	var ve *ValidationError
	if !errors.As(bad.Validate(), &ve) {
		t.Fatal("a bad evaluation passed")
	}
	for _, f := range []string{"institution", "date", "evaluation_kind", "grade", "outcome"} {
		if ve.Message(f) == "" {
			t.Errorf("no error on %s: %v", f, ve)
		}
	}
	in := Institution{LocalName: "x", Type: TypeLibrary, Province: "CN-SH", Stage: StageOperational,
		ServiceLevel: "level_9", AgreementSigned: "2024-01-01", AgreementExpires: "2023-01-01"}
	if !errors.As(in.Validate(), &ve) || ve.Message("service_level") == "" || ve.Message("agreement_expires") == "" {
		t.Errorf("an unknown level and an agreement expiring before signing: %v", ve)
	}
}
