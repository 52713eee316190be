//go:build tools

// Package tools pins the build tools that make package uses, at the
// versions asked for, apart from the program's own go.mod.
package tools

import _ "fyne.io/tools/cmd/fyne"
