package kit

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"tiscdesk/assets"
)

// fontResource is the embedded WenQuanYi Micro Hei: Latin, digits and CJK in
// one face, so Chinese renders on a machine with no CJK fonts installed.
var fontResource = fyne.NewStaticResource(assets.FontName, assets.Font())

// Palette: the blue of the icon, and the colours that mark states.
var (
	BrandBlue   = color.NRGBA{R: 0x1f, G: 0x5c, B: 0x99, A: 0xff}
	brandLight  = color.NRGBA{R: 0x5b, G: 0x9b, B: 0xd9, A: 0xff}
	warningRed  = color.NRGBA{R: 0xc6, G: 0x28, B: 0x28, A: 0xff}
	SuccessTeal = color.NRGBA{R: 0x2e, G: 0x7d, B: 0x32, A: 0xff}
	quietLight  = color.NRGBA{R: 0x6b, G: 0x6b, B: 0x6b, A: 0xff}
	quietDark   = color.NRGBA{R: 0x9a, G: 0x9a, B: 0x9a, A: 0xff}
	onBrandDark = color.NRGBA{R: 0x10, G: 0x14, B: 0x18, A: 0xff} // text on brandLight
)

// deskTheme is Fyne's default theme with TISC Desk's font and blue.
type deskTheme struct{ fyne.Theme }

var _ fyne.Theme = deskTheme{}

// NewTheme is TISC Desk's theme.
func NewTheme() fyne.Theme { return deskTheme{theme.DefaultTheme()} }

// Font returns the CJK font for every text style (bold and italic are
// synthesised by the renderer); only symbols keep Fyne's own font.
func (t deskTheme) Font(s fyne.TextStyle) fyne.Resource {
	if s.Symbol {
		return t.Theme.Font(s)
	}
	return fontResource
}

func (t deskTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	switch n {
	case theme.ColorNamePrimary, theme.ColorNameHyperlink:
		if v == theme.VariantDark {
			return brandLight
		}
		return BrandBlue
	case theme.ColorNameForegroundOnPrimary:
		// The text of the main buttons: white on the light blue of the
		// dark theme reads at 2.9:1, near-black at 6.6:1.
		if v == theme.VariantDark {
			return onBrandDark
		}
	case theme.ColorNameError:
		return warningRed
	case theme.ColorNameSuccess:
		return SuccessTeal
	case theme.ColorNameDisabled, theme.ColorNamePlaceHolder:
		// Quiet text (low-importance labels: hints, notes, column heads;
		// placeholders) in a grey that still reads: Fyne's own disabled
		// greys give 1.3:1 (light) and 1.6:1 (dark) on the background,
		// below WCAG AA's 4.5:1 (TestQuietTextContrast).
		if v == theme.VariantDark {
			return quietDark
		}
		return quietLight
	}
	return t.Theme.Color(n, v)
}
