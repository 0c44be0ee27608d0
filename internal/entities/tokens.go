package entities

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// tok is a word or a punctuation mark of the text.
type tok struct {
	s, e    int
	w       string
	f       string // w folded (see fold)
	word    bool   // letters or digits
	cap     bool   // starts with a capital
	caps    bool   // all capitals (two letters or more)
	initial bool   // an initial with its dot: N., P.-E., I.V., Th.
	digit   bool
	sent    bool // starts a sentence
	nl      bool // a line break lies between it and the previous token
}

func isApos(r rune) bool { return r == '\'' || r == '’' }

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// elisions are the French (and Italian) words that end in an apostrophe.
var elisions = map[string]bool{"l": true, "d": true, "n": true, "s": true, "j": true, "c": true, "qu": true, "m": true, "t": true,
	"jusqu": true, "lorsqu": true, "puisqu": true, "quoiqu": true}

// tokenize splits s[from:to] into tokens, with offsets into s.
func tokenize(s string, from, to int, out []tok) []tok {
	return tokenizeF(s, from, to, out, fold)
}

// tokenizeF is tokenize with the function that folds the words.
func tokenizeF(s string, from, to int, out []tok, fold func(string) string) []tok {
	if out == nil {
		out = make([]tok, 0, (to-from)/5+4)
	}
	i := from
	nl := false
	for i < to {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == '\n' {
			nl = true
		}
		if unicode.IsSpace(r) || r == '\u00ad' {
			i += n
			continue
		}
		if !isWordRune(r) {
			out = append(out, tok{s: i, e: i + n, w: s[i : i+n], f: fold(s[i : i+n]), nl: nl})
			nl = false
			i += n
			continue
		}
		// A word: letters/digits, with inner hyphens and apostrophes.
		j := i
		for j < to {
			r, n := utf8.DecodeRuneInString(s[j:])
			if isWordRune(r) {
				j += n
				continue
			}
			if (r == '-' || r == '‐' || isApos(r)) && j+n < to {
				r2, _ := utf8.DecodeRuneInString(s[j+n:])
				if isWordRune(r2) {
					if isApos(r) {
						pre := strings.ToLower(s[i:j])
						if elisions[pre] {
							j += n // keep the apostrophe with l', d'
							goto done
						}
						if strings.HasPrefix(strings.ToLower(s[j+n:]), "s") && (j+n+1 >= to || !isWordRune(rune(s[j+n+1]))) {
							goto done // possessive 's: stop before it
						}
					}
					j += n
					continue
				}
			}
			break
		}
	done:
		t := tok{s: i, e: j, w: s[i:j], word: true, nl: nl}
		nl = false
		first, _ := utf8.DecodeRuneInString(t.w)
		t.cap = unicode.IsUpper(first)
		t.digit = unicode.IsDigit(first)
		if t.cap {
			up, letters := true, 0
			for _, c := range t.w {
				if unicode.IsLetter(c) {
					letters++
					if !unicode.IsUpper(c) {
						up = false
					}
				}
			}
			t.caps = up && letters >= 2
		}
		// Initials: one capital (or Th, Ch, Sh, Yu, Zh) and a dot, chained: P.-E., I.V.
		if t.cap && j < to && s[j] == '.' && isInitialWord(t.w) {
			k := j + 1
			for k+1 < to {
				if s[k] == '-' && k+2 < to {
					r2, n2 := utf8.DecodeRuneInString(s[k+1:])
					if unicode.IsUpper(r2) && k+1+n2 < to && s[k+1+n2] == '.' {
						k = k + 1 + n2 + 1
						continue
					}
				}
				r2, n2 := utf8.DecodeRuneInString(s[k:])
				if unicode.IsUpper(r2) && k+n2 < to && s[k+n2] == '.' {
					k = k + n2 + 1
					continue
				}
				break
			}
			t.e = k
			t.w = s[i:k]
			t.initial = true
			t.caps = false
			j = k
		}
		t.f = fold(t.w)
		out = append(out, t)
		i = j
	}
	return out
}

func isInitialWord(w string) bool {
	if utf8.RuneCountInString(w) == 1 {
		return true
	}
	switch w {
	case "Th", "Ch", "Sh", "Yu", "Zh", "Ya", "Kh", "Ts", "Ju", "Ja":
		return true
	}
	return false
}

// markSentences sets tok.sent on tokens that begin a sentence.
func markSentences(ts []tok) {
	for i := range ts {
		if i == 0 {
			ts[i].sent = true
			continue
		}
		p := ts[i-1]
		// After a note number at the start (1 Statuts de...) or glued after a full stop (over.2 Everything).
		if p.digit && (i == 1 || (ts[i-2].w == "." && ts[i-2].e == p.s)) {
			ts[i].sent = true
			continue
		}
		if p.word {
			continue
		}
		switch p.w {
		case "!", "?", ":", ";", "“", "«", "„", "\"", "(", "[", "—", "–", "•", "·", "‘", "`", "¿", "¡", "‹", "»":
			ts[i].sent = true
		case ".", "…":
			// A dot after a title abbreviation or a one-letter word does not end a sentence.
			if i >= 2 && ts[i-2].word {
				w := strings.ToLower(ts[i-2].w) + "."
				if personTitles[w] || (len(ts[i-2].w) == 1 && !ts[i-2].digit) || abbrevs[w] {
					continue
				}
			}
			ts[i].sent = true
		}
		if !ts[i].sent && p.w == "." {
			ts[i].sent = true
		}
	}
}

var abbrevs = map[string]bool{"no.": true, "vol.": true, "cf.": true, "f.": true, "ff.": true, "op.": true, "d.": true, "l.": true, "p.": true, "pp.": true, "ed.": true, "eds.": true, "trans.": true, "st.": true, "vs.": true, "etc.": false}
