package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"slices"
	"strings"
	"text/tabwriter"

	"tiscdesk/data"
)

// The exchange between machines (DESIGN section 8):
//
//	tiscdesk bundle export FILE.tiscx [--since-last DEVICE | --all] [--force] [--no-photos]
//	                                  [--passphrase-file F | --to DEVICE]
//	                                  [--field --provinces CN-SH,...]
//	tiscdesk bundle import FILE.tiscx [--passphrase-file F]
//	tiscdesk bundle devices
//
// A bundle is sealed (DESIGN section 14) when given a passphrase (the first
// line of file F) or a device to seal it for; plain otherwise.

func runBundle(e *env, args []string) error {
	fs := e.flags("bundle")
	since := fs.String("since-last", "", "export only the changes DEVICE (a label or id) has not seen")
	all := fs.Bool("all", false, "export everything (the default)")
	force := fs.Bool("force", false, "replace FILE when it exists")
	passFile := fs.String("passphrase-file", "", "seal (export) or open (import) the bundle with the passphrase on the first line of `F`")
	field := fs.Bool("field", false, "a field bundle: the institutions and visits of --provinces and the catalogue, no personal data")
	provinces := fs.String("provinces", "", "the field bundle's provinces, `CN-SH,CN-JS,...`")
	to := fs.String("to", "", "seal the bundle for `DEVICE` (a label or id of a device that has sent a bundle here or syncs with the same team hub)")
	noPhotos := fs.Bool("no-photos", false, "leave the visits' photos out: a small bundle")
	pos, err := positionals(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usageError{"bundle: expected export, import or devices"}
	}
	action, rest := pos[0], pos[1:]
	exportFlags := *since != "" || *all || *force || *to != "" || *field || *provinces != "" || *noPhotos
	switch {
	case action == "export" && len(rest) == 1:
		if *since != "" && *all {
			return usageError{"bundle export: give --since-last DEVICE or --all, not both"}
		}
		if *passFile != "" && *to != "" {
			return usageError{"bundle export: give --passphrase-file F or --to DEVICE, not both"}
		}
		if *field != (*provinces != "") {
			return usageError{"bundle export: a field bundle takes --field and --provinces CN-SH,... together"}
		}
		if *field && *since != "" {
			return usageError{"bundle export: a field bundle holds everything of its provinces: not with --since-last"}
		}
		seal, err := sealOf(*passFile, *to)
		if err != nil {
			return err
		}
		var fieldOf []string
		if *field {
			fieldOf = strings.Split(*provinces, ",")
		}
		return bundleExport(e, rest[0], *since, *force, *noPhotos, seal, fieldOf)
	case action == "import" && len(rest) == 1 && !exportFlags:
		pass := ""
		if *passFile != "" {
			var err error
			if pass, err = readPassphrase(*passFile); err != nil {
				return err
			}
		}
		return bundleImport(e, rest[0], pass)
	case action == "devices" && len(rest) == 0 && !exportFlags && *passFile == "":
		return bundleDevices(e)
	case action == "export" || action == "import":
		return usageError{fmt.Sprintf("bundle %s: expected one FILE%s (and only the options of %s)", action, data.BundleExtension, action)}
	}
	return usageError{fmt.Sprintf("bundle: unknown action %q: the actions are export, import and devices", action)}
}

// positionals parses fs's flags wherever they stand among args and returns
// the other arguments ("--" ends the flags).
func positionals(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos, tail []string
	if i := slices.Index(args, "--"); i >= 0 {
		args, tail = args[:i], args[i+1:]
	}
	for {
		if err := fs.Parse(args); err != nil {
			return nil, usageError{fmt.Sprintf("%s: %v", fs.Name(), err)}
		}
		if fs.NArg() == 0 {
			return append(pos, tail...), nil
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

func bundleExport(e *env, path, since string, force, noPhotos bool, seal *sealWith, field []string) error {
	if !strings.HasSuffix(strings.ToLower(path), data.BundleExtension) {
		return usageError{fmt.Sprintf("bundle export: %s: a bundle's name ends in %s", path, data.BundleExtension)}
	}
	return e.withStore(func(s *data.Store) error {
		opt := data.ExportOptions{NoPhotos: noPhotos}
		var peer data.Peer
		if since != "" {
			var err error
			if peer, err = s.FindPeer(since); errors.Is(err, data.ErrNotFound) {
				return fmt.Errorf("--since-last %q names no device this database has exchanged bundles with, or several%s", since, knownDevices(s))
			} else if err != nil {
				return err
			}
			opt.For = peer.Device
		}
		opt.Field = field
		var sealedFor data.Peer
		if seal != nil {
			opt.Seal = &data.Seal{Passphrase: seal.passphrase}
			if seal.device != "" {
				p, err := s.FindPeer(seal.device)
				if errors.Is(err, data.ErrNotFound) {
					return fmt.Errorf("--to %q names no device this database has received a bundle from or met through the team hub, or several%s", seal.device, knownDevices(s))
				} else if err != nil {
					return err
				}
				if p.Key == "" {
					return fmt.Errorf("--to %q: no key is known for that device yet; merge a bundle it made with this version of TISC Desk or sync with the team hub first, or seal with --passphrase-file", seal.device)
				}
				sealedFor, opt.Seal.Recipient = p, p.Key
			}
		}
		bar := newProgress(e.stderr, "Writing records")
		opt.Progress = bar.update
		m, err := s.SaveBundle(path, force, opt)
		bar.done()
		if errors.Is(err, data.ErrFileExists) {
			return fmt.Errorf("%s already exists and was left as it was; use --force to replace it", path)
		}
		if err != nil {
			return err
		}
		what := "everything in this database"
		switch {
		case len(m.Field) > 0:
			what = fmt.Sprintf("a field bundle of %s: their institutions and visits and the course catalogue, no personal data", strings.Join(m.Field, ", "))
		case m.Partial():
			what = fmt.Sprintf("the changes since the last exchange with %q (device %s)", peer.Name(), short(peer.Device))
		}
		fmt.Fprintf(e.stdout, "Wrote %s: %s, %s.\n", path, plural(m.Records(), "record", "records"), what)
		if m.Records() > 0 {
			counts := manifestCounts(m)
			if m.Deleted() > 0 {
				counts += "; " + plural(m.Deleted(), "of them a deletion", "of them deletions")
			}
			fmt.Fprintf(e.stdout, "  %s.\n", counts)
		}
		if m.Photos > 0 {
			fmt.Fprintf(e.stdout, "  With %s of the visits.\n", plural(m.Photos, "photo", "photos"))
		}
		switch {
		case seal == nil && len(m.Field) > 0:
			fmt.Fprintf(e.stdout, "On the field machine: tiscdesk bundle import %s\n", path)
		case seal == nil:
			fmt.Fprintln(e.stdout, "The bundle is plain (not sealed): anyone who gets the file can read it. Seal it with --passphrase-file F or --to DEVICE.")
			fmt.Fprintf(e.stdout, "On the other machine: tiscdesk bundle import %s\n", path)
		case seal.device != "":
			fmt.Fprintf(e.stdout, "Sealed for %q (device %s): only that machine opens it.\n", sealedFor.Name(), short(sealedFor.Device))
			fmt.Fprintf(e.stdout, "On that machine: tiscdesk bundle import %s\n", path)
		default:
			fmt.Fprintln(e.stdout, "Sealed with the passphrase: give it to the other machine by another way than the file.")
			fmt.Fprintf(e.stdout, "On the other machine: tiscdesk bundle import %s --passphrase-file F\n", path)
		}
		return nil
	})
}

// manifestCounts is "30 institutions, 43 visits, ..." for the kinds present.
func manifestCounts(m data.Manifest) string {
	var parts []string
	for _, f := range m.Files {
		if f.Records > 0 {
			parts = append(parts, plural(f.Records, strings.TrimSuffix(f.Kind, "s"), f.Kind))
		}
	}
	return strings.Join(parts, ", ")
}

func bundleImport(e *env, path, passphrase string) error {
	// Ctrl+C stops the merge; its transaction is rolled back, so nothing changes.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	return e.withStore(func(s *data.Store) error {
		bar := newProgress(e.stderr, "Merging records")
		rep, err := s.MergeBundleFile(ctx, path, data.MergeOptions{Progress: bar.update, Passphrase: passphrase})
		bar.done()
		if err != nil {
			return bundleRefused(path, err)
		}
		printMerge(e, s, path, rep)
		return nil
	})
}

// bundleRefused says why a bundle was not merged, in a sentence a person
// can act on.
func bundleRefused(path string, err error) error {
	switch {
	case errors.Is(err, context.Canceled):
		return errors.New("interrupted: nothing was merged")
	case errors.Is(err, data.ErrBundleNewer):
		return fmt.Errorf("%s was written by a newer TISC Desk; install that version to merge it. Nothing was merged (%v)", path, err)
	case errors.Is(err, data.ErrBundleDamaged):
		return fmt.Errorf("%s is damaged or incomplete; copy it again from the other machine. Nothing was merged (%v)", path, err)
	case errors.Is(err, data.ErrWrongPassphrase):
		return fmt.Errorf("%s: the passphrase does not open this sealed bundle; check the passphrase file. Nothing was merged", path)
	case errors.Is(err, data.ErrSealed):
		var se *data.SealError
		if errors.As(err, &se) && se.For == data.SealedDevice {
			return fmt.Errorf("%s is sealed for another machine and does not open here; ask for a bundle sealed for this machine or with a passphrase. Nothing was merged", path)
		}
		return fmt.Errorf("%s is sealed with a passphrase; give it with --passphrase-file F. Nothing was merged", path)
	case errors.Is(err, data.ErrNotSealed):
		return fmt.Errorf("%s is not sealed, although a passphrase was given: it may not be the bundle you expected. Nothing was merged; to merge a plain bundle, leave out --passphrase-file", path)
	case errors.Is(err, data.ErrNotBundle):
		return fmt.Errorf("%s is not a TISC Desk bundle (%s file). Nothing was merged", path, data.BundleExtension)
	}
	return err
}

func printMerge(e *env, s *data.Store, path string, rep *data.MergeReport) {
	m := rep.Bundle
	from := fmt.Sprintf("%q (device %s)", m.Label, short(m.Device))
	if m.Device == s.DeviceID() {
		from = "this database"
	}
	fmt.Fprintf(e.stdout, "Merged %s from %s, exported %s: %s.\n", path, from, m.Created.Local().Format("2006-01-02 15:04"), plural(m.Records(), "record", "records"))
	t := rep.Total()
	fmt.Fprintf(e.stdout, "%d added, %d updated, %d unchanged, %d deleted, %s.\n",
		t.Added, t.Updated, t.Unchanged, t.Deleted, plural(t.Conflicts, "conflict", "conflicts"))
	if rep.Photos > 0 {
		fmt.Fprintf(e.stdout, "%s of the visits stored here.\n", plural(rep.Photos, "photo", "photos"))
	}
	if t.Added+t.Updated+t.Deleted+t.Conflicts+t.Duplicates > 0 {
		const row = "  %-13s %7v %8v %10v %8v %10v\n"
		fmt.Fprintf(e.stdout, row, "", "added", "updated", "unchanged", "deleted", "conflicts")
		for _, k := range rep.Kinds {
			if k.Added+k.Updated+k.Unchanged+k.Deleted+k.Conflicts > 0 {
				fmt.Fprintf(e.stdout, row, k.Kind, k.Added, k.Updated, k.Unchanged, k.Deleted, k.Conflicts)
			}
		}
	}
	if t.Duplicates > 0 {
		fmt.Fprintf(e.stdout, "%s existed on both machines under different ids (the same course number, session code, or email in a session) and were merged into one.\n",
			plural(t.Duplicates, "record", "records"))
	}
	if rep.AlreadyMerged {
		fmt.Fprintln(e.stdout, "This bundle had been merged here before.")
	}
	for _, sk := range rep.Skipped {
		fmt.Fprintf(e.stderr, "%s %s: not merged: %v\n", sk.Kind, sk.ID, sk.Err)
	}
	if len(rep.Skipped) > 0 {
		fmt.Fprintf(e.stdout, "%s not valid here and left out (listed above).\n", plural(len(rep.Skipped), "record was", "records were"))
	}
	if len(rep.Gap) > 0 {
		fmt.Fprintln(e.stdout, "Warning: this bundle holds only changes, and follows an earlier bundle that was never merged here;")
		fmt.Fprintln(e.stdout, "some changes may be missing. Ask the other machine for a bundle of everything (bundle export --all).")
	}
	if t.Conflicts > 0 {
		n, _ := s.ConflictCount()
		fmt.Fprintf(e.stdout, "The conflict list now holds %s: review them on the Exchange screen of TISC Desk.\n", plural(n, "version", "versions"))
	}
}

func bundleDevices(e *env) error {
	return e.withStore(func(s *data.Store) error {
		peers, err := s.Peers()
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "This database: %q (device %s).\n", s.DeviceLabel(), s.DeviceID())
		if key, err := s.DevicePublicKey(); err == nil {
			fmt.Fprintf(e.stdout, "Its public key (bundles sealed to it open here): %s\n", key)
		} else {
			fmt.Fprintf(e.stderr, "This machine's key for sealed bundles: %v\n", err)
		}
		if len(peers) == 0 {
			fmt.Fprintln(e.stdout, "It has not exchanged bundles with another device yet.")
			return nil
		}
		w := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(w, "DEVICE\tLABEL\tLAST RECEIVED\tLAST SENT\tSEAL TO")
		for _, p := range peers {
			sealTo := "no key yet"
			if p.Key != "" {
				sealTo = "--to " + short(p.Device)
			}
			fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", p.Device, p.Label, transferText(p.Received), transferText(p.Sent), sealTo)
		}
		w.Flush()
		if n, err := s.ConflictCount(); err == nil && n > 0 {
			fmt.Fprintf(e.stdout, "The conflict list holds %s to review on the Exchange screen.\n", plural(n, "version", "versions"))
		}
		return nil
	})
}

func transferText(t *data.Transfer) string {
	if t == nil {
		return "-"
	}
	return fmt.Sprintf("%s (%s)", t.At.Local().Format("2006-01-02 15:04"), plural(t.Records, "record", "records"))
}

// knownDevices lists the devices --since-last accepts, for an error message.
func knownDevices(s *data.Store) string {
	peers, err := s.Peers()
	if err != nil || len(peers) == 0 {
		return "; this database has not exchanged bundles yet: use --all"
	}
	var names []string
	for _, p := range peers {
		names = append(names, fmt.Sprintf("%q (%s)", p.Label, short(p.Device)))
	}
	return "; the devices known here are: " + strings.Join(names, ", ")
}

// short is the start of a device id, enough to tell devices apart.
func short(id string) string {
	if len(id) > 8 {
		return id[:8]
	}
	return id
}

// sealWith is how bundle export seals: a passphrase or a device.
type sealWith struct{ passphrase, device string }

// sealOf reads --passphrase-file and --to into a seal; nil for a plain bundle.
func sealOf(passFile, device string) (*sealWith, error) {
	switch {
	case passFile != "":
		p, err := readPassphrase(passFile)
		if err != nil {
			return nil, err
		}
		return &sealWith{passphrase: p}, nil
	case device != "":
		return &sealWith{device: device}, nil
	}
	return nil, nil
}

// readPassphrase is the first line of the file at path (without its line
// end). An empty one is refused: it would seal with no secret at all.
func readPassphrase(path string) (string, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("read the passphrase: %w", err)
	}
	line, _, _ := strings.Cut(string(raw), "\n")
	line = strings.TrimSuffix(line, "\r")
	if strings.TrimSpace(line) == "" {
		return "", fmt.Errorf("%s: the passphrase file's first line is empty", path)
	}
	return line, nil
}
