package sample

import (
	"fmt"
	"math/rand/v2"
	"tiscdesk/data/model"
)

// operations gives the operational TISCs what a coordinator follows after
// the plaque (DESIGN section 12): a service level, a host agreement, a
// yearly return for each full year (up to three, from the year before the
// plaque: a preparatory institution often reports too, and the reports
// have a year to compare), a six-month review, and the three-year
// evaluation once it has fallen due. It draws from its own random stream,
// so the rest of the sample stays as it was.
func (g *sampler) operations() error {
	rng := rand.New(rand.NewPCG(sampleSeed1+18, sampleSeed2))
	levels := []model.ServiceLevel{model.Level1, model.Level2, model.Level3}
	first := true
	for _, in := range g.insts {
		if in.Stage != model.StageOperational {
			continue
		}
		since := in.StageDate(model.StageOperational)
		in.ServiceLevel = levels[rng.IntN(len(levels))]
		signed := in.StageDate(model.StageAgreement)
		if signed == "" {
			signed = since
		}
		in.AgreementSigned = signed
		in.AgreementExpires = sampleShift(signed, 5*365+rng.IntN(400)-300)
		if first {
			// A first agreement signed for a trial period, up for renewal
			// within the Overview's 90 days: a new user sees one due.
			in.AgreementExpires = sampleShift(g.today, 45)
			first = false
		}
		if err := g.s.Institutions.PutIn(g.tx, in); err != nil {
			return fmt.Errorf("add the agreement of %s: %w", in.LocalName, err)
		}
		base := 300 + rng.IntN(900)
		for year := max(since.Year()-1, g.year-3); year < g.year; year++ {
			grow := 1 + float64(year-g.year+3)*0.12
			r := &model.YearlyReturn{Institution: in.ID, Year: year,
				Inquiries:            int(float64(base) * grow),
				SearchReports:        int(float64(base/25+rng.IntN(20)) * grow),
				Analyses:             rng.IntN(6),
				TrainingEvents:       6 + rng.IntN(20),
				TrainingParticipants: int(float64(200+rng.IntN(1800)) * grow),
				AwarenessEvents:      2 + rng.IntN(10),
				Applications:         rng.IntN(40),
				TechTransfers:        rng.IntN(8),
				Staff:                3 + rng.IntN(6),
			}
			r.StaffTrained = rng.IntN(r.Staff + 1)
			if err := samplePut(g.tx, g.s.Statistics, r, &g.added.Statistics); err != nil {
				return fmt.Errorf("add the %d return of %s: %w", year, in.LocalName, err)
			}
		}
		if review := sampleShift(since, 150+rng.IntN(60)); review <= g.today {
			e := &model.Evaluation{Institution: in.ID, Date: review, Kind: model.EvaluationOther,
				Grade: model.GradePass, Outcome: model.OutcomeContinue, Evaluators: "CNIPA", Notes: "Six-month review"}
			if err := samplePut(g.tx, g.s.Evaluations, e, &g.added.Evaluations); err != nil {
				return fmt.Errorf("add the review of %s: %w", in.LocalName, err)
			}
		}
		if due := model.NextEvaluationDue(in, nil); due != "" && due <= g.today {
			grades := []model.Grade{model.GradeExcellent, model.GradePass, model.GradePass}
			e := &model.Evaluation{Institution: in.ID, Date: sampleShift(due, -rng.IntN(60)), Kind: model.EvaluationOperational,
				Grade: grades[rng.IntN(len(grades))], Outcome: model.OutcomeContinue, Evaluators: "CNIPA · WIPO"}
			if err := samplePut(g.tx, g.s.Evaluations, e, &g.added.Evaluations); err != nil {
				return fmt.Errorf("add the evaluation of %s: %w", in.LocalName, err)
			}
		}
	}
	return nil
}
