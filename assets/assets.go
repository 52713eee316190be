// Package assets embeds the files TISC Desk ships: the WenQuanYi Micro Hei
// font (one TrueType face with Latin, digits and CJK, used by both the UI
// theme and the PDF reports), the application icon, and the UI translations.
//
// It imports only the standard library, not Fyne, so that the headless
// reports package can use the font too. Fyne resources are made from these
// bytes on the UI side.
package assets

import "embed"

//go:embed font/wqy-microhei.ttf
var fontTTF []byte

//go:embed icon/icon.png
var iconPNG []byte

// Translations holds the directory "translations" with the UI strings:
// tiscdesk.en.json and tiscdesk.zh_Hans.json, in the format of Fyne's lang
// package.
//
//go:embed translations
var Translations embed.FS

// FontName is the file name of the embedded CJK font.
const FontName = "wqy-microhei.ttf"

// Font returns the embedded WenQuanYi Micro Hei TrueType font (Latin, digits
// and CJK in one face). The slice is shared: callers must not modify it.
func Font() []byte { return fontTTF }

// Icon returns the 512x512 PNG application icon. The slice is shared:
// callers must not modify it.
func Icon() []byte { return iconPNG }

// Version is TISC Desk's version; FyneApp.toml carries the same (a test checks).
const Version = "0.1.0"
