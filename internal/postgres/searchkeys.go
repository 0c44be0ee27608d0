package postgres

// The search keys of internal/searchkey, as internal/sqlite stores them,
// so that both stores answer a query alike (the search conformance
// suite), indexed here as a tsvector of the simple configuration.

import (
	"encoding/json"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/translit"
)

// tsLexeme quotes a key as a tsquery lexeme.
func tsLexeme(k string) string {
	return "'" + strings.ReplaceAll(strings.ReplaceAll(k, `\`, `\\`), "'", "''") + "'"
}

// nameQuery is the tsquery (as text) of a name's keys in order, or "".
func nameQuery(name string) string {
	ks := strings.Fields(nameKeys(name))
	if len(ks) == 0 {
		return ""
	}
	for i, k := range ks {
		ks[i] = tsLexeme(k)
	}
	return strings.Join(ks, " <-> ")
}

// passageExtra is what Put stores beside a passage for search.
type passageExtra struct {
	keys, speakers, entities, dates any
	raw                             quellen.Span
	line                            int
}

// passageIndexer computes the search columns of a document's passages.
type passageIndexer struct {
	d        *quellen.Document
	newlines []int                             // offsets of '\n' in Source
	langs    map[quellen.Span]*quellen.Finding // language findings by clean span
	anchors  []*quellen.Finding                // findings by clean start, for raw offsets
	entities []*quellen.Finding
	dates    []*quellen.Finding
}

func newPassageIndexer(d *quellen.Document) *passageIndexer {
	ix := &passageIndexer{d: d, langs: map[quellen.Span]*quellen.Finding{}}
	for i := 0; i < len(d.Source); i++ {
		if d.Source[i] == '\n' {
			ix.newlines = append(ix.newlines, i)
		}
	}
	for i := range d.Findings {
		f := &d.Findings[i]
		if f.Clean.Start < 0 || f.Clean.End < f.Clean.Start || f.Status == quellen.StatusRejected {
			continue
		}
		ix.anchors = append(ix.anchors, f)
		switch f.Kind {
		case quellen.KindLanguage:
			ix.langs[f.Clean] = f
		case quellen.KindEntity:
			ix.entities = append(ix.entities, f)
		case quellen.KindDate:
			ix.dates = append(ix.dates, f)
		}
	}
	byStart := func(a, b *quellen.Finding) int { return a.Clean.Start - b.Clean.Start }
	slices.SortStableFunc(ix.anchors, byStart)
	slices.SortStableFunc(ix.entities, byStart)
	slices.SortStableFunc(ix.dates, byStart)
	return ix
}

// inside returns the findings of fs (sorted by clean start) within span.
func inside(fs []*quellen.Finding, span quellen.Span) []*quellen.Finding {
	i := sort.Search(len(fs), func(i int) bool { return fs[i].Clean.Start >= span.Start })
	var out []*quellen.Finding
	for ; i < len(fs) && fs[i].Clean.Start < span.End; i++ {
		if fs[i].Clean.End <= span.End {
			out = append(out, fs[i])
		}
	}
	return out
}

// lineAt is the 1-based line of a Source offset.
func (ix *passageIndexer) lineAt(off int) int {
	return sort.SearchInts(ix.newlines, off) + 1
}

// extra computes the search columns of one passage; f is its finding, or
// nil for a paragraph.
func (ix *passageIndexer) extra(span quellen.Span, lang, text string, f *quellen.Finding) passageExtra {
	e := passageExtra{keys: textKeys(text, lang, nil)}
	if f != nil && f.Kind == quellen.KindQuote {
		if sp := f.Attrs.String("speaker"); sp != "" {
			e.speakers = nameKeys(sp)
		}
	}
	var ents []string
	for _, ef := range inside(ix.entities, span) {
		name := ef.Attrs.String("canonical")
		if name == "" {
			name = ef.Text
		}
		if k := nameKeys(name); k != "" && !slices.Contains(ents, k) {
			ents = append(ents, k)
		}
	}
	if len(ents) > 0 {
		e.entities = strings.Join(ents, " ")
	}
	var ds [][2]string
	for _, df := range inside(ix.dates, span) {
		from, to := df.Attrs.String("from"), df.Attrs.String("to")
		if from == "" {
			continue
		}
		if to == "" {
			to = from
		}
		ds = append(ds, [2]string{from, to + dateHigh})
	}
	if len(ds) > 0 {
		b, _ := json.Marshal(ds)
		e.dates = string(b)
	}
	switch lf := ix.langs[span]; {
	case f != nil:
		e.raw, e.line = f.Raw, f.Line
	case lf != nil:
		e.raw, e.line = lf.Raw, lf.Line
	case ix.d.Clean == ix.d.Source:
		e.raw, e.line = span, ix.lineAt(span.Start)
	default:
		// The nearest finding before the passage carries the offset
		// between the clean and the raw text.
		delta := 0
		i := sort.Search(len(ix.anchors), func(i int) bool { return ix.anchors[i].Clean.Start > span.Start })
		if i > 0 {
			a := ix.anchors[i-1]
			delta = a.Raw.Start - a.Clean.Start
		}
		clamp := func(n int) int { return min(max(n+delta, 0), len(ix.d.Source)) }
		e.raw = quellen.Span{Start: clamp(span.Start), End: clamp(span.End)}
		e.line = ix.lineAt(e.raw.Start)
	}
	return e
}

// dateHigh is appended to a date's upper bound so that a partial date
// (1945) sorts after every date inside it (1945-06-01).
const dateHigh = "~"

// searchLangs are the languages a query word is folded under when the
// query names none: each stemmer, and no stemmer.
var searchLangs = []string{"en", "fr", "ru", ""}

// matcher finds the words a query matched in a passage, for highlights.
type matcher struct {
	keys      map[string]bool // keys of single words
	phrases   [][]string      // key sequences of phrases
	prefixes  []string        // unstemmed keys of prefixes
	fragments []string        // folded fragments
}

func (m *matcher) empty() bool {
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

// candidates returns the keys a query word may have in a passage of one
// of langs: its stem in each language, as typed and without accents; for
// a Cyrillic word also its unstemmed key (a Russian name in a Latin
// text); for a Latin word searched in Russian, the stems of its Cyrillic
// readings (Molotov: молотов → молот).
func candidates(w string, langs []string, single bool) []string {
	var out []string
	add := func(k string) {
		if k != "" && !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	lw := strings.ToLower(w)
	cyr := translit.IsCyrillic(lw)
	for _, lang := range langs {
		forms := []string{lw, fold(lw)}
		if baseLang(lang) == "fr" && !cyr {
			forms = append(forms, frenchAccents(fold(lw))...)
		}
		for _, f := range forms {
			add(normalize(fold(stem(f, lang))))
		}
		if !single {
			continue
		}
		switch {
		case cyr:
			add(nameKey(lw))
		case (lang == "ru" || lang == "") && utf8.RuneCountInString(lw) >= 4:
			for _, sc := range transliterations {
				if c := translit.ToCyrillic(lw, sc); translit.IsCyrillic(c) {
					add(normalize(fold(stem(c, "ru"))))
				}
			}
		}
	}
	return out
}

// termExpr returns the tsquery (as text) of a word, phrase or prefix term
// over the keys column, or "" when the term has no word. Only quoted keys
// (letters and digits) reach the expression.
func termExpr(t quellen.Term, langs []string, m *matcher) string {
	ws := words(t.Text)
	if len(ws) == 0 {
		return ""
	}
	highlight := m != nil && !t.Not
	var alts []string
	addAlt := func(e string) {
		if !slices.Contains(alts, e) {
			alts = append(alts, e)
		}
	}
	last := t.Text[ws[len(ws)-1].Start:ws[len(ws)-1].End]
	switch {
	case len(ws) == 1 && t.Prefix:
		if k := nameKey(last); k != "" {
			addAlt(tsLexeme(k) + ":*")
			if highlight {
				m.prefixes = append(m.prefixes, k)
			}
		}
	case len(ws) == 1:
		for _, k := range candidates(last, langs, true) {
			addAlt(tsLexeme(k))
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
					if k := nameKey(s); k != "" {
						keys = append(keys, k)
						if highlight {
							m.prefixes = append(m.prefixes, k)
						}
					}
					continue
				}
				if k := normalize(fold(stem(strings.ToLower(s), lang))); k != "" {
					keys = append(keys, k)
				}
			}
			if len(keys) == 0 {
				continue
			}
			quoted := make([]string, len(keys))
			for i, k := range keys {
				quoted[i] = tsLexeme(k)
			}
			if t.Prefix {
				quoted[len(quoted)-1] += ":*"
			}
			e := "(" + strings.Join(quoted, " <-> ") + ")"
			if !t.Prefix && highlight && !slices.ContainsFunc(m.phrases, func(p []string) bool { return slices.Equal(p, keys) }) {
				m.phrases = append(m.phrases, keys)
			}
			addAlt(e)
		}
	}
	if len(alts) == 0 {
		return ""
	}
	return "(" + strings.Join(alts, " | ") + ")"
}

// snippetLen is about the longest snippet, in bytes.
const snippetLen = 240

// snippet cuts a window of text around its first match and returns it
// with the spans of the matched words in it.
func snippet(text, lang string, m *matcher) (string, []quellen.Span) {
	var hs []quellen.Span
	if !m.empty() {
		ws := words(text)
		for _, w := range ws {
			s := text[w.Start:w.End]
			if m.matches(s, lang) {
				hs = append(hs, quellen.Span{Start: w.Start, End: w.End})
			}
		}
		if len(m.phrases) > 0 {
			keys := make([]string, len(ws))
			for i, w := range ws {
				keys[i] = wordKey(text[w.Start:w.End], lang)
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
		if ft := fold(text); len(ft) == len(text) {
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
		hs = mergeSpans(hs)
	}
	start, end := 0, len(text)
	if len(text) > snippetLen+snippetLen/4 {
		first := 0
		if len(hs) > 0 {
			first = hs[0].Start
		}
		start = max(0, first-snippetLen/3)
		if start > 0 {
			// Begin at a word.
			if i := strings.LastIndexAny(text[:start], " \n\t"); i >= 0 && start-i < 40 {
				start = i + 1
			}
			for start < len(text) && !utf8.RuneStart(text[start]) {
				start++
			}
		}
		end = min(len(text), start+snippetLen)
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
func (m *matcher) matches(w, lang string) bool {
	if len(m.keys) > 0 && m.keys[wordKey(w, lang)] {
		return true
	}
	if len(m.prefixes) > 0 {
		k, nk := wordKey(w, lang), nameKey(w)
		for _, p := range m.prefixes {
			if strings.HasPrefix(k, p) || strings.HasPrefix(nk, p) {
				return true
			}
		}
	}
	if len(m.fragments) > 0 {
		fw := fold(w)
		for _, f := range m.fragments {
			if f != "" && strings.Contains(fw, f) {
				return true
			}
		}
	}
	return false
}

// mergeSpans sorts spans and joins those that overlap.
func mergeSpans(hs []quellen.Span) []quellen.Span {
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
