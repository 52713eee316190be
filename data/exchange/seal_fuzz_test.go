package exchange

import (
	"bytes"
	"os"
	"testing"

	"tiscdesk/data/datatest"
	"tiscdesk/data/store"
)

// FuzzSealedBundle feeds arbitrary bytes to the sealed-bundle reader (and,
// when they open, the merger), with a passphrase as on the command line.
// Whatever the input, it never panics; a refused input leaves the
// database byte for byte as it was; an accepted one leaves it passing its
// check. Seeds are sealed with a low scrypt work factor, and the reader
// accepts no higher one here, so that every input costs microseconds, not
// a second of scrypt.
func FuzzSealedBundle(f *testing.F) {
	const pass = "fuzz 密码"
	old := maxScryptWork
	maxScryptWork = lowWork + 2
	f.Cleanup(func() { maxScryptWork = old })

	donor := datatest.OpenNamed(f, "donor")
	seedBase(f, donor, 3)
	path, _ := sealBundle(f, donor, Seal{Passphrase: pass})
	good, err := os.ReadFile(path)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Add(good[:len(sealedMagic)+40])
	flipped := bytes.Clone(good)
	flipped[len(flipped)/2] ^= 0x5a
	f.Add(flipped)
	plain, _ := exportBundle(f, donor, "")
	if raw, err := os.ReadFile(plain); err == nil {
		f.Add(raw)
	}
	f.Add([]byte(sealedMagic + "-> X25519 abc\n--- 123\n"))
	f.Add([]byte(sealedMagic))
	f.Add([]byte{})

	tmpl := datatest.NewTemplate(f, func(s *store.Store) error {
		seedBase(f, s, 1)
		return nil
	})
	fuzzMerge(f, tmpl, MergeOptions{Passphrase: pass})
}
