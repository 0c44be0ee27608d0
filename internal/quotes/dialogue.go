package quotes

import "strings"

// vocative returns a person addressed by name inside c: ", Crouchley.",
// "My dear Mr. Hollis,", "Jack, come here".
func (q *qdoc) vocative(c *cand) string {
	for _, m := range q.allMentions(c.is, c.ie) {
		if m.typ != mPerson && !(m.typ == mOther && q.known(m)) {
			continue
		}
		ms := m.s // a title is part of the mention's span
		before := strings.TrimRight(q.text[max(c.is, ms-8):ms], " ")
		after := strings.TrimLeft(q.text[m.e:min(c.ie, m.e+3)], " ")
		if after == "" {
			continue
		}
		lead := strings.TrimSpace(q.text[c.is:ms]) == ""
		switch {
		case lead && strings.ContainsAny(after[:1], ",!"):
			// "Jack, come here"; not "Dorring." (an answer)
		case !lead && (strings.HasSuffix(before, ",") || strings.HasSuffix(lower(before), "dear") || strings.HasSuffix(before, "O")) && strings.ContainsAny(after[:1], ",.!?;"):
			// ", Crouchley.", "my dear Mr. Hollis,"
		default:
			continue
		}
		return speakerName(q.al.canon(m))
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

// kinVocative returns the one person a word of kinship called out in c
// stands for: "Look behind you, aunt!" where the text calls one person
// "Aunt Maud"; else "".
func (q *qdoc) kinVocative(c *cand) string {
	w := q.text[c.is:c.ie]
	if !strings.Contains(w, "aunt") && !strings.Contains(w, "uncle") {
		return ""
	}
	var buf [64]token
	ts := tokens(q.text, c.is, c.ie, buf[:0])
	for i, t := range ts {
		k := kinTitle(t.w)
		if k == "" || !isWordLower(t.w) {
			continue
		}
		before := strings.TrimRight(q.text[c.is:t.s], " ")
		after := strings.TrimLeft(q.text[t.e:min(c.ie, t.e+3)], " ")
		if i > 0 && !strings.HasSuffix(before, ",") || i == 0 && after == "" || after != "" && !strings.ContainsAny(after[:1], ",.!?;") {
			continue
		}
		if n := q.al.kin[k]; n != "" {
			return speakerName(n)
		}
		// "his aunt Maud", "her aunt, Maud": the one person set beside
		// the word
		one := ""
		for _, p := range [...]string{"his ", "her ", "my ", "their "} {
			n, ok := q.al.appos[p+k]
			if !ok {
				continue
			}
			if n == "" || one != "" && one != n {
				return ""
			}
			one = n
		}
		if one != "" {
			return speakerName(one)
		}
	}
	return ""
}
