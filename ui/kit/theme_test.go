package kit

import (
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// luminance is WCAG 2's relative luminance of c.
func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		x := float64(v) / 0xffff
		if x <= 0.03928 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

// contrast is WCAG 2's contrast ratio of two colours.
func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

// TestMainButtonContrast: the text of a main button (high importance) on
// its blue meets WCAG AA's 4.5:1 in the light and the dark theme.
func TestMainButtonContrast(t *testing.T) {
	th := NewTheme()
	for _, v := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		if r := contrast(th.Color(theme.ColorNameForegroundOnPrimary, v), th.Color(theme.ColorNamePrimary, v)); r < 4.5 {
			t.Errorf("variant %d: text on the primary colour has contrast %.2f:1, want 4.5:1", v, r)
		}
	}
}

// TestQuietTextContrast: hint text (low-importance labels) and
// placeholders meet WCAG AA's 4.5:1 on every background they are drawn on,
// in the light and the dark theme, and stay quieter than the foreground.
func TestQuietTextContrast(t *testing.T) {
	th := NewTheme()
	for _, v := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		fg := th.Color(theme.ColorNameForeground, v)
		for _, quiet := range []fyne.ThemeColorName{theme.ColorNameDisabled, theme.ColorNamePlaceHolder} {
			q := th.Color(quiet, v)
			for _, bg := range []fyne.ThemeColorName{theme.ColorNameBackground, theme.ColorNameInputBackground,
				theme.ColorNameMenuBackground, theme.ColorNameOverlayBackground, theme.ColorNameHeaderBackground} {
				if r := contrast(q, th.Color(bg, v)); r < 4.5 {
					t.Errorf("variant %d: %s on %s has contrast %.2f:1, want 4.5:1", v, quiet, bg, r)
				}
			}
			if contrast(q, th.Color(theme.ColorNameBackground, v)) >= contrast(fg, th.Color(theme.ColorNameBackground, v)) {
				t.Errorf("variant %d: %s is as loud as the foreground", v, quiet)
			}
		}
	}
}
