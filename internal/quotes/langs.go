package quotes

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/quellen/quellen/internal/lang"
)

// setLang gives a quotation its language: the detector's on its words
// (the first langScan bytes of them); else a count of common words and
// scripts; else its paragraph's.
func (q *qdoc) setLang(c *cand) {
	if l := lang.Detect(langPrefix(c.text)); l != "" {
		c.lang = l
		return
	}
	if l := guessLang(c.text); l != "" {
		c.lang = l
		return
	}
	if c.s < len(q.text) {
		c.lang = q.d.LangAt(c.s)
	}
	if c.lang == "" {
		if p := q.paraOf(c.s); p >= 0 {
			if q.plang == nil {
				q.plang = map[int]string{}
			}
			l, ok := q.plang[p]
			if !ok {
				l = guessLang(q.text[q.paras[p][0]:q.paras[p][1]])
				q.plang[p] = l
			}
			c.lang = l
		}
	}
}

// langScan is how much of a quotation the detector reads: a thousand
// bytes, some 170 words, decide the language as well as the detector's
// own 8 KB do (not one quotation of a 10 MB generated corpus, nor of the
// development corpus, changed), and long quotations, many nested in
// others, are a third of what the detector was given to read.
const langScan = 1 << 10

// langPrefix is the first langScan bytes of s, cut before a character.
func langPrefix(s string) string {
	if len(s) <= langScan {
		return s
	}
	cut := langScan
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut]
}

var langWords = map[string]map[string]bool{
	"en": set(`the and of to a in is was that it for not with as on by be this which have had are were his her i you we they at from but or an no my me our your all has been would will there their what so if do did`),
	"fr": set(`le la les et des du un une est pas que qui dans pour en au aux ce cette il elle je nous vous ne sur par plus avec son sa ses mais ont été était a à n'est c'est l'affaire`),
	"de": set(`der die das und nicht ist ein eine mit dass zu den dem von wir sie es unser unsere auf für im ich auch wurde einer`),
}

// langOrder names the languages of langWords in a fixed order; langBits
// maps each of their words to the set of languages holding it.
var langOrder = []string{"de", "en", "fr"}

var langBits = func() map[string]uint8 {
	m := map[string]uint8{}
	for i, l := range langOrder {
		for w := range langWords[l] {
			m[w] |= 1 << i
		}
	}
	return m
}()

// guessLang tells a text's language from its script and common words, or
// "" when it cannot.
func guessLang(s string) string {
	cyr, lat := 0, 0
	for _, r := range s {
		switch {
		case r < 0x80:
			if r|0x20 >= 'a' && r|0x20 <= 'z' {
				lat++
			}
		case unicode.Is(unicode.Cyrillic, r):
			cyr++
		case unicode.Is(unicode.Latin, r):
			lat++
		}
	}
	if cyr > lat {
		return "ru"
	}
	if lat == 0 {
		return ""
	}
	var counts [3]int
	eachLowerWord(s, func(w string) {
		b := langBits[w]
		if i := strings.IndexAny(w, "'’"); i > 0 {
			b2 := langBits[w[:i+1]]
			for k := range counts {
				counts[k] += int(b2>>k) & 1
			}
		}
		for k := range counts {
			counts[k] += int(b>>k) & 1
		}
	})
	// the one language with the most words, none when two tie
	best, bn, second := -1, 0, 0
	for k, n := range counts {
		if n > bn {
			second = bn
			best, bn = k, n
		} else if n > second {
			second = n
		}
	}
	if bn == 0 || bn == second {
		return ""
	}
	return langOrder[best]
}

// eachLowerWord calls f with each word of s in lower case, words being
// runs of letters and apostrophes (as strings.FieldsFunc over
// strings.ToLower(s) gives them), without allocating for words already in
// lower case.
func eachLowerWord(s string, f func(string)) {
	isWord := func(r rune) bool { return unicode.IsLetter(r) || r == '\'' || r == '’' }
	i := 0
	for i < len(s) {
		r, n := rune(s[i]), 1
		if r >= 0x80 {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		if !isWord(r) {
			i += n
			continue
		}
		st := i
		simple := true
		for i < len(s) {
			r, n = rune(s[i]), 1
			if r >= 0x80 {
				r, n = utf8.DecodeRuneInString(s[i:])
				simple = false
			} else if r >= 'A' && r <= 'Z' {
				simple = false
			}
			if !isWord(r) {
				break
			}
			i += n
		}
		w := s[st:i]
		if !simple {
			w = strings.ToLower(w)
		}
		f(w)
	}
}
