package transfer

import (
	"testing"
	"tiscdesk/data/model"
)

// An imported row whose natural key (DESIGN section 8: the local name,
// trimmed, width- and case-folded, brackets unified, and the province)
// names a record of the database updates it; one name in another province
// is another institution.
func TestImportInstitutionsByNaturalKey(t *testing.T) {
	s := openTemp(t)
	mustImport(t, s, "first.csv", []byte("机构名称,省份,城市,类型\n同济大学（上海）,上海,,大学\n华南理工大学,广东,,大学\n"), ImportOptions{})
	rep := mustImport(t, s, "second.csv", []byte("机构名称,省份,城市,类型\n 同济大学 [上海] ,上海,上海市,大学\n华南理工大学,湖南,长沙,大学\n"), ImportOptions{})
	if rep.Created != 1 || rep.Updated != 1 {
		t.Fatalf("second import: created %d, updated %d; want 1 and 1 (the same Tongji updated, a Hunan namesake created)", rep.Created, rep.Updated)
	}
	list, err := s.Institutions.List()
	if err != nil {
		t.Fatal(err)
	}
	byProvince := map[string]*model.Institution{}
	for _, in := range list {
		byProvince[in.Province+" "+model.NaturalName(in.LocalName)] = in
	}
	if len(list) != 3 {
		t.Fatalf("%d institutions, want 3", len(list))
	}
	tongji := byProvince["CN-SH "+model.NaturalName("同济大学(上海)")]
	if tongji == nil || tongji.City != "上海市" {
		t.Fatalf("Tongji not updated with its city: %+v", tongji)
	}
	if byProvince["CN-HN "+model.NaturalName("华南理工大学")] == nil || byProvince["CN-GD "+model.NaturalName("华南理工大学")] == nil {
		t.Fatalf("want the namesakes of Guangdong and Hunan both: %v", byProvince)
	}
}
