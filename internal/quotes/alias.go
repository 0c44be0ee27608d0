package quotes

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/quellen/quellen/internal/names"
)

// aliases is the document's own table of names: every mention of a person
// leads to one canonical name, the fullest the document gives ("Thorez",
// "Com. Thorez" and "Maurice Thorez" to "Maurice Thorez"; "JJM" to
// "Jean-Jacques Marie"; "Sir Henry" to "Henry Curtis"), and roles lead to
// the names set beside them ("the Chairman, Deputy T. Rudak"). A title
// keeps apart the people who share a surname: "Mrs. Hollis" is not "Mr.
// Hollis", nor "Mrs. Hilbery" her daughter "Katharine Hilbery".
type aliases struct {
	full  map[string]string // surname, lower case → fullest name
	score map[string]int
	roles map[string]string // role phrase → canonical name
	// appos: a possessive description the text sets before a name
	// ("his mother, Beatrice", "her cousin Florence") → that name, "" where
	// two names share it
	appos map[string]string
	acro  map[string]string // initials → full name
	tok   map[string]string // a word of one full name → that name
	first map[string]string // a given name of one full name → that name
	hypo  map[string]string // a pet form → the one full name it may be
	// surnames two people of the document share: a bare surname stays bare
	ambiguous map[string]bool
	// people: every full name (two words or more), each once
	people []*person
	bySur  map[string][]*person // surname, lower case → its people
	// titled: a one-word name written after a title, lower case → the
	// genders of its titles (a bit each: m, f)
	titled map[string]byte
	// kin: a title of kinship ("uncle", "aunt") → the one person the text
	// gives it ("Uncle John": John Linden), "" when two bear it
	kin map[string]string
	// bare: how often each word stands alone as a name, lower case
	bare map[string]int
}

// person is one full name of the document.
type person struct {
	name   string // the fullest form, without a title
	given  string // the first given name, lower case ("" for an initial)
	sur    string // the surname, lower case
	gender byte   // from a title or the given name; 0 unknown
	mrs    bool   // written after a married woman's title ("Mrs. Emma X")
}

// Gender bits of titled forms.
const (
	bitM = 1
	bitF = 2
)

// compatible reports whether two forms of a name can be one person: the
// given names of the shorter fit the longer's (equal, or an initial).
func compatible(a, b []string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	for _, w := range a[:len(a)-1] {
		ok := false
		for _, x := range b[:len(b)-1] {
			if sameGiven(w, x) || isInitialish(w) && strings.HasPrefix(x, strings.Trim(w, ".-")) || isInitialish(x) && strings.HasPrefix(w, strings.Trim(x, ".-")) {
				ok = true
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

func nameWords(s string) []string {
	return strings.Fields(s)
}

// nameScore ranks full forms: whole given names before initials, then
// length.
func nameScore(ws []string) int {
	n := 0
	for _, w := range ws {
		if isInitial(w) || strings.Contains(w, ".") {
			n++
		} else {
			n += 10
		}
	}
	l := len(ws) - 1
	for _, w := range ws {
		l += len(w)
	}
	return n*100 + l
}

// joinWords returns ws joined by spaces: name itself when it is so.
func joinWords(name string, ws []string) string {
	l := len(ws) - 1
	for _, w := range ws {
		l += len(w)
	}
	if l == len(name) {
		return name
	}
	return strings.Join(ws, " ")
}

// titleGender gives a title its gender, 0 when it has none.
func titleGender(t string) byte {
	switch {
	case t == "":
		return 0
	case maleTitles[t] || inSet(maleTitles, t):
		return 'm'
	case femaleTitles[t] || inSet(femaleTitles, t):
		return 'f'
	}
	return 0
}

// marriedTitle reports whether t is a married woman's title.
func marriedTitle(t string) bool {
	switch strings.ToLower(strings.TrimSuffix(t, ".")) {
	case "mrs", "madame", "mme", "frau", "mistress":
		return true
	}
	return false
}

// maidenTitle reports whether t is an unmarried woman's title: "Miss".
func maidenTitle(t string) bool {
	switch strings.ToLower(strings.TrimSuffix(t, ".")) {
	case "miss", "mlle", "mademoiselle", "fräulein":
		return true
	}
	return false
}

func genderBit(g byte) byte {
	switch g {
	case 'm':
		return bitM
	case 'f':
		return bitF
	}
	return 0
}

// nameForms is what buildAliases reads from a name: its words, the first
// and the last in lower case, the words joined by single spaces and the
// name's score as a full form.
type nameForms struct {
	ws        []string
	low0, key string
	joined    string
	score     int
}

func buildAliases(text string, ms []mention) *aliases {
	a := &aliases{full: map[string]string{}, score: map[string]int{}, roles: map[string]string{}, acro: map[string]string{},
		ambiguous: map[string]bool{}, bySur: map[string][]*person{}, titled: map[string]byte{}, bare: map[string]int{}}
	byName := map[string]*person{}
	// a name's words and the forms read from them, once a name: a text
	// names its people many times
	forms := map[string]*nameForms{}
	formsOf := func(name string) *nameForms {
		f := forms[name]
		if f == nil {
			f = &nameForms{ws: nameWords(name)}
			if len(f.ws) > 0 {
				f.low0, f.key = lower(f.ws[0]), lower(f.ws[len(f.ws)-1])
				f.joined, f.score = joinWords(name, f.ws), nameScore(f.ws)
			}
			forms[name] = f
		}
		return f
	}
	for _, m := range ms {
		if m.typ != mPerson && m.typ != mOther {
			continue
		}
		name := m.canon
		if name == "" {
			name = m.raw
		}
		f := formsOf(name)
		ws := f.ws
		if len(ws) == 0 {
			continue
		}
		tg := titleGender(m.title)
		if len(ws) == 1 {
			if m.title != "" {
				a.titled[f.low0] |= genderBit(tg)
			} else {
				a.bare[f.low0]++
				if m.typ != mPerson {
					continue
				}
			}
		}
		key := f.key
		if len(ws) >= 2 {
			if o, ok := a.full[key]; ok && !compatible(formsOf(o).ws, ws) {
				a.ambiguous[key] = true // two people share the surname
			}
			n := f.joined
			p := byName[n]
			if p == nil {
				p = &person{name: n, sur: key}
				if !isInitialish(ws[0]) {
					p.given = f.low0
				}
				p.gender = givenNameGender(p.given)
				byName[n] = p
				a.people = append(a.people, p)
				a.bySur[key] = append(a.bySur[key], p)
			}
			if tg != 0 {
				p.gender = tg
			}
			p.mrs = p.mrs || marriedTitle(m.title)
		}
		if len(ws) == 1 && m.title != "" {
			if _, ok := a.full[key]; ok {
				continue // "Mr. Hollis" names no fuller form
			}
		}
		if sc := f.score; sc > a.score[key] {
			a.score[key], a.full[key] = sc, f.joined
		}
	}
	for _, f := range a.full {
		var ini []rune
		for _, w := range strings.FieldsFunc(f, func(r rune) bool { return r == ' ' || r == '-' }) {
			r, _ := utf8.DecodeRuneInString(w)
			if unicode.IsUpper(r) {
				ini = append(ini, r)
			}
		}
		if len(ini) >= 2 && len(ini) <= 4 {
			a.acro[string(ini)] = f
		}
	}
	// kinsfolk the text calls by a title of kinship: "Uncle John"
	a.kin = map[string]string{}
	for _, m := range ms {
		if k := kinTitle(m.title); k != "" && (m.typ == mPerson || m.typ == mOther) {
			n := a.canon(m)
			if o, ok := a.kin[k]; ok && o != n {
				a.kin[k] = "" // two uncles
			} else if !ok {
				a.kin[k] = n
			}
		}
	}
	a.appos = map[string]string{}
	for _, m := range ms {
		if m.typ == mPerson || m.typ == mOther {
			for _, d := range [2]string{apposBefore(text, m.s), apposAfter(text, m.e)} {
				if d == "" {
					continue
				}
				n := a.canon(m)
				if o, ok := a.appos[d]; ok && o != n {
					a.appos[d] = ""
				} else if !ok {
					a.appos[d] = n
				}
			}
		}
	}
	// roles beside names
	var buf [16]token
	for i, m := range ms {
		if m.typ == mRole && i+1 < len(ms) {
			n := ms[i+1]
			if (n.typ == mPerson || n.typ == mOther) && n.s >= m.e && strings.TrimSpace(text[m.e:n.s]) == "," {
				if _, ok := a.roles[m.raw]; !ok {
					a.roles[m.raw] = a.canon(n)
				}
			}
		}
		if (m.typ == mPerson || m.typ == mOther) && m.e < len(text) {
			rest := text[m.e:min(len(text), m.e+60)]
			if !strings.HasPrefix(rest, ", ") {
				continue
			}
			ts := tokens(rest, 2, len(rest), buf[:0])
			for k := 0; k < len(ts) && k < 4; k++ {
				w := lower(ts[k].w)
				if roleNouns[w] {
					st := 0
					if lower(ts[0].w) == "the" || lower(ts[0].w) == "le" || lower(ts[0].w) == "la" {
						st = 1
					}
					if st > k {
						break
					}
					phrase := lower(rest[ts[st].s:ts[k].e])
					if _, ok := a.roles[phrase]; !ok {
						a.roles[phrase] = a.canon(m)
					}
					break
				}
				if !isCap(ts[k].w) && k > 0 && w != "the" {
					break
				}
			}
		}
	}
	// a role the text gives one person only as a title: "Dr. Walter
	// Pryce" is "the doctor", where no other doctor is named
	var byRole map[string][]mention // role → its titled mentions, one per name as written
	for _, m := range ms {
		if m.typ != mPerson && m.typ != mOther || m.title == "" {
			continue
		}
		r := titleRole(m.title)
		if r == "" {
			continue
		}
		if byRole == nil {
			byRole = map[string][]mention{}
		}
		dup := false
		for _, o := range byRole[r] {
			dup = dup || o.raw == m.raw
		}
		if !dup && len(byRole[r]) < 8 {
			byRole[r] = append(byRole[r], m)
		}
	}
	for r, titled := range byRole {
		if _, ok := a.roles[r]; ok || len(titled) == 8 {
			continue
		}
		n := a.canon(titled[0])
		for _, m := range titled[1:] {
			if a.canon(m) != n {
				n = ""
				break
			}
		}
		if n != "" {
			a.roles[r] = n
		}
	}
	return a
}

// titleRole gives the role noun a title stands for ("Dr" → "doctor"),
// or "".
func titleRole(t string) string {
	switch strings.TrimSuffix(t, ".") {
	case "Dr", "Doctor", "DR", "Docteur":
		return "doctor"
	case "Prof", "Professor":
		return "professor"
	case "Capt", "Captain":
		return "captain"
	case "Col", "Colonel":
		return "colonel"
	case "Gen", "General":
		return "general"
	case "Gov", "Governor":
		return "governor"
	case "Judge":
		return "judge"
	case "Bishop":
		return "bishop"
	}
	return ""
}

// canon returns the canonical name of a person mention.
func (a *aliases) canon(m mention) string {
	name := m.canon
	if name == "" {
		name = m.raw
	}
	if m.typ == mOrg {
		return name
	}
	ws := nameWords(name)
	if len(ws) == 0 {
		return name
	}
	if len(ws) == 1 {
		if f, ok := a.acro[ws[0]]; ok {
			return f
		}
		if m.title != "" {
			return a.titledName(ws[0], m.title)
		}
	}
	key := lower(ws[len(ws)-1])
	f, ok := a.full[key]
	if ok && a.ambiguous[key] && len(ws) == 1 {
		// a surname two people share; a given name of one of them
		if f := a.byFirst(ws[0]); f != "" {
			return f
		}
		return name
	}
	if !ok || len(ws) == 1 && len(a.bySur[key]) == 0 && a.byFirst(ws[0]) != "" {
		if len(ws) == 1 {
			// a given name alone: the one full name it begins
			if f := a.byFirst(ws[0]); f != "" {
				return f
			}
		}
		return name
	}
	if len(ws) == 1 && a.titled[key]&(bitM|bitF) == bitM|bitF {
		return name // Mr. and Mrs. Hollis: "Hollis" is either
	}
	fw := nameWords(f)
	// every given name or initial must fit one of the full form's
	for _, w := range ws[:len(ws)-1] {
		okw := false
		for _, x := range fw[:len(fw)-1] {
			if sameGiven(w, x) || (isInitialish(w) && strings.HasPrefix(x, strings.Trim(w, ".-"))) {
				okw = true
			}
		}
		if !okw && !titles[w] {
			return name
		}
	}
	if len(ws) == 1 && len(a.bySur[key]) == 1 {
		if p := a.bySur[key][0]; a.titled[key]&genderBit(p.gender) == 0 && a.titled[key] != 0 && p.gender != 0 {
			// "Hilbery" where the titled form is of the other sex than
			// the one full name: the titled one, as the text calls them
			return name
		}
	}
	return f
}

// titledName gives "Mrs. Hollis", "Sir Henry", "Miss Jemima" their
// canonical name: the one full name whose given name it is, or whose
// surname it is with a fitting sex; else the word, with its title when
// another person of the document bears that name.
func (a *aliases) titledName(w, title string) string {
	g := titleGender(title)
	lw := lower(w)
	fits := func(p *person) bool { return g == 0 || p.gender == 0 || p.gender == g }
	// a given name: "Sir Henry", "Mrs. Rachel"
	var one *person
	n := 0
	for _, p := range a.people {
		if p.given == lw && fits(p) {
			one = p
			n++
		}
	}
	if n == 1 {
		return a.canonFull(one.name)
	}
	if n == 0 {
		// a surname: "Mr. Thorez" is "Maurice Thorez"; "Mrs. X" only the
		// woman the text itself calls Mrs.
		one, n = nil, 0
		for _, p := range a.bySur[lw] {
			// a woman the text calls by her given name alone, in any form
			// of it ("Elizabeth" of Lizzy Marsh), is not the Mrs. of her
			// surname (her mother is)
			if !fits(p) || marriedTitle(title) && !p.mrs && a.calledBare(p.given) || !marriedTitle(title) && g == 'f' && p.mrs {
				continue
			}
			if maidenTitle(title) && p.given != "" && a.titled[p.given]&bitF != 0 {
				// "Miss Clarissa" beside "Miss Thornley": a younger
				// sister goes by her given name, the eldest by the
				// surname
				continue
			}
			one = p
			n++
		}
		if n == 1 && !a.ambiguousFor(lw, one) {
			return a.canonFull(one.name)
		}
		// a pet form of one given name: "Lord Harry" beside "Henry Wotton"
		if n == 0 {
			for _, p := range a.people {
				if p.given != "" && p.given != lw && sameGiven(p.given, lw) && fits(p) {
					if one != nil && !sameName(one.name, p.name) {
						one = nil
						break
					}
					one = p
				}
			}
			if one != nil && !a.givenTaken(lw) {
				return a.canonFull(one.name)
			}
		}
	}
	// the word alone, unless others bear it: Mr. and Mrs. Hollis; Mrs.
	// Hilbery beside Katharine Hilbery
	other := a.titled[lw]&^genderBit(g) != 0 || len(a.bySur[lw]) > 0
	if other && g != 0 {
		return strings.TrimSuffix(title, ".") + " " + w
	}
	return w
}

// ambiguousFor reports whether a surname's one fitting full name has a
// rival the surname may equally stand for.
func (a *aliases) ambiguousFor(sur string, p *person) bool {
	for _, o := range a.bySur[sur] {
		if o != p && !compatible(nameWords(o.name), nameWords(p.name)) && (o.gender == 0 || o.gender == p.gender) {
			return true
		}
	}
	return false
}

// sameName reports whether two full names can be one person's: one
// surname, fitting given names.
func sameName(a, b string) bool {
	wa, wb := nameWords(a), nameWords(b)
	return len(wa) > 0 && len(wb) > 0 && strings.EqualFold(wa[len(wa)-1], wb[len(wb)-1]) && compatible(wa, wb)
}

func isInitialish(w string) bool { return strings.Contains(w, ".") || isInitial(w) }

// speakerName is the name given as a speaker: the canonical name without
// bare initials ("T. Rudak" → "Rudak"), which match any given name.
func speakerName(s string) string {
	ws := nameWords(s)
	if len(ws) < 2 {
		return s
	}
	var keep []string
	for _, w := range ws[:len(ws)-1] {
		if strings.Contains(w, ".") && utf8.RuneCountInString(strings.Trim(w, ".-")) <= 2 {
			continue
		}
		keep = append(keep, w)
	}
	keep = append(keep, ws[len(ws)-1])
	return strings.Join(keep, " ")
}

// byToken returns the one full name holding w as a word ("parson" →
// "Parson Pybus"), or "".
func (a *aliases) byToken(w string) string {
	if a.tok == nil {
		a.tok = map[string]string{}
		for _, f := range a.full {
			for _, x := range nameWords(f) {
				k := lower(x)
				if len(k) < 3 || articles[k] || prepositions[k] || connectors[k] || titles[k] && !roleNouns[k] {
					continue
				}
				if o, ok := a.tok[k]; ok && o != f {
					a.tok[k] = "" // two people share it
				} else if !ok {
					a.tok[k] = f
				}
			}
		}
	}
	return lookup(a.tok, w)
}

// canonFull gives a full name the canonical form of its person: the
// surname's fullest form where that is a form of the same name ("Sir
// John" and "John Harlow" lead to "Jack Harlow" where the text
// first wrote that).
func (a *aliases) canonFull(name string) string {
	ws := nameWords(name)
	if len(ws) < 2 {
		return name
	}
	if f, ok := a.full[lower(ws[len(ws)-1])]; ok && f != name && sameName(f, name) {
		return f
	}
	return name
}

// givenTaken reports whether some full name of the document has the given
// name w itself: then w is that person's, not a pet form of another's.
func (a *aliases) givenTaken(w string) bool {
	a.byFirst(w)
	_, ok := lookup2(a.first, w)
	return ok
}

// byFirst returns the one full name whose first word is w, or "": w
// itself, else a pet form or spelling of w ("Carrie" for "Caroline
// Meeber", "Harry" for "Henry Wotton") where one person of the document
// has such a given name and none has w.
func (a *aliases) byFirst(w string) string {
	lw := lower(w)
	f := a.byFirstExact(lw)
	if f != "" {
		return a.canonFull(f)
	}
	if _, ok := a.first[lw]; ok || len(names.Groups(lw)) == 0 {
		return ""
	}
	if a.hypo == nil {
		a.hypo = map[string]string{}
	}
	if f, ok := a.hypo[lw]; ok {
		return f
	}
	one := ""
	for _, p := range a.people {
		if p.given == "" || !sameGiven(p.given, lw) {
			continue
		}
		n := a.canonFull(p.name)
		if one != "" && one != n && !sameName(one, n) {
			one = ""
			break
		}
		one = n
	}
	a.hypo[lw] = one
	return one
}

// byFirstExact returns the one full name whose first word is w (lower
// case), or "".
func (a *aliases) byFirstExact(w string) string {
	if a.first == nil {
		a.first = map[string]string{}
		for _, p := range a.people {
			if p.given == "" {
				continue
			}
			f := p.name
			if o, ok := a.first[p.given]; ok && o != f {
				if o != "" && sameName(o, f) {
					if len(f) > len(o) {
						a.first[p.given] = f
					}
				} else {
					a.first[p.given] = "" // two people share it
				}
			} else if !ok {
				a.first[p.given] = f
			}
		}
	}
	return a.first[w]
}

// kinTitle gives a title of kinship that a description may stand for
// ("Uncle" of "his uncle"), "" for any other title.
func kinTitle(t string) string { return lookup(kinOfTitle, t) }

// kinOfTitle gives the titles of kinship their kin.
var kinOfTitle = map[string]string{"uncle": "uncle", "aunt": "aunt", "aunty": "aunt", "auntie": "aunt"}

// apposBefore returns the possessive description of a person that stands
// right before a name at s, a comma between or none: "his mother,
// Beatrice", "her cousin Florence" → "his mother", "her cousin"; else "".
func apposBefore(text string, s int) string {
	lo := max(0, s-32)
	var buf [8]token
	ts := tokens(text, lo, s, buf[:0])
	if len(ts) < 2 {
		return ""
	}
	n, d := ts[len(ts)-1], ts[len(ts)-2]
	if gap := strings.TrimSpace(text[n.e:s]); gap != "" && gap != "," {
		return ""
	}
	if strings.TrimSpace(text[d.e:n.s]) != "" || !isWordLower(n.w) || descGender[n.w] == 0 {
		return ""
	}
	if g := lower(d.w); g != "his" && g != "her" && g != "my" && g != "their" || !isWordLower(d.w) && !isCap(d.w) {
		return ""
	}
	return lower(d.w) + " " + n.w
}

// apposAfter returns the description of a person set between commas
// right after a name ending at e: "Ada, her young maid, had" → "her young
// maid"; "Jonas Hale, the painter." → "the painter"; else "".
// The description must close there (a comma, a period, a semicolon) and
// end in a noun of a person of known sex, so that "Tom, the boy who" and
// "Jane, a book in her hand" give nothing.
func apposAfter(text string, e int) string {
	if e >= len(text) {
		return ""
	}
	rest := text[e:min(len(text), e+64)]
	t := strings.TrimLeft(rest, " ")
	if !strings.HasPrefix(t, ",") {
		return ""
	}
	lo := e + len(rest) - len(t) + 1
	if w := strings.TrimLeft(t[1:], " "); !strings.HasPrefix(w, "his ") && !strings.HasPrefix(w, "her ") && !strings.HasPrefix(w, "my ") &&
		!strings.HasPrefix(w, "the ") && !strings.HasPrefix(w, "their ") {
		return "" // the determiner in lower case, as a description has it
	}
	var buf [8]token
	ts := tokens(text, lo, min(len(text), lo+60), buf[:0])
	if len(ts) < 2 {
		return ""
	}
	for k := 1; k < len(ts) && k <= 3; k++ {
		w := ts[k].w
		if !isWordLower(w) || inSet(descStop, w) || inSet(descDeterminers, w) || isSpeechVerb(w) || strings.TrimSpace(text[ts[k-1].e:ts[k].s]) != "" {
			return ""
		}
		after := strings.TrimLeft(text[ts[k].e:min(len(text), ts[k].e+4)], " ")
		if after == "" || !strings.ContainsAny(after[:1], ",.;") {
			continue
		}
		if descGender[w] == 0 {
			return ""
		}
		ws := make([]string, 0, k+1)
		for _, t := range ts[:k+1] {
			ws = append(ws, lower(t.w))
		}
		return strings.Join(ws, " ")
	}
	return ""
}

// apposDesc gives a possessive description its person, where the text
// sets that description before one name only: "said his mother" of
// "his mother, Beatrice"; else "".
func (a *aliases) apposDesc(d string) string {
	return a.appos[d]
}

// kinDesc gives a description of kinship its person: "his uncle", "the
// aunt", where the text calls one person only "Uncle John"; else "".
func (a *aliases) kinDesc(d string) string {
	ws := strings.Fields(d)
	if len(ws) != 2 || !descDeterminers[lower(ws[0])] || lower(ws[0]) == "a" || lower(ws[0]) == "an" {
		return ""
	}
	k := kinTitle(ws[1])
	if k == "" {
		return ""
	}
	return a.kin[k]
}

// calledBare reports whether the text writes the given name g (lower
// case), or a pet form or spelling of it, alone as a name.
func (a *aliases) calledBare(g string) bool {
	if g == "" {
		return false
	}
	if a.bare[g] > 0 {
		return true
	}
	for w, n := range a.bare {
		if n > 0 && w != g && sameGiven(w, g) {
			return true
		}
	}
	return false
}
