package data

// Sealed bundles and the machine's key live in data/exchange (seal.go).

import "tiscdesk/data/exchange"

type (
	Seal      = exchange.Seal
	SealError = exchange.SealError
	SealedFor = exchange.SealedFor
)

const (
	SealedPassphrase = exchange.SealedPassphrase
	SealedDevice     = exchange.SealedDevice
)

var (
	ErrSealed          = exchange.ErrSealed
	ErrWrongPassphrase = exchange.ErrWrongPassphrase
	ErrNotSealed       = exchange.ErrNotSealed
	IsSealed           = exchange.IsSealed
	DeviceKeyPath      = exchange.DeviceKeyPath
)

// DevicePublicKey is exchange.DevicePublicKey: this machine's public key
// ("age1..."), made at the first call.
func (s *Store) DevicePublicKey() (string, error) { return exchange.DevicePublicKey(s.Store) }

// OpenManifest is exchange.OpenManifest.
func (s *Store) OpenManifest(path, passphrase string) (Manifest, error) {
	return exchange.OpenManifest(s.Store, path, passphrase)
}
