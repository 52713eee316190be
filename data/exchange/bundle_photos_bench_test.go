package exchange

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"tiscdesk/data/datatest"
	"tiscdesk/data/model"
	"tiscdesk/data/photo"
	"tiscdesk/data/photo/phototest"
	"tiscdesk/data/store"
)

// benchPhotos is how many photos the photo bundle benchmarks carry: a
// decade of a busy office's visits with two photos each on a fifth of them.
const benchPhotos = 2000

// photoBundleStore is bigBundleStore's 200,000 records plus 1,000 visits
// with two photos each: 2,000 distinct stored photos of 1,280 × 960
// pixels, as Import stores them (variants of ten drawn scenes, told apart
// by a JPEG comment, so each has its own hash and a real photo's size).
func photoBundleStore(b *testing.B) *store.Store {
	s := bigBundleStore(b, benchRecords)
	fx := seedBase(b, s, 100)
	var base []*photo.Photo
	for i := range 10 {
		p, err := photo.Import(phototest.SceneJPEG(1280, 960, uint32(i+1), phototest.EXIF{}))
		if err != nil {
			b.Fatal(err)
		}
		base = append(base, p)
	}
	err := s.Update(func(tx *store.Tx) error {
		for i := 0; i < benchPhotos/2; i++ {
			v := &model.Visit{Institution: fx.insts[i%len(fx.insts)], Date: "2025-06-01", Kind: model.VisitAssessment}
			for k := range 2 {
				n := 2*i + k
				p := base[n%len(base)]
				com := []byte(fmt.Sprintf("photo %d", n))
				jpg := append([]byte{0xFF, 0xD8, 0xFF, 0xFE, 0, byte(len(com) + 2)}, com...)
				jpg = append(jpg, p.JPEG[2:]...)
				h := photo.Hash(jpg)
				if err := tx.PutPhoto(h, jpg, p.Thumb); err != nil {
					return err
				}
				v.Photos = append(v.Photos, model.Photo{Hash: h, Caption: "阅览室", Width: p.Width, Height: p.Height})
			}
			if err := s.Visits.PutIn(tx, v); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return s
}

// BenchmarkExportBundlePhotos writes the bundle of 200,000 records and
// 2,000 photos to a file, as `tiscdesk bundle export` does (SaveBundle:
// a temporary file, synced, then renamed).
func BenchmarkExportBundlePhotos(b *testing.B) {
	s := photoBundleStore(b)
	path := filepath.Join(b.TempDir(), "photos.tiscx")
	b.ResetTimer()
	for b.Loop() {
		m, err := SaveBundle(s, path, true, ExportOptions{})
		if err != nil || m.Photos != benchPhotos {
			b.Fatal(m.Photos, err)
		}
	}
	b.StopTimer()
	if info, err := os.Stat(path); err == nil {
		b.ReportMetric(float64(info.Size())/1e6, "MB")
	}
}

// BenchmarkMergeBundlePhotos merges that file into an empty database:
// every photo checked against its name and stored (without the backup
// that follows a large merge, as BenchmarkMergeBundle).
func BenchmarkMergeBundlePhotos(b *testing.B) {
	src := photoBundleStore(b)
	path := filepath.Join(b.TempDir(), "photos.tiscx")
	if _, err := SaveBundle(src, path, true, ExportOptions{}); err != nil {
		b.Fatal(err)
	}
	src.Close()
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	info, _ := f.Stat()
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		dst := datatest.OpenNamed(b, "dst")
		b.StartTimer()
		rep, err := mergeBundle(context.Background(), dst, f, info.Size(), MergeOptions{})
		if err != nil || rep.Photos != benchPhotos {
			b.Fatal(err)
		}
		b.StopTimer()
		dst.Close()
		b.StartTimer()
	}
}
