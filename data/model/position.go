package model

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// ErrPosition is what ParsePosition returns (wrapped) for text that is not
// a position: the form shows it beside the field.
var ErrPosition = errors.New("is not a position: type it as 31.2304, 121.4737 or 31°13'49\"N 121°28'25\"E")

// ParsePosition reads a position as people type it: decimal degrees
// ("31.2304, 121.4737", "-33.86 151.21") or degrees, minutes and seconds
// ("31°13'49.4\"N 121°28'25.3\"E", "31 13 49 N, 121 28 25 E", "N31°13.82'
// E121°28.42'"), latitude first unless the hemispheres say otherwise. Blank
// text is no position (nil, nil). Returns an error wrapping ErrPosition
// when the text is neither, or names a place off the Earth.
func ParsePosition(s string) (*GeoPoint, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, nil
	}
	halves, err := splitPosition(s)
	if err != nil {
		return nil, err
	}
	var lat, lon float64
	var latSet, lonSet bool
	for i, h := range halves {
		v, hemi, err := parseCoordinate(h)
		if err != nil {
			return nil, err
		}
		switch {
		case hemi == 'N' || hemi == 'S':
			if latSet {
				return nil, fmt.Errorf("%q: two latitudes: %w", s, ErrPosition)
			}
			lat, latSet = v, true
		case hemi == 'E' || hemi == 'W':
			if lonSet {
				return nil, fmt.Errorf("%q: two longitudes: %w", s, ErrPosition)
			}
			lon, lonSet = v, true
		case i == 0 && !latSet:
			lat, latSet = v, true
		default:
			if lonSet {
				lat, latSet = v, true
			} else {
				lon, lonSet = v, true
			}
		}
	}
	if !latSet || !lonSet {
		return nil, fmt.Errorf("%q: %w", s, ErrPosition)
	}
	g := &GeoPoint{Lat: lat, Lon: lon}
	if !g.OnEarth() {
		return nil, fmt.Errorf("%q: latitude within ±90, longitude within ±180: %w", s, ErrPosition)
	}
	return g, nil
}

// OnEarth reports whether g names a place: latitude within ±90 degrees,
// longitude within ±180, both finite.
func (g GeoPoint) OnEarth() bool {
	return !math.IsNaN(g.Lat) && !math.IsNaN(g.Lon) && math.Abs(g.Lat) <= 90 && math.Abs(g.Lon) <= 180
}

// String writes g in decimal degrees with hemispheres, to five decimals
// (about a metre): "31.23040° N, 121.47370° E".
func (g GeoPoint) String() string {
	ns, ew := "N", "E"
	if g.Lat < 0 {
		ns = "S"
	}
	if g.Lon < 0 {
		ew = "W"
	}
	return fmt.Sprintf("%.5f° %s, %.5f° %s", math.Abs(g.Lat), ns, math.Abs(g.Lon), ew)
}

// DMS writes g in degrees, minutes and seconds: 31°13'49.4"N 121°28'25.3"E.
func (g GeoPoint) DMS() string {
	ns, ew := 'N', 'E'
	if g.Lat < 0 {
		ns = 'S'
	}
	if g.Lon < 0 {
		ew = 'W'
	}
	return dms(math.Abs(g.Lat), ns) + " " + dms(math.Abs(g.Lon), ew)
}

func dms(v float64, hemi rune) string {
	tenths := int64(math.Round(v * 36000)) // of a second
	d, rest := tenths/36000, tenths%36000
	m, sec := rest/600, rest%600
	return fmt.Sprintf("%d°%02d'%02d.%d\"%c", d, m, sec/10, sec%10, hemi)
}

// Input is g as ParsePosition reads it back: "31.23040, 121.47370".
func (g GeoPoint) Input() string {
	return strconv.FormatFloat(g.Lat, 'f', -1, 64) + ", " + strconv.FormatFloat(g.Lon, 'f', -1, 64)
}

// splitPosition cuts s into its latitude and longitude texts: at a comma or
// semicolon, else at a hemisphere letter (after it when letters follow the
// numbers, before the second when they lead), else at the middle space of
// numbers alone.
func splitPosition(s string) ([]string, error) {
	norm := strings.NewReplacer("，", ",", "；", ";", "º", "°", "′", "'", "’", "'", "″", "\"", "”", "\"", "''", "\"").Replace(s)
	for _, sep := range []string{";", ","} {
		if parts := strings.Split(norm, sep); len(parts) == 2 {
			return []string{parts[0], parts[1]}, nil
		}
	}
	letters := []int{} // byte offsets into norm (ASCII letters: no case change moves them)
	for i := 0; i < len(norm); i++ {
		if strings.IndexByte("NSEWnsew", norm[i]) >= 0 {
			letters = append(letters, i)
		}
	}
	switch {
	case len(letters) == 2 && letters[0] == 0:
		return []string{norm[:letters[1]], norm[letters[1]:]}, nil
	case len(letters) == 2:
		return []string{norm[:letters[0]+1], norm[letters[0]+1:]}, nil
	case len(letters) == 0:
		fields := strings.Fields(norm)
		if len(fields)%2 == 0 && len(fields) > 0 {
			return []string{strings.Join(fields[:len(fields)/2], " "), strings.Join(fields[len(fields)/2:], " ")}, nil
		}
	}
	return nil, fmt.Errorf("%q: %w", s, ErrPosition)
}

// parseCoordinate reads one coordinate: up to three numbers (degrees,
// minutes, seconds) with an optional sign and hemisphere letter before or
// after. hemi is 0 when none was written.
func parseCoordinate(s string) (v float64, hemi byte, err error) {
	bad := fmt.Errorf("%q: %w", strings.TrimSpace(s), ErrPosition)
	t := strings.ToUpper(strings.TrimSpace(s))
	if t == "" {
		return 0, 0, bad
	}
	if c := t[0]; c == 'N' || c == 'S' || c == 'E' || c == 'W' {
		hemi, t = c, strings.TrimSpace(t[1:])
	}
	if n := len(t); n > 0 {
		if c := t[n-1]; c == 'N' || c == 'S' || c == 'E' || c == 'W' {
			if hemi != 0 {
				return 0, 0, bad
			}
			hemi, t = c, strings.TrimSpace(t[:n-1])
		}
	}
	neg := false
	if strings.HasPrefix(t, "-") {
		neg, t = true, t[1:]
	} else if strings.HasPrefix(t, "+") {
		t = t[1:]
	}
	parts := strings.FieldsFunc(t, func(r rune) bool {
		return r == ' ' || r == '°' || r == '\'' || r == '"' || r == 'D' || r == 'M'
	})
	if len(parts) == 0 || len(parts) > 3 {
		return 0, 0, bad
	}
	units := []float64{1, 60, 3600}
	limits := []float64{180, 60, 60}
	for i, p := range parts {
		x, err := strconv.ParseFloat(p, 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) || x < 0 || x > limits[i] || (i > 0 && x >= 60) {
			return 0, 0, bad
		}
		if i < len(parts)-1 && x != math.Trunc(x) {
			return 0, 0, bad // only the last part may have decimals
		}
		v += x / units[i]
	}
	if neg {
		if hemi != 0 {
			return 0, 0, bad
		}
		v = -v
	}
	if hemi == 'S' || hemi == 'W' {
		v = -v
	}
	return v, hemi, nil
}
