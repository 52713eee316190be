package kit

import (
	"maps"
	"strconv"

	"fyne.io/fyne/v2/lang"
)

// Plural is the sentence for a count n, translated: one when n is 1, else
// other ("{{.Count}} institution" / "{{.Count}} institutions"). Chinese has
// one form, so both keys translate alike; English needs both. args hold
// the sentence's values, n among them under the name the sentence uses;
// whole numbers among them are written as Number writes them.
func Plural(n int, one, other string, args map[string]any) string {
	key := other
	if n == 1 {
		key = one
	}
	shown := maps.Clone(args)
	for k, v := range shown {
		if i, ok := v.(int); ok {
			shown[k] = Number(i)
		}
	}
	return lang.L(key, shown)
}

// Counted is n with its noun, translated: Plural with n as {{.Count}}
// ("1 cohort", "3 cohorts"; "3 届"). A sentence with several counts takes
// each as a Counted phrase, so that every noun agrees with its own number
// ("Its {{.Cohorts}} and {{.Students}} will be deleted too.").
func Counted(n int, one, other string) string {
	return Plural(n, one, other, map[string]any{"Count": n})
}

// Number writes a whole number as the interface's language writes counts:
// English groups thousands with commas from 1,000; Chinese from 10,000
// (GB/T 15835: four digits stay ungrouped), with the same comma.
func Number(n int) string {
	s := strconv.Itoa(n)
	digits := s
	sign := ""
	if n < 0 {
		sign, digits = "-", s[1:]
	}
	from := 4
	if InterfaceIsChinese() {
		from = 5
	}
	if len(digits) < from {
		return s
	}
	grouped := make([]byte, 0, len(digits)+len(digits)/3)
	for i := range len(digits) {
		if i > 0 && (len(digits)-i)%3 == 0 {
			grouped = append(grouped, ',')
		}
		grouped = append(grouped, digits[i])
	}
	return sign + string(grouped)
}
