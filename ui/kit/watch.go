package kit

import "context"

// Watch runs wait again and again on a goroutine of its own until ctx
// ends, and each time wait returns true runs fire on the UI goroutine
// (unless ctx has ended meanwhile). It is for a view's work that waits on a
// timer or the network for as long as the window lives, such as the team
// hub's automatic sync: it is not one of the loads that kittest.Settle
// waits for, and fire should start any store work through a Loader.
func Watch(ctx context.Context, wait func(ctx context.Context) bool, fire func()) {
	go func() {
		for ctx.Err() == nil {
			if !wait(ctx) {
				continue
			}
			onUI(func() {
				if ctx.Err() == nil {
					fire()
				}
			})
		}
	}()
}
