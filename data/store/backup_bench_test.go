package store_test

import (
	"os"
	"testing"

	"tiscdesk/data/datatest"
	"tiscdesk/data/store"
)

// BenchmarkBackup is the backup after a change of the ten-year database:
// fingerprint, copy, sync and page check of the copy.
func BenchmarkBackup(b *testing.B) {
	s := datatest.Laptop(b)
	b.ResetTimer()
	for i := range b.N {
		if err := s.SetLanguage([]string{"en", "zh"}[i%2]); err != nil {
			b.Fatal(err)
		}
		if _, err := s.Backup("open"); err != nil {
			b.Fatal(err)
		}
	}
	info, _ := os.Stat(s.Path())
	b.ReportMetric(float64(info.Size())/1e6, "MB")
}

// BenchmarkBackupUnchanged is the backup at start when nothing changed
// since the last one: the fingerprint only.
func BenchmarkBackupUnchanged(b *testing.B) {
	s := datatest.Laptop(b)
	if _, err := s.Backup("open"); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		if _, err := s.Backup("open"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCheckFile is the start-up check of the ten-year database.
func BenchmarkCheckFile(b *testing.B) {
	s := datatest.Laptop(b)
	path := s.Path()
	s.Close()
	b.ResetTimer()
	for range b.N {
		if err := store.VerifyFile(path); err != nil {
			b.Fatal(err)
		}
	}
}
