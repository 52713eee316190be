package query

import (
	"fmt"
	"tiscdesk/data/model"
	"tiscdesk/data/store"
)

// Overview is the headline figures of the Overview screen.
type Overview struct {
	Year        int                 // the year the "this year" figures are about
	Operational int                 // institutions at the operational stage
	InPipeline  int                 // institutions between candidate and agreement signed
	ByStage     map[model.Stage]int // every stage, exits included
	// OperationalByRegion counts operational TISCs per macro-region.
	OperationalByRegion map[model.Region]int
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
func LoadOverview(s *store.Store, today model.Date) (Overview, error) {
	o := Overview{Year: today.Year(), ByStage: map[model.Stage]int{}, OperationalByRegion: map[model.Region]int{}}
	year := model.YearPeriod(o.Year)
	err := s.View(func(tx *store.Tx) error {
		if err := s.Institutions.EachIn(tx, func(in *model.Institution) bool {
			o.ByStage[in.Stage]++
			if p, ok := model.ProvinceByCode(in.Province); ok && in.Stage == model.StageOperational {
				o.OperationalByRegion[p.Region]++
			}
			return true
		}); err != nil {
			return err
		}
		if err := s.Visits.EachIn(tx, func(v *model.Visit) bool {
			if !v.Counts() {
				return true // a draft counts once finished
			}
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
		thisYear := map[model.ID]bool{}
		if err := s.Sessions.EachIn(tx, func(ss *model.Session) bool {
			thisYear[ss.ID] = ss.Parsed().Year == o.Year
			return true
		}); err != nil {
			return err
		}
		// Only the session and status of each: read without decoding.
		if err := eachEnrolmentText(s, tx, func(session model.ID, e *model.EnrolmentText) bool {
			if thisYear[session] {
				o.EnrolmentsThisYear++
				if model.EnrolmentStatus(e.Status) == model.StatusCompleted {
					o.CompletedThisYear++
				}
			}
			return true
		}); err != nil {
			return err
		}
		return s.Students.EachIn(tx, func(st *model.Student) bool {
			o.Students++
			if st.Status == model.StudentGraduated {
				o.Graduates++
			}
			return true
		})
	})
	if err != nil {
		return Overview{}, fmt.Errorf("compute overview: %w", err)
	}
	o.Operational = o.ByStage[model.StageOperational]
	for _, st := range model.PipelineStages()[:6] {
		o.InPipeline += o.ByStage[st]
	}
	return o, nil
}
