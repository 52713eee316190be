package model

import (
	"bytes"
	"fmt"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// AppendKey appends s to dst in the form names are compared in: ASCII and
// full-width letters in lower case, without spaces of any width, "_", "-",
// ".", "&", "'" and "·" — so "E-mail", "e mail" and "ＥＭＡＩＬ" share a key.
// It allocates nothing when dst has room, so importers use it per cell.
func AppendKey(dst []byte, s string) []byte {
	for i := 0; i < len(s); {
		r := rune(s[i])
		n := 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
			if r >= 0xFF01 && r <= 0xFF5E { // full-width ASCII
				r -= 0xFEE0
			}
		}
		i += n
		switch {
		case r <= ' ' || r == '_' || r == '-' || r == '.' || r == '&' || r == '\'' || r == '·' || r == '\uFEFF':
		case r < utf8.RuneSelf:
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			dst = append(dst, byte(r))
		case unicode.IsSpace(r):
		default:
			dst = utf8.AppendRune(dst, unicode.ToLower(r))
		}
	}
	return dst
}

// NaturalName is the form in which the names of things entered twice are
// compared (DESIGN section 8): AppendKey's (trimmed, width- and case-folded,
// without spaces) with every kind of bracket unified to ( and ), so that
// "同济大学（上海）", "同济大学 [上海]" and "同济大学(上海) " are one name.
func NaturalName(s string) string {
	out := AppendKey(make([]byte, 0, len(s)), s)
	if !bytes.ContainsAny(out, brackets) {
		return string(out)
	}
	b := make([]byte, 0, len(out))
	for _, r := range string(out) {
		switch r {
		case '[', '{', '<', '【', '〔', '〖', '《', '〈', '「', '『':
			r = '('
		case ']', '}', '>', '】', '〕', '〗', '》', '〉', '」', '』':
			r = ')'
		}
		b = utf8.AppendRune(b, r)
	}
	return string(b)
}

// brackets are the brackets NaturalName writes as ( and ).
const brackets = "[]{}<>【】〔〕〖〗《》〈〉「」『』"

// ValueIndex finds an enumerated value (a type, a stage, a status) by any of
// its names, compared as keys (AppendKey).
type ValueIndex[T any] map[string]T

// Add registers names for v. A name given to two values is a mistake in
// the program.
func (ix ValueIndex[T]) Add(v T, names ...string) {
	for _, name := range names {
		k := string(AppendKey(nil, name))
		if k == "" {
			continue
		}
		if old, dup := ix[k]; dup && fmt.Sprint(old) != fmt.Sprint(v) {
			panic("model: value name " + name + " is ambiguous")
		}
		ix[k] = v
	}
}

// Lookup finds the value s names.
func (ix ValueIndex[T]) Lookup(s string) (T, bool) {
	var buf [96]byte
	v, ok := ix[string(AppendKey(buf[:0], s))]
	return v, ok
}

// NewCollator sorts Chinese by pinyin and Latin alphabetically.
func NewCollator() *collate.Collator {
	return collate.New(language.SimplifiedChinese, collate.IgnoreCase, collate.Loose)
}
