package quotes

import "strings"

// pairs links an English quotation and its original standing side by
// side: consecutive block quotations, or one right after the other in
// parentheses, in different languages, of comparable length. Both point at
// each other's line.
func (q *qdoc) pairs() {
	var top []*cand
	for _, c := range q.cands {
		if !c.scare && c.depth == 0 {
			top = append(top, c)
		}
	}
	for i := 0; i+1 < len(top); i++ {
		a, b := top[i], top[i+1]
		if a.lang == "" || b.lang == "" || a.lang == b.lang || a.pair > 0 || b.pair > 0 {
			continue
		}
		if a.lang != "en" && b.lang != "en" {
			continue
		}
		adj := false
		switch {
		case a.block && b.block && b.para == a.para+1:
			adj = true
		case a.para == b.para || b.para == a.para+1:
			gap := strings.TrimSpace(q.text[a.e:b.s])
			gap = strings.Trim(gap, "()[].,;:0123456789¹²³⁴⁵⁶⁷⁸⁹⁰ \n")
			adj = gap == "" && b.s-a.e < 40
		}
		if !adj {
			continue
		}
		r := float64(a.words) / float64(max(1, b.words))
		if r < 0.5 || r > 2 {
			continue
		}
		if q.d.RawLine == nil {
			continue
		}
		a.pair, b.pair = q.d.RawLine(b.s), q.d.RawLine(a.s)
		if b.speaker == "" {
			b.speaker = a.speaker
		}
		if a.speaker == "" {
			a.speaker = b.speaker
		}
	}
}
