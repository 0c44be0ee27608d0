package quotes

import "strings"

// dialogue gives speakers to the unattributed turns of a dialogue. A
// chain is a run of quotations each opening its own paragraph, one
// paragraph after another; two voices alternate along it. When the known
// speakers of a chain fall one to each parity of turn, the unknown turns
// take their parity's speaker; a name called out inside a turn ("not this
// evening, Durbeyfield") is the other party.
func (q *qdoc) dialogue() {
	var turns []*cand
	flush := func() {
		if len(turns) >= 2 {
			q.fillChain(turns)
		}
		turns = turns[:0]
	}
	lastPara := -2
	for _, c := range q.cands {
		if c.scare || c.depth > 0 || c.para < 0 || !c.marked {
			continue
		}
		if c.para == lastPara {
			// more of the same turn: one speaker
			if n := len(turns); n > 0 && c.speaker == "" && c.cueKind == cueNone {
				c.speaker = turns[n-1].speaker
			}
			continue
		}
		// a turn is a paragraph's first quotation; the chain goes on over
		// one short paragraph of narration between turns
		next := c.para == lastPara+1
		if c.para == lastPara+2 && lastPara >= 0 {
			p := q.paras[lastPara+1]
			next = p[1]-p[0] < 160 && !strings.ContainsAny(q.text[p[0]:p[1]], "“”\"«»")
		}
		if !next {
			flush()
		}
		turns = append(turns, c)
		lastPara = q.lastParaOf(c)
	}
	flush()
}

// fillChain fills the unknown turns of one chain by parity.
func (q *qdoc) fillChain(turns []*cand) {
	var who [2]string
	for i, c := range turns {
		if c.speaker == "" {
			continue
		}
		p := i % 2
		if who[p] == "" {
			who[p] = c.speaker
		} else if who[p] != c.speaker {
			// more than two voices, or no strict alternation: fill only
			// between turns whose speakers are known on both sides
			for k, c := range turns {
				if c.speaker != "" || c.cueKind != cueNone {
					continue
				}
				if k >= 2 && turns[k-2].speaker != "" && turns[k-1].speaker != "" && turns[k-2].speaker != turns[k-1].speaker {
					c.speaker = turns[k-2].speaker
				} else if k+2 < len(turns) && turns[k+2].speaker != "" && turns[k+1].speaker != "" && turns[k+2].speaker != turns[k+1].speaker {
					c.speaker = turns[k+2].speaker
				}
			}
			return
		}
	}
	if who[0] == who[1] && who[0] != "" {
		return
	}
	// a name called out in a turn is the other party's
	for i, c := range turns {
		if v := q.vocative(c); v != "" {
			p := (i + 1) % 2
			if who[p] == "" && v != who[i%2] {
				who[p] = v
			}
		}
	}
	for i, c := range turns {
		if c.speaker == "" && c.cueKind == cueNone {
			c.speaker = who[i%2]
		}
	}
}

// vocative returns a person addressed by name inside c: ", Durbeyfield."
func (q *qdoc) vocative(c *cand) string {
	for _, m := range q.allMentions(c.is, c.ie) {
		if m.typ != mPerson && !(m.typ == mOther && q.known(m)) {
			continue
		}
		before := strings.TrimRight(q.text[max(c.is, m.s-3):m.s], " ")
		after := strings.TrimLeft(q.text[m.e:min(c.ie, m.e+3)], " ")
		if (strings.HasSuffix(before, ",") || m.s-c.is < 3) && after != "" && strings.ContainsAny(after[:1], ",.!?") {
			return speakerName(q.al.canon(m))
		}
	}
	return ""
}

// lastParaOf returns the paragraph where c ends.
func (q *qdoc) lastParaOf(c *cand) int {
	if p := q.paraOf(max(c.s, c.e-1)); p >= 0 {
		return p
	}
	return c.para
}
