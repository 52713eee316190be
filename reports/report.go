package reports

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"tiscdesk/data"
)

// Kind is one of the five reports of DESIGN section 4.
type Kind string

// The reports, by the name the command line gives them.
const (
	Summary  Kind = "summary"  // the activity summary for a period
	Network  Kind = "network"  // the TISC network
	Visit    Kind = "visit"    // one site visit (back-to-office report)
	Learning Kind = "learning" // distance learning for a period
	Degrees  Kind = "degrees"  // the joint degrees
)

// Kinds lists the reports in the order the Reports screen offers them.
func Kinds() []Kind { return []Kind{Summary, Network, Visit, Learning, Degrees} }

// ParseKind accepts a report's name, or one of its aliases ("dl",
// "distance-learning", "joint-degrees", ...), in any case.
func ParseKind(s string) (Kind, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "summary", "activity", "activity-summary":
		return Summary, true
	case "network", "tisc", "tiscs", "pipeline":
		return Network, true
	case "visit", "site-visit":
		return Visit, true
	case "learning", "dl", "distance-learning", "enrolments", "enrollments":
		return Learning, true
	case "degrees", "degree", "joint-degrees", "students":
		return Degrees, true
	}
	return "", false
}

// Title is the report's title in language l.
func (k Kind) Title(l Lang) string {
	switch k {
	case Summary:
		return l.in(phTitleSummary)
	case Network:
		return l.in(phTitleNetwork)
	case Visit:
		return l.in(phTitleVisit)
	case Learning:
		return l.in(phTitleLearning)
	case Degrees:
		return l.in(phTitleDegrees)
	}
	return string(k)
}

// TakesPeriod reports whether the report is about a period (all but the
// visit report).
func (k Kind) TakesPeriod() bool { return k != Visit }

// DefaultPeriod is the period a report covers when none is given: the year
// to date for the summary, the network and distance learning; every cohort
// for the joint degrees; none for a visit.
func (k Kind) DefaultPeriod(today data.Date) data.Period {
	switch k {
	case Summary, Network, Learning:
		return data.Period{From: data.YearPeriod(today.Year()).From, To: today}
	}
	return data.Period{}
}

// Options say what a report covers and how it is written.
type Options struct {
	Lang   Lang        // English when empty
	Period data.Period // the period covered; both ends are optional
	Visit  data.ID     // the visit of a visit report
	Today  data.Date   // the date produced; today when empty
	// Progress, when set, is told how far the work is, from 0 to 1. It is
	// called on the goroutine that runs Render.
	Progress func(fraction float64)
}

// ErrDraftVisit is returned for the report of a visit still saved as a
// draft: drafts are left out of reports until finished (DESIGN section 2).
var ErrDraftVisit = errors.New("the visit is a draft: finish it before printing its report")

// ErrNoVisit is returned when a visit report names no visit.
var ErrNoVisit = errors.New("a visit report needs the visit's id")

// ErrBadPeriod is returned when a period ends before it starts.
var ErrBadPeriod = errors.New("the period ends before it starts")

// Render writes the report of kind k from the store's records to w as a
// PDF. It returns ErrNoVisit when a visit report has no visit, an error
// wrapping data.ErrNotFound when the visit does not exist, ErrBadPeriod
// for a period that ends before it starts, ctx's error when cancelled, and
// otherwise the store's or the PDF writer's error. Nothing is written to w
// unless the whole report was made.
func Render(ctx context.Context, s *data.Store, k Kind, opt Options, w io.Writer) error {
	if opt.Lang == "" {
		opt.Lang = English
	}
	if opt.Today == "" {
		opt.Today = s.Today()
	}
	if opt.Progress == nil {
		opt.Progress = func(float64) {}
	}
	p := opt.Period
	if p.From != "" && p.To != "" && p.To < p.From {
		return ErrBadPeriod
	}
	opt.Progress(0)
	var d *doc
	var err error
	switch k {
	case Summary:
		d, err = renderSummary(ctx, s, opt)
	case Network:
		d, err = renderNetwork(s, opt)
	case Visit:
		d, err = renderVisit(s, opt)
	case Learning:
		d, err = renderLearning(ctx, s, opt)
	case Degrees:
		d, err = renderDegrees(s, opt)
	default:
		return fmt.Errorf("unknown report %q", k)
	}
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	opt.Progress(0.9)
	if err := d.finish(w); err != nil {
		return fmt.Errorf("write the %s report: %w", k, err)
	}
	opt.Progress(1)
	return nil
}
