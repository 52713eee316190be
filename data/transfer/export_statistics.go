package transfer

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"
	"tiscdesk/data/model"
	"tiscdesk/data/store"
	"tiscdesk/data/tabular"
)

// statisticsColumns are the header of ExportStatistics: a file format
// (DESIGN section 5), whose every column the statistics import reads back.
var statisticsColumns = tabular.TextColumns(
	"Institution", "English name", "Year",
	"Inquiries", "Search and analysis reports", "Landscape and industry analyses",
	"Training events", "Training participants", "Awareness events",
	"Applications supported", "Technology transfers", "Staff", "Staff trained in DL",
	"Notes", "id",
).As(tabular.Number, "Year",
	"Inquiries", "Search and analysis reports", "Landscape and industry analyses",
	"Training events", "Training participants", "Awareness events",
	"Applications supported", "Technology transfers", "Staff", "Staff trained in DL")

// ExportStatistics writes every live yearly return to w as CSV in enc
// (EncodingUTF8 with a BOM, or EncodingGB18030) or as an Excel workbook
// (EncodingXLSX), by institution name then
// year, and returns how many it wrote. The file re-imports as it is.
// Returns an error when enc is another encoding, or w or the database fails.
func ExportStatistics(s *store.Store, w io.Writer, enc tabular.Encoding) (int, error) {
	cw, err := tabular.NewRowWriter(w, enc, statisticsColumns)
	if err != nil {
		return 0, err
	}
	rows, err := statisticsRows(s)
	if err != nil {
		return 0, fmt.Errorf("export statistics: %w", err)
	}
	var werr error
	for _, row := range rows {
		if werr != nil {
			break
		}
		werr = cw.Write(row...)
	}
	if err = firstError(werr, cw.Close()); err != nil {
		return 0, fmt.Errorf("export statistics: %w", err)
	}
	return len(rows), nil
}

// statisticsRows are the export's rows, sorted.
func statisticsRows(s *store.Store) ([][]string, error) {
	type item struct {
		name, english string
		r             *model.YearlyReturn
	}
	var items []item
	err := s.View(func(tx *store.Tx) error {
		names := map[model.ID]*model.Institution{}
		if err := s.Institutions.EachIn(tx, func(in *model.Institution) bool {
			names[in.ID] = in
			return true
		}); err != nil {
			return err
		}
		return s.Statistics.EachIn(tx, func(r *model.YearlyReturn) bool {
			if in := names[r.Institution]; in != nil {
				items = append(items, item{in.LocalName, in.EnglishName, r})
			}
			return true
		})
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(items, func(a, b item) int {
		return cmp.Or(cmp.Compare(orElse(a.name, a.english), orElse(b.name, b.english)), cmp.Compare(a.r.Year, b.r.Year))
	})
	out := make([][]string, len(items))
	for i, it := range items {
		row := []string{orElse(it.name, it.english), it.english, strconv.Itoa(it.r.Year)}
		for _, f := range it.r.Figures() {
			row = append(row, strconv.Itoa(*f.Value))
		}
		out[i] = append(row, it.r.Notes, it.r.ID.String())
	}
	return out, nil
}
