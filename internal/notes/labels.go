package notes

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/quellen/quellen/internal/extract"
)

// Label is the number a note opens with: "[12] ", "12] ", "(3) ", "4. ",
// "5 ", "¹ ", "* ".
type Label struct {
	Number string
	Style  string
	Len    int // bytes of the label and the space after it
}

// ParseLabel reads the label at the start of s (leading spaces allowed and
// counted in Len). It accepts at most three digits and needs text after the
// label.
func ParseLabel(s string) (Label, bool) {
	i := 0
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	if i >= len(s) {
		return Label{}, false
	}
	var l Label
	switch c := s[i]; {
	case c == '[':
		i++
		if i < len(s) && s[i] == '[' {
			i++
		}
		j := digitsEnd(s, i)
		if j == i || j-i > 3 || j >= len(s) || s[j] != ']' {
			return Label{}, false
		}
		l = Label{Number: number(s[i:j]), Style: styleBracket}
		i = j + 1
	case c == '(':
		j := digitsEnd(s, i+1)
		if j == i+1 || j-i-1 > 3 || j >= len(s) || s[j] != ')' {
			return Label{}, false
		}
		l = Label{Number: number(s[i+1 : j]), Style: styleParen}
		i = j + 1
	case isDigit(c):
		j := digitsEnd(s, i)
		if j-i > 3 || s[i] == '0' {
			return Label{}, false
		}
		l.Number = number(s[i:j])
		switch {
		case j < len(s) && s[j] == ']':
			l.Style = styleBracket
			i = j + 1
		case j < len(s) && (s[j] == '.' || s[j] == ')'):
			if j+1 < len(s) && isDigit(s[j+1]) { // 1.2, a section number
				return Label{}, false
			}
			l.Style = styleDot
			i = j + 1
		case j < len(s) && (s[j] == ' ' || s[j] == '\t'):
			l.Style = styleBare
			i = j
		default:
			return Label{}, false
		}
	case c == '*' || strings.HasPrefix(s[i:], "†") || strings.HasPrefix(s[i:], "‡"):
		_, n := utf8.DecodeRuneInString(s[i:])
		l = Label{Number: s[i : i+n], Style: styleSymbol}
		i += n
	default:
		j := i
		for j < len(s) {
			r, n := utf8.DecodeRuneInString(s[j:])
			if _, ok := superDigits[r]; !ok {
				break
			}
			j += n
		}
		if j == i {
			return Label{}, false
		}
		l = Label{Number: number(s[i:j]), Style: styleSuper}
		i = j
	}
	if l.Number == "0" {
		return Label{}, false
	}
	// The label is followed by a space (a bracket label may touch its text)
	// and then by text.
	sp := i
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\u00a0') {
		i++
	}
	if sp == i && l.Style != styleBracket && l.Style != styleSuper {
		return Label{}, false
	}
	if i >= len(s) {
		return Label{}, false
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune("\"“«‘'`„(*[", r) {
		return Label{}, false
	}
	if l.Style == styleBare && !unicode.IsUpper(r) && !strings.ContainsRune("\"“«‘'`„", r) {
		return Label{}, false // "5 votes", not "5 Stenographic Reports"
	}
	l.Len = i
	return l, true
}

func digitsEnd(s string, i int) int {
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	return i
}

// notesHeading matches the heading of a notes section: "Notes", "Notes to
// the Postscript", "Translator's notes", "Endnotes", "Примечания".
var notesHeading = regexp.MustCompile(`(?i)^[\s\p{P}]*(?:[\p{L}'’]+\s+){0,2}(?:notes?|foot-?notes|end-?notes|примечания|примечание|сноски|anmerkungen|fußnoten|références)(?:\s+(?:to|on|by|for|of|du|de|des|de la|à|au|aux|к)\s+.{1,60})?\s*:?\s*$`)

// mayBeNotesHeading is a cheap test that a line holds one of the words
// notesHeading needs (lower-cased, as its (?i) folds them: "ſ" is left
// out, so "référence" stands for références), before the regexp runs.
func mayBeNotesHeading(line string) bool {
	var buf [96]byte
	l := extract.Lower(line, buf[:0])
	return strings.Contains(l, "note") || strings.Contains(l, "примечани") || strings.Contains(l, "сноски") ||
		strings.Contains(l, "anmerkungen") || strings.Contains(l, "référence")
}

// IsNotesHeading reports whether a line is the heading of a notes section.
func IsNotesHeading(line string) bool {
	line = strings.TrimSpace(line)
	if line == "" || len(line) > 90 || strings.HasSuffix(line, ".") {
		return false
	}
	if !mayBeNotesHeading(line) || !notesHeading.MatchString(line) {
		return false
	}
	// The words before "notes" are a title's: "Translator's notes", not
	// "He took notes of ...".
	for _, w := range strings.Fields(line) {
		lw := strings.ToLower(strings.Trim(w, ":.,;"))
		if strings.Contains(lw, "note") || strings.Contains(lw, "примечан") || strings.Contains(lw, "сноск") || strings.Contains(lw, "anmerkung") || strings.Contains(lw, "fußnot") || strings.Contains(lw, "référence") {
			break
		}
		if r, _ := utf8.DecodeRuneInString(w); !unicode.IsUpper(r) && !unicode.IsPunct(r) {
			return false
		}
	}
	return true
}

// seriesName names a series of notes after its heading: "Notes to the
// Postscript" is "postscript"; "Notes" is "".
func seriesName(heading string) string {
	h := strings.ToLower(strings.Trim(strings.TrimSpace(heading), ":. "))
	for _, sep := range []string{" to the ", " to ", " on the ", " on ", " for the ", " for ", " by the ", " by "} {
		if i := strings.Index(h, sep); i >= 0 {
			rest := strings.Fields(h[i+len(sep):])
			if len(rest) > 0 {
				return strings.Trim(rest[len(rest)-1], "'’\".,:;")
			}
		}
	}
	return ""
}
