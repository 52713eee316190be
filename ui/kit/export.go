package kit

import (
	"context"
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"

	"tiscdesk/data"
)

// ExportList asks where to save a list and writes it with export: an Excel
// workbook when the name ends in .xlsx (the name suggested), else CSV in
// UTF-8 with a byte-order mark, so that Excel opens the Chinese correctly.
// The save dialog asks before it replaces an existing file; the file is
// written through data.SaveFile, so that an export that fails (the
// database, the disk) leaves no partial file and the file it was to replace
// as it was. name is the suggested file's stem ("institutions"); written
// says what was saved.
func ExportList(h Host, name string, export func(io.Writer, data.Encoding) (int, error), written func(n int, file string) string) {
	win := h.Window()
	h.Platform().ChooseSaveFile(win, name+"-"+string(h.Today())+".xlsx", []string{".xlsx", ".csv"}, func(uri fyne.URI) {
		enc := data.EncodingForFile(uri.Name(), data.EncodingUTF8)
		// The list is read and written off the UI goroutine.
		var write Loader[int]
		write.Load(win, func(context.Context, func(int, int)) (n int, err error) {
			err = saveTo(uri, func(w io.Writer) error {
				n, err = export(w, enc)
				return err
			})
			return n, err
		}, func(n int) {
			dialog.ShowInformation(lang.L("Export"), written(n, uri.Name()), win)
		})
	})
}

// ExportPersonalList is ExportList for a list that holds personal data
// (DESIGN section 14): before asking where to save, it says what personal
// data the file will hold (holds: "the names, emails ... of the
// participants") and saves only if the user goes on.
func ExportPersonalList(h Host, name, holds string, export func(io.Writer, data.Encoding) (int, error), written func(n int, file string) string) {
	Confirm(h, lang.L("Personal data"), PersonalDataQuestion(holds), func() { ExportList(h, name, export, written) })
}

// PersonalDataQuestion asks whether to go on writing a file that holds the
// personal data holds names.
func PersonalDataQuestion(holds string) string {
	return lang.L("The file will hold personal data: {{.What}}. Anyone who gets it can read them. Keep it where only those who need it can, and delete it when it is no longer needed. Export it?",
		map[string]any{"What": holds})
}

// saveTo writes the file at uri through write: data.SaveFile for a file
// on disk (replacing it only once complete), else the storage's writer.
func saveTo(uri fyne.URI, write func(io.Writer) error) error {
	if uri.Scheme() == "file" {
		return data.SaveFile(uri.Path(), true, write)
	}
	wc, err := storage.Writer(uri)
	if err != nil {
		return err
	}
	err = write(wc)
	if cerr := wc.Close(); err == nil {
		err = cerr
	}
	return err
}
