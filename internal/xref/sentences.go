package xref

import (
	"strings"

	"github.com/quellen/quellen"
	"unicode"
	"unicode/utf8"
)

// sentence is a span of a document's clean text that reads as one sentence.
type sentence struct {
	start, end int
}

// abbreviations after which a full stop does not end a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "st": true, "m": true, "mm": true, "mme": true, "mlle": true,
	"com": true, "prof": true, "gen": true, "col": true, "capt": true, "lt": true, "sir": true, "rev": true,
	"cf": true, "ibid": true, "chap": true,
	"ed": true, "eds": true, "trans": true, "tr": true, "fig": true, "inc": true, "co": true, "ltd": true,
	"i.e": true, "e.g": true, "etc": true, "vs": true, "jan": true, "feb": true, "mar": true, "apr": true,
	"jun": true, "jul": true, "aug": true, "sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
	"г": true, "гг": true, "т": true, "тов": true, "им": true, "ул": true,
}

// numberAbbreviations end a sentence unless a number follows ("No. 88",
// "p. 12", "f. 1402"): "He said no." ends one.
var numberAbbreviations = map[string]bool{
	"no": true, "nos": true, "vol": true, "vols": true, "p": true, "pp": true, "f": true, "ff": true, "op": true,
	"d": true, "l": true, "ll": true, "ob": true, "art": true, "ch": true, "n": true, "t": true,
}

// sentences splits s into sentences: at . ! ? … followed by a space and a
// capital or an opening mark, except after abbreviations and initials, and
// at blank lines.
func sentences(s string) []sentence {
	var out []sentence
	start := 0
	emit := func(end int) {
		a, b := start, end
		for a < b && isSpaceByte(s[a]) {
			a++
		}
		for b > a && isSpaceByte(s[b-1]) {
			b--
		}
		if b > a {
			out = append(out, sentence{a, b})
		}
		start = end
	}
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '\n' && i+1 < len(s) && s[i+1] == '\n':
			emit(i)
			i += 2
			continue
		case r == '.' || r == '!' || r == '?' || r == '…':
			j := i + n
			// Closing marks and note markers (up to three digits) stay with
			// the sentence.
			digits := 0
			for j < len(s) {
				c, m := utf8.DecodeRuneInString(s[j:])
				switch {
				case strings.ContainsRune("\"'”’»)]\u00b9\u00b2\u00b3\u2070\u2074\u2075\u2076\u2077\u2078\u2079", c):
				case unicode.IsDigit(c) && digits < 3:
					digits++
				default:
					m = 0
				}
				if m == 0 {
					break
				}
				j += m
			}
			if j < len(s) && isSpaceByte(s[j]) && nextStartsSentence(s[j:]) && !(r == '.' && abbreviationBefore(s, i)) {
				emit(j)
				i = j
				continue
			}
		}
		i += n
	}
	emit(len(s))
	return out
}

// Sentences returns the spans of the sentences of s.
func Sentences(s string) []quellen.Span {
	ss := sentences(s)
	out := make([]quellen.Span, len(ss))
	for i, x := range ss {
		out[i] = quellen.Span{Start: x.start, End: x.end}
	}
	return out
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

func nextStartsSentence(s string) bool {
	s = strings.TrimLeft(s, " \t\r\n")
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune("\"'“‘«„`([—–-", r)
}

// abbreviationBefore reports whether the full stop at i ends an
// abbreviation or an initial.
func abbreviationBefore(s string, i int) bool {
	j := i
	for j > 0 {
		r, n := utf8.DecodeLastRuneInString(s[:j])
		if !unicode.IsLetter(r) && r != '.' {
			break
		}
		j -= n
	}
	w := strings.ToLower(strings.TrimLeft(s[j:i], "."))
	if w == "" {
		return false
	}
	if numberAbbreviations[w] {
		rest := strings.TrimLeft(s[i+1:], " ")
		if rest != "" && rest[0] >= '0' && rest[0] <= '9' {
			return true
		}
	}
	if utf8.RuneCountInString(w) == 1 {
		r, _ := utf8.DecodeRuneInString(s[j:])
		return unicode.IsUpper(r) || abbreviations[w] // an initial: "N. A. Sveshnikov"
	}
	return abbreviations[w]
}
