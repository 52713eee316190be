package hub

import (
	"context"
	"tiscdesk/data/store"
)

// SyncReport is what a sync did: the push, then the pull.
type SyncReport struct {
	Push      PushReport
	Pull      PullReport
	Conflicts ConflictReport // the shared conflict list
	Devices   int            // the team's devices whose public key is new here
	Forget    ForgetReport   // the older versions of forgotten people erased
}

// Sync pushes this machine's changes to the hub at rawURL, then pulls the
// others'. See Open for the errors of reaching the hub.
func Sync(ctx context.Context, s *store.Store, rawURL string) (SyncReport, error) {
	return SyncWithProgress(ctx, s, rawURL, nil)
}

// SyncWithProgress is Sync reporting how far it has come (when progress is
// not nil): the push as the first half of total, the pull as the second.
func SyncWithProgress(ctx context.Context, s *store.Store, rawURL string, progress func(done, total int)) (SyncReport, error) {
	var rep SyncReport
	h, err := Open(ctx, rawURL)
	if err != nil {
		return rep, err
	}
	defer h.Close()
	half := func(second bool) func(int, int) {
		if progress == nil {
			return nil
		}
		return func(done, total int) {
			const n = 1000
			d := done * n / max(total, 1)
			if second {
				d += n
			}
			progress(d, 2*n)
		}
	}
	if rep.Push, err = h.Push(ctx, s, half(false)); err != nil {
		return rep, err
	}
	if rep.Pull, err = h.Pull(ctx, s, half(true)); err != nil {
		return rep, err
	}
	// Before the conflict list, so that no version of a forgotten record
	// is shared again.
	if err := h.ShareForgotten(ctx, s, &rep.Forget); err != nil {
		return rep, err
	}
	// The conflict list after the pull, so that the conflicts its merge
	// found go to the others at once.
	if err := h.ShareConflicts(ctx, s, &rep.Conflicts); err != nil {
		return rep, err
	}
	if rep.Devices, err = h.noteDevices(ctx, s); err != nil {
		return rep, err
	}
	// Merging can change records here (a duplicate unified with the one
	// pulled is retired, the records of a deleted parent go with it): those
	// changes go back at once rather than wait for the next sync.
	if t := rep.Pull.Merge.Total(); t.Duplicates > 0 || t.Deleted > 0 {
		again, err := h.Push(ctx, s, nil)
		rep.Push.Sent += again.Sent
		rep.Push.Batches += again.Batches
		rep.Push.NotAllowed = max(rep.Push.NotAllowed, again.NotAllowed)
		if err != nil {
			return rep, err
		}
	}
	return rep, nil
}
