package notes

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/quellen/quellen"
)

// Strength says how much a marker candidate needs the note sequence to be
// believed.
type Strength int

// Strengths of marker candidates, from the surest.
const (
	Strong  Strength = iota // [12], a superscript digit, a reader's note_ref
	Paren                   // (3) glued to the word before: a marker where notes are (n)
	Glued                   // digits glued after punctuation: purpose.1, account.'10
	Decimal                 // digits after a number and a point: 47.4
	Letter                  // digits glued to a word: Communication1
	Symbol                  // * † ‡: a marker only where a note has that label
)

// Candidate is a marker look-alike found by Scan.
type Candidate struct {
	Span     quellen.Span // the marker as written, its brackets included
	Number   string
	Style    string
	Strength Strength
	// Sentence: what follows starts a sentence or ends the paragraph (for
	// the Decimal case).
	Sentence bool
	// Target is the id of the note a reader's note_ref links to.
	Target string
}

// abbrevs are words that a number follows with a point and no space
// without being a note marker: art.7, vol.2, p.5, no.3.
var abbrevs = map[string]bool{}

func init() {
	for w := range strings.FieldsSeq(`a art arts vol vols v vv p pp pg pgs no nos nr n nn fig figs ch chap chaps
		sec sect sects para paras par f ff fol fols l ll d dd op col cols c ca cf t tt s ss ed eds ser pt pts bk
		bks tab tabs app sch art ibid id loc cit ed r rr ob item items box file doc docs reg sig ms mss
		bd hft jg heft nr abs abschn lit str стр с т тт л лл д ф оп гл ст ч кн вып No Vol Art Nos Fig`) {
		abbrevs[strings.ToLower(w)] = true
	}
}

// units are the words a superscript digit follows as an exponent: m³, km².
var units = map[string]bool{"m": true, "km": true, "cm": true, "mm": true, "dm": true, "ft": true,
	"in": true, "yd": true, "mi": true, "sq": true, "µm": true, "м": true, "км": true, "см": true}

// Scan finds the marker candidates in s[start:end], spans in s offsets.
// It never looks outside s and never panics.
func Scan(s string, start, end int) []Candidate {
	start, end = max(0, start), min(len(s), end)
	var out []Candidate
	for i := start; i < end; {
		c := s[i]
		switch {
		case c == '[':
			if cd, ok := scanBracket(s, i, end); ok {
				out = append(out, cd)
				i = cd.Span.End
				continue
			}
		case c == '(':
			if cd, ok := scanParen(s, i, end); ok {
				out = append(out, cd)
				i = cd.Span.End
				continue
			}
		case isDigit(c) && (i == 0 || !isDigit(s[i-1])):
			if cd, ok := scanGlued(s, i, end); ok {
				out = append(out, cd)
				i = cd.Span.End
				continue
			}
		case c == '*' || c == 0xe2: // * † ‡ (E2 80 A0 / A1)
			if cd, ok := scanSymbol(s, i, end); ok {
				out = append(out, cd)
				i = cd.Span.End
				continue
			}
		}
		if c >= 0x80 {
			r, n := utf8.DecodeRuneInString(s[i:])
			if _, ok := superDigits[r]; ok {
				if cd, ok := scanSuper(s, i, end); ok {
					out = append(out, cd)
					i = cd.Span.End
					continue
				}
			}
			i += max(n, 1)
			continue
		}
		i++
	}
	return out
}

func scanBracket(s string, i, end int) (Candidate, bool) {
	j := i + 1
	if j < end && s[j] == '[' {
		j++
	}
	k := digitsEnd(s[:end], j)
	if k == j || k-j > 3 || k >= end || s[k] != ']' || s[j] == '0' {
		return Candidate{}, false
	}
	if countedNoun(s[k+1 : end]) {
		return Candidate{}, false // "condemned to [20] years": a number in brackets
	}
	return Candidate{Span: quellen.Span{Start: i, End: k + 1}, Number: number(s[j:k]), Style: styleBracket, Strength: Strong}, true
}

// countedNouns follow a quantity, not a note marker.
var countedNouns = map[string]bool{}

func init() {
	for w := range strings.FieldsSeq(`year years month months week weeks day days hour hours minute minutes men
		women people persons votes per percent francs roubles rubles dollars pounds marks km kilometres kilometers
		miles metres meters times divisions soldiers members deputies workers ans mois jours hommes voix лет год года
		дней человек`) {
		countedNouns[w] = true
	}
}

// countedNoun reports whether s opens with a space and a counted noun.
func countedNoun(s string) bool {
	if !strings.HasPrefix(s, " ") {
		return false
	}
	// The first field, as strings.Fields would give it, without splitting
	// the rest of the text.
	f := strings.TrimLeftFunc(s, unicode.IsSpace)
	if f == "" {
		return false
	}
	if i := strings.IndexFunc(f, unicode.IsSpace); i >= 0 {
		f = f[:i]
	}
	return countedNouns[strings.ToLower(strings.TrimRight(f, ".,;:’'"))]
}

func scanParen(s string, i, end int) (Candidate, bool) {
	k := digitsEnd(s[:end], i+1)
	if k == i+1 || k-i-1 > 3 || k >= end || s[k] != ')' || s[i+1] == '0' {
		return Candidate{}, false
	}
	p, _ := utf8.DecodeLastRuneInString(s[:i])
	if i == 0 || unicode.IsSpace(p) || unicode.IsDigit(p) || p == '(' || p == '[' {
		return Candidate{}, false // an enumerator, Article 14(2), clause 7 (2)
	}
	return Candidate{Span: quellen.Span{Start: i, End: k + 1}, Number: number(s[i+1 : k]), Style: styleParen, Strength: Paren}, true
}

func scanSymbol(s string, i, end int) (Candidate, bool) {
	r, n := utf8.DecodeRuneInString(s[i:end])
	if r != '*' && r != '†' && r != '‡' {
		return Candidate{}, false
	}
	p, _ := utf8.DecodeLastRuneInString(s[:i])
	if i == 0 || unicode.IsSpace(p) || p == '*' {
		return Candidate{}, false
	}
	if i+n < end {
		if q, _ := utf8.DecodeRuneInString(s[i+n : end]); unicode.IsLetter(q) || unicode.IsDigit(q) || q == '*' {
			return Candidate{}, false
		}
	}
	return Candidate{Span: quellen.Span{Start: i, End: i + n}, Number: string(r), Style: styleSymbol, Strength: Symbol}, true
}

func scanSuper(s string, i, end int) (Candidate, bool) {
	j := i
	for j < end {
		r, n := utf8.DecodeRuneInString(s[j:end])
		if _, ok := superDigits[r]; !ok {
			break
		}
		j += n
	}
	if j-i > 9 { // more than three digits
		return Candidate{}, false
	}
	cd := Candidate{Span: quellen.Span{Start: i, End: j}, Number: number(s[i:j]), Style: styleSuper, Strength: Strong}
	if cd.Number == "0" || cd.Number == "" {
		return Candidate{}, false
	}
	w := wordBefore(s, i)
	if units[strings.ToLower(w)] || (len(w) <= 2 && w != "" && isLowerWord(w)) {
		return Candidate{}, false // m³, x²
	}
	if p, _ := utf8.DecodeLastRuneInString(s[:i]); unicode.IsDigit(p) {
		cd.Strength = Letter // 10², unless the sequence wants it
	}
	return cd, true
}

// scanGlued reads digits at i that are glued to what precedes them.
func scanGlued(s string, i, end int) (Candidate, bool) {
	if i == 0 {
		return Candidate{}, false
	}
	k := digitsEnd(s[:end], i)
	if k-i > 3 || s[i] == '0' {
		return Candidate{}, false
	}
	// What follows: not a digit, a letter, or a decimal part.
	if k < end {
		r, _ := utf8.DecodeRuneInString(s[k:end])
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '%' || r == '°' || r == '/' || r == '-' || r == '–' {
			return Candidate{}, false
		}
		if (r == '.' || r == ',' || r == ':') && k+1 < end && isDigit(s[k+1]) {
			return Candidate{}, false
		}
	}
	cd := Candidate{Span: quellen.Span{Start: i, End: k}, Number: number(s[i:k]), Style: styleGlued, Sentence: sentenceAfter(s, k, end)}
	p, pn := utf8.DecodeLastRuneInString(s[:i])
	before := i - pn
	pp, ppn := utf8.DecodeLastRuneInString(s[:before])
	ppp, _ := utf8.DecodeLastRuneInString(s[:max(0, before-ppn)])
	spaced := pp == ' ' && before >= 2 && !unicode.IsLetter(ppp) && !unicode.IsDigit(ppp) && !unicode.IsSpace(ppp)
	switch {
	case strings.ContainsRune(".,;:!?", p):
		switch {
		case spaced && (p == '!' || p == '?'):
			cd.Strength = Glued // French spacing: »\u00a0!12
		case before == 0 || unicode.IsSpace(pp):
			return Candidate{}, false
		case unicode.IsDigit(pp):
			if p != '.' {
				return Candidate{}, false // 1,200; 5:30
			}
			cd.Strength = Decimal
		case unicode.IsLetter(pp):
			w := wordBefore(s, before)
			possessive := false
			if ws := before - len(w); ws > 0 {
				q, _ := utf8.DecodeLastRuneInString(s[:ws])
				possessive = q == '\'' || q == '’'
			}
			if !possessive && (abbrevs[strings.ToLower(w)] || utf8.RuneCountInString(w) == 1) {
				return Candidate{}, false // art.7, vol.2, J.2
			}
			if isUpperWord(w) && utf8.RuneCountInString(w) <= 4 {
				return Candidate{}, false // U.S.2, FO.3
			}
			cd.Strength = Glued
		case isCloser(pp):
			cd.Strength = Glued
		default:
			return Candidate{}, false
		}
	case isCloser(p) && spaced:
		cd.Strength = Glued // .” '44
	case isCloser(p):
		if before == 0 || unicode.IsSpace(pp) || unicode.IsDigit(pp) {
			return Candidate{}, false
		}
		cd.Strength = Glued
	case unicode.IsLetter(p):
		w := wordBefore(s, i)
		if utf8.RuneCountInString(w) < 3 || isUpperWord(w) || !unicode.IsLower(lastRune(w)) {
			return Candidate{}, false // FO371, m3, COVID19
		}
		if ws := i - len(w); ws > 0 {
			if q, _ := utf8.DecodeLastRuneInString(s[:ws]); unicode.IsDigit(q) || q == '_' || q == '-' || q == '/' {
				return Candidate{}, false
			}
		}
		cd.Strength = Letter
	case p == ' ' && isCloser(pp) && before >= 2 && strings.ContainsRune(".!?", ppp):
		cd.Strength = Decimal // plot.' 112 Tokaev: a marker set off by a space
	default:
		return Candidate{}, false
	}
	return cd, true
}

func isCloser(r rune) bool { return strings.ContainsRune("'’”\"»)]", r) }

func lastRune(w string) rune { r, _ := utf8.DecodeLastRuneInString(w); return r }

// wordBefore returns the run of letters that ends at i.
func wordBefore(s string, i int) string {
	j := i
	for j > 0 {
		r, n := utf8.DecodeLastRuneInString(s[:j])
		if !unicode.IsLetter(r) {
			break
		}
		j -= n
	}
	return s[j:i]
}

func isUpperWord(w string) bool {
	for _, r := range w {
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return w != ""
}

func isLowerWord(w string) bool {
	for _, r := range w {
		if !unicode.IsLower(r) {
			return false
		}
	}
	return w != ""
}

// sentenceAfter reports whether what follows k ends the paragraph or opens
// a sentence (an upper-case letter or an opening quote after spaces).
func sentenceAfter(s string, k, end int) bool {
	j := k
	for j < end && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r') {
		j++
	}
	if j >= end || s[j] == '\n' {
		return true
	}
	if j == k {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[j:end])
	return unicode.IsUpper(r) || strings.ContainsRune("“‘«\"'`(", r)
}
