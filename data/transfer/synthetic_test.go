package transfer

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"tiscdesk/data/model"
	"tiscdesk/data/query"
	"tiscdesk/data/store"
	"tiscdesk/data/tabular"
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
	provinces := model.Provinces()
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

func TestExportEnrolmentsReimports(t *testing.T) {
	s := syntheticStore(t, 3000)
	var buf bytes.Buffer
	n, err := ExportEnrolments(s, &buf, tabular.EncodingGB18030)
	if err != nil || n != enrolmentCount(t, s) {
		t.Fatalf("exported %d: %v", n, err)
	}
	other := openTemp(t)
	rep := mustImportEnrolments(t, other, "export.csv", buf.Bytes(), ImportOptions{})
	if rep.Created != n {
		t.Fatalf("re-import created %d of %d", rep.Created, n)
	}
	a, _ := query.LoadEnrolments(s)
	b, _ := query.LoadEnrolments(other)
	key := func(r *query.EnrolmentRow) string {
		score, _ := r.Score()
		return fmt.Sprint(r.Session.Session.Code, r.Name, r.Email, r.Gender(), r.Organisation(), r.Province(), r.Country(),
			r.Registered(), r.Status(), score, r.Certificate, r.CertificateDate())
	}
	rowsA, rowsB := a.Filter(query.EnrolmentQuery{Sort: query.EnrolmentSortByEmail}), b.Filter(query.EnrolmentQuery{Sort: query.EnrolmentSortByEmail})
	for i := range rowsA {
		if key(rowsA[i]) != key(rowsB[i]) && !strings.EqualFold(rowsA[i].Email, rowsB[i].Email) {
			t.Fatalf("row %d: %s\nre-imported as %s", i, key(rowsA[i]), key(rowsB[i]))
		}
	}
}

// BenchmarkImportStudents imports a roster of 2,000 students (every
// student of ten years) into an empty database, creating the programmes
// and cohorts.
func BenchmarkImportStudents(b *testing.B) {
	var raw strings.Builder
	raw.WriteString("Programme,Partner,Intake year,Name,Gender,Nationality,Email,Scholarship,Status,Graduation date\n")
	for i := range 2000 {
		fmt.Fprintf(&raw, "WIPO-Partner %d Master of IP,University %d,%d,Student %d,%s,%q,s%d@example.org,WIPO,graduated,2020-07-01\n",
			i%5, i%5, 2016+i/200, i, []string{"F", "M"}[i%2], model.Countries()[i%249].NameEN, i)
	}
	data := []byte(raw.String())
	for b.Loop() {
		b.StopTimer()
		s, err := store.Open(b.TempDir() + "/import.db")
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		rep, err := ImportStudents(b.Context(), s, "roster.csv", strings.NewReader(string(data)), ImportOptions{})
		if err != nil || rep.Created != 2000 {
			b.Fatalf("%v %+v", err, rep.Errors[:min(3, len(rep.Errors))])
		}
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
}
