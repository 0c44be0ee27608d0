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
// given its language, its footnote marker and its translation pair.
package quotes

import (
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
	s, e     int // with the marks (a block: the block)
	is, ie   int // the quoted words
	text     string
	para     int // index into paras
	group    int
	depth    int
	block    bool
	scare    bool
	marked   bool // has quotation marks
	who      string
	speaker  string
	cue      string
	lang     string
	note     string
	pair     int // translation_of_line
	words    int
	byCue    bool // the speaker came from a cue of its own
	noteAt   int  // the note marker's note_line, 0 when unknown
	idx      int  // index in qdoc.cands
	bag      map[string]int
	bmask    uint64    // a bit for each word of bag
	bwords   []bagWord // bag's words' counts and bits
	bn       int       // the number of words in bag
	cueKind  byte
	desc     bool  // the speaker is a description (“the old man”)
	echo     *cand // the quotation c echoes, once echoDone
	echoDone bool
	pro      byte // the gender of an unresolved pronoun cue (“…,” she said)
}

// qdoc is one run of the extractor on a document.
type qdoc struct {
	d      *extract.Doc
	text   string
	paras  [][2]int
	kinds  []string
	ments  []mention
	al     *aliases
	cands  []*cand
	marks  []quellen.Finding // note markers
	orgs   map[string]string
	res    map[int]string // resolved pronoun mentions, by start
	gender map[string]byte
	all    []mention // every mention, those in quotations too
	notes  []quellen.Finding
	refs   []quellen.Finding
	plang  map[int]string // guessed language of a paragraph
	cite   map[int]bool   // paragraphs that read as citations
	subj   map[string]int
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
	q.ments = findMentions(q.d)
	// the alias table reads names in quotations too ("I am Parson
	// Tringham"); the speaker search does not
	q.al = buildAliases(q.text, q.ments)
	q.addNominals()
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
	q.carry()
	q.dialogue()
	// "she said" with no antecedent in the narration: the woman who spoke
	// last, once the dialogue has given its turns their voices
	again := false
	for _, c := range q.cands {
		if c.speaker == "" && c.pro != 0 {
			c.speaker = q.recentSpeaker(c, c.pro)
			again = again || c.speaker != ""
		}
	}
	if again {
		q.dialogue()
	}
	for _, c := range q.cands {
		if c.speaker == narrator {
			c.speaker = ""
		}
	}
	q.pairs()
	return q.emit()
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
	var b strings.Builder
	sp := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			sp = true
			continue
		}
		if sp && b.Len() > 0 {
			b.WriteByte(' ')
		}
		sp = false
		b.WriteRune(r)
	}
	return b.String()
}

func countWords(s string) int {
	n, in := 0, false
	for _, r := range s {
		w := unicode.IsLetter(r) || unicode.IsDigit(r)
		if w && !in {
			n++
		}
		in = w || (in && (r == '\'' || r == '’' || r == '-'))
	}
	return n
}

func sortCands(cs []*cand) {
	sort.SliceStable(cs, func(i, j int) bool { return less(cs[i], cs[j]) })
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

func less(a, b *cand) bool {
	if a.s != b.s {
		return a.s < b.s
	}
	return a.e > b.e
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

// addNominals adds "the parson" as a mention of the one person whose name
// holds that noun ("Parson Tringham").
func (q *qdoc) addNominals() {
	var add []mention
	var toks []token
	for _, p := range q.paras {
		toks = tokens(q.text, p[0], p[1], toks[:0])
		for i := 0; i+1 < len(toks); i++ {
			w := lower(toks[i].w)
			if w != "the" && possessives[w] == 0 && w != "old" {
				continue
			}
			n := toks[i+1]
			if isCap(n.w) || !joinable(q.text, toks[i], n) {
				continue
			}
			if f := q.al.byToken(n.w); f != "" {
				add = append(add, mention{s: toks[i].s, e: n.e, raw: f, canon: f, typ: mPerson})
			}
		}
	}
	if len(add) == 0 {
		return
	}
	q.ments = append(q.ments, add...)
	sort.SliceStable(q.ments, func(i, j int) bool { return q.ments[i].s < q.ments[j].s })
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
