package exchange

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"
	"time"

	"tiscdesk/data/datatest"
	"tiscdesk/data/model"
	"tiscdesk/data/store"
)

// Merge of 20,000 enrolments that changed on the sender since the
// receiver last had them: every record meets a different version here,
// the path where the merge looks for a forget (merge_forget.go).
func BenchmarkMergeBundleUpdates(b *testing.B) {
	const n = 20_000
	src := bigBundleStore(b, n)
	var first bytes.Buffer
	if _, err := ExportBundle(src, &first, ExportOptions{}); err != nil {
		b.Fatal(err)
	}
	dst := datatest.OpenNamed(b, "dst")
	if _, err := mergeBundle(context.Background(), dst, bytes.NewReader(first.Bytes()), int64(first.Len()), MergeOptions{}); err != nil {
		b.Fatal(err)
	}
	later := time.Now().UTC().Add(time.Minute)
	err := src.Update(func(tx *store.Tx) error {
		var all []*model.Enrolment
		if err := src.Enrolments.EachIn(tx, func(e *model.Enrolment) bool { all = append(all, e); return true }); err != nil {
			return err
		}
		for _, e := range all {
			e.Status, e.UpdatedAt = model.StatusFailed, later
			raw, _ := json.Marshal(e)
			if err := src.Enrolments.PutRawIn(tx, e.ID, raw); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	var upd bytes.Buffer
	if _, err := ExportBundle(src, &upd, ExportOptions{}); err != nil {
		b.Fatal(err)
	}
	raw := upd.Bytes()
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		s := datatest.Copy(b, dst, "copy")
		b.StartTimer()
		rep, err := mergeBundle(context.Background(), s, bytes.NewReader(raw), int64(len(raw)), MergeOptions{})
		if err != nil || rep.Total().Updated < n {
			b.Fatal(rep.Total(), err)
		}
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
}
