package quotes

import (
	"sort"
	"strings"

	"github.com/quellen/quellen"
)

// carry gives speakers to quotations whose own words name none: the parts
// of one multi-paragraph quotation share one; a block standing right after
// another (an original and its translation) and a quotation echoing one
// reported elsewhere take theirs; a quotation after another in the same
// paragraph, with no one else named between, continues it; and a
// quotation with a footnote takes the author of the note's reference.
func (q *qdoc) carry() {
	groups := map[int]string{}
	for _, c := range q.cands {
		if c.group > 0 && c.speaker != "" && !c.scare {
			if _, ok := groups[c.group]; !ok || c.byCue {
				groups[c.group] = c.speaker
			}
		}
	}
	var prev *cand
	for _, c := range q.cands {
		if c.scare || c.depth > 0 {
			continue
		}
		if c.speaker == "" && c.group > 0 {
			c.speaker = groups[c.group]
		}
		if c.speaker == "" && prev != nil && prev.speaker != "" && prev.cueKind == cuePost && (prev.para == c.para || q.splitPart(prev, c)) && c.s-prev.e < 160 && !strings.ContainsAny(q.text[prev.e:c.s], ".!?") {
			// “…,” said his lady, “…”: the second part is the same voice
			c.speaker = prev.speaker
		}
		if c.speaker == "" && c.cueKind == cueNone && prev != nil && prev.speaker != "" {
			switch {
			case c.block && prev.block && prev.para == c.para-1:
				c.speaker = prev.speaker
			case prev.para == c.para && q.noneNamed(prev.e, c.s):
				c.speaker = prev.speaker
			}
		}
		if c.speaker == "" && c.cueKind != cueRead {
			if o := q.echoOf(c); o != nil && o.speaker != "" {
				c.speaker = o.speaker
			}
		}
		if c.speaker == "" && c.note != "" && c.cueKind != cueRead {
			c.speaker = q.noteAuthor(c)
		}
		if c.speaker == "" && c.cueKind == cueDoc {
			c.speaker = q.lastNamed(c.s)
		}
		if false {
			c.speaker = q.noteAuthor(c)
		}
		prev = c
	}
	// an echo may come before the quotation it echoes
	for _, c := range q.cands {
		if c.speaker == "" && !c.scare && c.depth == 0 && c.cueKind != cueRead {
			if o := q.echoOf(c); o != nil && o.speaker != "" {
				c.speaker = o.speaker
			}
		}
	}
}

// noneNamed reports whether no person or body is named in [s, e).
func (q *qdoc) noneNamed(s, e int) bool {
	for _, m := range q.mentionsIn(s, e) {
		if m.typ != mPronoun {
			return false
		}
	}
	return true
}

// noteAuthor returns the author of the reference in the note c's marker
// points to: the references layer's where it ran, else the name a note
// begins with.
func (q *qdoc) noteAuthor(c *cand) string {
	var note *quellen.Finding
	notes := q.notes
	k0 := sort.Search(len(notes), func(i int) bool { return notes[i].Clean.Start > c.e })
	for i := k0; i < len(notes); i++ {
		n := &notes[i]
		if c.noteAt > 0 && q.d.RawLine != nil {
			if q.d.RawLine(n.Clean.Start) == c.noteAt || n.Line == c.noteAt {
				note = n
				break
			}
			continue
		}
		if n.Clean.Start > c.e && (n.Attrs.String("number") == c.note || anyString(n.Attrs["number"]) == c.note) {
			note = n
			break
		}
	}
	var ns, ne int
	if note != nil {
		ns, ne = note.Clean.Start, note.Clean.End
		for _, r := range q.refs {
			if r.Clean.Start >= ns && r.Clean.Start < ne {
				if a := r.Attrs.String("author"); a != "" {
					return speakerName(q.al.canon(mention{raw: a, typ: mPerson}))
				}
				return ""
			}
		}
	} else {
		// a paragraph after c starting with the note's number
		found := false
		for i := max(0, c.para+1); i < len(q.paras) && i < c.para+400; i++ {
			p := q.text[q.paras[i][0]:q.paras[i][1]]
			for _, pre := range []string{"[" + c.note + "]", "(" + c.note + ")", c.note + ". ", c.note + " "} {
				if strings.HasPrefix(p, pre) {
					ns, ne = q.paras[i][0]+len(pre), q.paras[i][1]
					found = true
					break
				}
			}
			if found {
				break
			}
		}
		if !found {
			return ""
		}
	}
	// the note's first words, up to a comma, when they are a name
	t := strings.TrimSpace(q.text[ns:ne])
	k := strings.IndexByte(t, ',')
	if k <= 0 || k > 60 {
		return ""
	}
	name := t[:k]
	ws := strings.Fields(name)
	if len(ws) < 2 || len(ws) > 5 {
		return ""
	}
	for _, w := range ws {
		if !isCap(w) {
			return ""
		}
	}
	return speakerName(q.al.canon(mention{raw: name, typ: mPerson}))
}
