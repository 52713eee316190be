package cli

import (
	"encoding/json"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"tiscdesk/data"
)

// The days on which a test tied to "today" tends to break: the first day of
// a year (when "this year" is nearly empty), a leap day, the last day of a
// year. The commands run on a clock set to each, through the same paths as
// on any other day: the sample, stats, the Overview's figures, a bundle
// round trip and a report's default period.
var awkwardDays = []data.Date{"2027-01-01", "2028-02-29", "2030-12-31"}

func TestCommandsOnAwkwardDays(t *testing.T) {
	for _, day := range awkwardDays {
		t.Run(string(day), func(t *testing.T) {
			dir := t.TempDir()
			db := filepath.Join(dir, "x.db")
			if code, _, errOut := runOn(t, day, "--db", db, "sample"); code != ExitOK {
				t.Fatalf("sample: exit %d: %s", code, errOut)
			}
			have := sampleOnDay(t, db, day)

			// stats --json says what the store holds.
			code, out, errOut := runOn(t, day, "--db", db, "stats", "--json")
			if code != ExitOK {
				t.Fatalf("stats: exit %d: %s", code, errOut)
			}
			var got data.Counts
			if err := json.Unmarshal([]byte(out), &got); err != nil || got != have {
				t.Errorf("stats --json printed %s (%v); the store holds %+v", out, err, have)
			}

			// A bundle of everything carries every record to a new machine.
			bundle, field := filepath.Join(dir, "all.tiscx"), filepath.Join(dir, "field.db")
			if code, _, errOut := runOn(t, day, "--db", db, "bundle", "export", bundle); code != ExitOK {
				t.Fatalf("bundle export: exit %d: %s", code, errOut)
			}
			code, out, errOut = runOn(t, day, "--db", field, "bundle", "import", bundle)
			want := fmt.Sprintf("%d added, 0 updated, 0 unchanged, 0 deleted, 0 conflicts.", have.Total())
			if code != ExitOK || !strings.Contains(out, want) {
				t.Errorf("bundle import: exit %d, printed\n%s%s\nwithout %q", code, out, errOut, want)
			}
			if c := countsOf(t, field); c != have {
				t.Errorf("after the bundle the new machine counts %+v, the sender %+v", c, have)
			}

			// A report without --from or --to covers the year to date.
			pdf := filepath.Join(dir, "summary.pdf")
			if code, _, errOut := runOn(t, day, "--db", db, "report", "summary", "--lang", "zh", "-o", pdf); code != ExitOK {
				t.Fatalf("report: exit %d: %s", code, errOut)
			}
			text, err := exec.Command("pdftotext", pdf, "-").Output()
			if err != nil {
				t.Fatalf("pdftotext: %v", err)
			}
			d := day.Time()
			period := fmt.Sprintf("%d年1月1日至%d年%d月%d日", d.Year(), d.Year(), d.Month(), d.Day())
			if flat := strings.Join(strings.Fields(string(text)), ""); !strings.Contains(flat, period) {
				t.Errorf("the summary made on %s does not cover %s:\n%s", day, period, text)
			}
		})
	}
}

// sampleOnDay opens the database at db on a clock set to day, checks that
// the sample laid out on that day holds together and that the Overview's
// figures are those of day's year, counted here from the records
// themselves, and returns the store's counts.
func sampleOnDay(t *testing.T, db string, day data.Date) data.Counts {
	t.Helper()
	s, err := data.OpenWith(db, data.Options{Clock: data.ClockOn(day)})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.Today() != day {
		t.Fatalf("the store's clock says %s, want %s", s.Today(), day)
	}
	problems, err := s.Check()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Errorf("check: %s", p)
	}
	o, err := s.Overview(s.Today())
	if err != nil {
		t.Fatal(err)
	}
	if o.Year != day.Year() {
		t.Errorf("the Overview speaks of %d on %s", o.Year, day)
	}
	visits, err := s.Visits.List()
	if err != nil {
		t.Fatal(err)
	}
	thisYear := 0
	for _, v := range visits {
		if v.Date > day {
			t.Errorf("a sample visit on %s, after today %s", v.Date, day)
		}
		if v.Date.Year() == day.Year() && v.Counts() { // a draft counts once finished
			thisYear++
		}
	}
	if o.VisitsThisYear != thisYear {
		t.Errorf("the Overview counts %d visits this year, the records %d", o.VisitsThisYear, thisYear)
	}
	sessions, err := s.Sessions.List()
	if err != nil {
		t.Fatal(err)
	}
	ofYear := map[data.ID]bool{}
	for _, ss := range sessions {
		ofYear[ss.ID] = ss.Parsed().Year == day.Year()
	}
	enrolments, err := s.Enrolments.List()
	if err != nil {
		t.Fatal(err)
	}
	enrolled := 0
	for _, e := range enrolments {
		if ofYear[e.Session] {
			enrolled++
		}
		if e.Registered > day || e.CertificateDate > day {
			t.Errorf("an enrolment registered %s, certified %s, after today %s", e.Registered, e.CertificateDate, day)
		}
	}
	if o.EnrolmentsThisYear != enrolled {
		t.Errorf("the Overview counts %d enrolments this year, the records %d", o.EnrolmentsThisYear, enrolled)
	}
	if o.Operational == 0 || o.InPipeline == 0 || o.Students == 0 {
		t.Errorf("the Overview on %s has an empty headline: %+v", day, o)
	}
	c, err := s.Counts()
	if err != nil {
		t.Fatal(err)
	}
	return c
}
