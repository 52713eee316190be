package reports

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// fpdf's MultiCell and SplitText drop one Chinese character at every line
// break they make (DESIGN section 10), so reports wrap text here and write
// each line with a plain cell.
//
// The rules are those a Chinese typesetter expects in mixed text: a line
// may break at a space (which then disappears) or between two Chinese
// characters, never inside a Latin word unless the word alone is wider than
// the line; closing punctuation (，。）」 …) never starts a line and opening
// punctuation (（「“ …) never ends one. Nothing else is ever dropped.

// wrapText breaks text into lines no wider than width, measured by measure
// (the width of a string in the current font). Each "\n" starts a new line;
// an empty paragraph gives an empty line. Spaces at a break are dropped.
func wrapText(text string, width float64, measure func(string) float64) []string {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	var lines []string
	for _, para := range strings.Split(text, "\n") {
		lines = append(lines, wrapParagraph(para, width, measure)...)
	}
	return lines
}

// unit is a piece of text that is never broken across lines (unless it is
// wider than a whole line), with the spaces that precede it.
type unit struct {
	space string
	text  string
}

func wrapParagraph(para string, width float64, measure func(string) float64) []string {
	units := splitUnits(para)
	if len(units) == 0 {
		return []string{""}
	}
	var lines []string
	var line strings.Builder
	lineW := 0.0
	flush := func() {
		lines = append(lines, line.String())
		line.Reset()
		lineW = 0
	}
	for _, u := range units {
		uw := measure(u.text)
		if line.Len() > 0 {
			sw := measure(u.space)
			if lineW+sw+uw <= width {
				line.WriteString(u.space)
				line.WriteString(u.text)
				lineW += sw + uw
				continue
			}
			flush() // the spaces before u go with the break
		}
		if uw <= width {
			line.WriteString(u.text)
			lineW = uw
			continue
		}
		// A unit wider than the line (a long URL, say): break it between
		// characters, as full as each line will take.
		for _, r := range u.text {
			s := string(r)
			rw := measure(s)
			if line.Len() > 0 && lineW+rw > width {
				flush()
			}
			line.WriteString(s)
			lineW += rw
		}
	}
	flush()
	return lines
}

// splitUnits cuts a paragraph into units: a Latin word, or a single CJK
// character, with punctuation held to its neighbour as the rules say.
// Leading spaces of the paragraph are kept with its first unit.
func splitUnits(para string) []unit {
	var units []unit
	space := ""
	glueNext := false // the last unit ends with opening punctuation
	for i := 0; i < len(para); {
		r, n := utf8.DecodeRuneInString(para[i:])
		if unicode.IsSpace(r) {
			j := i
			for j < len(para) {
				r2, n2 := utf8.DecodeRuneInString(para[j:])
				if !unicode.IsSpace(r2) {
					break
				}
				j += n2
			}
			space = para[i:j]
			i = j
			continue
		}
		// The next piece: one CJK character, or a run of other characters.
		j := i + n
		if !breaksAlone(r) {
			for j < len(para) {
				r2, n2 := utf8.DecodeRuneInString(para[j:])
				if unicode.IsSpace(r2) || breaksAlone(r2) {
					break
				}
				j += n2
			}
		}
		piece := para[i:j]
		i = j
		first, _ := utf8.DecodeRuneInString(piece)
		last, _ := utf8.DecodeLastRuneInString(piece)
		joins := len(units) > 0 && space == "" && (glueNext || noLineStart(first))
		if joins {
			units[len(units)-1].text += piece
		} else {
			units = append(units, unit{space: space, text: piece})
		}
		if len(units) == 1 && units[0].space != "" && !joins {
			// Leading spaces of a paragraph are text the writer meant (an indent).
			units[0].text = units[0].space + units[0].text
			units[0].space = ""
		}
		space = ""
		glueNext = noLineEnd(last)
	}
	return units
}

// breaksAlone reports whether a line may break before and after r: Chinese,
// Japanese and Korean characters and their full-width punctuation.
func breaksAlone(r rune) bool {
	switch {
	case r < 0x2000:
		return false
	case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul):
		return true
	case r >= 0x3000 && r <= 0x303f, r >= 0xff00 && r <= 0xffef: // CJK punctuation, full-width forms
		return true
	}
	return strings.ContainsRune("“”‘’…—", r)
}

// noLineStart is closing punctuation, which stays with what precedes it.
func noLineStart(r rune) bool {
	return strings.ContainsRune("，。、；：？！）」』》〉】〕”’…%,.;:?!)]}", r)
}

// noLineEnd is opening punctuation, which stays with what follows it.
func noLineEnd(r rune) bool {
	return strings.ContainsRune("（「『《〈【〔“‘([{", r)
}
