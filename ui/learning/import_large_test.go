package learning

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"tiscdesk/ui/kit"
	"tiscdesk/ui/kit/kittest"
)

// largeEnrolmentFile writes an enrolment CSV of n valid rows, in a session
// the database does not have yet, and returns its path.
func largeEnrolmentFile(t *testing.T, n int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "enrolments.csv")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	b := bufio.NewWriter(f)
	fmt.Fprintln(b, "name,email,session,organisation,province")
	for i := range n {
		fmt.Fprintf(b, "Participant %d,participant%d@example.cn,101C29S1,University %d,CN-BJ\n", i, i, i%500)
	}
	if err := b.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// The check of a 100,000-row enrolment file runs off the UI goroutine,
// through the real background path: the file is read and checked with a
// progress bar while the window answers (the list of enrolments can be
// searched meanwhile), and Cancel stops the check promptly, imports
// nothing and leaves the wizard usable.
func TestImportWizardChecksALargeFileWithProgressAndCancel(t *testing.T) {
	const rows = 100_000
	store := kittest.SampleStore(t)
	before, _ := store.Counts()
	h, s := learningScreen(t, store, kit.LangEnglish)
	path := largeEnrolmentFile(t, rows)
	someone := s.enrolments.shownRows()[0].Name

	test.Tap(kittest.FindButton(t, s, "Import enrolments…"))
	w := kittest.TopImport(t, h.Window(), h.Desktop)
	w.ChoosePath(path) // Choose file…
	if !hasPrefix(w.Texts(), "enrolments.csv: "+kit.Number(rows)+" rows,") {
		t.Fatalf("the preview of the large file: %q", w.Texts())
	}

	w.Tap("Check the rows")
	// The check is under way while its page, with the progress bar, shows.
	busy := func() bool { return w.Progress() != nil }
	bar := w.Progress()
	if bar == nil || w.Button("Cancel") == nil {
		t.Fatal("Check the rows did not start a check with progress and Cancel")
	}
	if !w.Has("Checking the rows of enrolments.csv…") {
		t.Errorf("the wizard does not say it is checking: %q", w.Texts())
	}

	// While it runs the window answers: its turns come quickly, and the
	// list of enrolments behind the wizard can still be searched.
	started := time.Now()
	var slowest time.Duration
	turns := 0
	for bar.Value == 0 || turns < 5 {
		if !busy() {
			t.Fatalf("the check ended after %s, before it showed its progress (%.2f) and answered 5 turns (%d)",
				time.Since(started), bar.Value, turns)
		}
		if time.Since(started) > time.Minute {
			t.Fatal("the check showed no progress within a minute")
		}
		slowest = max(slowest, kittest.YieldUITurn(20*time.Millisecond))
		turns++
		test.Type(s.enrolments.search, "x")
		s.enrolments.search.SetText("")
	}
	test.Type(s.enrolments.search, someone)
	if found := s.enrolments.shownRows(); len(found) == 0 || found[0].Name != someone {
		t.Errorf("searching the enrolments for %q during the check shows %d rows", someone, len(found))
	}
	if !busy() {
		t.Fatal("the check ended before Cancel: make the file larger")
	}
	t.Logf("progress %.0f%% after %s; the slowest of %d turns waited %s", bar.Value*100, time.Since(started), turns, slowest)
	if slowest > 250*time.Millisecond {
		t.Errorf("the window waited %s for its turn during the check", slowest)
	}

	w.Tap("Cancel")
	cancelled := time.Now()
	if err := kittest.SettleWithin(5 * time.Second); err != nil {
		t.Fatalf("after Cancel: %v", err)
	}
	t.Logf("the check stopped %s after Cancel", time.Since(cancelled))
	if hasSuffix(w.Texts(), " with errors.") {
		t.Errorf("a cancelled check left a report: %q", w.Texts())
	}
	if after, _ := store.Counts(); after != before {
		t.Errorf("a cancelled check changed the counts: %+v → %+v", before, after)
	}
	if !w.Has("The check was cancelled. Nothing was imported.") || w.Button("Check the rows").Disabled() {
		t.Errorf("after Cancel the wizard does not offer its preview again: %q", w.Texts())
	}

	// The wizard is still usable: a second check starts, and Cancel stops it.
	w.Tap("Check the rows")
	if !busy() {
		t.Fatal("a second check did not start")
	}
	w.Tap("Cancel")
	kittest.Settle(t)
	if after, _ := store.Counts(); after != before {
		t.Errorf("the second, cancelled check changed the counts: %+v → %+v", before, after)
	}
}

// hasPrefix says whether one of texts starts with prefix.
func hasPrefix(texts []string, prefix string) bool {
	return slices.ContainsFunc(texts, func(s string) bool { return strings.HasPrefix(s, prefix) })
}

// hasSuffix says whether one of texts ends with suffix.
func hasSuffix(texts []string, suffix string) bool {
	return slices.ContainsFunc(texts, func(s string) bool { return strings.HasSuffix(s, suffix) })
}
