package store

import (
	"errors"
	"testing"
	"tiscdesk/data/model"
)

func TestYearlyReturnRules(t *testing.T) {
	s := openTemp(t)
	in := &model.Institution{LocalName: "上海图书馆", Type: model.TypeLibrary, Province: "CN-SH", Stage: model.StageOperational}
	if err := s.Institutions.Put(in); err != nil {
		t.Fatal(err)
	}
	r := &model.YearlyReturn{Institution: in.ID, Year: 2025, Inquiries: 1500}
	if err := s.Statistics.Put(r); err != nil {
		t.Fatalf("first return: %v", err)
	}
	var ve *model.ValidationError
	again := &model.YearlyReturn{Institution: in.ID, Year: 2025, Inquiries: 9}
	if err := s.Statistics.Put(again); !errors.As(err, &ve) || ve.Message("year") == "" {
		t.Fatalf("a second 2025 return for the same TISC: got %v, want an error on year", err)
	}
	if err := s.Statistics.Put(&model.YearlyReturn{Institution: in.ID, Year: 2024}); err != nil {
		t.Fatalf("another year: %v", err)
	}
	r.Inquiries = 1600 // editing the same return is not a clash
	if err := s.Statistics.Put(r); err != nil {
		t.Fatalf("edit the return: %v", err)
	}
	if err := s.Statistics.Put(&model.YearlyReturn{Institution: model.NewID(), Year: 2025}); !errors.As(err, &ve) || ve.Message("institution") == "" {
		t.Fatalf("a return for no institution: got %v", err)
	}
	if err := s.Evaluations.Put(&model.Evaluation{Institution: in.ID, Date: "2025-04-01", Kind: model.EvaluationOperational}); err != nil {
		t.Fatal(err)
	}
	c, _ := s.Counts()
	if c.Statistics != 2 || c.Evaluations != 1 {
		t.Fatalf("counts %+v, want 2 statistics and 1 evaluation", c)
	}
	if err := s.Institutions.Delete(in.ID); err != nil {
		t.Fatal(err)
	}
	c, _ = s.Counts()
	if c.Statistics != 0 || c.Evaluations != 0 {
		t.Fatalf("after deleting the institution: %+v, want its returns and evaluations gone", c)
	}
	if p, err := s.Check(); err != nil || len(p) != 0 {
		t.Fatalf("check: %v %v", p, err)
	}
}
