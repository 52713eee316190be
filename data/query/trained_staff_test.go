package query

import (
	"strings"
	"testing"

	"tiscdesk/data/model"
	"tiscdesk/data/store"
)

func TestTrainedStaffMatching(t *testing.T) {
	s := openTemp(t)
	put := func(local, english, website string) model.ID {
		in := &model.Institution{LocalName: local, EnglishName: english, Website: website, Type: model.TypeUniversity, Province: "CN-SH", Stage: model.StageOperational}
		if err := s.Institutions.Put(in); err != nil {
			t.Fatal(err)
		}
		return in.ID
	}
	sjtu := put("上海交通大学", "Shanghai Jiao Tong University", "https://www.sjtu.edu.cn")
	zju := put("浙江大学", "Zhejiang University", "zju.edu.cn")
	// Two institutions on one website: nobody is matched to either by it.
	put("中国科学院上海分院", "CAS Shanghai Branch", "www.cas.cn")
	put("中国科学院文献情报中心", "National Science Library, CAS", "cas.cn")

	var m *StaffMatcher
	if err := s.View(func(tx *store.Tx) error {
		var err error
		m, err = NewStaffMatcher(s, tx)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, org, email string
		want             model.ID
	}{
		{"Chinese name", "上海交通大学", "wang@163.com", sjtu},
		{"English name, any case and spacing", "shanghai  jiao tong UNIVERSITY", "x@gmail.com", sjtu},
		{"full-width spaces", "浙江　大学", "", zju},
		{"email domain, no organisation", "", "Li.Na@ZJU.edu.cn", zju},
		{"email subdomain", "", "chen@lib.sjtu.edu.cn", sjtu},
		{"the organisation wins over the email", "浙江大学", "a@sjtu.edu.cn", zju},
		{"an unrelated organisation and a free mail", "复旦大学", "a@qq.com", model.NilID},
		{"a domain two institutions share", "", "b@cas.cn", model.NilID},
		{"a part of a name is not the name", "交通大学", "", model.NilID},
		{"a domain that only ends like one", "", "c@notsjtu.edu.cn", model.NilID},
	} {
		got, ok := m.Institution(tc.org, tc.email)
		if got != tc.want || ok != (tc.want != model.NilID) {
			t.Errorf("%s (%q, %q): got %v %v, want %v", tc.name, tc.org, tc.email, got, ok, tc.want)
		}
	}
}

// In the sample, the staff listed at each institution are matched by its
// name or its website's domain, and nobody is listed at two institutions.
func TestTrainedStaffInTheSample(t *testing.T) {
	s := openTemp(t)
	loadSample(t, s, sampleToday)
	insts, err := s.Institutions.List()
	if err != nil {
		t.Fatal(err)
	}
	where, total := map[model.ID]string{}, 0
	for _, in := range insts {
		staff, err := TrainedStaff(s, in.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range staff {
			if other, dup := where[e.ID]; dup {
				t.Errorf("%s (%s) listed at %s and %s", e.Name, e.Organisation, other, in.LocalName)
			}
			where[e.ID] = in.LocalName
			byName := staffKey(e.Organisation) == staffKey(in.LocalName) || staffKey(e.Organisation) == staffKey(in.EnglishName)
			_, domain, _ := strings.Cut(model.NormEmail(e.Email), "@")
			site := websiteDomain(in.Website)
			if !byName && (site == "" || domain != site && !strings.HasSuffix(domain, "."+site)) {
				t.Errorf("%s (%s, %s) listed at %s (%s)", e.Name, e.Organisation, e.Email, in.LocalName, in.Website)
			}
		}
		total += len(staff)
	}
	if total == 0 {
		t.Error("no enrolment of the sample matches an institution: a new user sees no trained staff")
	}
	t.Logf("%d of the sample's enrolments matched to institutions", total)
}

// TrainedStaffCounts counts each person once per institution, however many
// courses they took, and agrees with the lists the institution's page shows.
func TestTrainedStaffCountsAgreeWithTheLists(t *testing.T) {
	s := openTemp(t)
	loadSample(t, s, sampleToday)
	counts, err := TrainedStaffCounts(s)
	if err != nil {
		t.Fatal(err)
	}
	insts, _ := s.Institutions.List()
	repeated := false
	for _, in := range insts {
		staff, err := TrainedStaff(s, in.ID)
		if err != nil {
			t.Fatal(err)
		}
		people, completed, certified := map[string]bool{}, map[string]bool{}, map[string]bool{}
		for _, e := range staff {
			k := model.NormEmail(e.Email)
			repeated = repeated || people[k]
			people[k] = true
			if e.Status == model.StatusCompleted {
				completed[k] = true
			}
			if e.Certificate != "" {
				certified[k] = true
			}
		}
		want := StaffCount{len(people), len(completed), len(certified)}
		if got := counts[in.ID]; got != want {
			t.Errorf("%s: counted %+v, its list gives %+v", in.LocalName, got, want)
		}
	}
	if !repeated {
		t.Log("no person of the sample took two courses at one institution: the once-per-person rule is not exercised")
	}
}

// InstitutionOf places a person by any of their organisations, else by
// email, and says nil for nobody's.
func TestInstitutionOf(t *testing.T) {
	s := openTemp(t)
	zju := &model.Institution{LocalName: "浙江大学", EnglishName: "Zhejiang University", Website: "zju.edu.cn", Type: model.TypeUniversity, Province: "CN-ZJ", Stage: model.StageOperational}
	if err := s.Institutions.Put(zju); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		email string
		orgs  []string
		want  bool
	}{
		{"a@qq.com", []string{"复旦大学", "Zhejiang University"}, true},
		{"b@zju.edu.cn", nil, true},
		{"c@qq.com", []string{"复旦大学"}, false},
	} {
		got, err := InstitutionOf(s, tc.email, tc.orgs...)
		if err != nil || (got != nil) != tc.want || got != nil && got.ID != zju.ID {
			t.Errorf("%s %v: %v %v", tc.email, tc.orgs, got, err)
		}
	}
}
