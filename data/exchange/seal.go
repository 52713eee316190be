package exchange

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"sync"

	"filippo.io/age"

	"tiscdesk/data/store"
)

// Sealed bundles (DESIGN section 14). A sealed bundle is one binary age
// file (filippo.io/age) whose plaintext is the whole plain bundle, manifest
// included: nothing about the records, not even their counts, shows
// outside. It is sealed with a passphrase (scrypt) or to another machine's
// public key (X25519). Each database has its own age key pair, made at its
// first use and kept in a file of its own beside the database
// (DeviceKeyPath), never inside the database: backups and bundles copy the
// database's contents, so the secret key never travels in them. The public
// key travels in every bundle's manifest (Manifest.Key), so that the
// receiving machine can seal its answer to the sender.

// sealedMagic starts every binary age file.
const sealedMagic = "age-encryption.org/v1\n"

// Errors of opening a sealed bundle. Each leaves the database as it was.
var (
	// ErrSealed is returned for a sealed bundle that neither this machine's
	// key nor a given passphrase opens.
	ErrSealed = errors.New("the bundle is sealed")
	// ErrWrongPassphrase is returned when the passphrase given does not open
	// a bundle sealed with a passphrase.
	ErrWrongPassphrase = errors.New("the passphrase does not open the sealed bundle")
	// ErrNotSealed is returned for a plain bundle given where a sealed one
	// was expected (a passphrase was given to open it).
	ErrNotSealed = errors.New("the bundle is not sealed")
)

// SealedFor says how a sealed bundle that did not open was sealed, for the
// message that tells the user what to do.
type SealedFor int

const (
	SealedUnknown    SealedFor = iota
	SealedPassphrase           // with a passphrase
	SealedDevice               // to a machine's public key (another one's)
)

// SealError is the error of a sealed bundle that did not open; it wraps
// ErrSealed or ErrWrongPassphrase.
type SealError struct {
	For SealedFor
	Err error
}

func (e *SealError) Error() string {
	switch {
	case e.Err == ErrWrongPassphrase:
		return e.Err.Error()
	case e.For == SealedPassphrase:
		return "the bundle is sealed with a passphrase: give its passphrase to open it"
	case e.For == SealedDevice:
		return "the bundle is sealed for another machine: only that machine opens it"
	}
	return e.Err.Error()
}

func (e *SealError) Unwrap() error { return e.Err }

// Seal says how ExportBundle seals a bundle: with Passphrase, or to the
// machine whose public key is Recipient (an age "age1..." key), or both.
type Seal struct {
	Passphrase string
	Recipient  string
	// workFactor is scrypt's log2 work factor; 0 is age's default (18, about
	// a second). Tests and fuzz seeds set a low one.
	workFactor int
}

// IsSealed reports whether raw (the start of a file) is a sealed bundle.
func IsSealed(head []byte) bool { return bytes.HasPrefix(head, []byte(sealedMagic)) }

// DeviceKeyPath is the file that holds the age secret key of the database
// at dbPath: beside it, readable by its owner only.
func DeviceKeyPath(dbPath string) string { return dbPath + ".agekey" }

var deviceKeyMu sync.Mutex

// maxScryptWork is the highest scrypt work factor a sealed bundle may ask
// for: age's default, which this program writes (256 MiB and about a second
// to open). A file asking for more is refused rather than letting it take
// gigabytes; the fuzz target lowers it to stay fast.
var maxScryptWork = 18

// DeviceKey returns this database's age identity, making it (and its file,
// mode 0600) at the first call. Returns an error when the file exists but
// holds no key: it is never overwritten, so a key once made is not lost.
func DeviceKey(s *store.Store) (*age.X25519Identity, error) {
	deviceKeyMu.Lock()
	defer deviceKeyMu.Unlock()
	path := DeviceKeyPath(s.Path())
	raw, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		id, err := age.GenerateX25519Identity()
		if err != nil {
			return nil, fmt.Errorf("make this machine's key: %w", err)
		}
		text := "# TISC Desk: this machine's secret key for sealed bundles. Keep it here; never send it.\n" + id.String() + "\n"
		if err := store.SaveFile(path, false, func(w io.Writer) error {
			_, err := io.WriteString(w, text)
			return err
		}); err != nil {
			return nil, fmt.Errorf("save this machine's key: %w", err)
		}
		if err := os.Chmod(path, 0o600); err != nil {
			return nil, fmt.Errorf("protect this machine's key: %w", err)
		}
		return id, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read this machine's key: %w", err)
	}
	for _, l := range strings.Split(string(raw), "\n") {
		if l = strings.TrimSpace(l); strings.HasPrefix(l, "AGE-SECRET-KEY-") {
			id, err := age.ParseX25519Identity(l)
			if err != nil {
				return nil, fmt.Errorf("%s: this machine's key is damaged: %w", path, err)
			}
			return id, nil
		}
	}
	return nil, fmt.Errorf("%s holds no key for sealed bundles; move it away to make a new one", path)
}

// DevicePublicKey is this database's public key ("age1..."), which other
// machines seal bundles to.
func DevicePublicKey(s *store.Store) (string, error) {
	id, err := DeviceKey(s)
	if err != nil {
		return "", err
	}
	return id.Recipient().String(), nil
}

// sealWriter returns a writer that seals what is written to it into w; its
// Close finishes the age file (but does not close w).
func sealWriter(w io.Writer, seal Seal) (io.WriteCloser, error) {
	var rs []age.Recipient
	if seal.Passphrase != "" {
		r, err := age.NewScryptRecipient(seal.Passphrase)
		if err != nil {
			return nil, err
		}
		if seal.workFactor > 0 {
			r.SetWorkFactor(seal.workFactor)
		}
		rs = append(rs, r)
	}
	if seal.Recipient != "" {
		r, err := age.ParseX25519Recipient(seal.Recipient)
		if err != nil {
			return nil, fmt.Errorf("the machine's public key %q is not an age key: %w", seal.Recipient, err)
		}
		rs = append(rs, r)
	}
	if len(rs) == 0 {
		return nil, errors.New("seal a bundle: no passphrase and no machine to seal it for")
	}
	if len(rs) > 1 {
		// age allows a passphrase only alone (a passphrase-sealed file
		// must not also open by a key).
		return nil, errors.New("seal a bundle: a passphrase or a machine, not both")
	}
	return age.Encrypt(w, rs...)
}

// unseal returns the plain bundle inside r when r is sealed, opening it with
// this machine's key or passphrase; a plain r is returned as it is, unless
// a passphrase was given (ErrNotSealed). A sealed file that is cut short or
// damaged is ErrBundleDamaged; one that does not open is a *SealError.
func unseal(s *store.Store, r io.ReaderAt, size int64, passphrase string) (io.ReaderAt, int64, error) {
	head := make([]byte, len(sealedMagic))
	n, _ := r.ReadAt(head, 0)
	if !IsSealed(head[:n]) {
		if passphrase != "" {
			return nil, 0, ErrNotSealed
		}
		return r, size, nil
	}
	ids := []age.Identity{}
	if s != nil {
		id, err := DeviceKey(s)
		if err != nil {
			return nil, 0, err
		}
		ids = append(ids, id)
	}
	if passphrase != "" {
		p, err := age.NewScryptIdentity(passphrase)
		if err != nil {
			return nil, 0, err
		}
		p.SetMaxWorkFactor(maxScryptWork)
		ids = append(ids, p)
	}
	hdr, err := age.ExtractHeader(io.NewSectionReader(r, 0, size))
	if err != nil {
		return nil, 0, fmt.Errorf("read the sealed header: %v: %w", err, ErrBundleDamaged)
	}
	sealedFor := SealedDevice
	if bytes.Contains(hdr, []byte("\n-> scrypt ")) {
		sealedFor = SealedPassphrase
	}
	if len(ids) == 0 {
		return nil, 0, &SealError{For: sealedFor, Err: ErrSealed}
	}
	plain, plainSize, err := age.DecryptReaderAt(r, size, ids...)
	var noMatch *age.NoIdentityMatchError
	switch {
	case errors.As(err, &noMatch):
		if sealedFor == SealedPassphrase && passphrase != "" {
			return nil, 0, &SealError{For: sealedFor, Err: ErrWrongPassphrase}
		}
		return nil, 0, &SealError{For: sealedFor, Err: ErrSealed}
	case err != nil:
		return nil, 0, fmt.Errorf("open the sealed bundle: %v: %w", err, ErrBundleDamaged)
	}
	return plain, plainSize, nil
}

// OpenManifest reads and checks the manifest of the bundle at path, sealed
// or plain, without merging it; a sealed one opens with this machine's key
// or passphrase. Errors as MergeBundle's.
func OpenManifest(s *store.Store, path, passphrase string) (Manifest, error) {
	f, err := os.Open(path)
	if err != nil {
		return Manifest{}, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return Manifest{}, err
	}
	r, size, err := unseal(s, f, info.Size(), passphrase)
	if err != nil {
		return Manifest{}, fmt.Errorf("%s: %w", path, err)
	}
	b, err := openBundle(r, size)
	if err != nil {
		return Manifest{}, fmt.Errorf("%s: %w", path, err)
	}
	return b.m, nil
}
