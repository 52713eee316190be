package exchange

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
