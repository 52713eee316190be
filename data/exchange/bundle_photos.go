package exchange

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"image/jpeg"
	"slices"
	"strings"
	"time"

	"tiscdesk/data/model"
	"tiscdesk/data/photo"
	"tiscdesk/data/store"
)

// Photos travel in a bundle beside the visits that show them (DESIGN
// section 13): each photo once, however many visits show it, as
// photos/HASH.jpg with its thumbnail photos/HASH.thumb.jpg, stored
// uncompressed (they are JPEGs). A photo's name is the hash of its bytes,
// so the receiver checks each one against its name, and skips those it
// has: a photo crosses to a machine once. A bundle exported with NoPhotos
// carries the visits without them; the receiver shows their captions and
// says the photo is not on that computer.

const (
	photoDir      = "photos/"
	thumbExt      = ".thumb.jpg"
	photoExt      = ".jpg"
	maxPhotoBytes = 16 << 20
)

// photoCollector gathers the photos of the visits a bundle carries.
type photoCollector struct {
	hashes []string
	seen   map[string]bool
}

// note reads the photos named by raw, a record of kind written to the
// bundle; nil collects nothing (a bundle without photos).
func (c *photoCollector) note(kind string, raw []byte) error {
	if c == nil || kind != store.VisitsBucket {
		return nil
	}
	hashes, err := PhotoHashes(raw)
	for _, h := range hashes {
		if !c.seen[h] {
			c.seen[h] = true
			c.hashes = append(c.hashes, h)
		}
	}
	return err
}

// newPhotoCollector is a collector, or nil when the bundle carries no photos.
func newPhotoCollector(noPhotos bool) *photoCollector {
	if noPhotos {
		return nil
	}
	return &photoCollector{seen: map[string]bool{}}
}

// write adds the collected photos that are on this computer to the bundle
// and counts them in the manifest.
func (c *photoCollector) write(tx *store.Tx, zw *zip.Writer, m *Manifest, modified time.Time) error {
	if c == nil {
		return nil
	}
	for _, h := range c.hashes {
		jpg := tx.PhotoView(h) // written before the transaction ends
		if jpg == nil {
			continue // received without it: there is nothing to pass on
		}
		for _, f := range []struct {
			name string
			raw  []byte
		}{{photoDir + h + photoExt, jpg}, {photoDir + h + thumbExt, tx.PhotoThumbView(h)}} {
			if f.raw == nil {
				continue
			}
			fw, err := zw.CreateHeader(&zip.FileHeader{Name: f.name, Method: zip.Store, Modified: modified})
			if err != nil {
				return err
			}
			if _, err := fw.Write(f.raw); err != nil {
				return err
			}
		}
		m.Photos++
	}
	return nil
}

// mergePhotos stores the photos of the bundle this database does not have,
// within the merge's transaction, and counts them in rep. A photo whose
// bytes do not match its name, or that is not a stored photo's JPEG, makes
// the bundle damaged: nothing of it is merged.
func mergePhotos(tx *store.Tx, b *bundleReader, rep *MergeReport) error {
	var names []string
	for name := range b.files {
		if strings.HasPrefix(name, photoDir) && strings.HasSuffix(name, photoExt) && !strings.HasSuffix(name, thumbExt) {
			names = append(names, name)
		}
	}
	if len(names) != b.m.Photos {
		return fmt.Errorf("the bundle holds %d photos, its manifest says %d: %w", len(names), b.m.Photos, ErrBundleDamaged)
	}
	slices.Sort(names)
	for _, name := range names {
		hash := strings.TrimSuffix(strings.TrimPrefix(name, photoDir), photoExt)
		if !model.ValidPhotoHash(hash) {
			return fmt.Errorf("a photo named %q: %w", name, ErrBundleDamaged)
		}
		if tx.HasPhoto(hash) {
			continue
		}
		jpg, err := readAllLimited(b.files[name], maxPhotoBytes)
		if err != nil {
			return fmt.Errorf("photo %s: %v: %w", hash, err, ErrBundleDamaged)
		}
		var thumb []byte
		if f := b.files[photoDir+hash+thumbExt]; f != nil {
			thumb, err = readAllLimited(f, maxPhotoBytes)
			if err != nil {
				return fmt.Errorf("the thumbnail of photo %s: %v: %w", hash, err, ErrBundleDamaged)
			}
		}
		if thumb, err = CheckPhoto(hash, jpg, thumb); err != nil {
			return fmt.Errorf("%v: %w", err, ErrBundleDamaged)
		}
		if err := tx.PutPhoto(hash, jpg, thumb); err != nil {
			return err
		}
		rep.Photos++
	}
	return nil
}

// CheckPhoto checks a photo received from another machine (a bundle, the
// hub) before it is stored: jpg must hash to hash and be a stored photo's
// JPEG. It returns the thumbnail to store: thumb when it is a JPEG of a
// thumbnail's size, else one made from jpg. The error says which photo and
// what is wrong with it.
func CheckPhoto(hash string, jpg, thumb []byte) ([]byte, error) {
	if !model.ValidPhotoHash(hash) || photo.Hash(jpg) != hash {
		return nil, fmt.Errorf("photo %.64q does not match its name", hash)
	}
	if !fits(jpg, photo.LongestSide) {
		return nil, fmt.Errorf("photo %s is not a stored photo", hash)
	}
	if fits(thumb, photo.ThumbSide) {
		return thumb, nil
	}
	thumb, err := photo.Thumbnail(jpg)
	if err != nil {
		return nil, fmt.Errorf("photo %s: %v", hash, err)
	}
	return thumb, nil
}

// PhotoHashes is the hashes of the photos a visit record (its raw JSON)
// shows, in order, each once; nil for a record without photos.
func PhotoHashes(raw []byte) ([]string, error) {
	if !bytes.Contains(raw, []byte(`"photos"`)) {
		return nil, nil
	}
	var v struct {
		Photos []struct {
			Hash string `json:"hash"`
		} `json:"photos"`
	}
	if err := json.Unmarshal(raw, &v); err != nil {
		return nil, fmt.Errorf("decode a visit's photos: %w", err)
	}
	var out []string
	for _, p := range v.Photos {
		if model.ValidPhotoHash(p.Hash) && !slices.Contains(out, p.Hash) {
			out = append(out, p.Hash)
		}
	}
	return out, nil
}

// fits reports whether jpg is a JPEG whose sides are at most side pixels
// (its header alone is read).
func fits(jpg []byte, side int) bool {
	if jpg == nil {
		return false
	}
	cfg, err := jpeg.DecodeConfig(bytes.NewReader(jpg))
	return err == nil && cfg.Width > 0 && cfg.Height > 0 && cfg.Width <= side && cfg.Height <= side
}
