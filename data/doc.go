// Package data is the door of TISC Desk's domain for the window, the
// commands and the reports: data.Store is an open database with the
// operations of every room below (docs/architecture.md), and the names of
// the rooms' types are repeated here so that a caller needs one import.
//
// The rooms are data/model (entity types, validation, reference tables),
// data/store (the only importer of bbolt: tables, rules, indexes,
// migrations, backups), data/query (list indexes, Overview figures, report
// facts), data/tabular (CSV reading and writing), data/transfer (the
// imports, through one driver, and the exports), data/exchange (bundles,
// the merge, conflicts) and data/sample. Nothing here or below imports
// Fyne, so all of it is tested and benchmarked headless.
package data
