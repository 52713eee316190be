package ui

import (
	"fyne.io/fyne/v2/lang"

	"tiscdesk/data"
)

// periodChoice is a choice of period, as the visits' filter and the
// Reports screen offer it.
type periodChoice int

const (
	periodAll periodChoice = iota
	periodThisYear
	periodLastYear
	periodLast12Months
	periodBetween // dates typed by the user
)

func periodName(p periodChoice) string {
	switch p {
	case periodThisYear:
		return lang.L("This year")
	case periodLastYear:
		return lang.L("Last year")
	case periodLast12Months:
		return lang.L("Last 12 months")
	case periodBetween:
		return lang.L("Between dates")
	}
	return lang.L("All dates")
}

// presetPeriod is the dates of a preset choice as of today: this year and
// last year are calendar years. periodAll, and periodBetween (whose dates
// the caller reads from its entries), give the open period.
func presetPeriod(p periodChoice, today data.Date) data.Period {
	switch p {
	case periodThisYear:
		return data.YearPeriod(today.Year())
	case periodLastYear:
		return data.YearPeriod(today.Year() - 1)
	case periodLast12Months:
		return data.Period{From: data.DateOf(today.Time().AddDate(-1, 0, 1)), To: today}
	}
	return data.Period{}
}
