package quotes

import "strings"

// mDesc is a speaker the text describes but does not name: "said the
// girl", "the old man replied".
const mDesc = 'd'

// narrator stands, while the dialogue is read, for a first-person
// narrator the document does not name.
const narrator = "\x00I"

// descDeterminers open a description of a person.
var descDeterminers = set(`the a an his her my their our your this that`)

// descStop are words that end a description: prepositions, conjunctions,
// adverbs and words that are no person ("said the other").
var descStop = set(`and or but as at in on of to with without from by for into upon then again still now once too so very quite
who whom whose which that when while if not never also only just all both other others one same first last next
softly quietly slowly gravely sharply angrily coldly eagerly simply presently suddenly calmly gently half almost
it this these those there here what be been do can`)

// description reads a description of a person in ts from index i: a
// determiner and one to four lower-case words, the last a noun; adjectives
// may stand between commas ("a thin, elderly gentleman"). It returns the
// phrase ("the old man") and the index of its last token, or "" and -1.
func description(text string, ts []token, i int) (string, int) {
	if i < 0 || i >= len(ts) || !inSet(descDeterminers, ts[i].w) {
		return "", -1
	}
	end := -1
	for k := i + 1; k < len(ts) && k <= i+4; k++ {
		w := ts[k].w
		if isCap(w) || inSet(descStop, w) || inSet(descDeterminers, w) || !isWordLower(w) || isSpeechVerb(w) {
			break
		}
		gap := text[ts[k-1].e:ts[k].s]
		if strings.TrimSpace(gap) != "" && strings.TrimSpace(gap) != "," {
			break
		}
		if strings.Contains(gap, ",") && (k == i+1 || adverb(w)) {
			break
		}
		if adverb(w) || strings.HasSuffix(w, "ing") && k > i+1 {
			break
		}
		end = k
		if k+1 < len(ts) {
			ng := text[ts[k].e:ts[k+1].s]
			if strings.TrimSpace(ng) != "" && strings.TrimSpace(ng) != "," {
				break
			}
			if strings.Contains(ng, ",") && k+2 <= i+4 {
				// a comma: adjectives go on only to a noun before the next
				// stop ("a thin, elderly gentleman"), else the phrase ends
				// here ("the man, turning")
				nw := ts[k+1].w
				if isCap(nw) || inSet(descStop, nw) || !isWordLower(nw) || strings.HasSuffix(nw, "ing") || adverb(nw) {
					break
				}
			}
		}
	}
	if end < 0 {
		return "", -1
	}
	// the phrase, commas dropped
	ws := make([]string, 0, end-i+1)
	for k := i; k <= end; k++ {
		ws = append(ws, lower(ts[k].w))
	}

	if head := ws[len(ws)-1]; isAdjectiveLike(head) {
		return "", -1
	}
	return strings.Join(ws, " "), end
}

// isWordLower reports whether w is a lower-case word of letters, hyphens
// and apostrophes.
func isWordLower(w string) bool {
	for _, r := range w {
		if !(r >= 'a' && r <= 'z' || r == '-' || r == '\'' || r == '’' || r > 0x7f && r != '”' && r != '“') {
			return false
		}
	}
	return w != ""
}

// isAdjectiveLike reports whether a phrase's last word is no noun: "the
// same", "a little".
func isAdjectiveLike(w string) bool {
	switch w {
	case "little", "old", "young", "other", "same", "former", "latter", "poor", "dear", "good", "elder", "younger", "eldest", "youngest":
		return true
	}
	return false
}

// kinTitles give the title a kinsman shares the possessor's surname
// under: "his wife" of Mr. Hollis is Mrs Hollis.
var kinTitles = map[string]string{
	"wife": "Mrs", "lady": "Mrs", "husband": "Mr", "mother": "Mrs", "father": "Mr",
}

// descGender gives a description's head noun its gender.
var descGender = map[string]byte{}

func init() {
	for w := range auxiliaries {
		descStop[w] = true // "his mother had replied"
	}
	for _, w := range strings.Fields(`man gentleman boy lad father husband son brother uncle king prince lord sir master fellow
		gentlemen nephew grandfather squire parson priest monk duke earl count baron youth stranger-man old-man
		clergyman vicar rector curate bishop friar abbot monk hermit butler footman coachman groom bridegroom
		landlord innkeeper farmer ploughman shepherd fisherman sailor soldier sergeant corporal captain colonel
		general officer schoolmaster headmaster chap gentleman-farmer papa dad daddy grandpa widower bachelor
		emperor sultan tsar czar pope knight baronet marquis viscount nobleman workman labourer laborer
		policeman constable postman waiter porter tailor smith blacksmith carpenter miller merchant`) {
		descGender[w] = 'm'
	}
	for _, w := range strings.Fields(`woman lady girl mother wife daughter sister aunt queen princess maid maiden widow niece
		grandmother mistress nurse hostess landlady housekeeper duchess countess baroness lass
		mamma mama mammy mummy mum grandma granny bride spinster governess nun abbess matron
		maidservant servant-girl handmaiden waitress actress seamstress dame madam empress marchioness
		schoolmistress heroine girlfriend lassie damsel wench`) {
		descGender[w] = 'f'
	}
}

// kinName reads "his wife", "her husband" as the possessor's spouse or
// parent under the possessor's surname, when the possessor is a person the
// text names by surname: "Mrs Hollis".
func (q *qdoc) kinName(ts []token, i, end int) string {
	if end != i+1 {
		return ""
	}
	title, ok := kinTitles[lower(ts[end].w)]
	if !ok {
		return ""
	}
	g := possessives[lower(ts[i].w)]
	if g != 'm' && g != 'f' {
		return ""
	}
	name := q.resolve(mention{s: ts[i].s, e: ts[i].e, raw: lower(ts[i].w), typ: mPronoun, gender: g}, 0)
	if name == "" && q.cur != nil {
		// "“My dear Mr. Hollis,” said his lady to him": the one she speaks
		// to is the one she is the wife of
		if v := q.vocative(q.cur); v != "" && q.nameGender(v) == g {
			name = v
		} else {
			// "“Shall we take the coast road?” he asked. / “The coast
			// road is flooded,” cried his wife": the wife of the one of
			// his sex who spoke last
			name = q.recentSpeaker(q.cur, g)
		}
	}
	ws := nameWords(name)
	if len(ws) == 0 {
		return ""
	}
	sur := ws[len(ws)-1]
	if len(ws) == 1 {
		if _, ok := q.al.full[lower(sur)]; !ok || q.al.byFirst(sur) != "" {
			return ""
		}
	}
	return title + " " + sur
}

// nameGender gives a speaker's name or description its gender: a title,
// a description's head noun, or the pronouns that follow the person's
// mentions.
func (q *qdoc) nameGender(n string) byte {
	ws := strings.Fields(n)
	if len(ws) == 0 {
		return 0
	}
	if maleTitles[ws[0]] {
		return 'm'
	}
	if femaleTitles[ws[0]] {
		return 'f'
	}
	if descDeterminers[ws[0]] {
		return descGender[ws[len(ws)-1]]
	}
	if g := givenNameGender(n); g != 0 {
		return g
	}
	if q.gender == nil {
		q.learnGender()
	}
	return q.gender[n]
}

// recentSpeaker returns the speaker of the nearest quotation before c, in
// the last few, whose gender is g: "she returned" in a dialogue is the
// woman who spoke last.
func (q *qdoc) recentSpeaker(c *cand, g byte) string {
	if rs := q.recentSpeakers(c, g); len(rs) > 0 {
		return rs[0]
	}
	return ""
}

// recentSpeakers returns the speakers of gender g among the last few
// quotations before c, the nearest first.
func (q *qdoc) recentSpeakers(c *cand, g byte) []string {
	var out []string
	seen := 0
	for i := c.idx - 1; i >= 0 && seen < 6; i-- {
		o := q.cands[i]
		if o.depth > 0 || o.scare || o.speaker == "" {
			continue
		}
		if c.s-o.e > 3000 {
			break
		}
		seen++
		if q.nameGender(o.speaker) == g {
			out = append(out, o.speaker)
		}
	}
	return out
}

// isDesc reports whether a speaker found from m is a description, not a
// name.
func isDesc(m mention, speaker string) bool {
	if m.typ != mDesc {
		return false
	}
	ws := strings.Fields(speaker)
	return len(ws) > 0 && descDeterminers[ws[0]]
}

// subjectBefore gives a cue-less quotation the person its narration has
// just made the subject: "Elizabeth smiled. “…”" in one paragraph, or a
// one-sentence paragraph of narration ("Tuppence sighed.") right before a
// quotation opening its own.
func (q *qdoc) subjectBefore(c *cand) string {
	if c.para < 0 || c.depth > 0 {
		return ""
	}
	lo := q.paras[c.para][0]
	ss := sentStart(q.text, c.s, lo)
	if strings.TrimSpace(q.text[ss:c.s]) != "" {
		return ""
	}
	var s, e int
	switch {
	case ss > lo:
		e = ss
		s = sentStart(q.text, max(lo, ss-2), lo)
	case c.para > 0:
		p := q.paras[c.para-1]
		if p[1]-p[0] > 240 || p[1] > c.s || sentStart(q.text, max(p[0], p[1]-2), p[0]) != p[0] {
			return ""
		}
		s, e = p[0], p[1]
	default:
		return ""
	}
	if strings.ContainsAny(q.text[s:e], "“”\"«»‘’") && strings.ContainsAny(q.text[s:e], "“”\"«»") {
		return ""
	}
	if titleCase(q.text[s:e]) {
		return "" // a heading: "The Missing Heir."
	}
	ms := q.mentionsIn(s, e)
	if len(ms) == 0 {
		return ""
	}
	m := ms[0]
	if m.pp || m.s-s > 12 || strings.ContainsAny(q.text[s:m.s], ",;:") {
		return ""
	}
	switch m.typ {
	case mPerson:
		return speakerName(q.al.canon(m))
	case mOther:
		if q.known(m) {
			return speakerName(q.al.canon(m))
		}
	case mPronoun:
		if m.gender == 'm' || m.gender == 'f' {
			return q.resolve(m, 0)
		}
	}
	return ""
}

// lyAdjectives end like adverbs but describe people.
var lyAdjectives = set(`elderly lovely ugly friendly lonely kindly stately burly surly portly sickly holy jolly silly curly
homely comely manly womanly saintly ghostly deathly gentlemanly scholarly worldly`)

// adverb reports whether w reads as an adverb in -ly.
func adverb(w string) bool {
	return strings.HasSuffix(w, "ly") && !lyAdjectives[w]
}

// descKey is the form in which a description stands for one voice: "a
// girl" is "the girl" met again.
func descKey(d string) string {
	for _, a := range []string{"a ", "an "} {
		if strings.HasPrefix(d, a) {
			return "the " + d[len(a):]
		}
	}
	return d
}
