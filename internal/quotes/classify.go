package quotes

import (
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
	prev := tokens(q.text, max(ss, c.s-80), c.s, nil)
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
	if q.titleLike(c) && !q.echoes(c) {
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
		cb, ob := q.bagOf(c), q.bagOf(o)
		if c.bmask&^o.bmask != 0 {
			// words of c whose hash bit o lacks are certainly missing
			// from o: when they alone keep the share under 0.8, skip
			lb := 0
			for _, bw := range c.bwords {
				if bw.bit&o.bmask == 0 {
					lb += bw.k
				}
			}
			if c.bn > 0 && float64(c.bn-lb)/float64(c.bn) < 0.8 {
				continue
			}
		}
		if containment(cb, ob) >= 0.8 {
			return o
		}
	}
	return nil
}

// wordBag counts the words of s in lower case: runs of letters and
// digits, as strings.FieldsFunc over strings.ToLower(s) gives them.
func wordBag(s string) map[string]int {
	m := make(map[string]int, 8)
	i := 0
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if !asciiAlnum[c] {
				i++
				continue
			}
		} else if r, n := utf8.DecodeRuneInString(s[i:]); !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			i += n
			continue
		}
		st, simple := i, true
		for i < len(s) {
			c := s[i]
			if c < utf8.RuneSelf {
				if !asciiAlnum[c] {
					break
				}
				if c >= 'A' && c <= 'Z' {
					simple = false
				}
				i++
				continue
			}
			r, n := utf8.DecodeRuneInString(s[i:])
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				break
			}
			simple = false
			i += n
		}
		w := s[st:i]
		if !simple {
			w = strings.ToLower(w)
		}
		m[w]++
	}
	return m
}

func containment(a, b map[string]int) float64 {
	n, hit := 0, 0
	for w, k := range a {
		n += k
		hit += min(k, b[w])
	}
	if n == 0 {
		return 0
	}
	return float64(hit) / float64(n)
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

func (q *qdoc) bagOf(c *cand) map[string]int {
	if c.bag == nil {
		c.bag = wordBag(c.text)
		c.bn = 0
		for w, k := range c.bag {
			bit := uint64(1) << (wordHash(w) & 63)
			c.bmask |= bit
			c.bn += k
			c.bwords = append(c.bwords, bagWord{k: k, bit: bit})
		}
	}
	return c.bag
}

// bagWord is one word of a bag: its count and its bit in the bag's mask.
type bagWord struct {
	k   int
	bit uint64
}

// wordHash is FNV-1a.
func wordHash(w string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(w); i++ {
		h ^= uint64(w[i])
		h *= 1099511628211
	}
	return h
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
