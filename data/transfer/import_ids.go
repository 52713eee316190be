package transfer

import (
	"tiscdesk/data/model"
	"tiscdesk/data/tabular"
)

// Every export writes each record's id as its last column, headed "id"
// (DESIGN section 5). An import matches a row with an id to that record
// first, so that a record renamed in the file updates rather than
// duplicates; rows without an id, or with the id of a record this database
// does not hold (a file from another machine), match as before.

// idField is the id column of every import.
var idField = tabular.FieldSpec{Field: "id", Synonyms: []string{"id", "record id", "记录编号", "编号id"}}

// rowID reads a row's id cell: ok is false for an empty cell; why says what
// is wrong with a cell that is not an id.
func rowID(cell string) (id model.ID, ok bool, why model.ImportText) {
	if cell == "" {
		return model.NilID, false, model.ImportText{}
	}
	id, err := model.ParseID(cell)
	if err != nil || id == model.NilID {
		return model.NilID, false, model.Because(cell, "is not a record id (leave the id column as the export wrote it, or empty for a new record)")
	}
	return id, true, model.ImportText{}
}
