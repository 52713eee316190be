package kit

import (
	"fyne.io/fyne/v2/lang"

	"tiscdesk/data"
)

// PeriodChoice is a choice of period, as the visits' filter and the
// Reports screen offer it.
type PeriodChoice int

const (
	PeriodAll          PeriodChoice = iota // every record, whatever its date
	PeriodThisYear                         // the calendar year of today
	PeriodLastYear                         // the calendar year before
	PeriodLast12Months                     // the twelve months to today
	PeriodBetween                          // dates typed by the user
)

// PeriodName is a period choice as the user reads it.
func PeriodName(p PeriodChoice) string {
	switch p {
	case PeriodThisYear:
		return lang.L("This year")
	case PeriodLastYear:
		return lang.L("Last year")
	case PeriodLast12Months:
		return lang.L("Last 12 months")
	case PeriodBetween:
		return lang.L("Between dates")
	}
	return lang.L("All dates")
}

// PresetPeriod is the dates of a preset choice as of today: this year and
// last year are calendar years. periodAll, and periodBetween (whose dates
// the caller reads from its entries), give the open period.
func PresetPeriod(p PeriodChoice, today data.Date) data.Period {
	switch p {
	case PeriodThisYear:
		return data.YearPeriod(today.Year())
	case PeriodLastYear:
		return data.YearPeriod(today.Year() - 1)
	case PeriodLast12Months:
		return data.Period{From: data.DateOf(today.Time().AddDate(-1, 0, 1)), To: today}
	}
	return data.Period{}
}
