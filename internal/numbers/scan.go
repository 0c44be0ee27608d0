package numbers

import (
	"strconv"
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

// tok is a word (hyphens and apostrophes inside it kept), a number in
// digits (grouping and decimals read) or a mark.
type tok struct {
	s, e    int
	w       string // lower case
	v       float64
	nd      int    // digits before any separator
	suf     string // letters glued after the digits (km, AQ)
	k       tokKind
	grouped bool // 1,800; 1 800
	dec     bool // 3.5
	ord     bool // 1st, 4th, 2e
	sp      bool // whitespace before
	cap     bool
	hy      bool // a word with a hyphen inside (twenty-three)
}

type scanner struct {
	toks []tok
	low  []byte // where the lower-cased ASCII words are made (see lowerASCII)
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

func isLetter(r rune) bool { return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) }

func isSpaceSep(r rune) bool { return r == ' ' || r == '\u00a0' || r == '\u202f' || r == '\u2009' }

// scan tokenises text[a:b]. en says English conventions (1,800.5) rather
// than continental ones (1 800,5; 1.800). Markers are offsets where a
// footnote marker starts: a number stops before them.
func (sc *scanner) scan(text string, a, b int, en bool, markers map[int]bool) []tok {
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
		if c := text[i]; c < utf8.RuneSelf {
			// ASCII: what unicode.IsSpace and isLetter say of it, without asking
			switch {
			case c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
				sp = true
				i++
				continue
			case c >= '0' && c <= '9':
				i = sc.number(text, i, b, sp, en, markers)
			case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
				i = sc.word(text, i, b, sp)
			default:
				w := text[i : i+1]
				sc.toks = append(sc.toks, tok{s: i, e: i + 1, k: kPunct, w: w, sp: sp})
				i++
			}
			sp = false
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.IsSpace(r):
			sp = true
			i += n
			continue
		case r >= '0' && r <= '9':
			i = sc.number(text, i, b, sp, en, markers)
		case isLetter(r):
			i = sc.word(text, i, b, sp)
		default:
			w := text[i : i+n]
			switch r {
			case '–', '—', '‑', '−':
				w = "-"
			case '’', 'ʼ':
				w = "'"
			}
			sc.toks = append(sc.toks, tok{s: i, e: i + n, k: kPunct, w: w, sp: sp})
			i += n
		}
		sp = false
	}
	return sc.toks
}

func digitsAt(text string, i, b int) int {
	j := i
	for j < b && (text[j] >= '0' && text[j] <= '9') {
		j++
	}
	return j - i
}

func (sc *scanner) number(text string, i, b int, sp, en bool, markers map[int]bool) int {
	s := i
	var digits strings.Builder
	j := i
	// integer part, with OCR o for 0 (6o million)
	for j < b {
		c := text[j]
		if c >= '0' && c <= '9' {
			digits.WriteByte(c)
			j++
			continue
		}
		if (c == 'o' || c == 'O') && j > s && !markers[j] {
			if k := j + 1; k >= b || !isLetterAt(text, k) {
				digits.WriteByte('0')
				j++
				continue
			}
		}
		break
	}
	t := tok{s: s, k: kNum, sp: sp, nd: digits.Len()}
	intDigits := digits.Len()
	// groups: 1,800 (en), 1 800, 1.800 (continental)
	for j < b {
		sep, sl := utf8.DecodeRuneInString(text[j:])
		k := j + sl
		if markers[k] {
			break
		}
		grp := false
		switch {
		case sep == ',':
			grp = true
		case sep == '.':
			grp = !en
		case sep == ' ':
			grp = !en && intDigits <= 3
		case isSpaceSep(sep):
			grp = true
		}
		if !grp {
			break
		}
		if d := digitsAt(text, k, b); d == 3 && (k+3 >= b || !(text[k+3] >= '0' && text[k+3] <= '9')) {
			digits.WriteString(text[k : k+3])
			t.grouped = true
			j = k + 3
			continue
		}
		break
	}
	// decimals: 3.5 (en), 3,5 (continental)
	if j+1 < b && (en && text[j] == '.' || !en && text[j] == ',') && !markers[j+1] {
		d := digitsAt(text, j+1, b)
		if en && d <= 2 && !t.grouped && j+1+d+1 < b && text[j+1+d] == ' ' && isUpperAt(text, j+1+d+1) {
			d = 0 // 47.4 The: a footnote marker glued after the full stop
		}
		if d > 0 && !(d == 3 && !en) {
			digits.WriteByte('.')
			digits.WriteString(text[j+1 : j+1+d])
			t.dec = true
			j = j + 1 + d
		}
	}
	t.v, _ = strconv.ParseFloat(digits.String(), 64)
	// letters glued after: 1st, 2e, 300km, 65AQ
	k := j
	for k < b {
		r, n := utf8.DecodeRuneInString(text[k:])
		if !isLetter(r) {
			break
		}
		k += n
	}
	if k > j {
		suf := strings.ToLower(text[j:k])
		switch suf {
		case "st", "nd", "rd", "th", "er", "re", "e", "ème", "eme", "è":
			t.ord = true
		}
		t.suf = suf
		j = k
	} else if j+1 < b && text[j] == '-' && !t.dec {
		// Russian ordinals: 1-й, 2-го
		m := j + 1
		for m < b {
			r, n := utf8.DecodeRuneInString(text[m:])
			if !isLetter(r) {
				break
			}
			m += n
		}
		switch text[j+1 : m] {
		case "й", "го", "е", "я", "ой", "ого", "ый", "ая", "м":
			t.ord = true
			j = m
		}
	}
	t.e = j
	sc.toks = append(sc.toks, t)
	return j
}

func isLetterAt(text string, i int) bool {
	r, _ := utf8.DecodeRuneInString(text[i:])
	return isLetter(r)
}

// needsLower reports whether w has a capital, a non-ASCII letter or a
// curly apostrophe (anything strings.ToLower might change).
func needsLower(w string) bool {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= 'A' && c <= 'Z' || c >= utf8.RuneSelf {
			return true
		}
	}
	return false
}

func (sc *scanner) word(text string, i, b int, sp bool) int {
	s := i
	upper, wide, hy := false, false, false // a capital; a rune outside ASCII; a hyphen
	for i < b {
		c := text[i]
		if c >= 'a' && c <= 'z' {
			i++
			continue
		}
		if c >= 'A' && c <= 'Z' {
			upper = true
			i++
			continue
		}
		if c < utf8.RuneSelf {
			// inner hyphens and apostrophes: twenty-three, dix-huit, o'clock
			if (c == '-' || c == '\'') && i+1 < b && i > s && isLetterAt(text, i+1) {
				hy = hy || c == '-'
				i++
				continue
			}
			break
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		if isLetter(r) || r == '³' || r == '²' {
			wide = true
			i += n
			continue
		}
		// jusqu’à
		if r == '’' && i+n < b && i > s && isLetterAt(text, i+n) {
			wide = true
			i += n
			continue
		}
		break
	}
	raw := text[s:i]
	low := raw
	switch {
	case wide:
		low = strings.ToLower(strings.ReplaceAll(raw, "’", "'"))
	case upper:
		low = sc.lowerASCIIWord(raw)
	}
	cp := false
	if c := raw[0]; c < utf8.RuneSelf {
		cp = c >= 'A' && c <= 'Z'
	} else {
		r0, _ := utf8.DecodeRuneInString(raw)
		cp = unicode.IsUpper(r0)
	}
	sc.toks = append(sc.toks, tok{s: s, e: i, k: kWord, w: low, sp: sp, cap: cp, hy: hy})
	return i
}

// lowerASCII is strings.ToLower(w) for a word in ASCII (ok), made in the
// scanner's chunk of lower-cased words: a chunk is only ever appended to,
// and a full one left to the strings made in it, so that they stay valid.
func (sc *scanner) lowerASCII(w string) (string, bool) {
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			return "", false
		}
	}
	if len(w) == 0 {
		return "", true
	}
	return sc.lowerASCIIWord(w), true
}

// lowerASCIIWord is lowerASCII for a word known to be ASCII and not empty.
func (sc *scanner) lowerASCIIWord(w string) string {
	if cap(sc.low)-len(sc.low) < len(w) {
		sc.low = make([]byte, 0, max(4096, len(w)))
	}
	at := len(sc.low)
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		sc.low = append(sc.low, c)
	}
	return unsafe.String(&sc.low[at], len(w))
}

func isUpperAt(text string, i int) bool {
	r, _ := utf8.DecodeRuneInString(text[i:])
	return unicode.IsUpper(r)
}
