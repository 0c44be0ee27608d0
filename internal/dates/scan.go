package dates

import (
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/quellen/quellen/internal/extract"
)

type tokKind uint8

const (
	kWord tokKind = iota + 1
	kNum
	kPunct
)

// tok is one token of a passage: a word, a run of digits or one mark.
type tok struct {
	s, e  int    // byte offsets in the scanned text
	w     string // the word in lower case; the mark ("-" for every dash, "'" for every apostrophe)
	n     int    // the value of a number (capped)
	nd    int    // how many digits
	lx    *word
	k     tokKind
	ord   bool // 1st, 3rd, 1er, 2e, 1-го: an ordinal
	dec   bool // 1920s, 1920's, 1920er, 1920-е: a decade
	cap   bool // a word that starts with a capital
	sp    bool // whitespace (or the start) before it
	glued bool // a letter follows a number without a space (65AQ, 1921a)
	sufAE bool // the letters glued after a number are one of a to e (1921a)
}

// scanner turns text into tokens, reusing its buffer.
type scanner struct {
	toks []tok
	low  []byte // where lower-cased words are made (see lower)
}

// tokBufs keeps the token buffers of finished scanners for the next
// document: a buffer holds up to 8,192 tokens (a 32 KiB chunk).
var tokBufs extract.SlicePool[tok]

// release gives the scanner's buffer back for another document; the
// scanner may be used again and then takes another.
func (sc *scanner) release() {
	tokBufs.Put(sc.toks)
	sc.toks = nil
}

// lower returns w in lower case and its lexicon entry: the lexicon's own
// string when it knows the word, else one made in the scanner's chunk of
// lower-cased words (a chunk is only ever appended to, and a full one left
// to the strings made in it, so that they stay valid).
func (sc *scanner) lower(w string) (string, *word) {
	if cap(sc.low)-len(sc.low) < len(w) {
		sc.low = make([]byte, 0, max(4096, len(w)))
	}
	at := len(sc.low)
	buf := sc.low[at : at+len(w)]
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			low := strings.ToLower(w)
			return low, lookup(low)
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	sc.low = sc.low[:at+len(w)]
	low := unsafe.String(&sc.low[at], len(w))
	if e := lexFind(low); e != nil {
		sc.low = sc.low[:at] // the bytes are made again by the next word
		return e.key, e.w
	}
	return low, nil
}

var ordSuffixes = map[string]bool{"st": true, "nd": true, "rd": true, "th": true, "er": true, "re": true,
	"e": true, "ème": true, "eme": true, "è": true, "ter": false}

func isDash(r rune) bool {
	switch r {
	case '-', '–', '—', '‑', '‒', '−', '―':
		return true
	}
	return false
}

func isApos(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' }

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) }

// scan tokenises text[a:b]; offsets are into text.
func (sc *scanner) scan(text string, a, b int) []tok {
	if sc.toks == nil {
		sc.toks = tokBufs.Get()
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
			w := text[i : i+1] // the mark: "'" and "-" as they are
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

func (sc *scanner) number(text string, i, b int, sp bool) int {
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
		t.sufAE = len(suf) == 1 && suf[0] >= 'a' && suf[0] <= 'e'
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

func isAposByte(text string, i int) bool {
	r, _ := utf8.DecodeRuneInString(text[i:])
	return isApos(r)
}

func aposLen(text string, i int) int {
	_, n := utf8.DecodeRuneInString(text[i:])
	return n
}

func isLetterAt(text string, i int) bool {
	r, _ := utf8.DecodeRuneInString(text[i:])
	return isWordRune(r)
}

// elisions take their apostrophe: l', d', qu', jusqu'.
var elisions = map[string]bool{"l": true, "d": true, "qu": true, "jusqu": true, "lorsqu": true, "s": false}

func (sc *scanner) word(text string, i, b int, sp bool) int {
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
	var lx *word
	if upper {
		low, lx = sc.lower(w)
	} else {
		lx = lookup(w)
	}
	cp := false
	if c := w[0]; c < utf8.RuneSelf {
		cp = c >= 'A' && c <= 'Z'
	} else {
		r0, _ := utf8.DecodeRuneInString(w)
		cp = unicode.IsUpper(r0)
	}
	sc.toks = append(sc.toks, tok{s: s, e: i, k: kWord, w: low, cap: cp, sp: sp, lx: lx})
	t := &sc.toks[len(sc.toks)-1]
	if i >= b {
		// the end of the text
	} else if c := text[i]; c == ' ' || c == '\n' || c == ',' || c == '.' {
		// the common ends of a word: no apostrophe, no hyphen
	} else if isAposByte(text, i) {
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
	if t.w != low {
		t.lx = lookup(t.w)
	}
	return i
}
