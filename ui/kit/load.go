package kit

import (
	"context"
	"errors"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"tiscdesk/ui/kit/internal/uiturn"
)

// The one way the window reads or writes the store for a view: the work
// runs off the UI goroutine, its result comes back on the UI goroutine, a
// result older than the view's latest request is dropped, and an error is
// shown to the user.

// Loader loads the values of one view. Each load runs its work on a new
// goroutine and hands the value back with fyne.Do; a load started later
// supersedes (and cancels) an earlier one, whose result is then dropped. The
// zero value is ready; use it from the UI goroutine only.
type Loader[T any] struct {
	gen    uint64             // the latest request
	cancel context.CancelFunc // cancels the latest request's context; nil once it is back
}

// Work is a load's work: ctx is cancelled when a later load supersedes it
// or the view stops it; progress reports how far it has come.
type Work[T any] func(ctx context.Context, progress func(done, total int)) (T, error)

// Load runs work off the UI goroutine and passes its value to show on the
// UI goroutine, unless a later load has started (or stop was called) since.
// An error goes to ShowError in win instead, stale or not, except the
// cancellation of a superseded load.
func (l *Loader[T]) Load(win fyne.Window, w Work[T], show func(T)) {
	l.start(w, nil, func(v T, err error) {
		if err != nil {
			ShowError(win, err)
			return
		}
		show(v)
	}, func(err error) { ShowError(win, err) })
}

// LoadWithProgress is load for long work: bar (when not nil) follows the
// progress the work reports, and done receives the value or the error, to
// show as it sees fit. The error of a superseded load goes to ShowError in
// win.
func (l *Loader[T]) LoadWithProgress(win fyne.Window, w Work[T], bar *widget.ProgressBar, done func(T, error)) {
	l.start(w, bar, done, func(err error) { ShowError(win, err) })
}

func (l *Loader[T]) start(w Work[T], bar *widget.ProgressBar, done func(T, error), stale func(error)) {
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

// Stop cancels the latest load and drops its result.
func (l *Loader[T]) Stop() {
	if l.cancel != nil {
		l.cancel()
		l.cancel = nil
	}
	l.gen++
}

// Interrupt cancels the latest load's context. Unlike stop, its result
// still comes back (usually context.Canceled), for the view to say so.
func (l *Loader[T]) Interrupt() {
	if l.cancel != nil {
		l.cancel()
	}
}

// Busy says whether the latest load has not yet come back.
func (l *Loader[T]) Busy() bool { return l.cancel != nil }

// onUI runs f on the UI goroutine. Call it only from a goroutine the
// window started (inBackground), never from the UI goroutine itself.
func onUI(f func()) {
	fyne.Do(func() {
		uiturn.Mu.Lock()
		defer uiturn.Mu.Unlock()
		f()
	})
}

// inBackground runs f on a new goroutine, counted in uiturn.InFlight until it
// returns.
func inBackground(f func()) {
	uiturn.InFlight.Add(1)
	go func() {
		defer uiturn.InFlight.Add(-1)
		f()
	}()
}
