package photo_test

import (
	"testing"

	"tiscdesk/data/datatest"
)

// TestMain bounds the fuzzer's minimization of each new input (a photo
// is hundreds of bytes at least): see datatest.MinimizeLimit. It sits in
// the external test package because datatest's sample imports photo.
func TestMain(m *testing.M) { datatest.Main(m) }
