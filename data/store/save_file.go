package store

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// ErrFileExists is returned by SaveFile when the file exists and may not
// be replaced. errors.Is(err, fs.ErrExist) holds for it too.
var ErrFileExists = fmt.Errorf("the file already exists (choose another name, or allow replacing it): %w", fs.ErrExist)

// SaveFile writes a file at path through write, never leaving a partial
// file: write fills a temporary file in the same folder, which then takes
// path's place. Unless overwrite is set, an existing file at path is
// refused with ErrFileExists and left as it was (also when it appears
// while write runs). A new file is readable by its owner only (mode 0600:
// exports hold people's names, emails and phones); a replaced file keeps
// its mode. Returns write's error, or the file system's, with nothing left
// behind.
func SaveFile(path string, overwrite bool, write func(io.Writer) error) (err error) {
	info, statErr := os.Stat(path)
	switch {
	case statErr == nil && !overwrite:
		return fmt.Errorf("%s: %w", path, ErrFileExists)
	case statErr == nil && !info.Mode().IsRegular():
		return fmt.Errorf("%s is not a regular file", path)
	case statErr != nil && !errors.Is(statErr, fs.ErrNotExist):
		return fmt.Errorf("check %s: %w", path, statErr)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("create a file beside %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := write(tmp); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if statErr == nil {
		if err := os.Chmod(tmp.Name(), info.Mode().Perm()); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
		if err := os.Rename(tmp.Name(), path); err != nil {
			return fmt.Errorf("replace %s: %w", path, err)
		}
		return nil
	}
	return placeNew(tmp.Name(), path)
}

// placeNew moves the finished file tmp to path unless path exists. A hard
// link fails when path exists, even if it appeared a moment ago; file
// systems without hard links (FAT on USB sticks, some network shares) fall
// back to a check and a rename.
func placeNew(tmp, path string) error {
	err := os.Link(tmp, path)
	if err == nil {
		os.Remove(tmp)
		return nil
	}
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s: %w", path, ErrFileExists)
	}
	if _, statErr := os.Lstat(path); statErr == nil {
		return fmt.Errorf("%s: %w", path, ErrFileExists)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	return nil
}
