package hub

import (
	"bytes"
	"context"
	"errors"
	"testing"
	"tiscdesk/data/datatest"
	"tiscdesk/data/exchange/hub/pgtest"
	"tiscdesk/data/model"
	"tiscdesk/data/photo"
	"tiscdesk/data/photo/phototest"
	"tiscdesk/data/store"
)

// attachPhoto stores a photo drawn w × h on s and shows it on the visit of
// institution in.
func attachPhoto(t testing.TB, s *store.Store, in model.ID, w, h int) model.Photo {
	t.Helper()
	m, err := photo.Attach(s, phototest.JPEG(w, h, phototest.EXIF{}))
	if err != nil {
		t.Fatal(err)
	}
	m.Caption = "premises"
	v := visitOf(t, s, in)
	v.Photos = append(v.Photos, m)
	if err := s.Visits.Put(v); err != nil {
		t.Fatal(err)
	}
	return m
}

func visitOf(t testing.TB, s *store.Store, in model.ID) *model.Visit {
	t.Helper()
	vs, err := s.Visits.Where(func(v *model.Visit) bool { return v.Institution == in })
	if err != nil || len(vs) == 0 {
		t.Fatalf("no visit of institution %s here (%v)", in, err)
	}
	return vs[0]
}

// photoBytes is the photo and thumbnail stored under hash on s, nil when
// it is not there.
func photoBytes(t testing.TB, s *store.Store, hash string) (jpg, thumb []byte) {
	t.Helper()
	err := s.View(func(tx *store.Tx) error {
		jpg, thumb = tx.Photo(hash), tx.PhotoThumb(hash)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return jpg, thumb
}

// A photo added to a visit on one machine reaches another through the hub
// with the same bytes, once: a second visit showing it, and a second round
// of syncs, send and fetch nothing.
func TestPhotosTravelOnceThroughTheHub(t *testing.T) {
	owner := newHub(t)
	a := datatest.OpenNamed(t, "a")
	insts := seed(t, a, 3)
	aURL := addLogin(t, owner, "Coordinator A", Coordinator).URL
	syncOK(t, a, aURL)
	bURL := addLogin(t, owner, "Coordinator B", Coordinator).URL
	b := datatest.OpenNamed(t, "b")
	syncOK(t, b, bURL)

	p := attachPhoto(t, a, insts[0], 2400, 1800)
	v2 := visitOf(t, a, insts[1])
	v2.Photos = []model.Photo{p} // the same photo on a second visit
	if err := a.Visits.Put(v2); err != nil {
		t.Fatal(err)
	}
	rep := syncOK(t, a, aURL)
	if rep.Push.Photos != 1 {
		t.Errorf("A sent %d photos for one photo shown by two visits", rep.Push.Photos)
	}
	rep = syncOK(t, b, bURL)
	if rep.Pull.Photos != 1 {
		t.Errorf("B received %d photos, want 1", rep.Pull.Photos)
	}
	wantJ, wantT := photoBytes(t, a, p.Hash)
	gotJ, gotT := photoBytes(t, b, p.Hash)
	if gotJ == nil || !bytes.Equal(gotJ, wantJ) || !bytes.Equal(gotT, wantT) {
		t.Fatalf("B's photo: %d bytes and a %d-byte thumbnail, A's %d and %d, equal %v",
			len(gotJ), len(gotT), len(wantJ), len(wantT), bytes.Equal(gotJ, wantJ))
	}
	if got := visitOf(t, b, insts[0]).Photos; len(got) != 1 || got[0].Hash != p.Hash || got[0].Caption != "premises" {
		t.Errorf("B's visit shows %+v", got)
	}
	for _, s := range []struct {
		name string
		s    *store.Store
		url  string
	}{{"A", a, aURL}, {"B", b, bURL}, {"A", a, aURL}} {
		rep := syncOK(t, s.s, s.url)
		if rep.Push.Photos != 0 || rep.Pull.Photos != 0 {
			t.Errorf("%s synced again and sent %d photos, received %d", s.name, rep.Push.Photos, rep.Pull.Photos)
		}
	}
	if n := hubCount(t, owner, "SELECT count(*) FROM photos"); n != 1 {
		t.Errorf("the hub holds %d photos, want 1", n)
	}
	// A photo the hub was handed with bytes that are not its name's.
	if _, err := hubConn(t, owner).Exec(context.Background(), `INSERT INTO photos (hash, jpeg, thumb, device)
		VALUES ($1, '\x00', '\x00', 'x')`, photo.Hash([]byte("something else"))[:63]+"0"); err == nil {
		t.Error("the hub took a photo whose bytes do not hash to its name")
	}
}

// A field login gets the photos of the visits of its provinces and no
// other, even asking with its own SQL; the photos it adds reach the
// coordinator.
func TestFieldLoginsGetThePhotosOfTheirProvincesOnly(t *testing.T) {
	owner := newHub(t)
	coord := datatest.OpenNamed(t, "coord")
	insts := seed(t, coord, 5) // BJ, SH, SC, GD, SN
	bj := attachPhoto(t, coord, insts[0], 640, 480)
	sh := attachPhoto(t, coord, insts[1], 480, 640)
	coordURL := addLogin(t, owner, "Coordinator", Coordinator).URL
	syncOK(t, coord, coordURL)

	fieldURL := addLogin(t, owner, "Field Shanghai", Field, "CN-SH").URL
	field := datatest.OpenNamed(t, "field")
	rep := syncOK(t, field, fieldURL)
	if rep.Pull.Photos != 1 {
		t.Errorf("the Shanghai machine received %d photos, want 1", rep.Pull.Photos)
	}
	if j, _ := photoBytes(t, field, sh.Hash); j == nil {
		t.Error("the Shanghai machine lacks its visit's photo")
	}
	if j, _ := photoBytes(t, field, bj.Hash); j != nil {
		t.Error("the Shanghai machine got a Beijing visit's photo")
	}
	fc := hubConn(t, fieldURL)
	var n int
	if err := fc.QueryRow(context.Background(), `SELECT count(*) FROM photos WHERE hash = $1`, bj.Hash).Scan(&n); err != nil || n != 0 {
		t.Errorf("the field login reads %d Beijing photos by SQL (%v)", n, err)
	}
	if err := fc.QueryRow(context.Background(), `SELECT count(*) FROM photos`).Scan(&n); err != nil || n != 1 {
		t.Errorf("the field login reads %d photos by SQL (%v), want its province's 1", n, err)
	}
	if err := fc.QueryRow(context.Background(), `SELECT count(*) FROM photo_refs`).Scan(&n); err != nil || n != 1 {
		t.Errorf("the field login reads %d photo links by SQL (%v), want 1", n, err)
	}

	// The field officer adds a photo on site.
	own := attachPhoto(t, field, insts[1], 1000, 700)
	if rep := syncOK(t, field, fieldURL); rep.Push.Photos != 1 {
		t.Errorf("the field machine sent %d photos, want 1", rep.Push.Photos)
	}
	if rep := syncOK(t, coord, coordURL); rep.Pull.Photos != 1 {
		t.Errorf("the coordinator received %d photos, want 1", rep.Pull.Photos)
	}
	if j, _ := photoBytes(t, coord, own.Hash); j == nil {
		t.Error("the coordinator lacks the field officer's photo")
	}
	// Headquarters reads every photo.
	hq := datatest.OpenNamed(t, "hq")
	if rep := syncOK(t, hq, addLogin(t, owner, "HQ", Headquarters).URL); rep.Pull.Photos != 3 || rep.Push.Photos != 0 {
		t.Errorf("headquarters received %d photos and sent %d, want 3 and 0", rep.Pull.Photos, rep.Push.Photos)
	}
}

// A hub of the schema before photos is refused by a sync until its owner
// runs setup again, which adds the photos and links the visits already
// there to theirs, so field logins get them.
func TestSetupUpgradesAHubToPhotos(t *testing.T) {
	url := pgtest.Need(t).NewDB(t)
	ctx := context.Background()
	if _, err := setupTo(ctx, url, 2); err != nil {
		t.Fatal(err)
	}
	a := datatest.OpenNamed(t, "a")
	insts := seed(t, a, 2)
	p := attachPhoto(t, a, insts[1], 300, 200) // CN-SH
	if _, err := Sync(ctx, a, url); !errors.Is(err, ErrHubOlder) {
		t.Fatalf("sync with a hub of schema 2: %v, want ErrHubOlder", err)
	}
	if created, err := Setup(ctx, url); err != nil || created {
		t.Fatalf("upgrade: created %v, %v", created, err)
	}
	if n := hubCount(t, url, "SELECT schema_version FROM hub_meta"); n != SchemaVersion {
		t.Fatalf("after the upgrade the hub is at schema %d", n)
	}
	// The visits were on the hub before its photos were: as if pushed by
	// an older TISC Desk, links and photos are dropped after the sync.
	syncOK(t, a, url)
	hubExec(t, url, `DELETE FROM photos`)
	hubExec(t, url, `DELETE FROM photo_refs`)
	hubExec(t, url, `UPDATE hub_meta SET schema_version = 2`)
	if _, err := Setup(ctx, url); err != nil {
		t.Fatal(err)
	}
	if n := hubCount(t, url, "SELECT count(*) FROM photo_refs WHERE hash = $1", p.Hash); n != 1 {
		t.Errorf("the upgrade linked %d visits to the photo, want 1", n)
	}
	field := datatest.OpenNamed(t, "field")
	fieldURL := addLogin(t, url, "Field Shanghai", Field, "CN-SH").URL
	if rep := syncOK(t, a, url); rep.Push.Photos != 1 {
		t.Errorf("after the upgrade A sent %d photos, want its 1", rep.Push.Photos)
	}
	if rep := syncOK(t, field, fieldURL); rep.Pull.Photos != 1 {
		t.Errorf("the field machine received %d photos, want 1", rep.Pull.Photos)
	}
}

// A photo on the hub whose bytes match its name but are not a stored
// photo's JPEG (put there by hand, or damaged) is left out with a count,
// and the sync goes on: the visit shows it as not on this computer.
func TestAPhotoOnTheHubThatIsNotOneIsLeftOut(t *testing.T) {
	owner := newHub(t)
	a, b := datatest.OpenNamed(t, "a"), datatest.OpenNamed(t, "b")
	insts := seed(t, a, 2)
	good := attachPhoto(t, a, insts[0], 400, 300)
	bad := phototest.PNG(40, 30) // a PNG, not a stored JPEG
	v := visitOf(t, a, insts[1])
	v.Photos = []model.Photo{{Hash: photo.Hash(bad), Caption: "hand-made"}}
	if err := a.Visits.Put(v); err != nil {
		t.Fatal(err)
	}
	syncOK(t, a, owner)
	hubExec(t, owner, `INSERT INTO photos (hash, jpeg, thumb, device) VALUES ($1, $2, $2, 'by hand')`, photo.Hash(bad), bad)
	rep := syncOK(t, b, owner)
	if rep.Pull.Photos != 1 || rep.Pull.PhotosRefused != 1 {
		t.Errorf("B received %d photos and refused %d, want the good one and the PNG refused", rep.Pull.Photos, rep.Pull.PhotosRefused)
	}
	if j, _ := photoBytes(t, b, photo.Hash(bad)); j != nil {
		t.Error("B stored the PNG as a photo")
	}
	if j, _ := photoBytes(t, b, good.Hash); j == nil {
		t.Error("B lacks the good photo")
	}
	if got := visitOf(t, b, insts[1]).Photos; len(got) != 1 || got[0].Caption != "hand-made" {
		t.Errorf("B's visit lost its photo's entry: %+v", got)
	}
}
