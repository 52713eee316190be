package settings

import (
	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"tiscdesk/data/store"
	"tiscdesk/ui/kit"
)

// historySetting is how many replaced versions each record keeps in its
// history (DESIGN section 13).
type historySetting struct {
	host  kit.Host
	entry *widget.Entry
	save  *widget.Button
	note  *widget.Label
	saver kit.Loader[int]
}

func newHistorySetting(host kit.Host) *historySetting {
	h := &historySetting{host: host, entry: widget.NewEntry(), note: widget.NewLabel("")}
	h.entry.SetText(strconv.Itoa(host.Store().HistoryLimit()))
	h.note.Hide()
	h.note.Importance = widget.DangerImportance
	h.save = &widget.Button{Text: lang.L("Save"), Icon: theme.DocumentSaveIcon(), OnTapped: h.apply}
	h.entry.OnSubmitted = func(string) { h.apply() }
	return h
}

// apply saves the number typed, off the UI goroutine, or says what is
// wrong with it.
func (h *historySetting) apply() {
	n, err := strconv.Atoi(strings.TrimSpace(h.entry.Text))
	if err != nil || n < 1 || n > store.MaxHistoryLimit {
		h.note.SetText(lang.L("Type a whole number from 1 to {{.Max}}.", map[string]any{"Max": store.MaxHistoryLimit}))
		h.note.Show()
		return
	}
	h.saver.Load(h.host.Window(), func(context.Context, func(int, int)) (int, error) {
		return n, h.host.Store().SetHistoryLimit(n)
	}, func(n int) {
		h.note.Hide()
		h.entry.SetText(strconv.Itoa(n))
	})
}

func (h *historySetting) object() fyne.CanvasObject {
	help := widget.NewLabel(lang.L("Each record keeps this many earlier versions: its page's History shows them and can restore one."))
	help.Wrapping = fyne.TextWrapWord
	help.Importance = widget.LowImportance
	return container.NewVBox(container.NewBorder(nil, nil, nil, h.save, h.entry), h.note, help)
}
