// Package exchange is the Exchange section (DESIGN section 8): bundles
// exported for another machine, bundles received and merged, what a merge
// did, and the conflicts the user reviews.
package exchange

import (
	"context"
	"errors"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"tiscdesk/data"
	"tiscdesk/ui/kit"
)

// Screen moves records between machines (DESIGN section 8): it
// exports a bundle of everything, or of the changes another device has not
// seen; merges a bundle received and shows what the merge did; and keeps
// the conflict list, whose versions the user reviews, then restores or
// dismisses. The work runs off the UI goroutine.
type Screen struct {
	widget.BaseWidget
	host kit.Host

	scope      *kit.Radio[exportScope]
	device     *kit.Choice[string]
	provinces  *widget.Entry // of a field bundle (field_export.go)
	fieldNote  *widget.Label
	exportBox  *fyne.Container // the export card's content, laid out again as the scope changes
	peers      []data.Peer
	peerNote   *widget.Label
	exportBtn  *widget.Button
	exportNote *widget.Label

	mergeBtn  *widget.Button
	progress  *widget.ProgressBar
	cancelBtn *widget.Button
	mergeNote *widget.Label
	// The outcome of the last merge, as the report tab shows it.
	mergeReport *data.MergeReport
	mergeErr    error

	tabs          *container.AppTabs
	conflictTab   *container.TabItem
	reportTab     *container.TabItem
	conflicts     *kit.RecordTable[data.Conflict]
	conflictRows  []data.Conflict
	conflictEmpty *kit.Empty
	report        *fyne.Container
	devices       *kit.RecordTable[data.Peer]
	devicesEmpty  *kit.Empty

	listLoad     kit.Loader[exchangeLists]
	exportLoad   kit.Loader[data.Manifest]
	manifestLoad kit.Loader[data.Manifest]
	reviewLoad   kit.Loader[data.ConflictReview]
	mergeLoad    kit.Loader[*data.MergeReport]

	seal       *kit.Radio[sealMode]
	sealNote   *widget.Label
	passAgain  *widget.Entry
	passDialog *dialog.FormDialog

	// mergePass opens the sealed bundle being merged (sealed.go);
	// passEntry is the last passphrase asked for.
	mergePass string
	passEntry *widget.Entry

	hub *hubPanel // the Team hub tab (hub.go)
}

// exchangeLists are the devices and the conflicts, read together.
type exchangeLists struct {
	peers     []data.Peer
	conflicts []data.Conflict
}

var _ kit.Screen = (*Screen)(nil)

// exportScope is what a bundle holds: everything, the changes another
// device has not seen, or a field bundle of some provinces.
type exportScope int

const (
	scopeAll exportScope = iota
	scopeChanges
	scopeField
)

func (s exportScope) name() string {
	switch s {
	case scopeChanges:
		return lang.L("Only the changes since the last exchange with:")
	case scopeField:
		return lang.L("A field bundle of the provinces:")
	}
	return lang.L("Everything in this database")
}

// New is the Exchange section over host.
func New(host kit.Host) *Screen {
	x := &Screen{host: host}
	x.newFieldChoice()
	x.scope = kit.NewRadio([]exportScope{scopeAll, scopeChanges, scopeField}, exportScope.name, x.scopeChanged)
	x.device = kit.NewChoice(nil, func(string) string { return "" }, "", nil)
	x.peerNote = kit.Dim("")
	x.exportBtn = &widget.Button{Text: lang.L("Export a bundle…"), Icon: theme.DownloadIcon(), Importance: widget.HighImportance, OnTapped: x.chooseExportFile}
	x.exportNote = kit.Dim("")
	x.newSealChoice()
	x.sealChanged()
	x.mergeBtn = &widget.Button{Text: lang.L("Merge a bundle…"), Icon: theme.UploadIcon(), Importance: widget.HighImportance, OnTapped: x.chooseBundle}
	x.progress = widget.NewProgressBar()
	x.progress.Hide()
	x.cancelBtn = &widget.Button{Text: lang.L("Cancel"), Icon: theme.CancelIcon(), OnTapped: x.mergeLoad.Interrupt}
	x.cancelBtn.Hide()
	x.mergeNote = kit.Dim(lang.L("Merging keeps the newer version of each record. When both computers changed a record since they last exchanged, the other version goes to the conflict list below."))
	x.conflicts = kit.NewRecordTable(conflictColumns(), kit.TranslatedTitles(conflictColumns()), x.sortConflicts, x.review)
	x.conflictEmpty = kit.NewEmpty(&widget.Button{Text: lang.L("Merge a bundle…"), Icon: theme.UploadIcon(), OnTapped: x.chooseBundle})
	x.conflictEmpty.ShowEmpty(lang.L("No conflicts. When both computers change the same record, the version that was not kept is listed here for you to review."))
	x.report = container.NewVBox(kit.Dim(lang.L("Merge a bundle to see here what it changed.")))
	x.devices = kit.NewRecordTable(deviceColumns(), kit.TranslatedTitles(deviceColumns()), nil, x.pickDevice)
	x.devicesEmpty = kit.NewEmpty(&widget.Button{Text: lang.L("Export a bundle…"), Icon: theme.DownloadIcon(), OnTapped: x.chooseExportFile})
	x.devicesEmpty.ShowEmpty(lang.L("No other computer has exchanged bundles with this one yet."))
	x.hub = newHubPanel(host, x.reload)
	x.ExtendBaseWidget(x)
	return x
}

func conflictColumns() []kit.Column[data.Conflict] {
	return []kit.Column[data.Conflict]{
		{Title: "Record type", Width: 120, Sort: 0, Cell: func(c data.Conflict) (string, bool) { return kindName(c.Kind), false }},
		{Title: "Record", Width: 215, Sort: 1, Cell: func(c data.Conflict) (string, bool) { return c.Title, false }},
		{Title: "Why", Width: 205, Sort: 2, Cell: func(c data.Conflict) (string, bool) { return conflictWhy(c), false }},
		{Title: "Version set aside", Width: 200, Sort: 3, Cell: func(c data.Conflict) (string, bool) { return versionText(c.LostMeta()), false }},
		{Title: "Version kept", Width: 180, Sort: 4, Cell: func(c data.Conflict) (string, bool) { return versionText(c.Kept), false }},
	}
}

func deviceColumns() []kit.Column[data.Peer] {
	return []kit.Column[data.Peer]{
		{Title: "Device", Width: 190, Sort: -1, Cell: func(p data.Peer) (string, bool) { return p.Label, false }},
		{Title: "Device id", Width: 285, Sort: -1, Cell: func(p data.Peer) (string, bool) { return p.Device, false }},
		{Title: "Last received", Width: 215, Sort: -1, Cell: func(p data.Peer) (string, bool) { return transferText(p.Received), false }},
		{Title: "Last sent", Width: 200, Sort: -1, Cell: func(p data.Peer) (string, bool) { return transferText(p.Sent), false }},
	}
}

func (x *Screen) CreateRenderer() fyne.WidgetRenderer {
	heading := widget.NewLabelWithStyle(lang.L("Exchange"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameHeadingText
	self := kit.Dim(lang.L("This computer: {{.Label}} (device {{.ID}})", map[string]any{"Label": x.host.Store().DeviceLabel(), "ID": shortID(x.host.Store().DeviceID())}))
	top := container.NewBorder(nil, nil, heading, nil, self)

	x.exportBox = container.NewVBox(
		x.scope.Group, x.device.Select, x.provinces, x.fieldNote, x.peerNote, x.seal.Group, x.sealNote, container.NewHBox(x.exportBtn), x.exportNote)
	export := widget.NewCard(lang.L("Send records to another computer"), "", x.exportBox)
	merge := widget.NewCard(lang.L("Merge a bundle received"), "", container.NewVBox(
		x.mergeNote, container.NewHBox(x.mergeBtn, x.cancelBtn), x.progress))
	cards := container.NewGridWithColumns(2, export, merge)

	x.conflictTab = container.NewTabItemWithIcon(lang.L("Conflicts"), theme.WarningIcon(),
		container.NewBorder(x.conflictEmpty, nil, nil, nil, x.conflicts))
	x.reportTab = container.NewTabItemWithIcon(lang.L("Last merge"), theme.DocumentIcon(), container.NewVScroll(x.report))
	devicesTab := container.NewTabItemWithIcon(lang.L("Devices"), theme.ComputerIcon(),
		container.NewBorder(x.devicesEmpty, nil, nil, nil, x.devices))
	hubTab := container.NewTabItemWithIcon(lang.L("Team hub"), theme.StorageIcon(), x.hub.object())
	x.tabs = container.NewAppTabs(x.conflictTab, x.reportTab, devicesTab, hubTab)
	// The page scrolls, so that at 1024×700 the window need not grow and
	// the lists below the cards keep room for some rows.
	return widget.NewSimpleRenderer(container.NewPadded(container.NewVScroll(container.NewVBox(top, cards, kit.Tall(360, x.tabs)))))
}

func (x *Screen) Resize(size fyne.Size) {
	x.BaseWidget.Resize(size)
	x.conflicts.StretchLast(size.Width)
	x.devices.StretchLast(size.Width)
}

// Shown reloads the devices, the conflicts and the team hub's state.
func (x *Screen) Shown() {
	x.reload()
	x.hub.refresh()
}

// reload reads the devices and the conflict list off the UI goroutine.
func (x *Screen) reload() {
	store := x.host.Store()
	x.listLoad.Load(x.host.Window(), func(context.Context, func(int, int)) (exchangeLists, error) {
		peers, err := store.Peers()
		if err != nil {
			return exchangeLists{}, err
		}
		conflicts, err := store.Conflicts()
		return exchangeLists{peers, conflicts}, err
	}, func(l exchangeLists) {
		x.showPeers(l.peers)
		x.showConflicts(l.conflicts)
	})
}

func (x *Screen) showPeers(peers []data.Peer) {
	x.peers = peers
	chosen := x.device.Value()
	ids := make([]string, len(peers))
	for i, p := range peers {
		ids[i] = p.Device
	}
	names := make([]string, len(peers))
	for i, p := range peers {
		names[i] = p.Name()
	}
	x.device.SetOptions(ids, names)
	if len(peers) > 0 {
		x.device.Select.SetSelectedIndex(0)
		x.device.Set(chosen)
	}
	x.device.Select.OnChanged = func(string) { x.scopeChanged() }
	x.devices.SetRows(peers)
	x.devicesEmpty.Hidden = len(peers) > 0
	x.devicesEmpty.Refresh()
	x.scopeChanged()
}

// scopeChanged shows what an export of the chosen scope would hold.
func (x *Screen) scopeChanged() {
	if x.device == nil || x.peerNote == nil {
		return // still being built
	}
	changes := x.scope.Value() == scopeChanges
	x.device.Select.Hidden = !changes || len(x.peers) == 0
	x.device.Select.Refresh()
	if x.scope.Value() == scopeField {
		x.provinces.Show()
	} else {
		x.provinces.Hide()
	}
	if x.exportBox != nil {
		x.exportBox.Refresh()
	}
	x.exportBtn.Enable()
	switch {
	case x.scope.Value() == scopeField:
		x.peerNote.SetText(lang.L("For a field laptop: it gets the register and the visits of its provinces and the course catalogue, and no personal data of participants or students."))
	case !changes:
		x.peerNote.SetText(lang.L("For a computer that has never had records from this one, or to be sure it gets everything."))
	case len(x.peers) == 0:
		x.peerNote.SetText(lang.L("No other computer has exchanged bundles with this one yet: export everything the first time."))
		x.exportBtn.Disable()
	default:
		p := x.peer(x.device.Value())
		x.peerNote.SetText(lang.L("Last received from it: {{.Received}}. Last sent to it: {{.Sent}}.",
			map[string]any{"Received": transferText(p.Received), "Sent": transferText(p.Sent)}))
	}
}

func (x *Screen) peer(device string) data.Peer {
	for _, p := range x.peers {
		if p.Device == device {
			return p
		}
	}
	return data.Peer{Device: device}
}

// pickDevice chooses a device of the table for the next export.
func (x *Screen) pickDevice(p data.Peer) {
	x.scope.Set(scopeChanges)
	x.device.Set(p.Device)
	x.scopeChanged()
}

func (x *Screen) exportOptions() data.ExportOptions {
	switch x.scope.Value() {
	case scopeChanges:
		return data.ExportOptions{For: x.device.Value()}
	case scopeField:
		codes, _ := x.fieldProvinces()
		return data.ExportOptions{Field: codes}
	}
	return data.ExportOptions{}
}

func (x *Screen) chooseExportFile() {
	if x.scope.Value() == scopeField {
		if _, ok := x.fieldProvinces(); !ok {
			return
		}
	}
	err := x.sealFor(x.exportOptions(), x.chooseExportFileFor)
	if errors.Is(err, errNoKey) {
		dialog.ShowInformation(lang.L("Export a bundle…"), lang.L("This computer does not know the chosen computer's key yet: merge a bundle from it or sync with the team hub first, or seal with a passphrase."), x.host.Window())
	}
}

// chooseExportFileFor asks where to save the bundle opt describes.
func (x *Screen) chooseExportFileFor(opt data.ExportOptions) {
	name := "tiscdesk-" + safeFileName(x.host.Store().DeviceLabel()) + "-" + string(x.host.Today())
	if opt.For != "" {
		name += "-for-" + safeFileName(x.peer(opt.For).Name())
	}
	if len(opt.Field) > 0 {
		name += "-field-" + strings.Join(opt.Field, "-")
	}
	x.host.Platform().SaveFile(x.host.Window(), name+data.BundleExtension, []string{data.BundleExtension}, func(wc fyne.URIWriteCloser) {
		uri := wc.URI()
		x.exportTo(wc, uri.Name(), opt, func() { _ = storage.Delete(uri) })
	})
}

// exportTo writes a bundle to wc off the UI goroutine and marks it sent;
// discard removes what was written when the export fails.
func (x *Screen) exportTo(wc io.WriteCloser, name string, opt data.ExportOptions, discard func()) {
	store := x.host.Store()
	x.exportBtn.Disable()
	x.exportNote.SetText(lang.L("Writing {{.File}}…", map[string]any{"File": name}))
	x.exportLoad.LoadWithProgress(x.host.Window(), func(context.Context, func(int, int)) (data.Manifest, error) {
		m, err := store.ExportBundle(wc, opt)
		if cerr := wc.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			err = store.MarkSent(m)
		} else if discard != nil {
			discard()
		}
		return m, err
	}, nil, func(m data.Manifest, err error) {
		x.exportBtn.Enable()
		if err != nil {
			x.exportNote.SetText("")
			kit.ShowError(x.host.Window(), err)
			return
		}
		x.exportNote.SetText(lang.L("{{.File}}: {{.Records}}, {{.Deleted}}. Merge it on the other computer with Exchange → Merge a bundle.",
			map[string]any{"File": name, "Records": kit.Counted(m.Records(), "{{.Count}} record", "{{.Count}} records"),
				"Deleted": kit.Counted(m.Deleted(), "{{.Count}} of them a deletion", "{{.Count}} of them deletions")}))
		x.reload()
	})
}

func (x *Screen) chooseBundle() {
	x.host.Platform().OpenFile(x.host.Window(), []string{data.BundleExtension}, func(rc fyne.URIReadCloser) {
		path := rc.URI().Path()
		rc.Close()
		x.confirmMerge(path)
	})
}

// OfferMerge asks whether to merge the bundle at path, as Merge a bundle…
// does once a file is chosen: for a bundle given on the command line or
// opened from the file manager (tiscdesk FILE.tiscx).
func (x *Screen) OfferMerge(path string) { x.confirmMerge(path) }

// confirmMerge says where the bundle comes from before merging it.
// The bundle's manifest is read off the UI goroutine.
func (x *Screen) confirmMerge(path string) { x.confirmMergeWith(path, "") }

// confirmMergeWith is confirmMerge with the passphrase of a sealed bundle
// ("" for none: a plain one, or one sealed for this computer).
func (x *Screen) confirmMergeWith(path, pass string) {
	store := x.host.Store()
	x.manifestLoad.LoadWithProgress(x.host.Window(), func(context.Context, func(int, int)) (data.Manifest, error) {
		return store.OpenManifest(path, pass)
	}, nil, func(m data.Manifest, err error) {
		if ask, wrong := sealNeedsPassphrase(err); ask {
			x.askPassphrase(path, wrong)
			return
		}
		if err != nil {
			x.showRefusal(err)
			return
		}
		q := kit.Plural(m.Records(), "Merge the bundle from “{{.Device}}”, exported {{.Time}}: {{.Count}} record?", "Merge the bundle from “{{.Device}}”, exported {{.Time}}: {{.Count}} records?",
			map[string]any{"Device": m.Label, "Time": timeText(m.Created), "Count": m.Records()})
		kit.Confirm(x.host, lang.L("Merge a bundle"), q, func() { x.mergePass = pass; x.merge(path) })
	})
}

// merge merges the bundle at path off the UI goroutine, with progress and Cancel.
func (x *Screen) merge(path string) {
	x.mergeBtn.Disable()
	x.progress.SetValue(0)
	x.progress.Show()
	x.cancelBtn.Show()
	store, pass := x.host.Store(), x.mergePass
	x.mergePass = ""
	x.mergeLoad.LoadWithProgress(x.host.Window(), func(ctx context.Context, progress func(int, int)) (*data.MergeReport, error) {
		return store.MergeBundleFile(ctx, path, data.MergeOptions{Progress: progress, Passphrase: pass})
	}, x.progress, x.mergeDone)
}

func (x *Screen) mergeDone(rep *data.MergeReport, err error) {
	x.mergeReport, x.mergeErr = rep, err
	x.mergeBtn.Enable()
	x.progress.Hide()
	x.cancelBtn.Hide()
	if err != nil {
		x.showRefusal(err)
	} else {
		x.showReport(rep)
		x.tabs.Select(x.reportTab)
		x.reload()
	}
}

// showRefusal says why a bundle was not merged.
func (x *Screen) showRefusal(err error) {
	msg := sealRefusal(err)
	switch {
	case msg != "":
	case errors.Is(err, context.Canceled):
		msg = lang.L("The merge was cancelled. Nothing was changed.")
	case errors.Is(err, data.ErrBundleNewer):
		msg = lang.L("This bundle was written by a newer TISC Desk. Install that version to merge it. Nothing was changed.")
	case errors.Is(err, data.ErrBundleDamaged):
		msg = lang.L("This bundle is damaged or incomplete. Copy it again from the other computer. Nothing was changed.")
	case errors.Is(err, data.ErrNotBundle):
		msg = lang.L("This file is not a TISC Desk bundle (.tiscx). Nothing was changed.")
	default:
		kit.ShowError(x.host.Window(), err)
		return
	}
	x.report.Objects = []fyne.CanvasObject{refusal(msg)}
	x.report.Refresh()
	x.tabs.Select(x.reportTab)
	dialog.ShowInformation(lang.L("Merge a bundle"), msg, x.host.Window())
}

func refusal(msg string) *widget.Label {
	l := widget.NewLabel(msg)
	l.Wrapping = fyne.TextWrapWord
	l.Importance = widget.DangerImportance
	return l
}

// showReport shows what a merge did.
func (x *Screen) showReport(rep *data.MergeReport) {
	m, t := rep.Bundle, rep.Total()
	title := widget.NewLabelWithStyle(kit.Plural(m.Records(), "Merged the bundle from “{{.Device}}”, exported {{.Time}}: {{.Count}} record.", "Merged the bundle from “{{.Device}}”, exported {{.Time}}: {{.Count}} records.",
		map[string]any{"Device": m.Label, "Time": timeText(m.Created), "Count": m.Records()}), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Wrapping = fyne.TextWrapWord
	totals := widget.NewLabel(lang.L("{{.Added}} added, {{.Updated}} updated, {{.Unchanged}} unchanged, {{.Deleted}} deleted, {{.Conflicts}}.",
		map[string]any{"Added": kit.Number(t.Added), "Updated": kit.Number(t.Updated), "Unchanged": kit.Number(t.Unchanged), "Deleted": kit.Number(t.Deleted),
			"Conflicts": kit.Counted(t.Conflicts, "{{.Count}} conflict", "{{.Count}} conflicts")}))
	objs := []fyne.CanvasObject{title, totals}
	grid := container.NewGridWithColumns(6)
	for _, h := range []string{"", lang.L("Added"), lang.L("Updated"), lang.L("Unchanged"), lang.L("Deleted"), lang.L("Conflicts")} {
		grid.Add(widget.NewLabelWithStyle(h, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}))
	}
	for _, k := range rep.Kinds {
		if k.Added+k.Updated+k.Unchanged+k.Deleted+k.Conflicts == 0 {
			continue
		}
		grid.Add(widget.NewLabel(kit.KindPlural(k.Kind)))
		for _, n := range []int{k.Added, k.Updated, k.Unchanged, k.Deleted, k.Conflicts} {
			grid.Add(widget.NewLabelWithStyle(strconv.Itoa(n), fyne.TextAlignTrailing, fyne.TextStyle{}))
		}
	}
	objs = append(objs, grid)
	if rep.AlreadyMerged {
		objs = append(objs, kit.Dim(lang.L("This bundle had been merged here before.")))
	}
	if t.Duplicates > 0 {
		objs = append(objs, kit.Dim(kit.Plural(t.Duplicates, "{{.Count}} record existed on both computers under different ids (the same course number, session code, or email in a session); its two copies were merged into one.",
			"{{.Count}} records existed on both computers under different ids (the same course number, session code, or email in a session) and were merged into one.",
			map[string]any{"Count": t.Duplicates})))
	}
	if len(rep.Gap) > 0 {
		objs = append(objs, refusal(lang.L("This bundle holds only changes, and follows an earlier bundle that was never merged here: some changes may be missing. Ask the other computer for a bundle of everything.")))
	}
	for _, s := range rep.Skipped {
		objs = append(objs, refusal(lang.L("Not merged, not valid here: {{.Kind}} {{.ID}}: {{.Problem}}",
			map[string]any{"Kind": kindName(s.Kind), "ID": shortID(s.ID.String()), "Problem": strings.TrimSpace(kit.FieldMessages(s.Err))})))
	}
	if t.Conflicts > 0 {
		objs = append(objs, container.NewHBox(&widget.Button{Text: lang.L("Review the conflicts"), Icon: theme.WarningIcon(),
			OnTapped: func() { x.tabs.Select(x.conflictTab) }}))
	}
	x.report.Objects = objs
	x.report.Refresh()
}

func (x *Screen) showConflicts(list []data.Conflict) {
	x.conflictRows = list
	x.sortConflicts(x.conflicts.SortOrder())
	x.conflictEmpty.Hidden = len(list) > 0
	x.conflictEmpty.Refresh()
	if x.conflictTab != nil {
		x.conflictTab.Text = lang.L("Conflicts ({{.Count}})", map[string]any{"Count": len(list)})
		x.tabs.Refresh()
	}
}

// sortConflicts shows the conflict list sorted by column col's text.
func (x *Screen) sortConflicts(col int, desc bool) {
	cols := conflictColumns()
	rows := slices.Clone(x.conflictRows)
	if col > 0 { // the first column keeps the list's order: the latest merge first
		slices.SortStableFunc(rows, func(a, b data.Conflict) int {
			ta, _ := cols[col].Cell(a)
			tb, _ := cols[col].Cell(b)
			return strings.Compare(ta, tb)
		})
	}
	if desc {
		slices.Reverse(rows)
	}
	x.conflicts.SetRows(rows)
}

// Display helpers.

func kindName(kind string) string {
	switch kind {
	case "institutions":
		return lang.L("Institution")
	case "visits":
		return lang.L("Site visit")
	case "courses":
		return lang.L("Course")
	case "sessions":
		return lang.L("Session")
	case "enrolments":
		return lang.L("Enrolment")
	case "programmes":
		return lang.L("Programme")
	case "cohorts":
		return lang.L("Cohort")
	case "students":
		return lang.L("Student")
	}
	return kind
}

// conflictWhy says in a few words why a version was set aside.
func conflictWhy(c data.Conflict) string {
	switch {
	case c.Reason == data.ConflictDuplicate:
		return lang.L("Entered on both computers")
	case c.Reason == data.ConflictOrphan:
		return lang.L("What it belongs to was deleted")
	case c.LostMeta().Deleted:
		return lang.L("Deleted on one computer, changed on the other")
	case c.Kept.Deleted:
		return lang.L("Changed on one computer, deleted on the other")
	}
	return lang.L("Changed on both computers")
}

// versionText is "2026-11-21 14:05, Field laptop", or "2026-11-21 14:05,
// deleted by Field laptop"; "—" when there was no version. The time comes
// first: a narrow column cuts the label, not the time.
func versionText(m data.Meta) string {
	if m.UpdatedAt.IsZero() {
		return "—"
	}
	who := m.UpdatedBy
	if who == "" {
		who = shortID(m.Device)
	}
	if m.Deleted {
		return lang.L("{{.Time}}, deleted by {{.Device}}", map[string]any{"Device": who, "Time": timeText(m.UpdatedAt)})
	}
	return timeText(m.UpdatedAt) + ", " + who
}

func transferText(t *data.Transfer) string {
	if t == nil {
		return lang.L("never")
	}
	return kit.Plural(t.Records, "{{.Time}} ({{.Count}} record)", "{{.Time}} ({{.Count}} records)", map[string]any{"Time": timeText(t.At), "Count": t.Records})
}

func timeText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Local().Format("2006-01-02 15:04")
}

func shortID(id string) string {
	if len(id) > 8 {
		return id[:8]
	}
	return id
}

// safeFileName keeps the letters and digits of s (Chinese included) for a
// file name.
func safeFileName(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == ' ' || r == '-' || r == '_':
			b.WriteRune('-')
		case r > 0x7f || ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z') || ('0' <= r && r <= '9'):
			b.WriteRune(r)
		}
	}
	return strings.Trim(b.String(), "-")
}
