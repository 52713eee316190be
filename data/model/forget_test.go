package model

import (
	"slices"
	"strings"
	"testing"
)

// Marks find the person where forgetting found them: by name (case and
// spacing aside) or by an email written anywhere in a person met; they find
// no one else, and they hold neither the email nor the name.
func TestMarksFindTheForgottenPersonOnly(t *testing.T) {
	id := NewID()
	marks := ErasureMarks(id, " Zhang@Example.CN ", []string{"张三", "Zhang  San"})
	for _, m := range marks {
		if strings.Contains(strings.ToLower(m), "zhang") || len(m) != 32 {
			t.Errorf("mark %q", m)
		}
	}
	v := &Visit{Meta: Meta{ID: id}, PeopleMet: []string{
		"张三", "zhang san", "Zhang <ZHANG@example.cn>.", "王老师zhang@example.cn", "a.zhang@example.cn",
		"王老师", "zhangs@example.cn", "Zhang Sanfeng", "zhang@example.com",
	}}
	if !v.Redact(marks) {
		t.Fatal("Redact changed nothing")
	}
	if want := []string{"王老师", "zhangs@example.cn", "Zhang Sanfeng", "zhang@example.com"}; !slices.Equal(v.PeopleMet, want) {
		t.Errorf("people met left: %q, want %q", v.PeopleMet, want)
	}
	if v.Redact(marks) {
		t.Error("a second Redact changed the visit")
	}
	// Marks belong to their record: another's do not match.
	in := &Institution{Meta: Meta{ID: NewID()}, Contacts: []Contact{{Name: "张三"}}}
	if in.Redact(nil); in.MarksContact(Contact{Name: "张三"}) {
		t.Error("an institution without marks matches")
	}
	in.Redact(marks)
	if len(in.Contacts) != 1 {
		t.Errorf("another record's marks removed %+v", in.Contacts)
	}
	in.Erased = nil
	in.Redact(ErasureMarks(in.ID, "zhang@example.cn", []string{"张三"}))
	if len(in.Contacts) != 0 || !in.MarksContact(Contact{Name: "Li", Email: "ZHANG@example.cn"}) {
		t.Errorf("contacts %+v after the institution's own marks", in.Contacts)
	}
}
