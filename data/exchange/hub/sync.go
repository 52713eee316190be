package hub

import (
	"context"
	"tiscdesk/data/store"
)

// SyncReport is what a sync did: the push, then the pull.
type SyncReport struct {
	Push PushReport
	Pull PullReport
}

// Sync pushes this machine's changes to the hub at rawURL, then pulls the
// others'. See Open for the errors of reaching the hub.
func Sync(ctx context.Context, s *store.Store, rawURL string) (SyncReport, error) {
	var rep SyncReport
	h, err := Open(ctx, rawURL)
	if err != nil {
		return rep, err
	}
	defer h.Close()
	if rep.Push, err = h.Push(ctx, s, nil); err != nil {
		return rep, err
	}
	rep.Pull, err = h.Pull(ctx, s, nil)
	return rep, err
}
