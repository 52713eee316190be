package cli

import "tiscdesk/data"

// `tiscdesk import statistics FILE` and `export statistics FILE.csv`: the
// TISCs' yearly returns (DESIGN section 12).
func init() {
	importers["statistics"] = (*data.Store).ImportStatistics
	exporters["statistics"] = (*data.Store).ExportStatistics
}
