package quotes

import (
	"unicode"
	"unicode/utf8"
)

// family groups quotation marks that pair with each other.
type family uint8

const (
	famNone     family = iota
	famDouble          // “ ” and ASCII "
	famGuill           // « »
	famLow             // „ closed by “ or ”
	famSingle          // ‘ ’
	famTick            // ` closed by '
	famTickPair        // `` closed by ''
	famASCII1          // ' closed by '
	famASCII2          // " closed by "
)

// open is a quotation mark on the scanner's stack.
type open struct {
	pos, end int // the mark's bytes
	fam      family
	para     int
	group    int // multi-paragraph group, 0 when none
}

// span is a quotation found by the scanner: its marks and inner text, in
// Doc.Text offsets. A span of a multi-paragraph quotation that runs to the
// end of its paragraph has closeS == closeE == the paragraph's end.
type span struct {
	openS, openE   int
	closeS, closeE int
	fam            family
	depth          int // 0: outermost
	para           int // paragraph of the opening mark
	group          int // >0: one of several paragraphs of one quotation
}

// inner returns the quoted words' span.
func (s span) inner() (int, int) { return s.openE, s.closeS }

// maxCarry bounds how far an unclosed quotation may run into following
// paragraphs that do not reopen it (sentence-per-line text, lines broken
// into paragraphs by an extraction), in paragraphs and bytes.
const (
	maxDepth      = 8 // marks open at once
	maxCarryParas = 24
	maxCarryBytes = 6000
)

// scanner finds quotation spans in a sequence of paragraphs in one pass,
// re-reading at most maxCarryParas paragraphs when a carried-over mark
// turns out to have no closer.
type scanner struct {
	text    string
	paras   [][2]int
	stack   []open
	out     []span
	groups  int
	pending int // group the next paragraph's first opener joins
}

func isSpaceRune(r rune) bool { return r == 0 || unicode.IsSpace(r) }

// isOpenCtx reports whether r may stand before an opening mark.
func isOpenCtx(r rune) bool {
	if isSpaceRune(r) {
		return true
	}
	switch r {
	case '(', '[', '{', '—', '–', '-', '/', ':', '“', '‘', '«', '„', '"', '\'', '`', '‹', '\u00a0', '\u202f', '>':
		return true
	}
	return false
}

// isCloseCtx reports whether r may stand after a closing mark.
func isCloseCtx(r rune) bool {
	if isSpaceRune(r) {
		return true
	}
	if unicode.IsPunct(r) || unicode.IsDigit(r) {
		return true
	}
	switch r {
	case '¹', '²', '³', '⁰', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹':
		return true
	}
	return false
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func (sc *scanner) prevRune(i, lo int) rune {
	if i <= lo {
		return 0
	}
	r, _ := utf8.DecodeLastRuneInString(sc.text[lo:i])
	return r
}

func (sc *scanner) nextRune(i, hi int) rune {
	if i >= hi {
		return 0
	}
	r, _ := utf8.DecodeRuneInString(sc.text[i:hi])
	return r
}

// markAt classifies the rune at i: its family and whether it may open
// and/or close. Apostrophes inside words are neither.
func (sc *scanner) markAt(i, lo, hi int) (r rune, size int, fam family, canOpen, canClose bool) {
	r, size = utf8.DecodeRuneInString(sc.text[i:])
	p, n := sc.prevRune(i, lo), sc.nextRune(i+size, hi)
	left := !isSpaceRune(n) && isOpenCtx(p)   // looks like an opener
	right := !isSpaceRune(p) && isCloseCtx(n) // looks like a closer
	switch r {
	case '“':
		// Opens in English and French; closes a German „.
		return r, size, famDouble, true, true
	case '”':
		return r, size, famDouble, false, true
	case '«':
		return r, size, famGuill, true, false
	case '»':
		return r, size, famGuill, false, true
	case '„':
		return r, size, famLow, true, false
	case '‘':
		if unicode.IsDigit(n) { // ‘90s
			return r, size, famNone, false, false
		}
		return r, size, famSingle, !isSpaceRune(n) || isSpaceRune(p), false
	case '’':
		if isWordRune(p) && isWordRune(n) {
			return r, size, famNone, false, false // don’t, l’Humanité
		}
		return r, size, famSingle, false, !isSpaceRune(p) || isSpaceRune(n)
	case '`':
		if n == '`' {
			return r, 2, famTickPair, true, false
		}
		return r, size, famTick, !isSpaceRune(n), false
	case '\'':
		if n == '\'' && !isSpaceRune(p) {
			return r, 2, famTickPair, false, true
		}
		if isWordRune(p) && isWordRune(n) {
			return r, size, famNone, false, false // O'Brien, l'Humanité
		}
		op := left && !right
		cl := right && !left
		if !left && !right { // spaced out, as in tokenised text
			op, cl = true, true
		}
		return r, size, famASCII1, op, cl
	case '"':
		op := left && !right
		cl := right && !left
		if left == right {
			op, cl = true, true
		}
		return r, size, famASCII2, op, cl
	}
	return r, size, famNone, false, false
}

// closes reports whether a closing rune r of family f may close o.
func closes(o open, r rune, f family) bool {
	switch o.fam {
	case famDouble:
		return r == '”' || (r == '“' && false) || r == '"'
	case famASCII2:
		return r == '"' || r == '”'
	case famGuill:
		return r == '»'
	case famLow:
		return r == '“' || r == '”'
	case famSingle:
		return r == '’' || r == '\''
	case famTick, famASCII1:
		return r == '\'' || r == '’'
	case famTickPair:
		return f == famTickPair
	}
	return false
}

func isSingle(f family) bool { return f == famSingle || f == famTick || f == famASCII1 }

// carries reports whether an unclosed mark of family f may run into the
// next paragraph: unambiguous openers only, never an ASCII apostrophe.
func carries(f family) bool { return f != famASCII1 && f != famNone }

// scan finds the quotation spans of paragraphs ps ([start, end) pairs in
// text, sorted and disjoint).
func scan(text string, ps [][2]int) []span {
	sc := &scanner{text: text, paras: ps}
	sc.run()
	return sc.out
}

func (sc *scanner) run() {
	n := len(sc.paras)
	for pi := 0; pi < n; {
		sc.readPara(pi)
		if len(sc.stack) == 0 {
			pi++
			continue
		}
		if !carries(sc.stack[0].fam) {
			sc.stack = sc.stack[:0]
			pi++
			continue
		}
		if pi+1 < n && sc.reopens(pi+1, sc.stack[0].fam) {
			sc.partial(pi)
			pi++
			continue
		}
		// Carry the open marks into the following paragraphs until they
		// close; if they do not within the bounds, they were stray.
		saved, start := len(sc.out), pi
		startByte := sc.paras[pi][1]
		ok := false
		for k := pi + 1; k < n && k-start <= maxCarryParas && sc.paras[k][0]-startByte <= maxCarryBytes; k++ {
			if sc.reopens(k, sc.stack[0].fam) {
				// the next paragraph reopens: this is a multi-paragraph
				// quotation after all, its part running to k-1's end.
				sc.partial(k - 1)
				pi, ok = k, true
				break
			}
			sc.readPara(k)
			if len(sc.stack) == 0 {
				pi, ok = k+1, true
				break
			}
			if !carries(sc.stack[0].fam) {
				break
			}
		}
		if !ok {
			sc.out = sc.out[:saved]
			sc.stack = sc.stack[:0]
			sc.pending = 0
			pi = start + 1
		}
	}
}

// partial ends the part of a multi-paragraph quotation that runs to the end
// of paragraph pi, and makes the next paragraph's opener join its group.
func (sc *scanner) partial(pi int) {
	o := sc.stack[0]
	g := o.group
	if g == 0 {
		sc.groups++
		g = sc.groups
	}
	hi := sc.paras[pi][1]
	sc.out = append(sc.out, span{openS: o.pos, openE: o.end, closeS: hi, closeE: hi, fam: o.fam, para: o.para, group: g})
	sc.stack = sc.stack[:0]
	sc.pending = g
}

// reopens reports whether paragraph k begins with an opening mark of the
// same kind as f.
func (sc *scanner) reopens(k int, f family) bool {
	lo, hi := sc.paras[k][0], sc.paras[k][1]
	for lo < hi && (sc.text[lo] == ' ' || sc.text[lo] == '\t') {
		lo++
	}
	if lo >= hi {
		return false
	}
	_, _, g, canOpen, _ := sc.markAt(lo, lo, hi)
	if !canOpen {
		return false
	}
	same := func(f family) int {
		switch f {
		case famDouble, famASCII2, famLow:
			return 1
		case famSingle, famTick, famASCII1:
			return 2
		}
		return int(f) + 10
	}
	return same(g) == same(f)
}

// plainASCII marks the bytes readPara passes over: ASCII but the
// quotation marks " ' and `.
var plainASCII = func() (t [256]bool) {
	for c := 0; c < 0x80; c++ {
		t[c] = c != '"' && c != '\'' && c != '`'
	}
	return
}()

// readPara reads the marks of paragraph pi onto and off the stack.
func (sc *scanner) readPara(pi int) {
	lo, hi := sc.paras[pi][0], sc.paras[pi][1]
	if lo < 0 || hi > len(sc.text) || lo >= hi {
		return
	}
	first := true
	for i := lo; i < hi; {
		c := sc.text[i]
		if plainASCII[c] {
			if c != ' ' && c != '\t' && c != '\n' && c != '\r' {
				first = false
			}
			i++
			if !first {
				// no mark before the next quotation mark or non-ASCII byte
				for i < hi && plainASCII[sc.text[i]] {
					i++
				}
			}
			continue
		}
		r, size, fam, canOpen, canClose := sc.markAt(i, lo, hi)
		if fam == famNone {
			if !unicode.IsSpace(r) {
				first = false
			}
			i += size
			continue
		}
		if canClose {
			if j := sc.closer(r, fam, i, size, lo, hi, canOpen); j >= 0 {
				o := sc.stack[j]
				sc.out = append(sc.out, span{openS: o.pos, openE: o.end, closeS: i, closeE: i + size, fam: o.fam, depth: j, para: o.para, group: o.group})
				sc.stack = sc.stack[:j]
				i += size
				first = false
				continue
			}
		}
		if canOpen {
			o := open{pos: i, end: i + size, fam: fam, para: pi}
			if first && sc.pending != 0 && len(sc.stack) == 0 {
				o.group = sc.pending
			}
			if len(sc.stack) >= maxDepth {
				// no text nests so deep: the oldest marks were stray
				copy(sc.stack, sc.stack[1:])
				sc.stack = sc.stack[:len(sc.stack)-1]
			}
			sc.stack = append(sc.stack, o)
		}
		sc.pending = 0
		first = false
		i += size
	}
	if len(sc.stack) == 0 {
		sc.pending = 0
	}
}

// closer returns the stack index the mark at i closes, or -1.
func (sc *scanner) closer(r rune, fam family, i, size, lo, hi int, canOpen bool) int {
	for j := len(sc.stack) - 1; j >= 0; j-- {
		o := sc.stack[j]
		if !closes(o, r, fam) {
			continue
		}
		if r == '“' && o.fam != famLow {
			return -1
		}
		if (r == '\'' || r == '’') && !isSingle(o.fam) && fam != famTickPair {
			continue
		}
		if (r == '\'' || r == '’') && sc.possessive(i, size, lo, hi) {
			return -1
		}
		if r == '"' && canOpen && j != len(sc.stack)-1 && isSingle(sc.stack[len(sc.stack)-1].fam) {
			// `"` while a single mark is open above it: still the closer
			// of the double (the single was an apostrophe).
			return j
		}
		return j
	}
	return -1
}

// possessive reports whether the apostrophe at i is more likely a plural
// possessive ("the workers' movement") than a closing mark: it follows an
// s, a word follows it, and another closing single mark comes later in the
// paragraph before any opening one.
func (sc *scanner) possessive(i, size, lo, hi int) bool {
	p := sc.prevRune(i, lo)
	if p != 's' && p != 'S' && p != 'z' && p != 'x' {
		return false
	}
	j := i + size
	if j >= hi || sc.text[j] != ' ' {
		return false
	}
	if n := sc.nextRune(j+1, hi); !unicode.IsLetter(n) {
		return false
	}
	limit := min(hi, j+1000)
	for k := j; k < limit; {
		r, sz := utf8.DecodeRuneInString(sc.text[k:])
		if r == '\'' || r == '’' || r == '‘' || r == '`' {
			_, _, f, op, cl := sc.markAt(k, lo, hi)
			if f != famNone {
				if cl && !op {
					return true
				}
				if op && !cl {
					return false
				}
				if cl && op && !isWordRune(sc.nextRune(k+sz, hi)) {
					return true
				}
			}
		}
		k += sz
	}
	return false
}
