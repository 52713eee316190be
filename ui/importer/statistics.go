package importer

import "tiscdesk/data"

// Statistics is the kind for files of the TISCs' yearly returns, imported
// into store (nil: the kind's title and fields only).
func Statistics(store *data.Store) Kind {
	k := Kind{Name: "statistics", Title: "Import yearly statistics", Fields: data.StatisticsFields()}
	if store != nil {
		k.Run = store.ImportStatistics
	}
	return k
}
