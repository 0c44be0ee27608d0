package quotes

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/extract"
	"github.com/quellen/quellen/internal/names"
)

// Mention types.
const (
	mPerson  = 'p'
	mOrg     = 'o'
	mRole    = 'r' // "the Chairman"
	mPronoun = 'n'
	mOther   = 'x' // a capitalised name of unknown type (a place, a surname)
)

// mention is a name, role or pronoun in the text that may be a speaker.
type mention struct {
	s, e   int
	raw    string // as written, without a title
	canon  string // the canonical name, "" until resolved
	typ    byte
	gender byte   // m, f, p, i, 0
	pp     bool   // the object of a preposition
	title  string // the title before a name, without its period: "Mrs"
}

// token is a word of the text.
type token struct {
	s, e int
	w    string
}

// tokens splits text[lo:hi] into words: letters and digits with inner
// apostrophes and hyphens, a title's or an initial's period kept.
func tokens(text string, lo, hi int, out []token) []token {
	i := lo
	for i < hi {
		if c := text[i]; c < utf8.RuneSelf {
			if !asciiAlnum[c] {
				i++
				continue
			}
		} else if r, n := utf8.DecodeRuneInString(text[i:]); !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			i += n
			continue
		}
		s := i
		_, n := utf8.DecodeRuneInString(text[i:])
		i += n
		for i < hi {
			c := text[i]
			if c < utf8.RuneSelf && asciiAlnum[c] {
				i++
				continue
			}
			r, n := rune(c), 1
			if c >= utf8.RuneSelf {
				r, n = utf8.DecodeRuneInString(text[i:])
				if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) {
					i += n
					continue
				}
			}
			if (r == '\'' || r == '’' || r == '-') && i+n < hi {
				r2, _ := utf8.DecodeRuneInString(text[i+n:])
				if unicode.IsLetter(r2) {
					i += n
					continue
				}
			}
			break
		}
		e := i
		if e < hi && text[e] == '.' {
			w := text[s:e]
			if titleDot(w) || isInitial(w) {
				e++
				i = e
			}
		}
		out = append(out, token{s, e, text[s:e]})
	}
	return out
}

// titleDot reports whether w followed by a period is a title ("Mr.",
// "Capt."), without allocating for short ASCII words.
func titleDot(w string) bool {
	if len(w) >= 31 {
		return titles[strings.ToLower(w)+"."]
	}
	var buf [32]byte
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 0x80 {
			return titles[strings.ToLower(w)+"."]
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	buf[len(w)] = '.'
	return titles[string(buf[:len(w)+1])]
}

// asciiAlnum marks the ASCII letters and digits.
var asciiAlnum = func() (t [utf8.RuneSelf]bool) {
	for c := 0; c < utf8.RuneSelf; c++ {
		t[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
	}
	return
}()

// isInitial reports whether w is one capital letter, or capitals joined by
// hyphens (P.-E. is read as "P" "-E").
func isInitial(w string) bool {
	w = strings.TrimSuffix(w, ".")
	r, n := utf8.DecodeRuneInString(w)
	return n == len(w) && unicode.IsUpper(r)
}

func isCap(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

func lower(w string) string { return strings.ToLower(w) }

// sentenceInitial reports whether the token at s begins a sentence.
func sentenceInitial(text string, s, lo int) bool {
	for k := s - 1; k >= lo && k >= s-12; k-- {
		c := text[k]
		switch {
		case c == ' ' || c == '\t' || c == '"' || c == '\'' || c == '(' || c == '[' || c == ')' || c == ']':
			continue
		case c == '\n':
			// a line break: a new paragraph or a wrapped line; look on.
			continue
		case c == '.' || c == '!' || c == '?' || c == ':' || c == ';':
			return true
		case c >= 0x80:
			// “ « ‘ — and friends
			r, n := utf8.DecodeLastRuneInString(text[:k+1])
			if strings.ContainsRune("“”«»‘’„—–…", r) {
				k -= n - 1 // the rune's first byte
				continue
			}
			return false
		default:
			return false
		}
	}
	return true
}

// maxNameWords bounds a name's length in words.
const maxNameWords = 14

// findMentions collects the names, roles and pronouns of the document:
// the entities layer's persons and organisations where it ran, else names
// found by capitalisation; roles and pronouns always.
func findMentions(d *extract.Doc) ([]mention, []token) { return findMentionsInto(d, nil) }

// findMentionsInto is findMentions, the tokens appended to toks[:0] (a
// slice of an earlier document's, taken from a pool).
func findMentionsInto(d *extract.Doc, toks []token) ([]mention, []token) {
	text := d.Text
	var ms []mention
	ents := d.Of(quellen.KindEntity)
	prs := paraRanges(d)
	n := 0
	for _, p := range prs {
		n += p[1] - p[0]
	}
	if cap(toks) < n/5+16 {
		toks = make([]token, 0, n/5+16)
	}
	toks = toks[:0]
	for _, p := range prs {
		toks = tokens(text, p[0], p[1], toks)
	}
	roles := rolesAndPronouns(text, toks)
	if len(ents) > 0 {
		ms = make([]mention, 0, len(ents)+len(roles)) // room to merge the roles in
		for _, f := range ents {
			typ := f.Attrs.String("type")
			var k byte
			switch typ {
			case "person":
				k = mPerson
			case "org":
				k = mOrg
			default:
				continue
			}
			raw := f.Attrs.String("raw")
			if raw == "" {
				raw = f.Text
			}
			ms = append(ms, mention{s: f.Clean.Start, e: f.Clean.End, raw: raw, canon: f.Attrs.String("canonical"), typ: k})
		}
	} else {
		ms = capNames(text, toks, capContext(text, toks))
	}
	ms = mergeMentions(ms, roles)
	// drop roles and pronouns inside a name span
	out := ms[:0]
	end := -1
	for _, m := range ms {
		if m.s < end && (m.typ == mRole || m.typ == mPronoun) {
			continue
		}
		out = append(out, m)
		end = max(end, m.e)
	}
	ms = out
	markPrepositions(text, ms)
	return ms, toks
}

// mergeMentions returns a and b in one list ordered by start, a's before
// b's at one start, as a stable sort of a then b orders them: merged where
// each is in order, sorted where not.
func mergeMentions(a, b []mention) []mention {
	byStart := func(x, y mention) int { return x.s - y.s }
	if len(b) == 0 && slices.IsSortedFunc(a, byStart) {
		return a
	}
	if !slices.IsSortedFunc(a, byStart) || !slices.IsSortedFunc(b, byStart) {
		out := append(a, b...)
		slices.SortStableFunc(out, byStart)
		return out
	}
	if cap(a) >= len(a)+len(b) {
		// in place, from the ends: at one start, b's go after a's
		out := a[:len(a)+len(b)]
		i, j := len(a)-1, len(b)-1
		for k := len(out) - 1; j >= 0; k-- {
			if i >= 0 && a[i].s > b[j].s {
				out[k] = a[i]
				i--
			} else {
				out[k] = b[j]
				j--
			}
		}
		return out
	}
	out := make([]mention, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		if b[j].s < a[i].s {
			out = append(out, b[j])
			j++
		} else {
			out = append(out, a[i])
			i++
		}
	}
	out = append(out, a[i:]...)
	return append(out, b[j:]...)
}

// capCtx is what capNames knows of the capitalised words of the text.
type capCtx struct {
	// mid: capitalised words seen inside sentences: a sentence's first
	// word is a name only if it also appears there.
	mid map[string]bool
	// low: the lower-case forms of capitalised words, lowSeen once the
	// word is seen in lower case ("Finally", "Upon", "Honest"), lowNoun
	// after an article ("the parson")
	low map[string]byte
}

func capContext(text string, toks []token) capCtx {
	mid := map[string]bool{}
	// low: the lower-case forms of capitalised sentence-initial words, true
	// once the word is seen in lower case ("Finally", "Upon", "Honest")
	low := map[string]byte{}
	var filter [32]uint32 // a bit for each (length, first letter) in low
	tried := map[string]struct{}{}
	for i, t := range toks {
		if !isCap(t.w) {
			continue
		}
		if i > 0 && !sentenceInitial(text, t.s, 0) {
			mid[strings.TrimSuffix(strings.TrimSuffix(t.w, "'s"), "’s")] = true
		}
		if c := t.w[0]; c >= 'A' && c <= 'Z' && len(t.w) < 32 {
			if _, ok := tried[t.w]; ok {
				continue
			}
			tried[t.w] = struct{}{}
			if !inSet(stopCaps, t.w) {
				low[lower(t.w)] = 0
				filter[len(t.w)] |= 1 << (c - 'A')
			}
		}
	}
	for i, t := range toks {
		if c := t.w[0]; c >= 'a' && c <= 'z' && len(t.w) < 32 && filter[len(t.w)]&(1<<(c-'a')) != 0 {
			if v, ok := low[t.w]; ok && v < lowNoun {
				if i > 0 && (inSet(articles, toks[i-1].w) || lookup(possessives, toks[i-1].w) != 0) {
					low[t.w] = lowNoun // "the parson": a noun, maybe a title
				} else if v == 0 {
					low[t.w] = lowSeen
				}
			}
		}
	}
	return capCtx{mid: mid, low: low}
}

// What a capitalised word's lower-case form is in the text: unseen, seen,
// seen as a noun after an article or a possessive.
const (
	lowSeen = 1
	lowNoun = 2
)

// capNames finds names by capitalisation: runs of capitalised words (with
// particles and initials), a title before one making it a person.
func capNames(text string, toks []token, cc capCtx) []mention {
	mid, low := cc.mid, cc.low
	var ms []mention
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if !isCap(t.w) || t.w == "I." && i > 0 && isSpeechVerb(toks[i-1].w) {
			continue // "said I.": the pronoun, not an initial
		}
		title := ""
		j := i
		if inSet(titles, t.w) {
			if j+1 < len(toks) && isCap(toks[j+1].w) && joinable(text, t, toks[j+1]) {
				title = t.w
				j++
			} else {
				continue
			}
		}
		k := j
		for k+1 < len(toks) && k-j < maxNameWords {
			nx := toks[k+1]
			if !joinable(text, toks[k], nx) || nx.w == "I" {
				break // "Chapter I Emma": the pronoun or a numeral ends a name
			}
			if isPossessive(toks[k].w) {
				break
			}
			if allCaps(nx.w) != allCaps(toks[k].w) && !isInitial(nx.w) && !isInitial(toks[k].w) {
				break // a heading in capitals runs into the text
			}
			if isCap(nx.w) && !inSet(titles, nx.w) {
				k++
				continue
			}
			if (inSet(nameParticles, nx.w) || inSet(connectors, nx.w)) && k+2 < len(toks) && joinable(text, nx, toks[k+2]) {
				// "of the State Diet": up to two connectors before a capital
				if isCap(toks[k+2].w) {
					k += 2
					continue
				}
				if inSet(connectors, toks[k+2].w) && k+3 < len(toks) && isCap(toks[k+3].w) && joinable(text, toks[k+2], toks[k+3]) {
					k += 3
					continue
				}
			}
			break
		}
		if k > j && toks[k].w == "I" {
			k-- // "… Maiden I On an evening": the pronoun, not a name
		}
		if title == "" && k+2 < len(toks) && romanNumeral(toks[k+1].w) && isCap(toks[k+2].w) && sentenceInitial(text, t.s, 0) &&
			joinable(text, toks[k], toks[k+1]) && joinable(text, toks[k+1], toks[k+2]) {
			// "The Wild Land I One January day", "Book First I Strether":
			// a heading and its chapter's numeral run into the text
			i = k + 1
			continue
		}
		// connectors belong to names of bodies only: cut a person's name at
		// the first one.
		hasOrg := false
		for x := j; x <= k; x++ {
			if inSet(orgHeads, toks[x].w) {
				hasOrg = true
			}
		}
		if !hasOrg {
			for x := j + 1; x <= k; x++ {
				if inSet(connectors, toks[x].w) {
					k = x - 1
					break
				}
			}
		}
		if title == "" {
			// a heading in capitals before a name ("SCANDAL IN BOHEMIA To
			// Sherlock Holmes"): the name is what follows the capitals
			for x := k - 1; x >= j; x-- {
				if allCaps(toks[x].w) && !allCaps(toks[x+1].w) {
					j = x + 1
					for j < k && isInitial(toks[j].w) {
						j++ // a numeral: "BOHEMIA I. To"
					}
					break
				}
			}
		}
		for j < k && title == "" && inSet(stopCaps, toks[j].w) {
			j++ // "While Mary", "To Sherlock Holmes"
		}
		first := toks[j]
		verbNext := k+1 < len(toks) && !isCap(toks[k+1].w) && isSpeechVerb(toks[k+1].w) && joinable(text, toks[k], toks[k+1])
		if title == "" && sentenceInitial(text, first.s, 0) {
			bare := strings.TrimSuffix(strings.TrimSuffix(first.w, "'s"), "’s")
			if inSet(stopCaps, first.w) || (k == j && !verbNext && !mid[bare] && names.Gender(bare) == 0) ||
				k > j && !mid[bare] && names.Gender(first.w) == 0 && (lookup(low, first.w) == lowSeen || notNameWord(first.w)) {
				// "Finally Tom", "Honest Jemima": a word the text writes in
				// lower case, capitalised only as a sentence's first
				if k == j {
					i = k
					continue
				}
				j++
				first = toks[j]
			}
		}
		if title == "" && k == j && (inSet(stopCaps, first.w) || isAllCapsLong(first.w) && !verbNext) {
			i = k
			continue
		}
		if k > j && headingRun(toks[j:k+1]) {
			i = k
			continue // a heading, not a name
		}
		if title == "" && k > j && lowerWords(toks[j:k+1], low) {
			i = k
			continue // "the Big Country": words of the text, capitalised
		}
		if inSet(placeHeads, toks[k].w) && title == "" {
			i = k
			continue // Fourth Avenue, Stagfoot Lane
		}
		if title == "" && inSet(roleNouns, toks[k].w) && !hasOrg {
			i = k
			continue // "the Prime Minister": a role, found below
		}
		end := toks[k].e
		if isPossessive(toks[k].w) {
			end -= len("'s")
			if strings.HasSuffix(toks[k].w, "’s") {
				end = toks[k].e - len("’s")
			}
		}
		raw := text[first.s:end]
		ms0 := first.s
		if title != "" {
			ms0 = toks[i].s
		}
		m := mention{s: ms0, e: end, raw: raw, typ: mOther}
		if title != "" {
			m.typ = mPerson
			m.title = strings.TrimSuffix(title, ".")
			if maleTitles[title] || inSet(maleTitles, title) {
				m.gender = 'm'
			} else if femaleTitles[title] || inSet(femaleTitles, title) {
				m.gender = 'f'
			}
		}
		for x := j; x <= k; x++ {
			if inSet(orgHeads, trimPossessive(toks[x].w)) {
				m.typ = mOrg
			}
		}
		// "the Mensheviks": a capitalised plural after "the" is a body.
		if m.typ == mOther && k == j && strings.HasSuffix(first.w, "s") && i > 0 && strings.EqualFold(toks[i-1].w, "the") {
			m.typ = mOrg
		}
		if m.typ == mOther && i == j && i > 0 && strings.EqualFold(toks[i-1].w, "the") && !isPossessive(toks[k].w) {
			// "the Lusitania", "the Admiral Benbow": a ship, an inn, a
			// place; no one is called "the" and a name
			i = k
			continue
		}
		if m.typ == mOther && k > j {
			m.typ = mPerson
		}
		ms = append(ms, m)
		i = k
	}
	return ms
}

// lowerWords reports whether every word of a run is one the text also
// writes in lower case, none of them a given name.
func lowerWords(ts []token, low map[string]byte) bool {
	for _, t := range ts {
		if lookup(low, t.w) == 0 || names.Gender(t.w) != 0 {
			return false
		}
	}
	return true
}

// headingRun reports whether a run of capitalised words is a heading in
// capitals: every word in capitals or an initial, one at least a word.
func headingRun(ts []token) bool {
	word := false
	for _, t := range ts {
		switch {
		case allCaps(t.w):
			word = true
		case isInitial(t.w):
		default:
			return false
		}
	}
	return word
}

func isAllCapsLong(w string) bool {
	if utf8.RuneCountInString(w) < 5 {
		return false
	}
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
	}
	return true
}

// joinable reports whether two tokens are separated by one space (or a
// line break), so that they may belong to one name.
func joinable(text string, a, b token) bool {
	g := text[a.e:b.s]
	return g == " " || g == "\n" || g == "\u00a0" || g == "-" || g == " \n" || g == "\n\n"
}

// rolesAndPronouns finds "the Chairman", "le ministre", and subject
// pronouns.
func rolesAndPronouns(text string, toks []token) []mention {
	var ms []mention
	for i, t := range toks {
		if t.w == "I." {
			// "said I.": the pronoun at a sentence's end, read as an initial
			ms = append(ms, mention{s: t.s, e: t.s + 1, raw: "I", typ: mPronoun, gender: 'i'})
			continue
		}
		if !rolePronFilter.maybe(t.w) && (len(t.w) < 2 || t.w[0]|0x20 != 'j') {
			continue
		}
		if g, ok := pronounOf(t.w); ok {
			if t.w == "i" {
				continue
			}
			ms = append(ms, mention{s: t.s, e: t.e, raw: t.w, typ: mPronoun, gender: g})
			continue
		}
		if len(t.w) > 1 && (t.w[0] == 'j' || t.w[0] == 'J') && (strings.HasPrefix(t.w[1:], "'") || strings.HasPrefix(t.w[1:], "’")) {
			ms = append(ms, mention{s: t.s, e: t.s + 1, raw: "je", typ: mPronoun, gender: 'i'})
			continue
		}
		if !roleFilter.maybe(t.w) || !inSet(roleNouns, t.w) {
			continue
		}
		lw := lower(t.w)
		// the article, with at most two words (adjectives) between.
		for back := 1; back <= 3 && i-back >= 0; back++ {
			a := lower(toks[i-back].w)
			if a == "the" || a == "le" || a == "la" || strings.HasPrefix(a, "l'") || strings.HasPrefix(a, "l’") || a == "der" || a == "die" {
				phrase := lower(text[toks[i-back+1].s:t.e])
				if back == 1 && (strings.HasPrefix(a, "l'") || strings.HasPrefix(a, "l’")) {
					phrase = lw
				}
				ms = append(ms, mention{s: toks[i-back].s, e: t.e, raw: text[toks[i-back].s:t.e], typ: mRole, canon: "", gender: 0, pp: false})
				ms[len(ms)-1].raw = phrase
				break
			}
			if roleNouns[a] || isCap(toks[i-back].w) && back > 1 {
				break
			}
		}
	}
	return ms
}

// markPrepositions sets pp on mentions that follow a preposition.
func markPrepositions(text string, ms []mention) {
	for i := range ms {
		m := &ms[i]
		k := m.s
		// the word before
		j := k
		for j > 0 && (text[j-1] == ' ' || text[j-1] == '\n') {
			j--
		}
		e := j
		for j > 0 {
			r, n := utf8.DecodeLastRuneInString(text[:j])
			if !unicode.IsLetter(r) && r != '\'' && r != '’' {
				break
			}
			j -= n
		}
		w := text[j:e]
		if inSet(articles, w) && j > 0 {
			// in the Dubrava cutting: look past the article
			k2 := j
			for k2 > 0 && (text[k2-1] == ' ' || text[k2-1] == '\n') {
				k2--
			}
			e2 := k2
			for k2 > 0 {
				r, n := utf8.DecodeLastRuneInString(text[:k2])
				if !unicode.IsLetter(r) {
					break
				}
				k2 -= n
			}
			if inSet(prepositions, text[k2:e2]) {
				m.pp = true
			}
		}
		if inSet(prepositions, w) || strings.HasPrefix(w, "d'") || strings.HasPrefix(w, "l'") || strings.HasPrefix(w, "D'") || strings.HasPrefix(w, "L'") {
			m.pp = true
		}
	}
}

// trimPossessive drops a possessive 's, in either case.
func trimPossessive(w string) string {
	for _, p := range []string{"'s", "’s", "'S", "’S"} {
		if strings.HasSuffix(w, p) {
			return w[:len(w)-len(p)]
		}
	}
	return w
}

func isPossessive(w string) bool {
	return len(w) > 2 && (strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s"))
}

func allCaps(w string) bool {
	n := 0
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n > 1
}

// romanNumeral reports whether w is a chapter's numeral in capitals (I to
// XXXIX), its period dropped.
func romanNumeral(w string) bool {
	w = strings.TrimSuffix(w, ".")
	if w == "" || len(w) > 6 {
		return false
	}
	for _, r := range w {
		if r != 'I' && r != 'V' && r != 'X' {
			return false
		}
	}
	return true
}

// notNameWord reports whether a capitalised word opening a sentence reads
// as an adverb or a compound of words in lower case, not a name, even where
// the text never writes it in lower case: "Finally Tom", "Suddenly
// Margaret", "Fifteen-year-old Jo".
func notNameWord(w string) bool {
	if len(w) > 5 && strings.HasSuffix(w, "ly") {
		return true
	}
	if i := strings.IndexByte(w, '-'); i > 0 {
		for _, p := range strings.Split(w[i+1:], "-") {
			if p != "" && p[0] >= 'a' && p[0] <= 'z' {
				return true
			}
		}
	}
	return false
}
