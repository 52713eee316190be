package exchange

import (
	"testing"
	"tiscdesk/data/datatest"
	"tiscdesk/data/model"
	"tiscdesk/data/store"
)

// Yearly returns and evaluations travel in bundles like every kind; a
// return for the same TISC and year entered on two machines becomes one.
func TestReturnsAndEvaluationsTravelInBundles(t *testing.T) {
	a, b := datatest.OpenNamed(t, "a"), datatest.OpenNamed(t, "b")
	in := &model.Institution{LocalName: "浙江大学图书馆", Type: model.TypeUniversity, Province: "CN-ZJ",
		Stage: model.StageOperational, ServiceLevel: model.Level2, AgreementSigned: "2022-01-01", AgreementExpires: "2027-01-01"}
	if err := a.Institutions.Put(in); err != nil {
		t.Fatal(err)
	}
	r24 := &model.YearlyReturn{Institution: in.ID, Year: 2024, Inquiries: 800, Staff: 3}
	if err := a.Statistics.Put(r24); err != nil {
		t.Fatal(err)
	}
	ev := &model.Evaluation{Institution: in.ID, Date: "2025-05-20", Kind: model.EvaluationOperational, Grade: model.GradeExcellent, Outcome: model.OutcomeContinue}
	if err := a.Evaluations.Put(ev); err != nil {
		t.Fatal(err)
	}
	syncAll(t, a, b)
	got, err := b.Statistics.Get(r24.ID)
	if err != nil || got.Inquiries != 800 {
		t.Fatalf("b's 2024 return: %+v %v", got, err)
	}
	if e, err := b.Evaluations.Get(ev.ID); err != nil || e.Grade != model.GradeExcellent {
		t.Fatalf("b's evaluation: %+v %v", e, err)
	}
	if i, _ := b.Institutions.Get(in.ID); i.ServiceLevel != model.Level2 || i.AgreementExpires != "2027-01-01" {
		t.Fatalf("b's institution lost its level or agreement: %+v", i)
	}

	// Both machines enter the 2025 return; after exchanging both ways, each
	// has one.
	if err := a.Statistics.Put(&model.YearlyReturn{Institution: in.ID, Year: 2025, Inquiries: 900}); err != nil {
		t.Fatal(err)
	}
	if err := b.Statistics.Put(&model.YearlyReturn{Institution: in.ID, Year: 2025, Inquiries: 950}); err != nil {
		t.Fatal(err)
	}
	syncAll(t, a, b)
	syncAll(t, b, a)
	for _, s := range []*store.Store{a, b} {
		c, _ := s.Counts()
		if c.Statistics != 2 || c.Evaluations != 1 {
			t.Errorf("%s: %+v, want 2 returns (2024, 2025) and 1 evaluation", storeName(s), c)
		}
	}

	// Deleting the institution takes its returns and evaluations along, on
	// the other machine too.
	if err := a.Institutions.Delete(in.ID); err != nil {
		t.Fatal(err)
	}
	path, _ := exportBundle(t, a, b.DeviceID())
	mergeFile(t, b, path)
	if c, _ := b.Counts(); c.Statistics != 0 || c.Evaluations != 0 {
		t.Errorf("b after the deletion: %+v", c)
	}
}
