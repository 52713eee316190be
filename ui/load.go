package ui

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// The one way the window reads or writes the store for a view: the work
// runs off the UI goroutine, its result comes back on the UI goroutine, a
// result older than the view's latest request is dropped, and an error is
// shown to the user.

// loader loads the values of one view. Each load runs its work on a new
// goroutine and hands the value back with fyne.Do; a load started later
// supersedes (and cancels) an earlier one, whose result is then dropped. The
// zero value is ready; use it from the UI goroutine only.
type loader[T any] struct {
	gen    uint64             // the latest request
	cancel context.CancelFunc // cancels the latest request's context; nil once it is back
}

// work is a load's work: ctx is cancelled when a later load supersedes it
// or the view stops it; progress reports how far it has come.
type work[T any] func(ctx context.Context, progress func(done, total int)) (T, error)

// load runs work off the UI goroutine and passes its value to show on the
// UI goroutine, unless a later load has started (or stop was called) since.
// An error goes to showError in win instead, stale or not, except the
// cancellation of a superseded load.
func (l *loader[T]) load(win fyne.Window, w work[T], show func(T)) {
	l.start(w, nil, func(v T, err error) {
		if err != nil {
			showError(win, err)
			return
		}
		show(v)
	}, func(err error) { showError(win, err) })
}

// loadWithProgress is load for long work: bar (when not nil) follows the
// progress the work reports, and done receives the value or the error, to
// show as it sees fit. The error of a superseded load goes to showError in
// win.
func (l *loader[T]) loadWithProgress(win fyne.Window, w work[T], bar *widget.ProgressBar, done func(T, error)) {
	l.start(w, bar, done, func(err error) { showError(win, err) })
}

func (l *loader[T]) start(w work[T], bar *widget.ProgressBar, done func(T, error), stale func(error)) {
	if l.cancel != nil {
		l.cancel()
	}
	l.gen++
	gen := l.gen
	ctx, cancel := context.WithCancel(context.Background())
	l.cancel = cancel
	current := func() bool { return l.gen == gen }
	progress := func(int, int) {}
	if bar != nil {
		var last time.Time
		progress = func(done, total int) {
			// At most 20 redraws a second, and the last one.
			if now := time.Now(); now.Sub(last) >= 50*time.Millisecond || done == total {
				last = now
				onUI(func() {
					if current() {
						bar.SetValue(float64(done) / float64(max(total, 1)))
					}
				})
			}
		}
	}
	inBackground(func() {
		v, err := w(ctx, progress)
		onUI(func() {
			defer cancel()
			switch {
			case current():
				l.cancel = nil
				done(v, err)
			case err != nil && !errors.Is(err, context.Canceled):
				stale(err)
			}
		})
	})
}

// stop cancels the latest load and drops its result.
func (l *loader[T]) stop() {
	if l.cancel != nil {
		l.cancel()
		l.cancel = nil
	}
	l.gen++
}

// interrupt cancels the latest load's context. Unlike stop, its result
// still comes back (usually context.Canceled), for the view to say so.
func (l *loader[T]) interrupt() {
	if l.cancel != nil {
		l.cancel()
	}
}

// busy says whether the latest load has not yet come back.
func (l *loader[T]) busy() bool { return l.cancel != nil }

// uiTurn serialises the work handed back to the UI goroutine. With a real
// driver fyne.Do runs it on the one UI goroutine and the lock is never
// contended. Fyne's test driver runs fyne.Do at once on the calling
// goroutine, so there the lock is what keeps the loads' goroutines and the
// test's, which holds it while it drives the window, one at a time on the
// widgets (see settle in the tests).
var uiTurn sync.Mutex

// inFlight counts the goroutines of loads that have not returned yet.
var inFlight atomic.Int64

// onUI runs f on the UI goroutine. Call it only from a goroutine the
// window started (inBackground), never from the UI goroutine itself.
func onUI(f func()) {
	fyne.Do(func() {
		uiTurn.Lock()
		defer uiTurn.Unlock()
		f()
	})
}

// inBackground runs f on a new goroutine, counted in inFlight until it
// returns.
func inBackground(f func()) {
	inFlight.Add(1)
	go func() {
		defer inFlight.Add(-1)
		f()
	}()
}
