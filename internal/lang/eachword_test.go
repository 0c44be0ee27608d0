package lang

import (
	"testing"
	"unicode"
	"unicode/utf8"
)

// eachWordRef is eachWord as first written, the end of a word in a
// closure and the words given to f: the reference eachWord is held to.
func eachWordRef(s string, f func(w word)) {
	var buf [48]byte
	n := 0
	over := false
	title, caps, lower := false, 0, 0
	sentence := true
	flush := func(trailing, dot bool) {
		if n > 0 && !over {
			m := n
			if trailing && n < len(buf) {
				buf[n] = '\''
				m++
			} else {
				trailing = false
			}
			w := word{b: buf[:m], title: title && lower > 0 && caps == 1, first: sentence, trailing: trailing, abbrev: dot && n <= 3}
			f(w)
		}
		if n > 0 {
			sentence = false
		}
		n, over, title, caps, lower = 0, false, false, 0, 0
	}
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		i += size
		switch {
		case r < utf8.RuneSelf && (r|0x20 >= 'a' && r|0x20 <= 'z'):
			if r < 'a' {
				if n == 0 {
					title = true
				}
				caps++
				r |= 0x20
			} else {
				lower++
			}
			if n < len(buf) {
				buf[n] = byte(r)
				n++
			} else {
				over = true
			}
		case r >= 0xc0 && unicode.IsLetter(r):
			switch r {
			case 'ſ': // the long s of old print
				r = 's'
			case 'ﬁ', 'ﬂ', 'ﬀ', 'ﬃ', 'ﬄ': // ligatures of extracted text
				lig := ligatures[r]
				if n+len(lig) <= len(buf) {
					n += copy(buf[n:], lig)
					lower++
				}
				continue
			}
			if unicode.IsUpper(r) {
				if n == 0 {
					title = true
				}
				caps++
				r = unicode.ToLower(r)
			} else {
				lower++
			}
			if n+utf8.RuneLen(r) > len(buf) {
				over = true
				continue
			}
			n += utf8.EncodeRune(buf[n:], r)
		case r == '\'' || r == '’' || r == 'ʼ':
			// Inside a word: keep it; after one: it may be a soft sign
			// (ru-Latn) or a closing quotation mark.
			if n > 0 && i < len(s) {
				nr, _ := utf8.DecodeRuneInString(s[i:])
				if unicode.IsLetter(nr) {
					if n < len(buf) {
						buf[n] = '\''
						n++
					}
					continue
				}
			}
			flush(n > 0, false)
		default:
			flush(false, r == '.')
			switch r {
			case '.', '!', '?', '…', '\n', ':', ';':
				sentence = true
			case '¿', '¡':
				sentence = true
			}
		}
	}
	flush(false, false)
}

func checkEachWord(t *testing.T, s string) {
	t.Helper()
	// The scores made through it, word by word: the same words give the
	// same sums, in the same order.
	var a, b latin
	eachWord(s, &a, false)
	eachWordRef(s, b.function)
	eachWord(s, &a, true)
	eachWordRef(s, b.shape)
	if a != b {
		t.Fatalf("eachWord(%q) scores %v, want %v", s, a, b)
	}
}

func TestEachWordMatchesReference(t *testing.T) {
	for _, s := range []string{"", "a", "The cat. Sat! ¿Qué? l'homme d’état tol'ko nebud' ", "ﬁnest ſoon", "Vol. 3, pp. 4; f. x",
		"ÉCOLE Été", "word'", "'quoted'", "a\nb", string(make([]byte, 60)), "Abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefgh end"} {
		checkEachWord(t, s)
	}
}

func FuzzEachWord(f *testing.F) {
	f.Add("Nado zhe bylo, l'affaire d'état. Der Mann; la casa!")
	f.Fuzz(func(t *testing.T, s string) { checkEachWord(t, s) })
}
