package hub

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// The hub URL holds a login's password: it is kept in a file of its own in
// the configuration folder, readable by this user alone (0600), and never
// in the database, bundles, backups or output (Redact).

// URLFile is where the hub URL is remembered: <config dir>/tiscdesk/hub-url.
func URLFile() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("find the configuration folder: %w", err)
	}
	return filepath.Join(dir, "tiscdesk", "hub-url"), nil
}

// RememberURL saves rawURL in URLFile, mode 0600.
func RememberURL(rawURL string) error {
	path, err := URLFile()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("remember the hub: %w", err)
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(rawURL+"\n"), 0o600); err != nil {
		return fmt.Errorf("remember the hub: %w", err)
	}
	if err := os.Chmod(tmp, 0o600); err != nil {
		return fmt.Errorf("remember the hub: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("remember the hub: %w", err)
	}
	return nil
}

// ErrNoHub is returned by RememberedURL when no hub was ever given.
var ErrNoHub = errors.New("no hub is set: give its URL once with --hub URL (a coordinator creates it with tiscdesk hub device add)")

// RememberedURL reads the URL saved by RememberURL. Returns ErrNoHub when
// there is none.
func RememberedURL() (string, error) {
	path, err := URLFile()
	if err != nil {
		return "", err
	}
	raw, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return "", ErrNoHub
	}
	if err != nil {
		return "", fmt.Errorf("read the hub URL: %w", err)
	}
	u := strings.TrimSpace(string(raw))
	if u == "" {
		return "", ErrNoHub
	}
	return u, nil
}
