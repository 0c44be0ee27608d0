package stance

import (
	"encoding/binary"
	"sort"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/quellen/quellen/internal/extract"
)

// lowered is a text lower-cased once, rune by rune, each rune keeping its
// place: a span of it is the span's strings.ToLower when the span begins
// and ends between runes and holds no rune whose lower case has another
// length (nor a byte that is no rune).
type lowered struct {
	text, low string
	// bad: where a rune's lower case has another length, or a byte is no
	// rune; odd: where a rune's lower case is not that of its upper case
	// (see oddFold): there a lower-cased literal may not find what (?i)
	// matches.
	bad, odd []int
}

func lowerText(text string) *lowered {
	return lowerInto(text, make([]byte, len(text)))
}

// lowerInto is lowerText writing into b (of the text's length).
func lowerInto(text string, b []byte) *lowered {
	l := &lowered{text: text}
	for i := 0; i < len(text); {
		// Eight bytes in ASCII at a time: those from A to Z gain 0x20.
		if i+8 <= len(text) {
			w := load64(text, i)
			if w&hi8 == 0 {
				upper := (w + 0x3f*lo8) &^ (w + 0x25*lo8) & hi8 // >= 'A' and not > 'Z'
				binary.LittleEndian.PutUint64(b[i:], w|upper>>2)
				i += 8
				continue
			}
		}
		c := text[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b[i] = c
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		lr := unicode.ToLower(r)
		if r == utf8.RuneError && n == 1 || utf8.RuneLen(lr) != n {
			l.bad = append(l.bad, i)
			copy(b[i:i+n], text[i:i+n])
		} else {
			utf8.EncodeRune(b[i:], lr)
			if oddFold(r) {
				l.odd = append(l.odd, i)
			}
		}
		i += n
	}
	if len(b) > 0 {
		l.low = unsafe.String(&b[0], len(b))
	}
	return l
}

const lo8, hi8 = 0x0101010101010101, 0x8080808080808080

// oddFold says whether r's lower case is not the lower case of its upper
// case (ſ, whose lower case is itself, folds with s and S).
func oddFold(r rune) bool {
	if r < rune(len(oddBelow)) {
		return oddBelow[r]
	}
	return unicode.ToLower(r) != unicode.ToLower(unicode.ToUpper(r))
}

// oddBelow is oddFold for the runes it has room for.
var oddBelow = func() *[0x3000]bool {
	var t [0x3000]bool
	for r := range rune(len(t)) {
		t[r] = unicode.ToLower(r) != unicode.ToLower(unicode.ToUpper(r))
	}
	return &t
}()

// anyIn says whether the sorted ps hold a position in [s, e).
func anyIn(ps []int, s, e int) bool {
	if len(ps) == 0 {
		return false
	}
	k := sort.SearchInts(ps, s)
	return k < len(ps) && ps[k] < e
}

// runeStart says whether i is the end of t or the start of a rune in it
// (any byte but a continuation byte).
func runeStart(t string, i int) bool { return i >= len(t) || utf8.RuneStart(t[i]) }

// span returns strings.ToLower(text[s:e]) (from the lower-cased text when
// it can, else into buf), and whether its bytes are the text's in their
// places with nothing that folds oddly (see lowered): then a literal found
// in it is where (?i) may match it.
func (l *lowered) span(s, e int, buf []byte) (low string, exact bool) {
	if runeStart(l.text, s) && runeStart(l.text, e) && !anyIn(l.bad, s, e) {
		return l.low[s:e], !anyIn(l.odd, s, e)
	}
	return extract.Lower(l.text[s:e], buf), false
}
