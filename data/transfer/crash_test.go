package transfer

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
	"tiscdesk/data/model"
	"tiscdesk/data/sample"
	"tiscdesk/data/store"
)

// The crash test: a child process (this test binary re-executed, running
// TestCrashChild) imports a roster of crashRows institutions, or
// enrolments (the streamed import, issue 21), and is killed with SIGKILL at
// a random moment, again and again. After every kill the database must
// open, pass Check, and hold the roster entirely or not at all; every
// backup in the rotation must be sound.

const (
	crashRows   = 20000
	crashBudget = 25 * time.Second // for each kind; a busy machine gets fewer kills
	crashMin    = 4                // kills, whatever the budget
	crashMax    = 40
)

// crashKills is how many kills TISCDESK_CRASH_KILLS asks for (a long run:
// TISCDESK_CRASH_KILLS=200 go test -run SIGKILL ./data), or 0 to let the
// budget decide.
func crashKills() int {
	n, _ := strconv.Atoi(os.Getenv("TISCDESK_CRASH_KILLS"))
	return n
}

// TestCrashChild is the crash test's child: with TISCDESK_CRASH_DB set it
// imports TISCDESK_CRASH_CSV into that database, telling the parent on
// stdout when the rows are checked (the write begins) and when the import
// has committed.
func TestCrashChild(t *testing.T) {
	dbPath, csvPath := os.Getenv("TISCDESK_CRASH_DB"), os.Getenv("TISCDESK_CRASH_CSV")
	if dbPath == "" {
		t.Skip("runs only as the crash test's child")
	}
	s, err := store.Open(dbPath)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(3)
	}
	f, err := os.Open(csvPath)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(3)
	}
	opt := ImportOptions{Today: "2026-03-15", Progress: func(done, total int) {
		if done == total {
			fmt.Println("checked")
		}
	}}
	imp := ImportInstitutions
	if os.Getenv("TISCDESK_CRASH_KIND") == "enrolments" {
		imp = ImportEnrolments
	}
	rep, err := imp(context.Background(), s, csvPath, f, opt)
	if err != nil || rep.Created != crashRows {
		fmt.Println("error", err, rep.Created)
		os.Exit(3)
	}
	fmt.Println("imported") // committed, and backed up
	s.Close()
	os.Exit(0)
}

func TestImportSurvivesSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("the crash test takes about a minute")
	}
	for _, kind := range crashKinds {
		t.Run(kind.name, func(t *testing.T) { crashTest(t, kind) })
	}
}

// crashKind is a kind of import the crash test kills: its roster of
// crashRows rows for a round, and how many of a round's rows a database
// holds.
type crashKind struct {
	name   string
	roster func(round int) string
	count  func(t *testing.T, s *store.Store, round int) int
	// added is what round's rows add to the counts when they are there
	added func(c store.Counts, n int) store.Counts
}

var crashKinds = []crashKind{
	{
		name: "institutions",
		roster: func(round int) string {
			var b strings.Builder
			b.WriteString("机构名称,English name,类型,省份,城市,阶段,备注\n")
			provinces := []string{"上海", "Beijing", "广东省", "CN-SC", "zhejiang"}
			for i := range crashRows {
				fmt.Fprintf(&b, "第%d轮机构%05d,Round %d institution %d,图书馆,%s,城市%d,候选,\"备注, 第%d行\"\n",
					round, i, round, i, provinces[i%len(provinces)], i%50, i)
			}
			return b.String()
		},
		count: func(t *testing.T, s *store.Store, round int) int {
			prefix := fmt.Sprintf("第%d轮机构", round)
			got, err := s.Institutions.Where(func(in *model.Institution) bool { return strings.HasPrefix(in.LocalName, prefix) })
			if err != nil {
				t.Fatal(err)
			}
			return len(got)
		},
		added: func(c store.Counts, n int) store.Counts { c.Institutions += n; return c },
	},
	{
		name: "enrolments",
		roster: func(round int) string {
			var b strings.Builder
			b.WriteString("姓名,Email,性别,工作单位,省份,状态,成绩,课程代码\n")
			for i := range crashRows {
				fmt.Fprintf(&b, "第%d轮学员%05d,r%d-p%05d@example.com,女,\"单位, 第%d行\",上海,已完成,%d,101C%02dS1\n",
					round, i, round, i, i, 60+i%40, 1+i%5)
			}
			return b.String()
		},
		count: func(t *testing.T, s *store.Store, round int) int {
			prefix := fmt.Sprintf("r%d-", round)
			got, err := s.Enrolments.Where(func(e *model.Enrolment) bool { return strings.HasPrefix(e.Email, prefix) })
			if err != nil {
				t.Fatal(err)
			}
			return len(got)
		},
		added: func(c store.Counts, n int) store.Counts {
			c.Enrolments += n
			if n > 0 {
				c.Sessions += 5 // 101C01S1 to 101C05S1, older than any of the sample's
			}
			return c
		},
	},
}

func crashTest(t *testing.T, kind crashKind) {
	start := time.Now()
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "crash.db")
	s, err := store.Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sample.Load(s, "2026-03-15"); err != nil {
		t.Fatal(err)
	}
	before, _ := s.Counts()
	s.Close()
	base, err := os.ReadFile(dbPath)
	if err != nil {
		t.Fatal(err)
	}

	// The first round runs to the end: it must import everything, and it
	// times the phases the kills then aim at.
	first := runCrashChild(t, kind, dir, dbPath, 0, crashKill{delay: -1})
	if first.err != "" || first.imported == 0 {
		t.Fatalf("the uninterrupted import failed: %s", first.err)
	}
	verified := map[string]bool{}
	if got := checkAfterCrash(t, kind, dbPath, 0, before, verified); got != crashRows {
		t.Fatalf("after the uninterrupted import %d rows are there, want %d", got, crashRows)
	}
	os.WriteFile(dbPath, base, 0o600)
	t.Logf("uninterrupted: rows checked after %v, committed and backed up after %v", first.checked, first.imported)

	r := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 8))
	more := func(round int) bool {
		if n := crashKills(); n > 0 {
			return round <= n
		}
		return round <= crashMin || (round <= crashMax && time.Since(start) < crashBudget)
	}
	present, absent := 0, 0
	phases := map[string]int{} // where the kills landed, by what the child had said
	for round := 1; more(round); round++ {
		// A quarter of the kills fall anywhere in the run, the others once
		// the child has checked the rows: while it writes, commits and
		// backs up, where a crash does most harm. The first lands as the
		// write begins, so that some kill surely falls before the commit
		// however the machine's speed varies.
		write := first.imported - first.checked
		kill := crashKill{afterChecked: true, delay: time.Duration(r.Int64N(int64(write) * 11 / 10))}
		switch {
		case round == 1:
			kill.delay = 0
		case round%4 == 0:
			kill = crashKill{delay: time.Duration(r.Int64N(int64(first.imported) * 11 / 10))}
		}
		res := runCrashChild(t, kind, dir, dbPath, round, kill)
		if res.err != "" {
			t.Fatalf("round %d: the child failed before it was killed: %s", round, res.err)
		}
		got := checkAfterCrash(t, kind, dbPath, round, before, verified)
		switch {
		case res.imported > 0:
			phases["after the commit and backup"]++
		case res.checked > 0:
			phases[fmt.Sprintf("while writing, committing or backing up (rows there: %v)", got == crashRows)]++
		default:
			phases["while starting or checking rows"]++
		}
		switch got {
		case 0:
			absent++
		case crashRows:
			present++
			os.WriteFile(dbPath, base, 0o600) // start the next round from the sample again
		default:
			t.Fatalf("round %d: killed (%+v), %d of %d rows are in the database", round, kill, got, crashRows)
		}
	}
	t.Logf("%d kills: the import was entirely there after %d, entirely absent after %d; killed %v", present+absent, present, absent, phases)
	if absent == 0 {
		t.Error("no kill landed before the commit: the kills do not test anything")
	}
}

// crashRun is what the parent saw of one child.
type crashRun struct {
	checked, imported time.Duration // since start; 0 when not reached
	err               string
}

// crashKill says when to kill a child: delay after it starts, or, with
// afterChecked, delay after it has checked the rows and begun to write.
// A negative delay lets it finish.
type crashKill struct {
	afterChecked bool
	delay        time.Duration
}

// runCrashChild imports round's roster in a child and kills it as kill says.
func runCrashChild(t *testing.T, kind crashKind, dir, dbPath string, round int, kill crashKill) crashRun {
	t.Helper()
	csvPath := filepath.Join(dir, "roster.csv")
	if err := os.WriteFile(csvPath, []byte(kind.roster(round)), 0o600); err != nil {
		t.Fatal(err)
	}
	child := exec.Command(os.Args[0], "-test.run=^TestCrashChild$")
	child.Env = append(os.Environ(), "TISCDESK_CRASH_DB="+dbPath, "TISCDESK_CRASH_CSV="+csvPath, "TISCDESK_CRASH_KIND="+kind.name)
	out, err := child.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	begin := time.Now()
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	var res crashRun
	checked, lines := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			switch line := sc.Text(); {
			case line == "checked":
				res.checked = time.Since(begin)
				close(checked)
			case line == "imported":
				res.imported = time.Since(begin)
			case strings.HasPrefix(line, "error"):
				res.err = line
			}
		}
	}()
	if kill.delay >= 0 {
		if kill.afterChecked {
			select {
			case <-checked:
			case <-lines:
			}
		}
		time.Sleep(kill.delay)
		child.Process.Signal(syscall.SIGKILL)
	}
	<-lines
	child.Wait()
	return res
}

// checkAfterCrash opens the database as the program would after the crash,
// checks it, and returns how many of round's rows it holds. The records
// that were there before must all still be there, and the backups not
// verified yet must be sound.
func checkAfterCrash(t *testing.T, kind crashKind, dbPath string, round int, before store.Counts, verified map[string]bool) int {
	t.Helper()
	s, err := store.Open(dbPath)
	if err != nil {
		t.Fatalf("round %d: the database does not open after the kill: %v", round, err)
	}
	defer s.Close()
	problems, err := s.Check()
	if err != nil || len(problems) > 0 {
		t.Fatalf("round %d: Check after the kill: %v %v", round, err, problems)
	}
	got := kind.count(t, s, round)
	c, _ := s.Counts()
	if want := kind.added(before, got); c != want {
		t.Fatalf("round %d: counts %+v after the kill, want the sample's %+v plus %d %s", round, c, before, got, kind.name)
	}
	for _, b := range mustList(t, dbPath) {
		if verified[b.Path] {
			continue
		}
		if err := store.VerifyFile(b.Path); err != nil {
			t.Fatalf("round %d: a backup in the rotation is not sound: %v", round, err)
		}
		verified[b.Path] = true
	}
	return got
}

func mustList(t *testing.T, dbPath string) []store.Backup {
	t.Helper()
	list, err := store.ListBackups(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	return list
}
