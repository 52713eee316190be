package exchange

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"tiscdesk/data/datatest"
	"tiscdesk/data/model"
	"tiscdesk/data/store"
)

// sessionSource is a source of other's sessions with the codes given,
// created there now.
func sessionSource(t *testing.T, other *store.Store, codes ...string) Source {
	t.Helper()
	err := other.Update(func(tx *store.Tx) error {
		for _, c := range codes {
			if err := other.Sessions.PutIn(tx, &model.Session{Code: c}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	src := Source{ID: "test-" + strings.Join(codes, "-"), Device: other.DeviceID(), Label: "other", Known: Knowledge{}}
	_, err = Changes(other, nil, func(_ *store.Tx, r Record) error {
		if r.Kind != store.SessionsBucket {
			return nil
		}
		var s model.Session
		if err := json.Unmarshal(r.Raw, &s); err != nil {
			return err
		}
		for _, c := range codes {
			if s.Code == c {
				src.Records = append(src.Records, Record{Kind: r.Kind, Raw: append([]byte(nil), r.Raw...)})
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return src
}

// The pages of one pull share the index of natural keys only while no
// other write came in between: a session entered here between two pages
// is still found as the duplicate of the one the second page brings.
func TestMergeCacheIsDroppedWhenAnotherWriteCameBetweenPages(t *testing.T) {
	ctx := context.Background()
	here, other := datatest.OpenNamed(t, "here"), datatest.OpenNamed(t, "other")
	var cache MergeCache
	if _, err := MergeSourcesWith(ctx, here, &cache, []Source{sessionSource(t, other, "101C20S1")}, nil); err != nil {
		t.Fatal(err)
	}
	// Entered here between the pages.
	if err := here.Update(func(tx *store.Tx) error { return here.Sessions.PutIn(tx, &model.Session{Code: "101C20S2"}) }); err != nil {
		t.Fatal(err)
	}
	rep, err := MergeSourcesWith(ctx, here, &cache, []Source{sessionSource(t, other, "101C20S2", "101C21S1")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	live := 0
	err = here.View(func(tx *store.Tx) error {
		return here.Sessions.EachIn(tx, func(s *model.Session) bool {
			if s.Code == "101C20S2" {
				live++
			}
			return true
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	if live != 1 || rep.Total().Duplicates != 1 {
		t.Errorf("after the second page %d live sessions hold 101C20S2 and the merge counted %d duplicates; want 1 and 1", live, rep.Total().Duplicates)
	}
}
