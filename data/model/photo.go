package model

import (
	"time"
	"unicode/utf8"
)

// Photo is a photo attached to a visit: the key of its bytes in the store's
// photos bucket (the hex SHA-256 of the stored JPEG), its caption, and what
// its EXIF said of when and where it was taken. The visit carries these, so
// a caption edited or a photo removed travels as any change of the visit;
// the bytes travel once, by their hash.
type Photo struct {
	Hash     string     `json:"hash"`
	Caption  string     `json:"caption,omitempty"`
	TakenAt  *time.Time `json:"taken_at,omitempty"`
	Position *GeoPoint  `json:"position,omitempty"`
	Width    int        `json:"width,omitempty"`
	Height   int        `json:"height,omitempty"`
}

// MaxCaption is the longest caption, in characters.
const MaxCaption = 500

// ValidPhotoHash reports whether h is a hex SHA-256, as photos are keyed.
func ValidPhotoHash(h string) bool {
	if len(h) != 64 {
		return false
	}
	for i := 0; i < len(h); i++ {
		if c := h[i]; !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// checkPhotos adds the problems of a visit's photos.
func (p *problems) checkPhotos(photos []Photo) {
	seen := map[string]bool{}
	for i, ph := range photos {
		switch {
		case !ValidPhotoHash(ph.Hash):
			p.add(indexed("photos", i, ""), "is not a stored photo")
		case seen[ph.Hash]:
			p.add(indexed("photos", i, ""), "is attached twice")
		}
		seen[ph.Hash] = true
		if utf8.RuneCountInString(ph.Caption) > MaxCaption {
			p.add(indexed("photos", i, "caption"), "is longer than 500 characters")
		}
		if ph.Position != nil && !ph.Position.OnEarth() {
			p.add(indexed("photos", i, "position"), "is not a position on Earth")
		}
	}
}
