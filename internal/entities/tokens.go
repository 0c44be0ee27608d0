package entities

import (
	"encoding/binary"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// tok is a word or a punctuation mark of the text.
type tok struct {
	s, e    int
	w       string
	f       string // w folded (see fold)
	lx      uint32 // the word lists f is in (see lexBits: they fit), once looked up (lxOK; see is)
	id      int32  // the number of f plus one, once made (see run.tokID)
	word    bool   // letters or digits
	cap     bool   // starts with a capital
	caps    bool   // all capitals (two letters or more)
	initial bool   // an initial with its dot: N., P.-E., I.V., Th.
	digit   bool
	sent    bool // starts a sentence
	nl      bool // a line break lies between it and the previous token
	lxOK    bool
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
	return tokenizeF(s, from, to, out, fold, "")
}

// tokenizeF is tokenize with the function that folds the words, and low,
// when not "", s with its ASCII capitals in lower case (see lowerASCII):
// the folded form of a word in ASCII is cut from it.
func tokenizeF(s string, from, to int, out []tok, fold func(string) string, low string) []tok {
	if out == nil {
		out = make([]tok, 0, (to-from)/5+4)
	}
	i := from
	nl := false
	for i < to {
		var r rune
		n := 1
		if c := s[i]; c < 0x80 {
			if asciiSpace[c] {
				if c == '\n' {
					nl = true
				}
				i++
				continue
			}
			if !asciiWord[c] {
				t := tok{s: i, e: i + 1, w: s[i : i+1], f: s[i : i+1], nl: nl, lxOK: true}
				if c == '&' {
					t.lx, t.lxOK = uint32(lxConnector), true
				}
				out = append(out, t)
				nl = false
				i++
				continue
			}
			r = rune(c)
		} else {
			r, n = utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) || r == '\u00ad' {
				i += n
				continue
			}
			if !isWordRune(r) {
				f := s[i : i+n]
				switch {
				case r == '’':
					f = "'"
				case 0xa1 <= r && r <= 0xbf || r == 0xd7 || r == 0xf7 || 0x2010 <= r && r <= 0x205e:
					// Punctuation folds to itself.
				default:
					f = fold(f)
				}
				out = append(out, tok{s: i, e: i + n, w: s[i : i+n], f: f, nl: nl})
				nl = false
				i += n
				continue
			}
		}
		// A word: letters/digits, with inner hyphens and apostrophes.
		j := i
		wide := false // a byte outside ASCII
		for j < to {
			c := s[j]
			if c < 0x80 && asciiWord[c] {
				j++
				continue
			}
			r, n := rune(c), 1
			if c >= 0x80 {
				wide = true
				r, n = utf8.DecodeRuneInString(s[j:])
				if isWordRune(r) {
					j += n
					continue
				}
			}
			if (r == '-' || r == '‐' || isApos(r)) && j+n < to && wordAt(s, j+n, len(s)) {
				if isApos(r) {
					if j-i <= 7 && isElision(s[i:j]) {
						j += n // keep the apostrophe with l', d'
						goto done
					}
					if c := s[j+n]; (c == 's' || c == 'S') && !wordAt(s, j+n+1, to) {
						goto done // possessive 's: stop before it
					}
				}
				j += n
				continue
			}
			break
		}
	done:
		out = append(out, tok{s: i, e: j, w: s[i:j], word: true, nl: nl})
		t := &out[len(out)-1]
		nl = false
		if r < 0x80 {
			t.cap = 'A' <= r && r <= 'Z'
			t.digit = '0' <= r && r <= '9'
		} else {
			t.cap = unicode.IsUpper(r)
			t.digit = unicode.IsDigit(r)
		}
		if t.cap {
			up, letters := true, 0
			for k := 0; k < len(t.w); k++ {
				c := t.w[k]
				if c >= 0x80 {
					up, letters = true, 0
					for _, c := range t.w {
						if unicode.IsLetter(c) {
							letters++
							if !unicode.IsUpper(c) {
								up = false
							}
						}
					}
					break
				}
				if 'a' <= c && c <= 'z' {
					up = false
					break
				}
				if 'A' <= c && c <= 'Z' {
					letters++
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
			wide = wide || !ascii(s[j:k])
			t.e = k
			t.w = s[i:k]
			t.initial = true
			t.caps = false
			j = k
		}
		if low != "" && !wide {
			t.f = low[t.s:t.e]
		} else {
			t.f = fold(t.w)
		}
		i = j
	}
	return out
}

// lowerASCII returns s with its ASCII capitals in lower case, every byte
// in its place.
func lowerASCII(s string) string {
	b := make([]byte, len(s))
	i := 0
	// Eight bytes at a time: the bytes of 'A'..'Z' get their 0x20 bit.
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	for ; i+8 <= len(s); i += 8 {
		v := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		h := v &^ highs                       // the low seven bits of each byte
		ge := (h + ones*(0x80-'A')) & highs   // high bit set where the byte is 'A' or more
		gt := (h + ones*(0x80-'Z'-1)) & highs // and where it is past 'Z'
		up := ge &^ gt &^ (v & highs)         // capitals (and no byte outside ASCII)
		binary.LittleEndian.PutUint64(b[i:], v|up>>2)
	}
	for ; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b)) // (b is not written again)
}

var asciiSpace, asciiWord = func() (sp, w [128]bool) {
	for _, c := range "\t\n\v\f\r " {
		sp[c] = true
	}
	for c := 0; c < 128; c++ {
		w[c] = '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
	}
	return
}()

// isElision says whether w, in any case, is one of the elisions.
func isElision(w string) bool {
	var buf [8]byte
	if len(w) > len(buf) {
		return false
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 0x80 {
			return elisions[strings.ToLower(w)]
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return elisions[string(buf[:len(w)])]
}

// wordAt says whether a letter or digit starts at s[i] (i < to).
func wordAt(s string, i, to int) bool {
	if i >= to {
		return false
	}
	if c := s[i]; c < 0x80 {
		return asciiWord[c]
	}
	r, _ := utf8.DecodeRuneInString(s[i:to])
	return isWordRune(r)
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
		p := &ts[i-1]
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
				if (len(ts[i-2].w) == 1 && !ts[i-2].digit) || dotted(ts[i-2].f, personTitles) || dotted(ts[i-2].f, abbrevs) {
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

// dotted says whether f with a dot after it is in set, without making the string.
func dotted(f string, set map[string]bool) bool {
	var buf [24]byte
	if len(f) >= len(buf) {
		return false
	}
	n := copy(buf[:], f)
	buf[n] = '.'
	return set[string(buf[:n+1])]
}
