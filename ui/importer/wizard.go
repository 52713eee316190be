// Package importer is the import wizard: it takes a CSV file through a
// preview, the matching of its columns to fields, a check of every row and
// the import itself, for each Kind of record (institutions, enrolments,
// students, statistics). The areas open it; it reads and writes the store
// only through the kind's Run and the columns it remembers per header
// (Store.RememberColumns), off the UI goroutine.
package importer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"tiscdesk/data"
	"tiscdesk/ui/kit"
)

// Wizard walks a CSV file through preview, column mapping, the
// validation report and the import itself. The file is read, previewed,
// checked and imported off the UI goroutine; the check and the import show
// their progress and can be cancelled.
type Wizard struct {
	host kit.Host
	kind Kind
	done func() // after an import that wrote something

	name string
	raw  []byte

	enc     *kit.Choice[data.Encoding]
	delim   *kit.Choice[rune]
	session *widget.SelectEntry // nil unless the kind has sessions
	offered []string            // the sessions session offers, once read
	preview *data.CSVPreview
	mapping []*kit.Choice[string] // per column: the field, "" to ignore
	// remembered are the columns the user set for this header last time,
	// nil when none were set by hand.
	remembered   []string
	rememberNote *fyne.Container // says the columns are the remembered ones, with a way back
	report       *data.ImportReport
	result       *data.ImportReport
	runErr       error

	body        *fyne.Container
	dlg         dialog.Dialog
	previewPage fyne.CanvasObject // the preview and column mapping, kept while checking
	checkNote   *widget.Label     // on the preview page: a check was cancelled
	checkBtn    *widget.Button
	progress    *widget.ProgressBar
	stop        *widget.Button // cancels the check or the import under way

	sessionLoad kit.Loader[[]string]
	fileLoad    kit.Loader[[]byte]
	previewLoad kit.Loader[previewed]
	checkLoad   kit.Loader[*data.ImportReport]
	runLoad     kit.Loader[*data.ImportReport]
}

// Open opens the wizard for kind over host's window; it starts by asking
// for the file. done (when not nil) runs after an import that wrote
// something, for the area to reload.
func Open(host kit.Host, kind Kind, done func()) *Wizard {
	w := &Wizard{host: host, kind: kind, done: done, body: container.NewStack()}
	w.enc = kit.NewChoice([]data.Encoding{data.EncodingUTF8, data.EncodingGB18030, data.EncodingUTF16LE, data.EncodingUTF16BE},
		func(e data.Encoding) string { return e.Label() }, lang.L("Detect"), w.repreview)
	w.delim = kit.NewChoice([]rune{',', ';', '\t'}, delimiterName, lang.L("Detect"), w.repreview)
	if kind.Sessions != nil {
		w.session = widget.NewSelectEntry(nil)
		w.session.SetPlaceHolder(lang.L("e.g. 101C18S1"))
		// The sessions offered come when read; typing a code works before.
		w.sessionLoad.Load(host.Window(), func(context.Context, func(int, int)) ([]string, error) {
			return kind.Sessions()
		}, func(codes []string) {
			w.offered = codes
			w.session.SetOptions(codes)
		})
	}
	close := &widget.Button{Text: lang.L("Close"), OnTapped: func() { w.close() }}
	content := container.NewBorder(nil, container.NewHBox(close), nil, nil, w.body)
	w.dlg = dialog.NewCustomWithoutButtons(lang.L(kind.Title), content, host.Window())
	size := host.Window().Canvas().Size()
	w.dlg.Resize(fyne.NewSize(min(980, size.Width*0.95), min(680, size.Height*0.95)))
	w.showStart()
	w.dlg.Show()
	return w
}

func delimiterName(d rune) string {
	switch d {
	case ',':
		return lang.L("Comma")
	case ';':
		return lang.L("Semicolon")
	}
	return lang.L("Tab")
}

// close stops what the wizard is reading or checking; an import under way
// is cancelled, and the caller still told if it had written anything.
func (w *Wizard) close() {
	w.sessionLoad.Stop()
	w.fileLoad.Stop()
	w.previewLoad.Stop()
	w.checkLoad.Stop()
	w.runLoad.Interrupt()
	w.dlg.Hide()
}

// step shows a page of the wizard: top, bottom and the middle.
func (w *Wizard) step(objs ...fyne.CanvasObject) {
	w.showPage(container.NewBorder(objs[0], objs[1], nil, nil, objs[2:]...))
}

func (w *Wizard) showPage(page fyne.CanvasObject) {
	w.body.Objects = []fyne.CanvasObject{page}
	w.body.Refresh()
}

// working shows msg with a progress bar and a Cancel button that calls
// cancel.
func (w *Wizard) working(msg string, cancel func()) {
	w.progress = widget.NewProgressBar()
	w.stop = &widget.Button{Text: lang.L("Cancel"), Icon: theme.CancelIcon(), OnTapped: cancel}
	w.step(widget.NewLabel(msg), container.NewHBox(w.stop), w.progress)
}

func (w *Wizard) showStart() {
	intro := widget.NewLabel(lang.L("Choose a CSV file: UTF-8, GB18030 (Chinese Excel) or UTF-16; comma, semicolon or tab. The columns are matched by their headers, in English or Chinese; you can change the matching before anything is imported."))
	intro.Wrapping = fyne.TextWrapWord
	choose := &widget.Button{Text: lang.L("Choose file…"), Icon: theme.FolderOpenIcon(), Importance: widget.HighImportance, OnTapped: w.chooseFile}
	w.step(intro, container.NewHBox(choose), widget.NewLabel(""))
}

func (w *Wizard) chooseFile() {
	w.host.Platform().OpenFile(w.host.Window(), []string{".csv", ".txt", ".tsv"}, w.readFile)
}

// readFile reads the file chosen off the UI goroutine, then previews it.
func (w *Wizard) readFile(rc fyne.URIReadCloser) {
	name := rc.URI().Name()
	w.working(lang.L("Reading {{.File}}…", map[string]any{"File": name}), func() { w.fileLoad.Stop(); w.showStart() })
	w.fileLoad.LoadWithProgress(w.host.Window(), func(context.Context, func(int, int)) ([]byte, error) {
		defer rc.Close()
		return io.ReadAll(rc)
	}, nil, func(raw []byte, err error) {
		if err != nil {
			w.showStart()
			kit.ShowError(w.host.Window(), err)
			return
		}
		w.load(name, raw)
	})
}

// load takes the file's bytes and shows its preview.
func (w *Wizard) load(name string, raw []byte) {
	w.name, w.raw = name, raw
	w.enc.Set("")
	w.delim.Set(0)
	w.repreview()
}

// repreview reads the file's first rows again, as the encoding and
// delimiter chosen say, off the UI goroutine. A preview still under way
// for an earlier choice is dropped.
func (w *Wizard) repreview() {
	if w.raw == nil {
		return
	}
	raw, opt, fields := w.raw, data.CSVOptions{Encoding: w.enc.Value(), Delimiter: w.delim.Value()}, w.kind.Fields
	store, kind := w.host.Store(), w.kind.Name
	w.previewLoad.LoadWithProgress(w.host.Window(), func(context.Context, func(int, int)) (previewed, error) {
		p, err := data.PreviewCSV(bytes.NewReader(raw), opt, fields, 8)
		if err != nil {
			return previewed{}, err
		}
		// An offer: a failure to read it leaves the columns detected.
		remembered, _ := store.RememberedColumns(kind, p.Columns.Header)
		return previewed{p, remembered}, nil
	}, nil, func(pv previewed, err error) {
		if err != nil {
			msg := container.NewVBox(widget.NewLabelWithStyle(lang.L("This file cannot be read."), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), kit.ErrorView(err))
			w.step(msg, container.NewHBox(&widget.Button{Text: lang.L("Choose another file…"), OnTapped: w.chooseFile}), widget.NewLabel(""))
			return
		}
		w.preview, w.remembered = pv.p, pv.remembered
		w.showPreview()
	})
}

// previewed is a file's preview and the columns remembered for its header.
type previewed struct {
	p          *data.CSVPreview
	remembered []string
}

// detected is the field the header finder chose for column i.
func (w *Wizard) detected(i int) string {
	if f := w.preview.Columns.Fields; i < len(f) {
		return f[i]
	}
	return ""
}

// chosen are the fields the user set, one per column.
func (w *Wizard) chosen() []string {
	out := make([]string, len(w.mapping))
	for i, c := range w.mapping {
		out[i] = c.Value()
	}
	return out
}

// setByHand reports whether the user's columns differ from those detected.
func (w *Wizard) setByHand(fields []string) bool {
	for i, f := range fields {
		if f != w.detected(i) {
			return true
		}
	}
	return false
}

func (w *Wizard) showPreview() {
	p := w.preview
	detected := kit.Plural(p.Total, "{{.File}}: {{.Rows}} row, read as {{.Encoding}}, columns separated by {{.Delimiter}}.",
		"{{.File}}: {{.Rows}} rows, read as {{.Encoding}}, columns separated by {{.Delimiter}}.",
		map[string]any{"File": w.name, "Rows": p.Total, "Encoding": p.Encoding.Label(), "Delimiter": delimiterName(p.Delimiter)})
	settings := container.NewGridWithColumns(4, widget.NewLabel(lang.L("Encoding")), w.enc.Select, widget.NewLabel(lang.L("Delimiter")), w.delim.Select)

	fields := []string{}
	for _, f := range w.kind.Fields {
		fields = append(fields, f.Field)
	}
	w.mapping = nil
	grid := container.NewGridWithColumns(2)
	remembered := w.remembered != nil && w.setByHand(w.remembered)
	for i, h := range p.Columns.Header {
		c := kit.NewChoice(fields, kit.FieldName, lang.L("(ignore)"), nil)
		c.Set(w.detected(i))
		if remembered && (w.remembered[i] == "" || slices.Contains(fields, w.remembered[i])) {
			c.Set(w.remembered[i])
		}
		w.mapping = append(w.mapping, c)
		name := h
		if name == "" {
			name = lang.L("(column {{.N}})", map[string]any{"N": i + 1})
		}
		grid.Add(widget.NewLabel(name))
		grid.Add(c.Select)
	}
	mapTitle := widget.NewLabelWithStyle(lang.L("Columns: the file's header → the field it fills"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	sample := w.previewTable()
	w.checkBtn = &widget.Button{Text: lang.L("Check the rows"), Icon: theme.ConfirmIcon(), Importance: widget.HighImportance, OnTapped: w.check}
	w.checkNote = widget.NewLabel(lang.L("The check was cancelled. Nothing was imported."))
	w.checkNote.Importance = widget.WarningImportance
	w.checkNote.Hide()
	top := container.NewVBox(widget.NewLabel(detected), settings, w.checkNote)
	if remembered {
		w.rememberNote = container.NewHBox(kit.Dim(lang.L("The columns are set as you set them for this header last time.")),
			&widget.Button{Text: lang.L("Use the columns detected"), OnTapped: func() {
				for i, c := range w.mapping {
					c.Set(w.detected(i))
				}
				w.rememberNote.Hide()
			}})
		top.Add(w.rememberNote)
	}
	if w.session != nil {
		top.Add(container.NewBorder(nil, nil, widget.NewLabel(lang.L("Session")), nil, w.session))
		top.Add(kit.Dim(lang.L("For the rows without a session code, or a file without a session column. A well-formed code that is not in the database creates the session.")))
	}
	body := container.NewVSplit(container.NewVScroll(container.NewVBox(mapTitle, grid)), sample)
	w.previewPage = container.NewBorder(top, container.NewHBox(&widget.Button{Text: lang.L("Choose another file…"), OnTapped: w.chooseFile}, w.checkBtn), nil, nil, body)
	w.showPage(w.previewPage)
}

// backToPreview shows the preview page again, with the columns as the user
// left them.
func (w *Wizard) backToPreview() {
	w.showPage(w.previewPage)
}

// previewTable shows the first rows as the file has them.
func (w *Wizard) previewTable() fyne.CanvasObject {
	p := w.preview
	t := widget.NewTable(
		func() (int, int) { return len(p.Rows), len(p.Columns.Header) },
		func() fyne.CanvasObject { return kit.NewTableCell() },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			cells := p.Rows[id.Row].Fields
			text := ""
			if id.Col < len(cells) {
				text = cells[id.Col]
			}
			o.(*kit.TableCell).Set(text, false)
		})
	t.ShowHeaderRow = true
	t.CreateHeader = func() fyne.CanvasObject { return kit.NewTableCell() }
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < len(p.Columns.Header) {
			o.(*kit.TableCell).Set(p.Columns.Header[id.Col], false)
		}
	}
	for i := range p.Columns.Header {
		t.SetColumnWidth(i, 150)
	}
	return t
}

// options are the wizard's choices as import options.
func (w *Wizard) options() data.ImportOptions {
	opt := data.ImportOptions{Encoding: w.enc.Value(), Delimiter: w.delim.Value(), Columns: w.chosen()}
	if w.session != nil {
		opt.Session = strings.TrimSpace(w.session.Text)
	}
	return opt
}

// check runs the import as a dry run off the UI goroutine, with progress
// and Cancel, and shows its report. A cancelled check goes back to the
// preview.
func (w *Wizard) check() {
	opt := w.options()
	opt.DryRun = true
	w.checkNote.Hide()
	w.working(lang.L("Checking the rows of {{.File}}…", map[string]any{"File": w.name}), w.checkLoad.Interrupt)
	name, raw, run := w.name, w.raw, w.kind.Run
	w.checkLoad.LoadWithProgress(w.host.Window(), func(ctx context.Context, progress func(int, int)) (*data.ImportReport, error) {
		opt.Progress = progress
		return run(ctx, name, bytes.NewReader(raw), opt)
	}, w.progress, func(rep *data.ImportReport, err error) {
		if errors.Is(err, context.Canceled) {
			w.checkNote.Show()
			w.backToPreview()
			return
		}
		w.report = rep
		w.showReport(rep, err)
	})
}

func (w *Wizard) showReport(rep *data.ImportReport, err error) {
	var headerErr *data.HeaderError
	if errors.As(err, &headerErr) || errors.Is(err, data.ErrNoSession) || errors.Is(err, data.ErrBadSessionCode) {
		msg := kit.ErrorView(err)
		if headerErr != nil {
			msg = container.NewVBox(msg, widget.NewLabel(lang.L("Columns this list looks for: {{.Fields}}",
				map[string]any{"Fields": expectedFields(headerErr)})))
		}
		w.step(msg, container.NewHBox(&widget.Button{Text: lang.L("Back"), OnTapped: w.backToPreview}), widget.NewLabel(""))
		return
	}
	if err != nil && !errors.Is(err, data.ErrRowsInvalid) {
		w.backToPreview()
		kit.ShowError(w.host.Window(), err)
		return
	}
	valid := rep.Created + rep.Updated + rep.Unchanged
	summary := kit.Plural(rep.Rows, "{{.Rows}} row: {{.Created}} new, {{.Updated}} to update, {{.Unchanged}} unchanged, {{.Invalid}} with errors.",
		"{{.Rows}} rows: {{.Created}} new, {{.Updated}} to update, {{.Unchanged}} unchanged, {{.Invalid}} with errors.",
		map[string]any{"Rows": rep.Rows, "Created": rep.Created, "Updated": rep.Updated, "Unchanged": rep.Unchanged, "Invalid": rep.Invalid})
	head := container.NewVBox(widget.NewLabelWithStyle(summary, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	if len(rep.Ignored) > 0 {
		head.Add(kit.Dim(lang.L("Ignored columns: {{.Columns}}", map[string]any{"Columns": fmt.Sprint(rep.Ignored)})))
	}
	for _, n := range rep.Notes {
		head.Add(kit.Dim(importText(n)))
	}
	if len(rep.Warnings) > 0 {
		head.Add(widget.NewLabel(kit.Plural(len(rep.Warnings), "1 warning: the row is imported, but a fact is missing; complete it afterwards.",
			"{{.Count}} warnings: the rows are imported, but facts are missing; complete them afterwards.", map[string]any{"Count": len(rep.Warnings)})))
	}
	errs := problemLists(rep)
	if len(rep.Errors) == 0 {
		head.Add(widget.NewLabel(lang.L("Every row is valid.")))
	}
	back := &widget.Button{Text: lang.L("Back"), OnTapped: w.backToPreview}
	all := &widget.Button{Text: lang.L("Import all"), Importance: widget.HighImportance, OnTapped: func() { w.run(false) }}
	validOnly := &widget.Button{Text: kit.Plural(valid, "Import the {{.Count}} valid row only", "Import the {{.Count}} valid rows only", map[string]any{"Count": valid}), OnTapped: func() { w.run(true) }}
	if rep.Invalid > 0 {
		all.Disable()
		head.Add(widget.NewLabel(lang.L("Import all is possible once every row is valid: correct the file, or import only the valid rows.")))
	}
	if rep.Invalid == 0 || valid == 0 {
		validOnly.Hide()
	}
	w.step(head, container.NewHBox(back, validOnly, all), errs)
}

// run imports for real off the UI goroutine, with progress and Cancel.
func (w *Wizard) run(skipInvalid bool) {
	opt := w.options()
	opt.SkipInvalid = skipInvalid
	w.working(lang.L("Importing {{.File}}…", map[string]any{"File": w.name}), w.runLoad.Interrupt)
	name, raw, run := w.name, w.raw, w.kind.Run
	// The columns of an import that went through are remembered for its
	// header when the user set them by hand, and forgotten when not.
	store, kind, header, remember := w.host.Store(), w.kind.Name, w.preview.Columns.Header, opt.Columns
	if !w.setByHand(remember) {
		remember = nil
	}
	w.runLoad.LoadWithProgress(w.host.Window(), func(ctx context.Context, progress func(int, int)) (*data.ImportReport, error) {
		opt.Progress = progress
		rep, err := run(ctx, name, bytes.NewReader(raw), opt)
		if err == nil && kind != "" {
			_ = store.RememberColumns(kind, header, remember) // an offer for next time: the import stands without it
		}
		return rep, err
	}, w.progress, w.showResult)
}

func (w *Wizard) showResult(rep *data.ImportReport, err error) {
	w.result, w.runErr = rep, err
	var msg string
	switch {
	case errors.Is(err, context.Canceled):
		msg = lang.L("Cancelled: nothing was imported.")
	case err != nil:
		msg = lang.L("Nothing was imported.")
	default:
		msg = kit.Plural(rep.Skipped, "Imported: {{.Created}} created, {{.Updated}} updated, {{.Unchanged}} unchanged, {{.Skipped}} invalid row skipped.",
			"Imported: {{.Created}} created, {{.Updated}} updated, {{.Unchanged}} unchanged, {{.Skipped}} invalid rows skipped.",
			map[string]any{"Created": rep.Created, "Updated": rep.Updated, "Unchanged": rep.Unchanged, "Skipped": rep.Skipped})
		if w.done != nil && rep.Written {
			w.done()
		}
	}
	label := widget.NewLabelWithStyle(msg, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	label.Wrapping = fyne.TextWrapWord
	var head fyne.CanvasObject = label
	if err != nil && !errors.Is(err, context.Canceled) {
		head = container.NewVBox(label, kit.ErrorView(err))
	}
	var body fyne.CanvasObject = widget.NewLabel("")
	if err == nil && len(rep.Warnings) > 0 {
		// What to complete stays in view once the import is done.
		body = problemList(lang.L("Warnings ({{.Count}}): imported, but missing facts to complete", map[string]any{"Count": len(rep.Warnings)}), rep.Warnings)
	}
	w.step(head, container.NewHBox(&widget.Button{Text: lang.L("Finish"), Importance: widget.HighImportance, OnTapped: w.close}), body)
}

// importErrorText is an import error in the interface's language, in the
// command line's form: FILE:LINE: field: reason.
func importErrorText(e data.ImportError) string {
	field := e.Field
	if e.Key != "" {
		field = kit.FieldName(e.Key) // the file has no column that names it
	}
	if field == "" {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, importText(e.Text))
	}
	return fmt.Sprintf("%s:%d: %s: %s", e.File, e.Line, field, importText(e.Text))
}

// importText is a sentence of an import's report in the interface's
// language: its message through lang, the value it is about quoted in
// front. A message that is not a translation key (an error passed on as it
// is) stays in English.
func importText(t data.ImportText) string {
	return t.Render(func(message string, args map[string]any) string { return lang.X(message, message, args) }, lang.L("; "))
}

// expectedFields names the fields a header error's roster looks for, in
// the interface's language.
func expectedFields(e *data.HeaderError) string {
	names := make([]string, len(e.Expected))
	for i, f := range e.Expected {
		names[i] = kit.FieldName(f.Field)
	}
	return strings.Join(names, lang.L(", "))
}
