package xref

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cespare/xxhash/v2"
	"golang.org/x/text/unicode/norm"
)

// token is one word of a clean text: its folded form and its byte span.
type token struct {
	word       string
	start, end int
}

// tokenize splits s into words, folded for comparison: lower case, accents
// removed, so that "Societe" and "Société" are one word.
func tokenize(s string) []token {
	var out []token
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !isWord(r) {
			i += n
			continue
		}
		j := i
		for j < len(s) {
			r, n := utf8.DecodeRuneInString(s[j:])
			if !isWord(r) && !(r == '\'' || r == '’') {
				break
			}
			j += n
		}
		w := strings.TrimRight(s[i:j], "'’")
		out = append(out, token{word: fold(w), start: i, end: i + len(w)})
		i = j
	}
	return out
}

// tokenizeWith tokenizes s and, when prefix > 0, cuts each word to its
// first prefix letters.
func tokenizeWith(s string, prefix int) []token {
	ts := tokenize(s)
	if prefix > 0 {
		for i := range ts {
			if r := []rune(ts[i].word); len(r) > prefix {
				ts[i].word = string(r[:prefix])
			}
		}
	}
	return ts
}

func isWord(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// fold lower-cases w and strips its accents.
func fold(w string) string {
	ascii := true
	for i := 0; i < len(w); i++ {
		if w[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(w)
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(w) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		if r == '’' {
			r = '\''
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// shingle hashes the n words starting at toks[i].
func shingle(toks []token, i, n int) uint64 {
	var d xxhash.Digest
	d.Reset()
	for k := i; k < i+n; k++ {
		d.WriteString(toks[k].word)
		d.Write([]byte{0})
	}
	return d.Sum64()
}
