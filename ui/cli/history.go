package cli

import (
	"encoding/json"
	"fmt"
	"strings"

	"tiscdesk/data"
	"tiscdesk/data/store"
)

// runHistory prints every version of a record kept here, the current one
// last: when, which device, which fields it changed.
//
//	tiscdesk history ID [--json]
func runHistory(e *env, args []string) error {
	fs := e.flags("history")
	asJSON := fs.Bool("json", false, "print a JSON array of the versions")
	var rest []string
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		if _, err := parse(fs, args[1:], 0); err != nil {
			return err
		}
		rest = args[:1]
	} else {
		var err error
		if rest, err = parse(fs, args, 1); err != nil {
			return usageError{"history: give the id of one record: tiscdesk history ID [--json]"}
		}
	}
	id, err := data.ParseID(rest[0])
	if err != nil {
		return usageError{fmt.Sprintf("history: %s is not a record id", rest[0])}
	}
	return e.withStore(func(s *data.Store) error {
		versions, err := s.History(id)
		if err != nil {
			return fmt.Errorf("there is no record with id %s", id)
		}
		if *asJSON {
			enc := json.NewEncoder(e.stdout)
			enc.SetIndent("", "  ")
			return enc.Encode(versions)
		}
		fmt.Fprintf(e.stdout, "%s %s: %d versions kept here (up to %d replaced ones per record)\n",
			strings.TrimSuffix(versions[0].Kind, "s"), id, len(versions), s.HistoryLimit())
		for _, v := range versions {
			fmt.Fprintf(e.stdout, "%s  %s  %s\n", v.UpdatedAt.Local().Format("2006-01-02 15:04:05"), v.UpdatedBy, versionSummary(v))
		}
		return nil
	})
}

// versionSummary is "created", "deleted" or "changed City, Notes", with
// "(current)" or the number to restore it by.
func versionSummary(v store.Version) string {
	var what string
	switch {
	case v.Deleted:
		what = "deleted"
	case v.Created:
		what = "created"
	case len(v.Changed) == 0:
		what = "saved unchanged"
	default:
		labels := make([]string, len(v.Changed))
		for i, f := range v.Changed {
			labels[i] = data.FieldLabel(f)
		}
		what = "changed " + strings.Join(labels, ", ")
	}
	if v.Current {
		return what + "  (current)"
	}
	return fmt.Sprintf("%s  (version %d)", what, v.Seq)
}
