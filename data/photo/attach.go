package photo

import (
	"fmt"

	"tiscdesk/data/model"
	"tiscdesk/data/store"
)

// Attach reads a photo file (Import) and stores it in s, returning what a
// visit carries of it. The same photo attached again is stored once. Errors
// are Import's, or the store's.
func Attach(s *store.Store, raw []byte) (model.Photo, error) {
	p, err := Import(raw)
	if err != nil {
		return model.Photo{}, err
	}
	if err := s.Update(func(tx *store.Tx) error { return tx.PutPhoto(p.Hash, p.JPEG, p.Thumb) }); err != nil {
		return model.Photo{}, fmt.Errorf("store the photo: %w", err)
	}
	return p.Model(), nil
}

// Model is what a visit carries of p.
func (p *Photo) Model() model.Photo {
	m := model.Photo{Hash: p.Hash, Position: p.Position, Width: p.Width, Height: p.Height}
	if !p.TakenAt.IsZero() {
		t := p.TakenAt
		m.TakenAt = &t
	}
	return m
}
