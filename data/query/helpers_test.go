package query

import (
	"testing"

	"tiscdesk/data/datatest"
	"tiscdesk/data/model"
	"tiscdesk/data/store"
)

const sampleToday = datatest.Today

func openTemp(t testing.TB) *store.Store { return datatest.Open(t) }

func loadSample(t testing.TB, s *store.Store, today model.Date) store.Counts {
	return datatest.Sample(t, s, today)
}

func bigStore(b testing.TB, n, m int) *store.Store { return datatest.BigStore(b, n, m) }

// syntheticStore is a database of n synthetic enrolments (datatest.Enrolments).
func syntheticStore(tb testing.TB, n int) *store.Store { return datatest.Enrolments(tb, n, 7) }
