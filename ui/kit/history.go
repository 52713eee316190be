package kit

import (
	"bytes"
	"context"
	"encoding/json"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"tiscdesk/data"
	"tiscdesk/data/store"
)

// HistoryPanel shows the versions of one record kept here, newest first:
// when, which device, and field by field what each changed (old → new), in
// the interface's language; an older version can be restored, which saves
// it as a new version that travels like any edit. Every page of a record
// has one (DESIGN section 13).
type HistoryPanel struct {
	widget.BaseWidget
	host     Host
	id       data.ID
	restored func() // after a restore, for the page to show the record again

	load     Loader[[]store.Version]
	restore  Loader[struct{}]
	versions []store.Version
	box      *fyne.Container
}

// NewHistoryPanel is the history of record id; it reads the store when
// Reload is called, off the UI goroutine. restored runs after a restore.
func NewHistoryPanel(host Host, id data.ID, restored func()) *HistoryPanel {
	p := &HistoryPanel{host: host, id: id, restored: restored, box: container.NewVBox(Dim(lang.L("Loading…")))}
	p.ExtendBaseWidget(p)
	return p
}

func (p *HistoryPanel) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(p.box)
}

// Reload reads the record's versions again.
func (p *HistoryPanel) Reload() {
	id := p.id
	p.load.Load(p.host.Window(), func(context.Context, func(int, int)) ([]store.Version, error) {
		return p.host.Store().History(id)
	}, p.show)
}

// Versions are the versions shown, oldest first.
func (p *HistoryPanel) Versions() []store.Version { return p.versions }

func (p *HistoryPanel) show(vs []store.Version) {
	p.versions = vs
	p.box.Objects = nil
	if len(vs) <= 1 {
		p.box.Add(Dim(lang.L("No earlier versions: this record has not been changed here since it was created or received.")))
	}
	for i := len(vs) - 1; i >= 0; i-- {
		var prev *store.Version
		if i > 0 {
			prev = &vs[i-1]
		}
		p.box.Add(p.version(vs[i], prev))
	}
	p.box.Refresh()
}

// version is one version's heading (when, who, what) and its changes.
func (p *HistoryPanel) version(v store.Version, prev *store.Version) fyne.CanvasObject {
	when := v.UpdatedAt.Local().Format("2006-01-02 15:04")
	var what string
	switch {
	case v.Current && v.Deleted:
		what = lang.L("deleted")
	case v.Current:
		what = lang.L("current version")
	case v.Created:
		what = lang.L("created")
	}
	head := widget.NewLabelWithStyle(when+"   "+v.UpdatedBy, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	row := container.NewHBox(head)
	if what != "" {
		row.Add(QuietLabel(what))
	}
	if !v.Current && !v.Deleted {
		v := v
		row.Add(&widget.Button{Text: lang.L("Restore this version"), Icon: theme.HistoryIcon(), Importance: widget.LowImportance,
			OnTapped: func() { p.confirmRestore(v) }})
	}
	lines := container.NewVBox(row)
	if prev == nil || v.Deleted {
		return container.NewVBox(lines, widget.NewSeparator())
	}
	old, cur := fieldsOf(prev.Record), fieldsOf(v.Record)
	for _, f := range v.Changed {
		l := widget.NewLabel(FieldName(f) + ":  " + historyValue(v.Kind, f, old[f]) + "  →  " + historyValue(v.Kind, f, cur[f]))
		l.Wrapping = fyne.TextWrapWord
		lines.Add(l)
	}
	if len(v.Changed) == 0 {
		lines.Add(Dim(lang.L("saved without changes")))
	}
	return container.NewVBox(lines, widget.NewSeparator())
}

func (p *HistoryPanel) confirmRestore(v store.Version) {
	q := lang.L("Restore the version of {{.When}} by {{.Who}}? It is saved as a new version; the current one stays in the history.",
		map[string]any{"When": v.UpdatedAt.Local().Format("2006-01-02 15:04"), "Who": v.UpdatedBy})
	Confirm(p.host, lang.L("Restore this version"), q, func() {
		id, seq := p.id, v.Seq
		p.restore.Load(p.host.Window(), func(context.Context, func(int, int)) (struct{}, error) {
			return struct{}{}, p.host.Store().Restore(id, seq)
		}, func(struct{}) {
			p.Reload()
			if p.restored != nil {
				p.restored()
			}
		})
	})
}

// fieldsOf reads a version's top-level fields.
func fieldsOf(raw json.RawMessage) map[string]json.RawMessage {
	m := map[string]json.RawMessage{}
	_ = json.Unmarshal(raw, &m)
	return m
}

// valueText shows a stored value for people: text as it is, a list of
// texts joined, yes or no, anything else as compact JSON, cut to a line.
func valueText(raw json.RawMessage) string {
	if len(raw) == 0 || string(raw) == "null" || string(raw) == `""` || string(raw) == "[]" {
		return "–"
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return cut(s)
	}
	var b bool
	if json.Unmarshal(raw, &b) == nil {
		if b {
			return lang.L("yes")
		}
		return lang.L("no")
	}
	var n float64
	if json.Unmarshal(raw, &n) == nil {
		return strconv.FormatFloat(n, 'f', -1, 64)
	}
	var list []string
	if json.Unmarshal(raw, &list) == nil {
		return cut(strings.Join(list, ", "))
	}
	var c bytes.Buffer
	if json.Compact(&c, raw) != nil {
		return cut(string(raw))
	}
	return cut(c.String())
}

// cut keeps a value to about one line of the panel.
func cut(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 160 {
		return string(r[:159]) + "…"
	}
	return s
}

// FormHistory is a record form's History section: the panel over record
// id, loading at once. Restoring a version closes the form (*dlg, set once
// the form is shown) as a change, so that the list shows the record again.
func FormHistory(h Host, id data.ID, dlg **FormDialog) fyne.CanvasObject {
	p := NewHistoryPanel(h, id, func() {
		if *dlg != nil {
			(*dlg).CloseChanged()
		}
	})
	p.Reload()
	title := widget.NewLabelWithStyle(lang.L("History of changes"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	return container.NewVBox(widget.NewSeparator(), title, p)
}
