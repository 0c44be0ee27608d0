package quotes

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// addBlocks adds the quotations set off as blocks without marks: a
// <blockquote> paragraph holding no marked quotation, a <q> element, and
// an indented paragraph after a paragraph that ends with a colon.
func (q *qdoc) addBlocks() {
	byPara := map[int][]*cand{}
	for _, c := range q.cands {
		byPara[c.para] = append(byPara[c.para], c)
	}
	var add []*cand
	for i, p := range q.paras {
		s, e := p[0], p[1]
		if s >= e {
			continue
		}
		switch {
		case q.kinds[i] == "blockquote":
			covered := false
			for _, c := range byPara[i] {
				if c.depth == 0 {
					covered = true
				}
			}
			if covered {
				continue
			}
		case len(byPara[i]) == 0 && i > 0 && q.indented(i) && q.endsWithColon(i-1):
		default:
			continue
		}
		add = append(add, &cand{s: s, e: e, is: s, ie: e, para: i, block: true})
	}
	for _, b := range q.d.Blocks {
		if b.Kind != "quote" || b.Span.Start < 0 || b.Span.End > len(q.text) || b.Span.Start >= b.Span.End {
			continue
		}
		// a marked quotation in the element: give it the who
		k := sort.Search(len(q.cands), func(i int) bool { return q.cands[i].e > b.Span.Start })
		covered := false
		for ; k < len(q.cands) && q.cands[k].s < b.Span.End; k++ {
			c := q.cands[k]
			if c.depth == 0 {
				covered = true
				if c.who == "" {
					c.who = b.Attrs.String("who")
				}
			}
		}
		if !covered {
			add = append(add, &cand{s: b.Span.Start, e: b.Span.End, is: b.Span.Start, ie: b.Span.End, para: q.paraOf(b.Span.Start), who: b.Attrs.String("who")})
		}
	}
	q.cands = append(q.cands, add...)
}

// indented reports whether paragraph i is indented by four spaces or a tab
// more than the text around it.
func (q *qdoc) indented(i int) bool {
	ind := func(k int) int {
		s := q.paras[k][0]
		n := 0
		for j := s - 1; j >= 0 && q.text[j] != '\n'; j-- {
			switch q.text[j] {
			case ' ':
				n++
			case '\t':
				n += 4
			default:
				return -1
			}
		}
		return n
	}
	me := ind(i)
	if me < 4 {
		return false
	}
	if i > 0 {
		if o := ind(i - 1); o >= 0 && o+4 > me {
			return false
		}
	}
	return true
}

// endsWithColon reports whether paragraph i ends with a colon (before a
// note marker).
func (q *qdoc) endsWithColon(i int) bool {
	s, e := q.paras[i][0], q.paras[i][1]
	t := strings.TrimRightFunc(q.text[s:e], func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsDigit(r) || r == ']' || r == '[' || r == ')' || r == '(' || strings.ContainsRune("¹²³⁴⁵⁶⁷⁸⁹⁰", r)
	})
	return strings.HasSuffix(t, ":")
}

// setBlock decides whether a marked quotation is a block quotation: it is
// the whole of its paragraph (a note marker and punctuation aside), and
// that paragraph is a <blockquote>, follows a paragraph ending with a
// colon, or follows another block quotation.
func (q *qdoc) setBlock(c *cand) {
	if c.block || c.para < 0 || c.depth > 0 {
		return
	}
	if q.paraKind(c.para) == "note" {
		return
	}
	if !q.wholePara(c) {
		return
	}
	if q.paraKind(c.para) == "blockquote" {
		c.block = true
		return
	}
	if c.para > 0 && q.endsWithColon(c.para-1) {
		c.block = true
		return
	}
	// after a block quotation that stands alone (an original and its
	// translation)
	for i := c.idx - 1; i >= 0 && q.cands[i].para >= c.para-1; i-- {
		if o := q.cands[i]; o.para == c.para-1 && o.block && o.depth == 0 {
			c.block = true
			return
		}
	}
}

// wholePara reports whether c fills its paragraph.
func (q *qdoc) wholePara(c *cand) bool {
	p := q.paras[c.para]
	before := strings.TrimSpace(q.text[p[0]:c.s])
	if before != "" {
		return false
	}
	after := q.text[c.e:max(c.e, p[1])]
	n := 0
	for _, r := range after {
		if unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsDigit(r) || strings.ContainsRune("¹²³⁴⁵⁶⁷⁸⁹⁰", r) {
			n++
			continue
		}
		return false
	}
	return utf8.RuneCountInString(after) < 16
}
