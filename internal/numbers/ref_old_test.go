package numbers

// The scanner and the word filter of the finder as they were before the
// ASCII fast paths and mayCount, kept as references for the property and
// fuzz tests of ref_test.go.

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

type refScanner struct {
	toks []tok
	low  []byte
}

func (sc *refScanner) scan(text string, a, b int, en bool, markers map[int]bool) []tok {
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

func (sc *refScanner) number(text string, i, b int, sp, en bool, markers map[int]bool) int {
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
	// (the token kept text[s:j] as raw, since dropped: it is text[t.s:t.e])
	sc.toks = append(sc.toks, t)
	return j
}

func (sc *refScanner) word(text string, i, b int, sp bool) int {
	s := i
	for i < b {
		if c := text[i]; c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		if isLetter(r) || r == '³' || r == '²' {
			i += n
			continue
		}
		// inner hyphens and apostrophes: twenty-three, dix-huit, jusqu'à, o'clock
		if (r == '-' || r == '\'' || r == '’') && i+n < b && isLetterAt(text, i+n) && i > s {
			i += n
			continue
		}
		break
	}
	raw := text[s:i]
	low := raw
	if needsLower(raw) {
		if l, ok := sc.lowerASCII(raw); ok {
			low = l
		} else {
			low = strings.ToLower(strings.ReplaceAll(raw, "’", "'"))
		}
	}
	r0, _ := utf8.DecodeRuneInString(raw)
	sc.toks = append(sc.toks, tok{s: s, e: i, k: kWord, w: low, sp: sp, cap: unicode.IsUpper(r0)})
	return i
}

func (sc *refScanner) lowerASCII(w string) (string, bool) {
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			return "", false
		}
	}
	if len(w) == 0 {
		return "", true
	}
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
	return unsafe.String(&sc.low[at], len(w)), true
}

func refFind(sc *refScanner, text string, a, b int, o Options, emit func(Quantity)) {
	en := o.Lang == "" || o.Lang == "en"
	toks := sc.scan(text, a, b, en, o.Markers)
	p := &parser{text: text, t: toks, o: o}
	for i := 0; i < len(toks); i++ {
		t := &toks[i]
		if t.k == kPunct {
			continue
		}
		if t.k == kWord {
			if _, ok := cardinals[t.w]; !ok && !strings.Contains(t.w, "-") && (o.Lang != "de" || germanNumber(t.w) == 0) && t.w != "a" && t.w != "an" && t.w != "half" && t.w != "three" {
				continue
			}
		}
		qs, end := p.quantity(i)
		for _, q := range qs {
			emit(q)
		}
		if end > i {
			i = end - 1
		}
	}
}

// refFindAll is Finder.Find with the reference scanner and filter.
func refFindAll(text string, a, b int, o Options, emit func(Quantity)) {
	var sc refScanner
	a, b = max(a, 0), min(b, len(text))
	for a < b {
		e := b
		if e-a > 1<<15 {
			e = a + 1<<15
			for e > a+1<<14 && text[e] != ' ' && text[e] != '\n' {
				e--
			}
		}
		refFind(&sc, text, a, e, o, emit)
		a = e
	}
}
