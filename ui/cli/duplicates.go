package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"tiscdesk/data"
)

// runDuplicates lists the records that may be the same thing, merges two
// of them by hand, or undoes such a merge (DESIGN section 8).
//
//	tiscdesk duplicates [--json]
//	tiscdesk duplicates merge A B [--keep field=B,...]
//	tiscdesk duplicates undo MERGE
func runDuplicates(e *env, args []string) error {
	if len(args) > 0 {
		switch args[0] {
		case "merge":
			return runDuplicatesMerge(e, args[1:])
		case "undo":
			return runDuplicatesUndo(e, args[1:])
		}
	}
	fs := e.flags("duplicates")
	asJSON := fs.Bool("json", false, "print a JSON array of the groups")
	if _, err := parse(fs, args, 0); err != nil {
		return err
	}
	return e.withStore(func(s *data.Store) error {
		groups, err := data.FindDuplicates(s.Store)
		if err != nil {
			return err
		}
		if *asJSON {
			if groups == nil {
				groups = []data.DuplicateGroup{}
			}
			enc := json.NewEncoder(e.stdout)
			enc.SetIndent("", "  ")
			return enc.Encode(groups)
		}
		if len(groups) == 0 {
			fmt.Fprintln(e.stdout, "No possible duplicates.")
			return nil
		}
		for _, g := range groups {
			fmt.Fprintf(e.stdout, "%s, %s:\n", g.Kind, reasonText(g.Reason))
			for _, r := range g.Records {
				fmt.Fprintf(e.stdout, "  %s  %s\n", r.ID, r.Name)
			}
		}
		count := fmt.Sprintf("%d groups", len(groups))
		if len(groups) == 1 {
			count = "1 group"
		}
		fmt.Fprintf(e.stdout, "%s. Merge two records with: tiscdesk duplicates merge KEEP OTHER [--keep field=B,...]\n", count)
		return nil
	})
}

// reasonText says a reason in words.
func reasonText(r data.DuplicateReason) string {
	switch r {
	case data.SameKey:
		return "the same name"
	case data.SameEnglishName:
		return "the same English name"
	case data.NameInside:
		return "one name inside the other"
	case data.EditDistance:
		return "names one or two letters apart"
	case data.SameEmail:
		return "one email under different names"
	case data.SameName:
		return "one name with two emails"
	case data.PartnerUnknown:
		return "one name, the partner university given in one only"
	}
	return string(r)
}

func runDuplicatesMerge(e *env, args []string) error {
	fs := e.flags("duplicates merge")
	keepFlag := fs.String("keep", "", "fields whose value comes from the second record: field=B,...")
	pos, err := parseAnywhere(fs, args, "KEEP OTHER")
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return usageError{"duplicates merge: give two record ids: tiscdesk duplicates merge KEEP OTHER [--keep field=B,...]"}
	}
	var ids [2]data.ID
	for i, p := range pos {
		if ids[i], err = data.ParseID(p); err != nil {
			return usageError{fmt.Sprintf("duplicates merge: %s is not a record id", p)}
		}
	}
	var fromB []string
	for _, kv := range strings.Split(*keepFlag, ",") {
		if kv = strings.TrimSpace(kv); kv == "" {
			continue
		}
		field, side, ok := strings.Cut(kv, "=")
		switch {
		case !ok || (side != "A" && side != "B" && side != "a" && side != "b"):
			return usageError{fmt.Sprintf("duplicates merge: --keep %s: write field=A or field=B", kv)}
		case strings.EqualFold(side, "B"):
			fromB = append(fromB, field)
		}
	}
	return e.withStore(func(s *data.Store) error {
		kind, ok := data.KindOf(s.Store, ids[0])
		if !ok {
			return fmt.Errorf("there is no institution, programme, cohort or student with id %s", ids[0])
		}
		fields, err := data.MergeFields(s.Store, kind, ids[0], ids[1])
		if err != nil {
			return err
		}
		for _, f := range fromB {
			if !hasField(fields, f) {
				return usageError{fmt.Sprintf("duplicates merge: %s is not a field of these %s", f, kind)}
			}
		}
		hm, err := data.MergeByHand(context.Background(), s.Store, kind, ids[0], ids[1], fromB)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Merged %s %s into %s (%d records changed). Undo with: tiscdesk duplicates undo %s\n",
			strings.TrimSuffix(kind, "s"), ids[1], ids[0], len(hm.Before), hm.ID)
		return nil
	})
}

func hasField(fields []data.FieldChoice, f string) bool {
	for _, c := range fields {
		if c.Field == f {
			return true
		}
	}
	return false
}

func runDuplicatesUndo(e *env, args []string) error {
	fs := e.flags("duplicates undo")
	pos, err := parseAnywhere(fs, args, "MERGE")
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError{"duplicates undo: give the id of one merge: tiscdesk duplicates undo MERGE"}
	}
	id, err := data.ParseID(pos[0])
	if err != nil {
		return usageError{fmt.Sprintf("duplicates undo: %s is not a merge id", pos[0])}
	}
	return e.withStore(func(s *data.Store) error {
		if err := data.UndoMerge(s.Store, id); err != nil {
			return fmt.Errorf("%s is not a merge made here that is not undone yet", id)
		}
		fmt.Fprintf(e.stdout, "Undone: the records are as they were before merge %s.\n", id)
		return nil
	})
}
