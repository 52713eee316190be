package ui

import (
	"os"
	"testing"
	"time"
)

// TestExitAfterGrace: after the signal to end, a window that has not ended
// is made to, once the grace period is over, and not before.
func TestExitAfterGrace(t *testing.T) {
	sig := make(chan os.Signal, 1)
	exited := make(chan time.Time, 1)
	go exitAfterGrace(sig, 50*time.Millisecond, func() { exited <- time.Now() })

	select {
	case <-exited:
		t.Fatal("exited before any signal")
	case <-time.After(100 * time.Millisecond):
	}
	sent := time.Now()
	sig <- os.Interrupt
	select {
	case at := <-exited:
		if d := at.Sub(sent); d < 50*time.Millisecond {
			t.Fatalf("exited %s after the signal, before the grace of 50ms", d)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("did not exit after the grace period")
	}
}
