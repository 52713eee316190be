package model

import (
	"errors"
	"strings"
	"testing"
)

func TestBuiltinCatalogue(t *testing.T) {
	cat := BuiltinCatalogue()
	for i, e := range cat {
		if len(e.Number) != 3 || strings.Trim(e.Number, "0123456789") != "" {
			t.Errorf("entry %d: number %q is not three digits", i, e.Number)
		}
		if i > 0 && cat[i-1].Number >= e.Number {
			t.Errorf("entry %d: %q does not come after %q", i, e.Number, cat[i-1].Number)
		}
		if e.TitleEN == "" || e.TitleZH == "" {
			t.Errorf("DL-%s has an empty title: %+v", e.Number, e)
		}
	}
	// The courses DESIGN section 2 names, which staff look for first.
	have := map[string]bool{}
	for _, e := range cat {
		have[e.Number] = true
	}
	for _, n := range []string{"001", "101", "201", "202", "204", "301", "302", "317", "318", "320"} {
		if !have[n] {
			t.Errorf("DL-%s is missing from the built-in catalogue", n)
		}
	}
	cat[0].TitleEN = "changed"
	if BuiltinCatalogue()[0].TitleEN == "changed" {
		t.Error("changing the result of BuiltinCatalogue changed the catalogue")
	}
}

func TestLanguages(t *testing.T) {
	want := []struct {
		lang           Language
		nameEN, nameZH string
	}{
		{LangEnglish, "English", "英语"},
		{LangChinese, "Chinese", "中文"},
		{LangFrench, "French", "法语"},
		{LangSpanish, "Spanish", "西班牙语"},
		{LangArabic, "Arabic", "阿拉伯语"},
		{LangRussian, "Russian", "俄语"},
		{LangPortuguese, "Portuguese", "葡萄牙语"},
	}
	got := Languages()
	if len(got) != len(want) {
		t.Fatalf("Languages() = %v, want %d languages", got, len(want))
	}
	for i, w := range want {
		if got[i] != w.lang {
			t.Errorf("Languages()[%d] = %q, want %q", i, got[i], w.lang)
		}
		if !w.lang.Valid() || w.lang.NameEN() != w.nameEN || w.lang.NameZH() != w.nameZH {
			t.Errorf("%q: Valid %v, names %q %q; want true, %q %q",
				w.lang, w.lang.Valid(), w.lang.NameEN(), w.lang.NameZH(), w.nameEN, w.nameZH)
		}
	}
	for _, l := range []Language{"", "X", "e", "EN"} {
		if l.Valid() || l.NameEN() != "" {
			t.Errorf("Language(%q) is valid or named %q", l, l.NameEN())
		}
	}
}

func TestParseSessionCode(t *testing.T) {
	tests := []struct {
		in   string
		want SessionCode
		str  string
	}{
		{"101C18S1", SessionCode{"101", LangChinese, 2018, 1}, "101C18S1"},
		{"318C19S2", SessionCode{"318", LangChinese, 2019, 2}, "318C19S2"},
		{"301E20S1", SessionCode{"301", LangEnglish, 2020, 1}, "301E20S1"},
		{"dl-101c18s1", SessionCode{"101", LangChinese, 2018, 1}, "101C18S1"},
		{"DL101C18S1", SessionCode{"101", LangChinese, 2018, 1}, "101C18S1"},
		{"DL 101C18S1", SessionCode{"101", LangChinese, 2018, 1}, "101C18S1"},
		{"DL-101C18S1", SessionCode{"101", LangChinese, 2018, 1}, "101C18S1"},
		{" 001E21S1 ", SessionCode{"001", LangEnglish, 2021, 1}, "001E21S1"},
		{"202F05S9", SessionCode{"202", LangFrench, 2005, 9}, "202F05S9"},
		{"204s99s2", SessionCode{"204", LangSpanish, 2099, 2}, "204S99S2"},
		{"320A00S1", SessionCode{"320", LangArabic, 2000, 1}, "320A00S1"},
		{"302R22S1", SessionCode{"302", LangRussian, 2022, 1}, "302R22S1"},
		{"317P23S2", SessionCode{"317", LangPortuguese, 2023, 2}, "317P23S2"},
	}
	for _, tt := range tests {
		got, err := ParseSessionCode(tt.in)
		if err != nil {
			t.Errorf("ParseSessionCode(%q): %v", tt.in, err)
			continue
		}
		if got != tt.want {
			t.Errorf("ParseSessionCode(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
		if s := got.String(); s != tt.str {
			t.Errorf("ParseSessionCode(%q).String() = %q, want %q", tt.in, s, tt.str)
		}
		again, err := ParseSessionCode(got.String())
		if err != nil || again != got {
			t.Errorf("round trip of %q: %+v, %v", tt.in, again, err)
		}
	}
}

func TestParseSessionCodeErrors(t *testing.T) {
	tests := []struct {
		in   string
		want string // words the message must contain
	}{
		{"101X18S1", `session code "101X18S1": unknown language letter "X" (expected one of E, C, F, S, A, R, P)`},
		{"101x18s1", `unknown language letter "X"`},
		{"10C18S1", `session code "10C18S1": expected the form NNNLYYSn, e.g. 101C18S1`},
		{"101C18S0", "semester 0"},
		{"", "expected the form"},
		{"DL-", "expected the form"},
		{"1011C18S1", "expected the form"},
		{"101C2018S1", "expected the form"},
		{"101C18T1", "expected the form"},
		{"101C18S", "expected the form"},
		{"101C18S12", "expected the form"},
		{"1O1C18S1", "expected the form"}, // letter O for zero
		{"101118S1", "expected the form"},
		{"101C1aS1", "expected the form"},
		{"DX101C18S1", "expected the form"},
		{"101 C18S1", "expected the form"},
		{"101中18S1", "expected the form"},
	}
	for _, tt := range tests {
		got, err := ParseSessionCode(tt.in)
		if err == nil {
			t.Errorf("ParseSessionCode(%q) = %+v, want an error", tt.in, got)
			continue
		}
		if !errors.Is(err, ErrBadSessionCode) {
			t.Errorf("ParseSessionCode(%q) error %v does not wrap ErrBadSessionCode", tt.in, err)
		}
		if !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseSessionCode(%q) error %q does not say %q", tt.in, err, tt.want)
		}
	}
}

var benchSessionCodes = []string{"101C18S1", "dl-318c19s2", " 301E20S1 ", "202F05S9", "317p23s2"}

func BenchmarkParseSessionCode(b *testing.B) {
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		ParseSessionCode(benchSessionCodes[i%len(benchSessionCodes)])
	}
}
