package cli

import "tiscdesk/data"

// The joint-degree kinds of the import and export commands (DESIGN
// sections 5 and 9):
//
//	tiscdesk import students FILE [--skip-invalid] [--dry-run] [--encoding E] [--delimiter D] [--sheet NAME]
//	tiscdesk export students FILE.csv|FILE.xlsx [--encoding utf-8|gb18030] [--force]
//
// A roster names each student's programme and intake year; the programmes
// and cohorts it names that the database lacks are created, and the import
// says so (data.Store.ImportStudents).
func init() {
	importers["students"] = (*data.Store).ImportStudents
	exporters["students"] = (*data.Store).ExportStudents
}
