package kit

import "testing"

// TestPlural: one and other by the count, in English, the count written
// as Number writes it.
func TestPlural(t *testing.T) {
	ApplyLanguage(LangEnglish)
	for n, want := range map[int]string{0: "0 visits", 1: "1 visit", 2: "2 visits", 12345: "12,345 visits"} {
		if got := Plural(n, "{{.Count}} visit", "{{.Count}} visits", map[string]any{"Count": n}); got != want {
			t.Errorf("Plural(%d) = %q", n, got)
		}
		if got := Counted(n, "{{.Count}} visit", "{{.Count}} visits"); got != want {
			t.Errorf("Counted(%d) = %q", n, got)
		}
	}
	args := map[string]any{"Count": 1}
	Plural(1, "{{.Count}} visit", "{{.Count}} visits", args)
	if args["Count"] != 1 {
		t.Errorf("Plural changed its caller's args: %v", args)
	}
}

// TestNumber: English groups thousands from 1,000, Chinese from 10,000.
func TestNumber(t *testing.T) {
	defer ApplyLanguage(LangEnglish)
	cases := []struct {
		n      int
		en, zh string
	}{
		{0, "0", "0"},
		{7, "7", "7"},
		{999, "999", "999"},
		{1000, "1,000", "1000"},
		{9999, "9,999", "9999"},
		{10000, "10,000", "10,000"},
		{200000, "200,000", "200,000"},
		{1234567, "1,234,567", "1,234,567"},
		{-4321, "-4,321", "-4321"},
		{-12345, "-12,345", "-12,345"},
	}
	for _, lang := range []string{LangEnglish, LangChinese} {
		ApplyLanguage(lang)
		for _, c := range cases {
			want := c.en
			if lang == LangChinese {
				want = c.zh
			}
			if got := Number(c.n); got != want {
				t.Errorf("%s: Number(%d) = %q, want %q", lang, c.n, got, want)
			}
		}
	}
}
