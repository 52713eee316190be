package exchange

import (
	"context"
	"errors"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"tiscdesk/data/exchange/hub"
	"tiscdesk/ui/kit"
)

// AutoSyncEvery is how often the window syncs with the team hub by itself
// while it is connected; another machine's push (LISTEN/NOTIFY) makes it
// sync at once.
var AutoSyncEvery = 3 * time.Minute

// hubPanel is the Exchange screen's Team hub tab (DESIGN section 11):
// connect with the URL a coordinator gave, Sync now with its progress, the
// last sync, the changes waiting to be sent and the conflicts; and, while
// connected, a sync every few minutes and whenever another machine pushes.
// Every hub and store call runs off the UI goroutine; a hub that does not
// answer is a message in the panel within seconds.
type hubPanel struct {
	host     kit.Host
	synced   func() // the screen reloads its conflicts and devices
	url      string // the remembered hub URL, "" for none
	entry    *widget.Entry
	connect  *widget.Button
	syncBtn  *widget.Button
	progress *widget.ProgressBar
	where    *widget.Label // the hub, without its password
	last     *widget.Label // last sync, changes waiting, conflicts
	message  *widget.Label // what the last sync or connection did

	viewLoad    kit.Loader[hubView]
	connectLoad kit.Loader[string]
	syncLoad    kit.Loader[hub.SyncReport]
	// watching stops the automatic sync of url; nil when none runs.
	watching context.CancelFunc
	watched  string
}

// hubView is what the panel shows of this machine and its hub, read
// without reaching the hub.
type hubView struct {
	url       string
	state     hub.State
	synced    bool
	waiting   int
	conflicts int
}

func newHubPanel(host kit.Host, synced func()) *hubPanel {
	p := &hubPanel{host: host, synced: synced}
	p.entry = widget.NewPasswordEntry()
	p.entry.SetPlaceHolder(lang.L("Paste the hub URL your coordinator gave you"))
	p.entry.OnSubmitted = func(string) { p.connectTo() }
	p.connect = &widget.Button{Text: lang.L("Connect"), Icon: theme.LoginIcon(), OnTapped: p.connectTo}
	p.syncBtn = &widget.Button{Text: lang.L("Sync now"), Icon: theme.ViewRefreshIcon(), Importance: widget.HighImportance, OnTapped: func() { p.sync(false) }}
	p.syncBtn.Disable()
	p.progress = widget.NewProgressBar()
	p.progress.Hide()
	p.where = kit.Dim(lang.L("Not connected to a team hub. Bundles work as before; a hub lets the team's computers sync by themselves."))
	p.last = widget.NewLabel("")
	p.message = widget.NewLabel("")
	p.message.Wrapping = fyne.TextWrapWord
	return p
}

func (p *hubPanel) object() fyne.CanvasObject {
	connect := container.NewBorder(nil, nil, widget.NewLabel(lang.L("Hub URL")), p.connect, p.entry)
	return container.NewVScroll(container.NewVBox(p.where, connect, container.NewHBox(p.syncBtn), p.progress, p.message, p.last))
}

// refresh reads the remembered hub, the last sync, the changes waiting and
// the conflicts, then starts the automatic sync of the remembered hub.
func (p *hubPanel) refresh() {
	store := p.host.Store()
	p.viewLoad.Load(p.host.Window(), func(context.Context, func(int, int)) (hubView, error) {
		var v hubView
		url, err := hub.RememberedURL()
		if err != nil && !errors.Is(err, hub.ErrNoHub) {
			return v, err
		}
		v.url = url
		if v.state, v.synced, err = hub.LastState(store.Store); err != nil {
			return v, err
		}
		if v.waiting, err = hub.Waiting(store.Store, v.state.Hub); err != nil {
			return v, err
		}
		conflicts, err := store.Conflicts()
		v.conflicts = len(conflicts)
		return v, err
	}, p.show)
}

func (p *hubPanel) show(v hubView) {
	p.url = v.url
	if v.url == "" {
		p.syncBtn.Disable()
	} else {
		p.where.SetText(lang.L("Team hub: {{.Hub}}", map[string]any{"Hub": hub.Redact(v.url)}))
		if !p.syncLoad.Busy() {
			p.syncBtn.Enable()
		}
	}
	last := lang.L("Never synced with a hub.")
	if v.synced {
		last = lang.L("Last sync: {{.When}}.", map[string]any{"When": v.state.LastSync().Local().Format("2006-01-02 15:04")})
	}
	p.last.SetText(last + "\n" +
		lang.L("Changes waiting to be sent: {{.Count}}.", map[string]any{"Count": v.waiting}) + "\n" +
		lang.L("Conflicts to review: {{.Count}} (the Conflicts tab lists them).", map[string]any{"Count": v.conflicts}))
	p.watch()
}

// connectTo checks the URL typed in, off the UI goroutine, remembers it
// (in the configuration folder, never in the database) and syncs.
func (p *hubPanel) connectTo() {
	url := strings.TrimSpace(p.entry.Text)
	if url == "" {
		p.message.SetText(lang.L("Paste the hub URL your coordinator gave you first."))
		return
	}
	p.connect.Disable()
	p.message.SetText(lang.L("Connecting to {{.Hub}}…", map[string]any{"Hub": hub.Redact(url)}))
	p.connectLoad.LoadWithProgress(p.host.Window(), func(ctx context.Context, _ func(int, int)) (string, error) {
		h, err := hub.Open(ctx, url)
		if err != nil {
			return "", err
		}
		h.Close()
		return url, hub.RememberURL(url)
	}, nil, func(url string, err error) {
		p.connect.Enable()
		if err != nil {
			p.message.SetText(hubMessage(err))
			return
		}
		p.entry.SetText("")
		p.url = url
		p.message.SetText(lang.L("Connected to {{.Hub}}.", map[string]any{"Hub": hub.Redact(url)}))
		p.where.SetText(lang.L("Team hub: {{.Hub}}", map[string]any{"Hub": hub.Redact(url)}))
		p.sync(false)
	})
}

// sync pushes this machine's changes and pulls the others', off the UI
// goroutine, with the progress bar; auto says the automatic sync started
// it, which does nothing while a sync is under way.
func (p *hubPanel) sync(auto bool) {
	if p.url == "" || p.syncLoad.Busy() {
		return
	}
	store, url := p.host.Store(), p.url
	p.syncBtn.Disable()
	p.progress.SetValue(0)
	p.progress.Show()
	if !auto {
		p.message.SetText(lang.L("Syncing with the team hub…"))
	}
	p.syncLoad.LoadWithProgress(p.host.Window(), func(ctx context.Context, progress func(int, int)) (hub.SyncReport, error) {
		return hub.SyncWithProgress(ctx, store.Store, url, progress)
	}, p.progress, func(r hub.SyncReport, err error) {
		p.progress.Hide()
		p.syncBtn.Enable()
		if err != nil {
			p.message.SetText(hubMessage(err))
		} else {
			p.message.SetText(syncText(r))
		}
		p.refresh()
		if p.synced != nil {
			p.synced()
		}
	})
}

// watch keeps the remembered hub synced by itself: every AutoSyncEvery,
// and at once when the hub announces another machine's push. It restarts
// when the remembered hub changes.
func (p *hubPanel) watch() {
	if p.watched == p.url {
		return
	}
	if p.watching != nil {
		p.watching()
		p.watching = nil
	}
	p.watched = p.url
	if p.url == "" {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	p.watching = cancel
	url, self, every := p.url, p.host.Store().DeviceID(), AutoSyncEvery
	var l *hub.Listener
	kit.Watch(ctx, func(ctx context.Context) bool {
		if l == nil {
			l, _ = hub.Listen(ctx, url, self) // unreachable: the timer's sync says so
		}
		if l == nil {
			select {
			case <-ctx.Done():
			case <-time.After(every):
			}
		} else if _, err := l.Wait(ctx, every); err != nil {
			l.Close()
			l = nil
		}
		if ctx.Err() != nil && l != nil {
			l.Close()
		}
		return ctx.Err() == nil
	}, func() { p.sync(true) })
}

// stop ends the automatic sync (the window closes, or a test ends).
func (p *hubPanel) stop() {
	if p.watching != nil {
		p.watching()
		p.watching = nil
	}
	p.watched = ""
}

// syncText says what a sync did.
func syncText(r hub.SyncReport) string {
	t := r.Pull.Merge.Total()
	s := lang.L("Synced at {{.Time}}: sent {{.Sent}}; received {{.Added}} new, {{.Updated}} updated, {{.Deleted}} deleted.",
		map[string]any{"Time": time.Now().Format("15:04"), "Sent": kit.Counted(r.Push.Sent, "{{.Count}} change", "{{.Count}} changes"),
			"Added": kit.Number(t.Added), "Updated": kit.Number(t.Updated), "Deleted": kit.Number(t.Deleted)})
	if t.Conflicts > 0 {
		s += " " + kit.Plural(t.Conflicts, "{{.Count}} new conflict: see the Conflicts tab.", "{{.Count}} new conflicts: see the Conflicts tab.", map[string]any{"Count": t.Conflicts})
	}
	if c := r.Conflicts; c.Added > 0 || c.Dropped > 0 {
		s += " " + lang.L("The team's conflict list: {{.Added}} added here, {{.Dropped}} resolved on other computers.", map[string]any{"Added": c.Added, "Dropped": c.Dropped})
	}
	if r.Push.Photos > 0 || r.Pull.Photos > 0 {
		s += " " + lang.L("Photos: {{.Sent}} sent, {{.Received}} received.", map[string]any{"Sent": r.Push.Photos, "Received": r.Pull.Photos})
	}
	if n := r.Pull.PhotosRefused; n > 0 {
		s += " " + kit.Plural(n, "One photo on the hub is damaged and was left out.",
			"{{.Count}} photos on the hub are damaged and were left out.", map[string]any{"Count": n})
	}
	if r.Push.NotAllowed > 0 {
		s += " " + kit.Plural(r.Push.NotAllowed, "One record this computer's hub login may not send was kept here only.",
			"{{.Count}} records this computer's hub login may not send were kept here only.", map[string]any{"Count": r.Push.NotAllowed})
	}
	return s
}

// hubMessage is what the panel says when the hub cannot be used: the
// sentence every window and the command line give for that error (kit),
// and that nothing here changed, in any of these cases.
func hubMessage(err error) string {
	m, ok := kit.Known(err)
	switch {
	case errors.Is(err, context.Canceled):
		m = lang.L("The sync was stopped.")
	case !ok:
		m = lang.L("The sync with the team hub failed: {{.Error}}", map[string]any{"Error": err.Error()})
	}
	return lang.L("{{.Problem}} Nothing changed here; your work is kept and will be sent at the next sync.", map[string]any{"Problem": m})
}
