package datatest

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"tiscdesk/data/model"
	"tiscdesk/data/store"
)

// Enrolments writes n synthetic enrolments into a new database: ten years
// of sessions, Chinese and Latin names, a few thousand organisations, every
// province, status and gender; one participant in five takes a second
// course. Rows that would not validate, or repeat a participant in a
// session, are left out, as an import with --skip-invalid leaves them. The
// records go in as an import writes them (encoded, stamped, put raw), so
// that the tests of the read models need not depend on the imports.
func Enrolments(tb testing.TB, n int, seed uint64) *store.Store {
	tb.Helper()
	s := Open(tb)
	rng := rand.New(rand.NewPCG(seed, 1))
	surnames := []string{"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "欧阳"}
	given := []string{"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "晓东", "海燕"}
	latin := []string{"Amina Mwangi", "Jean Dupont", "María López", "Ahmed Hassan", "Olga Ivanova", "John Smith", "Priya Sharma", "Kwame Mensah"}
	kinds := []string{"大学图书馆", "知识产权局", "科技情报研究所", "生产力促进中心", "大学知识产权中心", "有限公司"}
	places := []string{"北京", "上海", "广州", "深圳", "成都", "武汉", "西安", "南京", "杭州", "重庆", "天津", "长沙", "郑州", "沈阳", "昆明", "兰州"}
	provinces := model.Provinces()
	statuses := []model.EnrolmentStatus{model.StatusCompleted, model.StatusCompleted, model.StatusCompleted,
		model.StatusFailed, model.StatusWithdrawn, model.StatusActive, model.StatusRegistered, model.StatusSuspended}
	genders := []model.Gender{model.GenderFemale, model.GenderMale, model.GenderUnspecified, model.GenderFemale}
	courses := []string{"101", "318", "301", "302", "320"}
	sessions := map[string]*model.Session{}
	err := s.Update(func(tx *store.Tx) error {
		b := tx.Bucket(store.EnrolmentsBucket)
		seen := map[string]bool{}
		var enc model.EnrolmentEncoder
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
			var score *float64
			if rng.IntN(3) > 0 {
				v := float64(30 + rng.IntN(71))
				score = &v
			}
			e := &model.Enrolment{Name: name, Email: fmt.Sprintf("p%07d@example.org.cn", person),
				Gender: genders[rng.IntN(4)], Organisation: org, Province: provinces[rng.IntN(31)].Code, Country: country,
				Status: statuses[rng.IntN(len(statuses))], Score: score,
				Registered: model.Date(fmt.Sprintf("20%02d-%02d-%02d", year, 1+rng.IntN(12), 1+rng.IntN(28)))}
			ses := sessions[code]
			if ses == nil {
				ses = &model.Session{Code: code}
				if err := s.Sessions.PutIn(tx, ses); err != nil {
					return err
				}
				sessions[code] = ses
			}
			e.Session = ses.ID
			if e.Validate() != nil || seen[code+" "+e.Email] {
				continue
			}
			seen[code+" "+e.Email] = true
			tx.Stamp(&e.Meta)
			raw, err := enc.Append(nil, e)
			if err != nil {
				return err
			}
			if err := b.Put(e.ID[:], raw); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return s
}
