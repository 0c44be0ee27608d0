package searchkey

// The passages both stores index: a document's paragraphs and the text of
// its quotations, notes and references, each with its search columns.

import (
	"encoding/json"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/quellen/quellen"
)

// Passage is one passage of a document as the stores index it.
type Passage struct {
	Finding int          // index of its finding in the document's Findings; -1 for a paragraph
	Kind    string       // "paragraph", or the finding's kind
	Span    quellen.Span // in the clean text
	Lang    string
	Text    string
	Columns
}

// Columns are the search columns of a passage. An empty Speakers,
// Entities or Dates is none (NULL).
type Columns struct {
	Keys     string       // the keys of its words (TextKeys)
	Speakers string       // the name keys of a quotation's speaker
	Entities string       // the name keys of the entities inside, each once
	Dates    string       // JSON [[from, to + DateHigh], ...] of the dates inside
	Raw      quellen.Span // where it lies in the addressable text
	Line     int          // the raw line it begins on
}

// DateHigh is appended to a date's upper bound so that a partial date
// (1945) sorts after every date inside it (1945-06-01).
const DateHigh = "~"

// searchedKinds are the kinds of finding whose text is a passage of its
// own, beside the paragraphs.
var searchedKinds = map[quellen.Kind]bool{
	quellen.KindQuote:     true,
	quellen.KindNote:      true,
	quellen.KindReference: true,
}

// Searched reports whether a finding's text is a passage of its own: a
// quotation, note or reference with some text, not rejected.
func Searched(f *quellen.Finding) bool {
	return searchedKinds[f.Kind] && strings.TrimSpace(f.Text) != "" && f.Status != quellen.StatusRejected
}

// Passages returns the passages of a document: its paragraphs, then the
// findings Searched, in order, each with its columns. A finding's
// language is its lang attribute, else the document's.
func Passages(d *quellen.Document) []Passage {
	ix := NewIndexer(d)
	defer ix.Done()
	var ps []Passage
	for _, para := range Paragraphs(d.Clean, d.Findings, d.Meta.Language) {
		text := d.Clean[para.Span.Start:para.Span.End]
		ps = append(ps, Passage{Finding: -1, Kind: "paragraph", Span: para.Span, Lang: para.Lang, Text: text,
			Columns: ix.Columns(para.Span, para.Lang, text, nil)})
	}
	for i := range d.Findings {
		f := &d.Findings[i]
		if !Searched(f) {
			continue
		}
		lang := f.Attrs.String("lang")
		if lang == "" {
			lang = d.Meta.Language
		}
		ps = append(ps, Passage{Finding: i, Kind: string(f.Kind), Span: f.Clean, Lang: lang, Text: f.Text,
			Columns: ix.Columns(f.Clean, lang, f.Text, f)})
	}
	return ps
}

// Paragraph is a paragraph of the clean text as indexed, with its language.
type Paragraph struct {
	Span quellen.Span
	Lang string
}

// Paragraphs returns the paragraphs to index: the spans of the language
// findings (one per paragraph of the pipeline, with its language) when
// there are any, else runs of the clean text between blank lines in the
// document's language.
func Paragraphs(clean string, fs []quellen.Finding, docLang string) []Paragraph {
	var ps []Paragraph
	for _, f := range fs {
		if f.Kind != quellen.KindLanguage || f.Clean.Start < 0 || f.Clean.End > len(clean) || f.Clean.Start >= f.Clean.End {
			continue
		}
		lang := f.Attrs.String("lang")
		if lang == "" {
			lang = docLang
		}
		ps = append(ps, Paragraph{Span: f.Clean, Lang: lang})
	}
	if len(ps) > 0 {
		return ps
	}
	add := func(start, end int) {
		for start < end && isSpace(clean[start]) {
			start++
		}
		for end > start && isSpace(clean[end-1]) {
			end--
		}
		if start < end {
			ps = append(ps, Paragraph{Span: quellen.Span{Start: start, End: end}, Lang: docLang})
		}
	}
	start := 0
	for i := 0; i < len(clean); {
		j := strings.IndexByte(clean[i:], '\n')
		if j < 0 {
			break
		}
		nl := i + j
		// A blank line follows this newline?
		k := nl + 1
		for k < len(clean) && (clean[k] == ' ' || clean[k] == '\t' || clean[k] == '\r') {
			k++
		}
		if k < len(clean) && clean[k] == '\n' {
			add(start, nl)
			for k < len(clean) && isSpace(clean[k]) {
				k++
			}
			start = k
			i = k
			continue
		}
		i = nl + 1
	}
	add(start, len(clean))
	return ps
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

// Indexer computes the columns of a document's passages. It keeps what
// passages share: the keys of the clean text's words, worked out once per
// language however many passages (a paragraph, a quotation, a quotation
// inside it) hold them, and the name keys of the entities. Done gives back
// its cache of keys.
type Indexer struct {
	d        *quellen.Document
	newlines []int                             // offsets of '\n' in Source
	langs    map[quellen.Span]*quellen.Finding // language findings by clean span
	anchors  []*quellen.Finding                // findings by clean start, for raw offsets
	entities []*quellen.Finding
	dates    []*quellen.Finding
	cache    *Cache

	words    []Word                // of the clean text, once needed
	wordKeys map[string][]cleanKey // lang: the key of each word of words
	names    map[string]string     // entity name: its name keys
}

// cleanKey is the key of a word of the clean text, once known.
type cleanKey struct {
	key   string
	known bool
}

// caches keep the keys of words from one document to the next, one cache
// per goroutine at a time.
var caches = sync.Pool{New: func() any { return new(Cache) }}

// NewIndexer returns an indexer of d's passages.
func NewIndexer(d *quellen.Document) *Indexer {
	ix := &Indexer{d: d, langs: map[quellen.Span]*quellen.Finding{}, cache: caches.Get().(*Cache)}
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

// Done gives back the indexer's cache; the indexer is not to be used after.
func (ix *Indexer) Done() {
	if ix.cache != nil {
		caches.Put(ix.cache)
		ix.cache = nil
	}
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
func (ix *Indexer) lineAt(off int) int {
	return sort.SearchInts(ix.newlines, off) + 1
}

// Columns computes the search columns of one passage of the document: its
// clean span, language and text; f is its finding, or nil for a paragraph.
func (ix *Indexer) Columns(span quellen.Span, lang, text string, f *quellen.Finding) Columns {
	c := Columns{Keys: ix.keys(span, lang, text)}
	if f != nil && f.Kind == quellen.KindQuote {
		if sp := f.Attrs.String("speaker"); sp != "" {
			c.Speakers = NameKeys(sp)
		}
	}
	var ents []string
	for _, ef := range inside(ix.entities, span) {
		name := ef.Attrs.String("canonical")
		if name == "" {
			name = ef.Text
		}
		if k := ix.nameKeys(name); k != "" && !slices.Contains(ents, k) {
			ents = append(ents, k)
		}
	}
	c.Entities = strings.Join(ents, " ")
	var ds [][2]string
	for _, df := range inside(ix.dates, span) {
		from, to := df.Attrs.String("from"), df.Attrs.String("to")
		if from == "" {
			continue
		}
		if to == "" {
			to = from
		}
		ds = append(ds, [2]string{from, to + DateHigh})
	}
	if len(ds) > 0 {
		b, _ := json.Marshal(ds)
		c.Dates = string(b)
	}
	switch lf := ix.langs[span]; {
	case f != nil:
		c.Raw, c.Line = f.Raw, f.Line
	case lf != nil:
		c.Raw, c.Line = lf.Raw, lf.Line
	case ix.d.Clean == ix.d.Source:
		c.Raw, c.Line = span, ix.lineAt(span.Start)
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
		c.Raw = quellen.Span{Start: clamp(span.Start), End: clamp(span.End)}
		c.Line = ix.lineAt(c.Raw.Start)
	}
	return c
}

// keys returns the keys of a passage's text in lang, as TextKeys. A
// passage that is the clean text under its span (paragraphs, some
// quotations) is keyed from the words of the clean text; a word the span
// cuts is keyed as the part inside, as Words cuts the text alone.
func (ix *Indexer) keys(span quellen.Span, lang, text string) string {
	clean := ix.d.Clean
	boundary := func(off int) bool { return off == len(clean) || utf8.RuneStart(clean[off]) }
	if span.Start < 0 || span.End > len(clean) || span.Start > span.End || !boundary(span.Start) || !boundary(span.End) ||
		clean[span.Start:span.End] != text {
		return ix.cache.TextKeys(text, lang)
	}
	if ix.words == nil {
		ix.words = Words(clean)
		ix.wordKeys = map[string][]cleanKey{}
	}
	wk := ix.wordKeys[lang]
	if wk == nil {
		wk = make([]cleanKey, len(ix.words))
		ix.wordKeys[lang] = wk
	}
	ws := ix.words
	b := make([]byte, 0, len(text))
	for i := sort.Search(len(ws), func(i int) bool { return ws[i].End > span.Start }); i < len(ws) && ws[i].Start < span.End; i++ {
		w := ws[i]
		var k string
		switch {
		case w.Start < span.Start || w.End > span.End:
			k = ix.cache.Key(clean[max(w.Start, span.Start):min(w.End, span.End)], lang)
		case wk[i].known:
			k = wk[i].key
		default:
			k = ix.cache.Key(clean[w.Start:w.End], lang)
			wk[i] = cleanKey{k, true}
		}
		if k != "" {
			if len(b) > 0 {
				b = append(b, ' ')
			}
			b = append(b, k...)
		}
	}
	return string(b)
}

// nameKeys is NameKeys, once per name of the document.
func (ix *Indexer) nameKeys(name string) string {
	k, ok := ix.names[name]
	if !ok {
		if ix.names == nil {
			ix.names = map[string]string{}
		}
		k = NameKeys(name)
		ix.names[name] = k
	}
	return k
}
