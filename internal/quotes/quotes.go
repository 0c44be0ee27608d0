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
	"sync"
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
	q := newDoc(d)
	sc := scratchPool.Get().(*scratch)
	q.sc = sc
	out := q.run()
	// nothing of the run outlives it but the findings, which hold no
	// slice of these (the pool lets go of them at the next collections);
	// a long book's are not kept
	if cap(sc.toks) <= maxPooled && cap(q.wh) <= maxPooled {
		sc.toks, sc.wh, sc.ws, sc.we = sc.toks[:0], q.wh[:0], q.ws[:0], q.we[:0]
		scratchPool.Put(sc)
	}
	return out
}

// scratch is the slices one run fills and the next can reuse: the
// document's tokens, the hashes and spans of its quoted words.
type scratch struct {
	toks   []token
	wh     []uint64
	ws, we []int32
}

// maxPooled bounds the slices the pool keeps, in elements: a megabyte of
// text or so.
const maxPooled = 1 << 18

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

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
	bagOwn    bool  // bag is no slice of qdoc.wh
	iv        int   // its wordIv
	scans     int   // how often containment counted in its bag unsorted
	bmask     bloom // a bit for each word of bag
	cueKind   byte
	desc      bool  // the speaker is a description (“the old man”)
	echo      *cand // the quotation c echoes, once echoDone
	echoDone  bool
	pro       byte   // the gender of a pronoun cue (“…,” she said)
	proAt     int    // where that pronoun stands
	self      bool   // the speaker names himself ("I am Parson Pybus")
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
	ivs     []wordIv          // the stretches of quoted text, for the bags
	wh      []uint64          // the hashes of their words
	ws, we  []int32           // where those words start and end
	arena   []uint64          // the bags' and blooms' words
	sc      *scratch          // slices to reuse, when Extract runs it
	lowBuf  []byte            // selfNamed's quotation in lower case
	prevBuf []token           // classify's words before a quotation
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
	q.cleanCands()
	keep := q.cands[:0]
	for _, c := range q.cands {
		if c.text != "" {
			keep = append(keep, c)
		}
	}
	q.cands = keep
	for i, c := range q.cands {
		c.idx = i
	}
	var toks []token
	if q.sc != nil {
		q.ments, toks = findMentionsInto(q.d, q.sc.toks)
		q.sc.toks = toks
	} else {
		q.ments, toks = findMentions(q.d)
	}
	q.toks = toks
	// the alias table reads names in quotations too ("I am Parson
	// Pybus"); the speaker search does not
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
	return cleanBuild(s)
}

// cleanBuild is clean's copy of s with its spaces joined.
func cleanBuild(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	sp := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf && !asciiSpace[c] {
			// a run of ASCII that is no space, copied at once
			j := i + 1
			for j < len(s) && s[j] < utf8.RuneSelf && !asciiSpace[s[j]] {
				j++
			}
			if sp && b.Len() > 0 {
				b.WriteByte(' ')
			}
			sp = false
			b.WriteString(s[i:j])
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
		if sp && b.Len() > 0 {
			b.WriteByte(' ')
		}
		sp = false
		if r == utf8.RuneError && n == 1 {
			b.WriteString("\uFFFD") // an invalid byte, as WriteRune writes it
		} else {
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// edgeRec is what cleanIv read up to a quotation's edge.
type edgeRec struct {
	co, wc int32 // the offset in the cleaned text, the words counted before
	in, ok bool  // countWords' state there; the reading stopped there
}

// cleanCands sets each candidate's text and words, clean and countWords
// of q.text[c.is:c.ie], and reads the hashes of the words the bags take
// (docBag): all read once for all the quotations nested in one another,
// over the wordIvs, a candidate's share taken from the reading at its
// edges.
func (q *qdoc) cleanCands() {
	q.buildIvs()
	if q.sc != nil && q.wh == nil {
		q.wh, q.ws, q.we = q.sc.wh[:0], q.sc.ws[:0], q.sc.we[:0]
	}
	byIv := make([][]*cand, len(q.ivs))
	total := 0
	for _, c := range q.cands {
		byIv[c.iv] = append(byIv[c.iv], c)
	}
	for _, iv := range q.ivs {
		total += iv.hi - iv.lo
	}
	if words := total/5 + 16; cap(q.wh) < words { // some 6 bytes a word
		q.wh, q.ws, q.we = make([]uint64, 0, words), make([]int32, 0, words), make([]int32, 0, words)
	}
	type share struct {
		c    *cand
		a, b int32
	}
	var edges []int
	var recs []edgeRec
	var shares []share
	var sb strings.Builder
	sb.Grow(total + total/64)
	for k, cs := range byIv {
		iv := &q.ivs[k]
		edges = edges[:0]
		for _, c := range cs {
			edges = append(edges, c.is, c.ie)
		}
		slices.Sort(edges)
		edges = slices.Compact(edges)
		recs = slices.Grow(recs[:0], len(edges))[:len(edges)]
		clear(recs)
		iv.a = len(q.wh)
		q.readIv(&sb, iv.lo, iv.hi, edges, recs)
		iv.b, iv.done = len(q.wh), true
		for _, c := range cs {
			i, _ := slices.BinarySearch(edges, c.is)
			j, _ := slices.BinarySearch(edges, c.ie)
			a, b := recs[i], recs[j]
			if !a.ok || !b.ok {
				c.text, c.words = cleanCount(q.text[c.is:c.ie])
				continue
			}
			n := int(b.wc - a.wc)
			if a.in && wordAfterJoiners(q.text[c.is:c.ie]) {
				n++ // the word the reading was in goes on: a word of c's own
			}
			c.words = n
			shares = append(shares, share{c, a.co, b.co})
		}
	}
	ct := sb.String()
	for _, sh := range shares {
		t := ct[sh.a:sh.b]
		if t != "" && t[0] == ' ' {
			t = t[1:]
		}
		sh.c.text = t
	}
}

// wordAfterJoiners reports whether s opens with a letter or digit, after
// the apostrophes and hyphens countWords lets a word go on over.
func wordAfterJoiners(s string) bool {
	for i := 0; i < len(s); {
		r, k := utf8.DecodeRuneInString(s[i:])
		if r == '\'' || r == '’' || r == '-' {
			i += k
			continue
		}
		return unicode.IsLetter(r) || unicode.IsDigit(r)
	}
	return false
}

// readIv writes clean(q.text[lo:hi]) to sb and appends the hashes, starts
// and ends of its words (as wordHashes and wordSpans read them) to q.wh,
// q.ws and q.we; it records, at each of edges (sorted, within [lo, hi]),
// the offset reached in sb, countWords' count and state there. An edge
// inside a character is left not ok.
func (q *qdoc) readIv(sb *strings.Builder, lo, hi int, edges []int, recs []edgeRec) {
	text := q.text
	hs, ss, es := q.wh, q.ws, q.we
	start := sb.Len()
	sp, in := false, false // clean's pending space; countWords' state
	hw, hs0 := false, 0    // in a word of the hashes, since hs0
	h := uint64(0)
	n, k := 0, 0
	i := lo
	for i < hi {
		for k < len(edges) && edges[k] <= i {
			if edges[k] == i {
				recs[k] = edgeRec{co: int32(sb.Len()), wc: int32(n), in: in, ok: true}
			}
			k++
		}
		lim := hi
		if k < len(edges) {
			lim = min(lim, edges[k])
		}
		j := i
		for j < lim {
			c := text[j]
			if c >= utf8.RuneSelf || asciiSpace[c] {
				break
			}
			if asciiAlnum[c] {
				if !in {
					n++
				}
				in = true
				if !hw {
					hw, hs0, h = true, j, 14695981039346656037
				}
				if c >= 'A' && c <= 'Z' {
					c += 'a' - 'A'
				}
				h ^= uint64(c)
				h *= 1099511628211
			} else {
				in = in && (c == '\'' || c == '-')
				if hw {
					hs, ss, es = append(hs, h), append(ss, int32(hs0)), append(es, int32(j))
					hw = false
				}
			}
			j++
		}
		if j > i {
			if sp && sb.Len() > start {
				sb.WriteByte(' ')
			}
			sp = false
			sb.WriteString(text[i:j])
			i = j
			continue
		}
		c := text[i]
		if c < utf8.RuneSelf { // a space
			sp, in = true, false
			if hw {
				hs, ss, es = append(hs, h), append(ss, int32(hs0)), append(es, int32(i))
				hw = false
			}
			i++
			continue
		}
		r, sz := utf8.DecodeRuneInString(text[i:hi])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if !in {
				n++
			}
			in = true
			if !hw {
				hw, hs0, h = true, i, 14695981039346656037
			}
			var buf [utf8.UTFMax]byte
			m := utf8.EncodeRune(buf[:], unicode.ToLower(r))
			for _, b := range buf[:m] {
				h ^= uint64(b)
				h *= 1099511628211
			}
		} else {
			in = in && r == '’'
			if hw {
				hs, ss, es = append(hs, h), append(ss, int32(hs0)), append(es, int32(i))
				hw = false
			}
			if unicode.IsSpace(r) {
				in, sp = false, true
				i += sz
				continue
			}
		}
		if sp && sb.Len() > start {
			sb.WriteByte(' ')
		}
		sp = false
		if r == utf8.RuneError && sz == 1 {
			sb.WriteString("\uFFFD")
		} else {
			sb.WriteString(text[i : i+sz])
		}
		i += sz
	}
	if hw {
		hs, ss, es = append(hs, h), append(ss, int32(hs0)), append(es, int32(hi))
	}
	for ; k < len(edges); k++ {
		if edges[k] == hi {
			recs[k] = edgeRec{co: int32(sb.Len()), wc: int32(n), in: in, ok: true}
		}
	}
	q.wh, q.ws, q.we = hs, ss, es
}

// cleanCount is clean(s) and countWords of it in one pass over s: the
// spaces clean joins and the invalid bytes it writes as U+FFFD part words
// before as after, so the words are counted on s itself.
func cleanCount(s string) (string, int) {
	ok := len(s) > 0 && s[0] != ' ' && s[len(s)-1] != ' '
	n, in := 0, false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			if asciiAlnum[c] {
				if !in {
					n++
				}
				in = true
				continue
			}
			if asciiSpace[c] && (c != ' ' || i < len(s) && s[i] == ' ') {
				ok = false
			}
			in = in && (c == '\'' || c == '-')
			continue
		}
		r, k := utf8.DecodeRuneInString(s[i:])
		i += k
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if !in {
				n++
			}
			in = true
			continue
		}
		in = in && r == '’'
		if unicode.IsSpace(r) || r == utf8.RuneError && k == 1 {
			ok = false
		}
	}
	if ok {
		return s, n
	}
	return cleanBuild(s), n
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
// holds that noun ("Parson Pybus").
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
	// the mentions had their prepositions marked: the added ones need
	// theirs (markPrepositions sets pp from the text before a mention only)
	markPrepositions(q.text, add)
	q.ments = mergeMentions(q.ments, add)
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
