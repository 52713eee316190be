package query

import (
	"tiscdesk/data/model"
)

// LearningStats are the figures of a set of enrolments: a session's, a
// course's, a year's. The rates are those of the Overview and the
// distance-learning report: the completion rate is completed ÷ enrolments,
// the pass rate completed ÷ (completed + failed). Neither is given before a
// first result (completed or failed): while a session runs, 0% would read
// as a failure.
type LearningStats struct {
	Enrolments int
	ByStatus   map[model.EnrolmentStatus]int
	ByGender   map[model.Gender]int
	Scored     int     // enrolments with a final score
	ScoreSum   float64 // of those scores
	Certified  int     // enrolments with a certificate (its number or its date)
}

// newLearningStats returns empty figures.
func newLearningStats() LearningStats {
	return LearningStats{ByStatus: map[model.EnrolmentStatus]int{}, ByGender: map[model.Gender]int{}}
}

// add counts one enrolment.
func (st *LearningStats) add(status model.EnrolmentStatus, gender model.Gender, score float64, scored, certified bool) {
	st.Enrolments++
	st.ByStatus[status]++
	st.ByGender[gender]++
	if scored {
		st.Scored++
		st.ScoreSum += score
	}
	if certified {
		st.Certified++
	}
}

// Merge adds o's figures to st's.
func (st *LearningStats) Merge(o LearningStats) {
	if st.ByStatus == nil {
		*st = newLearningStats()
	}
	st.Enrolments += o.Enrolments
	st.Scored += o.Scored
	st.ScoreSum += o.ScoreSum
	st.Certified += o.Certified
	for k, v := range o.ByStatus {
		st.ByStatus[k] += v
	}
	for k, v := range o.ByGender {
		st.ByGender[k] += v
	}
}

// Completed is the number of participants who passed.
func (st LearningStats) Completed() int { return st.ByStatus[model.StatusCompleted] }

// Failed is the number of participants who did not pass.
func (st LearningStats) Failed() int { return st.ByStatus[model.StatusFailed] }

// Withdrawn is the number of participants who left.
func (st LearningStats) Withdrawn() int { return st.ByStatus[model.StatusWithdrawn] }

// InProgress is the number still registered, active or suspended.
func (st LearningStats) InProgress() int {
	return st.ByStatus[model.StatusRegistered] + st.ByStatus[model.StatusActive] + st.ByStatus[model.StatusSuspended]
}

// CompletionRate is completed / enrolments, 0-1; ok is false before any
// result (completed or failed).
func (st LearningStats) CompletionRate() (rate float64, ok bool) {
	if st.Completed()+st.Failed() == 0 {
		return 0, false
	}
	return float64(st.Completed()) / float64(st.Enrolments), true
}

// PassRate is completed / (completed + failed), 0-1; ok is false before any result.
func (st LearningStats) PassRate() (rate float64, ok bool) {
	results := st.Completed() + st.Failed()
	if results == 0 {
		return 0, false
	}
	return float64(st.Completed()) / float64(results), true
}

// AverageScore is the mean final score; ok is false when none is recorded.
func (st LearningStats) AverageScore() (avg float64, ok bool) {
	if st.Scored == 0 {
		return 0, false
	}
	return st.ScoreSum / float64(st.Scored), true
}
