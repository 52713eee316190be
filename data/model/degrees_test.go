package model

import (
	"slices"
	"testing"
)

// A missing fact is a warning (DESIGN section 5): the record is valid, and
// Missing names what to complete.
func TestDegreesMissingFactsAreNotErrors(t *testing.T) {
	p := &Programme{Name: "WIPO-Busan Master of IP"}
	if err := p.Validate(); err != nil {
		t.Fatalf("a programme without its partner: %v", err)
	}
	if !p.Incomplete() || !slices.Equal(p.Missing(), []string{"partner"}) {
		t.Fatalf("missing %v, incomplete %v; want partner", p.Missing(), p.Incomplete())
	}
	p.Partner = "Busan University"
	if p.Incomplete() || p.Missing() != nil {
		t.Fatalf("with its partner: missing %v", p.Missing())
	}
	st := &Student{Cohort: NewID(), Name: "Amina", Status: StudentGraduated}
	if err := st.Validate(); err != nil {
		t.Fatalf("a graduate without a date: %v", err)
	}
	if !slices.Equal(st.Missing(), []string{"graduated"}) {
		t.Fatalf("missing %v; want graduated", st.Missing())
	}
	st.Graduated = "2020-07-01"
	if st.Missing() != nil {
		t.Fatalf("with a date: missing %v", st.Missing())
	}
	st.Graduated, st.Status = "", StudentEnrolled
	if st.Missing() != nil {
		t.Fatalf("an enrolled student: missing %v", st.Missing())
	}
}
