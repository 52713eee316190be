package reports

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// runeWidth measures as a fixed-pitch font would: CJK two units, others one.
func runeWidth(s string) float64 {
	w := 0.0
	for _, r := range s {
		if breaksAlone(r) {
			w += 2
		} else {
			w++
		}
	}
	return w
}

func noSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

func TestWrapKeepsEveryCharacter(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		width float64
		want  []string // nil: only check that nothing is lost
	}{
		{"short", "TISC 技术与创新支持中心", 40, []string{"TISC 技术与创新支持中心"}},
		{"latin at spaces", "the quick brown fox jumps", 10, []string{"the quick", "brown fox", "jumps"}},
		{"chinese anywhere", "技术与创新支持中心", 6, []string{"技术与", "创新支", "持中心"}},
		{"closing punctuation stays", "中心，支持。", 6, []string{"中心，", "支持。"}},
		{"opening punctuation stays", "数据（PATENTSCOPE）", 16, []string{"数据", "（PATENTSCOPE）"}},
		{"mixed", "使用PATENTSCOPE数据库检索", 12, []string{"使用", "PATENTSCOPE", "数据库检索"}},
		{"long word is cut", "https://www.wipo.int/tisc", 10, []string{"https://ww", "w.wipo.int", "/tisc"}},
		{"newlines", "一\n\n二", 10, []string{"一", "", "二"}},
		{"empty", "", 10, []string{""}},
		{"indent kept", "  缩进", 10, []string{"  缩进"}},
		{"long chinese paragraph", strings.Repeat("该机构管理层高度重视知识产权信息服务，已配备专职人员，并开通PATENTSCOPE、ASPI和ARDI数据库。", 20), 60, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines := wrapText(tt.text, tt.width, runeWidth)
			if tt.want != nil && strings.Join(lines, "|") != strings.Join(tt.want, "|") {
				t.Errorf("wrap(%q, %v) = %q, want %q", tt.text, tt.width, lines, tt.want)
			}
			if got, want := noSpace(strings.Join(lines, "")), noSpace(tt.text); got != want {
				t.Errorf("characters lost or added:\n got %q\nwant %q", got, want)
			}
			for _, l := range lines {
				if runeWidth(l) > tt.width && utf8.RuneCountInString(l) > 1 {
					t.Errorf("line %q is %v wide, more than %v", l, runeWidth(l), tt.width)
				}
			}
		})
	}
}

// TestWrapRandomTextLosesNothing wraps random mixtures of Chinese, Latin,
// punctuation and spaces at random widths.
func TestWrapRandomTextLosesNothing(t *testing.T) {
	alphabet := []rune("技术与创新支持中心，。、（）「」“”PATENTSCOPE abc 123 ,.;()% \n")
	rng := rand.New(rand.NewPCG(6, 6))
	for range 2000 {
		n := rng.IntN(120)
		var b strings.Builder
		for range n {
			b.WriteRune(alphabet[rng.IntN(len(alphabet))])
		}
		text := b.String()
		width := float64(2 + rng.IntN(40))
		lines := wrapText(text, width, runeWidth)
		if got, want := noSpace(strings.Join(lines, "")), noSpace(text); got != want {
			t.Fatalf("wrap(%q, %v) lost characters:\n got %q\nwant %q", text, width, got, want)
		}
		if want := strings.Count(text, "\n") + 1; len(lines) < want {
			t.Fatalf("wrap(%q) gave %d lines for %d paragraphs", text, len(lines), want)
		}
		for _, l := range lines {
			if runeWidth(l) > width && !oneUnit(l) {
				t.Fatalf("wrap(%q, %v): line %q is too wide", text, width, l)
			}
		}
	}
}

// oneUnit reports whether a too-wide line is a single unbreakable unit
// (a character with its punctuation glued on).
func oneUnit(l string) bool { return len(splitUnits(l)) == 1 }

func TestWrapWithTheFontKeepsEveryCharacter(t *testing.T) {
	d, err := newDoc(Chinese, "测试", "", "2026-11-21")
	if err != nil {
		t.Fatal(err)
	}
	d.setFont(9, false)
	text := strings.Repeat("技术与创新支持中心（TISC）为发明人提供专利信息检索服务，包括新颖性、现有技术和自由实施检索。", 12)
	lines := wrapText(text, 80, d.pdf.GetStringWidth)
	if got := strings.Join(lines, ""); got != text {
		t.Fatalf("wrapped with the font, the text changed:\n got %q\nwant %q", got, text)
	}
	for _, l := range lines {
		if w := d.pdf.GetStringWidth(l); w > 80 {
			t.Errorf("line %q is %.1f mm wide", l, w)
		}
	}
}
