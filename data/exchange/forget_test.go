package exchange

import (
	"strings"
	"testing"

	"tiscdesk/data/datatest"
	"tiscdesk/data/model"
	"tiscdesk/data/privacy"
	"tiscdesk/data/store"
)

// holdingAny lists the stored records of s (every bucket: records, history,
// the conflict list) whose bytes hold any of what.
func holdingAny(t testing.TB, s *store.Store, what ...string) []string {
	t.Helper()
	var out []string
	for k, v := range datatest.Snapshot(t, s) {
		for _, w := range what {
			if strings.Contains(v, w) {
				out = append(out, k+" holds "+w)
			}
		}
	}
	return out
}

// A person forgotten on one machine while another still edits their
// enrolment: whichever edit is the later, after the two machines exchange
// bundles both ways neither holds the person (records, history, conflict
// list), both agree on the enrolment, and the other machine's edit of what
// forget keeps (the status) is not lost.
func TestForgetMeetsAnEditMadeElsewhere(t *testing.T) {
	for _, editFirst := range []bool{true, false} {
		name := map[bool]string{true: "edited before the forget", false: "edited after the forget"}[editFirst]
		t.Run(name, func(t *testing.T) {
			coord, field := datatest.OpenNamed(t, "coord"), datatest.OpenNamed(t, "field")
			base := seedBase(t, coord, 2)
			syncAll(t, coord, field)
			e, err := coord.Enrolments.Get(base.enrols[0])
			if err != nil {
				t.Fatal(err)
			}
			email, person := e.Email, e.Name
			edit := func() {
				fe, err := field.Enrolments.Get(e.ID)
				if err != nil {
					t.Fatal(err)
				}
				fe.Status, fe.Organisation = model.StatusCompleted, "Org of "+person
				if err := field.Enrolments.Put(fe); err != nil {
					t.Fatal(err)
				}
			}
			forget := func() {
				if _, err := privacy.Forget(coord, email); err != nil {
					t.Fatal(err)
				}
			}
			if editFirst {
				edit()
				forget()
			} else {
				forget()
				edit()
			}
			fromField, _ := exportBundle(t, field, coord.DeviceID())
			mergeFile(t, coord, fromField)
			if left := holdingAny(t, coord, email, person); len(left) > 0 {
				t.Errorf("the coordinator holds the person after merging the field's edit: %v", left)
			}
			fromCoord, _ := exportBundle(t, coord, field.DeviceID())
			mergeFile(t, field, fromCoord)
			if left := holdingAny(t, field, email, person); len(left) > 0 {
				t.Errorf("the field machine holds the person after merging the erasure: %v", left)
			}
			// One more round: the two agree.
			back, _ := exportBundle(t, field, coord.DeviceID())
			mergeFile(t, coord, back)
			if left := holdingAny(t, coord, email, person); len(left) > 0 {
				t.Errorf("the coordinator holds the person after the second round: %v", left)
			}
			c, _ := coord.Enrolments.Get(e.ID)
			f, _ := field.Enrolments.Get(e.ID)
			if !model.IsForgotten(c.Email) || c.Email != f.Email || c.Name != c.Email || c.Organisation != "" || f.Organisation != "" {
				t.Errorf("coordinator %+v, field %+v", c, f)
			}
			if !editFirst && (c.Status != model.StatusCompleted || f.Status != model.StatusCompleted) {
				t.Errorf("the field's later status is lost: coordinator %s, field %s", c.Status, f.Status)
			}
		})
	}
}
