package kit

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2/lang"

	"tiscdesk/data"
)

// FieldName names a field for people, in the interface's language, from
// its key as a validation error, a conflict or an import names it: the
// label of data.FieldLabels, translated. A dotted key names each part, and
// a position counts from 1: "contacts.0.email" is "Contacts 1: Email".
func FieldName(key string) string {
	var b strings.Builder
	for i, part := range strings.Split(key, ".") {
		if n, err := strconv.Atoi(part); err == nil && n >= 0 && i > 0 {
			b.WriteString(" " + strconv.Itoa(n+1))
			continue
		}
		if i > 0 {
			b.WriteString(": ")
		}
		b.WriteString(lang.L(data.FieldLabel(part)))
	}
	return b.String()
}
