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
			lastPara = max(lastPara, q.lastParaOf(c))
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
	// a description ("the young man") is one of the two voices named
	// elsewhere in the chain: it does not count as a voice of its own, and
	// takes the name of its turn's parity when that voice is known
	var desc []*cand
	for _, c := range turns {
		if c.desc && c.speaker != "" {
			desc = append(desc, c)
		}
	}
	saved := make([]string, len(desc))
	for i, c := range desc {
		saved[i] = c.speaker
		c.speaker = ""
	}
	q.fillVoices(turns)
	for i, c := range desc {
		if n := c.speaker; n != "" {
			if g, h := q.nameGender(n), q.nameGender(saved[i]); g != 0 && h != 0 && g != h {
				c.speaker = saved[i]
			}
			continue
		}
		c.speaker = saved[i]
	}
}

// fillVoices fills the unknown turns of one chain by parity.
func (q *qdoc) fillVoices(turns []*cand) {
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
			q.alternate(turns)
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
		if c.speaker == "" && (c.cueKind == cueNone || c.desc) {
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

// alternate fills the unknown turns of a chain with more than two voices:
// a turn after a known one goes to the last voice before it that differs
// from it (A, B, ?, → A), and a turn before a known one to the first
// voice after it that differs (?, B, A → A); turns filled so go on the
// alternation.
func (q *qdoc) alternate(turns []*cand) {
	open := func(c *cand) bool { return c.speaker == "" && (c.cueKind == cueNone || c.desc) }
	other := func(from, step int, not string) string {
		for j := from; j >= 0 && j < len(turns); j += step {
			if s := turns[j].speaker; s != "" && s != not {
				return s
			}
		}
		return ""
	}
	for k := 1; k < len(turns); k++ {
		if c := turns[k]; open(c) && turns[k-1].speaker != "" {
			c.speaker = other(k-2, -1, turns[k-1].speaker)
		}
	}
	for k := len(turns) - 2; k >= 0; k-- {
		if c := turns[k]; open(c) && turns[k+1].speaker != "" {
			c.speaker = other(k+2, 1, turns[k+1].speaker)
		}
	}
}
