package data

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// syntheticEnrolments writes n enrolments as a CSV roster: ten years of
// sessions, Chinese and Latin names, a few thousand organisations, every
// province, status and gender; one participant in five takes a second course.
func syntheticEnrolments(n int, seed uint64) string {
	rng := rand.New(rand.NewPCG(seed, 1))
	surnames := []string{"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "欧阳"}
	given := []string{"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "晓东", "海燕"}
	latin := []string{"Amina Mwangi", "Jean Dupont", "María López", "Ahmed Hassan", "Olga Ivanova", "John Smith", "Priya Sharma", "Kwame Mensah"}
	kinds := []string{"大学图书馆", "知识产权局", "科技情报研究所", "生产力促进中心", "大学知识产权中心", "有限公司"}
	places := []string{"北京", "上海", "广州", "深圳", "成都", "武汉", "西安", "南京", "杭州", "重庆", "天津", "长沙", "郑州", "沈阳", "昆明", "兰州"}
	provinces := Provinces()
	statuses := []string{"已完成", "已完成", "已完成", "未通过", "已退出", "学习中", "已注册", "暂停"}
	var b strings.Builder
	b.Grow(n * 120)
	b.WriteString("姓名,邮箱,性别,工作单位,省份,国家,课程代码,状态,成绩,注册日期\n")
	courses := []string{"101", "318", "301", "302", "320"}
	for i := range n {
		name := surnames[rng.IntN(len(surnames))] + given[rng.IntN(len(given))]
		country := "CN"
		if rng.IntN(20) == 0 {
			name, country = latin[rng.IntN(len(latin))], "KE"
		}
		person := i
		if rng.IntN(5) == 0 && i > 0 {
			person = rng.IntN(i) // takes another course
		}
		year := 17 + rng.IntN(10)
		code := fmt.Sprintf("%s%s%02dS%d", courses[rng.IntN(len(courses))], []string{"C", "C", "C", "E"}[rng.IntN(4)], year, 1+rng.IntN(2))
		org := places[rng.IntN(len(places))] + fmt.Sprint(rng.IntN(150)) + kinds[rng.IntN(len(kinds))]
		score := ""
		if rng.IntN(3) > 0 {
			score = fmt.Sprint(30 + rng.IntN(71))
		}
		fmt.Fprintf(&b, "%s,p%07d@example.org.cn,%s,%s,%s,%s,%s,%s,%s,20%02d-%02d-%02d\n",
			name, person, []string{"女", "男", "", "女"}[rng.IntN(4)], org, provinces[rng.IntN(31)].Code, country,
			code, statuses[rng.IntN(len(statuses))], score, year, 1+rng.IntN(12), 1+rng.IntN(28))
	}
	return b.String()
}

// syntheticStore imports syntheticEnrolments(n) into a new database.
func syntheticStore(tb testing.TB, n int) *Store {
	tb.Helper()
	s, err := Open(filepath.Join(tb.TempDir(), "x.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	rep, err := s.importEnrolments(context.Background(), "synthetic.csv", strings.NewReader(syntheticEnrolments(n, 7)), ImportOptions{SkipInvalid: true})
	if err != nil || rep.Created == 0 {
		tb.Fatalf("%v %+v", err, rep)
	}
	return s
}

func TestEnrolmentIndexFilter(t *testing.T) {
	s := syntheticStore(t, 3000)
	x, err := s.EnrolmentIndex()
	if err != nil {
		t.Fatal(err)
	}
	all, _ := s.Enrolments.List()
	sessions, _ := s.Sessions.List()
	codes := map[ID]SessionCode{}
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
		want func(e *Enrolment) bool
	}{
		{"all", EnrolmentQuery{}, func(*Enrolment) bool { return true }},
		{"name", EnrolmentQuery{Text: "欧阳"}, func(e *Enrolment) bool { return strings.Contains(e.Name, "欧阳") }},
		{"email, any case", EnrolmentQuery{Text: strings.ToUpper(some.Email)}, func(e *Enrolment) bool { return strings.EqualFold(e.Email, some.Email) }},
		{"two words", EnrolmentQuery{Text: "成都 图书馆"}, func(e *Enrolment) bool {
			return strings.Contains(e.Organisation, "成都") && strings.Contains(e.Organisation, "图书馆")
		}},
		{"latin name", EnrolmentQuery{Text: "amina"}, func(e *Enrolment) bool { return strings.Contains(e.Name, "Amina") }},
		{"session", EnrolmentQuery{Session: some.Session}, func(e *Enrolment) bool { return e.Session == some.Session }},
		{"course, language, year", EnrolmentQuery{Course: "318", Language: LangChinese, Year: 2020}, func(e *Enrolment) bool {
			c := codes[e.Session]
			return c.Course == "318" && c.Language == LangChinese && c.Year == 2020
		}},
		{"status and province", EnrolmentQuery{Status: StatusFailed, Province: "CN-SC"}, func(e *Enrolment) bool {
			return e.Status == StatusFailed && e.Province == "CN-SC"
		}},
		{"unspecified gender", EnrolmentQuery{Gender: GenderFilterUnspecified}, func(e *Enrolment) bool { return e.Gender == GenderUnspecified }},
		{"female", EnrolmentQuery{Gender: "female"}, func(e *Enrolment) bool { return e.Gender == GenderFemale }},
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
	x, err := s.EnrolmentIndex()
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
	st := LearningStats{ByStatus: map[EnrolmentStatus]int{StatusCompleted: 6, StatusFailed: 2, StatusWithdrawn: 2}, Enrolments: 10}
	if c, _ := st.CompletionRate(); c != 0.6 {
		t.Errorf("completion rate %v, want 0.6", c)
	}
	if _, ok := (LearningStats{Enrolments: 3, ByStatus: map[EnrolmentStatus]int{StatusActive: 2, StatusWithdrawn: 1}}).CompletionRate(); ok {
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
		count[r.emailLower]++
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

func TestExportEnrolmentsReimports(t *testing.T) {
	s := syntheticStore(t, 3000)
	var buf bytes.Buffer
	n, err := s.ExportEnrolments(&buf, EncodingGB18030)
	if err != nil || n != enrolmentCount(t, s) {
		t.Fatalf("exported %d: %v", n, err)
	}
	other := openTemp(t)
	rep := mustImportEnrolments(t, other, "export.csv", buf.Bytes(), ImportOptions{})
	if rep.Created != n {
		t.Fatalf("re-import created %d of %d", rep.Created, n)
	}
	a, _ := s.EnrolmentIndex()
	b, _ := other.EnrolmentIndex()
	key := func(r *EnrolmentRow) string {
		score, _ := r.Score()
		return fmt.Sprint(r.Session.Session.Code, r.Name, r.Email, r.Gender(), r.Organisation(), r.Province(), r.Country(),
			r.Registered(), r.Status(), score, r.Certificate, r.CertificateDate())
	}
	rowsA, rowsB := a.Filter(EnrolmentQuery{Sort: EnrolmentSortByEmail}), b.Filter(EnrolmentQuery{Sort: EnrolmentSortByEmail})
	for i := range rowsA {
		if key(rowsA[i]) != key(rowsB[i]) && !strings.EqualFold(rowsA[i].Email, rowsB[i].Email) {
			t.Fatalf("row %d: %s\nre-imported as %s", i, key(rowsA[i]), key(rowsB[i]))
		}
	}
}

// BenchmarkFilterEnrolments is one keystroke in the enrolment list's search
// over 200,000 enrolments, and changes of filter and sort.
func BenchmarkFilterEnrolments(b *testing.B) {
	x, err := syntheticStore(b, 200_000).EnrolmentIndex()
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
		{"status and province", EnrolmentQuery{Status: StatusCompleted, Province: "CN-GD"}},
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
		if x, err = s.EnrolmentIndex(); err != nil {
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
	var odd []Date
	for _, d := range []Date{"", "2026-11-21", "1999-01-02", "2026-1-5", "garbage", "0000-00-00"} {
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
	x, err := syntheticStore(t, 2000).EnrolmentIndex()
	if err != nil {
		t.Fatal(err)
	}
	ids := func(rows []*EnrolmentRow) []ID {
		out := make([]ID, len(rows))
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
