package store

import (
	"bytes"
	"fmt"
)

// The visits' photos (DESIGN section 13) live in their own bucket, keyed by
// the hex SHA-256 of their bytes (photo.Hash): the same photo attached
// twice, or received in two bundles, is stored once. Each photo's
// thumbnail sits under the same key with thumbSuffix. A photo never
// changes, so it keeps no history and a write of a key already there is
// skipped.

const thumbSuffix = "/thumb"

// PutPhoto stores a photo and its thumbnail under hash, unless a photo is
// already stored under it. The caller has checked that hash is the hash of
// jpg (photo.Import made them, or the merge checked them). The store keeps
// jpg and thumb, not copies, until the transaction ends, so the caller must
// not change them before then: a merge of 2,000 photos spares 870 MB of
// copies (BENCHMARKS.md, "Photos in bundles").
func (tx *Tx) PutPhoto(hash string, jpg, thumb []byte) error {
	b := tx.tx.Bucket(bucketPhotos)
	if b.Get([]byte(hash)) != nil {
		return nil
	}
	if err := b.Put([]byte(hash), jpg); err != nil {
		return fmt.Errorf("store photo %s: %w", hash, err)
	}
	if err := b.Put([]byte(hash+thumbSuffix), thumb); err != nil {
		return fmt.Errorf("store photo %s: %w", hash, err)
	}
	return nil
}

// Photo returns a copy of the photo stored under hash, nil when there is
// none here (a visit received from a bundle made without its photos).
func (tx *Tx) Photo(hash string) []byte {
	return bytes.Clone(tx.tx.Bucket(bucketPhotos).Get([]byte(hash)))
}

// PhotoView returns the bytes of the photo stored under hash without a
// copy, nil when there is none here. They are valid only until the
// transaction ends and must not be changed: for a bundle's writer, which
// passes 2,000 photos on without copying 870 MB.
func (tx *Tx) PhotoView(hash string) []byte {
	return tx.tx.Bucket(bucketPhotos).Get([]byte(hash))
}

// PhotoThumbView is PhotoView for the photo's thumbnail.
func (tx *Tx) PhotoThumbView(hash string) []byte {
	return tx.tx.Bucket(bucketPhotos).Get([]byte(hash + thumbSuffix))
}

// PhotoThumb returns a copy of the thumbnail of the photo under hash, nil
// when there is none here.
func (tx *Tx) PhotoThumb(hash string) []byte {
	return bytes.Clone(tx.tx.Bucket(bucketPhotos).Get([]byte(hash + thumbSuffix)))
}

// HasPhoto reports whether the photo under hash is stored here.
func (tx *Tx) HasPhoto(hash string) bool {
	return tx.tx.Bucket(bucketPhotos).Get([]byte(hash)) != nil
}

// PhotoSpace is what the photos take: how many there are and their bytes,
// thumbnails included (what Settings shows).
type PhotoSpace struct {
	Photos int   `json:"photos"`
	Bytes  int64 `json:"bytes"`
}

// PhotoSpace counts the stored photos and their bytes.
func (s *Store) PhotoSpace() (PhotoSpace, error) {
	var ps PhotoSpace
	err := s.View(func(tx *Tx) error {
		return tx.Bucket(PhotosBucket).ForEach(func(k, v []byte) error {
			if !bytes.HasSuffix(k, []byte(thumbSuffix)) {
				ps.Photos++
			}
			ps.Bytes += int64(len(k) + len(v))
			return nil
		})
	})
	return ps, err
}
