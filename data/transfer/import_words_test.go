package transfer

import (
	"testing"
	"tiscdesk/data/model"
)

// TestImportValuesAsPeopleWriteThem imports a provincial office's list whose
// types are the ordinary Chinese and English words for them (issue 15): every
// row goes in with the right type, and a stage in Chinese.
func TestImportValuesAsPeopleWriteThem(t *testing.T) {
	s := openTemp(t)
	const file = "机构名称,英文名称,机构类型,省份,阶段\n" +
		"省材料研究院,,研究机构,江苏,候选\n" +
		"省科技情报所,,科技信息机构,浙江,已申请\n" +
		"市知识产权保护中心,,知识产权服务机构,广东,已推荐\n" +
		"某大学图书馆,,XX大学图书馆,上海,已考察\n" +
		"某高新区,,国家级高新区,四川,已批准筹建\n" +
		"Tech Park,,Science and Technology Park,Beijing,Operational\n" +
		"ACME,,Private company,Hubei,withdrawn\n"
	rep := mustImport(t, s, "list.csv", []byte(file), ImportOptions{})
	if rep.Created != 7 {
		t.Fatalf("created %d, want 7", rep.Created)
	}
	got := institutionsByName(t, s)
	for name, want := range map[string]struct {
		t     model.InstitutionType
		stage model.Stage
	}{
		"省材料研究院": {model.TypeResearch, model.StageCandidate}, "省科技情报所": {model.TypeSTInfo, model.StageApplied},
		"市知识产权保护中心": {model.TypeIPOffice, model.StageRecommended}, "某大学图书馆": {model.TypeLibrary, model.StageVisited},
		"某高新区": {model.TypeSTPark, model.StageApproved}, "Tech Park": {model.TypeSTPark, model.StageOperational},
		"ACME": {model.TypeEnterprise, model.StageWithdrawn},
	} {
		in := got[name]
		if in == nil || in.Type != want.t || in.Stage != want.stage {
			t.Errorf("%s = %+v; want type %s, stage %s", name, in, want.t, want.stage)
		}
	}
	// A word that names no type is still an error, said in the user's words.
	rep, err := importInstitutions(t, s, "bad.csv", []byte("机构名称,机构类型,省份\n某某,政府部门,江苏\n"), ImportOptions{})
	if err == nil || len(rep.Errors) != 1 || rep.Errors[0].Field != "机构类型" {
		t.Fatalf("unknown type: err %v, errors %s", err, errorText(rep))
	}
}
