package model

import (
	"reflect"
	"strings"
	"testing"
)

// TestEveryFieldHasALabel walks the JSON fields of every entity and of the
// types nested in them: a field added without a label would be shown to
// people by its JSON name.
func TestEveryFieldHasALabel(t *testing.T) {
	seen := map[reflect.Type]bool{}
	var walk func(typ reflect.Type, path string)
	walk = func(typ reflect.Type, path string) {
		for typ.Kind() == reflect.Pointer || typ.Kind() == reflect.Slice || typ.Kind() == reflect.Array {
			typ = typ.Elem()
		}
		if typ.Kind() != reflect.Struct || typ.PkgPath() != reflect.TypeFor[Meta]().PkgPath() || seen[typ] {
			return
		}
		seen[typ] = true
		for f := range typ.Fields() {
			if f.Anonymous {
				walk(f.Type, path)
				continue
			}
			key, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if key == "" || key == "-" {
				continue
			}
			if FieldLabels[key] == "" {
				t.Errorf("%s.%s (json %q) has no label in FieldLabels", path, f.Name, key)
			}
			walk(f.Type, path+"."+f.Name)
		}
	}
	for _, e := range []any{Institution{}, Visit{}, Course{}, Session{}, Enrolment{}, Programme{}, Cohort{}, Student{}, YearlyReturn{}, Evaluation{}} {
		typ := reflect.TypeOf(e)
		walk(typ, typ.Name())
	}
	// The nested types are reached through the entities, not listed by hand.
	for _, nested := range []any{Contact{}, StageChange{}, Assessment{}, FollowUp{}, GeoPoint{}, Photo{}, Meta{}} {
		if !seen[reflect.TypeOf(nested)] {
			t.Errorf("the walk never reached %T: the test is broken", nested)
		}
	}
}

func TestFieldLabel(t *testing.T) {
	for key, want := range map[string]string{
		"score":        "Score",
		"local_name":   "Local name",
		"graduated":    "Graduation date",
		"some_new_key": "Some new key",
		"":             "",
	} {
		if got := FieldLabel(key); got != want {
			t.Errorf("FieldLabel(%q) = %q, want %q", key, got, want)
		}
	}
}
