package model

import "strconv"

// EnumName gives one value of an enumerated field its English and Chinese
// display names. The tables live beside each type; the UI translates the
// English name and a test checks its translation equals the Chinese one.
type EnumName[T ~string] struct {
	Value  T
	NameEN string
	NameZH string
}

func (e *EnumName[T]) en() string {
	if e == nil {
		return ""
	}
	return e.NameEN
}

func (e *EnumName[T]) zh() string {
	if e == nil {
		return ""
	}
	return e.NameZH
}

func lookupEnum[T ~string](table []EnumName[T], v T) *EnumName[T] {
	for i := range table {
		if table[i].Value == v {
			return &table[i]
		}
	}
	return nil
}

func values[T ~string](table []EnumName[T]) []T {
	out := make([]T, len(table))
	for i, e := range table {
		out[i] = e.Value
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

// EnumIndex is v's place in table, or len(table) when v is not in it: the
// order lists and reports sort enumerated values in.
func EnumIndex[T ~string](table []EnumName[T], v T) int {
	for i := range table {
		if table[i].Value == v {
			return i
		}
	}
	return len(table)
}
