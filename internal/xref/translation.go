package xref

import (
	"cmp"
	"math"
	"slices"
	"unicode/utf8"

	"github.com/quellen/quellen"
)

// TranslationOptions tune translation pairing.
type TranslationOptions struct {
	MinScore float64 // least share of content words rendered on the other side (default 0.45)
}

// passageWords is a quotation (or block) as translation pairing sees it.
type passageWords struct {
	doc        int
	start, end int
	lang       string
	words      []string // content words, folded
	runes      int
}

// Translations pairs quotations of different documents in different
// languages that render one another: their content words match one
// another as the same word (names, numbers), as cognates, or through the
// bilingual lexicon, and their lengths agree.
func Translations(docs []Doc, opts TranslationOptions) []quellen.Link {
	if opts.MinScore == 0 {
		opts.MinScore = 0.45
	}
	var ps []passageWords
	for di, d := range docs {
		for _, q := range d.Of(quellen.KindQuote) {
			if q.Clean.End > len(d.Clean) {
				continue
			}
			lang := q.Attrs.String("lang")
			if lang == "" && d.Lang != nil {
				lang = d.Lang(q.Clean.Start)
			}
			p := passageWords{doc: di, start: q.Clean.Start, end: q.Clean.End, lang: lang, runes: utf8.RuneCountInString(q.Text)}
			for _, t := range tokenize(q.Text) {
				if !stopwords[t.word] && len(t.word) >= 2 {
					p.words = append(p.words, t.word)
				}
			}
			if len(p.words) >= 4 && lang != "" {
				ps = append(ps, p)
			}
		}
	}
	type cand struct {
		i, j  int
		score float64
	}
	var cands []cand
	for i := range ps {
		for j := i + 1; j < len(ps); j++ {
			a, b := ps[i], ps[j]
			if a.doc == b.doc || a.lang == b.lang || baseLang(a.lang) == baseLang(b.lang) {
				continue
			}
			ratio := float64(a.runes) / float64(max(b.runes, 1))
			if ratio < 0.6 || ratio > 1.7 {
				continue
			}
			if s := rendered(a.words, b.words); s >= opts.MinScore {
				cands = append(cands, cand{i, j, s})
			}
		}
	}
	slices.SortFunc(cands, func(x, y cand) int { return cmp.Compare(y.score, x.score) })
	used := map[int]bool{}
	var out []quellen.Link
	for _, c := range cands {
		if used[c.i] || used[c.j] {
			continue
		}
		used[c.i], used[c.j] = true, true
		a, b := ps[c.i], ps[c.j]
		out = append(out, quellen.Link{
			Kind: "translation", Relation: "agree", Score: round3(c.score),
			A:     docs[a.doc].Passage(a.start, a.end),
			B:     docs[b.doc].Passage(b.start, b.end),
			Attrs: quellen.Attrs{"lang_a": a.lang, "lang_b": b.lang},
		})
	}
	return out
}

func baseLang(l string) string {
	if len(l) > 2 {
		return l[:2]
	}
	return l
}

// rendered is the share of the shorter side's content words that the
// other side renders.
func rendered(a, b []string) float64 {
	if len(a) > len(b) {
		a, b = b, a
	}
	bs := map[string]bool{}
	stems := map[string]bool{}
	for _, w := range b {
		bs[w] = true
		stems[cognate(w)] = true
	}
	hit := 0
	for _, w := range a {
		switch {
		case bs[w], stems[cognate(w)]:
			hit++
		default:
			if tr, ok := bilingual[w]; ok && (bs[tr] || stems[cognate(tr)]) {
				hit++
			}
		}
	}
	return float64(hit) / math.Max(1, float64(len(a)))
}

// cognate cuts a word to the prefix that cognates share; short words must
// match whole.
func cognate(w string) string {
	r := []rune(w)
	if len(r) >= 7 {
		return string(r[:6])
	}
	return w
}
