package store

import (
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"tiscdesk/data/model"
)

// rssFile is this process's file-backed resident memory in kB (Linux).
func rssFile(t *testing.T) int {
	raw, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Skip("no /proc/self/status")
	}
	for _, line := range strings.Split(string(raw), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "RssFile:" {
			n, _ := strconv.Atoi(f[1])
			return n
		}
	}
	t.Skip("no RssFile line")
	return 0
}

func TestReleaseMappedKeepsDataAndFreesPages(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("Linux only")
	}
	s := openTemp(t)
	big := strings.Repeat("技术与创新支持中心", 200)
	err := s.Update(func(tx *Tx) error {
		for i := 0; i < 3000; i++ {
			in := &model.Institution{LocalName: big, Type: model.TypeOther, Province: "CN-BJ", Stage: model.StageCandidate}
			if err := s.Institutions.PutIn(tx, in); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	scan := func() int {
		n := 0
		_ = s.View(func(tx *Tx) error {
			return s.Institutions.EachIn(tx, func(in *model.Institution) bool {
				if in.LocalName == big {
					n++
				}
				return true
			})
		})
		return n
	}
	if scan() != 3000 {
		t.Fatal("before release")
	}
	before := rssFile(t)
	s.ReleaseMapped()
	after := rssFile(t)
	if after >= before {
		t.Errorf("RssFile %d kB -> %d kB: nothing was released", before, after)
	}
	// The pages fault back in: every record is still there, whole.
	if n := scan(); n != 3000 {
		t.Fatalf("after release: %d records read back whole, want 3000", n)
	}
	if p, err := s.Check(); err != nil || len(p) > 0 {
		t.Fatalf("check after release: %v %v", p, err)
	}
}
