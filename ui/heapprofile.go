//go:build !windows

package ui

import (
	"fmt"
	"os"
	"os/signal"
	"runtime"
	"runtime/pprof"
	"syscall"
)

// watchHeap serves .bench/window-memory.sh: with TISCDESK_HEAP_PROFILE=FILE
// in the environment, each SIGUSR1 collects garbage, writes a heap profile of
// what is alive to FILE and prints the Go heap's figures to stderr. Without
// the variable it does nothing.
func watchHeap() {
	path := os.Getenv("TISCDESK_HEAP_PROFILE")
	if path == "" {
		return
	}
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGUSR1)
	go func() {
		for range sig {
			runtime.GC()
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			mib := func(n uint64) float64 { return float64(n) / (1 << 20) }
			fmt.Fprintf(os.Stderr, "heap: %.1f MiB alive in %d objects; %.1f MiB in use by the heap, %.1f idle, of which %.1f returned to the system; %.1f MiB from the system less what was returned\n",
				mib(m.HeapAlloc), m.HeapObjects, mib(m.HeapInuse), mib(m.HeapIdle), mib(m.HeapReleased), mib(m.Sys-m.HeapReleased))
			f, err := os.Create(path)
			if err != nil {
				fmt.Fprintln(os.Stderr, "heap profile:", err)
				continue
			}
			if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
				fmt.Fprintln(os.Stderr, "heap profile:", err)
			}
			f.Close()
		}
	}()
}
