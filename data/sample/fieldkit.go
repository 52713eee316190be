package sample

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"math/rand/v2"
	"slices"
	"sync"
	"time"

	"tiscdesk/data/model"
	"tiscdesk/data/photo"
)

// The field officer's kit in the sample (DESIGN section 13): some visits,
// among them the latest, have photos (pictures the program draws itself:
// no third-party images) and a position; one visit is still a draft; a few
// records were edited after they were made, so their history shows.

// sampleCapitals are the provincial capitals' positions: a visit's
// position is near its province's capital.
var sampleCapitals = map[string]model.GeoPoint{
	"CN-BJ": {Lat: 39.904, Lon: 116.407}, "CN-SH": {Lat: 31.230, Lon: 121.474}, "CN-TJ": {Lat: 39.084, Lon: 117.201},
	"CN-CQ": {Lat: 29.563, Lon: 106.551}, "CN-HE": {Lat: 38.042, Lon: 114.515}, "CN-SX": {Lat: 37.870, Lon: 112.549},
	"CN-NM": {Lat: 40.842, Lon: 111.749}, "CN-LN": {Lat: 41.806, Lon: 123.432}, "CN-JL": {Lat: 43.817, Lon: 125.324},
	"CN-HL": {Lat: 45.803, Lon: 126.535}, "CN-JS": {Lat: 32.060, Lon: 118.797}, "CN-ZJ": {Lat: 30.274, Lon: 120.155},
	"CN-AH": {Lat: 31.821, Lon: 117.227}, "CN-FJ": {Lat: 26.075, Lon: 119.306}, "CN-JX": {Lat: 28.683, Lon: 115.858},
	"CN-SD": {Lat: 36.651, Lon: 117.120}, "CN-HA": {Lat: 34.747, Lon: 113.625}, "CN-HB": {Lat: 30.593, Lon: 114.305},
	"CN-HN": {Lat: 28.228, Lon: 112.939}, "CN-GD": {Lat: 23.129, Lon: 113.264}, "CN-GX": {Lat: 22.817, Lon: 108.366},
	"CN-HI": {Lat: 20.044, Lon: 110.199}, "CN-SC": {Lat: 30.573, Lon: 104.066}, "CN-GZ": {Lat: 26.647, Lon: 106.630},
	"CN-YN": {Lat: 24.880, Lon: 102.833}, "CN-XZ": {Lat: 29.652, Lon: 91.172}, "CN-SN": {Lat: 34.341, Lon: 108.940},
	"CN-GS": {Lat: 36.061, Lon: 103.834}, "CN-QH": {Lat: 36.617, Lon: 101.778}, "CN-NX": {Lat: 38.487, Lon: 106.231},
	"CN-XJ": {Lat: 43.825, Lon: 87.617},
}

// samplePhotoCaptions are what a field officer writes under each kind of photo.
var samplePhotoCaptions = [][2]string{
	{"premises", "阅览室与检索工作站 Reading room and search workstations"},
	{"meeting", "与馆领导座谈 Meeting the library's management"},
	{"plaque", "TISC 标牌 The TISC plaque"},
	{"training", "专利检索培训现场 Patent search training"},
	{"servers", "数据库服务器机房 The database server room"},
}

// samplePhotos are the sample's pictures, drawn and encoded once per
// process: the sample is loaded by many tests, and the same seed draws the
// same pictures.
var samplePhotos = sync.OnceValues(func() ([]*photo.Photo, error) {
	var out []*photo.Photo
	for i := range 8 {
		var buf bytes.Buffer
		if err := jpeg.Encode(&buf, drawSampleScene(i), &jpeg.Options{Quality: 88}); err != nil {
			return nil, err
		}
		p, err := photo.Import(buf.Bytes())
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
})

// drawSampleScene draws picture i: a building under the sky, its windows
// lit, a sign in the colours of picture i, and grass.
func drawSampleScene(i int) *image.RGBA {
	const w, h = 960, 720
	rng := rand.New(rand.NewPCG(uint64(i)+7, 1101))
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	sky := color.RGBA{uint8(90 + rng.IntN(60)), uint8(150 + rng.IntN(60)), 230, 255}
	wall := color.RGBA{uint8(170 + rng.IntN(70)), uint8(150 + rng.IntN(70)), uint8(120 + rng.IntN(70)), 255}
	sign := []color.RGBA{{190, 30, 45, 255}, {0, 90, 160, 255}, {20, 120, 60, 255}, {200, 140, 0, 255}}[i%4]
	bx0, bx1, by0 := 120+rng.IntN(80), 840-rng.IntN(80), 160+rng.IntN(80)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := sky
			c.R, c.G = uint8(int(sky.R)+y/12), uint8(int(sky.G)+y/16)
			switch {
			case y > 560:
				c = color.RGBA{uint8(60 + (x*7+y*3)%25), uint8(130 + (x*5+y*11)%35), 60, 255}
			case x >= bx0 && x < bx1 && y >= by0:
				c = wall
				if (x-bx0)%70 > 18 && (x-bx0)%70 < 52 && (y-by0)%80 > 20 && (y-by0)%80 < 60 {
					c = color.RGBA{250, 240, uint8(150 + (x+y)%60), 255}
				}
				if y > by0+10 && y < by0+50 && x > (bx0+bx1)/2-150 && x < (bx0+bx1)/2+150 {
					c = sign
				}
			}
			img.SetRGBA(x, y, c)
		}
	}
	return img
}

// fieldKit gives the latest visits and some others photos and a position,
// leaves the latest planned visit as a draft, and edits a few records.
func (g *sampler) fieldKit(visits []*model.Visit) error {
	photos, err := samplePhotos()
	if err != nil {
		return fmt.Errorf("draw the sample's photos: %w", err)
	}
	for _, p := range photos {
		if err := g.tx.PutPhoto(p.Hash, p.JPEG, p.Thumb); err != nil {
			return err
		}
	}
	byDate := slices.Clone(visits)
	slices.SortStableFunc(byDate, func(a, b *model.Visit) int { return -compareDates(a.Date, b.Date) })
	var chosen []*model.Visit
	for i, v := range byDate {
		if i < 5 || i%7 == 3 {
			chosen = append(chosen, v)
		}
	}
	for n, v := range chosen {
		in := g.institution(v.Institution)
		if c, ok := sampleCapitals[in.Province]; ok {
			v.Position = &model.GeoPoint{Lat: round5(c.Lat + (g.rng.Float64()-0.5)*0.2), Lon: round5(c.Lon + (g.rng.Float64()-0.5)*0.2)}
		}
		count := 1 + (n % 3)
		for k := range count {
			p := photos[(n*3+k)%len(photos)]
			caption := samplePhotoCaptions[(n+k)%len(samplePhotoCaptions)][1]
			taken := v.Date.Time().Add(time.Duration(9+k)*time.Hour + time.Duration(g.rng.IntN(50))*time.Minute)
			mp := p.Model()
			mp.Caption, mp.TakenAt, mp.Position = caption, &taken, v.Position
			if slices.ContainsFunc(v.Photos, func(x model.Photo) bool { return x.Hash == mp.Hash }) {
				continue
			}
			v.Photos = append(v.Photos, mp)
		}
		if err := g.s.Visits.PutIn(g.tx, v); err != nil {
			return fmt.Errorf("give the visit of %s photos: %w", v.Date, err)
		}
	}
	if err := g.draft(); err != nil {
		return err
	}
	return g.edits(byDate)
}

// draft adds a visit begun on site yesterday and not finished: half the
// checklist scored, no recommendation yet.
func (g *sampler) draft() error {
	var in *model.Institution
	for _, x := range g.insts {
		if x.Stage == model.StageRecommended {
			in = x
			break
		}
	}
	if in == nil {
		return nil
	}
	v := &model.Visit{Institution: in.ID, Date: sampleShift(g.today, -1), Kind: model.VisitAssessment, Draft: true,
		Visitors: []string{g.pick(sampleWIPOStaff)}}
	for i, c := range model.Criteria()[:3] {
		v.Checklist = append(v.Checklist, model.Assessment{Criterion: c, Score: 3 + i%2})
	}
	v.Findings = "考察进行中，尚待补充数据库与推广计划部分。 Visit in progress: databases and outreach still to be assessed."
	if c, ok := sampleCapitals[in.Province]; ok {
		v.Position = &model.GeoPoint{Lat: round5(c.Lat + 0.031), Lon: round5(c.Lon - 0.027)}
	}
	return samplePut(g.tx, g.s.Visits, v, &g.added.Visits)
}

// edits changes a few records after they were made, as people do: their
// History shows the version before.
func (g *sampler) edits(visits []*model.Visit) error {
	for i, in := range g.insts {
		if i%9 != 2 {
			continue
		}
		in.Notes = "联系人已更新。 Contact details checked again after the visit."
		if len(in.Contacts) > 0 {
			in.Contacts[0].Phone = fmt.Sprintf("+86 10 8%03d %04d", g.rng.IntN(1000), g.rng.IntN(10000))
		}
		if err := g.s.Institutions.PutIn(g.tx, in); err != nil {
			return fmt.Errorf("edit %s: %w", in.LocalName, err)
		}
	}
	if len(visits) > 1 {
		v := visits[1]
		v.Findings += " 补充：已核实数据库访问情况。 Added: database access checked."
		if err := g.s.Visits.PutIn(g.tx, v); err != nil {
			return err
		}
	}
	return nil
}

func (g *sampler) institution(id model.ID) *model.Institution {
	for _, in := range g.insts {
		if in.ID == id {
			return in
		}
	}
	return &model.Institution{}
}

func compareDates(a, b model.Date) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func round5(x float64) float64 { return float64(int64(x*1e5+0.5*sign(x))) / 1e5 }

func sign(x float64) float64 {
	if x < 0 {
		return -1
	}
	return 1
}
