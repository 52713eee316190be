package store_test

import (
	"slices"
	"testing"

	"tiscdesk/data/datatest"
)

func TestRememberedColumns(t *testing.T) {
	s := datatest.Open(t)
	header := []string{"单位 ", "联系人", "备注"}
	if got, err := s.RememberedColumns("institutions", header); err != nil || got != nil {
		t.Fatalf("before: %q %v", got, err)
	}
	want := []string{"local_name", "contact_name", ""}
	if err := s.RememberColumns("institutions", header, want); err != nil {
		t.Fatal(err)
	}
	// The same header in another case and spacing finds them; another kind
	// or another header does not.
	if got, _ := s.RememberedColumns("institutions", []string{"单位", " 联系人", "备注"}); !slices.Equal(got, want) {
		t.Errorf("same header: %q", got)
	}
	if got, _ := s.RememberedColumns("students", header); got != nil {
		t.Errorf("another kind: %q", got)
	}
	if got, _ := s.RememberedColumns("institutions", header[:2]); got != nil {
		t.Errorf("another header: %q", got)
	}
	if err := s.RememberColumns("institutions", header, want[:2]); err == nil {
		t.Error("fields that do not fit the header were kept")
	}
	if err := s.RememberColumns("institutions", header, nil); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.RememberedColumns("institutions", header); got != nil {
		t.Errorf("forgotten, still %q", got)
	}
}
