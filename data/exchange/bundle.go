package exchange

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/flate"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"runtime"
	"slices"
	"time"
	"tiscdesk/data/model"
	"tiscdesk/data/store"
)

// A bundle (.tiscx) carries records from one TISC Desk to another (DESIGN
// section 8). It is a zip file: manifest.json says what it holds, and one
// file per kind of record, parents before their dependants, holds the
// records one JSON line each exactly as the sender stores them, tombstones
// included. Each record file's SHA-256 is in the manifest, and the
// manifest's checksum covers the list of files, so that a damaged or
// truncated bundle is refused.

// BundleExtension is the file extension of bundles.
const BundleExtension = ".tiscx"

// BundleVersion is the bundle format this program writes and the newest it
// reads.
const BundleVersion = 1

const (
	bundleFormat   = "tiscdesk-bundle"
	manifestName   = "manifest.json"
	maxManifest    = 1 << 20
	maxRecordBytes = 64 << 20
)

// Errors of reading a bundle. Each leaves the database as it was.
var (
	// ErrNotBundle is returned for a file that is not a TISC Desk bundle.
	ErrNotBundle = errors.New("not a TISC Desk bundle")
	// ErrBundleDamaged is returned for a bundle that is damaged or incomplete
	// (truncated, a checksum that does not match, a record that cannot be read).
	ErrBundleDamaged = errors.New("the bundle is damaged or incomplete")
	// ErrBundleNewer is returned for a bundle of a newer format than this
	// program reads.
	ErrBundleNewer = errors.New("the bundle was written by a newer TISC Desk")
)

// Manifest is what a bundle says about itself.
type Manifest struct {
	Format  string `json:"format"`  // "tiscdesk-bundle"
	Version int    `json:"version"` // BundleVersion when written
	Bundle  string `json:"bundle"`  // this bundle's id
	Schema  int    `json:"schema"`  // the sender's database schema
	Device  string `json:"device"`  // the sender's device id
	Label   string `json:"device_label"`
	// Key is the sender's public key (age X25519, "age1..."), which a
	// receiver seals bundles for it to; "" from versions before sealing.
	Key string `json:"key,omitempty"`
	// Field lists the provinces of a field bundle (field.go): only their
	// institutions and visits, and the catalogue; "" for a full bundle.
	Field   []string  `json:"field,omitempty"`
	Created time.Time `json:"created"`
	// For is the device the bundle was made for when it holds only the
	// changes since the last exchange with it ("" for everything), and
	// Since the knowledge that export assumed the receiver has.
	For   string    `json:"for,omitempty"`
	Since Knowledge `json:"since,omitempty"`
	// Known is what the sender had seen of every device's changes.
	Known    Knowledge    `json:"known"`
	Files    []BundleFile `json:"files"`
	Photos   int          `json:"photos,omitempty"` // the visits' photos carried (bundle_photos.go)
	Checksum string       `json:"checksum"`         // SHA-256 of the files' names and checksums
}

// BundleFile is one kind of record in a bundle.
type BundleFile struct {
	Kind    string `json:"kind"` // "institutions", "visits", ...
	Name    string `json:"name"` // "institutions.jsonl"
	Records int    `json:"records"`
	Deleted int    `json:"deleted"` // how many of the records are tombstones
	SHA256  string `json:"sha256"`
}

// Records is the number of records in the bundle, tombstones included.
func (m Manifest) Records() int {
	n := 0
	for _, f := range m.Files {
		n += f.Records
	}
	return n
}

// Deleted is the number of tombstones in the bundle.
func (m Manifest) Deleted() int {
	n := 0
	for _, f := range m.Files {
		n += f.Deleted
	}
	return n
}

// Count is the number of records of kind (tombstones included).
func (m Manifest) Count(kind string) int {
	for _, f := range m.Files {
		if f.Kind == kind {
			return f.Records
		}
	}
	return 0
}

// Partial reports whether the bundle holds only changes since an earlier
// exchange.
func (m Manifest) Partial() bool { return m.For != "" }

func (m Manifest) checksum() string {
	h := sha256.New()
	for _, f := range m.Files {
		fmt.Fprintf(h, "%s %s %d\n", f.Name, f.SHA256, f.Records)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// ExportOptions says what ExportBundle writes.
type ExportOptions struct {
	// For is a known device's id: only the changes it has not seen are
	// written. "" writes everything.
	For string
	// Progress, when set, is called now and then with the records written
	// and the records there are.
	Progress func(done, total int)
	// Seal, when set, seals the bundle (seal.go); nil writes it plain.
	Seal *Seal
	// Field, when set, makes a field bundle of these provinces (field.go):
	// no personal data. Not with For.
	Field []string
	// NoPhotos leaves the visits' photos out: a small bundle.
	NoPhotos bool
}

// ExportBundle writes a bundle of every record (tombstones included), or of
// those device opt.For has not seen, to w and returns its manifest. Call
// MarkSent once the bundle is safely stored, so that the next export for
// that device starts from there. Returns ErrNotFound when opt.For is not a
// device this database has exchanged with.
func ExportBundle(s *store.Store, w io.Writer, opt ExportOptions) (m Manifest, err error) {
	key, err := DevicePublicKey(s)
	if err != nil {
		return Manifest{}, fmt.Errorf("export bundle: %w", err)
	}
	var scope *fieldScope
	var provinces []string
	if opt.Field != nil {
		if opt.For != "" {
			return Manifest{}, errors.New("export bundle: a field bundle holds everything of its provinces, not the changes for a device")
		}
		if provinces, err = FieldProvinces(opt.Field); err != nil {
			return Manifest{}, fmt.Errorf("export field bundle: %w", err)
		}
		scope = newFieldScope(provinces)
	}
	if opt.Seal != nil {
		sw, err := sealWriter(w, *opt.Seal)
		if err != nil {
			return Manifest{}, fmt.Errorf("export bundle: %w", err)
		}
		w = sw
		defer func() {
			if cerr := sw.Close(); cerr != nil && err == nil {
				m, err = Manifest{}, fmt.Errorf("export bundle: seal: %w", cerr)
			}
		}()
	}
	// A write transaction, although nothing is written: it waits for the
	// writers before it, so "known up to now" holds every change stamped
	// before now.
	err = s.Update(func(tx *store.Tx) error {
		m = Manifest{Format: bundleFormat, Version: BundleVersion, Bundle: model.NewID().String(), Schema: store.SchemaVersion,
			Device: s.DeviceID(), Label: s.DeviceLabel(), Key: key, Field: provinces, Created: tx.Now()}
		known, err := loadKnown(tx)
		if err != nil {
			return err
		}
		known[s.DeviceID()] = tx.Now()
		m.Known = known
		var since Knowledge
		if opt.For != "" {
			p, ok, err := getPeer(tx, opt.For)
			if err != nil {
				return err
			}
			if !ok {
				return fmt.Errorf("export for device %s: %w", opt.For, model.ErrNotFound)
			}
			m.For, since = p.Device, p.seen()
			m.Since = since
		}
		return writeBundle(s, tx, w, &m, since, scope, opt.Progress, newPhotoCollector(opt.NoPhotos))
	})
	if err != nil {
		return Manifest{}, fmt.Errorf("export bundle: %w", err)
	}
	return m, nil
}

func writeBundle(s *store.Store, tx *store.Tx, w io.Writer, m *Manifest, since Knowledge, scope *fieldScope, progress func(int, int), photos *photoCollector) error {
	zw := zip.NewWriter(w)
	// Records are JSON text that deflate shrinks well even at its fastest.
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(out, flate.BestSpeed)
	})
	total, done := 0, 0
	for _, k := range exchangeKinds(s) {
		total += tx.Bucket(k.bucketName()).Len()
	}
	for _, k := range exchangeKinds(s) {
		if scope != nil && !scope.kind(k.name()) {
			continue
		}
		name := k.name() + ".jsonl"
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: m.Created})
		if err != nil {
			return err
		}
		h := sha256.New()
		bw := bufio.NewWriterSize(io.MultiWriter(fw, h), 64<<10)
		f := BundleFile{Kind: k.name(), Name: name}
		err = tx.Bucket(k.bucketName()).ForEach(func(_, raw []byte) error {
			done++
			if progress != nil && done%2000 == 0 {
				progress(done, total)
			}
			if since != nil {
				var meta model.Meta
				if err := json.Unmarshal(raw, &meta); err != nil {
					return fmt.Errorf("decode %s record: %w", k.name(), err)
				}
				if since.Knows(meta.Device, meta.UpdatedAt) {
					return nil
				}
			}
			if scope != nil {
				if keep, err := scope.keeps(k.name(), raw); err != nil || !keep {
					return err
				}
			}
			if bytes.IndexByte(raw, '\n') >= 0 { // one record, one line
				var c bytes.Buffer
				if err := json.Compact(&c, raw); err != nil {
					return fmt.Errorf("encode %s record: %w", k.name(), err)
				}
				raw = c.Bytes()
			}
			f.Records++
			if store.IsTombstone(raw) {
				f.Deleted++
			} else if err := photos.note(k.name(), raw); err != nil {
				return err
			}
			bw.Write(raw)
			return bw.WriteByte('\n')
		})
		if err != nil {
			return err
		}
		if err := bw.Flush(); err != nil {
			return err
		}
		f.SHA256 = hex.EncodeToString(h.Sum(nil))
		m.Files = append(m.Files, f)
	}
	if err := photos.write(tx, zw, m, m.Created); err != nil {
		return err
	}
	m.Checksum = m.checksum()
	fw, err := zw.CreateHeader(&zip.FileHeader{Name: manifestName, Method: zip.Deflate, Modified: m.Created})
	if err != nil {
		return err
	}
	enc := json.NewEncoder(fw)
	enc.SetIndent("", "  ")
	if err := enc.Encode(m); err != nil {
		return err
	}
	if progress != nil {
		progress(total, total)
	}
	return zw.Close()
}

// SaveBundle exports a bundle (see ExportBundle) to the file at path, which
// it never leaves half-written, and marks it sent. Returns ErrFileExists
// when path exists and overwrite is false.
func SaveBundle(s *store.Store, path string, overwrite bool, opt ExportOptions) (Manifest, error) {
	var m Manifest
	err := store.SaveFile(path, overwrite, func(w io.Writer) error {
		var err error
		m, err = ExportBundle(s, w, opt)
		return err
	})
	if err != nil {
		return Manifest{}, err
	}
	return m, MarkSent(s, m)
}

// MarkSent records that the bundle with manifest m, exported here, is on
// its way to the device it was made for, so that the next export of the
// changes since the last exchange with that device starts after it. A
// bundle of everything, made for no device in particular, marks nothing.
func MarkSent(s *store.Store, m Manifest) error {
	if m.For == "" || m.Device != s.DeviceID() || len(m.Field) > 0 {
		return nil
	}
	return s.Update(func(tx *store.Tx) error {
		p, _, err := getPeer(tx, m.For)
		if err != nil {
			return err
		}
		p.Device = m.For
		p.Sent = &Transfer{Bundle: m.Bundle, Created: m.Created, At: tx.Now(), Records: m.Records(), Known: m.Known}
		return putPeer(tx, p)
	})
}

// ReadManifest reads and checks the manifest of the plain bundle at path
// without merging it. Returns an error wrapping ErrNotBundle,
// ErrBundleDamaged or ErrBundleNewer when the file cannot be merged, and a
// *SealError for a sealed bundle (OpenManifest opens those).
func ReadManifest(path string) (Manifest, error) { return OpenManifest(nil, path, "") }

// bundleReader reads a bundle's records, checking them against the manifest.
type bundleReader struct {
	m     Manifest
	files map[string]*zip.File
}

var zipMagic = []byte("PK\x03\x04")

// openBundle reads and checks the manifest of the bundle in r.
func openBundle(r io.ReaderAt, size int64) (*bundleReader, error) {
	if size == 0 {
		return nil, fmt.Errorf("the file is empty: %w", ErrNotBundle)
	}
	head := make([]byte, len(zipMagic))
	if _, err := r.ReadAt(head, 0); err != nil || !bytes.Equal(head, zipMagic) {
		return nil, ErrNotBundle
	}
	zr, err := zip.NewReader(r, size)
	if err != nil {
		// A zip file whose end is missing: a bundle cut short.
		return nil, fmt.Errorf("%v: %w", err, ErrBundleDamaged)
	}
	b := &bundleReader{files: map[string]*zip.File{}}
	for _, f := range zr.File {
		b.files[f.Name] = f
	}
	mf := b.files[manifestName]
	if mf == nil {
		return nil, fmt.Errorf("a zip file without a manifest: %w", ErrNotBundle)
	}
	raw, err := readAllLimited(mf, maxManifest)
	if err != nil {
		return nil, fmt.Errorf("read the manifest: %v: %w", err, ErrBundleDamaged)
	}
	if err := json.Unmarshal(raw, &b.m); err != nil {
		return nil, fmt.Errorf("the manifest is not JSON: %w", ErrNotBundle)
	}
	if err := b.check(); err != nil {
		return nil, err
	}
	return b, nil
}

func readAllLimited(f *zip.File, limit int64) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	// Start with the size the zip states (up to 1 MiB, so that a small
	// hostile file cannot make it allocate much): a photo of 430 KB is read
	// into one buffer rather than grown by doubling from 512 bytes.
	hint := int(min(f.UncompressedSize64, uint64(limit), 1<<20))
	raw := make([]byte, 0, hint+1)
	lr := io.LimitReader(rc, limit+1)
	for {
		n, err := lr.Read(raw[len(raw):cap(raw)])
		raw = raw[:len(raw)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if len(raw) == cap(raw) {
			raw = append(raw, 0)[:len(raw)]
		}
	}
	if int64(len(raw)) > limit {
		return nil, errors.New("too large")
	}
	return raw, nil
}

// check refuses a manifest that is not ours, is newer, or does not agree
// with the zip's contents.
func (b *bundleReader) check() error {
	m := &b.m
	switch {
	case m.Format != bundleFormat:
		return fmt.Errorf("format %q: %w", m.Format, ErrNotBundle)
	case m.Version > BundleVersion:
		return fmt.Errorf("bundle format %d, this TISC Desk reads up to %d: %w", m.Version, BundleVersion, ErrBundleNewer)
	case m.Version < 1:
		return fmt.Errorf("bundle format %d: %w", m.Version, ErrBundleDamaged)
	case m.Device == "":
		return fmt.Errorf("the manifest names no device: %w", ErrBundleDamaged)
	case m.Checksum != m.checksum():
		return fmt.Errorf("the manifest's checksum does not match its files: %w", ErrBundleDamaged)
	}
	seen := map[string]bool{}
	for _, f := range m.Files {
		if !slices.Contains(exchangeKindNames, f.Kind) {
			if m.Schema > store.SchemaVersion {
				return fmt.Errorf("records of kind %q: %w", f.Kind, ErrBundleNewer)
			}
			return fmt.Errorf("unknown kind of record %q: %w", f.Kind, ErrBundleDamaged)
		}
		if seen[f.Kind] || b.files[f.Name] == nil || f.Records < 0 || f.Deleted < 0 || f.Deleted > f.Records {
			return fmt.Errorf("the manifest's entry for %s does not match the bundle: %w", f.Kind, ErrBundleDamaged)
		}
		seen[f.Kind] = true
	}
	return nil
}

// line is one record of a bundle, decoded ahead of the merge.
type line struct {
	raw     []byte       // the record as the bundle holds it (the line's own copy)
	v       store.Entity // decoded; nil when err is set, or when held is
	err     error        // the record cannot be decoded
	invalid error        // the live record does not validate
	// held says the database held the record byte for byte when the
	// worker looked, so it was not decoded (a bundle merged again).
	held bool
}

// lineBatch is how many lines the reader hands over at a time.
const lineBatch = 256

// batch is lines read from a bundle, decoded by a worker; done closes once
// they are.
type batch struct {
	lines []line
	done  chan struct{}
}

// each calls fn with every record of file, in order, then checks that they
// are the lines the manifest counted and hashed. Reading and checking run on
// a goroutine of their own and decoding on workers, ahead of fn: a merge
// spends longer decoding records than writing them. fn's error stops the
// reading and is returned.
func (b *bundleReader) each(f BundleFile, decode func([]line), fn func(line) error) error {
	rc, err := b.files[f.Name].Open()
	if err != nil {
		return fmt.Errorf("open %s: %v: %w", f.Name, err, ErrBundleDamaged)
	}
	defer rc.Close()
	out, work, stop := make(chan *batch, 16), make(chan *batch, 16), make(chan struct{})
	for range min(max(runtime.GOMAXPROCS(0), 1), 4) {
		go func() {
			for b := range work {
				decode(b.lines)
				close(b.done)
			}
		}()
	}
	var readErr error // written before out closes, read after
	go func() {
		defer close(out)
		defer close(work)
		readErr = readLines(rc, f, out, work, stop)
	}()
	for b := range out {
		<-b.done
		for _, l := range b.lines {
			if err := fn(l); err != nil {
				close(stop)
				for range out { // let the reader finish
				}
				return err
			}
		}
	}
	return readErr
}

// readLines reads f's lines, in batches handed both to the decoding
// workers and, in order, to the merge.
func readLines(r io.Reader, f BundleFile, out, work chan<- *batch, stop <-chan struct{}) error {
	h := sha256.New()
	sc := bufio.NewScanner(io.TeeReader(r, h))
	sc.Buffer(make([]byte, 0, 64<<10), maxRecordBytes)
	n := 0
	next := &batch{lines: make([]line, 0, lineBatch), done: make(chan struct{})}
	send := func() bool {
		for _, c := range []chan<- *batch{work, out} {
			select {
			case c <- next:
			case <-stop:
				return false
			}
		}
		next = &batch{lines: make([]line, 0, lineBatch), done: make(chan struct{})}
		return true
	}
	for sc.Scan() {
		n++
		if n > f.Records {
			break
		}
		next.lines = append(next.lines, line{raw: bytes.Clone(sc.Bytes())})
		if len(next.lines) == lineBatch && !send() {
			return nil
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read %s: %v: %w", f.Name, err, ErrBundleDamaged)
	}
	if n != f.Records || !sumIs(h, f.SHA256) {
		return fmt.Errorf("%s does not match its checksum: %w", f.Name, ErrBundleDamaged)
	}
	if len(next.lines) > 0 {
		send()
	}
	return nil
}

func sumIs(h hash.Hash, want string) bool { return hex.EncodeToString(h.Sum(nil)) == want }

// quickID reads the id of a record written by json.Marshal, which puts Meta's
// id first, without decoding the rest.
func quickID(raw []byte) (model.ID, bool) {
	const prefix = `{"id":"`
	if len(raw) < len(prefix)+37 || !bytes.HasPrefix(raw, []byte(prefix)) || raw[len(prefix)+36] != '"' {
		return model.NilID, false
	}
	id, err := model.ParseID(string(raw[len(prefix) : len(prefix)+36]))
	return id, err == nil
}
