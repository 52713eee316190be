package hub

import (
	"context"
	"fmt"
	"slices"
	"tiscdesk/data/exchange"
	"tiscdesk/data/store"
)

// Photos through the hub (DESIGN section 13): a visit's photos go up and
// come down beside the visits, each once, by the hash of its bytes, in a
// table of their own. They travel after (push) or beside (pull) the
// versions, in transactions of their own, so a page of versions never
// waits for megabytes of photos: a machine asks the hub for the photos its
// visits show and it lacks, and gives the hub those it has and the hub
// lacks, on every sync; what is there already is never sent again, and an
// interrupted transfer just goes on at the next sync.
//
// Who may read a photo is the hub's business, as for versions: a photo is
// readable by a login that may read a visit showing it (photo_refs links
// them, written with the winning versions), which is every visit for a
// coordinator or headquarters and the visits of its provinces for a field
// login. The hub checks that a photo's bytes hash to its name.

// schemaV3 adds the photos.
var schemaV3 = []string{
	`CREATE TABLE IF NOT EXISTS photos (
		hash text PRIMARY KEY CHECK (hash ~ '^[0-9a-f]{64}$'),
		jpeg bytea NOT NULL,
		thumb bytea NOT NULL,
		device text NOT NULL,
		added_at timestamptz NOT NULL DEFAULT now(),
		CHECK (encode(sha256(jpeg), 'hex') = hash))`,
	`CREATE TABLE IF NOT EXISTS photo_refs (
		hash text NOT NULL,
		visit uuid NOT NULL,
		PRIMARY KEY (hash, visit))`,
	// The visits already on the hub.
	`INSERT INTO photo_refs (hash, visit)
		SELECT DISTINCT p->>'hash', v.id FROM versions v, json_array_elements(v.value->'photos') p
		WHERE v.kind = 'visits' AND json_typeof(v.value->'photos') = 'array' AND p->>'hash' ~ '^[0-9a-f]{64}$'
		ON CONFLICT DO NOTHING`,
	// Which of hashes the hub lacks, whoever may read them: a machine
	// sends only those. It tells no more than that a photo of that hash is
	// there, which only someone holding the photo can ask.
	`CREATE OR REPLACE FUNCTION hub_missing_photos(hashes text[]) RETURNS text[] LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
		AS $$ SELECT coalesce(array_agg(h), '{}') FROM unnest(hashes) h WHERE NOT EXISTS (SELECT FROM photos WHERE hash = h) $$`,
	`GRANT EXECUTE ON FUNCTION hub_missing_photos(text[]) TO tisc_reader, tisc_writer`,
	`GRANT SELECT ON photos, photo_refs TO tisc_reader, tisc_writer`,
	`GRANT INSERT ON photos, photo_refs TO tisc_writer`,
	`ALTER TABLE photos ENABLE ROW LEVEL SECURITY`,
	`ALTER TABLE photo_refs ENABLE ROW LEVEL SECURITY`,
	// versions' own policy filters the subqueries: a link is seen by who
	// sees its visit, a photo by who sees one of its links.
	`DROP POLICY IF EXISTS read ON photo_refs`,
	`CREATE POLICY read ON photo_refs FOR SELECT USING (EXISTS (SELECT FROM versions v WHERE v.id = visit))`,
	`DROP POLICY IF EXISTS add ON photo_refs`,
	`CREATE POLICY add ON photo_refs FOR INSERT WITH CHECK (hub_kind() IN ('coordinator', 'field'))`,
	`DROP POLICY IF EXISTS read ON photos`,
	`CREATE POLICY read ON photos FOR SELECT USING (hub_kind() IN ('coordinator', 'headquarters')
		OR EXISTS (SELECT FROM photo_refs r WHERE r.hash = photos.hash))`,
	`DROP POLICY IF EXISTS add ON photos`,
	`CREATE POLICY add ON photos FOR INSERT WITH CHECK (hub_kind() IN ('coordinator', 'field') AND device = hub_device())`,
}

// photoRefs links the photos of the visits that won a push's merge to
// them; it runs in mergeIncoming's transaction, on the rows it wrote.
const photoRefs = `INSERT INTO photo_refs (hash, visit)
	SELECT DISTINCT p->>'hash', w.id FROM written w, json_array_elements(w.value->'photos') p
	WHERE w.kind = 'visits' AND json_typeof(w.value->'photos') = 'array' AND p->>'hash' ~ '^[0-9a-f]{64}$'
	ON CONFLICT DO NOTHING`

// photoChunk bounds the bytes of photos in one transaction (a stored
// photo is about 400 kB): a slow line loses at most this much when cut.
const photoChunk = 16 << 20

// visitPhotos calls fn with the hashes of the photos each visit here shows
// and the visit's province.
func visitPhotos(tx *store.Tx, fn func(province string, hashes []string)) error {
	return tx.Bucket(store.VisitsBucket).ForEach(func(_, raw []byte) error {
		hashes, err := exchange.PhotoHashes(raw)
		if err != nil || len(hashes) == 0 {
			return err
		}
		r, err := rowOf(tx, exchange.Record{Kind: store.VisitsBucket, Raw: raw})
		if err != nil || r.deleted {
			return err
		}
		fn(r.province, hashes)
		return nil
	})
}

// pushPhotos gives the hub the photos of this machine's visits (those
// this login may write) that are stored here and that the hub lacks.
// Returns how many it sent.
func (h *Hub) pushPhotos(ctx context.Context, s *store.Store, kind string, provinces []string) (int, error) {
	if kind == string(Headquarters) {
		return 0, nil
	}
	var have []string
	err := s.View(func(tx *store.Tx) error {
		return visitPhotos(tx, func(province string, hashes []string) {
			if kind == string(Field) && !slices.Contains(provinces, province) {
				return
			}
			for _, x := range hashes {
				if tx.HasPhoto(x) {
					have = append(have, x)
				}
			}
		})
	})
	if err != nil || len(have) == 0 {
		return 0, err
	}
	slices.Sort(have)
	have = slices.Compact(have)
	var missing []string
	if err := h.conn.QueryRow(ctx, `SELECT hub_missing_photos($1)`, have).Scan(&missing); err != nil {
		return 0, fmt.Errorf("ask the hub which photos it lacks: %w", err)
	}
	sent := 0
	for len(missing) > 0 {
		var hashes []string
		var jpgs, thumbs [][]byte
		size := 0
		err := s.View(func(tx *store.Tx) error {
			for len(missing) > 0 && (size < photoChunk || len(hashes) == 0) {
				x := missing[0]
				missing = missing[1:]
				jpg, thumb := tx.Photo(x), tx.PhotoThumb(x)
				if jpg == nil {
					continue
				}
				hashes, jpgs, thumbs = append(hashes, x), append(jpgs, jpg), append(thumbs, thumb)
				size += len(jpg) + len(thumb)
			}
			return nil
		})
		if err != nil {
			return sent, err
		}
		if len(hashes) == 0 {
			break
		}
		// No conflict target: with one, PostgreSQL holds the new row to
		// the read policy too, which a field login's photo meets only
		// once the visit showing it is pushed.
		if _, err := h.conn.Exec(ctx, `INSERT INTO photos (hash, jpeg, thumb, device)
			SELECT h, j, t, $4 FROM unnest($1::text[], $2::bytea[], $3::bytea[]) AS x(h, j, t)
			ON CONFLICT DO NOTHING`, hashes, jpgs, thumbs, s.DeviceID()); err != nil {
			return sent, fmt.Errorf("send photos to the hub: %w", err)
		}
		sent += len(hashes)
	}
	return sent, nil
}

// pullPhotos fetches from the hub the photos that visits here show and
// that are not stored here (those this login may read), checks each, and
// stores them a chunk per transaction. Returns how many it stored and how
// many it refused (not a stored photo's JPEG: put on the hub by hand, or
// damaged there), which the visits keep showing as not on this computer.
func (h *Hub) pullPhotos(ctx context.Context, s *store.Store) (stored, refused int, err error) {
	var want []string
	err = s.View(func(tx *store.Tx) error {
		return visitPhotos(tx, func(_ string, hashes []string) {
			for _, x := range hashes {
				if !tx.HasPhoto(x) {
					want = append(want, x)
				}
			}
		})
	})
	if err != nil || len(want) == 0 {
		return 0, 0, err
	}
	slices.Sort(want)
	want = slices.Compact(want)
	// How big each is, to fetch them in chunks of photoChunk bytes.
	rows, err := h.conn.Query(ctx, `SELECT hash, octet_length(jpeg) + octet_length(thumb) FROM photos WHERE hash = ANY($1) ORDER BY hash`, want)
	if err != nil {
		return 0, 0, fmt.Errorf("read the hub's photos: %w", err)
	}
	type sized struct {
		hash string
		size int
	}
	var there []sized
	for rows.Next() {
		var x sized
		if err := rows.Scan(&x.hash, &x.size); err != nil {
			rows.Close()
			return 0, 0, fmt.Errorf("read the hub's photos: %w", err)
		}
		there = append(there, x)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, 0, fmt.Errorf("read the hub's photos: %w", err)
	}
	for len(there) > 0 {
		var chunk []string
		size := 0
		for len(there) > 0 && (size < photoChunk || len(chunk) == 0) {
			chunk = append(chunk, there[0].hash)
			size += there[0].size
			there = there[1:]
		}
		n, bad, err := h.fetchPhotos(ctx, s, chunk)
		stored, refused = stored+n, refused+bad
		if err != nil {
			return stored, refused, err
		}
	}
	return stored, refused, nil
}

// fetchPhotos reads the photos hashes from the hub and stores them here
// in one transaction, leaving out (and counting) those that do not match
// their hash or are not a stored photo's JPEG.
func (h *Hub) fetchPhotos(ctx context.Context, s *store.Store, hashes []string) (stored, refused int, err error) {
	rows, err := h.conn.Query(ctx, `SELECT hash, jpeg, thumb FROM photos WHERE hash = ANY($1)`, hashes)
	if err != nil {
		return 0, 0, fmt.Errorf("read the hub's photos: %w", err)
	}
	type got struct {
		hash       string
		jpg, thumb []byte
	}
	var all []got
	for rows.Next() {
		var g got
		if err := rows.Scan(&g.hash, &g.jpg, &g.thumb); err != nil {
			rows.Close()
			return 0, 0, fmt.Errorf("read the hub's photos: %w", err)
		}
		if g.thumb, err = exchange.CheckPhoto(g.hash, g.jpg, g.thumb); err != nil {
			refused++
			continue
		}
		all = append(all, g)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, 0, fmt.Errorf("read the hub's photos: %w", err)
	}
	err = s.Update(func(tx *store.Tx) error {
		for _, g := range all {
			if err := tx.PutPhoto(g.hash, g.jpg, g.thumb); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, 0, err
	}
	return len(all), refused, nil
}
