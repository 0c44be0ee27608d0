package quotes

// cueDescs records, for each candidate, the description its own explicit
// cue gives its speaker ("said the man" → "the man"), before the
// conversations read the voices.
func (q *qdoc) cueDescs() []string {
	out := make([]string, len(q.cands))
	for i, c := range q.cands {
		if c.depth > 0 || c.scare {
			continue
		}
		if n := cueNamed(c); n != "" && isDescName(n) {
			out[i] = descKey(n)
		}
	}
	return out
}

// unifyDescs gives a description one voice through the document: where
// the conversations read the turns its own cues describe ("“Quick!” said
// the man") as one named voice, and never as another, the quotations still
// given the description alone (a turn outside any conversation, a carried
// cue) are that voice too.
func (q *qdoc) unifyDescs(cue []string) {
	to := map[string]string{}
	for i, c := range q.cands {
		d := cue[i]
		if d == "" {
			continue
		}
		s := c.speaker
		if s == "" || s == narrator || isDescName(s) || descKey(s) == d {
			continue
		}
		if n, ok := to[d]; ok && n != s {
			to[d] = "" // two voices: which, the text does not say
			continue
		}
		to[d] = s
	}
	if len(to) == 0 {
		return
	}
	for _, c := range q.cands {
		if c.depth > 0 || c.scare || c.speaker == "" {
			continue
		}
		if n := to[descKey(c.speaker)]; n != "" {
			c.speaker = n
		}
	}
}

// nameDescs gives a voice still named by a description the one person the
// text gives that description: "Ada, her young maid" or "his mother,
// Clara" make "her young maid" and "his mother" those names.
func (q *qdoc) nameDescs() {
	for _, c := range q.cands {
		if c.depth > 0 || c.scare || !isDescName(c.speaker) {
			continue
		}
		d := descKey(c.speaker)
		if n := q.vocDesc[c.speaker]; n != "" {
			c.speaker = n
		} else if n := q.al.apposDesc(d); n != "" {
			c.speaker = speakerName(n)
		} else if n := q.al.kinDesc(d); n != "" {
			c.speaker = speakerName(n)
		}
	}
}
