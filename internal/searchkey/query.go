package searchkey

// The query side both stores share: the keys a query term may have, the
// document filters, and the snippet and highlights of a hit.

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/translit"
)

// SearchLangs are the languages a query word is folded under when the
// query names none: each stemmer, and no stemmer.
var SearchLangs = []string{"en", "fr", "ru", ""}

// Matcher finds the words a query matched in a passage, for highlights.
type Matcher struct {
	keys      map[string]bool // keys of single words
	phrases   [][]string      // key sequences of phrases
	prefixes  []string        // unstemmed keys of prefixes
	fragments []string        // folded fragments
}

// NewMatcher returns a matcher of nothing, filled by TermAlts and
// AddFragment.
func NewMatcher() *Matcher { return &Matcher{keys: map[string]bool{}} }

// AddFragment has the matcher highlight a ~fragment.
func (m *Matcher) AddFragment(frag string) { m.fragments = append(m.fragments, Fold(frag)) }

func (m *Matcher) empty() bool {
	return len(m.keys) == 0 && len(m.phrases) == 0 && len(m.prefixes) == 0 && len(m.fragments) == 0
}

// frenchAccents gives the accented spellings of a French ending typed
// without its accents (signee → signée), which the stemmer reads apart.
func frenchAccents(w string) []string {
	var out []string
	for _, e := range [][2]string{{"ees", "ées"}, {"ee", "ée"}, {"es", "és"}, {"e", "é"}} {
		if strings.HasSuffix(w, e[0]) && len(w) > len(e[0])+2 {
			out = append(out, strings.TrimSuffix(w, e[0])+e[1])
			break
		}
	}
	return out
}

// transliterations are the schemes a Latin query word is read back into
// Cyrillic with, to be stemmed as Russian.
var transliterations = []translit.Scheme{translit.BGN, translit.French, translit.German, translit.Scholarly}

// Candidates returns the keys a query word may have in a passage of one
// of langs: its stem in each language, as typed and without accents; for
// a Cyrillic word also its unstemmed key (a Russian name in a Latin
// text); for a Latin word searched in Russian, the stems of its Cyrillic
// readings (Molotov: молотов → молот).
func Candidates(w string, langs []string, single bool) []string {
	var out []string
	add := func(k string) {
		if k != "" && !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	lw := strings.ToLower(w)
	cyr := translit.IsCyrillic(lw)
	for _, lang := range langs {
		forms := []string{lw, Fold(lw)}
		if BaseLang(lang) == "fr" && !cyr {
			forms = append(forms, frenchAccents(Fold(lw))...)
		}
		for _, f := range forms {
			add(Normalize(Fold(Stem(f, lang))))
		}
		if !single {
			continue
		}
		switch {
		case cyr:
			add(NameKey(lw))
		case (lang == "ru" || lang == "") && utf8.RuneCountInString(lw) >= 4:
			for _, sc := range transliterations {
				if c := translit.ToCyrillic(lw, sc); translit.IsCyrillic(c) {
					add(Normalize(Fold(Stem(c, "ru"))))
				}
			}
		}
	}
	return out
}

// Alt is one way a term may match the keys of a passage: keys in order
// (a phrase when more than one), the last a prefix when Prefix.
type Alt struct {
	Keys   []string
	Prefix bool
}

// TermAlts returns the alternatives of a word, phrase or prefix term in
// langs (any of them may match), none when the term has no word. Unless
// m is nil or the term is negated, m learns what to highlight.
func TermAlts(t quellen.Term, langs []string, m *Matcher) []Alt {
	ws := Words(t.Text)
	if len(ws) == 0 {
		return nil
	}
	highlight := m != nil && !t.Not
	var alts []Alt
	add := func(a Alt) {
		if !slices.ContainsFunc(alts, func(b Alt) bool { return b.Prefix == a.Prefix && slices.Equal(b.Keys, a.Keys) }) {
			alts = append(alts, a)
		}
	}
	last := t.Text[ws[len(ws)-1].Start:ws[len(ws)-1].End]
	switch {
	case len(ws) == 1 && t.Prefix:
		if k := NameKey(last); k != "" {
			add(Alt{Keys: []string{k}, Prefix: true})
			if highlight {
				m.prefixes = append(m.prefixes, k)
			}
		}
	case len(ws) == 1:
		for _, k := range Candidates(last, langs, true) {
			add(Alt{Keys: []string{k}})
			if highlight {
				m.keys[k] = true
			}
		}
	default:
		// A phrase: the words in order, under each language.
		for _, lang := range langs {
			var keys []string
			for i, w := range ws {
				s := t.Text[w.Start:w.End]
				if t.Prefix && i == len(ws)-1 {
					if k := NameKey(s); k != "" {
						keys = append(keys, k)
						if highlight {
							m.prefixes = append(m.prefixes, k)
						}
					}
					continue
				}
				if k := Normalize(Fold(Stem(strings.ToLower(s), lang))); k != "" {
					keys = append(keys, k)
				}
			}
			if len(keys) == 0 {
				continue
			}
			if !t.Prefix && highlight && !slices.ContainsFunc(m.phrases, func(p []string) bool { return slices.Equal(p, keys) }) {
				m.phrases = append(m.phrases, keys)
			}
			add(Alt{Keys: keys, Prefix: t.Prefix})
		}
	}
	return alts
}

// DateRange is the range of a query's from: and to: filters as the
// passages' dates compare with it: lo, and hi with DateHigh (or the end of
// all dates when only from: is given); both "" when there is none.
func DateRange(q quellen.SearchQuery) (lo, hi string) {
	lo, hi = q.From, q.To
	if hi != "" {
		hi += DateHigh
	} else if lo != "" {
		hi = "\U0010FFFF"
	}
	return lo, hi
}

// DocFilter is the document filters of a query, applied in Go, where
// names can be folded: author (every word of the filter in the author's
// name), doc (a part of the name or the title) and the date range
// (Metadata.Date, START/END).
type DocFilter struct {
	author, doc bool
	authorKeys  []string
	docKey      string
	lo, hi      string
}

// NewDocFilter returns the document filters of q.
func NewDocFilter(q quellen.SearchQuery) DocFilter {
	f := DocFilter{author: q.Author != "", doc: q.Doc != "", authorKeys: strings.Fields(NameKeys(q.Author)),
		docKey: Fold(strings.TrimSpace(q.Doc))}
	f.lo, f.hi = DateRange(q)
	return f
}

// Needed reports whether the query has a document filter.
func (f DocFilter) Needed() bool { return f.author || f.doc || f.lo != "" || f.hi != "" }

// DocSet is the latest versions whose metadata pass a DocFilter, and
// those among them whose date overlaps its range: what a store's query
// restricts its passages to.
type DocSet struct {
	ids, dated []int64
}

// Add files version id (a document of this name and metadata) by f.
func (d *DocSet) Add(f DocFilter, id int64, name string, md quellen.Metadata) {
	ok, dated := f.Match(name, md)
	if ok {
		d.ids = append(d.ids, id)
	}
	if dated {
		d.dated = append(d.dated, id)
	}
}

// IDs returns the versions that pass the filters (never nil: an empty
// list restricts to nothing).
func (d DocSet) IDs() []int64 { return nonNil(d.ids) }

// Dated returns the versions whose date overlaps the range (never nil).
func (d DocSet) Dated() []int64 { return nonNil(d.dated) }

func nonNil(s []int64) []int64 {
	if s == nil {
		return []int64{}
	}
	return s
}

// Match reports whether a document of this name and metadata passes the
// author and doc filters, and whether its date overlaps the date range.
func (f DocFilter) Match(name string, md quellen.Metadata) (ok, dated bool) {
	if f.author {
		have := strings.Fields(NameKeys(md.Author))
		ok := len(f.authorKeys) > 0
		for _, k := range f.authorKeys {
			ok = ok && slices.Contains(have, k)
		}
		if !ok {
			return false, false
		}
	}
	if f.doc && !strings.Contains(Fold(name), f.docKey) && !strings.Contains(Fold(md.Title), f.docKey) {
		return false, false
	}
	if md.Date != "" && (f.lo != "" || f.hi != "") {
		dlo, dhi, ok := strings.Cut(md.Date, "/")
		if !ok {
			dhi = dlo
		}
		dated = dlo <= f.hi && dhi+DateHigh >= f.lo
	}
	return true, dated
}

// SnippetLen is about the longest snippet, in bytes.
const SnippetLen = 240

// Snippet cuts a window of text around its first match and returns it
// with the spans of the matched words in it.
func Snippet(text, lang string, m *Matcher) (string, []quellen.Span) {
	var hs []quellen.Span
	if !m.empty() {
		ws := Words(text)
		for _, w := range ws {
			s := text[w.Start:w.End]
			if m.matches(s, lang) {
				hs = append(hs, quellen.Span{Start: w.Start, End: w.End})
			}
		}
		if len(m.phrases) > 0 {
			keys := make([]string, len(ws))
			for i, w := range ws {
				keys[i] = Key(text[w.Start:w.End], lang)
			}
			for _, p := range m.phrases {
				for i := 0; i+len(p) <= len(keys); i++ {
					if slices.Equal(keys[i:i+len(p)], p) {
						hs = append(hs, quellen.Span{Start: ws[i].Start, End: ws[i+len(p)-1].End})
					}
				}
			}
		}
		// A fragment across words: highlight where it lies in the text,
		// when folding kept the text's length.
		if ft := Fold(text); len(ft) == len(text) {
			for _, fr := range m.fragments {
				for i := 0; fr != "" && i < len(ft); {
					j := strings.Index(ft[i:], fr)
					if j < 0 {
						break
					}
					hs = append(hs, quellen.Span{Start: i + j, End: i + j + len(fr)})
					i += j + len(fr)
				}
			}
		}
		hs = MergeSpans(hs)
	}
	start, end := 0, len(text)
	if len(text) > SnippetLen+SnippetLen/4 {
		first := 0
		if len(hs) > 0 {
			first = hs[0].Start
		}
		start = max(0, first-SnippetLen/3)
		if start > 0 {
			// Begin at a word.
			if i := strings.LastIndexAny(text[:start], " \n\t"); i >= 0 && start-i < 40 {
				start = i + 1
			}
			for start < len(text) && !utf8.RuneStart(text[start]) {
				start++
			}
		}
		end = min(len(text), start+SnippetLen)
		if end < len(text) {
			if i := strings.IndexAny(text[end:], " \n\t"); i >= 0 && i < 40 {
				end += i
			}
			for end > start && end < len(text) && !utf8.RuneStart(text[end]) {
				end--
			}
		}
	}
	var b strings.Builder
	pre := 0
	if start > 0 {
		b.WriteString("… ")
		pre = len("… ")
	}
	for _, r := range text[start:end] {
		if r == '\n' || r == '\r' || r == '\t' {
			r = ' '
		}
		b.WriteRune(r)
	}
	if end < len(text) {
		b.WriteString(" …")
	}
	out := b.String()
	var spans []quellen.Span
	for _, h := range hs {
		if h.Start >= start && h.End <= end {
			spans = append(spans, quellen.Span{Start: h.Start - start + pre, End: h.End - start + pre})
		}
	}
	return out, spans
}

// matches reports whether a word of a passage in lang was matched.
func (m *Matcher) matches(w, lang string) bool {
	if len(m.keys) > 0 && m.keys[Key(w, lang)] {
		return true
	}
	if len(m.prefixes) > 0 {
		k, nk := Key(w, lang), NameKey(w)
		for _, p := range m.prefixes {
			if strings.HasPrefix(k, p) || strings.HasPrefix(nk, p) {
				return true
			}
		}
	}
	if len(m.fragments) > 0 {
		fw := Fold(w)
		for _, f := range m.fragments {
			if f != "" && strings.Contains(fw, f) {
				return true
			}
		}
	}
	return false
}

// MergeSpans sorts spans and joins those that overlap.
func MergeSpans(hs []quellen.Span) []quellen.Span {
	if len(hs) < 2 {
		return hs
	}
	slices.SortFunc(hs, func(a, b quellen.Span) int { return a.Start - b.Start })
	out := hs[:1]
	for _, h := range hs[1:] {
		if last := &out[len(out)-1]; h.Start <= last.End {
			last.End = max(last.End, h.End)
			continue
		}
		out = append(out, h)
	}
	return out
}
