package ui

import (
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"

	"tiscdesk/data"
)

// exportCSV asks where to save a list as CSV and writes it with export:
// UTF-8 with a byte-order mark, so Excel opens the Chinese correctly. The
// save dialog asks before it replaces an existing file. name is the
// suggested file's stem ("institutions"); written says what was saved.
func (sh *Shell) exportCSV(name string, export func(io.Writer, data.Encoding) (int, error), written func(n int, file string) string) {
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil || wc == nil {
			return
		}
		defer wc.Close()
		n, err := export(wc, data.EncodingUTF8)
		if err != nil {
			showError(sh.win, err)
			return
		}
		dialog.ShowInformation(lang.L("Export CSV…"), written(n, wc.URI().Name()), sh.win)
	}, sh.win)
	d.SetFileName(name + "-" + string(sh.today()) + ".csv")
	d.SetFilter(storage.NewExtensionFileFilter([]string{".csv"}))
	d.Show()
}
