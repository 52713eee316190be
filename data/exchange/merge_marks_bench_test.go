package exchange

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"tiscdesk/data/datatest"
	"tiscdesk/data/model"
	"tiscdesk/data/store"
)

// Merge of 5,000 institutions and their 5,000 visits, each with contacts
// or people met, that changed on the sender since the receiver last had
// them: every record meets a different version here, the path where the
// merge looks for the marks of forgotten people (merge_forget.go). In
// "marked", the receiver forgot one person met on 1% of the records since.
func BenchmarkMergeInstitutionUpdates(b *testing.B) {
	b.Run("unmarked", func(b *testing.B) { benchInstitutionUpdates(b, false) })
	b.Run("marked", func(b *testing.B) { benchInstitutionUpdates(b, true) })
}

func benchInstitutionUpdates(b *testing.B, marked bool) {
	const n = 5_000
	src := datatest.OpenNamed(b, "src")
	err := src.Update(func(tx *store.Tx) error {
		for i := range n {
			in := &model.Institution{LocalName: fmt.Sprintf("测试大学%d", i), Type: model.TypeUniversity, Province: "CN-SH", Stage: model.StageCandidate,
				Contacts: []model.Contact{{Name: fmt.Sprintf("王老师%d", i), Phone: "021-1111"}, {Name: fmt.Sprintf("学员%d", i), Email: fmt.Sprintf("p%d@example.cn", i)}}}
			if err := src.Institutions.PutIn(tx, in); err != nil {
				return err
			}
			v := &model.Visit{Institution: in.ID, Date: "2018-05-02", Kind: model.VisitAssessment, Findings: "first visit",
				PeopleMet: []string{fmt.Sprintf("王老师%d", i), fmt.Sprintf("学员%d p%d@example.cn", i, i)}}
			if err := src.Visits.PutIn(tx, v); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	var first bytes.Buffer
	if _, err := ExportBundle(src, &first, ExportOptions{}); err != nil {
		b.Fatal(err)
	}
	dst := datatest.OpenNamed(b, "dst")
	if _, err := mergeBundle(context.Background(), dst, bytes.NewReader(first.Bytes()), int64(first.Len()), MergeOptions{}); err != nil {
		b.Fatal(err)
	}
	if marked {
		forgetOnePercent(b, dst)
	}
	later := time.Now().UTC().Add(time.Minute)
	err = src.Update(func(tx *store.Tx) error {
		var ins []*model.Institution
		if err := src.Institutions.EachIn(tx, func(in *model.Institution) bool { ins = append(ins, in); return true }); err != nil {
			return err
		}
		for _, in := range ins {
			in.Contacts[0].Phone, in.UpdatedAt = "021-2222", later
			raw, _ := json.Marshal(in)
			if err := src.Institutions.PutRawIn(tx, in.ID, raw); err != nil {
				return err
			}
		}
		var vs []*model.Visit
		if err := src.Visits.EachIn(tx, func(v *model.Visit) bool { vs = append(vs, v); return true }); err != nil {
			return err
		}
		for _, v := range vs {
			v.Findings, v.UpdatedAt = "second look", later
			raw, _ := json.Marshal(v)
			if err := src.Visits.PutRawIn(tx, v.ID, raw); err != nil {
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
		if err != nil || rep.Total().Updated < 2*n {
			b.Fatal(rep.Total(), err)
		}
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
}
