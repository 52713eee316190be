//go:build !windows

package store

import (
	"io/fs"
	"testing"
)

// wantPrivate fails t unless only the user can read and write the file or
// folder at path: mode 0600, a folder 0700. (On Windows, where modes are
// not kept, private_windows_test.go checks what protects the file there.)
func wantPrivate(t *testing.T, path string) {
	t.Helper()
	want := fs.FileMode(0o600)
	if stat(t, path).IsDir() {
		want = 0o700
	}
	if m := stat(t, path).Mode().Perm(); m != want {
		t.Errorf("%s: mode %v, want %v", path, m, want)
	}
}

// wantMode fails t unless the file at path has the permission bits m.
func wantMode(t *testing.T, path string, m fs.FileMode) {
	t.Helper()
	if got := stat(t, path).Mode().Perm(); got != m {
		t.Errorf("%s: mode %v, want %v", path, got, m)
	}
}
