package kit

import "testing"

func TestFieldName(t *testing.T) {
	ApplyLanguage(LangEnglish)
	for key, want := range map[string]string{
		"score":                 "Score",
		"local_name":            "Local name",
		"contacts.0.email":      "Contacts 1: Email",
		"checklist.2.score":     "Assessment checklist 3: Score",
		"services.1":            "Services offered 2",
		"follow_ups.0.done_on":  "Follow-ups 1: Done on",
		"a_key_nobody_labelled": "A key nobody labelled",
	} {
		if got := FieldName(key); got != want {
			t.Errorf("FieldName(%q) = %q, want %q", key, got, want)
		}
	}
}

// TestFieldNameInChinese: each part of a key is translated.
func TestFieldNameInChinese(t *testing.T) {
	ApplyLanguage(LangChinese)
	t.Cleanup(func() { ApplyLanguage(LangEnglish) })
	if got := FieldName("contacts.0.email"); got != "联系人 1: 电子邮箱" {
		t.Errorf("FieldName(contacts.0.email) = %q", got)
	}
}
