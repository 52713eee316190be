package store

import "fmt"

// Counts is the number of live records of each kind: `tiscdesk stats --json`.
type Counts struct {
	Institutions int `json:"institutions"`
	Visits       int `json:"visits"`
	Courses      int `json:"courses"`
	Sessions     int `json:"sessions"`
	Enrolments   int `json:"enrolments"`
	Programmes   int `json:"programmes"`
	Cohorts      int `json:"cohorts"`
	Students     int `json:"students"`
	Statistics   int `json:"statistics"` // yearly returns
	Evaluations  int `json:"evaluations"`
}

// Counts counts every kind of record in one snapshot.
func (s *Store) Counts() (Counts, error) {
	var c Counts
	err := s.View(func(tx *Tx) error {
		c = Counts{
			Institutions: s.Institutions.CountIn(tx),
			Visits:       s.Visits.CountIn(tx),
			Courses:      s.Courses.CountIn(tx),
			Sessions:     s.Sessions.CountIn(tx),
			Enrolments:   s.Enrolments.CountIn(tx),
			Programmes:   s.Programmes.CountIn(tx),
			Cohorts:      s.Cohorts.CountIn(tx),
			Students:     s.Students.CountIn(tx),
			Statistics:   s.Statistics.CountIn(tx),
			Evaluations:  s.Evaluations.CountIn(tx),
		}
		return nil
	})
	if err != nil {
		return Counts{}, fmt.Errorf("count records: %w", err)
	}
	return c, nil
}

// Total is the number of records of every kind.
func (c Counts) Total() int {
	return c.Institutions + c.Visits + c.Courses + c.Sessions + c.Enrolments + c.Programmes + c.Cohorts + c.Students + c.Statistics + c.Evaluations
}

// HasUserData reports whether the database holds anything besides the
// built-in course catalogue.
func (c Counts) HasUserData() bool {
	return c.Institutions+c.Visits+c.Sessions+c.Enrolments+c.Programmes+c.Cohorts+c.Students+c.Statistics+c.Evaluations > 0
}
