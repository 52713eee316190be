package hub

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"tiscdesk/data/datatest"
	"tiscdesk/data/exchange"
)

// Each machine's public key reaches the others through the hub's device
// list, so a coordinator seals a bundle for a laptop that never sent it
// one; that laptop opens it with its own key, and no other machine does.
func TestDeviceKeysTravelThroughTheHub(t *testing.T) {
	owner := newHub(t)
	ctx := context.Background()
	coord, field, other := datatest.OpenNamed(t, "coord"), datatest.OpenNamed(t, "field"), datatest.OpenNamed(t, "other")
	seed(t, coord, 2)
	coordURL := addLogin(t, owner, "Coordinator", Coordinator).URL
	fieldURL := addLogin(t, owner, "Field Shanghai", Field, "CN-SH").URL
	syncOK(t, coord, coordURL)
	if rep := syncOK(t, field, fieldURL); rep.Devices != 1 {
		t.Errorf("the field machine learnt %d keys, want the coordinator's", rep.Devices)
	}
	if rep := syncOK(t, coord, coordURL); rep.Devices != 1 {
		t.Errorf("the coordinator learnt %d keys, want the field machine's", rep.Devices)
	}
	if rep := syncOK(t, coord, coordURL); rep.Devices != 0 {
		t.Errorf("a sync again learnt %d keys", rep.Devices)
	}
	want, err := exchange.DevicePublicKey(field)
	if err != nil {
		t.Fatal(err)
	}
	if n := hubCount(t, owner, `SELECT count(*) FROM devices WHERE id = $1 AND public_key = $2`, field.DeviceID(), want); n != 1 {
		t.Fatalf("the hub's device list lacks the field machine's key %s", want)
	}
	p, err := exchange.FindPeer(coord, field.DeviceID()[:8])
	if err != nil || p.Key != want {
		t.Fatalf("the coordinator knows the field machine as %+v (%v), want key %s", p, err, want)
	}
	path := filepath.Join(t.TempDir(), "for-field.tiscx")
	if _, err := exchange.SaveBundle(coord, path, false, exchange.ExportOptions{Seal: &exchange.Seal{Recipient: p.Key}}); err != nil {
		t.Fatal(err)
	}
	if _, err := exchange.MergeBundleFile(ctx, other, path, exchange.MergeOptions{}); !errors.Is(err, exchange.ErrSealed) {
		t.Errorf("another machine merged the bundle sealed for the field machine: %v", err)
	}
	if _, err := exchange.MergeBundleFile(ctx, field, path, exchange.MergeOptions{}); err != nil {
		t.Fatalf("the field machine cannot open the bundle sealed for it: %v", err)
	}
	if c := count(t, field); c.Enrolments == 0 {
		t.Errorf("the field machine merged %+v", c)
	}
	// A key the hub's owner wrote by hand that is not an age key is refused
	// by the hub; the machines' keys stay as they were.
	if _, err := hubConn(t, owner).Exec(ctx, `UPDATE devices SET public_key = 'age1nonsense' WHERE id = $1`, field.DeviceID()); err == nil {
		t.Error("the hub took a public key that is not one")
	}
}
