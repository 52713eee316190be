package kit

import (
	"context"
	"errors"
	"io/fs"

	"fyne.io/fyne/v2/lang"

	"tiscdesk/data/exchange"
	"tiscdesk/data/exchange/hub"
	"tiscdesk/data/model"
	"tiscdesk/data/photo"
	"tiscdesk/data/store"
	"tiscdesk/data/tabular"
	"tiscdesk/data/transfer"
	"tiscdesk/reports"
)

// This file is the one place where the errors of data and reports become
// sentences: each says what happened and what to do, in the interface's
// language. The error's own text (English, technical) goes only to the log
// and behind the Technical details expander (ErrorView). A new sentinel or
// error type in those packages without a sentence here fails
// TestEveryErrorHasAMessage.

// Explain is the sentence the window shows for err: what happened and what
// to do, translated. An error it does not know gets a general sentence that
// points to the details.
func Explain(err error) string {
	if m, ok := Known(err); ok {
		return m
	}
	return lang.L("TISC Desk could not finish this. Try again; if it fails again, open Technical details below and send what it says to whoever supports you.")
}

// Known is the sentence for err when TISC Desk has one of its own, and
// false when Explain would only give its general advice: a caller with a
// better fallback of its own (the Team hub panel) uses Known.
func Known(err error) (string, bool) {
	if m := explainTyped(err); m != "" {
		return m, true
	}
	if m := explainSentinel(err); m != "" {
		return m, true
	}
	return "", false
}

// explainTyped is the sentence for the typed errors, whose fields say more
// than their sentinel, or "".
func explainTyped(err error) string {
	var seal *exchange.SealError
	if errors.As(err, &seal) && !errors.Is(seal.Err, exchange.ErrWrongPassphrase) {
		switch seal.For {
		case exchange.SealedPassphrase:
			return lang.L("This bundle is sealed with a passphrase. Merge it again and type the passphrase its sender gave you.")
		case exchange.SealedDevice:
			return lang.L("This bundle is sealed for another machine, and only that machine can open it. Ask its sender to export it again for this machine, or with a passphrase.")
		}
	}
	var invalid *model.ValidationError
	if errors.As(err, &invalid) {
		return lang.L("Some fields are not valid:") + "\n" + FieldMessages(err)
	}
	var header *tabular.HeaderError
	if errors.As(err, &header) {
		return lang.L("The header on line {{.Line}} names none of the columns this list needs. Name the columns as the import wizard lists them, or choose another file.",
			map[string]any{"Line": header.Line})
	}
	var row transfer.ImportError
	if errors.As(err, &row) {
		return lang.L("Line {{.Line}} of the file cannot be imported. Correct it in the file and import the file again.",
			map[string]any{"Line": row.Line})
	}
	return ""
}

// explainSentinel is the sentence for the sentinel errors, or "".
func explainSentinel(err error) string {
	is := func(target error) bool { return errors.Is(err, target) }
	switch {
	// The database (data/store, data/model).
	case is(model.ErrInUse):
		return lang.L("The database is in use by another TISC Desk. Close the other one and start again.")
	case is(model.ErrNotDatabase):
		return lang.L("This file is not a TISC Desk database, or it is damaged. It has been left exactly as it was.")
	case is(model.ErrNewerSchema):
		return lang.L("This database was written by a newer TISC Desk. Install that version to open it; the file has been left as it was.")
	case is(model.ErrNotFound):
		return lang.L("The record no longer exists. It may have been deleted.")
	case is(model.ErrBadSessionCode):
		return lang.L("The session chosen is not a session code of the form NNNLYYSn, e.g. 101C18S1.")
	case is(model.ErrPosition):
		return lang.L("That is not a position. Type it as 31.2304, 121.4737 or as 31°13'49\"N 121°28'25\"E.")
	case is(store.ErrFileExists):
		return lang.L("A file of that name is already there. Choose another name, or allow replacing it.")
	case is(store.ErrNoBackup):
		return lang.L("No sound backup of this database was found, and nothing was changed. Back up in Settings while the database is sound.")

	// Spreadsheets and imports (data/tabular, data/transfer).
	case is(tabular.ErrNotWorkbook):
		return lang.L("This file is not an Excel workbook TISC Desk can read. Save it again as .xlsx, or as CSV, and choose it again.")
	case is(tabular.ErrTooBigForExcel):
		return lang.L("There are more rows than an Excel sheet holds. Export as CSV instead, or narrow the list with a filter first.")
	case is(tabular.ErrNoHeader):
		return lang.L("The file has no header row this list can read. Put the column names in its first row and choose the file again.")
	case is(transfer.ErrRowsInvalid):
		return lang.L("Nothing was imported: some rows are not valid. Correct them in the file, or import again and skip the invalid rows.")
	case is(transfer.ErrNoSession):
		return lang.L("The file has no session column: choose the session its participants enrolled in, then check the rows again.")

	// Bundles (data/exchange).
	case is(exchange.ErrWrongPassphrase):
		return lang.L("The passphrase does not open this sealed bundle. Check it with the bundle's sender and type it again.")
	case is(exchange.ErrSealed):
		return lang.L("This bundle is sealed, and neither this machine's key nor a passphrase opens it. Ask its sender how it was sealed.")
	case is(exchange.ErrNotSealed):
		return lang.L("This bundle is not sealed, so it needs no passphrase. Merge it without one.")
	case is(exchange.ErrNotBundle):
		return lang.L("This file is not a TISC Desk bundle. Choose the bundle file that was exported for you.")
	case is(exchange.ErrBundleDamaged):
		return lang.L("The bundle is damaged or incomplete, and nothing of it was merged. Ask its sender to export it again.")
	case is(exchange.ErrBundleNewer):
		return lang.L("The bundle was written by a newer TISC Desk, and nothing of it was merged. Install that version to merge it.")
	case is(exchange.ErrMergeKind):
		return lang.L("These two records cannot be merged: both must be live institutions, programmes, cohorts or students of the same kind. Nothing was changed.")
	case is(exchange.ErrUndone):
		return lang.L("This merge was undone already, or was made on another computer. Nothing was changed.")

	// The team hub (data/exchange/hub).
	case is(hub.ErrNoHub):
		return lang.L("No team hub is set up on this machine. Ask the coordinator for the hub's address and a login of your own.")
	case is(hub.ErrLogin):
		return lang.L("The team hub refused the login. Check the user and password the coordinator gave you.")
	case is(hub.ErrUnreachable):
		return lang.L("The team hub does not answer. Check the network connection and the hub's address, then try again.")
	case is(hub.ErrCertificate):
		return lang.L("The team hub's certificate does not prove it is the hub of this address, so nothing was sent. Check the hub's address and its certificate file with the coordinator.")
	case is(hub.ErrInsecure):
		return lang.L("A team hub on another machine must be reached over a verified connection. Ask the coordinator for the hub's address with sslmode=verify-full.")
	case is(hub.ErrHubNewer):
		return lang.L("The team hub was set up by a newer TISC Desk, and nothing was changed. Install that version to use it.")
	case is(hub.ErrHubOlder):
		return lang.L("The team hub was set up by an older TISC Desk, and nothing was changed. Ask the hub's owner to run tiscdesk hub setup again to upgrade it.")
	case is(hub.ErrNotHub):
		return lang.L("That database is not a TISC Desk team hub. Check the hub's address with the coordinator.")
	case is(hub.ErrBoundElsewhere):
		return lang.L("This hub login belongs to another machine. Ask the coordinator for a login of your own.")

	// Photos (data/photo).
	case is(photo.ErrNotPhoto):
		return lang.L("This file is not a JPEG or PNG photo. Choose a photo file.")
	case is(photo.ErrDamaged):
		return lang.L("This photo file is damaged and cannot be read. Choose another copy of the photo.")
	case is(photo.ErrTooLarge):
		return lang.L("This file is too large to be a photo. Choose a photo, or make it smaller first.")

	// Reports.
	case is(reports.ErrDraftVisit):
		return lang.L("This visit is still a draft. Finish the visit, then print its report.")
	case is(reports.ErrNoVisit):
		return lang.L("Choose a visit first: a visit report is about one visit.")
	case is(reports.ErrBadPeriod):
		return lang.L("The period ends before it starts. Correct its dates and try again.")

	// The system's.
	case is(context.Canceled):
		return lang.L("Cancelled.")
	case is(fs.ErrNotExist):
		return lang.L("The file or folder is no longer there. Choose it again.")
	case is(fs.ErrPermission):
		return lang.L("TISC Desk may not read or write that file or folder. Choose another place, or ask for access to it.")
	}
	return ""
}
