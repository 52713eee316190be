package cli

import (
	"errors"
	"fmt"
	"strings"

	"tiscdesk/data"
)

// runForget erases one person's personal data everywhere and keeps the
// figures (DESIGN section 14). Without --yes it only says what it would
// erase.
//
//	tiscdesk forget EMAIL [--yes]
func runForget(e *env, args []string) error {
	fs := e.flags("forget")
	yes := fs.Bool("yes", false, "erase without asking again")
	pos, err := positionals(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError{"forget: give the email of one person: tiscdesk forget EMAIL [--yes]"}
	}
	email := pos[0]
	return e.withStore(func(s *data.Store) error {
		plan, err := s.FindPerson(email)
		if errors.Is(err, data.ErrNotFound) {
			return fmt.Errorf("no participant or student has the email %s; nothing was erased", email)
		}
		if err != nil {
			return err
		}
		if !*yes {
			fmt.Fprintf(e.stdout, "Forgetting %s would erase:\n", plan.Email)
			printPlan(e, plan)
			return errors.New("nothing was erased: run again with --yes to erase")
		}
		done, err := s.Forget(email)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Forgot %s; the records now carry %s instead. Erased:\n", done.Email, done.Identity)
		printPlan(e, done)
		fmt.Fprintln(e.stdout, "The erasure travels to other machines with the next bundle or sync. Backups made before now still hold the person: delete them if they must go too.")
		return nil
	})
}

func printPlan(e *env, p data.ForgetPlan) {
	if len(p.Names) > 0 {
		fmt.Fprintf(e.stdout, "  the name%s %s and the email %s\n", map[bool]string{true: "s", false: ""}[len(p.Names) > 1], strings.Join(p.Names, ", "), p.Email)
	}
	if p.Enrolments > 0 {
		fmt.Fprintf(e.stdout, "  on %s: name, email, organisation, certificate number\n", plural(p.Enrolments, "enrolment", "enrolments"))
	}
	if p.Students > 0 {
		fmt.Fprintf(e.stdout, "  on %s: name, email, thesis title, supervisor\n", plural(p.Students, "student record", "student records"))
	}
	if p.Contacts > 0 {
		fmt.Fprintf(e.stdout, "  %s of institutions\n", plural(p.Contacts, "contact", "contacts"))
	}
	if p.Visits > 0 {
		fmt.Fprintf(e.stdout, "  the person among the people met of %s\n", plural(p.Visits, "visit", "visits"))
	}
	if p.Conflicts > 0 {
		fmt.Fprintf(e.stdout, "  %s in the conflict list\n", plural(p.Conflicts, "version", "versions"))
	}
	fmt.Fprintln(e.stdout, "  and every earlier version of those records in their history.")
	fmt.Fprintln(e.stdout, "Kept: session or cohort, gender, province, country, status, score and dates, so the figures do not change.")
}
