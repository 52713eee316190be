package transfer

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"tiscdesk/data/model"
)

// BenchmarkImportStatistics imports a file of 3,000 returns (300 TISCs, ten
// years each) into a database that holds the institutions, as a dry run so
// that each iteration meets the same database.
func BenchmarkImportStatistics(b *testing.B) {
	s := openTemp(b)
	var sb strings.Builder
	sb.WriteString("机构名称,年度,咨询服务次数,检索分析报告,培训场次,培训人次,专职人员,参加远程课程人员\n")
	for i := range 300 {
		in := &model.Institution{LocalName: fmt.Sprintf("机构%03d", i), EnglishName: fmt.Sprintf("Institution %d", i),
			Type: model.TypeLibrary, Province: "CN-SH", Stage: model.StageOperational}
		if err := s.Institutions.Put(in); err != nil {
			b.Fatal(err)
		}
		for y := 2016; y < 2026; y++ {
			fmt.Fprintf(&sb, "机构%03d,%d,\"1,%03d\",%d,%d,\"2,%03d\",5,3\n", i, y, i, i%50, i%20, i)
		}
	}
	file := sb.String()
	b.SetBytes(int64(len(file)))
	b.ResetTimer()
	for b.Loop() {
		rep, err := ImportStatistics(context.Background(), s, "r.csv", strings.NewReader(file), ImportOptions{DryRun: true, noBackup: true})
		if err != nil || rep.Created != 3000 {
			b.Fatalf("%v, %d created", err, rep.Created)
		}
	}
}
