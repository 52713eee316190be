// Package tabulartest makes the files the spreadsheet tests read: text in
// the encodings Excel writes, and large rosters for benchmarks.
package tabulartest

import (
	"fmt"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// GB18030 is what Chinese Excel's "CSV" save writes.
func GB18030(t testing.TB, s string) []byte {
	t.Helper()
	b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// UTF16 is Excel's "Unicode text": UTF-16 with a BOM.
func UTF16(t testing.TB, s string, order unicode.Endianness, bom bool) []byte {
	t.Helper()
	policy := unicode.IgnoreBOM
	if bom {
		policy = unicode.UseBOM
	}
	b, err := unicode.UTF16(order, policy).NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// RosterFile builds an enrolment-like file of n rows and 9 columns, about
// 99 bytes a row, as the enrolment import will meet it.
func RosterFile(n int) string {
	var b strings.Builder
	b.Grow(n * 100)
	b.WriteString("姓名,Email,性别,工作单位,省份,国家,状态,成绩,注册日期\r\n")
	surnames := []string{"张", "王", "李", "赵", "陈", "刘", "杨", "黄"}
	orgs := []string{"北京大学图书馆", "同济大学知识产权中心", "\"广州市知识产权局, 服务处\"", "四川省科技情报所"}
	for i := range n {
		fmt.Fprintf(&b, "%s伟%d,user%06d@example.com.cn,%s,%s,%s,CN,已完成,%d.5,2018-%02d-%02d\r\n",
			surnames[i%len(surnames)], i%100, i, []string{"男", "女"}[i%2], orgs[i%len(orgs)],
			[]string{"北京", "Shanghai", "CN-GD", "四川省"}[i%4], 50+i%50, 1+i%12, 1+i%28)
	}
	return b.String()
}

// BOM is the byte order mark that starts a UTF-8 file Excel writes.
var BOM = []byte{0xEF, 0xBB, 0xBF}
