package model

import (
	"errors"
	"math"
	"testing"
)

func TestParsePosition(t *testing.T) {
	const shanghaiLat, shanghaiLon = 31.230389, 121.473694 // 31°13'49.4"N 121°28'25.3"E
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-4 }
	for _, c := range []struct {
		in       string
		lat, lon float64
	}{
		{"31.230389, 121.473694", shanghaiLat, shanghaiLon},
		{"31.230389 121.473694", shanghaiLat, shanghaiLon},
		{"31.230389，121.473694", shanghaiLat, shanghaiLon},
		{"-33.8568, 151.2153", -33.8568, 151.2153},
		{`31°13'49.4"N 121°28'25.3"E`, shanghaiLat, shanghaiLon},
		{`31°13′49.4″N, 121°28′25.3″E`, shanghaiLat, shanghaiLon},
		{"31 13 49.4 N 121 28 25.3 E", shanghaiLat, shanghaiLon},
		{"N31°13.8233' E121°28.4217'", shanghaiLat, shanghaiLon},
		{`121°28'25.3"E 31°13'49.4"N`, shanghaiLat, shanghaiLon}, // longitude first, said by its letter
		{`33°51'24"S 151°12'55"E`, -33.8567, 151.2153},
		{"40.7128 N, 74.0060 W", 40.7128, -74.0060},
	} {
		g, err := ParsePosition(c.in)
		if err != nil {
			t.Errorf("ParsePosition(%q): %v", c.in, err)
			continue
		}
		if !near(g.Lat, c.lat) || !near(g.Lon, c.lon) {
			t.Errorf("ParsePosition(%q) = %v, %v; want %v, %v", c.in, g.Lat, g.Lon, c.lat, c.lon)
		}
	}
	if g, err := ParsePosition("  "); g != nil || err != nil {
		t.Errorf("blank = %v, %v; want no position", g, err)
	}
	for _, bad := range []string{"Shanghai", "31.2", "91, 10", "10, 181", "31°75'00\"N 121°00'00\"E",
		"31 N 32 N", "1,2,3", "-31 S, 121 E", "NaN, 1", "Inf, 2", "31.5°13' N 121 E"} {
		if g, err := ParsePosition(bad); err == nil || !errors.Is(err, ErrPosition) {
			t.Errorf("ParsePosition(%q) = %v, %v; want ErrPosition", bad, g, err)
		}
	}
}

func TestPositionWritesAsItReads(t *testing.T) {
	g := GeoPoint{Lat: 31.230389, Lon: 121.473694}
	if got, want := g.DMS(), `31°13'49.4"N 121°28'25.3"E`; got != want {
		t.Errorf("DMS = %s; want %s", got, want)
	}
	if got, want := (GeoPoint{Lat: -33.85, Lon: -70.5}).String(), "33.85000° S, 70.50000° W"; got != want {
		t.Errorf("String = %s; want %s", got, want)
	}
	for _, text := range []string{g.DMS(), g.String(), g.Input()} {
		back, err := ParsePosition(text)
		if err != nil || math.Abs(back.Lat-g.Lat) > 1e-4 || math.Abs(back.Lon-g.Lon) > 1e-4 {
			t.Errorf("ParsePosition(%q) = %v, %v; want %v", text, back, err, g)
		}
	}
}

func TestDraftVisitMayLackDateAndKind(t *testing.T) {
	v := Visit{Institution: NewID(), Draft: true}
	if err := v.Validate(); err != nil {
		t.Errorf("a draft with no date or kind: %v", err)
	}
	v.Draft = false
	err := v.Validate()
	var ve *ValidationError
	if !errors.As(err, &ve) || len(ve.Fields) != 2 {
		t.Fatalf("a finished visit with no date or kind: %v; want date and kind required", err)
	}
	v.Draft, v.Date = true, "2026-02-30"
	if v.Validate() == nil {
		t.Error("a draft with an impossible date passed")
	}
}

func FuzzParsePosition(f *testing.F) {
	for _, s := range []string{"31.2, 121.4", `31°13'49.4"N 121°28'25.3"E`, "N31 E121", "1 2 3 4 5 6", "S-1 W"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		g, err := ParsePosition(s)
		if err == nil && g != nil && !g.OnEarth() {
			t.Fatalf("%q gave %v, off the Earth", s, g)
		}
	})
}
