package tabular

import (
	"testing"

	"tiscdesk/data/datatest"
)

func TestMain(m *testing.M) { datatest.Main(m) }
