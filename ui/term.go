package ui

import (
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"
)

// termGrace is how long the window may take to end after SIGTERM or
// SIGINT before it is made to.
const termGrace = 10 * time.Second

// endOnTerm makes sure the window ends after SIGTERM or SIGINT. Fyne's
// driver catches the first such signal and quits its loop, and run then
// closes the database. Fyne acts on the first signal only, so if the
// shutdown stalls after it, the window ignores every later SIGTERM and only
// SIGKILL ends it: .bench/window-memory.sh hung so once (2026-12-06; not
// seen again in 20 runs). One way it can stall: a background load that holds
// a read transaction, which the database's Close waits for, while it waits
// for the UI goroutine, and Fyne's shutdown drops what is still queued for
// that goroutine without running it. Exiting then loses nothing: every
// committed transaction is on disk, and one under way is rolled back as
// after a crash (the SIGKILL test, data/transfer/crash_test.go).
func endOnTerm() {
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGTERM, os.Interrupt)
	go exitAfterGrace(sig, termGrace, func() {
		fmt.Fprintf(os.Stderr, "the window had not ended %s after the signal to end: exiting\n", termGrace)
		os.Exit(1)
	})
}

// exitAfterGrace calls exit grace after the first signal on sig, unless the
// process has ended by then.
func exitAfterGrace(sig <-chan os.Signal, grace time.Duration, exit func()) {
	<-sig
	time.AfterFunc(grace, exit)
}
