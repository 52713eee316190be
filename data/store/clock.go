package store

import (
	"time"
	"tiscdesk/data/model"
)

// Clock tells the time. The program runs on the system clock; whatever asks
// for today (the sample's timeline, the Overview's "this year", a report's
// default period, the stamps of a write) asks the store's clock, so that a
// test can say which day it is and pass on any date.
type Clock func() time.Time

// SystemClock is the machine's clock: the program's.
func SystemClock() time.Time { return time.Now() }

// ClockFrom returns a clock that reads start when it is made and then moves
// on with the system's clock, so that writes keep distinct, increasing stamps
// on a day of the caller's choosing.
func ClockFrom(start time.Time) Clock {
	began := time.Now()
	return func() time.Time { return start.Add(time.Since(began)) }
}

// ClockOn returns a clock that starts on day at 09:00 local time (see
// ClockFrom). It panics when day is not a date: it is meant for tests and
// fixed inputs.
func ClockOn(day model.Date) Clock {
	if !day.Valid() {
		panic("data.ClockOn: " + string(day) + " is not a date")
	}
	t := day.Time()
	return ClockFrom(time.Date(t.Year(), t.Month(), t.Day(), 9, 0, 0, 0, time.Local))
}

// Options are the choices Open takes beyond the path.
type Options struct {
	// NoSync skips the flush to disk at each commit: for tests and fuzzing,
	// where durability is not the point and speed is. Never for users.
	NoSync bool
	// Clock is what the store asks for the time; nil is the system clock.
	Clock Clock
}

// Now returns the store's time, in UTC: what a write is stamped with.
func (s *Store) Now() time.Time { return s.clock().UTC() }

// Today returns the store's local date: what "today" and "this year" mean.
func (s *Store) Today() model.Date { return model.DateOf(s.clock()) }
