package kit_test

import (
	"context"
	"errors"
	"testing"

	"fyne.io/fyne/v2/test"

	"tiscdesk/ui/kit"
	"tiscdesk/ui/kit/kittest"
)

// A load that comes back after a later one is dropped, and its context
// was cancelled; the later one is shown.
func TestLoaderDropsAStaleResult(t *testing.T) {
	w := test.NewTempApp(t).NewWindow("")
	kittest.TakeUITurn(t)
	var l kit.Loader[int]
	var shown []int
	later := make(chan struct{})
	var firstCtxErr error
	l.Load(w, func(ctx context.Context, _ func(int, int)) (int, error) {
		<-later // comes back after the second load's work
		firstCtxErr = ctx.Err()
		return 1, nil
	}, func(v int) { shown = append(shown, v) })
	l.Load(w, func(context.Context, func(int, int)) (int, error) {
		defer close(later)
		return 2, nil
	}, func(v int) { shown = append(shown, v) })
	kittest.Settle(t)
	if len(shown) != 1 || shown[0] != 2 {
		t.Errorf("shown %v, want only the latest load's 2", shown)
	}
	if !errors.Is(firstCtxErr, context.Canceled) {
		t.Errorf("the superseded load's context: %v, want cancelled", firstCtxErr)
	}
	if l.Busy() {
		t.Error("the loader is busy after its loads came back")
	}
	if top := w.Canvas().Overlays().Top(); top != nil {
		t.Errorf("a superseded load's cancellation was shown as an error: %q", kittest.Texts(t, top))
	}
}

// The error of a load is shown to the user, even when a later load
// superseded it.
func TestLoaderShowsErrors(t *testing.T) {
	for _, stale := range []bool{false, true} {
		w := test.NewTempApp(t).NewWindow("")
		kittest.TakeUITurn(t)
		var l kit.Loader[int]
		later := make(chan struct{})
		l.Load(w, func(context.Context, func(int, int)) (int, error) {
			if stale {
				<-later
			}
			return 0, errors.New("the disk is on fire")
		}, func(int) { t.Error("a failed load was shown as a value") })
		if stale {
			l.Load(w, func(context.Context, func(int, int)) (int, error) { close(later); return 2, nil }, func(int) {})
		}
		kittest.Settle(t)
		top := w.Canvas().Overlays().Top()
		if top == nil || !kittest.HasText(t, top, kit.UserMessage(errors.New("the disk is on fire"))) {
			t.Errorf("stale %v: the error was not shown", stale)
		}
	}
}

// stop drops the result of the load under way.
func TestLoaderStopDropsTheResult(t *testing.T) {
	w := test.NewTempApp(t).NewWindow("")
	kittest.TakeUITurn(t)
	var l kit.Loader[int]
	release := make(chan struct{})
	l.Load(w, func(ctx context.Context, _ func(int, int)) (int, error) {
		<-release
		return 1, nil
	}, func(int) { t.Error("a stopped load was shown") })
	l.Stop()
	close(release)
	kittest.Settle(t)
}
