package model

import (
	"errors"
	"slices"
	"testing"
)

// An institution without its type or province is valid (DESIGN section 5:
// a missing fact is a warning) and Missing names what to complete; a type
// or province that is given but wrong is still an error.
func TestInstitutionMissingFactsAreNotErrors(t *testing.T) {
	in := &Institution{LocalName: "某市科技情报所", Stage: StageCandidate}
	if err := in.Validate(); err != nil {
		t.Fatalf("without type and province: %v", err)
	}
	if !in.Incomplete() || !slices.Equal(in.Missing(), []string{"type", "province"}) {
		t.Fatalf("missing %v, incomplete %v; want type and province", in.Missing(), in.Incomplete())
	}
	in.Type = TypeSTInfo
	if !slices.Equal(in.Missing(), []string{"province"}) {
		t.Fatalf("with its type: missing %v", in.Missing())
	}
	in.Province = "CN-HB"
	if in.Incomplete() || in.Missing() != nil {
		t.Fatalf("with type and province: missing %v", in.Missing())
	}
	for _, c := range []struct {
		field  string
		mutate func(*Institution)
	}{
		{"type", func(in *Institution) { in.Type = "castle" }},
		{"province", func(in *Institution) { in.Province = "CN-XX" }},
	} {
		bad := *in
		c.mutate(&bad)
		var ve *ValidationError
		if err := bad.Validate(); !errors.As(err, &ve) || ve.Message(c.field) == "" {
			t.Errorf("a wrong %s: %v", c.field, err)
		}
	}
}
