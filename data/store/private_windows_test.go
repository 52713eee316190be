//go:build windows

package store

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// On Windows a file keeps no mode bits but its read-only attribute: Go
// reports 0666 (0444 when read-only) whatever Open or MkdirAll asked for.
// What keeps other users out is where the file is: a new file takes the
// permissions of its folder, and a user's profile folder (C:\Users\NAME,
// which holds %AppData%, the database's default folder, and %TEMP%)
// admits only that user, SYSTEM and the Administrators. So the tests that
// want 0600 and 0700 elsewhere want here a writable file in the profile.

// wantPrivate fails t unless the file or folder at path is in the user's
// profile folder and not read-only.
func wantPrivate(t *testing.T, path string) {
	t.Helper()
	profile := userProfile(t)
	if !inFolder(profile, path) {
		t.Errorf("%s is outside the user's profile %s, whose permissions keep other users out", path, profile)
	}
	if m := stat(t, path).Mode().Perm(); m&0o200 == 0 {
		t.Errorf("%s: mode %v, read-only", path, m)
	}
}

// wantMode fails t unless the file at path has the mode that m becomes on
// Windows: read-only (0444) when m has no owner write bit, else 0666.
func wantMode(t *testing.T, path string, m fs.FileMode) {
	t.Helper()
	want := fs.FileMode(0o666)
	if m&0o200 == 0 {
		want = 0o444
	}
	if got := stat(t, path).Mode().Perm(); got != want {
		t.Errorf("%s: mode %v, want %v (%v on Windows)", path, got, want, m)
	}
}

// The default database, where nearly every user's records are, is in
// %AppData% under the user's profile.
func TestDefaultPathIsInTheUserProfile(t *testing.T) {
	path, err := DefaultPath()
	if err != nil {
		t.Fatal(err)
	}
	if appData := os.Getenv("APPDATA"); !inFolder(appData, path) {
		t.Errorf("default database %s is not in %%AppData%% (%s)", path, appData)
	}
	if profile := userProfile(t); !inFolder(profile, path) {
		t.Errorf("default database %s is not in the user's profile %s", path, profile)
	}
}

// userProfile is the user's profile folder, %USERPROFILE%.
func userProfile(t *testing.T) string {
	t.Helper()
	profile, err := os.UserHomeDir()
	if err != nil || profile == "" {
		t.Fatalf("the user's profile folder: %q, %v", profile, err)
	}
	return profile
}

// inFolder reports whether path is inside dir, as Windows compares names:
// without regard to case.
func inFolder(dir, path string) bool {
	if dir == "" {
		return false
	}
	prefix := strings.ToLower(filepath.Clean(dir)) + `\`
	return strings.HasPrefix(strings.ToLower(filepath.Clean(path)), prefix)
}
