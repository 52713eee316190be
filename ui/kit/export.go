package kit

import (
	"context"
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"

	"tiscdesk/data"
)

// ExportList asks where to save a list and writes it with export: an Excel
// workbook when the name ends in .xlsx (the name suggested), else CSV in
// UTF-8 with a byte-order mark, so that Excel opens the Chinese correctly.
// The save dialog asks before it replaces an existing file. name is the
// suggested file's stem ("institutions"); written says what was saved.
func ExportList(h Host, name string, export func(io.Writer, data.Encoding) (int, error), written func(n int, file string) string) {
	win := h.Window()
	h.Platform().SaveFile(win, name+"-"+string(h.Today())+".xlsx", []string{".xlsx", ".csv"}, func(wc fyne.URIWriteCloser) {
		enc := data.EncodingForFile(wc.URI().Name(), data.EncodingUTF8)
		// The list is read and written off the UI goroutine.
		var write Loader[int]
		write.Load(win, func(context.Context, func(int, int)) (int, error) {
			n, err := export(wc, enc)
			if cerr := wc.Close(); err == nil {
				err = cerr
			}
			return n, err
		}, func(n int) {
			dialog.ShowInformation(lang.L("Export"), written(n, wc.URI().Name()), win)
		})
	})
}
