package quotes

import (
	"bytes"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/quellen/quellen/internal/names"
)

// Cue kinds: how a speaker was found.
const (
	cueNone    = 0
	cuePost    = 'p' // “…,” said X
	cueVerb    = 'v' // X writes that “…”
	cueOwner   = 'o' // X's answer: “…”
	cueColon   = 'c' // X, in a sentence ending with a colon
	cueSubject = 's' // the Ministry “notes …”
	cuePrep    = 'a' // according to X
	cueRead    = 'r' // reads the clause: (a document, maybe nobody's)
	cueDoc     = 'd' // the letter reads: (a document speaking)
)

// maxCue bounds the context read for a cue, in bytes: an attributing
// phrase stands near its quotation.
const maxCue = 400

// ctxBefore returns the attributing context before c: its sentence up to
// the opening mark, or, for a quotation opening its paragraph after a
// paragraph ending with a colon, that paragraph's last sentence.
func (q *qdoc) ctxBefore(c *cand) (int, int) {
	if c.para < 0 {
		return c.s, c.s
	}
	lo := q.paras[c.para][0]
	ss := sentStart(q.text, c.s, lo)
	if strings.TrimSpace(q.text[ss:c.s]) == "" && c.para > 0 && q.endsWithColon(c.para-1) {
		p := q.paras[c.para-1]
		e := p[1]
		return max(e-maxCue, sentStart(q.text, max(p[0], e-1), p[0])), e
	}
	return max(ss, c.s-maxCue), c.s
}

// ctxAfter returns the context after c, to the end of its sentence or the
// next quotation.
func (q *qdoc) ctxAfter(c *cand, next int) (int, int) {
	if c.para < 0 || c.e >= len(q.text) {
		return c.e, c.e
	}
	hi := max(q.paras[c.para][1], c.e)
	if c.e > q.paras[c.para][1] {
		if p := q.paraOf(c.e - 1); p >= 0 {
			hi = q.paras[p][1]
		}
	}
	// a quotation ending its sentence, followed by a capital, ends the
	// sentence there.
	inner := strings.TrimRightFunc(c.text, func(r rune) bool { return r == '”' || r == '’' || r == '"' || r == '\'' || r == ' ' })
	j := c.e
	for j < hi && q.text[j] == ' ' {
		j++
	}
	if strings.HasSuffix(inner, ".") && j < hi {
		r := rune(q.text[j])
		if r < 0x80 && unicode.IsUpper(r) {
			return c.e, c.e
		}
	}
	e := sentEnd(q.text, c.e, hi)
	if next > c.e && next < e {
		e = next
	}
	if strings.TrimSpace(q.text[c.e:e]) == "" {
		// the cue may open the next paragraph: a sentence split after
		// "?" or a line broken ("…?" / "said Crouchley.")
		if p := q.paraOf(c.e - 1); p >= 0 && p+1 < len(q.paras) {
			n := q.paras[p+1]
			r, _ := utf8.DecodeRuneInString(q.text[n[0]:n[1]])
			if (unicode.IsLower(r) || q.cueLine(c, n[0], n[1])) && (next < 0 || next > n[0]) {
				e = sentEnd(q.text, n[0], n[1])
				if next > n[0] && next < e {
					e = next
				}
				return n[0], e
			}
		}
	}
	return c.e, e
}

// cueLine reports whether the paragraph [s, e) after a question or an
// exclamation c is its cue, split off by the sentence's "?": "I asked.",
// "Holmes cried, laughing."
func (q *qdoc) cueLine(c *cand, s, e int) bool {
	inner := strings.TrimRight(c.text, "”’\"' ")
	if !strings.HasSuffix(inner, "?") && !strings.HasSuffix(inner, "!") {
		return false
	}
	ts := tokens(q.text, s, min(e, s+80), nil)
	if len(ts) < 2 || len(ts) > 12 {
		return false
	}
	for v := 1; v < len(ts) && v <= 3; v++ {
		if isSpeechVerb(ts[v].w) && !isCap(ts[v].w) {
			// "I asked.", "said he": a verb that only reports words; not
			// "Tommy chuckled.", which may be the next turn's narration
			_, pro := pronouns[lower(ts[0].w)]
			return pro && v == 1 && reportVerbs[lower(ts[v].w)]
		}
		if !isCap(ts[v].w) {
			return false
		}
	}
	return false
}

// reportVerbs only report words said.
var reportVerbs = set(`said asked replied answered inquired enquired returned rejoined continued added
remarked observed exclaimed cried repeated demanded responded retorted resumed suggested whispered muttered`)

// mentionsIn returns the mentions inside [s, e).
func (q *qdoc) mentionsIn(s, e int) []mention {
	i := sort.Search(len(q.ments), func(i int) bool { return q.ments[i].s >= s })
	j := i
	for j < len(q.ments) && q.ments[j].e <= e {
		j++
	}
	return q.ments[i:j]
}

// attribute finds c's cue and speaker.
func (q *qdoc) attribute(c *cand) {
	q.cur = c
	defer func() { q.cur = nil }()
	if c.who != "" {
		c.speaker = speakerName(q.al.canon(mention{raw: c.who, typ: mPerson}))
		c.byCue = true
		return
	}
	if c.depth > 0 {
		return
	}
	next := q.nextTop(c)
	// After: “…,” said X / “…,” X said / dit-il.
	as, ae := q.ctxAfter(c, next)
	if ae > as {
		if m, cue, ok := q.postCue(as, ae); ok {
			c.speaker = q.nameOf(m)
			c.desc = isDesc(m, c.speaker)
			if m.typ == mPronoun && (m.gender == 'm' || m.gender == 'f') {
				c.pro, c.proAt = m.gender, m.s
				// in a dialogue, "she said" is a woman who has spoken in
				// the last turns, the narration's antecedent if it is one
				if rs := q.recentSpeakers(c, m.gender); len(rs) > 0 && !slices.Contains(rs, c.speaker) {
					c.speaker = rs[0]
				}
			}
			if c.speaker == "" && m.typ == mPronoun && (m.gender == 'm' || m.gender == 'f') {
				c.speaker = q.recentSpeaker(c, m.gender)
			}
			if c.speaker == "" && m.typ == mPronoun && m.gender == 'i' {
				// "said I": the unnamed narrator, a voice of the dialogue
				// until the end, then no one
				c.speaker = narrator
			}
			c.cue = cue
			c.byCue = c.speaker != ""
			c.cueKind = cuePost
			return
		}
	}
	bs, be := q.ctxBefore(c)
	if be > bs {
		q.preCue(c, bs, be)
	}
	if c.speaker == "" {
		q.selfNamed(c)
	}
	if c.speaker == "" && c.cueKind == cueNone {
		if n := q.subjectBefore(c); n != "" {
			c.speaker = n
			c.subj = true
		}
	}
}

// selfNamed finds a speaker who names himself: "I am Parson Pybus",
// "my name is X", "je suis X".
// selfPhrases are the words with which a speaker names himself.
var selfPhrases = []string{"i am ", "i'm ", "i ’m ", "i 'm ", "i be plain ", "i be ", "my name is ", "my name 's ", "je suis ", "je m'appelle ", "ich bin ", "я "}

var selfPhraseBytes = func() (out [][]byte) {
	for _, p := range selfPhrases {
		out = append(out, []byte(p))
	}
	return
}()

// lowerInto appends to buf the bytes of strings.ToLower(s) where that keeps
// every character's length (so its offsets are s's), and reports whether
// it did; it does not where a character lowers to another length or a byte
// is invalid.
func lowerInto(buf []byte, s string) ([]byte, bool) {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf = append(buf, c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			return buf, false
		}
		lr := unicode.ToLower(r)
		if lr == r {
			buf = append(buf, s[i:i+n]...)
		} else {
			if utf8.RuneLen(lr) != n {
				return buf, false
			}
			buf = utf8.AppendRune(buf, lr)
		}
		i += n
	}
	return buf, true
}

func (q *qdoc) selfNamed(c *cand) {
	sub := q.text[c.is:c.ie]
	buf, same := lowerInto(q.lowBuf[:0], sub)
	q.lowBuf = buf
	low := ""
	if !same {
		low = lower(sub)
	}
	for pi, p := range selfPhrases {
		var k int
		if same {
			k = bytes.Index(buf, selfPhraseBytes[pi]) // the bytes of lower(sub)
		} else {
			k = strings.Index(low, p)
		}
		if k < 0 {
			continue
		}
		at := c.is + k + len(p)
		for _, m := range q.allMentions(at, min(c.ie, at+40)) {
			if m.typ == mPerson || m.typ == mOther && q.known(m) {
				if m.s-at < 6 {
					c.speaker = speakerName(q.al.canon(m))
					c.self = true
					return
				}
			}
			break
		}
	}
}

// postCue looks for a speech verb with a speaker beside it at the start of
// the text after a quotation.
func (q *qdoc) postCue(s, e int) (mention, string, bool) {
	lead := strings.TrimLeft(q.text[s:e], " ,—–-\n")
	if lead == "" {
		return mention{}, "", false
	}
	ts := tokens(q.text, s, e, nil)
	if len(ts) == 0 || strings.ContainsAny(q.text[s:ts[0].s], ".!?;:") {
		return mention{}, "", false
	}
	if len(ts) > 7 {
		ts = ts[:7]
	}
	for v, t := range ts {
		if v > 4 {
			break
		}
		// a sentence boundary ends the search
		if v > 0 && strings.ContainsAny(q.text[ts[v-1].e:t.s], ".!?;:") {
			break
		}
		w := t.w
		if k := strings.IndexAny(w, "-"); k > 0 {
			// dit-il, répondit-elle
			verb, pro := w[:k], lower(strings.TrimPrefix(w[k+1:], "t-"))
			if isSpeechVerb(verb) {
				if g, ok := pronouns[pro]; ok {
					return mention{s: t.s + k + 1, e: t.e, raw: pro, typ: mPronoun, gender: g}, strings.TrimSpace(q.text[s:t.e]), true
				}
			}
			continue
		}
		if !isSpeechVerb(w) || v > 0 && isCap(w) || nounUse(ts, v) {
			continue
		}
		if m, ok := q.heardObject(ts, v); ok {
			return m, strings.Trim(q.text[s:t.e], " ,—–-\n"), true
		}
		// X said
		ms := q.mentionsIn(s, t.s)
		if len(ms) > 0 {
			m := ms[len(ms)-1]
			if !m.pp && !q.junk(m) {
				return m, strings.Trim(q.text[s:t.e], " ,—–-\n"), true
			}
		}
		if v == 1 && capName(ts[0].w) && q.text[ts[0].e:t.s] == " " {
			// “…,” Good said
			m := mention{s: ts[0].s, e: ts[0].e, raw: ts[0].w, typ: mOther}
			return m, strings.Trim(q.text[s:t.e], " ,—–-\n"), true
		}
		// said X
		lim := e
		if v+4 < len(ts) {
			lim = ts[v+4].e
		}
		// Only the first mention after the verb can be its subject.
		if ms := q.mentionsIn(t.e, lim); len(ms) > 0 && !ms[0].pp && !q.junk(ms[0]) && !q.descFirst(ts, v, ms[0]) {
			return ms[0], strings.Trim(q.text[s:ms[0].e], " ,—–-\n"), true
		}
		// said Good: a capitalised word right after the verb is a name,
		// even one the text also writes in lower case
		if m, ok := q.capAfter(ts, v); ok {
			return m, strings.Trim(q.text[s:m.e], " ,—–-\n"), true
		}
		// said the parson: a common noun naming someone named elsewhere
		if m, ok := q.nominal(ts, v); ok {
			return m, strings.Trim(q.text[s:m.e], " ,—–-\n"), true
		}
		// said the girl, the old man replied: a description
		if d, k := description(q.text, ts, v+1); k > 0 {
			if m, ok := q.descMention(ts, v+1, k, d); ok {
				return m, strings.Trim(q.text[s:ts[k].e], " ,—–-\n"), true
			}
		}
		last := v - 1 // the description's last word: right before the verb, or an auxiliary ("his mother had replied")
		if last > 0 && inSet(auxiliaries, ts[last].w) {
			last--
		}
		for i := last; i >= 0 && i >= v-5; i-- {
			if d, k := description(q.text, ts, i); k == last {
				if m, ok := q.descMention(ts, i, k, d); ok {
					return m, strings.Trim(q.text[s:ts[v].e], " ,—–-\n"), true
				}
				break
			}
		}
		return mention{}, "", false
	}
	return mention{}, "", false
}

// descMention makes the description ts[i..k] (phrase d) a speaker: its
// kinsman's name ("his wife" of Mr. Hollis), the person itself ("the old
// man"), or, when its head is no person ("his advice concluded", "her
// tone softened"), the owner its possessive names.
func (q *qdoc) descMention(ts []token, i, k int, d string) (mention, bool) {
	if q.cur != nil && !inSet(thingHeads, ts[k].w) {
		q.cur.owner = q.possessor(ts[i])
	}
	if n := q.al.kinDesc(d); n != "" {
		return mention{s: ts[i].s, e: ts[k].e, raw: speakerName(n), typ: mDesc}, true
	}
	if n := q.al.apposDesc(d); n != "" {
		return mention{s: ts[i].s, e: ts[k].e, raw: speakerName(n), typ: mDesc}, true
	}
	if n := q.kinName(ts, i, k); n != "" {
		if q.kinAt == nil {
			q.kinAt = map[int]string{}
		}
		q.kinAt[ts[i].s] = n // the narration's "his lady" there is she
		return mention{s: ts[i].s, e: ts[k].e, raw: n, typ: mDesc}, true
	}
	if inSet(thingHeads, ts[k].w) {
		if g := lookup(possessives, ts[i].w); g == 'm' || g == 'f' {
			return mention{s: ts[i].s, e: ts[i].e, raw: lower(ts[i].w), typ: mPronoun, gender: g}, true
		}
		return mention{}, false
	}
	return mention{s: ts[i].s, e: ts[k].e, raw: d, typ: mDesc}, true
}

// possessor returns the person a possessive determiner (his, her) of a
// cue's description points at: the one its pronoun resolves to, else the
// one of its gender the quotation before called by name ("“I hope he
// will like it, Lizzy.” / “We cannot know,” said her mother": Lizzy). A
// person is not her own mother: the description's voice is someone else.
func (q *qdoc) possessor(t token) string {
	g := lookup(possessives, t.w)
	if g != 'm' && g != 'f' {
		return ""
	}
	if n := q.resolve(mention{s: t.s, e: t.e, raw: lower(t.w), typ: mPronoun, gender: g}, 0); n != "" {
		return n
	}
	for i := q.cur.idx - 1; i >= 0; i-- {
		o := q.cands[i]
		if o.depth > 0 || o.scare {
			continue
		}
		if v := q.vocative(o); v != "" && q.nameGender(v) == g {
			return v
		}
		break
	}
	return ""
}

// thingHeads are nouns that speak only for their owner: "his advice
// concluded", "her tone softened". "A voice" is someone unseen.
var thingHeads = set(`advice words word reply answer letter note tone lips mouth eyes face look glance
expression manner smile laugh laughter question remark remarks thought thoughts heart mind conscience
speech message telegram paper pen`)

// capAfter reads a capitalised word right after the speech verb at
// ts[v] as the speaker's name: "said Good", "replied Snake Anson".
func (q *qdoc) capAfter(ts []token, v int) (mention, bool) {
	i := v + 1
	if i >= len(ts) || !capName(ts[i].w) || q.text[ts[v].e:ts[i].s] != " " {
		return mention{}, false
	}
	k := i
	for k+1 < len(ts) && isCap(ts[k+1].w) && q.text[ts[k].e:ts[k+1].s] == " " && !isPossessive(ts[k].w) {
		k++
	}
	raw := q.text[ts[i].s:ts[k].e]
	return mention{s: ts[i].s, e: ts[k].e, raw: raw, typ: mOther}, true
}

// capName reports whether a capitalised word beside a speech verb may be
// a name: not a pronoun, an article or a determiner.
func capName(w string) bool {
	if !isCap(w) || allCaps(w) && len(w) > 3 || w == "I." {
		return false
	}
	lw := lower(w)
	if _, ok := pronouns[lw]; ok || descDeterminers[lw] || titles[w] || inSet(titles, w) {
		return false
	}
	switch lw {
	case "it", "its", "there", "here", "then", "now", "so", "and", "but", "or", "one", "some", "all", "each", "both", "no", "yes", "oh", "ah":
		return false
	}
	return true
}

// preCue looks in the sentence before a quotation for its cue.
func (q *qdoc) preCue(c *cand, s, e int) {
	ts := tokens(q.text, s, e, nil)
	if len(ts) == 0 {
		return
	}
	lowerText := lower(q.text[s:e])
	colon := strings.HasSuffix(strings.TrimRightFunc(q.text[s:e], func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsDigit(r) || strings.ContainsRune("“\"«„‘`'[]()¹²³⁴⁵⁶⁷⁸⁹⁰", r)
	}), ":")
	set := func(m mention, from int, kind byte) {
		c.speaker = q.nameOf(m)
		if m.typ == mPronoun && (m.gender == 'm' || m.gender == 'f') {
			c.pro, c.proAt = m.gender, m.s
		}
		c.desc = isDesc(m, c.speaker)
		c.cueKind = kind
		c.byCue = c.speaker != ""
		c.cue = strings.Trim(clean(q.text[from:e]), " ,—–")
	}
	// according to X, selon X
	for _, p := range attributionPreps {
		if k := strings.LastIndex(lowerText, p); k >= 0 {
			at := s + k + len(p)
			for _, m := range q.mentionsIn(at, e) {
				set(m, s+k, cuePrep)
				return
			}
		}
	}
	// as X put it
	// X's answer, his words, the resolution of X: unless a speech verb
	// stands nearer the quotation
	om, ofrom, oat, hasOwner := q.owner(ts, s, e)
	// the last speech verb
	v := -1
	for i := len(ts) - 1; i >= 0; i-- {
		w := ts[i].w
		if k := strings.IndexByte(w, '-'); k > 0 && isSpeechVerb(w[:k]) {
			// me dit-il
			if g, ok := pronouns[lower(strings.TrimPrefix(w[k+1:], "t-"))]; ok {
				set(mention{s: ts[i].s + k + 1, e: ts[i].e, raw: w[k+1:], typ: mPronoun, gender: g}, ts[max(0, i-1)].s, cuePost)
				c.cue = strings.Trim(clean(q.text[ts[max(0, i-1)].s:ts[i].e]), " ,")
				if lower(ts[max(0, i-1)].w) != "me" {
					c.cue = w
				}
				return
			}
		}
		if isSpeechVerb(w) && (i == 0 || !isCap(w)) {
			v = i
			break
		}
	}
	if hasOwner && (v < 0 || oat > ts[v].s) {
		set(om, ofrom, cueOwner)
		return
	}
	if v >= 0 {
		w := lower(ts[v].w)
		if (w == "read" || w == "reads" || w == "lit" || w == "lisait" || w == "lut") && !strings.HasPrefix(lower(q.text[ts[v].e:e]), " into the record") {
			// a document read out: its author, if the text names one
			c.cueKind = cueRead
			c.cue = strings.Trim(clean(q.text[s:e]), " ,—–")
			if v > 0 && inSet(documentNouns, ts[v-1].w) {
				// "The key sentence reads:": the document speaks
				c.cueKind = cueDoc
			}
			return
		}
		if m, ok := q.heardObject(ts, v); ok {
			set(m, ts[v-2].s, cueVerb)
			return
		}
		// the subject: the nearest mention before the verb; where the
		// verb is the second of two ("He led Marsh in and said"),
		// the first mention of its sentence
		before := q.mentionsIn(s, ts[v].s)
		if m, ok := q.coordSubject(ts, v, s, before); ok {
			set(m, m.s, cueVerb)
			return
		}
		for i := len(before) - 1; i >= 0; i-- {
			m := before[i]
			if m.pp || q.junk(m) {
				continue
			}
			if weakVerbs[w] && ts[v].s-m.e > 40 {
				break
			}
			set(m, m.s, cueVerb)
			return
		}
		// inverted: wrote Trotsky, said the Chairman
		after := q.mentionsIn(ts[v].e, e)
		if len(after) > 0 && !after[0].pp && after[0].s-ts[v].e < 24 {
			set(after[0], ts[v].s, cueVerb)
			return
		}
		if !weakVerbs[w] || callVerb(w) && len(ts)-v > 2 && !(len(ts)-v == 2 && inSet(articles, ts[v+1].w)) {
			// "had called the concession a “…”": someone called it so
			c.cueKind = cueVerb
			c.cue = strings.Trim(clean(q.text[ts[v].s:e]), " ,—–")
		}
	}
	if colon && !titleCase(q.text[s:e]) {
		for _, m := range q.mentionsIn(s, e) {
			if m.pp {
				continue
			}
			if m.typ == mPronoun && m.gender == 'p' || m.gender == 'i' && q.d.Meta.Author == "" {
				// "We print it in translation:": the words are those of a
				// document named just before
				if o, from, ok := q.prevOwner(s); ok {
					set(o, from, cueColon)
					c.cue = strings.Trim(clean(q.text[s:e]), " ,—–")
					return
				}
				continue
			}
			set(m, s, cueColon)
			return
		}
		c.cueKind = cueColon
		c.cue = strings.Trim(clean(q.text[s:e]), " ,—–")
		return
	}
	// the Ministry “notes …”: a name right before the quotation
	ms := q.mentionsIn(s, e)
	if len(ms) > 0 {
		m := ms[len(ms)-1]
		if strings.TrimSpace(q.text[m.e:e]) == "" && !m.pp && (m.typ != mPronoun) {
			set(m, m.s, cueSubject)
		}
	}
}

// prevOwner looks for an owner of words in the sentence before s.
func (q *qdoc) prevOwner(s int) (mention, int, bool) {
	p := q.paraOf(s)
	if p < 0 {
		return mention{}, 0, false
	}
	lo := q.paras[p][0]
	if s <= lo && p > 0 {
		lo = q.paras[p-1][0]
		s = q.paras[p-1][1]
	}
	k := s
	for k > lo && (q.text[k-1] == ' ' || q.text[k-1] == '\n') {
		k--
	}
	if k > lo {
		k--
	}
	ps := sentStart(q.text, k, lo)
	m, from, _, ok := q.owner(tokens(q.text, ps, s, nil), ps, s)
	return m, from, ok
}

// owner finds a possessor of words: "X's answer", "his own words", "the
// resolution of X".
func (q *qdoc) owner(ts []token, s, e int) (mention, int, int, bool) {
	for i := len(ts) - 1; i >= 0; i-- {
		w := lower(ts[i].w)
		base := strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
		if documentNouns[w] && i > 0 {
			// the possessor: the word before, past "own" or one adjective
			pi := i - 1
			for k := i - 1; k >= max(0, i-2); k-- {
				w := lower(ts[k].w)
				if _, ok := possessives[w]; ok || isPossessive(w) {
					pi = k
					break
				}
			}
			pt := ts[pi]
			pw := lower(pt.w)
			if g, ok := possessives[pw]; ok && g != 'p' {
				return mention{s: pt.s, e: pt.e, raw: pw, typ: mPronoun, gender: g}, pt.s, ts[i].s, true
			}
			if isPossessive(pw) {
				for _, m := range q.mentionsIn(max(s, pt.s-80), pt.e) {
					if m.e >= pt.s && m.e <= pt.e {
						return m, m.s, ts[i].s, true
					}
				}
			}
			// the resolution of X
			if i+2 < len(ts) && lower(ts[i+1].w) == "of" {
				for _, m := range q.mentionsIn(ts[i+1].e, min(e, ts[i+1].e+80)) {
					if (m.typ == mOrg || m.typ == mPerson) && !startsPossessive(q.text[m.e:]) {
						return m, ts[i].s, ts[i].s, true
					}
					break
				}
			}
		}
		_ = base
	}
	return mention{}, 0, 0, false
}

// nounUse reports whether the word of saying at ts[v] is a noun after an
// article, with at most one word between: "came a harsh reply", "the
// answer was". Not a possessive's ("her answer came": hers).
func nounUse(ts []token, v int) bool {
	if !inSet(thingHeads, ts[v].w) {
		return false
	}
	for k := v - 1; k >= 0 && k >= v-2; k-- {
		switch lower(ts[k].w) {
		case "a", "an", "the":
			return true
		}
		if !isWordLower(ts[k].w) {
			break
		}
	}
	return false
}

// heardObject reads "heard her say", "he heard him tell": the one heard
// speaks, not the one who hears. It returns the object pronoun before
// the speech verb at ts[v], placed for its resolution before the
// sentence that holds it: "Tobias heard her" is never Tobias.
func (q *qdoc) heardObject(ts []token, v int) (mention, bool) {
	if v < 2 || !inSet(hearVerbs, ts[v-2].w) {
		return mention{}, false
	}
	var g byte
	switch lower(ts[v-1].w) {
	case "her":
		g = 'f'
	case "him":
		g = 'm'
	default:
		return mention{}, false
	}
	at := max(0, sentStart(q.text, ts[v-2].s, 0)-1)
	return mention{s: at, e: at, raw: lower(ts[v-1].w), typ: mPronoun, gender: g}, true
}

// auxiliaries may stand between a subject and its verb of saying.
var auxiliaries = set(`had has have was were is are would could should will shall did does may might must`)

var hearVerbs = set(`hear hears heard overhear overhears overheard`)

// coordSubject returns, for a speech verb at ts[v] that follows "and"
// ("He led Marsh into the kitchen and said:"), the subject the two
// verbs share: the first mention of the sentence, where the sentence
// opens with it (no clause of its own before: "When Tom came, Ann rose
// and said" keeps the nearest).
func (q *qdoc) coordSubject(ts []token, v, s int, before []mention) (mention, bool) {
	if v == 0 || lower(ts[v-1].w) != "and" || len(before) < 2 {
		return mention{}, false
	}
	ss := sentStart(q.text, ts[v].s, s)
	for _, m := range before {
		if m.s < ss {
			continue
		}
		if m.pp || q.junk(m) || strings.TrimSpace(q.text[ss:m.s]) != "" {
			return mention{}, false
		}
		return m, true
	}
	return mention{}, false
}

// nameOf returns the canonical name a mention stands for.
func (q *qdoc) nameOf(m mention) string {
	switch m.typ {
	case mOrg:
		return q.orgName(m)
	case mRole:
		if n, ok := q.al.roles[m.raw]; ok && n != "" {
			return speakerName(n)
		}
		if n := q.lastNamed(m.s); n != "" {
			return n
		}
		return "the " + m.raw // "said the doctor", no one named before
	case mPronoun:
		return q.resolve(m, 0)
	case mDesc:
		return m.raw
	}
	return speakerName(q.al.canon(m))
}

// orgName gives a body's fullest name in the document.
func (q *qdoc) orgName(m mention) string {
	n := m.canon
	if n == "" {
		n = m.raw
	}
	n = strings.TrimPrefix(strings.TrimPrefix(n, "the "), "The ")
	if !strings.Contains(n, " ") {
		if f, ok := q.orgs[lower(n)]; ok {
			return f
		}
	}
	return n
}

// orgTable maps a body's one-word short form to the shortest longer name
// holding it ("Diet" → "State Diet").
func orgTable(ms []mention) map[string]string {
	t := map[string]string{}
	for _, m := range ms {
		if m.typ != mOrg {
			continue
		}
		n := m.canon
		if n == "" {
			n = m.raw
		}
		ws := strings.Fields(n)
		if len(ws) < 2 {
			continue
		}
		for _, w := range ws {
			if !isCap(w) {
				continue
			}
			k := lower(w)
			if o, ok := t[k]; !ok || len(n) < len(o) {
				t[k] = n
			}
		}
	}
	return t
}

// known reports whether a mention may stand for a person as an antecedent.
func (q *qdoc) known(m mention) bool {
	switch m.typ {
	case mPerson:
		return true
	case mOther:
		ws := nameWords(m.raw)
		if len(ws) == 0 || q.junk(m) {
			return false
		}
		if _, ok := q.al.full[lower(ws[len(ws)-1])]; ok {
			return true
		}
		if len(ws) == 1 && (q.al.byFirst(ws[0]) != "" || names.Gender(ws[0]) != 0) {
			return true // a given name: "Karl came in"
		}
		// a bare name that stands as a subject again and again (Holmes,
		// Alice): a person, not a place; not one that stands after "in",
		// "at", "to" as often (Avonlea)
		n := q.subjects()[m.raw]
		return n >= 2 && n > q.objects[m.raw]
	}
	return false
}

// subjects counts, for each one-word name, its mentions outside
// prepositional phrases (and, in q.objects, those inside).
func (q *qdoc) subjects() map[string]int {
	if q.subj == nil {
		q.subj, q.objects = map[string]int{}, map[string]int{}
		for _, m := range q.all {
			if m.typ == mOther && !strings.Contains(m.raw, " ") {
				if m.pp {
					q.objects[m.raw]++
				} else {
					q.subj[m.raw]++
				}
			}
		}
	}
	return q.subj
}

// lastNamed returns the last person named before off.
func (q *qdoc) lastNamed(off int) string {
	i := sort.Search(len(q.ments), func(i int) bool { return q.ments[i].s >= off })
	for j := i - 1; j >= 0 && off-q.ments[j].s < 6000; j-- {
		if q.known(q.ments[j]) {
			return speakerName(q.al.canon(q.ments[j]))
		}
	}
	return ""
}

// resolve finds a pronoun's antecedent: the subject (first fitting
// mention) of its own sentence before it, else of the nearest sentence
// before that names one; a pronoun found there stands for its own
// antecedent. "They" takes the last body named.
func (q *qdoc) resolve(m mention, depth int) string {
	if m.gender == 'i' {
		if a := q.d.Meta.Author; a != "" {
			return speakerName(q.al.canon(mention{raw: a, typ: mPerson}))
		}
		return ""
	}
	if r, ok := q.res[m.s]; ok {
		return r
	}
	if depth > 8 {
		return ""
	}
	q.res[m.s] = ""
	out := ""
	cur := m.s
	for step := 0; step < 40 && cur > 0 && m.s-cur < 6000; step++ {
		p := q.paraOf(cur)
		if p < 0 {
			p = q.paraOf(cur - 1)
		}
		lo := 0
		if p >= 0 {
			lo = q.paras[p][0]
		} else {
			// between paragraphs: go to the end of the one before
			i := q.paraOf(cur)
			_ = i
			k := cur - 1
			for k > 0 && q.paraOf(k) < 0 && cur-k < 64 {
				k--
			}
			if q.paraOf(k) < 0 {
				break
			}
			cur = k + 1
			continue
		}
		ss := sentStart(q.text, cur, lo)
		for _, o := range q.mentionsIn(ss, cur) {
			if o.s >= m.s || o.pp {
				continue
			}
			if r, ok := q.fits(m, o, depth); ok {
				if q.ownsAppos(m, o) {
					continue
				}
				out = r
				break
			}
		}
		if out != "" {
			break
		}
		if ss <= lo {
			if p == 0 {
				break
			}
			cur = q.paras[p-1][1]
		} else {
			cur = ss - 1
		}
	}
	q.res[m.s] = out
	return out
}

// ownsAppos reports whether a name o is followed by a description of
// another person of m's gender, the owner of its possessive: in "When
// the soup was on, and Wilma, her young maid, had swept the hall, she
// laid the table", her and she are the maid's mistress, not Wilma.
func (q *qdoc) ownsAppos(m, o mention) bool {
	if o.typ != mPerson && o.typ != mOther || m.gender != 'm' && m.gender != 'f' {
		return false
	}
	d := apposAfter(q.text, o.e)
	return m.gender == 'f' && strings.HasPrefix(d, "her ") || m.gender == 'm' && strings.HasPrefix(d, "his ")
}

// fits reports whether o may be m's antecedent, and the name it gives.
func (q *qdoc) fits(m, o mention, depth int) (string, bool) {
	if m.gender == 'p' {
		if o.typ == mOrg {
			return q.orgName(o), true
		}
		return "", false
	}
	g := o.gender
	if g == 0 && (o.typ == mPerson || o.typ == mOther) {
		g = q.genderOf(o)
	}
	if g != 0 && g != m.gender && o.typ != mRole {
		return "", false
	}
	switch o.typ {
	case mPronoun:
		if o.gender == m.gender {
			r := q.resolve(o, depth+1)
			return r, r != ""
		}
	case mRole:
		r := q.nameOf(o)
		return r, r != ""
	case mPerson, mOther:
		if q.known(o) {
			return speakerName(q.al.canon(o)), true
		}
	}
	return "", false
}

// genderOf gives a person the gender of the pronouns that follow its
// mentions.
func (q *qdoc) genderOf(m mention) byte {
	if q.gender == nil {
		q.learnGender()
	}
	n := speakerName(q.al.canon(m))
	if g := givenNameGender(n); g != 0 {
		return g
	}
	return q.gender[n]
}

func (q *qdoc) learnGender() {
	q.gender = map[string]byte{}
	count := map[string][2]int{}
	for i, m := range q.ments {
		if m.typ != mPerson && m.typ != mOther {
			continue
		}
		n := speakerName(q.al.canon(m))
		if m.gender != 0 {
			c := count[n]
			if m.gender == 'm' {
				c[0] += 5
			} else if m.gender == 'f' {
				c[1] += 5
			}
			count[n] = c
		}
		if i+1 < len(q.ments) {
			o := q.ments[i+1]
			if o.typ == mPronoun && o.s >= m.e && o.s-m.e < 120 && !strings.ContainsAny(q.text[m.e:o.s], "“”\"«»") {
				c := count[n]
				if o.gender == 'm' {
					c[0]++
				} else if o.gender == 'f' {
					c[1]++
				}
				count[n] = c
			}
		}
	}
	for n, c := range count {
		if c[0] > c[1] {
			q.gender[n] = 'm'
		} else if c[1] > c[0] {
			q.gender[n] = 'f'
		}
	}
}

func callVerb(w string) bool { return w == "call" || w == "calls" || w == "called" }

func startsPossessive(s string) bool {
	return strings.HasPrefix(s, "'s") || strings.HasPrefix(s, "’s")
}

// junk reports whether a mention is no one: a word in capitals for
// emphasis.
func (q *qdoc) junk(m mention) bool {
	if m.typ != mOther || strings.Contains(m.raw, " ") {
		return false
	}
	for _, r := range m.raw {
		if unicode.IsLower(r) {
			return false
		}
	}
	_, ok := q.al.acro[m.raw]
	return !ok
}

// nominal reads "the parson", "her mother", "the old man" beside the
// speech verb at ts[v] and returns the person of the document whose name
// holds that noun ("Parson Pybus"), if exactly one does.
func (q *qdoc) nominal(ts []token, v int) (mention, bool) {
	try := func(i int) (mention, bool) {
		if i < 0 || i >= len(ts) {
			return mention{}, false
		}
		w := lower(ts[i].w)
		if !articles[w] && possessives[w] == 0 {
			return mention{}, false
		}
		for k := i + 1; k < len(ts) && k <= i+3; k++ {
			n := ts[k].w
			if isCap(n) {
				return mention{}, false
			}
			if f := q.al.byToken(n); f != "" {
				return mention{s: ts[i].s, e: ts[k].e, raw: f, typ: mPerson}, true
			}
		}
		return mention{}, false
	}
	if m, ok := try(v + 1); ok {
		return m, true
	}
	for i := v - 1; i >= 0 && i >= v-4; i-- {
		if m, ok := try(i); ok && m.e <= ts[v].s {
			return m, true
		}
	}
	return mention{}, false
}

// titleCase reports whether most words of s are capitalised, as in a
// headline.
func titleCase(s string) bool {
	ws := strings.Fields(s)
	caps, n := 0, 0
	for _, w := range ws {
		if len(w) <= 3 && !isCap(w) {
			continue
		}
		n++
		if isCap(w) {
			caps++
		}
	}
	return n >= 2 && caps*10 >= n*8
}

// descFirst reports whether a description stands right after the verb at
// ts[v], before m and apart from it by more than a comma: "asked the
// gentleman, surveying Ned" is the gentleman's, not Ned's; "said the
// old man, Silas Marner" names him.
func (q *qdoc) descFirst(ts []token, v int, m mention) bool {
	_, k := description(q.text, ts, v+1)
	if k < 0 || ts[k].e > m.s {
		return false
	}
	return strings.Trim(q.text[ts[k].e:m.s], " ,\n") != ""
}
