package kit

import "fyne.io/fyne/v2/widget"

// Radio is a radio group over values of T: the user sees each value's
// name, the program keeps the value chosen, never its translated label.
type Radio[T comparable] struct {
	Group  *widget.RadioGroup
	values []T
	names  []string
	value  T
}

// NewRadio offers values by name; changed (when not nil) runs after each
// change of the value, the user's or Set's. The first value is chosen.
func NewRadio[T comparable](values []T, name func(T) string, changed func()) *Radio[T] {
	r := &Radio[T]{values: values, names: make([]string, len(values))}
	for i, v := range values {
		r.names[i] = name(v)
	}
	r.Group = widget.NewRadioGroup(r.names, nil)
	r.Group.Required = true
	if len(values) > 0 {
		r.value = values[0]
		r.Group.SetSelected(r.names[0])
	}
	// Attached after the first selection, which is not the user's change.
	r.Group.OnChanged = func(label string) {
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
func (r *Radio[T]) Value() T { return r.value }

// Set chooses v, if it is one of the options.
func (r *Radio[T]) Set(v T) {
	for i, x := range r.values {
		if x == v {
			r.Group.SetSelected(r.names[i])
			return
		}
	}
}
