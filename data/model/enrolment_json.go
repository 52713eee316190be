package model

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"time"
	"unicode/utf8"
)

// Enrolments are the one entity counted in hundreds of thousands, and
// encoding/json spends about 2 µs encoding one and more decoding it: a third
// of a 100,000-row import, most of the load of the enrolment list. The
// functions here write and read the same JSON by hand. AppendEnrolmentJSON
// writes exactly the bytes json.Marshal writes (a test and a fuzz target
// compare them), so the records stay readable by anything that decodes JSON;
// decodeEnrolmentRow reads the fields a list needs and hands anything it does
// not expect back to encoding/json.

// AppendEnrolmentJSON appends e as json.Marshal(e) writes it.
func AppendEnrolmentJSON(b []byte, e *Enrolment) ([]byte, error) {
	var enc EnrolmentEncoder
	return enc.Append(b, e)
}

// EnrolmentEncoder writes enrolments as AppendEnrolmentJSON does,
// remembering the last time it formatted: the records an import writes
// share theirs.
type EnrolmentEncoder struct {
	last     time.Time
	lastText []byte
}

func (enc *EnrolmentEncoder) Append(b []byte, e *Enrolment) ([]byte, error) {
	b = append(b, `{"id":"`...)
	b = appendUUID(b, e.ID)
	b = append(b, `","created_at":`...)
	var err error
	if b, err = enc.appendTime(b, e.CreatedAt); err != nil {
		return nil, err
	}
	b = append(b, `,"updated_at":`...)
	if b, err = enc.appendTime(b, e.UpdatedAt); err != nil {
		return nil, err
	}
	b = appendJSONField(b, "updated_by", e.UpdatedBy)
	b = appendJSONField(b, "device", e.Device)
	if e.Deleted {
		b = append(b, `,"deleted":true`...)
	}
	b = append(b, `,"session":"`...)
	b = appendUUID(b, e.Session)
	b = append(b, '"')
	b = appendJSONField(b, "name", e.Name)
	b = appendJSONField(b, "email", e.Email)
	b = appendJSONOptional(b, "gender", string(e.Gender))
	b = appendJSONOptional(b, "organisation", e.Organisation)
	b = appendJSONOptional(b, "province", e.Province)
	b = appendJSONOptional(b, "country", e.Country)
	b = appendJSONOptional(b, "registered", string(e.Registered))
	b = appendJSONField(b, "status", string(e.Status))
	if e.Score != nil {
		b = append(b, `,"score":`...)
		if b, err = appendJSONFloat(b, *e.Score); err != nil {
			return nil, err
		}
	}
	b = appendJSONOptional(b, "certificate", e.Certificate)
	b = appendJSONOptional(b, "certificate_date", string(e.CertificateDate))
	return append(b, '}'), nil
}

func appendJSONField(b []byte, key, value string) []byte {
	b = append(b, ',', '"')
	b = append(b, key...)
	b = append(b, '"', ':')
	return appendJSONString(b, value)
}

// appendJSONOptional is appendJSONField for an omitempty field.
func appendJSONOptional(b []byte, key, value string) []byte {
	if value == "" {
		return b
	}
	return appendJSONField(b, key, value)
}

// appendJSONString quotes s as encoding/json does. Strings of plain
// characters, nearly all of them, are copied; the others (quotes,
// backslashes, control characters, <, > and & which encoding/json escapes
// for HTML, U+2028 and U+2029, invalid UTF-8) go through encoding/json.
func appendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
				return appendJSONSlow(b, s)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && n == 1) || r == '\u2028' || r == '\u2029' {
			return appendJSONSlow(b, s)
		}
		i += n
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

func appendJSONSlow(b []byte, s string) []byte {
	raw, _ := json.Marshal(s) // a string always encodes
	return append(b, raw...)
}

// appendTime is appendJSONTime, reusing the text of the last time when t
// is the same instant in the same location.
func (enc *EnrolmentEncoder) appendTime(b []byte, t time.Time) ([]byte, error) {
	if enc.lastText != nil && t.Equal(enc.last) && t.Location() == enc.last.Location() {
		return append(b, enc.lastText...), nil
	}
	start := len(b)
	b, err := appendJSONTime(b, t)
	if err == nil {
		enc.last, enc.lastText = t, append(enc.lastText[:0], b[start:]...)
	}
	return b, err
}

// appendUUID writes id in its text form (as uuid.UUID.String) without
// allocating.
func appendUUID(b []byte, id ID) []byte {
	const digits = "0123456789abcdef"
	for i, c := range id {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			b = append(b, '-')
		}
		b = append(b, digits[c>>4], digits[c&0xF])
	}
	return b
}

// appendJSONTime writes t as time.Time.MarshalJSON does.
func appendJSONTime(b []byte, t time.Time) ([]byte, error) {
	if y := t.Year(); y < 0 || y > 9999 {
		return nil, fmt.Errorf("encode enrolment: time %v is outside years 0-9999", t)
	}
	b = append(b, '"')
	b = t.AppendFormat(b, time.RFC3339Nano)
	return append(b, '"'), nil
}

// appendJSONFloat writes f as encoding/json writes a float64.
func appendJSONFloat(b []byte, f float64) ([]byte, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return nil, fmt.Errorf("encode enrolment: score %v is not a number", f)
	}
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		raw, err := json.Marshal(f)
		return append(b, raw...), err
	}
	return strconv.AppendFloat(b, f, 'f', -1, 64), nil
}

// EnrolmentText holds the fields of a stored enrolment that ScanEnrolment
// fills, as substrings of the record: valid only while the record is.
type EnrolmentText struct {
	ID, Session                             []byte // the text of the ids
	Name, Email, Gender, Organisation       []byte
	Province, Country, Registered, Status   []byte
	Certificate, CertificateDate, UpdatedAt []byte
	Score                                   float64
	HasScore, Deleted                       bool
}

// ScanEnrolment reads the fields of one stored enrolment without
// allocating. It returns false when the record holds anything it does not
// read plainly (an escaped string, a key it does not know, a value of an
// unexpected kind): the caller then decodes it with encoding/json.
func ScanEnrolment(raw []byte, f *EnrolmentText) bool {
	*f = EnrolmentText{}
	p := jsonScanner{raw: raw}
	if !p.byte('{') {
		return false
	}
	if p.peek('}') {
		return p.end()
	}
	for {
		key, ok := p.str()
		if !ok || !p.byte(':') {
			return false
		}
		var dst *[]byte
		switch string(key) {
		case "id":
			dst = &f.ID
		case "session":
			dst = &f.Session
		case "name":
			dst = &f.Name
		case "email":
			dst = &f.Email
		case "gender":
			dst = &f.Gender
		case "organisation":
			dst = &f.Organisation
		case "province":
			dst = &f.Province
		case "country":
			dst = &f.Country
		case "registered":
			dst = &f.Registered
		case "status":
			dst = &f.Status
		case "certificate":
			dst = &f.Certificate
		case "certificate_date":
			dst = &f.CertificateDate
		case "updated_at":
			dst = &f.UpdatedAt
		case "created_at", "updated_by", "device":
			if _, ok := p.str(); !ok {
				return false
			}
		case "deleted":
			if f.Deleted, ok = p.boolean(); !ok {
				return false
			}
		case "score":
			if p.peek('n') {
				if !p.literal("null") {
					return false
				}
			} else if f.Score, ok = p.number(); !ok {
				return false
			}
			f.HasScore = !p.wasNull
		default:
			return false
		}
		if dst != nil {
			if *dst, ok = p.str(); !ok {
				return false
			}
		}
		if p.byte(',') {
			continue
		}
		return p.byte('}') && p.end()
	}
}

// jsonScanner reads the plain JSON of a stored record: strings without
// escapes, numbers, booleans, null. Whitespace is not expected (json.Marshal
// writes none), and refused like anything else unexpected.
type jsonScanner struct {
	raw     []byte
	pos     int
	wasNull bool
}

func (p *jsonScanner) byte(c byte) bool {
	if p.pos < len(p.raw) && p.raw[p.pos] == c {
		p.pos++
		return true
	}
	return false
}

func (p *jsonScanner) peek(c byte) bool { return p.pos < len(p.raw) && p.raw[p.pos] == c }

func (p *jsonScanner) end() bool { return p.pos == len(p.raw) }

// str reads a string without escapes and returns its contents.
func (p *jsonScanner) str() ([]byte, bool) {
	if !p.byte('"') {
		return nil, false
	}
	start, high := p.pos, false
	for p.pos < len(p.raw) {
		switch c := p.raw[p.pos]; {
		case c == '"':
			s := p.raw[start:p.pos]
			p.pos++
			// encoding/json turns invalid UTF-8 into U+FFFD: leave that to it.
			return s, !high || utf8.Valid(s)
		case c == '\\' || c < 0x20:
			return nil, false
		case c >= utf8.RuneSelf:
			high = true
		}
		p.pos++
	}
	return nil, false
}

func (p *jsonScanner) literal(word string) bool {
	if len(p.raw)-p.pos < len(word) || string(p.raw[p.pos:p.pos+len(word)]) != word {
		return false
	}
	p.pos += len(word)
	p.wasNull = word == "null"
	return true
}

func (p *jsonScanner) boolean() (bool, bool) {
	switch {
	case p.literal("true"):
		return true, true
	case p.literal("false"):
		return false, true
	}
	return false, false
}

func (p *jsonScanner) number() (float64, bool) {
	p.wasNull = false
	start := p.pos
	for p.pos < len(p.raw) && (p.raw[p.pos] == '-' || p.raw[p.pos] == '+' || p.raw[p.pos] == '.' ||
		p.raw[p.pos] == 'e' || p.raw[p.pos] == 'E' || (p.raw[p.pos] >= '0' && p.raw[p.pos] <= '9')) {
		p.pos++
	}
	if p.pos == start {
		return 0, false
	}
	f, err := strconv.ParseFloat(string(p.raw[start:p.pos]), 64)
	return f, err == nil
}
