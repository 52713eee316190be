package data

import "strconv"

// enumName gives one value of an enumerated field its English and Chinese
// display names. The tables live beside each type; the UI translates the
// English name and a test checks its translation equals the Chinese one.
type enumName[T ~string] struct {
	value  T
	nameEN string
	nameZH string
}

func (e *enumName[T]) en() string {
	if e == nil {
		return ""
	}
	return e.nameEN
}

func (e *enumName[T]) zh() string {
	if e == nil {
		return ""
	}
	return e.nameZH
}

func lookupEnum[T ~string](table []enumName[T], v T) *enumName[T] {
	for i := range table {
		if table[i].value == v {
			return &table[i]
		}
	}
	return nil
}

func values[T ~string](table []enumName[T]) []T {
	out := make([]T, len(table))
	for i, e := range table {
		out[i] = e.value
	}
	return out
}

// indexed names an element's field for a FieldError: "contacts.2.email".
func indexed(list string, i int, field string) string {
	s := list + "." + strconv.Itoa(i)
	if field != "" {
		s += "." + field
	}
	return s
}
