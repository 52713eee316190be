package kit

import "fyne.io/fyne/v2/lang"

// Plural is the sentence for a count n, translated: one when n is 1, else
// other ("{{.Count}} institution" / "{{.Count}} institutions"). Chinese has
// one form, so both keys translate alike; English needs both. args hold
// the sentence's values, n among them under the name the sentence uses.
func Plural(n int, one, other string, args map[string]any) string {
	if n == 1 {
		return lang.L(one, args)
	}
	return lang.L(other, args)
}
