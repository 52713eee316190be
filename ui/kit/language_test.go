package kit

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"
)

// TestEnglishPunctuation: the embedded CJK font draws "…" and curly quotes
// the Chinese way, so English labels get three full stops and straight
// quotes; Chinese keeps its own punctuation.
func TestEnglishPunctuation(t *testing.T) {
	defer ApplyLanguage(LangEnglish)
	const key = "“{{.Drop}}” was merged into “{{.Keep}}”; what referred to it now refers to “{{.Keep}}”."
	args := map[string]any{"Drop": "A", "Keep": "B"}
	ApplyLanguage(LangEnglish)
	if got, want := lang.L(key, args), `"A" was merged into "B"; what referred to it now refers to "B".`; got != want {
		t.Errorf("English: %q, want %q", got, want)
	}
	if got := lang.L("Import…"); got != "Import..." {
		t.Errorf("English ellipsis: %q", got)
	}
	ApplyLanguage(LangChinese)
	if got := lang.L(key, args); !strings.Contains(got, "“A”") {
		t.Errorf("Chinese: %q, want its own quotes “A”", got)
	}
}
