//go:build windows

// This file is not part of TISC Desk: .ci/windows-tests adds it to Go's
// own testing package, with an -overlay, in the Windows test binaries it
// builds to run under Wine, and points the removal in t.TempDir's cleanup
// at removeAllUnderWine8.

package testing

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"syscall"
)

// wineInvalidFunction is ERROR_INVALID_FUNCTION ("Invalid function."),
// what Wine 8 answers for a file information class it has not implemented.
const wineInvalidFunction = syscall.Errno(1)

// removeAllUnderWine8 removes a test's temporary folder, in place of
// os.RemoveAll, in the Windows test binaries run under Wine 8.
//
// Go 1.26's os.RemoveAll deletes each file with NtSetInformationFile's
// FileDispositionInformationEx (Windows 10 1607 and later), falling back
// to the older FileDispositionInformation only on the answers Windows
// gives when it lacks that class. Wine 8 has not implemented it and
// answers STATUS_NOT_IMPLEMENTED ("Invalid function."), so every
// t.TempDir that held a file failed its test at cleanup though the test
// had passed. os.Remove deletes with DeleteFileW and RemoveDirectoryW,
// which Wine has: on exactly that error the folder is removed bottom-up
// with it. Any other error, and a file that still cannot be removed (one
// left open, which Windows refuses too), fails the test as it would on
// Windows.
func removeAllUnderWine8(path string) error {
	err := os.RemoveAll(path)
	if !errors.Is(err, wineInvalidFunction) {
		return err
	}
	var paths []string
	err = filepath.WalkDir(path, func(p string, _ fs.DirEntry, err error) error {
		paths = append(paths, p)
		return err
	})
	if err != nil {
		return err
	}
	// WalkDir lists a folder before what it holds: remove in reverse.
	for _, p := range slices.Backward(paths) {
		if err := os.Remove(p); err != nil {
			return err
		}
	}
	return nil
}
