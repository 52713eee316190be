package data

import (
	"context"
	"io"

	"tiscdesk/data/transfer"
)

// StatisticsFields is transfer.StatisticsFields.
var StatisticsFields = transfer.StatisticsFields

// ImportStatistics is transfer.ImportStatistics.
func (s *Store) ImportStatistics(ctx context.Context, file string, r io.Reader, opt ImportOptions) (*ImportReport, error) {
	return transfer.ImportStatistics(ctx, s.Store, file, r, opt)
}

// ExportStatistics is transfer.ExportStatistics.
func (s *Store) ExportStatistics(w io.Writer, enc Encoding) (int, error) {
	return transfer.ExportStatistics(s.Store, w, enc)
}
