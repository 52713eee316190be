package model

import (
	"bytes"
	"encoding/json"
	"math"
	"reflect"
	"testing"
	"time"
)

// plainEnrolment is Enrolment as encoding/json sees it, for comparison.
type plainEnrolment Enrolment

func sampleEnrolment() *Enrolment {
	score := 87.5
	e := &Enrolment{Session: NewID(), Name: "张伟", Email: "zhang.wei@example.cn", Gender: GenderMale,
		Organisation: "同济大学知识产权中心", Province: "CN-SH", Country: "CN", Registered: "2018-03-01",
		Status: StatusCompleted, Score: &score, Certificate: "WIPO-101C18S1-0001", CertificateDate: "2018-07-01"}
	e.ID, e.CreatedAt, e.UpdatedAt = NewID(), time.Date(2018, 3, 1, 8, 0, 0, 123456789, time.UTC), time.Now().UTC()
	e.UpdatedBy, e.Device = "Field laptop 成都", "5f0c1d1e-9a3b-4c2d-8e7f-0a1b2c3d4e5f"
	return e
}

func checkSameJSON(t *testing.T, e *Enrolment) {
	t.Helper()
	want, wantErr := json.Marshal((*plainEnrolment)(e))
	got, err := AppendEnrolmentJSON(nil, e)
	if (err != nil) != (wantErr != nil) {
		t.Fatalf("error %v, encoding/json says %v", err, wantErr)
	}
	if err == nil && !bytes.Equal(got, want) {
		t.Fatalf("encoded\n%s\nencoding/json writes\n%s", got, want)
	}
}

func TestEnrolmentJSONIsEncodingJSONs(t *testing.T) {
	neg, tiny, huge, whole := -0.0, 1e-7, 1e22, 100.0
	for name, change := range map[string]func(*Enrolment){
		"full":           func(*Enrolment) {},
		"minimal":        func(e *Enrolment) { *e = Enrolment{Status: StatusRegistered} },
		"deleted":        func(e *Enrolment) { e.Deleted = true },
		"escapes":        func(e *Enrolment) { e.Name = "O'Brien \"Pat\" <b>&</b>\\\n\t\x01\u2028" },
		"bad utf-8":      func(e *Enrolment) { e.Organisation = "caf\xe9 \xff" },
		"whole score":    func(e *Enrolment) { e.Score = &whole },
		"tiny score":     func(e *Enrolment) { e.Score = &tiny },
		"huge score":     func(e *Enrolment) { e.Score = &huge },
		"minus zero":     func(e *Enrolment) { e.Score = &neg },
		"no score":       func(e *Enrolment) { e.Score = nil },
		"local time":     func(e *Enrolment) { e.CreatedAt = time.Date(2019, 1, 2, 3, 4, 5, 0, time.FixedZone("CST", 8*3600)) },
		"year 10000":     func(e *Enrolment) { e.UpdatedAt = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC) },
		"emoji, CJK ext": func(e *Enrolment) { e.Name = "𠮷野家 🎓" },
	} {
		t.Run(name, func(t *testing.T) {
			e := sampleEnrolment()
			change(e)
			checkSameJSON(t, e)
		})
	}
	nan := math.NaN()
	e := sampleEnrolment()
	e.Score = &nan
	if _, err := AppendEnrolmentJSON(nil, e); err == nil {
		t.Error("a NaN score was encoded")
	}
}

func FuzzEnrolmentJSON(f *testing.F) {
	f.Add("张伟", "a@b.cn", "同济", "WIPO-1", "registered", 50.5, int64(0))
	f.Add("<&>\"\\", "\xff", "\u2028", "", "", 1e-9, int64(-1))
	f.Fuzz(func(t *testing.T, name, email, org, cert, status string, score float64, nanos int64) {
		e := sampleEnrolment()
		e.Name, e.Email, e.Organisation, e.Certificate, e.Status = name, email, org, cert, EnrolmentStatus(status)
		e.Score = &score
		e.UpdatedAt = time.Unix(0, nanos).UTC()
		if math.IsNaN(score) || math.IsInf(score, 0) {
			e.Score = nil
		}
		checkSameJSON(t, e)
		raw, _ := AppendEnrolmentJSON(nil, e)
		checkScan(t, raw)
	})
}

// checkScan checks that ScanEnrolment, when it reads raw, reads what
// encoding/json does.
func checkScan(t *testing.T, raw []byte) {
	t.Helper()
	var want Enrolment
	if err := json.Unmarshal(raw, &want); err != nil {
		t.Fatal(err)
	}
	var f EnrolmentText
	if !ScanEnrolment(raw, &f) {
		return // left to encoding/json
	}
	got := map[string]string{"id": string(f.ID), "session": string(f.Session), "name": string(f.Name),
		"email": string(f.Email), "organisation": string(f.Organisation), "status": string(f.Status),
		"certificate": string(f.Certificate), "province": string(f.Province)}
	exp := map[string]string{"id": want.ID.String(), "session": want.Session.String(), "name": want.Name,
		"email": want.Email, "organisation": want.Organisation, "status": string(want.Status),
		"certificate": want.Certificate, "province": want.Province}
	if !reflect.DeepEqual(got, exp) {
		t.Fatalf("scanned %q, encoding/json reads %q", got, exp)
	}
	if f.HasScore != (want.Score != nil) || (f.HasScore && f.Score != *want.Score) {
		t.Fatalf("score %v %v, encoding/json reads %v", f.HasScore, f.Score, want.Score)
	}
}

func TestScanEnrolment(t *testing.T) {
	e := sampleEnrolment()
	raw, _ := AppendEnrolmentJSON(nil, e)
	checkScan(t, raw)
	var f EnrolmentText
	for _, bad := range []string{
		`{"id":"x","name":"a\"b"}`, `{"id":"x","extra":1}`, `{"id":"x",}`, `{"id":"x"} `, `[1]`, ``,
		`{"score":"85"}`, `{"deleted":1}`, `{"name":"\xff"}`,
	} {
		if ScanEnrolment([]byte(bad), &f) {
			t.Errorf("ScanEnrolment read %s: it should leave it to encoding/json", bad)
		}
	}
	if !ScanEnrolment([]byte(`{"score":null,"deleted":true}`), &f) || f.HasScore || !f.Deleted {
		t.Errorf("null score / deleted: %+v", f)
	}
}

func BenchmarkEnrolmentJSON(b *testing.B) {
	e := sampleEnrolment()
	b.Run("encoding/json", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_, _ = json.Marshal((*plainEnrolment)(e))
		}
	})
	b.Run("append", func(b *testing.B) {
		b.ReportAllocs()
		var buf []byte
		for b.Loop() {
			buf, _ = AppendEnrolmentJSON(buf[:0], e)
		}
	})
	raw, _ := AppendEnrolmentJSON(nil, e)
	b.Run("unmarshal", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var x Enrolment
			_ = json.Unmarshal(raw, &x)
		}
	})
	b.Run("scan", func(b *testing.B) {
		b.ReportAllocs()
		var f EnrolmentText
		for b.Loop() {
			ScanEnrolment(raw, &f)
		}
	})
}
