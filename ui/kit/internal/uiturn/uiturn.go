// Package uiturn is the turn on the window's widgets that the loads of
// kit.Loader take to hand back their results, and the count of loads under
// way. It is apart from kit so that kittest, which takes the turn while a
// test drives a window, reaches it without kit exporting it.
package uiturn

import (
	"sync"
	"sync/atomic"
)

// Mu serialises the work handed back to the UI goroutine. With a real
// driver fyne.Do runs it on the one UI goroutine and the lock is never
// contended. Fyne's test driver runs fyne.Do at once on the calling
// goroutine, so there the lock is what keeps the loads' goroutines and the
// test's, which holds it while it drives the window, one at a time on the
// widgets (see kittest.Settle).
var Mu sync.Mutex

// InFlight counts the goroutines of loads that have not returned yet.
var InFlight atomic.Int64
