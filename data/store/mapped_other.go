//go:build !linux

package store

import bolt "go.etcd.io/bbolt"

// ReleaseMapped is a no-op where the kernel call it uses is not available.
func (s *Store) ReleaseMapped() {}

func releaseMapped(*bolt.DB, *bolt.Tx) {}

func releasing(*bolt.DB, *bolt.Tx) (stop func()) { return func() {} }

const releaseStride = 1 << 12
