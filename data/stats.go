package data

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
	return c.Institutions + c.Visits + c.Courses + c.Sessions + c.Enrolments + c.Programmes + c.Cohorts + c.Students
}

// HasUserData reports whether the database holds anything besides the
// built-in course catalogue.
func (c Counts) HasUserData() bool {
	return c.Institutions+c.Visits+c.Sessions+c.Enrolments+c.Programmes+c.Cohorts+c.Students > 0
}

// Overview is the headline figures of the Overview screen.
type Overview struct {
	Year        int           // the year the "this year" figures are about
	Operational int           // institutions at the operational stage
	InPipeline  int           // institutions between candidate and agreement signed
	ByStage     map[Stage]int // every stage, exits included
	// OperationalByRegion counts operational TISCs per macro-region.
	OperationalByRegion map[Region]int
	VisitsThisYear      int
	OpenFollowUps       int
	OverdueFollowUps    int
	EnrolmentsThisYear  int // in sessions of this year
	CompletedThisYear   int
	Students            int
	Graduates           int
}

// CompletionRate is completed / enrolments this year, 0-1; ok is false when
// there were no enrolments.
func (o Overview) CompletionRate() (rate float64, ok bool) {
	if o.EnrolmentsThisYear == 0 {
		return 0, false
	}
	return float64(o.CompletedThisYear) / float64(o.EnrolmentsThisYear), true
}

// Overview computes the headline figures for the year of today.
func (s *Store) Overview(today Date) (Overview, error) {
	o := Overview{Year: today.Year(), ByStage: map[Stage]int{}, OperationalByRegion: map[Region]int{}}
	year := YearPeriod(o.Year)
	err := s.View(func(tx *Tx) error {
		if err := s.Institutions.EachIn(tx, func(in *Institution) bool {
			o.ByStage[in.Stage]++
			if p, ok := ProvinceByCode(in.Province); ok && in.Stage == StageOperational {
				o.OperationalByRegion[p.Region]++
			}
			return true
		}); err != nil {
			return err
		}
		if err := s.Visits.EachIn(tx, func(v *Visit) bool {
			if year.Contains(v.Date) {
				o.VisitsThisYear++
			}
			open, overdue := v.OpenFollowUps(today)
			o.OpenFollowUps += open
			o.OverdueFollowUps += overdue
			return true
		}); err != nil {
			return err
		}
		thisYear := map[ID]bool{}
		if err := s.Sessions.EachIn(tx, func(ss *Session) bool {
			thisYear[ss.ID] = ss.Parsed().Year == o.Year
			return true
		}); err != nil {
			return err
		}
		// Only the session and status of each: read without decoding.
		if err := s.eachEnrolmentText(tx, func(session ID, e *enrolmentText) bool {
			if thisYear[session] {
				o.EnrolmentsThisYear++
				if EnrolmentStatus(e.status) == StatusCompleted {
					o.CompletedThisYear++
				}
			}
			return true
		}); err != nil {
			return err
		}
		return s.Students.EachIn(tx, func(st *Student) bool {
			o.Students++
			if st.Status == StudentGraduated {
				o.Graduates++
			}
			return true
		})
	})
	if err != nil {
		return Overview{}, fmt.Errorf("compute overview: %w", err)
	}
	o.Operational = o.ByStage[StageOperational]
	for _, st := range PipelineStages()[:6] {
		o.InPipeline += o.ByStage[st]
	}
	return o, nil
}
