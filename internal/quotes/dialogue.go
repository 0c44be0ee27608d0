package quotes

import "strings"

// vocative returns a person addressed by name inside c: ", Durbeyfield.",
// "My dear Mr. Bennet,", "Jack, come here".
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
			// "Jack, come here"; not "Bingley." (an answer)
		case !lead && (strings.HasSuffix(before, ",") || strings.HasSuffix(lower(before), "dear") || strings.HasSuffix(before, "O")) && strings.ContainsAny(after[:1], ",.!?;"):
			// ", Durbeyfield.", "my dear Mr. Bennet,"
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
