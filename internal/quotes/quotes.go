// Package quotes extracts the quotations of a document and their speakers.
//
// A scanner pairs quotation marks of every convention (“ ” " " « » „ “ ‘ ’
// and the `…' of LaTeX-era PDF text), telling apostrophes from closing
// marks, nesting, and quotations running over several paragraphs; block
// quotations come from <blockquote>/<q> blocks, paragraphs that are one
// quotation standing alone, and indented paragraphs after a colon. Each
// span is then classified as a quotation or a scare quote (an ironic word,
// a title, a word cited as a word), attributed to a speaker from the cue
// around it, the document's own alias table and the entities layer, and
// given its language, its footnote marker and its translation pair. The
// turns of a dialogue take their voices together (conv.go): cues, pronouns
// and their antecedents, names called out, and the alternation of two
// voices, weighed over the whole conversation.
package quotes

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/extract"
	"github.com/quellen/quellen/internal/read"
)

// Extractors returns this package's extractors, in the order they run.
func Extractors() []extract.Extractor { return []extract.Extractor{Extractor{}} }

// Extractor finds quotations and scare quotes.
type Extractor struct{}

// Name implements extract.Extractor.
func (Extractor) Name() string { return "quotes" }

// Extract implements extract.Extractor.
func (Extractor) Extract(d *extract.Doc) []quellen.Finding {
	if d == nil || d.Text == "" {
		return nil
	}
	return newDoc(d).run()
}

// cand is a quotation candidate.
type cand struct {
	s, e      int // with the marks (a block: the block)
	is, ie    int // the quoted words
	text      string
	para      int // index into paras
	group     int
	depth     int
	block     bool
	scare     bool
	marked    bool // has quotation marks
	who       string
	speaker   string
	cue       string
	lang      string
	note      string
	pair      int // translation_of_line
	words     int
	byCue     bool     // the speaker came from a cue of its own
	noteAt    int      // the note marker's note_line, 0 when unknown
	idx       int      // index in qdoc.cands
	bag       []uint64 // the hashes of its words in lower case, sorted
	bagDone   bool
	bagSorted bool
	bmask     bloom // a bit for each word of bag
	cueKind   byte
	desc      bool  // the speaker is a description (“the old man”)
	echo      *cand // the quotation c echoes, once echoDone
	echoDone  bool
	pro       byte   // the gender of a pronoun cue (“…,” she said)
	proAt     int    // where that pronoun stands
	self      bool   // the speaker names himself ("I am Parson Tringham")
	subj      bool   // the speaker is the subject of the narration before
	owner     string // the person a possessive cue's description belongs to ("her mother": her)
}

// qdoc is one run of the extractor on a document.
type qdoc struct {
	d       *extract.Doc
	text    string
	paras   [][2]int
	kinds   []string
	ments   []mention
	al      *aliases
	cands   []*cand
	marks   []quellen.Finding // note markers
	orgs    map[string]string
	res     map[int]string // resolved pronoun mentions, by start
	gender  map[string]byte
	all     []mention // every mention, those in quotations too
	notes   []quellen.Finding
	refs    []quellen.Finding
	plang   map[int]string // guessed language of a paragraph
	cite    map[int]bool   // paragraphs that read as citations
	subj    map[string]int
	objects map[string]int
	lines   byte              // lineMode: 0 unknown, 1 no, 2 yes
	narr    string            // the first-person narrator's name, when the text gives it
	descs   []mention         // narrDescs, once read
	toks    []token           // the words of the paragraphs
	cur     *cand             // the quotation attribute is reading
	kinAt   map[int]string    // a kinsman\'s name a cue\'s description gave, by where it stands
	vocDesc map[string]string // a description voice the voice beside it calls by one name ("“Edwin.” / “Yes, Clara.”"), "" for two
}

func paraRanges(d *extract.Doc) [][2]int {
	var out [][2]int
	end := 0
	for _, p := range d.Paras {
		s, e := p.Span.Start, p.Span.End
		if s < end || e > len(d.Text) || s > e {
			continue
		}
		out = append(out, [2]int{s, e})
		end = e
	}
	if len(out) == 0 {
		for _, b := range read.Paragraphs(d.Text) {
			out = append(out, [2]int{b.Span.Start, b.Span.End})
		}
	}
	return out
}

func newDoc(d *extract.Doc) *qdoc {
	q := &qdoc{d: d, text: d.Text, res: map[int]string{}}
	end := 0
	for _, p := range d.Paras {
		s, e := p.Span.Start, p.Span.End
		if s < end || e > len(d.Text) || s > e {
			continue
		}
		if n := len(q.paras); n > 0 && q.kinds[n-1] == p.Kind && !strings.ContainsAny(d.Text[end:s], "\n") {
			// paragraphs a repair joined into one line are one paragraph
			q.paras[n-1][1] = e
			end = e
			continue
		}
		q.paras = append(q.paras, [2]int{s, e})
		q.kinds = append(q.kinds, p.Kind)
		end = e
	}
	if len(q.paras) == 0 {
		for _, b := range read.Paragraphs(d.Text) {
			q.paras = append(q.paras, [2]int{b.Span.Start, b.Span.End})
			q.kinds = append(q.kinds, "paragraph")
		}
	}
	q.marks = d.Of(quellen.KindNoteMarker)
	q.notes = d.Of(quellen.KindNote)
	q.refs = d.Of(quellen.KindReference)
	return q
}

func (q *qdoc) run() []quellen.Finding {
	spans := scan(q.text, q.paras)
	for _, sp := range spans {
		is, ie := sp.inner()
		if ie < is {
			continue
		}
		if sp.fam == famASCII1 && !plausibleSingle(q.text[is:ie]) {
			continue // 't is, o' the: elisions, not quotation marks
		}
		c := &cand{s: sp.openS, e: sp.closeE, is: is, ie: ie, para: q.paraOf(sp.openS), group: sp.group, depth: sp.depth, marked: true}
		q.cands = append(q.cands, c)
	}
	sortCands(q.cands)
	q.addBlocks()
	sortCands(q.cands)
	for i, c := range q.cands {
		c.idx = i
	}
	keep := q.cands[:0]
	for _, c := range q.cands {
		c.text = clean(q.text[c.is:c.ie])
		c.words = countWords(c.text)
		if c.text != "" {
			keep = append(keep, c)
		}
	}
	q.cands = keep
	for i, c := range q.cands {
		c.idx = i
	}
	var toks []token
	q.ments, toks = findMentions(q.d)
	q.toks = toks
	// the alias table reads names in quotations too ("I am Parson
	// Tringham"); the speaker search does not
	q.al = buildAliases(q.text, q.ments)
	q.addNominals(toks)
	q.all = q.ments
	q.markQuoted()
	q.orgs = orgTable(q.ments)
	for _, c := range q.cands {
		q.setBlock(c)
		q.note(c)
		q.attribute(c)
		q.classify(c)
		q.setLang(c)
	}
	q.trace("attribute")
	q.carry()
	q.trace("carry")
	cue := q.cueDescs()
	q.converse()
	q.trace("converse")
	q.unifyDescs(cue)
	q.nameDescs()
	q.trace("unify")
	for _, c := range q.cands {
		if c.speaker == narrator {
			c.speaker = q.narr
		}
		c.speaker = bareDesc(c.speaker)
	}
	q.pairs()
	return q.emit()
}

// traceHook, when set (by a diagnostic test), sees the candidates after
// each stage of the speaker search.
var traceHook func(q *qdoc, stage string)

func (q *qdoc) trace(stage string) {
	if traceHook != nil {
		traceHook(q, stage)
	}
}

// paraOf returns the index of the paragraph holding off, or -1.
func (q *qdoc) paraOf(off int) int {
	lo, hi := 0, len(q.paras)
	for lo < hi {
		m := (lo + hi) / 2
		if q.paras[m][1] <= off {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(q.paras) && q.paras[lo][0] <= off {
		return lo
	}
	return -1
}

func (q *qdoc) paraKind(i int) string {
	if i < 0 || i >= len(q.kinds) {
		return ""
	}
	return q.kinds[i]
}

// clean joins the quoted words' lines and spaces.
func clean(s string) string {
	// most quotations need nothing done
	ok := len(s) > 0 && s[0] != ' ' && s[len(s)-1] != ' '
	for i := 0; ok && i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			ok = !asciiSpace[c] || c == ' ' && s[i+1] != ' '
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		ok = !unicode.IsSpace(r) && !(r == utf8.RuneError && n == 1)
		i += n
	}
	if ok {
		return s
	}
	b := make([]byte, 0, len(s))
	sp := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf && !asciiSpace[c] {
			// a run of ASCII that is no space, copied at once
			j := i + 1
			for j < len(s) && s[j] < utf8.RuneSelf && !asciiSpace[s[j]] {
				j++
			}
			if sp && len(b) > 0 {
				b = append(b, ' ')
			}
			sp = false
			b = append(b, s[i:j]...)
			i = j
			continue
		}
		if c < utf8.RuneSelf {
			sp = true
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			sp = true
			i += n
			continue
		}
		if sp && len(b) > 0 {
			b = append(b, ' ')
		}
		sp = false
		if r == utf8.RuneError && n == 1 {
			b = append(b, "\uFFFD"...) // an invalid byte, as WriteRune writes it
		} else {
			b = append(b, s[i:i+n]...)
		}
		i += n
	}
	return string(b)
}

func countWords(s string) int {
	n, in := 0, false
	for i := 0; i < len(s); {
		var r rune
		var w bool
		if c := s[i]; c < utf8.RuneSelf {
			r, w = rune(c), asciiAlnum[c]
			i++
		} else {
			var k int
			r, k = utf8.DecodeRuneInString(s[i:])
			w = unicode.IsLetter(r) || unicode.IsDigit(r)
			i += k
		}
		if w && !in {
			n++
		}
		in = w || (in && (r == '\'' || r == '’' || r == '-'))
	}
	return n
}

func sortCands(cs []*cand) {
	slices.SortStableFunc(cs, func(a, b *cand) int {
		if a.s != b.s {
			return a.s - b.s
		}
		return b.e - a.e
	})
}

// nextTop returns the start of the first outermost quotation after c, or
// -1.
func (q *qdoc) nextTop(c *cand) int {
	for i := c.idx + 1; i < len(q.cands); i++ {
		if o := q.cands[i]; o.s >= c.e && o.depth == 0 {
			return o.s
		}
	}
	return -1
}

// markQuoted drops mentions inside quotations: words quoted are not the
// narrative's subjects.
func (q *qdoc) markQuoted() {
	out := make([]mention, 0, len(q.ments))
	ci := 0
	var top []*cand
	for _, c := range q.cands {
		if c.depth == 0 && c.marked {
			top = append(top, c)
		}
	}
	for _, m := range q.ments {
		for ci < len(top) && top[ci].e <= m.s {
			ci++
		}
		if ci < len(top) && top[ci].is <= m.s && m.e <= top[ci].ie {
			continue
		}
		out = append(out, m)
	}
	q.ments = out
}

// emit turns candidates into findings.
func (q *qdoc) emit() []quellen.Finding {
	out := make([]quellen.Finding, 0, len(q.cands))
	for _, c := range q.cands {
		if c.text == "" {
			continue
		}
		f := quellen.Finding{Kind: quellen.KindQuote, Clean: quellen.Span{Start: c.s, End: c.e}, Text: c.text}
		if c.scare {
			f.Kind = quellen.KindScareQuote
			f.Attrs = quellen.Attrs{"lang": nilIfEmpty(c.lang)}
			out = append(out, f)
			continue
		}
		a := quellen.Attrs{
			"speaker": nilIfEmpty(c.speaker),
			"cue":     nilIfEmpty(c.cue),
			"lang":    nilIfEmpty(c.lang),
			"note":    nilIfEmpty(c.note),
			"block":   c.block,
		}
		if c.pair > 0 {
			a["translation_of_line"] = c.pair
		} else {
			a["translation_of_line"] = nil
		}
		if c.depth > 0 {
			a["nested"] = true
		}
		if c.group > 0 {
			a["group"] = c.group // the parts of one multi-paragraph quotation
		}
		f.Attrs = a
		out = append(out, f)
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// bareDesc drops the article of a description given as a speaker ("the
// old man" → "old man"): it tells whether the reader has met the person,
// not who the person is. A possessive ("his mother") stays.
func bareDesc(s string) string {
	for _, a := range []string{"the ", "a ", "an "} {
		if strings.HasPrefix(s, a) && len(s) > len(a) {
			return s[len(a):]
		}
	}
	return s
}

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// plausibleSingle reports whether words between ASCII apostrophes can be a
// quotation: not beginning with a lower-case letter or a lone letter (the
// 't, 'em, o' of elisions).
func plausibleSingle(s string) bool {
	t := strings.TrimLeft(s, " _*")
	if t == "" {
		return false
	}
	r, n := utf8.DecodeRuneInString(t)
	if unicode.IsLetter(r) && r != 'I' && r != 'A' && (n == len(t) || t[n] == ' ') {
		return false // 'T is, 't , Pa
	}
	if unicode.IsLower(r) {
		// 'll turn, 'em, 's the: a short lower-case first word
		w := strings.FieldsFunc(t, func(r rune) bool { return !unicode.IsLetter(r) })
		if len(w) == 0 || utf8.RuneCountInString(w[0]) <= 2 {
			return false
		}
	}
	return true
}

// nominalFilter passes the words that may open a nominal: "the", "old", a
// possessive.
var nominalFilter = newWordFilter([]string{"the", "old"}, keysOf(possessives))

// addNominals adds "the parson" as a mention of the one person whose name
// holds that noun ("Parson Tringham").
func (q *qdoc) addNominals(toks []token) {
	var add []mention
	p := 0
	for i := 0; i+1 < len(toks); i++ {
		w := toks[i].w
		if !nominalFilter.maybe(w) || w != "the" && w != "The" && w != "old" && w != "Old" && lookup(possessives, w) == 0 {
			continue
		}
		n := toks[i+1]
		if isCap(n.w) || !joinable(q.text, toks[i], n) {
			continue
		}
		for p < len(q.paras) && q.paras[p][1] <= toks[i].s {
			p++
		}
		if p >= len(q.paras) || n.e > q.paras[p][1] {
			continue // the next paragraph's
		}
		if f := q.al.byToken(n.w); f != "" {
			add = append(add, mention{s: toks[i].s, e: n.e, raw: f, canon: f, typ: mPerson})
		}
	}
	if len(add) == 0 {
		return
	}
	q.ments = append(q.ments, add...)
	slices.SortStableFunc(q.ments, func(a, b mention) int { return a.s - b.s })
	markPrepositions(q.text, q.ments)
}

// allMentions returns the mentions, quoted ones too, inside [s, e).
func (q *qdoc) allMentions(s, e int) []mention {
	i := sort.Search(len(q.all), func(i int) bool { return q.all[i].s >= s })
	j := i
	for j < len(q.all) && q.all[j].e <= e {
		j++
	}
	return q.all[i:j]
}
