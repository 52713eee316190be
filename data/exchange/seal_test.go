package exchange

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"tiscdesk/data/datatest"
	"tiscdesk/data/store"
)

// lowWork is the scrypt work factor of passphrases in tests: age's default
// (18) costs about a second per seal and per open.
const lowWork = 4

func sealBundle(t testing.TB, s *store.Store, seal Seal) (string, Manifest) {
	t.Helper()
	if seal.Passphrase != "" && seal.workFactor == 0 {
		seal.workFactor = lowWork
	}
	path := filepath.Join(t.TempDir(), "sealed.tiscx")
	m, err := SaveBundle(s, path, false, ExportOptions{Seal: &seal})
	if err != nil {
		t.Fatal(err)
	}
	return path, m
}

// liveSnapshot is every live record of s (the built-in courses of the
// receiver become tombstones when the sender's, older, meet them).
func liveSnapshot(t testing.TB, s *store.Store) map[string]string {
	out := map[string]string{}
	for k, v := range recordSnapshot(t, s) {
		if !store.IsTombstone([]byte(v)) {
			out[k] = v
		}
	}
	return out
}

func TestASealedBundleIsOneAgeFileWithNothingReadableOutside(t *testing.T) {
	a := datatest.OpenNamed(t, "a")
	seedBase(t, a, 3)
	path, m := sealBundle(t, a, Seal{Passphrase: "correct horse"})
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !IsSealed(raw) {
		t.Fatalf("a sealed bundle starts %q, not age's header", raw[:min(len(raw), 30)])
	}
	for _, plain := range []string{"测试大学", "manifest.json", "institutions", "PK\x03\x04", m.Bundle} {
		if bytes.Contains(raw, []byte(plain)) {
			t.Errorf("the sealed file shows %q", plain)
		}
	}
	if _, err := ReadManifest(path); !errors.Is(err, ErrSealed) {
		t.Errorf("ReadManifest of a sealed bundle without its key: %v, want ErrSealed", err)
	}
}

func TestASealedBundleRoundTripsByPassphrase(t *testing.T) {
	a, b := datatest.OpenNamed(t, "a"), datatest.OpenNamed(t, "b")
	seedBase(t, a, 3)
	path, m := sealBundle(t, a, Seal{Passphrase: "correct horse 马"})
	rep, err := MergeBundleFile(context.Background(), b, path, MergeOptions{Passphrase: "correct horse 马"})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Total().Added == 0 || m.Records() == 0 {
		t.Fatalf("added %d of the bundle's %d records", rep.Total().Added, m.Records())
	}
	datatest.SameSnapshots(t, "after merging a's sealed bundle", liveSnapshot(t, a), liveSnapshot(t, b))
	got, err := OpenManifest(b, path, "correct horse 马")
	if err != nil || got.Bundle != m.Bundle {
		t.Fatalf("OpenManifest: %v %v", got.Bundle, err)
	}
}

func TestTheManifestCarriesTheDevicesPublicKey(t *testing.T) {
	a, b := datatest.OpenNamed(t, "a"), datatest.OpenNamed(t, "b")
	seedBase(t, a, 1)
	key, err := DevicePublicKey(a)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(key, "age1") {
		t.Fatalf("public key %q", key)
	}
	path, m := exportBundle(t, a, "")
	if m.Key != key {
		t.Fatalf("manifest key %q, want %q", m.Key, key)
	}
	if got, err := ReadManifest(path); err != nil || got.Key != key {
		t.Fatalf("the manifest read back holds key %q (%v)", got.Key, err)
	}
	mergeFile(t, b, path)
	p, err := FindPeer(b, a.DeviceID())
	if err != nil || p.Key != key {
		t.Fatalf("b knows a's key as %q (%v)", p.Key, err)
	}
	// The key is the same at the next start, and lives beside the
	// database, not in it: a backup does not carry the secret.
	again, _ := DevicePublicKey(a)
	if again != key {
		t.Fatal("the machine's key changed between uses")
	}
	info, err := os.Stat(DeviceKeyPath(a.Path()))
	// Windows keeps only the read-only attribute: there the key is guarded
	// by the profile folder it sits in beside the database (README).
	if err != nil || (runtime.GOOS != "windows" && info.Mode().Perm() != 0o600) {
		t.Fatalf("key file: %v, mode %v", err, info.Mode().Perm())
	}
	secret, _ := os.ReadFile(DeviceKeyPath(a.Path()))
	backup := filepath.Join(t.TempDir(), "backup.db")
	if err := a.BackupTo(backup); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{backup, path, a.Path()} {
		raw, _ := os.ReadFile(f)
		if bytes.Contains(raw, bytes.TrimSpace(secret[bytes.Index(secret, []byte("AGE-SECRET-KEY-")):])) {
			t.Errorf("%s holds the machine's secret key", filepath.Base(f))
		}
	}
}

func TestABundleSealedToADeviceOpensThereWithoutAPassphrase(t *testing.T) {
	a, b, c := datatest.OpenNamed(t, "a"), datatest.OpenNamed(t, "b"), datatest.OpenNamed(t, "c")
	seedBase(t, a, 2)
	bKey, err := DevicePublicKey(b)
	if err != nil {
		t.Fatal(err)
	}
	path, m := sealBundle(t, a, Seal{Recipient: bKey})
	// c is another machine: refused, and c is as it was.
	before := datatest.Snapshot(t, c)
	_, err = MergeBundleFile(context.Background(), c, path, MergeOptions{})
	var se *SealError
	if !errors.As(err, &se) || se.For != SealedDevice || !errors.Is(err, ErrSealed) {
		t.Fatalf("another machine opening it: %v", err)
	}
	if !strings.Contains(err.Error(), "sealed for another machine") {
		t.Errorf("message %q", err)
	}
	datatest.SameSnapshots(t, "c after refusing", before, datatest.Snapshot(t, c))
	rep, err := MergeBundleFile(context.Background(), b, path, MergeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Total().Added == 0 || rep.Bundle.Bundle != m.Bundle {
		t.Fatalf("added %d of %d", rep.Total().Added, m.Records())
	}
	datatest.SameSnapshots(t, "b after merging", liveSnapshot(t, a), liveSnapshot(t, b))
}

func TestSealedBundlesThatCannotBeOpenedAreRefusedAndChangeNothing(t *testing.T) {
	a, b := datatest.OpenNamed(t, "a"), datatest.OpenNamed(t, "b")
	seedBase(t, a, 3)
	seedBase(t, b, 1)
	sealed, _ := sealBundle(t, a, Seal{Passphrase: "right"})
	plain, _ := exportBundle(t, a, "")
	raw, _ := os.ReadFile(sealed)
	cut := writeTempBundle(t, "cut.tiscx", raw[:len(raw)-40])
	headOnly := writeTempBundle(t, "head.tiscx", raw[:len(sealedMagic)+10])
	flipped := bytes.Clone(raw)
	flipped[len(flipped)-100] ^= 0x20
	flip := writeTempBundle(t, "flip.tiscx", flipped)
	cases := []struct {
		name, path, pass string
		want             error
		says             string
	}{
		{"wrong passphrase", sealed, "wrong", ErrWrongPassphrase, "passphrase does not open"},
		{"no passphrase", sealed, "", ErrSealed, "give its passphrase"},
		{"truncated", cut, "right", ErrBundleDamaged, "damaged"},
		{"header only", headOnly, "right", ErrBundleDamaged, "damaged"},
		{"a byte changed", flip, "right", ErrBundleDamaged, "damaged"},
		{"plain where sealed expected", plain, "right", ErrNotSealed, "not sealed"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := datatest.Snapshot(t, b)
			_, err := MergeBundleFile(context.Background(), b, c.path, MergeOptions{Passphrase: c.pass})
			if !errors.Is(err, c.want) {
				t.Fatalf("got %v, want %v", err, c.want)
			}
			if !strings.Contains(err.Error(), c.says) {
				t.Errorf("message %q does not say %q", err, c.says)
			}
			datatest.SameSnapshots(t, "after refusing", before, datatest.Snapshot(t, b))
		})
	}
}

func TestSealNeedsOnePassphraseOrOneMachine(t *testing.T) {
	a := datatest.OpenNamed(t, "a")
	key, _ := DevicePublicKey(a)
	for _, seal := range []Seal{{}, {Passphrase: "x", Recipient: key}, {Recipient: "age1notakey"}} {
		path := filepath.Join(t.TempDir(), "x.tiscx")
		if _, err := SaveBundle(a, path, false, ExportOptions{Seal: &seal}); err == nil {
			t.Errorf("%+v sealed", seal)
		}
		if _, err := os.Stat(path); err == nil {
			t.Errorf("%+v left a file", seal)
		}
	}
}
