package lang

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/abadojack/whatlanggo"
)

// word is one token of a Latin-script text, lower-cased.
type word struct {
	b        []byte // lower case, inner apostrophes as '; a trailing one follows when trailing
	title    bool   // Titlecase (a capital, then lower case)
	first    bool   // the first word of the text or of a sentence
	trailing bool   // an apostrophe right after it
	abbrev   bool   // short and followed by a full stop: f., op., pp., vol.
}

// eachWord calls t.function, or t.shape when shape, on each word of s.
// (The methods are called directly, and a word is ended in the loop
// itself, not in a closure: this runs for every word.)
func eachWord(s string, t *latin, shape bool) {
	var buf [48]byte
	n := 0
	over := false
	title, caps, lower := false, 0, 0
	sentence := true
	for i := 0; i <= len(s); {
		// What ends the word in hand: trailing, an apostrophe right
		// after it; dot, a full stop; ends, the sentence ends after it.
		trailing, dot, ends := false, false, false
		if i == len(s) {
			i++
		} else {
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
				continue
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
				continue
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
				trailing = n > 0
			default:
				dot = r == '.'
				switch r {
				case '.', '!', '?', '…', '\n', ':', ';', '¿', '¡':
					ends = true
				}
			}
		}
		// The word ends here.
		if n > 0 && !over {
			m := n
			if trailing && n < len(buf) {
				buf[n] = '\''
				m++
			} else {
				trailing = false
			}
			w := word{b: buf[:m], title: title && lower > 0 && caps == 1, first: sentence, trailing: trailing, abbrev: dot && n <= 3}
			if shape {
				t.shape(w)
			} else {
				t.function(w)
			}
		}
		if n > 0 {
			sentence = false
		}
		n, over, title, caps, lower = 0, false, false, 0, 0
		if ends {
			sentence = true
		}
	}
}

// latin scores a Latin-script text.
type latin struct {
	sc    [nLang]float32
	words int
}

// detectLatin decides between the Latin-script languages: function words
// and diacritics first, then, where they do not settle it, word shapes.
func detectLatin(s, prior string) (string, bool) {
	var t latin
	eachWord(s, &t, false)
	for range invertedMarks(s) {
		t.sc[es]++
	}
	if best, ok := t.decide(4, 2); ok {
		return codes[best], true
	}
	eachWord(s, &t, true)
	if best, ok := t.decide(1, 1.5); ok && (t.sc[best] >= 1.5 || t.words >= 3) {
		return codes[best], true // weak evidence needs a few words around it
	}
	if best, _ := t.decide(0, 0); t.words >= 20 && t.sc[best] < 1 {
		// A long text in none of the languages scored here: a trigram
		// model, slow but rarely asked.
		info := whatlanggo.Detect(s)
		if info.IsReliable() && info.Script == unicode.Latin {
			if c := info.Lang.Iso6391(); c != "" {
				return c, c == prior
			}
		}
	}
	return "", t.fits(prior)
}

// invertedMarks counts the '¿' and '¡' of s. (Each is two bytes, C2 BF
// and C2 A1, and C2 is never inside another character, so that counting
// the byte pairs counts the characters a range over s would give.)
func invertedMarks(s string) int {
	if strings.IndexByte(s, 0xc2) < 0 {
		return 0
	}
	return strings.Count(s, "¿") + strings.Count(s, "¡")
}

// decide returns the best language when its score is at least min and at
// least ratio times the next one's.
func (t *latin) decide(min, ratio float32) (lid, bool) {
	best, second := lid(0), float32(0)
	for l := lid(1); l < nLang; l++ {
		if t.sc[l] > t.sc[best] {
			best = l
		}
	}
	for l := range nLang {
		if l != best && t.sc[l] > second {
			second = t.sc[l]
		}
	}
	b := t.sc[best]
	return best, b >= min && b >= ratio*second && b-second >= 0.5
}

// fits reports whether prior is not contradicted by the little evidence
// there is.
func (t *latin) fits(prior string) bool {
	p, ok := lidOf(prior)
	if !ok {
		// A language this package does not score, in Latin script.
		return prior != "" && !isCyrillicLang(prior) && prior != "el"
	}
	best, _ := t.decide(0, 0)
	b := t.sc[best]
	return b < 1 || t.sc[p] >= 0.6*b
}

// function scores a word as a function word, by its diacritics and by its
// apostrophes.
func (t *latin) function(w word) {
	t.words++
	if w.abbrev {
		return
	}
	s := w.b
	if w.trailing {
		if m, ok := stop.get(s); ok {
			addMask(&t.sc, m, 1)
			return
		}
		s = s[:len(s)-1]
	}
	if m, ok := stop.get(s); ok {
		weight := float32(1)
		if len(s) == 1 {
			weight = 0.5
		}
		addMask(&t.sc, m, weight)
	}
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(s[i:])
		i += size
		for _, v := range letterVotes[r] {
			t.sc[v.l] += v.w
		}
	}
	if i := bytes.IndexByte(s, '\''); i > 0 {
		pre, post := string(s[:i]), string(s[i+1:])
		switch {
		case enClitic[post] && (post != "t" || strings.HasSuffix(pre, "n")):
			t.sc[en] += 0.8
		case frElide[pre] && post != "" && startsVowel(post):
			t.sc[fr] += 0.8
			if pre == "l" || pre == "d" || pre == "c" {
				t.sc[it] += 0.2
			}
		case itElide[pre] && startsVowel(post):
			t.sc[it]++
		case softSign(pre, post):
			t.sc[ruL]++
		}
	}
	if w.trailing && len(s) >= 3 && !w.title {
		switch s[len(s)-1] {
		case 't', 'd', 'l', 'n', 'z':
			t.sc[ruL] += 0.4 // nebud', sozdat': or a closing quotation mark
		}
	}
}

func startsVowel(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return strings.ContainsRune("aeiouyhéèêàâîôûœ", r)
}

// softSign reports an apostrophe for the Russian soft sign inside a word:
// pravitel'stva, tol'ko.
func softSign(pre, post string) bool {
	if len(pre) < 2 || post == "" {
		return false
	}
	before := pre[len(pre)-1]
	after := post[0]
	return strings.IndexByte("ltdnszrmvb", before) >= 0 && strings.IndexByte("bcdfgjklmnpqrstvwxz", after) >= 0
}

// shape scores a word by its letters and endings. Capitalised words
// inside a sentence are mostly names, whose shape tells their origin, not
// the text's language, and are left out.
func (t *latin) shape(w word) {
	s := w.b
	if w.trailing {
		s = s[:len(s)-1]
	}
	if len(s) < 3 || (w.title && !w.first) {
		return
	}
	if _, ok := stop.get(s); ok {
		return
	}
	weight := float32(1)
	if w.title {
		weight = 0.5 // a sentence may begin with a name
	}
	// One word counts at most once for a language, however many of its
	// shapes it has.
	var add [nLang]float32
	for i, f := range shapes {
		if f.match(s, shapeBytes[i]) {
			for _, v := range f.votes {
				add[v.l] += v.w
			}
		}
	}
	if consonantY(s) {
		add[ruL] += 0.3
	}
	for l, v := range add {
		t.sc[l] += weight * min(v, 1.5)
	}
}

// consonantY: "y" between consonants (byl, vyshel), frequent in
// transliterated Russian, rare elsewhere.
func consonantY(s []byte) bool {
	for i := 1; i+1 < len(s); i++ {
		if s[i] == 'y' && isConsonant(s[i-1]) && isConsonant(s[i+1]) && s[i-1] != 'h' {
			return true
		}
	}
	return false
}

func isConsonant(b byte) bool { return strings.IndexByte("bcdfgjklmnpqrstvwxz", b) >= 0 }

// shape is a feature of a word's letters.
type shapeRule struct {
	where int // 0 anywhere, 1 suffix, 2 prefix
	s     string
	votes []vote
}

// shapeBytes are the shapes' strings as bytes.
var shapeBytes = func() [][]byte {
	out := make([][]byte, len(shapes))
	for i, f := range shapes {
		out[i] = []byte(f.s)
	}
	return out
}()

func (f shapeRule) match(w, fb []byte) bool {
	switch f.where {
	case suffix:
		return len(w) > len(fb)+1 && bytes.HasSuffix(w, fb)
	case prefix:
		return bytes.HasPrefix(w, fb)
	}
	return bytes.Contains(w, fb)
}

const (
	anywhere = iota
	suffix
	prefix
)

var shapes = []shapeRule{
	{suffix, "ing", []vote{{en, .6}}},
	{suffix, "tion", []vote{{en, .3}, {fr, .3}}},
	{suffix, "tions", []vote{{en, .3}, {fr, .3}}},
	{suffix, "ly", []vote{{en, .5}}},
	{suffix, "ness", []vote{{en, .7}}},
	{suffix, "ed", []vote{{en, .4}}},
	{suffix, "ful", []vote{{en, .6}}},
	{suffix, "ity", []vote{{en, .4}}},
	{anywhere, "ould", []vote{{en, .6}}},
	{anywhere, "ght", []vote{{en, .6}}},
	{anywhere, "th", []vote{{en, .4}, {de, .05}}},
	{anywhere, "wh", []vote{{en, .5}}},
	{anywhere, "ea", []vote{{en, .3}, {fr, .1}}},
	{anywhere, "oo", []vote{{en, .3}, {nl, .2}}},
	{suffix, "y", []vote{{en, .3}}},
	{anywhere, "eau", []vote{{fr, .8}}},
	{anywhere, "eux", []vote{{fr, .8}}},
	{suffix, "aient", []vote{{fr, 1}}},
	{suffix, "ait", []vote{{fr, .6}}},
	{suffix, "ique", []vote{{fr, .5}}},
	{anywhere, "qu", []vote{{fr, .3}, {es, .15}, {it, .15}, {pt, .15}, {la, .15}}},
	{suffix, "eur", []vote{{fr, .5}}},
	{anywhere, "oi", []vote{{fr, .4}}},
	{suffix, "ment", []vote{{fr, .3}, {en, .2}}},
	{anywhere, "ou", []vote{{fr, .3}, {en, .15}}},
	{suffix, "es", []vote{{fr, .15}, {es, .15}, {en, .1}, {pt, .1}}},
	{anywhere, "sch", []vote{{de, .8}, {nl, .2}}},
	{suffix, "ung", []vote{{de, 1}}},
	{suffix, "keit", []vote{{de, 1}}},
	{suffix, "heit", []vote{{de, 1}}},
	{suffix, "lich", []vote{{de, .8}}},
	{suffix, "isch", []vote{{de, .8}}},
	{suffix, "chen", []vote{{de, .5}}},
	{anywhere, "ei", []vote{{de, .3}}},
	{anywhere, "ie", []vote{{de, .2}}},
	{anywhere, "tz", []vote{{de, .6}}},
	{anywhere, "pf", []vote{{de, .6}}},
	{prefix, "ge", []vote{{de, .15}, {nl, .1}}},
	{suffix, "en", []vote{{de, .25}, {nl, .2}}},
	{suffix, "ción", []vote{{es, 1}}},
	{suffix, "dad", []vote{{es, .8}}},
	{suffix, "mente", []vote{{es, .4}, {it, .4}, {pt, .2}}},
	{suffix, "ado", []vote{{es, .4}, {pt, .3}, {it, .1}}},
	{suffix, "ados", []vote{{es, .5}, {pt, .3}}},
	{suffix, "ido", []vote{{es, .4}, {pt, .2}, {it, .2}}},
	{suffix, "os", []vote{{es, .3}, {pt, .3}, {la, .1}}},
	{anywhere, "ll", []vote{{es, .1}, {it, .1}, {en, .1}}},
	{suffix, "zione", []vote{{it, 1}}},
	{suffix, "ità", []vote{{it, 1}}},
	{anywhere, "gli", []vote{{it, .8}}},
	{anywhere, "zz", []vote{{it, .6}}},
	{anywhere, "cch", []vote{{it, .6}}},
	{suffix, "are", []vote{{it, .3}, {la, .1}}},
	{suffix, "ere", []vote{{it, .3}, {la, .1}}},
	{suffix, "etto", []vote{{it, .6}}},
	{suffix, "orum", []vote{{la, 1}}},
	{suffix, "avit", []vote{{la, .8}}},
	{suffix, "evit", []vote{{la, .8}}},
	{suffix, "ivit", []vote{{la, .8}}},
	{suffix, "erunt", []vote{{la, 1}}},
	{suffix, "tis", []vote{{la, .3}}},
	{suffix, "bit", []vote{{la, .6}}},
	{suffix, "arum", []vote{{la, 1}}},
	{suffix, "ibus", []vote{{la, 1}}},
	{suffix, "que", []vote{{la, .5}}},
	{suffix, "tur", []vote{{la, .8}}},
	{suffix, "us", []vote{{la, .4}}},
	{suffix, "um", []vote{{la, .4}}},
	{suffix, "ae", []vote{{la, .6}}},
	{anywhere, "nh", []vote{{pt, .8}}},
	{anywhere, "lh", []vote{{pt, .6}}},
	{anywhere, "ij", []vote{{nl, 1}}},
	{anywhere, "aa", []vote{{nl, .6}}},
	{anywhere, "uu", []vote{{nl, .6}}},
	{suffix, "heid", []vote{{nl, 1}}},
	{suffix, "lijk", []vote{{nl, 1}}},
	{anywhere, "zh", []vote{{ruL, 1}}},
	{anywhere, "kh", []vote{{ruL, 1}}},
	{anywhere, "shch", []vote{{ruL, 1}}},
	{anywhere, "tsy", []vote{{ruL, .6}}},
	{anywhere, "tsi", []vote{{ruL, .3}}},
	{suffix, "ogo", []vote{{ruL, .8}}},
	{suffix, "ego", []vote{{ruL, .5}}},
	{suffix, "aia", []vote{{ruL, .8}}},
	{suffix, "yi", []vote{{ruL, 1}}},
	{suffix, "ykh", []vote{{ruL, 1}}},
	{suffix, "ii", []vote{{ruL, .5}, {la, .3}}},
	{anywhere, "iu", []vote{{ruL, .4}}},
	{anywhere, "iat", []vote{{ruL, .6}}},
	{anywhere, "iaet", []vote{{ruL, 1}}},
	{anywhere, "stvo", []vote{{ruL, 1}}},
	{anywhere, "stva", []vote{{ruL, 1}}},
	{suffix, "nye", []vote{{ruL, 1}}},
	{suffix, "nyi", []vote{{ruL, 1}}},
	{suffix, "ov", []vote{{ruL, .4}}},
	{suffix, "ev", []vote{{ruL, .3}}},
	{prefix, "vz", []vote{{ruL, .6}}},
	{prefix, "vs", []vote{{ruL, .5}}},
}

var ligatures = map[rune]string{'ﬁ': "fi", 'ﬂ': "fl", 'ﬀ': "ff", 'ﬃ': "ffi", 'ﬄ': "ffl"}
