package settings

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"tiscdesk/data/store"
	"tiscdesk/ui/kit"
)

// photoSpace says how much room the visits' photos take in the database,
// read off the UI goroutine each time Settings is shown.
type photoSpace struct {
	host  kit.Host
	label *widget.Label
	load  kit.Loader[store.PhotoSpace]
}

func newPhotoSpace(host kit.Host) *photoSpace {
	return &photoSpace{host: host, label: widget.NewLabel(lang.L("Loading…"))}
}

func (p *photoSpace) refresh() {
	p.load.Load(p.host.Window(), func(context.Context, func(int, int)) (store.PhotoSpace, error) {
		return p.host.Store().PhotoSpace()
	}, func(ps store.PhotoSpace) { p.label.SetText(photoSpaceText(ps)) })
}

// photoSpaceText is "12 photos, 3.4 MB".
func photoSpaceText(ps store.PhotoSpace) string {
	if ps.Photos == 0 {
		return lang.L("No photos yet.")
	}
	return kit.Plural(ps.Photos, "{{.Photos}} photo, {{.Size}}", "{{.Photos}} photos, {{.Size}}", map[string]any{"Photos": ps.Photos, "Size": megabytes(ps.Bytes)})
}

func megabytes(n int64) string {
	if n < 1<<20 {
		return fmt.Sprintf("%d KB", (n+1023)>>10)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
}
