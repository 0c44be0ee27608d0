package quotes

import (
	"slices"
	"sort"
	"strings"
)

// A conversation is a run of turns, each a quotation (with the quotations
// after it in its paragraph), with little narration between them. Its
// voices are read as a reader reads them, with the clues of Muzny et al.
// (2017)'s sieves weighed together rather than in turn:
//
//   - an explicit cue naming or describing the speaker ("said Tess", "the
//     old man replied") all but fixes the voice; a description of someone
//     met before ("the mother") may be a named voice of its sex;
//   - a pronoun cue ("he answered") wants a voice of its gender, the
//     antecedent the narration gives right before it if there is one,
//     else the last person of that gender it named or described;
//   - the subject of the narration right before a turn ("Tuppence
//     sighed.") speaks it;
//   - a turn never speaks to the name it calls out ("not this evening,
//     Crouchley"), rarely names its own speaker, and the one it calls
//     out is likely to answer;
//   - two people take turns: a voice is most likely the other voice of
//     the exchange (the last one before that was not the last voice), less
//     the last one again (least where the quotation ends its paragraph),
//     less a third; a voice going on over two turns keeps the one it
//     speaks with, who answers it next.
//
// Each clue is a cost; the sequence of voices of least cost over the whole
// conversation is found exactly (dynamic programming over the voice and
// the other voice of the exchange), so that a later cue settles the turns
// before it too. Turns whose speaker the words before them give ("He
// adds:") stay as they are.

// turn is one speaker's turn: its quotations, what their cues say.
type turn struct {
	qs      []*cand
	named   string   // a name or a description an explicit cue gave
	pro     byte     // a pronoun cue's gender
	near    string   // the pronoun's antecedent in the narration right before
	far     string   // the last person of its gender the narration named
	subj    string   // the subject of the narration before the turn
	addr    string   // a name the turn calls out
	kinAddr string   // the one person of a kin word the turn calls out ("aunt")
	named3  []string // people the turn names (a speaker rarely names himself)
	cueObj  []string // people its cue names beside the speaker ("said the gentleman, surveying Ned")
	owner   string   // the person its cue's possessive description belongs to ("said her mother")
	spk     string
	first   bool // opens its paragraph
	fixed   bool // its speaker comes from the words before it ("He adds:")
	indef   bool // named is a description met for the first time ("a voice")
}

// turnLike reports whether c may be a turn of a conversation.
func (q *qdoc) turnLike(c *cand) bool {
	return c.depth == 0 && !c.scare && c.marked && !c.block && c.para >= 0
}

// opensPara reports whether c opens its paragraph.
func (q *qdoc) opensPara(c *cand) bool {
	return strings.TrimSpace(q.text[q.paras[c.para][0]:c.s]) == ""
}

// converse gives the turns of each conversation their voices.
func (q *qdoc) converse() {
	q.nameNarrator()
	var conv []*turn
	var prev *cand
	for _, c := range q.cands {
		if !q.turnLike(c) {
			continue
		}
		if prev != nil && !q.sameConversation(prev, c) {
			q.voices(conv)
			conv = conv[:0]
			prev = nil
		}
		if n := len(conv); n > 0 && q.sameTurn(prev, c) {
			conv[n-1].qs = append(conv[n-1].qs, c)
		} else {
			conv = append(conv, &turn{qs: []*cand{c}, first: q.opensPara(c)})
		}
		prev = c
	}
	q.voices(conv)
}

// sameConversation reports whether c goes on the conversation of prev: at
// most three paragraphs of narration, under 1200 bytes, between them.
func (q *qdoc) sameConversation(prev, c *cand) bool {
	lp := q.lastParaOf(prev)
	if c.para <= lp {
		return true
	}
	if c.para-lp > 4 {
		return false
	}
	n := 0
	for p := lp + 1; p < c.para; p++ {
		n += q.paras[p][1] - q.paras[p][0]
	}
	return n < 1200
}

// sameTurn reports whether c goes on prev's turn: the same paragraph, or
// a part of one quotation over several, unless c names its own speaker.
func (q *qdoc) sameTurn(prev, c *cand) bool {
	if c.group > 0 && c.group == prev.group {
		return true
	}
	if c.para != q.lastParaOf(prev) && !q.splitPart(prev, c) {
		return false
	}
	if cueNamed(c) != "" && cueNamed(prev) != "" && cueNamed(c) != cueNamed(prev) {
		return false
	}
	return true
}

// splitPart reports whether c is the second part of prev, split by prev's
// cue across a line ("“Tie them down!” / said the skipper sharply; “the
// river is rising.”"): only the cue between, no sentence's end.
func (q *qdoc) splitPart(prev, c *cand) bool {
	if prev.cueKind != cuePost || c.s <= prev.e || c.s-prev.e > 160 || c.cueKind == cueNone || c.cueKind == cuePost {
		return false
	}
	gap := q.text[prev.e:c.s]
	return !strings.ContainsAny(gap, ".!?") && strings.TrimSpace(gap) != ""
}

// cueNamed returns the speaker an explicit cue of c names or describes.
func cueNamed(c *cand) string {
	if c.byCue && c.pro == 0 && c.speaker != "" && (c.cueKind == cuePost || c.cueKind == cueVerb || c.cueKind == cueColon || c.cueKind == cueOwner) || c.self {
		return c.speaker
	}
	return ""
}

// Costs of the conversation model (in the units of one doubtful clue).
const (
	costNamed     = 10.0 // against an explicit cue
	costGender    = 8.0  // a pronoun of the other gender
	costSelf      = 6.0  // speaking to oneself
	costMentioned = 1.0  // naming oneself in the third person
	costNear      = 3.0  // against the pronoun's antecedent right before
	costSubj      = 2.0  // against the subject of the narration before
	costDescSelf  = 0.6  // a description of someone met before, as a voice of its own
	costDescName  = 0.2  // that description read as a named voice of its sex
	costDescNew   = 1.5  // a description of someone new read as a named voice
	costDescAny   = 4.0  // a description of either sex ("his cousin") read as a named voice
	costNoGender  = 1.5  // a pronoun for a voice of no known gender
	costFar       = 1.0  // against the last person of the pronoun's gender
	costUnknown   = 2.5  // a voice the conversation does not name
	costThird     = 2.0  // neither voice of the exchange
	costAddrMiss  = 0.5  // not the one the last turn addressed
	costAddrHit   = -1.0 // the one the last turn addressed
	costAddrBack  = -1.0 // the one the next turn addresses, as the voice it answers
	costRank      = 1e-3 // per place in the list of voices, less at each later turn: of two readings as good, the one whose earlier turns take the voices the cues give first

	// text set one sentence a line (sameVoiceCost)
	costLineCue   = -1.0 // the voice going on after a line ending in a cue ("“…,” said he.") when the next line opens a quotation with no cue of its own
	costLineAsked = 0.5  // the voice going on after its own question, a cue or some narration between
)

// voices decides the speakers of one conversation's turns: the sequence
// of voices that fits the cues best, voices taking turns (a model of the
// exchange, solved exactly by dynamic programming).
func (q *qdoc) voices(conv []*turn) {
	if len(conv) == 0 {
		return
	}
	for _, t := range conv {
		q.readTurn(t)
	}
	// a dialogue: some turn with a cue after it, “…,” said X
	dialogue, bare := false, 0
	for _, t := range conv {
		c := t.qs[0]
		if c.cueKind == cuePost && !t.fixed {
			dialogue = true
		}
		if c.cueKind == cueNone && t.first {
			bare++
		}
	}
	dialogue = dialogue || bare >= 3
	if len(conv) == 1 || !dialogue {
		for _, t := range conv {
			if t.pro != 0 && t.named == "" && !t.fixed && t.qs[0].speaker == "" {
				// "“A fire,” he cried": no name before it, the person the
				// narration last described ("The stranger came … She carried
				// her basket")
				if t.spk = t.near; t.spk == "" {
					t.spk = t.far
				}
			}
			q.apply(t)
		}
		return
	}
	parts := q.participants(conv)
	if len(parts) == 0 {
		for _, t := range conv {
			q.apply(t)
		}
		return
	}
	parts = q.calledVoices(conv, parts)
	path := q.bestVoices(conv, parts)
	// a description whose own cues all went to a named voice ("said the
	// man with the basket": Harlow) is that voice, no other: read the
	// conversation again without it
	var keep []string
	for s, p := range parts {
		if !q.descResolved(conv, parts, path, s) {
			keep = append(keep, p)
		}
	}
	if len(keep) < len(parts) && len(keep) > 0 {
		parts = keep
		path = q.bestVoices(conv, parts)
	}
	q.mergeDescVoices(conv, parts, path)
	unk := len(parts)
	for i, t := range conv {
		if path[i] != unk {
			t.spk = parts[path[i]]
		} else if t.named != "" {
			t.spk = t.named
		}
		q.apply(t)
	}
	q.calledDescs(conv)
	if convHook != nil {
		convHook(q, conv)
	}
}

// calledVoices makes one voice of a name the conversation calls out and
// the one description of that sex among its voices, where no cue names
// either: "“Edwin.” / “Yes, Clara.” / “Dear, don't get up yet.”" with
// "his mother" in the narration before is a talk of Edwin and Clara, his
// mother. The turns' clues that read the description read the name.
func (q *qdoc) calledVoices(conv []*turn, parts []string) []string {
	cued := map[string]bool{}
	called := map[string]bool{}
	for _, t := range conv {
		cued[t.named] = true
		called[t.named], called[t.addr], called[t.kinAddr] = true, true, true
	}
	delete(called, "")
	if len(called) > 2 {
		return parts // a scene of several: who is called, the text does not say
	}
	done := map[string]bool{}
	for _, t := range conv {
		n := t.addr
		if n == "" {
			n = t.kinAddr
		}
		if n == "" || n == narrator || isDescName(n) || cued[n] || done[n] {
			continue
		}
		done[n] = true
		gn := q.nameGender(n)
		if gn != 'm' && gn != 'f' {
			continue
		}
		d := ""
		for _, p := range parts {
			if !isDescName(p) || cued[p] {
				continue
			}
			ws := strings.Fields(p)
			if descGender[ws[len(ws)-1]] != gn {
				continue
			}
			if d != "" {
				d = "-"
				break
			}
			d = p
		}
		if d == "" || d == "-" || t.near == d || t.far == d || t.subj == d {
			continue // "“Jonas!” he cried": the one described calls out
		}
		out := parts[:0:0]
		for _, p := range parts {
			if p == d {
				p = n
			}
			if !slices.Contains(out, p) {
				out = append(out, p)
			}
		}
		parts = out
		for _, u := range conv {
			for _, f := range []*string{&u.near, &u.far, &u.subj} {
				if *f == d {
					*f = n
				}
			}
		}
	}
	return parts
}

// calledDescs records the name a description voice is called by: a turn
// that calls out a name ("“Yes, Clara.”", "“Look behind you, aunt!”"
// where the text has one Aunt Maud) speaks to the voice beside it, so
// where that voice is a description ("his mother") and the name is no
// voice of the conversation, the description is that person.
func (q *qdoc) calledDescs(conv []*turn) {
	spoke := map[string]bool{}
	for _, t := range conv {
		spoke[t.spk] = true
	}
	for i, t := range conv {
		n := t.addr
		if n == "" {
			n = t.kinAddr
		}
		if n == "" || n == narrator || isDescName(n) || spoke[n] || t.spk == "" {
			continue
		}
		for _, j := range [2]int{i - 1, i + 1} {
			if j < 0 || j >= len(conv) {
				continue
			}
			d := conv[j].spk
			if !isDescName(d) || d == t.spk {
				continue
			}
			ws := strings.Fields(d)
			if g, gn := descGender[ws[len(ws)-1]], q.nameGender(n); g != 'm' && g != 'f' || gn != 0 && gn != g {
				continue
			}
			if q.vocDesc == nil {
				q.vocDesc = map[string]string{}
			}
			if o, ok := q.vocDesc[d]; ok && o != n {
				q.vocDesc[d] = ""
			} else if !ok {
				q.vocDesc[d] = n
			}
		}
	}
}

// convHook, when set (by a diagnostic test), sees each conversation the
// model decoded.
var convHook func(q *qdoc, conv []*turn)

// mergeDescVoices reads a description and a name that take the same
// place in a conversation as one voice: "“Shine your boots?” said Peter. /
// “How much?” asked the gentleman. / … / “Then be quick,” said Hartley." —
// the gentleman who bargains with Peter is the Hartley who answers him
// later.
// A description voice of the best path is the one named voice of the
// conversation that fits its sex, never answers it or is answered by it,
// and answers the same other voice; its turns go to that name.
func (q *qdoc) mergeDescVoices(conv []*turn, parts []string, path []int) {
	unk := len(parts)
	used := map[int]bool{}
	for _, s := range path {
		if s != unk {
			used[s] = true
		}
	}
	// next[a][b]: voice a answered by voice b somewhere in the path
	next := map[[2]int]bool{}
	for i := 1; i < len(path); i++ {
		next[[2]int{path[i-1], path[i]}] = true
	}
	adjacent := func(a, b int) bool { return next[[2]int{a, b}] || next[[2]int{b, a}] }
	// the names the conversation's own words give: a cue, a name called
	cued := map[string]bool{}
	for _, t := range conv {
		cued[t.named], cued[t.addr] = true, true
	}
	for d := range used {
		if !isDescName(parts[d]) {
			continue
		}
		ws := strings.Fields(parts[d])
		gd := descGender[ws[len(ws)-1]]
		if gd == 0 {
			continue // "the ladies", "a voice": no one person of known sex
		}
		one := -1
		for n := range used {
			if n == d || isDescName(parts[n]) || parts[n] == narrator || !cued[parts[n]] {
				continue
			}
			if gn := q.nameGender(parts[n]); gn != 0 && gn != gd || adjacent(d, n) {
				continue
			}
			// both answer one other voice
			common := false
			for x := range used {
				if x != d && x != n && adjacent(d, x) && adjacent(n, x) {
					common = true
				}
			}
			if !common {
				continue
			}
			if one >= 0 {
				one = -2 // two names fit: which, the text does not say
				break
			}
			one = n
		}
		if one < 0 {
			continue
		}
		for i, s := range path {
			if s == d && !conv[i].fixed {
				path[i] = one
			}
		}
	}
}

// descResolved reports whether parts[s] is a description that the best
// path gives, on every turn whose cue gave it, to a named voice.
func (q *qdoc) descResolved(conv []*turn, parts []string, path []int, s int) bool {
	if !isDescName(parts[s]) {
		return false
	}
	own := 0
	for i, t := range conv {
		if t.named != parts[s] {
			continue
		}
		own++
		if path[i] == s || path[i] >= len(parts) || isDescName(parts[path[i]]) {
			return false
		}
	}
	return own > 0
}

// bestVoices gives each turn of a conversation one of parts (or
// len(parts), a voice not named): the sequence of voices that fits the
// cues best.
func (q *qdoc) bestVoices(conv []*turn, parts []string) []int {
	np := len(parts) + 1 // the last state: a voice not named
	unk := len(parts)
	gender := make([]byte, len(parts))
	for i, p := range parts {
		gender[i] = q.nameGender(p)
	}
	isDescVoice := make([]bool, len(parts))
	for i, p := range parts {
		ws := strings.Fields(p)
		isDescVoice[i] = len(ws) > 1 && descDeterminers[ws[0]]
	}
	emit := func(t *turn, s int) float64 {
		if t.fixed {
			if s == unk && t.named == "" || s != unk && parts[s] == t.named {
				return 0
			}
			return costNamed
		}
		if s == unk {
			if t.named != "" {
				return costNamed
			}
			return costUnknown
		}
		name := parts[s]
		c := 0.0
		if t.named != "" {
			// a description may be a named voice of its sex: the one met
			// before ("the mother") more likely than not, a new one ("a
			// voice") not
			ws := strings.Fields(t.named)
			desc := len(ws) > 1 && descDeterminers[ws[0]]
			switch {
			case desc && name == t.named && !t.indef:
				c += costDescSelf
			case name == t.named:
			case desc && !isDescVoice[s] && descGender[ws[len(ws)-1]] != 0 && descGender[ws[len(ws)-1]] == gender[s]:
				if t.indef {
					c += costDescNew
				} else {
					c += costDescName
				}
			case desc && !isDescVoice[s] && descGender[ws[len(ws)-1]] == 0 && !t.indef && gender[s] != 0:
				// "said his cousin", "the stranger": a noun of either
				// sex, met before, may be a named voice too, less surely
				c += costDescAny
			default:
				c += costNamed
			}
		}
		if t.pro != 0 && gender[s] != t.pro {
			if gender[s] != 0 || name == narrator {
				c += costGender
			} else {
				c += costNoGender
			}
		}
		if t.near != "" && name != t.near && t.named == "" {
			c += costNear
		}
		if t.far != "" && name != t.far && t.named == "" {
			c += costFar
		}
		if t.subj != "" && name != t.subj && t.named == "" {
			c += costSubj
		}
		if t.owner != "" && name == t.owner && name != t.named {
			c += costSelf // "said her mother": not the one she is the mother of
		}
		if t.addr != "" && calls(t.addr, name) || name != t.named && slices.Contains(t.cueObj, name) {
			c += costSelf
		} else if t.named == "" {
			for _, n := range t.named3 {
				if n == name {
					c += costMentioned // "this is my son; his name's George"
					break
				}
			}
		}
		return c
	}
	// The state of a turn is its voice and the other voice of the
	// exchange: the last one before it that was not it. One voice going on
	// over two turns keeps the other ("“Karl, come here,” said Anna. /
	// Anna went to the window. / “Look at the snow.” / “It is deep.”":
	// Karl answers), so a turn given to the voice before it does not lose
	// who it speaks with.
	trans := func(pprev, prev, next *turn, other, p, s int, held bool) float64 {
		addr := ""
		if prev != nil {
			addr = prev.addr
			if addr == "" && held && pprev != nil {
				// one voice went on over two turns; the one it called
				// out answers now
				addr = pprev.addr
			}
		}
		c := 0.0
		switch {
		case s == unk:
			if other >= 0 && other != unk && p != unk {
				c += costThird // neither voice of the exchange: a third one
			}
		case s == p:
			c += q.sameVoiceCost(prev, next)
		case other >= 0 && s == other:
		case held && addr != "" && parts[s] == addr && !q.lineMode():
			// the one a voice going on called out is a party to the
			// exchange: "“Karl, come here,” said Anna. / Anna went to the
			// window. / “Look at the snow.” / “It is deep.”" (in text set
			// a sentence a line, the narration between need not part the
			// turns)
		case other >= 0 || p == unk:
			c += costThird
		}
		if addr != "" && s != unk {
			if parts[s] == addr {
				c += costAddrHit
			} else if s != p {
				c += costAddrMiss
			}
		}
		if next != nil && next.addr != "" && p != unk && p != s && parts[p] == next.addr {
			c += costAddrBack // "“The supper is cold.” / “I am sorry, Edith.”": Edith spoke
		}
		return c
	}
	n := len(conv)
	inf := 1e18
	// cost[i][idx(o, b)]: best cost of turns 0..i with turn i voice b and
	// o the other voice of the exchange (-1 for none yet); back[i] the
	// state of turn i-1; held[i] whether turn i-1 had the same voice
	cost := make([][]float64, n)
	back := make([][]int, n)
	held := make([][]bool, n)
	for i := range cost {
		cost[i] = make([]float64, (np+1)*np)
		back[i] = make([]int, (np+1)*np)
		held[i] = make([]bool, (np+1)*np)
		for k := range cost[i] {
			cost[i][k] = inf
		}
	}
	idx := func(a, b int) int { return (a+1)*np + b } // a may be -1
	for b := 0; b < np; b++ {
		cost[0][idx(-1, b)] = emit(conv[0], b) + costRank*float64(b)
	}
	for i := 1; i < n; i++ {
		var pprev *turn
		if i > 1 {
			pprev = conv[i-2]
		}
		for a := -1; a < np; a++ {
			for b := 0; b < np; b++ {
				pk := idx(a, b)
				cur := cost[i-1][pk]
				if cur >= inf {
					continue
				}
				h := i > 1 && held[i-1][pk]
				for s := 0; s < np; s++ {
					v := cur + trans(pprev, conv[i-1], conv[i], a, b, s, h) + emit(conv[i], s) + costRank*float64(s*(n-i))/float64(n)
					k := idx(b, s)
					if s == b {
						k = pk // the other voice stays
					}
					if v < cost[i][k] {
						cost[i][k] = v
						back[i][k] = pk
						held[i][k] = s == b
					}
				}
			}
		}
	}
	best, bk := inf, 0
	for k, v := range cost[n-1] {
		if v < best {
			best, bk = v, k
		}
	}
	// read the path back
	path := make([]int, n)
	for i := n - 1; i >= 0; i-- {
		path[i] = bk % np
		if i > 0 {
			bk = back[i][bk]
		}
	}
	return path
}

// sameVoiceCost is the cost of one voice speaking two turns running: high
// where the quotation ends its paragraph, less where the paragraph goes on
// after it (a cue, some narration). In text set one sentence a line, where
// a line break need not end a paragraph, narration after a quotation, on
// its line or the next ("“Quite so!” / He threw over a sheet of paper. /
// “It came by the last post,” said he."), leaves the voice as likely to go
// on as to change: only a quotation right after it on the next line surely
// ends the voice. A line ending in a cue and followed by a quotation with
// no cue ("“…,” said he. / “…”") is most often one paragraph of one voice
// cut in two; a question is answered by the other voice.
func (q *qdoc) sameVoiceCost(t, next *turn) float64 {
	if t == nil {
		return 3
	}
	c := t.qs[len(t.qs)-1]
	p := q.lastParaOf(c)
	bare := strings.TrimSpace(q.text[c.e:q.paras[p][1]]) == ""
	if q.lineMode() {
		narrated := !bare || next != nil && next.qs[0].s > c.e && strings.TrimSpace(q.text[c.e:next.qs[0].s]) != ""
		if !narrated {
			return 4
		}
		asked := strings.HasSuffix(strings.TrimRight(q.text[c.is:c.ie], " ”\"’'"), "?")
		if !bare && next != nil && next.first && next.qs[0].para == p+1 && next.named == "" && next.pro == 0 {
			if asked {
				return costLineAsked
			}
			return costLineCue
		}
		if asked {
			return costLineAsked
		}
		return 0
	}
	if bare {
		return 4
	}
	return 3
}

// lineMode reports whether the document's paragraphs are sentences or
// lines (quotations run on over them without reopening), not paragraphs.
func (q *qdoc) lineMode() bool {
	if q.lines == 0 {
		carried, reopened := 0, 0
		for _, c := range q.cands {
			if c.depth > 0 || !c.marked {
				continue
			}
			if c.group > 0 {
				reopened++
			} else if q.lastParaOf(c) > c.para {
				carried++
			}
		}
		q.lines = 1
		if carried >= 2 && carried > reopened {
			q.lines = 2
		}
	}
	return q.lines == 2
}

// participants lists the voices a conversation may have: the speakers
// and descriptions its cues give, the antecedents of its pronouns, the
// names it calls out, and the speakers of the quotations just before it.
func (q *qdoc) participants(conv []*turn) []string {
	var out []string
	add := func(s string) {
		if s == "" || len(out) >= 8 {
			return
		}
		for _, o := range out {
			if o == s {
				return
			}
		}
		out = append(out, s)
	}
	for _, t := range conv {
		add(t.named)
		add(t.near)
		add(t.far)
		add(t.subj)
		add(t.addr)
	}
	// the people the narration before it names: who is in the scene
	for _, n := range q.sceneVoices(conv[0].qs[0].s) {
		add(n)
	}
	// voices heard just before
	c := conv[0].qs[0]
	seen := 0
	for i := c.idx - 1; i >= 0 && seen < 4; i-- {
		o := q.cands[i]
		if o.depth > 0 || o.scare || o.speaker == "" {
			continue
		}
		if c.s-o.e > 3000 {
			break
		}
		seen++
		add(o.speaker)
	}
	return out
}

// sceneVoices returns the people the narration names in the 1500 bytes
// before at, most named first (at most two): "Mary Hart sat by the fire
// with her father. / “Poor Mrs. Weir,” said the old man. / “I cannot agree,
// papa.”": the voices a conversation's cues do not name may be theirs.
func (q *qdoc) sceneVoices(at int) []string {
	lo := at - 1500
	count := map[string]int{}
	var order []string
	i := sort.Search(len(q.ments), func(i int) bool { return q.ments[i].s >= at })
	for j := i - 1; j >= 0 && q.ments[j].s >= lo; j-- {
		m := q.ments[j]
		// a person: a name of a known sex, not a place ("Camden Mall")
		if m.typ != mPerson && !(m.typ == mOther && q.known(m)) || q.genderOf(m) == 0 {
			continue
		}
		n := speakerName(q.al.canon(m))
		if n == "" {
			continue
		}
		if count[n] == 0 {
			order = append(order, n)
		}
		count[n]++
	}
	sort.SliceStable(order, func(a, b int) bool { return count[order[a]] > count[order[b]] })
	if len(order) > 2 {
		order = order[:2]
	}
	return order
}

// readTurn reads what a turn's cues say of its speaker.
func (q *qdoc) readTurn(t *turn) {
	if c := t.qs[0]; c.cueKind != cueNone && c.cueKind != cuePost && c.pro == 0 {
		t.fixed = true
		t.named = c.speaker
		return
	}
	for _, c := range t.qs {
		if n := cueNamed(c); n != "" && t.named == "" && t.pro == 0 {
			t.named = descKey(n)
			t.indef = t.named != n
			t.owner = c.owner
		}
		if c.pro != 0 && t.named == "" && t.pro == 0 {
			t.pro = c.pro
			t.near = q.nearAntecedent(c)
			if t.near == "" {
				t.far = q.salient(min(c.s, c.proAt), c.pro)
			}
		}
		if t.kinAddr == "" {
			t.kinAddr = q.kinVocative(c)
		}
		if t.addr == "" {
			t.addr = q.vocative(c)
			if t.addr != "" && t.addr == q.narr {
				t.addr = narrator
			}
		}
		if c.cueKind == cuePost && c.byCue {
			t.cueObj = append(t.cueObj, q.cueObjects(c)...)
		}
		if !c.self {
			for _, m := range q.allMentions(c.is, c.ie) {
				if m.typ == mPerson || m.typ == mOther && q.known(m) {
					t.named3 = append(t.named3, speakerName(q.al.canon(m)))
				}
			}
		}
	}
	c := t.qs[0]
	if c.subj && c.speaker != "" {
		t.subj = c.speaker
	}
	if t.named == "" && t.pro == 0 && t.subj == "" {
		// a speaker carried over by the quotation's own context
		for _, c := range t.qs {
			if c.speaker != "" && c.cueKind != cueNone {
				t.named = c.speaker
				break
			}
		}
	}
}

// apply gives the quotations of a turn its speaker, where their own cues
// do not name another: the turn's first quotation, those with a cue after
// them, and those after it in its paragraph with no one named between.
func (q *qdoc) apply(t *turn) {
	if t.fixed {
		return
	}
	if t.spk == "" && len(t.qs) > 0 {
		// a single turn keeps what its quotations found
		for _, c := range t.qs {
			if c.speaker != "" {
				t.spk = c.speaker
				break
			}
		}
	}
	prevWas := ""
	for i, c := range t.qs {
		was := c.speaker
		if i > 0 && t.spk != "" && c.cueKind == cueVerb && was != "" && was == prevWas && t.qs[i-1].speaker == t.spk &&
			t.qs[i-1].cueKind == cuePost && t.qs[i-1].para == c.para && !strings.ContainsAny(q.text[t.qs[i-1].e:c.s], ".!?") {
			// “…,” said her mother, “…”: the second part carried the cue's
			// description, and the turn read it as a named voice
			c.speaker = t.spk
			prevWas = was
			continue
		}
		prevWas = was
		if n := cueNamed(c); n != "" && n != t.spk && !isDescName(n) {
			continue // its own cue names its speaker
		}
		if c.cueKind != cueNone && c.cueKind != cuePost && c.pro == 0 {
			continue // so do the words before it
		}
		if i > 0 && c.cueKind == cueNone {
			p := t.qs[i-1]
			if !(c.group > 0 && c.group == p.group) && !q.noneNamed(p.e, c.s) {
				continue
			}
		}
		if t.spk != "" || c.cueKind == cueNone || c.pro != 0 {
			c.speaker = t.spk
		}
	}
}

// nearAntecedent returns the antecedent of c's pronoun cue in the
// narration right before it: its own sentence, or the one before, with no
// other quotation between.
func (q *qdoc) nearAntecedent(c *cand) string {
	at := min(c.proAt, c.s)
	lo := q.paras[c.para][0]
	if at <= lo && c.para > 0 {
		lo = q.paras[c.para-1][0]
	}
	for i := c.idx - 1; i >= 0; i-- {
		o := q.cands[i]
		if o.depth > 0 || o.scare || o.e > at || c.group > 0 && o.group == c.group {
			continue
		}
		lo = max(lo, o.e) // no other quotation between
		break
	}
	lo = max(lo, at-400)
	if lo >= at {
		return ""
	}
	m := mention{s: c.proAt, e: c.proAt, typ: mPronoun, gender: c.pro}
	// the pronoun's own sentence, then the one before
	end := at
	for step := 0; step < 2 && end > lo; step++ {
		p := q.paraOf(end - 1)
		plo := lo
		if p >= 0 {
			plo = max(lo, q.paras[p][0])
		}
		ss := max(plo, sentStart(q.text, end, plo))
		if strings.TrimSpace(q.text[ss:end]) == "" && end-1 > plo {
			// end closes a sentence ("… gave a short laugh. / “How
			// strange,” he said"): that sentence
			ss = max(plo, sentStart(q.text, end-1, plo))
		}
		found := ""
		for _, o := range q.mentionsIn(ss, end) {
			if o.pp || o.s >= c.s && o.e <= c.e || possessiveAt(q.text, o.e) {
				continue
			}
			if r, ok := q.fits(m, o, 0); ok {
				if o.typ == mPronoun && found == "" {
					return "" // "he" again: the conversation tells who
				}
				if found != "" && r != found {
					return "" // two of that gender: which one, salience tells
				}
				found = r
			}
		}
		if found != "" {
			return found
		}
		// a person the narration describes: "a girl", "the old man"
		if d := q.descIn(ss, end, c, m.gender); d != "" {
			return d
		}
		end = ss
		for end > lo && (q.text[end-1] == ' ' || q.text[end-1] == '\n') {
			end--
		}
	}
	return ""
}

// nameNarrator finds the name of a first-person narrator ("said I"): in
// a text where the narrator speaks, the name the dialogue calls out most
// that no cue ever makes a speaker of its own ("Watson" in "I think,
// Watson, that you have put on seven pounds"). A name called out is
// someone spoken to; the one spoken to who never speaks but as "I" is
// the narrator.
func (q *qdoc) nameNarrator() {
	named := map[string]bool{}
	turns := 0
	for _, c := range q.cands {
		if !q.turnLike(c) {
			continue
		}
		if c.speaker == narrator && c.byCue {
			turns++
		} else if n := cueNamed(c); n != "" {
			named[n] = true
		}
	}
	if turns < 2 {
		return
	}
	count := map[string]int{}
	for _, c := range q.cands {
		if !q.turnLike(c) || c.speaker == narrator {
			continue
		}
		if v := q.vocative(c); v != "" && !named[v] {
			count[v]++
		}
	}
	best := 0
	for n, k := range count {
		if k > best || k == best && n < q.narr {
			best, q.narr = k, n
		}
	}
}

// descIn returns the first description of a person of gender g in
// [s, e), outside c: "A girl sat on the stile".
func (q *qdoc) descIn(s, e int, c *cand, g byte) string {
	ts := tokens(q.text, s, e, nil)
	for i := range ts {
		if ts[i].s >= c.s && ts[i].e <= c.e {
			continue
		}
		if i > 0 && lookup(prepositions, ts[i-1].w) {
			continue // "with a girl": not the subject
		}
		if d, dg := genderedDesc(q.text, ts, i); dg == g {
			if n, ok := q.kinAt[ts[i].s]; ok {
				return n
			}
			return descKey(d)
		}
	}
	return ""
}

// salient returns the last person of gender g the narration names or
// describes before at, within 3000 bytes: who "he" is when the sentences
// before say only "he".
func (q *qdoc) salient(at int, g byte) string {
	lo := at - 3000
	m := mention{s: at, e: at, typ: mPronoun, gender: g}
	// the person of that gender named most in the window, the latest
	// counting one more
	best, bestAt := "", -1
	score := map[string]float64{}
	bestScore := 0.0
	i := sort.Search(len(q.ments), func(i int) bool { return q.ments[i].s >= at })
	for j := i - 1; j >= 0 && q.ments[j].s >= lo; j-- {
		o := q.ments[j]
		if o.pp || o.typ == mPronoun {
			continue
		}
		if r, ok := q.fits(m, o, 0); ok && !q.ownsAppos(m, o) {
			if bestAt < 0 {
				bestAt = o.s
				score[r] += 2
			}
			score[r]++
			if score[r] > bestScore {
				best, bestScore = r, score[r]
			}
		}
	}
	ds := q.narrDescs()
	k := sort.Search(len(ds), func(i int) bool { return ds[i].s >= at })
	for j := k - 1; j >= 0 && ds[j].s >= max(lo, bestAt); j-- {
		if ds[j].gender == g {
			return ds[j].raw
		}
	}
	return best
}

// narrDescs lists, once, the descriptions of persons of known gender in
// the narration: "The boy wearily dropped his bundle".
func (q *qdoc) narrDescs() []mention {
	if q.descs != nil {
		return q.descs
	}
	q.descs = []mention{}
	ci, ti := 0, 0
	for _, p := range q.paras {
		for ti < len(q.toks) && q.toks[ti].s < p[0] {
			ti++
		}
		tj := ti
		for tj < len(q.toks) && q.toks[tj].e <= p[1] {
			tj++
		}
		ts := q.toks[ti:tj]
		ti = tj
		for i := range ts {
			if !lookup(descDeterminers, ts[i].w) {
				continue
			}
			for ci < len(q.cands) && q.cands[ci].e <= ts[i].s {
				ci++
			}
			if ci < len(q.cands) && q.cands[ci].s <= ts[i].s {
				continue // inside a quotation
			}
			if i > 0 && lookup(prepositions, ts[i-1].w) {
				continue
			}
			if i > 0 && q.apposOfName(ts[i-1], ts[i]) {
				continue // "Wilma, her young maid,": Wilma, named already
			}
			d, g := genderedDesc(q.text, ts, i)
			if g == 0 {
				d, g = q.neutralDesc(ts, i)
			}
			if g != 0 {
				if n, ok := q.kinAt[ts[i].s]; ok {
					d = n
				} else if n := q.al.kinDesc(d); n != "" {
					d = speakerName(n)
				} else if n := q.al.apposDesc(descKey(d)); n != "" {
					d = speakerName(n) // "Ada, her young maid": Ada
				} else {
					d = descKey(d)
				}
				q.descs = append(q.descs, mention{s: ts[i].s, e: ts[i].e, raw: d, typ: mDesc, gender: g})
			}
		}
	}
	return q.descs
}

// personAt reports whether a mention of a person (or a name not known
// to be anything else) starts at s.
func (q *qdoc) personAt(s int) bool {
	i := sort.Search(len(q.ments), func(i int) bool { return q.ments[i].s >= s })
	if i == len(q.ments) || q.ments[i].s != s {
		return false
	}
	m := q.ments[i]
	return m.typ == mPerson || m.typ == mOther && q.known(m)
}

// apposOfName reports whether the description opening at d is set
// between commas after a person's name ending at n: "Wilma, her young
// maid, had".
func (q *qdoc) apposOfName(n, d token) bool {
	if strings.TrimSpace(q.text[n.e:d.s]) != "," || !isCap(n.w) {
		return false
	}
	i := sort.Search(len(q.ments), func(i int) bool { return q.ments[i].e >= n.e })
	if i == len(q.ments) || q.ments[i].e != n.e || q.ments[i].typ != mPerson && q.ments[i].typ != mOther {
		return false
	}
	return apposAfter(q.text, n.e) != ""
}

// possessiveAt reports whether a possessive 's follows a name ending at e
// ("Crouchley 's name"): the name is no subject.
func possessiveAt(text string, e int) bool {
	t := text[e:min(len(text), e+5)]
	t = strings.TrimPrefix(t, " ")
	return strings.HasPrefix(t, "'s") || strings.HasPrefix(t, "’s")
}

// isDescName reports whether a speaker is a description: "the old man".
func isDescName(n string) bool {
	ws := strings.Fields(n)
	return len(ws) > 1 && descDeterminers[ws[0]]
}

// genderedDesc reads, at ts[i], a determiner and up to three words ending
// in a noun of a person of known gender, as a subject stands before its
// verb: "A girl sat", "the old man rose". It returns the phrase and the
// gender, or "" and 0.
func genderedDesc(text string, ts []token, i int) (string, byte) {
	if i >= len(ts) || !inSet(descDeterminers, ts[i].w) {
		return "", 0
	}
	for k := i + 1; k < len(ts) && k <= i+3; k++ {
		w := ts[k].w
		if !isWordLower(w) || inSet(descStop, w) || strings.TrimSpace(text[ts[k-1].e:ts[k].s]) != "" {
			return "", 0
		}
		if g := descGender[w]; g == 'm' || g == 'f' {
			ws := make([]string, 0, k-i+1)
			for x := i; x <= k; x++ {
				ws = append(ws, lower(ts[x].w))
			}
			return strings.Join(ws, " "), g
		}
	}
	return "", 0
}

// cueObjects lists the people a cue after c names in its sentence beside
// its speaker, up to the next quotation: "asked the gentleman, surveying
// Ned's attire", "she said to Mary". They are spoken to or looked at.
func (q *qdoc) cueObjects(c *cand) []string {
	p := q.lastParaOf(c)
	if p < 0 {
		return nil
	}
	hi := q.paras[p][1]
	if c.idx+1 < len(q.cands) {
		hi = min(hi, q.cands[c.idx+1].s)
	}
	if hi <= c.e {
		return nil
	}
	hi = sentEnd(q.text, c.e, hi)
	var out []string
	for _, m := range q.mentionsIn(c.e, hi) {
		if m.typ == mPerson || m.typ == mOther && q.known(m) {
			if n := speakerName(q.al.canon(m)); n != "" && n != c.speaker {
				out = append(out, n)
			}
		}
	}
	return out
}

// neutralHeads are nouns of a person of either sex: "the stranger", "a
// visitor".
var neutralHeads = set(`stranger visitor guest traveller traveler newcomer passenger customer patient
prisoner convict child person figure creature speaker caller intruder wanderer foreigner`)

// neutralDesc reads, at ts[i], "the" or "a" and up to two words ending in
// a noun of a person of either sex standing as a subject ("The stranger
// came up the hill at dusk"), given the sex of the first pronoun of the
// person after it, in its sentence or the next, before any other person
// is named or described: "… She carried her whole stock in a basket".
func (q *qdoc) neutralDesc(ts []token, i int) (string, byte) {
	text := q.text
	if i >= len(ts) || !inSet(articles, ts[i].w) {
		return "", 0
	}
	k := i + 1
	for ; k < len(ts) && k <= i+3; k++ {
		w := ts[k].w
		if !isWordLower(w) || inSet(descStop, w) || strings.TrimSpace(text[ts[k-1].e:ts[k].s]) != "" {
			return "", 0
		}
		if inSet(neutralHeads, w) {
			break
		}
	}
	if k >= len(ts) || k > i+3 || !inSet(neutralHeads, ts[k].w) {
		return "", 0
	}
	// the person's sex: the first personal pronoun within two sentences
	ends := 0
	for j := k + 1; j < len(ts) && j < k+60; j++ {
		w := ts[j].w
		if strings.TrimSpace(text[ts[j-1].e:ts[j].s]) != "" {
			if strings.ContainsAny(text[ts[j-1].e:ts[j].s], ".!?") {
				ends++
			}
			if ends >= 2 || strings.ContainsAny(text[ts[j-1].e:ts[j].s], "“\"") {
				break
			}
		}
		if isCap(w) && !sentenceInitial(text, ts[j].s, 0) && q.personAt(ts[j].s) || descGender[lower(w)] != 0 {
			break // someone else named or described first, not a month or a place ("in October")
		}
		switch lower(w) {
		case "he", "him", "his", "himself":
			return descPhrase(ts, i, k), 'm'
		case "she", "her", "herself":
			return descPhrase(ts, i, k), 'f'
		case "they", "them", "it", "its", "i", "we":
			return "", 0
		}
	}
	return "", 0
}

func descPhrase(ts []token, i, k int) string {
	ws := make([]string, 0, k-i+1)
	for x := i; x <= k; x++ {
		ws = append(ws, lower(ts[x].w))
	}
	return strings.Join(ws, " ")
}

// calls reports whether a name called out ("Marsk") may be the voice
// name ("Peter Marsk"): the same name, or one's words all the other's
// with the same last word. A speaker does not call out his own name.
func calls(addr, name string) bool {
	if addr == name {
		return true
	}
	if addr[strings.LastIndexByte(addr, ' ')+1:] != name[strings.LastIndexByte(name, ' ')+1:] {
		return false // not the same last word (a cheap test first: the decode asks often)
	}
	if isDescName(name) || isDescName(addr) || name == narrator || addr == narrator {
		return false
	}
	a, n := strings.Fields(addr), strings.Fields(name)
	if len(a) == 0 || len(n) == 0 || a[len(a)-1] != n[len(n)-1] {
		return false
	}
	short, long := a, n
	if len(short) > len(long) {
		short, long = long, short
	}
	for _, w := range short {
		if !slices.Contains(long, w) {
			return false
		}
	}
	return true
}
