package quotes

import (
	"strings"
	"unicode"

	"github.com/quellen/quellen/internal/lang"
)

// setLang gives a quotation its language: the detector's on its words;
// else a count of common words and scripts; else its paragraph's.
func (q *qdoc) setLang(c *cand) {
	if l := lang.Detect(c.text); l != "" {
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

var langWords = map[string]map[string]bool{
	"en": set(`the and of to a in is was that it for not with as on by be this which have had are were his her i you we they at from but or an no my me our your all has been would will there their what so if do did`),
	"fr": set(`le la les et des du un une est pas que qui dans pour en au aux ce cette il elle je nous vous ne sur par plus avec son sa ses mais ont été était a à n'est c'est l'affaire`),
	"de": set(`der die das und nicht ist ein eine mit dass zu den dem von wir sie es unser unsere auf für im ich auch wurde einer`),
}

// guessLang tells a text's language from its script and common words, or
// "" when it cannot.
func guessLang(s string) string {
	cyr, lat := 0, 0
	for _, r := range s {
		switch {
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
	best, bn, second := "", 0, 0
	counts := map[string]int{}
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' && r != '’' }) {
		for l, ws := range langWords {
			if ws[w] {
				counts[l]++
			}
			if i := strings.IndexAny(w, "'’"); i > 0 && ws[w[:i+1]] {
				counts[l]++
			}
		}
	}
	for l, n := range counts {
		if n > bn || n == bn && l < best {
			second = bn
			best, bn = l, n
		} else if n > second {
			second = n
		}
	}
	if bn == 0 || bn == second {
		return ""
	}
	return best
}
