package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"tiscdesk/data/model"
)

// bbolt's on-disk meta page, as far as checkHeader needs it. Both meta pages
// sit at the start of the file (page 0 and page 1); each begins with a 16-byte
// page header. Fields are in the machine's byte order (little-endian on every
// platform TISC Desk ships for).
const (
	boltMagic     = 0xED0CDAED
	boltVersion   = 2
	metaOffset    = 16 // after the page header
	metaChecksum  = metaOffset + 56
	minPageSize   = 512
	maxPageSize   = 64 << 10
	headerReadLen = 2 * maxPageSize
)

// checkHeader reads the file's two meta pages without opening it as a
// database, so that a file which is not a bbolt database, or is truncated,
// is refused before bbolt maps it: bbolt trusts the meta page and would
// fault reading past the end of a truncated file.
func checkHeader(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return fmt.Errorf("stat %s: %w", path, err)
	}
	size := info.Size()
	if size == 0 {
		return fmt.Errorf("%s is empty: %w", path, model.ErrNotDatabase)
	}
	buf := make([]byte, headerReadLen)
	n, err := io.ReadFull(f, buf)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("read %s: %w", path, err)
	}
	buf = buf[:n]

	first, ok := readMeta(buf, 0)
	var second boltMeta
	var ok2 bool
	if ok {
		second, ok2 = readMeta(buf, int(first.pageSize))
	} else {
		// Page 0 may be torn; bbolt then looks for page 1 at every page
		// size from 1 KiB, and so does this.
		for at := 1024; at <= maxPageSize && !ok2; at *= 2 {
			second, ok2 = readMeta(buf, at)
		}
	}
	if !ok && !ok2 {
		return fmt.Errorf("%s has no valid database header: %w", path, model.ErrNotDatabase)
	}
	m := first
	if !ok || (ok2 && second.txid > first.txid) {
		m = second
	}
	if need := int64(m.pgid) * int64(m.pageSize); size < need {
		return fmt.Errorf("%s is truncated (%d of %d bytes): %w", path, size, need, model.ErrNotDatabase)
	}
	return nil
}

type boltMeta struct {
	pageSize uint32
	pgid     uint64 // high-water mark: pages in use
	txid     uint64
}

// readMeta decodes and verifies the meta page at off.
func readMeta(buf []byte, off int) (boltMeta, bool) {
	if off < 0 || off+metaChecksum+8 > len(buf) {
		return boltMeta{}, false
	}
	p := buf[off:]
	le := binary.LittleEndian
	if le.Uint32(p[metaOffset:]) != boltMagic || le.Uint32(p[metaOffset+4:]) != boltVersion {
		return boltMeta{}, false
	}
	h := fnv.New64a()
	h.Write(p[metaOffset:metaChecksum])
	if h.Sum64() != le.Uint64(p[metaChecksum:]) {
		return boltMeta{}, false
	}
	m := boltMeta{
		pageSize: le.Uint32(p[metaOffset+8:]),
		pgid:     le.Uint64(p[metaOffset+40:]),
		txid:     le.Uint64(p[metaOffset+48:]),
	}
	if m.pageSize < minPageSize || m.pageSize > maxPageSize || m.pageSize&(m.pageSize-1) != 0 {
		return boltMeta{}, false
	}
	return m, true
}
