package tabular

import (
	"bytes"
	"math"
	"strconv"
	"time"
	"unicode/utf8"
)

// cellText is what the cell of column col reads as, by its type and
// style. value is the text of its <v> (or its inline string's), entities
// decoded.
func (sc *sheetScanner) cellText(col int, typ cellType, style int, value []byte) string {
	wb := sc.wb
	switch typ {
	case cellShared:
		i, ok := atoi(value)
		if !ok || i >= wb.strings.len() {
			return ""
		}
		return wb.strings.at(i)
	case cellInline, cellFormula, cellError:
		if bytes.Index(value, []byte("_x")) >= 0 {
			return ooxmlString(value)
		}
		return sc.texts.text(col, value)
	case cellBool:
		if string(value) == "1" {
			return "TRUE"
		}
		return "FALSE"
	case cellDate:
		if len(value) >= 10 {
			if _, err := time.Parse("2006-01-02", string(value[:10])); err == nil {
				return string(value[:10])
			}
		}
		return string(value)
	}
	date := style >= 0 && style < len(wb.dates) && wb.dates[style]
	return sc.values.number(value, date, wb.date1904)
}

// textCache keeps the last few short texts of each column: a roster
// written with inline strings repeats its statuses, provinces and course
// codes, and a text met again costs a comparison instead of a string.
type textCache struct {
	cols [][textCacheWays]string
	next []uint8
}

const textCacheWays = 4

func (c *textCache) text(col int, b []byte) string {
	if len(b) == 0 || len(b) > 32 || col > 64 {
		return string(b)
	}
	for len(c.cols) < col {
		c.cols = append(c.cols, [textCacheWays]string{})
		c.next = append(c.next, 0)
	}
	ways := &c.cols[col-1]
	for _, t := range ways {
		if t == string(b) {
			return t
		}
	}
	t := string(b)
	ways[c.next[col-1]%textCacheWays] = t
	c.next[col-1]++
	return t
}

// valueCache keeps what the numbers of a sheet read as: a roster repeats
// its scores and dates, and a string made once is a string allocated once.
type valueCache struct{ plain, dates map[string]string }

// valueCacheSize bounds each map of a valueCache.
const valueCacheSize = 4096

// number reads a number cell: a date as YYYY-MM-DD when its style shows a
// date, else as plainNumber writes it.
func (c *valueCache) number(raw []byte, date, date1904 bool) string {
	m := &c.plain
	if date {
		m = &c.dates
	}
	if text, ok := (*m)[string(raw)]; ok {
		return text
	}
	key := string(raw)
	text := ""
	if date {
		if f, err := strconv.ParseFloat(key, 64); err == nil {
			if d, ok := excelDate(f, date1904); ok {
				text = d
			}
		}
	}
	if text == "" {
		text = plainNumber(key)
	}
	if *m == nil {
		*m = make(map[string]string)
	}
	if len(*m) < valueCacheSize && len(key) <= 32 {
		(*m)[key] = text
	}
	return text
}

// excelDate turns a date serial into YYYY-MM-DD: days since 1899-12-30 (so
// that 60 is Excel's 29 February 1900, which never was, and 61 is 1 March),
// or since 1904-01-01 in a workbook of the 1904 date system.
func excelDate(serial float64, date1904 bool) (string, bool) {
	if serial < 1 || serial > 2958465 || math.IsNaN(serial) {
		return "", false
	}
	origin := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	if date1904 {
		origin = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
	} else if serial < 61 {
		origin = origin.AddDate(0, 0, 1)
	}
	return origin.AddDate(0, 0, int(serial)).Format("2006-01-02"), true
}

// plainNumber writes a stored number as people write it: 86 for 86.0,
// 0.3 for 0.30000000000000004 (Excel keeps 15 significant digits); other
// text as it is.
func plainNumber(s string) string {
	if s == "" || !(s[0] == '-' || s[0] == '.' || (s[0] >= '0' && s[0] <= '9')) {
		return s
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return s
	}
	if math.Abs(f) >= 1e15 {
		return s // an id or a phone number written as a number: keep its digits
	}
	r, err := strconv.ParseFloat(strconv.FormatFloat(f, 'g', 15, 64), 64)
	if err != nil {
		return s
	}
	return strconv.FormatFloat(r, 'f', -1, 64)
}

func hasEntity(b []byte) bool { return bytes.IndexByte(b, '&') >= 0 }

// unescapeXML appends the text b to dst with its entities decoded (&amp;
// &#20013; ...); an entity it does not know stays as written.
func unescapeXML(dst, b []byte) []byte {
	for len(b) > 0 {
		i := bytes.IndexByte(b, '&')
		if i < 0 {
			return append(dst, b...)
		}
		dst = append(dst, b[:i]...)
		b = b[i:]
		end := bytes.IndexByte(b, ';')
		if end < 0 || end > 12 {
			dst = append(dst, '&')
			b = b[1:]
			continue
		}
		ent := b[1:end]
		b = b[end+1:]
		switch string(ent) {
		case "amp":
			dst = append(dst, '&')
		case "lt":
			dst = append(dst, '<')
		case "gt":
			dst = append(dst, '>')
		case "quot":
			dst = append(dst, '"')
		case "apos":
			dst = append(dst, '\'')
		default:
			var n uint64
			var err error
			if bytes.HasPrefix(ent, []byte("#x")) || bytes.HasPrefix(ent, []byte("#X")) {
				n, err = strconv.ParseUint(string(ent[2:]), 16, 32)
			} else if bytes.HasPrefix(ent, []byte("#")) {
				n, err = strconv.ParseUint(string(ent[1:]), 10, 32)
			} else {
				err = errSheet
			}
			if err != nil || n > 0x10FFFF {
				dst = append(append(append(dst, '&'), ent...), ';')
			} else {
				dst = utf8.AppendRune(dst, rune(n))
			}
		}
	}
	return dst
}

// ooxmlString is s with Excel's _xHHHH_ escapes decoded (see appendOOXML).
func ooxmlString(s []byte) string {
	if bytes.Index(s, []byte("_x")) < 0 {
		return string(s)
	}
	return string(appendOOXML(nil, s))
}

// appendOOXML appends s to dst with Excel's _xHHHH_ escapes of characters
// XML cannot hold decoded (_x000D_ is a carriage return; _x005F_ escapes an
// underscore).
func appendOOXML(dst, s []byte) []byte {
	for {
		i := bytes.Index(s, []byte("_x"))
		if i < 0 {
			return append(dst, s...)
		}
		if i+7 > len(s) || s[i+6] != '_' {
			dst = append(dst, s[:i+2]...)
			s = s[i+2:]
			continue
		}
		n, err := strconv.ParseUint(string(s[i+2:i+6]), 16, 16)
		if err != nil {
			dst = append(dst, s[:i+2]...)
			s = s[i+2:]
			continue
		}
		dst = append(dst, s[:i]...)
		dst = utf8.AppendRune(dst, rune(n))
		s = s[i+7:]
	}
}
