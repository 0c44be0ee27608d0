package dates

// The scanner as it was before the lexicon's slot table, the chunk of
// lower-cased words and the ASCII fast paths, kept as the reference of
// the property and fuzz tests of ref_test.go.

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

type refScanner struct {
	toks []tok
	buf  []byte
}

// lexMap is the lexicon's words by their string, as a map.
var lexMap = func() map[string]lexEnt {
	m := map[string]lexEnt{}
	for _, e := range lexEnts {
		m[e.key] = e
	}
	return m
}()

// refLookup is lookup through a map.
func refLookup(w string) *word {
	if !mayKnow(w) {
		return nil
	}
	return lexicon[w]
}

func (sc *refScanner) lower(w string) string {
	sc.buf = sc.buf[:0]
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			return strings.ToLower(w)
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		sc.buf = append(sc.buf, c)
	}
	if mayKnow(string(sc.buf)) {
		if k, ok := lexMap[string(sc.buf)]; ok {
			return k.key
		}
	}
	return string(sc.buf)
}

func (sc *refScanner) scan(text string, a, b int) []tok {
	if sc.toks == nil {
		sc.toks = nil
	}
	sc.toks = sc.toks[:0]
	if want := (b - a) / 4; cap(sc.toks) < want {
		sc.toks = make([]tok, 0, want) // about a token for every four bytes: grow once
	}
	sp := true
	i := a
	for i < b {
		c := text[i]
		if c < utf8.RuneSelf {
			switch {
			case c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
				sp = true
				i++
				continue
			case c >= '0' && c <= '9':
				i = sc.number(text, i, b, sp)
				sp = false
				continue
			case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
				i = sc.word(text, i, b, sp)
				sp = false
				continue
			}
			w := string(c)
			if c == '\'' {
				w = "'"
			} else if c == '-' {
				w = "-"
			}
			sc.toks = append(sc.toks, tok{s: i, e: i + 1, k: kPunct, w: w, sp: sp})
			sp = false
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.IsSpace(r):
			sp = true
			i += n
			continue
		case isWordRune(r):
			i = sc.word(text, i, b, sp)
			sp = false
			continue
		case unicode.IsDigit(r):
			// other scripts' digits and superscripts are not dates
		}
		w := text[i : i+n]
		if isDash(r) {
			w = "-"
		} else if isApos(r) {
			w = "'"
		}
		sc.toks = append(sc.toks, tok{s: i, e: i + n, k: kPunct, w: w, sp: sp})
		sp = false
		i += n
	}
	return sc.toks
}

func (sc *refScanner) number(text string, i, b int, sp bool) int {
	s := i
	v := 0
	for i < b && text[i] >= '0' && text[i] <= '9' {
		if v < 1e8 {
			v = v*10 + int(text[i]-'0')
		}
		i++
	}
	t := tok{s: s, e: i, k: kNum, n: v, nd: i - s, sp: sp}
	// letters glued after the digits
	j := i
	for j < b {
		r, n := utf8.DecodeRuneInString(text[j:])
		if !isWordRune(r) {
			break
		}
		j += n
	}
	if j > i {
		suf := strings.ToLower(text[i:j])
		t.sufAE = len(suf) == 1 && suf[0] >= 'a' && suf[0] <= 'e' // once kept whole as suf
		switch {
		case suf == "s" && (t.nd == 4 || t.nd == 2) && v%10 == 0:
			t.dec, t.e = true, j
		case suf == "er" && t.nd == 4 && v%10 == 0:
			t.dec, t.e = true, j
		case ordSuffixes[suf]:
			t.ord, t.e = true, j
		default:
			t.glued, t.e = true, j
		}
		i = j
	} else if i+1 < b && isAposByte(text, i) {
		// 1920's
		k := i + aposLen(text, i)
		if k < b && (text[k] == 's') && (k+1 >= b || !isLetterAt(text, k+1)) && t.nd == 4 && v%10 == 0 {
			t.dec, t.e = true, k+1
			i = k + 1
		}
	} else if i+1 < b && text[i] == '-' && t.nd == 4 && v%10 == 0 {
		// 1920-е, 1920-х, 1920-ые, 1920-ых
		k := i + 1
		m := k
		for m < b {
			r, n := utf8.DecodeRuneInString(text[m:])
			if !isWordRune(r) {
				break
			}
			m += n
		}
		switch text[k:m] {
		case "е", "х", "ые", "ых", "м", "ми":
			t.dec, t.e = true, m
			i = m
		}
	} else if i+1 < b && text[i] == '-' {
		// 1-го, 2-е (Russian ordinals)
		k := i + 1
		m := k
		for m < b {
			r, n := utf8.DecodeRuneInString(text[m:])
			if !isWordRune(r) {
				break
			}
			m += n
		}
		switch text[k:m] {
		case "го", "е", "й", "ое", "ого":
			t.ord, t.e = true, m
			i = m
		}
	}
	sc.toks = append(sc.toks, t)
	return i
}

func (sc *refScanner) word(text string, i, b int, sp bool) int {
	s := i
	upper := false
	for i < b {
		c := text[i]
		if c < utf8.RuneSelf {
			if c >= 'a' && c <= 'z' {
				i++
				continue
			}
			if c >= 'A' && c <= 'Z' {
				upper = true
				i++
				continue
			}
			break
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r) {
			break
		}
		upper = upper || unicode.IsUpper(r)
		i += n
	}
	w := text[s:i]
	low := w
	if upper {
		low = sc.lower(w)
	}
	r0, _ := utf8.DecodeRuneInString(w)
	t := tok{s: s, e: i, k: kWord, w: low, cap: unicode.IsUpper(r0), sp: sp}
	if i < b && isAposByte(text, i) {
		al := aposLen(text, i)
		switch {
		case elisions[low]:
			t.w, t.e = low+"'", i+al
			i += al
		case low == "aujourd" && strings.HasPrefix(text[i+al:min(b, i+al+3)], "hui"):
			t.w, t.e = "aujourd'hui", i+al+3
			i += al + 3
		}
	} else if i+1 < b && text[i] == '-' && isLetterAt(text, i+1) {
		// hyphenated words the lexicon knows: twenty-first, avant-hier, après-midi
		j := i + 1
		for j < b {
			r, n := utf8.DecodeRuneInString(text[j:])
			if !isWordRune(r) {
				break
			}
			j += n
		}
		if comb := low + "-" + strings.ToLower(text[i+1:j]); lexicon[comb] != nil {
			t.w, t.e = comb, j
			i = j
		}
	}
	t.lx = refLookup(t.w)
	sc.toks = append(sc.toks, t)
	return i
}
