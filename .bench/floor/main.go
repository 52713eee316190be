// Command floor is the least any import into TISC Desk's storage can take:
// it writes N enrolment records, encoded as the import encodes them (JSON,
// DESIGN section 7), into a new bbolt file in one transaction, with the
// store's options (16 KiB pages, the 1 GiB first mapping, 1 MiB growth,
// pages filled entirely for keys that append), and nothing else: no file
// to read, no row to check, no backup, a small binary. bbolt keeps every
// value it is given until the commit, and at the commit builds every dirty
// page before it writes one, so the values and their pages are in memory
// together.
//
// .bench/import-vs-sqlite.sh runs it beside tiscdesk and sqlite3: what it
// takes is a floor for the issue 21 targets (BENCHMARKS.md).
//
//	go run ./.bench/floor FILE.db [N]
package main

import (
	"fmt"
	"os"
	"strconv"
	"time"

	bolt "go.etcd.io/bbolt"

	"tiscdesk/data/model"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: floor FILE.db [N]")
		os.Exit(2)
	}
	n := 100_000
	if len(os.Args) > 2 {
		var err error
		if n, err = strconv.Atoi(os.Args[2]); err != nil || n < 1 {
			fmt.Fprintln(os.Stderr, "floor: N must be a positive number")
			os.Exit(2)
		}
	}
	if err := run(os.Args[1], n); err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(1)
	}
}

func run(path string, n int) error {
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("%s exists: the floor writes a new file", path)
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{PageSize: 16 << 10, InitialMmapSize: 1 << 30})
	if err != nil {
		return err
	}
	defer db.Close()
	db.AllocSize = 1 << 20

	// The records of the roster .bench/import-vs-sqlite.sh writes (about
	// 430 bytes each): a session, a Chinese name and organisation, an
	// address, a province, a status and a score.
	now := time.Now().UTC()
	session, device := model.NewID(), model.NewID()
	score := 99.5
	e := model.Enrolment{
		Meta:         model.Meta{CreatedAt: now, UpdatedAt: now, UpdatedBy: "floor", Device: device.String()},
		Session:      session,
		Gender:       "female",
		Organisation: "四川省科技情报所",
		Province:     "CN-SC",
		Country:      "CN",
		Status:       "completed",
		Score:        &score,
	}
	var enc model.EnrolmentEncoder
	var slab []byte
	var size int
	err = db.Update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucket([]byte("enrolments"))
		if err != nil {
			return err
		}
		b.FillPercent = 1
		for i := range n {
			e.ID = model.NewID()
			e.Name = "黄伟" + strconv.Itoa(i%100)
			e.Email = fmt.Sprintf("user%06d@example.com.cn", i)
			if cap(slab)-len(slab) < 1024 {
				slab = make([]byte, 0, 1<<20) // values live until the commit
			}
			at := len(slab)
			if slab, err = enc.Append(slab, &e); err != nil {
				return err
			}
			v := slab[at:len(slab):len(slab)]
			size += len(v)
			if err := b.Put(e.ID[:], v); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	fmt.Printf("%d records of %d bytes on average in one transaction\n", n, size/n)
	return nil
}
