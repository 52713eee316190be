package datatest

import (
	"flag"
	"os"
	"testing"
)

// MinimizeLimit is how many runs the fuzzer may spend minimizing each new
// input of a database-backed fuzz target, or of one whose inputs are large
// (workbooks, bundles), unless -fuzzminimizetime says otherwise. Go's default is a minute per input, and its minimizer tries
// every contiguous cut of an input (quadratic in its length): for a
// 600-byte roster at a few thousand runs a second, a minute per new input,
// so that from a cold fuzz cache, where nearly every input is new, the
// target ran 32 inputs in 30 s (BENCHMARKS.md). Minimizing only makes an
// input shorter for a person to read; a bounded minimization still
// shortens it, and the fuzzer fuzzes.
const MinimizeLimit = "2000x"

// BoundMinimizing sets -test.fuzzminimizetime to MinimizeLimit unless the
// command line set it. Call it from TestMain after flag.Parse.
func BoundMinimizing() {
	given := false
	flag.Visit(func(f *flag.Flag) {
		if f.Name == "test.fuzzminimizetime" {
			given = true
		}
	})
	if !given {
		if err := flag.Set("test.fuzzminimizetime", MinimizeLimit); err != nil {
			panic(err)
		}
	}
}

// Main is the TestMain of a package with such fuzz targets: it
// bounds their minimization (BoundMinimizing) and runs the tests.
func Main(m *testing.M) {
	flag.Parse()
	BoundMinimizing()
	os.Exit(m.Run())
}
