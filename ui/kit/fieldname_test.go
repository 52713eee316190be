package kit

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"
)

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

// TestEnglishEllipsis: English labels end in three full stops, which the
// embedded font draws on the line, not "…" (centred CJK dots); Chinese keeps
// its own.
func TestEnglishEllipsis(t *testing.T) {
	ApplyLanguage(LangEnglish)
	if got := lang.L("Import yearly statistics…"); got != "Import yearly statistics..." {
		t.Errorf("English label %q", got)
	}
	ApplyLanguage(LangChinese)
	t.Cleanup(func() { ApplyLanguage(LangEnglish) })
	if got := lang.L("Import yearly statistics…"); !strings.HasSuffix(got, "…") {
		t.Errorf("Chinese label %q", got)
	}
}
