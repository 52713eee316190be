package ui

import "fyne.io/fyne/v2/widget"

// radio is a radio group over values of T: the user sees each value's
// name, the program keeps the value chosen, never its translated label.
type radio[T comparable] struct {
	group  *widget.RadioGroup
	values []T
	names  []string
	value  T
}

// newRadio offers values by name; changed (when not nil) runs after each
// change of the value, the user's or Set's. The first value is chosen.
func newRadio[T comparable](values []T, name func(T) string, changed func()) *radio[T] {
	r := &radio[T]{values: values, names: make([]string, len(values))}
	for i, v := range values {
		r.names[i] = name(v)
	}
	r.group = widget.NewRadioGroup(r.names, nil)
	r.group.Required = true
	if len(values) > 0 {
		r.value = values[0]
		r.group.SetSelected(r.names[0])
	}
	// Attached after the first selection, which is not the user's change.
	r.group.OnChanged = func(label string) {
		for i, n := range r.names {
			if n == label {
				r.value = r.values[i]
			}
		}
		if changed != nil {
			changed()
		}
	}
	return r
}

// Value is the value chosen.
func (r *radio[T]) Value() T { return r.value }

// Set chooses v, if it is one of the options.
func (r *radio[T]) Set(v T) {
	for i, x := range r.values {
		if x == v {
			r.group.SetSelected(r.names[i])
			return
		}
	}
}
