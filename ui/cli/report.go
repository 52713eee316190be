package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"

	"tiscdesk/data"
	"tiscdesk/reports"
)

// The report command (DESIGN sections 4 and 9):
//
//	tiscdesk report KIND -o FILE.pdf [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--lang en|zh] [--visit ID]
//
// -o names the output as in most tools: an existing file is replaced, whole
// (the new report is written beside it first).

func runReport(e *env, args []string) error {
	fs := e.flags("report")
	out := fs.String("o", "", "the PDF file to write")
	fs.StringVar(out, "output", "", "the PDF file to write")
	from := fs.String("from", "", "the first day of the period, YYYY-MM-DD")
	to := fs.String("to", "", "the last day of the period, YYYY-MM-DD")
	langName := fs.String("lang", "en", "the report's language: en or zh")
	visit := fs.String("visit", "", "the id of the visit (visit report)")
	pos, err := parseAnywhere(fs, args, "KIND")
	if err != nil {
		return err
	}
	kind, ok := reports.ParseKind(pos[0])
	if !ok {
		return usageError{fmt.Sprintf("report: no report %q: the kinds are: %s", pos[0], kindList())}
	}
	if *out == "" {
		return usageError{"report: -o FILE.pdf is required"}
	}
	lang, ok := reports.ParseLang(*langName)
	if !ok {
		return usageError{fmt.Sprintf("report: --lang %s: use en or zh", *langName)}
	}
	opt := reports.Options{Lang: lang, Today: e.today()}
	if kind.TakesPeriod() {
		opt.Period = kind.DefaultPeriod(opt.Today)
		if *from != "" || *to != "" {
			opt.Period = data.Period{}
		}
	} else if *from != "" || *to != "" {
		return usageError{"report: a visit report has no period: leave out --from and --to"}
	}
	for _, d := range []struct {
		flag, value string
		into        *data.Date
	}{{"--from", *from, &opt.Period.From}, {"--to", *to, &opt.Period.To}} {
		if d.value == "" {
			continue
		}
		if *d.into, err = data.ParseDate(d.value); err != nil {
			return usageError{fmt.Sprintf("report: %s %s: expected a date YYYY-MM-DD", d.flag, d.value)}
		}
	}
	switch {
	case kind == reports.Visit && *visit == "":
		return usageError{"report: a visit report needs --visit ID" + latestVisits(e)}
	case kind != reports.Visit && *visit != "":
		return usageError{"report: --visit is for the visit report only"}
	case *visit != "":
		if opt.Visit, err = data.ParseID(*visit); err != nil {
			return usageError{fmt.Sprintf("report: --visit %s is not a record id", *visit)}
		}
	}
	// Ctrl+C stops the report; the file is not written.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	return e.withStore(func(s *data.Store) error {
		bar := newProgress(e.stderr, "Writing the report")
		opt.Progress = func(f float64) {
			if bar.w != nil {
				fmt.Fprintf(bar.w, "\r%s: %3.0f%%", bar.label, f*100)
				bar.shown = true
			}
		}
		err := data.SaveFile(*out, true, func(w io.Writer) error {
			return reports.Render(ctx, s, kind, opt, w)
		})
		bar.done()
		switch {
		case errors.Is(err, context.Canceled):
			return errors.New("interrupted: no report was written")
		case errors.Is(err, data.ErrNotFound) && kind == reports.Visit:
			return fmt.Errorf("there is no visit with id %s", opt.Visit)
		case err != nil:
			return err
		}
		fmt.Fprintf(e.stdout, "Wrote %s: %s.\n", *out, kind.Title(reports.English))
		return nil
	})
}

// kindList is "summary, network, visit, learning, degrees".
func kindList() string {
	var names []string
	for _, k := range reports.Kinds() {
		names = append(names, string(k))
	}
	return strings.Join(names, ", ")
}

// latestVisits lists the ten latest visits with their ids, for the message
// that asks for one; "" when the database cannot be read.
func latestVisits(e *env) string {
	var b strings.Builder
	_ = e.withStore(func(s *data.Store) error {
		x, err := s.VisitIndex(s.Today())
		if err != nil {
			return err
		}
		rows := x.Filter(data.VisitQuery{Sort: data.VisitSortByDate, Desc: true})
		if len(rows) == 0 {
			return nil
		}
		b.WriteString("; the latest visits are:")
		for i, r := range rows {
			if i == 10 {
				break
			}
			kind := "draft"
			if r.Counts() {
				kind = r.Kind.NameEN()
			}
			fmt.Fprintf(&b, "\n  %s  %s  %s  %s", r.ID, r.Date, kind, r.InstitutionName)
		}
		return nil
	})
	return b.String()
}
