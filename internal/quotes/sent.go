package quotes

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// sentWindow bounds how far a sentence boundary is looked for, so that a
// paragraph without punctuation costs no more than a normal one.
const sentWindow = 800

// abbrevs end with a period that does not end a sentence.
var abbrevs = set(`mr mrs ms dr prof sir st com m mm mme mlle no nos art vol vols pp p cf ibid op cit loc
ed eds fig col cols ff f l ll d op gen col capt lt sgt rev jr sr vs etc approx ca c`)

// boundaryAt reports whether a sentence ends at the punctuation at k and
// returns where the next one starts.
func boundaryAt(s string, k, hi int) (int, bool) {
	c := s[k]
	if c != '.' && c != '!' && c != '?' {
		return 0, false
	}
	if c == '.' {
		// the word before: an abbreviation or an initial
		j := k
		for j > 0 {
			r, n := utf8.DecodeLastRuneInString(s[:j])
			if !unicode.IsLetter(r) {
				break
			}
			j -= n
		}
		w := s[j:k]
		if w != "" && (abbrevs[strings.ToLower(w)] || utf8.RuneCountInString(w) == 1 && isCap(w)) {
			return 0, false
		}
		if k+1 < hi && (s[k+1] == '.' || s[k+1] == ' ' && k+2 < hi && s[k+2] == ':') {
			return 0, false
		}
	}
	// closing marks, brackets and a note marker may follow
	j := k + 1
	for j < hi && j < k+12 {
		r, n := utf8.DecodeRuneInString(s[j:])
		if strings.ContainsRune("”’»\"')]['`¹²³⁴⁵⁶⁷⁸⁹⁰", r) || unicode.IsDigit(r) || r == '(' {
			j += n
			continue
		}
		break
	}
	if j >= hi {
		return hi, true
	}
	r, _ := utf8.DecodeRuneInString(s[j:])
	if !unicode.IsSpace(r) {
		return 0, false
	}
	for j < hi && (s[j] == ' ' || s[j] == '\n' || s[j] == '\t' || s[j] == '\r') {
		j++
	}
	return j, true
}

// sentStart returns the start of the sentence holding pos, not before lo.
func sentStart(s string, pos, lo int) int {
	for k := pos - 1; k >= lo && k >= pos-sentWindow; k-- {
		if c := s[k]; c == '.' || c == '!' || c == '?' {
			if n, ok := boundaryAt(s, k, pos); ok && n <= pos {
				return n
			}
		}
	}
	if pos-sentWindow > lo {
		return pos - sentWindow
	}
	return lo
}

// sentEnd returns the end of the sentence holding pos (after its closing
// punctuation and a following note marker), not after hi.
func sentEnd(s string, pos, hi int) int {
	for k := pos; k < hi && k < pos+sentWindow; k++ {
		if c := s[k]; c == '.' || c == '!' || c == '?' {
			if n, ok := boundaryAt(s, k, hi); ok {
				// back over the spaces
				for n > k && n-1 < len(s) && (s[n-1] == ' ' || s[n-1] == '\n') {
					n--
				}
				return n
			}
		}
	}
	return min(hi, pos+sentWindow)
}
