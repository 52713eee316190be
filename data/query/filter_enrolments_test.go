package query

import (
	"runtime"
	"slices"
	"strings"
	"testing"
	"tiscdesk/data/model"
)

func TestEnrolmentIndexFilter(t *testing.T) {
	s := syntheticStore(t, 3000)
	x, err := LoadEnrolments(s)
	if err != nil {
		t.Fatal(err)
	}
	all, _ := s.Enrolments.List()
	sessions, _ := s.Sessions.List()
	codes := map[model.ID]model.SessionCode{}
	for _, ss := range sessions {
		codes[ss.ID] = ss.Parsed()
	}
	if x.Len() != len(all) || len(x.Sessions) != len(sessions) {
		t.Fatalf("index %d enrolments, %d sessions; store %d, %d", x.Len(), len(x.Sessions), len(all), len(sessions))
	}
	some := all[len(all)/2]
	for _, tc := range []struct {
		name string
		q    EnrolmentQuery
		want func(e *model.Enrolment) bool
	}{
		{"all", EnrolmentQuery{}, func(*model.Enrolment) bool { return true }},
		{"name", EnrolmentQuery{Text: "欧阳"}, func(e *model.Enrolment) bool { return strings.Contains(e.Name, "欧阳") }},
		{"email, any case", EnrolmentQuery{Text: strings.ToUpper(some.Email)}, func(e *model.Enrolment) bool { return strings.EqualFold(e.Email, some.Email) }},
		{"two words", EnrolmentQuery{Text: "成都 图书馆"}, func(e *model.Enrolment) bool {
			return strings.Contains(e.Organisation, "成都") && strings.Contains(e.Organisation, "图书馆")
		}},
		{"latin name", EnrolmentQuery{Text: "amina"}, func(e *model.Enrolment) bool { return strings.Contains(e.Name, "Amina") }},
		{"session", EnrolmentQuery{Session: some.Session}, func(e *model.Enrolment) bool { return e.Session == some.Session }},
		{"course, language, year", EnrolmentQuery{Course: "318", Language: model.LangChinese, Year: 2020}, func(e *model.Enrolment) bool {
			c := codes[e.Session]
			return c.Course == "318" && c.Language == model.LangChinese && c.Year == 2020
		}},
		{"status and province", EnrolmentQuery{Status: model.StatusFailed, Province: "CN-SC"}, func(e *model.Enrolment) bool {
			return e.Status == model.StatusFailed && e.Province == "CN-SC"
		}},
		{"unspecified gender", EnrolmentQuery{Gender: GenderFilterUnspecified}, func(e *model.Enrolment) bool { return e.Gender == model.GenderUnspecified }},
		{"female", EnrolmentQuery{Gender: "female"}, func(e *model.Enrolment) bool { return e.Gender == model.GenderFemale }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want := 0
			for _, e := range all {
				if tc.want(e) {
					want++
				}
			}
			got := x.Filter(tc.q)
			if len(got) != want || want == 0 {
				t.Fatalf("%d rows, want %d (and more than none)", len(got), want)
			}
		})
	}

	// Every sort is an order of the column, either way round.
	for by := EnrolmentSortByName; by < enrolmentSorts; by++ {
		asc, desc := x.Filter(EnrolmentQuery{Sort: by}), x.Filter(EnrolmentQuery{Sort: by, Desc: true})
		for i := 1; i < len(asc); i++ {
			if c := compareEnrolments(asc[i-1], asc[i], by); c > 0 || (c == 0 && asc[i-1].nameRank > asc[i].nameRank) {
				t.Fatalf("sort %d: row %d before row %d out of order", by, i-1, i)
			}
		}
		if len(desc) != len(asc) || desc[0] != asc[len(asc)-1] {
			t.Fatalf("sort %d descending is not the reverse", by)
		}
	}
	// Names sort by pinyin: 陈 (chen) before 王 (wang) before 张 (zhang).
	byName := x.Filter(EnrolmentQuery{Sort: EnrolmentSortByName})
	first := map[string]int{}
	for i, r := range byName {
		for _, s := range []string{"陈", "王", "张"} {
			if _, seen := first[s]; !seen && strings.HasPrefix(r.Name, s) {
				first[s] = i
			}
		}
	}
	if !(first["陈"] < first["王"] && first["王"] < first["张"]) {
		t.Errorf("names are not in pinyin order: %v", first)
	}
}

func TestEnrolmentIndexStatsAndParticipant(t *testing.T) {
	s := syntheticStore(t, 3000)
	x, err := LoadEnrolments(s)
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, sr := range x.Sessions {
		rows := x.Filter(EnrolmentQuery{Session: sr.ID})
		st := StatsOf(rows)
		if st.Enrolments != sr.Stats.Enrolments || st.Completed() != sr.Stats.Completed() || st.Failed() != sr.Stats.Failed() {
			t.Fatalf("session %s: figures %+v, counted %+v", sr.Session.Code, sr.Stats, st)
		}
		total += sr.Stats.Enrolments
	}
	if total != x.Len() {
		t.Fatalf("sessions add up to %d of %d enrolments", total, x.Len())
	}
	st := LearningStats{ByStatus: map[model.EnrolmentStatus]int{model.StatusCompleted: 6, model.StatusFailed: 2, model.StatusWithdrawn: 2}, Enrolments: 10}
	if c, _ := st.CompletionRate(); c != 0.6 {
		t.Errorf("completion rate %v, want 0.6", c)
	}
	if _, ok := (LearningStats{Enrolments: 3, ByStatus: map[model.EnrolmentStatus]int{model.StatusActive: 2, model.StatusWithdrawn: 1}}).CompletionRate(); ok {
		t.Error("a completion rate before anyone finished")
	}
	if p, _ := st.PassRate(); p != 0.75 {
		t.Errorf("pass rate %v, want 0.75", p)
	}
	if _, ok := (LearningStats{}).PassRate(); ok {
		t.Error("a pass rate without results")
	}

	// Someone with several courses: newest session first.
	count := map[string]int{}
	for _, r := range x.Filter(EnrolmentQuery{}) {
		count[r.emailLower()]++
	}
	for email, n := range count {
		if n < 2 {
			continue
		}
		rows := x.Participant(strings.ToUpper(email))
		if len(rows) != n {
			t.Fatalf("%s: %d enrolments, want %d", email, len(rows), n)
		}
		if !slices.IsSortedFunc(rows, func(a, b *EnrolmentRow) int { return a.Session.idx - b.Session.idx }) {
			t.Errorf("%s: not newest first", email)
		}
		break
	}
}

// BenchmarkFilterEnrolments is one keystroke in the enrolment list's search
// over 200,000 enrolments, and changes of filter and sort.
func BenchmarkFilterEnrolments(b *testing.B) {
	x, err := LoadEnrolments(syntheticStore(b, 200_000))
	if err != nil {
		b.Fatal(err)
	}
	x.Filter(EnrolmentQuery{}) // the default order, computed at the first show
	for _, tc := range []struct {
		name string
		q    EnrolmentQuery
	}{
		{"first letter", EnrolmentQuery{Text: "p"}},
		{"name", EnrolmentQuery{Text: "王芳"}},
		{"email", EnrolmentQuery{Text: "p00123"}},
		{"organisation, two words", EnrolmentQuery{Text: "成都 图书馆"}},
		{"no match", EnrolmentQuery{Text: "zzzz"}},
		{"status and province", EnrolmentQuery{Status: model.StatusCompleted, Province: "CN-GD"}},
		{"year, by score", EnrolmentQuery{Year: 2022, Sort: EnrolmentSortByScore, Desc: true}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			x.Filter(tc.q) // its sort order, computed once
			b.ReportAllocs()
			for b.Loop() {
				x.Filter(tc.q)
			}
		})
	}
	b.Run("new sort order", func(b *testing.B) {
		for b.Loop() {
			x.orders[EnrolmentSortByOrganisation] = nil
			x.Filter(EnrolmentQuery{Sort: EnrolmentSortByOrganisation})
		}
	})
}

// BenchmarkLoadEnrolmentIndex opens the enrolment list over 200,000
// enrolments, and reports the index's memory (live heap after a GC).
func BenchmarkLoadEnrolmentIndex(b *testing.B) {
	s := syntheticStore(b, 200_000)
	var x *EnrolmentIndex
	for b.Loop() {
		x = nil
		var err error
		if x, err = LoadEnrolments(s); err != nil {
			b.Fatal(err)
		}
	}
	// What the list holds while it shows: the index and its default order.
	x.Filter(EnrolmentQuery{})
	// Two collections empty sync.Pools (bbolt keeps the import's pages in one).
	var with, without runtime.MemStats
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&with)
	runtime.KeepAlive(x)
	x = nil
	runtime.GC()
	runtime.ReadMemStats(&without)
	b.ReportMetric(float64(with.HeapAlloc-without.HeapAlloc)/(1<<20), "index-MB")
}

// The index packs each row's dates into numbers: they must come back as
// stored, odd ones included, and sort as dates.
func TestEnrolmentRowDatesComeBackAsStored(t *testing.T) {
	var odd []model.Date
	for _, d := range []model.Date{"", "2026-11-21", "1999-01-02", "2026-1-5", "garbage", "0000-00-00"} {
		x := &EnrolmentIndex{}
		p := packDate([]byte(d), &odd)
		x.oddDates = odd
		if got := x.date(p); got != d {
			t.Errorf("%q came back as %q", d, got)
		}
	}
	if a, b := packDate([]byte("2025-12-31"), &odd), packDate([]byte("2026-01-01"), &odd); a >= b {
		t.Errorf("2025-12-31 packs to %d, not before 2026-01-01's %d", a, b)
	}
}

// An index keeps the name order and the two sort orders used last; an
// order it dropped is computed again, the same.
func TestEnrolmentIndexKeepsTheRecentSortOrders(t *testing.T) {
	x, err := LoadEnrolments(syntheticStore(t, 2000))
	if err != nil {
		t.Fatal(err)
	}
	ids := func(rows []*EnrolmentRow) []model.ID {
		out := make([]model.ID, len(rows))
		for i, r := range rows {
			out[i] = r.ID
		}
		return out
	}
	byEmail := ids(x.Filter(EnrolmentQuery{Sort: EnrolmentSortByEmail}))
	for _, by := range []EnrolmentSort{EnrolmentSortByName, EnrolmentSortByScore, EnrolmentSortByOrganisation, EnrolmentSortByRegistered} {
		x.Filter(EnrolmentQuery{Sort: by})
	}
	kept := 0
	for by, o := range x.orders {
		if o != nil && EnrolmentSort(by) != EnrolmentSortByName {
			kept++
		}
	}
	if kept != keptOrders || x.orders[EnrolmentSortByName] == nil || x.orders[EnrolmentSortByEmail] != nil {
		t.Fatalf("%d orders kept besides the name's (want %d); by name kept: %v; by email dropped: %v",
			kept, keptOrders, x.orders[EnrolmentSortByName] != nil, x.orders[EnrolmentSortByEmail] == nil)
	}
	if again := ids(x.Filter(EnrolmentQuery{Sort: EnrolmentSortByEmail})); !slices.Equal(again, byEmail) {
		t.Fatal("the email order computed again differs")
	}
}

// The index keeps the rows' texts in a slab of 1 MiB chunks, and the
// lower-case copies the search compares by offset (issue 21): every text
// must come back as stored, across chunks, for texts of every length,
// including one past 16-bit lengths and a row bigger than a chunk.
func TestEnrolmentRowTextsComeBackAsStored(t *testing.T) {
	s := syntheticStore(t, 25_000) // about 1.5 MiB of texts: two chunks or more
	sessions, _ := s.Sessions.List()
	long := strings.Repeat("Ärzte-Kammer ", 6_000)      // 78,000 bytes, lower case differs
	huge := strings.Repeat("x", 1<<20) + "@Example.ORG" // a row bigger than a chunk
	for _, e := range []*model.Enrolment{
		{Session: sessions[0].ID, Name: long, Email: "LONG@example.org", Certificate: "C-1", Status: model.StatusCompleted},
		{Session: sessions[0].ID, Name: "Zoë ÅSTRÖM", Email: huge, Status: model.StatusCompleted},
		{Session: sessions[0].ID, Name: "lower only", Email: "MIXED@Case.org", Status: model.StatusFailed},
		{Session: sessions[0].ID, Name: "Both Cases", Email: "Both@Cases.org", Certificate: "C-2", Status: model.StatusFailed},
	} {
		if err := s.Enrolments.Put(e); err != nil {
			t.Fatal(err)
		}
	}
	x, err := LoadEnrolments(s)
	if err != nil {
		t.Fatal(err)
	}
	if len(x.text.chunks) < 3 {
		t.Fatalf("%d chunks: the test does not cross chunks", len(x.text.chunks))
	}
	all, _ := s.Enrolments.List()
	byID := map[model.ID]*model.Enrolment{}
	for _, e := range all {
		byID[e.ID] = e
	}
	rows := x.Filter(EnrolmentQuery{})
	if len(rows) != len(all) {
		t.Fatalf("%d rows, %d enrolments", len(rows), len(all))
	}
	for _, r := range rows {
		e := byID[r.ID]
		if r.Name != e.Name || r.Email != e.Email || r.Certificate != e.Certificate {
			t.Fatalf("row %s: %.40q %.40q %q, stored %.40q %.40q %q", r.ID, r.Name, r.Email, r.Certificate, e.Name, e.Email, e.Certificate)
		}
		if r.nameLower() != strings.ToLower(e.Name) || r.emailLower() != model.NormEmail(e.Email) {
			t.Fatalf("row %s: lower case %.40q %.40q", r.ID, r.nameLower(), r.emailLower())
		}
	}
	for _, q := range []string{"ärzte-kammer", "zoë åström", "mixed@case", "example.org long", "both@cases"} {
		if got := x.Filter(EnrolmentQuery{Text: q}); len(got) != 1 {
			t.Errorf("search %q: %d rows, want 1", q, len(got))
		}
	}
	if got := x.Participant("mixed@CASE.org"); len(got) != 1 || got[0].Name != "lower only" {
		t.Errorf("participant: %d rows", len(got))
	}
}
