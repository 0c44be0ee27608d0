package quotes

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// classify tells a quotation from a scare quote: an ironic or so-called
// word, a word cited as a word, a title of a work, a short phrase in
// quotation marks with no one saying it.
func (q *qdoc) classify(c *cand) {
	if !c.marked || c.block {
		return
	}
	if c.words == 0 {
		c.scare = true
		return
	}
	lo := 0
	if c.para >= 0 {
		lo = q.paras[c.para][0]
	}
	ss := sentStart(q.text, c.s, lo)
	prev := tokens(q.text, max(ss, c.s-80), c.s, q.prevBuf[:0])
	q.prevBuf = prev
	lastWords := func(n int) []string {
		var out []string
		for i := len(prev) - 1; i >= 0 && len(out) < n; i-- {
			out = append(out, lower(prev[i].w))
		}
		return out
	}
	lw := lastWords(3)
	if len(lw) > 0 && soCalled[lw[0]] || len(lw) > 1 && soCalled[lw[1]] && lw[0] == "the" {
		c.scare = true
		return
	}
	if c.words <= 4 && q.passiveNaming(prev) {
		c.scare = true
		return
	}
	if c.words <= 4 && !c.byCue {
		for _, w := range lw {
			if wordCues[w] {
				c.scare = true
				return
			}
		}
	}
	if c.words <= 3 && c.cueKind == cuePost {
		// a post cue whose verb is a word cue ("known as") is none
	} else if c.words <= 4 && len(lw) > 0 {
		for i, w := range lw {
			if wordCues[w] && i <= 2 && c.cueKind != cuePost {
				c.scare = true
				return
			}
		}
	}
	if q.titleLike(c) && !q.echoes(c) && !answerOpens(c.text) {
		c.scare = true
		return
	}
	if q.inCitation(c) && c.cueKind != cueVerb && c.cueKind != cuePost {
		c.scare = true
		return
	}
	if c.words <= 3 {
		strong := c.cueKind == cueVerb || c.cueKind == cuePost || c.cueKind == cuePrep || c.cueKind == cueOwner || c.cueKind == cueSubject && c.byCue
		if strong || q.speechLike(c) && !q.embedded(c) || q.echoes(c) {
			return
		}
		c.scare = true
	}
}

// speechLike reports whether the quoted words read as an utterance: a
// capital first and punctuation last.
func (q *qdoc) speechLike(c *cand) bool {
	t := strings.TrimSpace(c.text)
	r, _ := utf8.DecodeRuneInString(t)
	l, _ := utf8.DecodeLastRuneInString(t)
	return unicode.IsUpper(r) && strings.ContainsRune(",.!?…;—", l)
}

// embedded reports whether the quotation sits inside a clause: a word,
// not punctuation, right before it.
func (q *qdoc) embedded(c *cand) bool {
	i := c.s
	for i > 0 && (q.text[i-1] == ' ' || q.text[i-1] == '\n') {
		i--
	}
	if i == 0 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(q.text[:i])
	if c.para >= 0 && i <= q.paras[c.para][0] {
		return false
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// titleLike reports whether the words look like a title: most words
// capitalised, not a sentence.
func (q *qdoc) titleLike(c *cand) bool {
	if n := countFields(c.text); n > 25 || n < 2 && q.d.Meta.Title == "" {
		return false
	}
	ws := strings.Fields(c.text)
	if len(ws) < 2 || len(ws) > 25 || !isCap(strings.TrimLeft(ws[0], "(")) {
		if len(ws) == 1 && q.d.Meta.Title != "" && strings.EqualFold(c.text, q.d.Meta.Title) {
			return true
		}
		return false
	}
	if q.d.Meta.Title != "" && strings.EqualFold(strings.TrimRight(c.text, ".,"), strings.TrimRight(q.d.Meta.Title, ".,")) {
		return true
	}
	caps, content, hasLower := 0, 0, false
	for _, w := range ws {
		w = strings.Trim(w, ",.;:!?()—–-")
		if w == "" {
			continue
		}
		for _, r := range w {
			if unicode.IsLower(r) {
				hasLower = true
			}
		}
		if len(w) <= 3 && !isCap(w) {
			continue // of, the, on, a
		}
		if inSet(connectors, w) && !isCap(w) {
			continue
		}
		content++
		if isCap(w) {
			caps++
		}
	}
	if !hasLower || content < 2 {
		return false
	}
	return caps*10 >= content*8
}

// countFields counts the space-separated fields of s, as strings.Fields
// would, without making them; it stops counting past 26.
func countFields(s string) int {
	n, in := 0, false
	for i := 0; i < len(s); {
		c := s[i]
		sp := false
		if c < utf8.RuneSelf {
			sp = asciiSpace[c]
			i++
		} else {
			r, k := utf8.DecodeRuneInString(s[i:])
			sp = unicode.IsSpace(r)
			i += k
		}
		if !sp && !in {
			n++
			if n > 26 {
				return n
			}
		}
		in = !sp
	}
	return n
}

var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// inCitation reports whether c stands as a title inside a note or a
// citation: after a comma or the start of its paragraph, before a comma
// or a period.
func (q *qdoc) inCitation(c *cand) bool {
	if c.para < 0 {
		return false
	}
	lo := q.paras[c.para][0]
	para := q.text[lo:q.paras[c.para][1]]
	note := q.paraKind(c.para) == "note" || startsWithNumber(para) || q.citationPara(c.para, para)
	if !note {
		return false
	}
	b := strings.TrimRight(q.text[max(lo, c.s-3):c.s], " \n")
	after := strings.TrimLeft(q.text[c.e:min(len(q.text), c.e+3)], " ")
	okBefore := b == "" || strings.HasSuffix(b, ",") || strings.HasSuffix(b, ":") || strings.HasSuffix(b, ".") || c.s-lo < 8
	okAfter := after == "" || strings.HasSuffix(c.text, ",") || strings.HasSuffix(c.text, ".") || strings.HasPrefix(after, ",") || strings.HasPrefix(after, ".") || strings.HasPrefix(after, ";") || strings.HasPrefix(after, " (")
	return okBefore && okAfter
}

// startsWithNumber reports whether a paragraph begins like a note: "[3]",
// "(3)", "3.", "3 ".
func startsWithNumber(p string) bool {
	p = strings.TrimLeft(p, " [(")
	i := 0
	for i < len(p) && i < 4 && p[i] >= '0' && p[i] <= '9' {
		i++
	}
	return i > 0 && i < len(p) && (p[i] == ']' || p[i] == ')' || p[i] == '.' || p[i] == ' ')
}

// echoes reports whether c's words are found in another quotation that
// is not a title (a headline quoting a remark reported below).
func (q *qdoc) echoes(c *cand) bool { return q.echoOf(c) != nil }

func (q *qdoc) echoOf(c *cand) *cand {
	if !c.echoDone {
		c.echo, c.echoDone = q.findEcho(c), true
	}
	return c.echo
}

// citationPara is citationLike on paragraph i, read once.
func (q *qdoc) citationPara(i int, para string) bool {
	if q.cite == nil {
		q.cite = map[int]bool{}
	}
	v, ok := q.cite[i]
	if !ok {
		v = citationLike(para)
		q.cite[i] = v
	}
	return v
}

func (q *qdoc) findEcho(c *cand) *cand {
	if c.words < 2 {
		return nil
	}
	// a window of candidates around c keeps this linear
	for i := max(0, c.idx-echoWindow); i < len(q.cands) && i <= c.idx+echoWindow; i++ {
		o := q.cands[i]
		if o == c || o.words <= c.words || !o.marked && !o.block {
			continue
		}
		cb := q.bagOf(c)
		q.bagOf(o)
		// words of c whose bit o's mask lacks are certainly missing from
		// o: when they alone keep the share under 0.8, skip
		lb := 0
		for _, h := range cb {
			if !o.bmask.has(h) {
				lb++
			}
		}
		if float64(len(cb)-lb) < 0.8*float64(len(cb)) {
			continue
		}
		if q.containment(c, o) >= 0.8 {
			return o
		}
	}
	return nil
}

// containment is hashContainment of c's sorted bag in o's. A short c is
// counted in o's bag as it stands, a few times before o's is sorted: most
// bags that pass the bloom are read once or twice, and a sort costs more
// than a scan.
func (q *qdoc) containment(c, o *cand) float64 {
	cb := q.bagOf(c)
	if len(cb) == 0 {
		return 0
	}
	if len(cb) > 8 || o.bagSorted || o.scans >= 2 {
		return hashContainment(q.sortedBag(c), q.sortedBag(o))
	}
	o.scans++
	// c's distinct words and their counts
	var hs [8]uint64
	var want, got [8]int
	n := 0
	for _, h := range cb {
		k := 0
		for k < n && hs[k] != h {
			k++
		}
		if k == n {
			hs[k] = h
			n++
		}
		want[k]++
	}
	for _, h := range q.bagOf(o) {
		for k := 0; k < n; k++ {
			if hs[k] == h {
				got[k]++
				break
			}
		}
	}
	hit := 0
	for k := 0; k < n; k++ {
		hit += min(want[k], got[k])
	}
	return float64(hit) / float64(len(cb))
}

// passiveNaming reports whether the words before a quotation name it
// without anyone saying it: "were called", "is known as", "so called".
func (q *qdoc) passiveNaming(prev []token) bool {
	n := len(prev)
	for i := n - 1; i >= 0 && i >= n-4; i-- {
		w := lower(prev[i].w)
		if w == "called" || w == "termed" || w == "named" || w == "known" || w == "dubbed" || w == "styled" || w == "labelled" || w == "labeled" {
			if i > 0 {
				switch lower(prev[i-1].w) {
				case "is", "are", "was", "were", "be", "been", "being", "so", "commonly", "often", "usually", "now", "also":
					return true
				}
			}
		}
	}
	return false
}

// echoWindow is how many quotations before and after one are searched for
// its echo.
const echoWindow = 64

// bagOf returns the hashes of c's words and their mask, read once; sorted
// once sortedBag asks. The hashes are a slice of the document's (wordIvs),
// read once for all the quotations nested in one another.
func (q *qdoc) bagOf(c *cand) []uint64 {
	if !c.bagDone {
		c.bag, c.bagOwn = q.docBag(c)
		c.bagDone = true
		c.bmask = bloom(q.take(bloomSize(len(c.bag))))
		for _, h := range c.bag {
			c.bmask.add(h)
		}
	}
	return c.bag
}

// sortedBag returns c's word hashes sorted.
func (q *qdoc) sortedBag(c *cand) []uint64 {
	q.bagOf(c)
	if !c.bagSorted {
		if !c.bagOwn {
			b := q.take(len(c.bag))
			copy(b, c.bag)
			c.bag, c.bagOwn = b, true
		}
		slices.Sort(c.bag)
		c.bagSorted = true
	}
	return c.bag
}

// take returns n zeroed words of the document's arena.
func (q *qdoc) take(n int) []uint64 {
	if n > len(q.arena) {
		if n > 1024 {
			return make([]uint64, n)
		}
		q.arena = make([]uint64, 8192)
	}
	b := q.arena[:n:n]
	q.arena = q.arena[n:]
	return b
}

// wordIv is a stretch of the text no quotation crosses the edge of, its
// words read into qdoc.wh, .ws and .we [a, b) when a quotation in it is
// first bagged.
type wordIv struct {
	lo, hi int
	a, b   int
	done   bool
}

// buildIvs merges the quotations' inner spans into wordIvs.
func (q *qdoc) buildIvs() {
	order := make([]*cand, len(q.cands))
	copy(order, q.cands)
	slices.SortStableFunc(order, func(a, b *cand) int { return a.is - b.is })
	q.ivs = make([]wordIv, 0, 16)
	for _, c := range order {
		if n := len(q.ivs); n > 0 && c.is < q.ivs[n-1].hi {
			q.ivs[n-1].hi = max(q.ivs[n-1].hi, c.ie)
		} else {
			q.ivs = append(q.ivs, wordIv{lo: c.is, hi: c.ie})
		}
		c.iv = len(q.ivs) - 1
	}
}

// docBag returns the hashes of the words of q.text[c.is:c.ie], as
// wordHashes(c.text) gives them (clean only joins spaces and writes invalid
// bytes as U+FFFD: both part words as they did), and whether the slice is
// c's own.
func (q *qdoc) docBag(c *cand) ([]uint64, bool) {
	if q.ivs == nil {
		q.buildIvs()
	}
	iv := &q.ivs[c.iv]
	// the interval's reading must pass through c's edges
	if c.is > iv.lo && !utf8.RuneStart(q.text[c.is]) || c.ie < iv.hi && !utf8.RuneStart(q.text[c.ie]) {
		return wordHashes(c.text), true
	}
	if !iv.done {
		iv.a = len(q.wh)
		q.wh, q.ws, q.we = wordSpans(q.text, iv.lo, iv.hi, q.wh, q.ws, q.we)
		iv.b, iv.done = len(q.wh), true
	}
	ws, we := q.ws[iv.a:iv.b], q.we[iv.a:iv.b]
	i, _ := slices.BinarySearch(we, int32(c.is+1)) // the first word ending after c.is
	j, _ := slices.BinarySearch(ws, int32(c.ie))   // the first word starting at c.ie or later
	if i >= j {
		return nil, true
	}
	headCut, tailCut := int(ws[i]) < c.is, int(we[j-1]) > c.ie
	hs := q.wh[iv.a+i : iv.a+j : iv.a+j]
	if !headCut && !tailCut {
		return hs, false
	}
	// a word cut by c's edge: its part inside
	out := make([]uint64, 0, len(hs)+1)
	if i == j-1 {
		return append(out, wordHashes(q.text[c.is:c.ie])...), true
	}
	if headCut {
		out = append(out, wordHashes(q.text[c.is:we[i]])...)
		hs = hs[1:]
	}
	if tailCut {
		out = append(out, hs[:len(hs)-1]...)
		out = append(out, wordHashes(q.text[ws[j-1]:c.ie])...)
	} else {
		out = append(out, hs...)
	}
	return out, true
}

// wordSpans appends the hashes, starts and ends of the words of
// text[lo:hi], read as wordHashes reads them.
func wordSpans(text string, lo, hi int, hs []uint64, ss, es []int32) ([]uint64, []int32, []int32) {
	for i := nextWord(text, lo, hi); i < hi; i = nextWord(text, i, hi) {
		s := i
		var h uint64
		h, i = hashWord(text, i, hi)
		hs, ss, es = append(hs, h), append(ss, int32(s)), append(es, int32(i))
	}
	return hs, ss, es
}

// nextWord returns where the next word of text[i:hi] begins (a letter or
// a digit), or hi.
func nextWord(text string, i, hi int) int {
	for i < hi {
		c := text[i]
		if c < utf8.RuneSelf {
			if asciiAlnum[c] {
				return i
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:hi])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return i
		}
		i += n
	}
	return hi
}

// hashWord returns the hash (FNV-1a) of the word at text[i:] in lower
// case, its letters and digits before hi, and where it ends.
func hashWord(text string, i, hi int) (uint64, int) {
	h := uint64(14695981039346656037)
	for i < hi {
		c := text[i]
		if c < utf8.RuneSelf {
			if !asciiAlnum[c] {
				break
			}
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			h ^= uint64(c)
			h *= 1099511628211
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:hi])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			break
		}
		var buf [utf8.UTFMax]byte
		k := utf8.EncodeRune(buf[:], unicode.ToLower(r))
		for _, b := range buf[:k] {
			h ^= uint64(b)
			h *= 1099511628211
		}
		i += n
	}
	return h, i
}

// bloom is a set of word hashes with one bit each, 512 bits for a short
// quotation and 8 bits a word for a long one: a word whose bit is unset is
// certainly absent.
type bloom []uint64

// bloomSize is the number of uint64 a bloom for so many words takes.
func bloomSize(words int) int {
	n := 8
	for n*64 < words*8 && n < 1024 {
		n *= 2
	}
	return n
}

func (b bloom) add(h uint64) { b[(h>>6)&uint64(len(b)-1)] |= 1 << (h & 63) }

func (b bloom) has(h uint64) bool { return b[(h>>6)&uint64(len(b)-1)]&(1<<(h&63)) != 0 }

// wordHashes returns the hashes (FNV-1a) of the words of s in lower case:
// runs of letters and digits.
func wordHashes(s string) []uint64 {
	var out []uint64
	for i := nextWord(s, 0, len(s)); i < len(s); i = nextWord(s, i, len(s)) {
		var h uint64
		h, i = hashWord(s, i, len(s))
		out = append(out, h)
	}
	return out
}

// hashContainment is the share of a's words (with their counts) found in
// b, both sorted.
func hashContainment(a, b []uint64) float64 {
	if len(a) == 0 {
		return 0
	}
	hit, j := 0, 0
	for _, h := range a {
		for j < len(b) && b[j] < h {
			j++
		}
		if j < len(b) && b[j] == h {
			hit++
			j++
		}
	}
	return float64(hit) / float64(len(a))
}

// citationSignals are the abbreviations and words of a reference.
var citationSignals = []string{" pp. ", " p. ", " vol. ", " no. ", " f. ", " op. ", " d. ", " l. ", " ff. ", "ISBN", "Translated by", "trans. ", " ed. ", " eds. ", " cols. ", " col. ", "http://", "https://", " fond ", " t. "}

// citationLike reports whether a paragraph reads as a citation: two of
// the signs of a reference.
func citationLike(p string) bool {
	if len(p) > 2000 {
		p = p[:2000]
	}
	n := 0
	for _, s := range citationSignals {
		if strings.Contains(p, s) {
			n++
		}
	}
	return n >= 2
}

// answerWords open an answer or a cry, not a title: "Yes, Clara.", "Oh,
// Mr. Hale!".
var answerWords = set(`yes no oh ah aye nay well alas hush hello hallo o why`)

// answerOpens reports whether quoted words open with an answer word and a
// comma or a mark of exclamation: speech, however capitalised.
func answerOpens(s string) bool {
	i := strings.IndexAny(s, ",!")
	return i > 0 && i <= 6 && inSet(answerWords, strings.TrimSpace(s[:i]))
}
