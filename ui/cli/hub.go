package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"tiscdesk/data"
	"tiscdesk/data/exchange/hub"
)

// runHub runs the hub's commands:
//
//	tiscdesk hub setup URL
//	tiscdesk hub device add LABEL --coordinator|--headquarters|--field --provinces CN-SH,... --hub OWNER-URL
//	tiscdesk hub status [--hub URL]
func runHub(e *env, args []string) error {
	if len(args) == 0 {
		return usageError{"hub: expected setup, device add or status"}
	}
	action, rest := args[0], args[1:]
	switch action {
	case "setup":
		if _, err := parse(e.flags("hub setup"), rest, 1); err != nil {
			return err
		}
		return hubSetup(e, rest[len(rest)-1])
	case "status":
		fs := e.flags("hub status")
		url := fs.String("hub", "", "the hub's URL")
		if _, err := parse(fs, rest, 0); err != nil {
			return err
		}
		return hubStatus(e, *url)
	case "device":
		if len(rest) == 0 || rest[0] != "add" {
			return usageError{"hub device: expected add LABEL"}
		}
		return hubDeviceAdd(e, rest[1:])
	}
	return usageError{fmt.Sprintf("hub: unknown action %q: the actions are setup, device add and status", action)}
}

func hubSetup(e *env, url string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	created, err := hub.Setup(ctx, url)
	if err != nil {
		return err
	}
	if created {
		fmt.Fprintf(e.stdout, "The hub is set up in %s (schema %d).\n", hub.Redact(url), hub.SchemaVersion)
	} else {
		fmt.Fprintf(e.stdout, "The hub in %s is up to date (schema %d); nothing changed.\n", hub.Redact(url), hub.SchemaVersion)
	}
	return nil
}

// hubURL is the URL given, remembered for next time, or the one
// remembered before.
func hubURL(given string) (string, error) {
	if given != "" {
		return given, hub.RememberURL(given)
	}
	return hub.RememberedURL()
}

func hubStatus(e *env, given string) error {
	url, err := hubURL(given)
	if err != nil {
		return err
	}
	return e.withStore(func(s *data.Store) error {
		ctx := context.Background()
		h, err := hub.Open(ctx, url)
		if err != nil {
			return err
		}
		defer h.Close()
		st, err := h.Status(ctx, s.Store)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Hub %s: %d records, %d devices.\n", hub.Redact(url), st.Versions, len(st.Devices))
		w := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
		fmt.Fprintln(w, "DEVICE\tLABEL\tROLE\tLAST PUSH\tLAST PULL")
		for _, d := range st.Devices {
			fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", d.ID[:min(8, len(d.ID))], d.Label, d.Role, when(d.LastPush), when(d.LastPull))
		}
		w.Flush()
		last := "never"
		if !st.State.LastPull.IsZero() {
			last = st.State.LastPull.Local().Format("2006-01-02 15:04")
		}
		fmt.Fprintf(e.stdout, "This machine: last sync %s, %d changes waiting to be pushed.\n", last, st.Waiting)
		fmt.Fprintf(e.stdout, "Conflicts: %d on the hub, %d in this machine's list (review them in Exchange → Conflicts).\n", st.HubConflicts, st.Conflicts)
		return nil
	})
}

func when(t *time.Time) string {
	if t == nil {
		return "never"
	}
	return t.Local().Format("2006-01-02 15:04")
}

// runSync pushes this machine's changes to the hub and pulls the others'.
//
//	tiscdesk sync [--hub URL]
func runSync(e *env, args []string) error {
	fs := e.flags("sync")
	given := fs.String("hub", "", "the hub's URL (remembered for next time)")
	if _, err := parse(fs, args, 0); err != nil {
		return err
	}
	url, err := hubURL(*given)
	if err != nil {
		return err
	}
	return e.withStore(func(s *data.Store) error {
		rep, err := hub.Sync(context.Background(), s.Store, url)
		if err != nil {
			if errors.Is(err, hub.ErrHubNewer) {
				return fmt.Errorf("%w; install the newer TISC Desk to sync with it. Nothing changed here", err)
			}
			return fmt.Errorf("%w. Nothing changed here", err)
		}
		fmt.Fprintf(e.stdout, "Pushed %d changes to the hub.\n", rep.Push.Sent)
		if rep.Push.Photos > 0 || rep.Pull.Photos > 0 {
			fmt.Fprintf(e.stdout, "Photos: %d sent, %d received.\n", rep.Push.Photos, rep.Pull.Photos)
		}
		if n := rep.Pull.PhotosRefused; n > 0 {
			fmt.Fprintf(e.stdout, "%d photos on the hub are not photos TISC Desk stored (damaged, or put there by hand) and were left out.\n", n)
		}
		t := rep.Pull.Merge.Total()
		fmt.Fprintf(e.stdout, "Pulled %d versions: %d added, %d updated, %d deleted, %d unchanged.\n",
			rep.Pull.Received, t.Added, t.Updated, t.Deleted, t.Unchanged)
		if t.Conflicts > 0 {
			fmt.Fprintf(e.stdout, "%d conflicts: the losing versions are kept; review them on the Exchange screen.\n", t.Conflicts)
		}
		if c := rep.Conflicts; c != (hub.ConflictReport{}) {
			fmt.Fprintf(e.stdout, "Conflict list shared: %d sent and %d resolutions sent; %d added here from other machines, %d resolved elsewhere taken off.\n",
				c.Sent, c.Resolved, c.Added, c.Dropped)
		}
		if f := rep.Forget; f.Sent > 0 || f.Erased > 0 {
			fmt.Fprintf(e.stdout, "Forgotten people: the hub erased the older versions of %d records forgotten here (%d set aside); %d records forgotten elsewhere erased here.\n",
				f.Sent, f.Purged, f.Erased)
		}
		if len(rep.Pull.Merge.Skipped) > 0 {
			fmt.Fprintf(e.stdout, "%d records were not valid here and were skipped.\n", len(rep.Pull.Merge.Skipped))
		}
		return nil
	})
}

func hubDeviceAdd(e *env, args []string) error {
	fs := e.flags("hub device add")
	coord := fs.Bool("coordinator", false, "reads and writes everything")
	hq := fs.Bool("headquarters", false, "reads everything, writes nothing")
	field := fs.Bool("field", false, "the institutions and visits of some provinces")
	provinces := fs.String("provinces", "", "for --field: ISO codes such as CN-SH,CN-JS")
	owner := fs.String("hub", "", "the hub's owner URL, as given to hub setup")
	// LABEL may come before or after the options.
	var label []string
	for len(args) > 0 {
		if err := fs.Parse(args); err != nil {
			return usageError{fmt.Sprintf("hub device add: %v", err)}
		}
		args = fs.Args()
		if len(args) > 0 {
			label = append(label, args[0])
			args = args[1:]
		}
	}
	if len(label) != 1 {
		return usageError{"hub device add: give one LABEL (quote it when it has spaces)"}
	}
	var kind hub.Role
	n := 0
	for _, k := range []struct {
		on   bool
		role hub.Role
	}{{*coord, hub.Coordinator}, {*hq, hub.Headquarters}, {*field, hub.Field}} {
		if k.on {
			kind = k.role
			n++
		}
	}
	if n != 1 {
		return usageError{"hub device add: give one of --coordinator, --headquarters or --field"}
	}
	if *owner == "" {
		return usageError{"hub device add: give the hub's owner URL with --hub URL"}
	}
	var codes []string
	for _, p := range strings.Split(*provinces, ",") {
		if p = strings.ToUpper(strings.TrimSpace(p)); p != "" {
			codes = append(codes, p)
		}
	}
	l, err := hub.AddLogin(context.Background(), *owner, label[0], kind, codes)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Login %s for %q (%s", l.Role, l.Label, l.Kind)
	if len(l.Provinces) > 0 {
		fmt.Fprintf(e.stdout, ": %s", strings.Join(l.Provinces, ", "))
	}
	fmt.Fprintln(e.stdout, "). Give this URL to that machine only (tiscdesk sync --hub URL, or the Exchange screen); it holds its password:")
	fmt.Fprintln(e.stdout, l.URL)
	return nil
}
