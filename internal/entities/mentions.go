package entities

import (
	"github.com/quellen/quellen/internal/translit"
	"strings"
	"unicode"
	"unicode/utf8"
)

var pubContext = set(`article articles newspaper newspapers paper papers journal journals daily weekly editor editors columns colonnes
	parut paru publié publiée publia published publishes publish correspondent issue numéro gazette organ organe`)

// adjectives that, capitalised alone, name nothing.
var capAdjectives = set(`one two three four five six seven eight nine ten twenty hundred thousand million dollars pounds francs shillings
	un deux trois quatre cinq six sept huit neuf dix cent cents mille
	vice chief deputy acting honourable honorable
	fourth fifth sixth seventh eighth ninth tenth
	imperial royal national federal central northern southern eastern western social democratic republican socialist
	communist liberal conservative radical old new great upper lower greater little holy high supreme general civil
	technical official public private first second third last`)

// personNouns before "de X" make X a person (la lettre de X, le fils de X).
var personNouns = set(`lettre lettres article livre fils fille femme mari veuve frère soeur père mère ami amis discours télégramme
	mémoires récit nom maison famille part côté avis opinion thèse rapport déposition témoignage réponse cabinet secrétaire`)

// lowerPlaces before "de X" make "canton de X" one place.
var lowerPlaces = set(`canton cantons département ville village commune quartier rue place pont quai lac mont col vallée île port
	province région district cathédrale église château gare boulevard avenue faubourg`)

// saysVerbs after a capitalised word at a sentence start make it a name (Brisk writes).
var saysVerbs = set(`says said writes wrote asks asked answers answered replies replied declares declared argues argued asserts asserted
	insists insisted adds added claims claimed dit écrit déclara répondit affirme ajouta`)

var romans = set(`i ii iii iv v vi vii viii ix x xi xii xiii xiv xv xvi xvii xviii xix xx xxi`)

// saintAt says whether ts[i] is St. before a name (St. Louis).
func saintAt(ts []tok, i int) bool {
	if ts[i].f != "st" || !ts[i].cap || i+1 >= len(ts) {
		return false
	}
	if ts[i+1].w == "." {
		return ts[i+1].s == ts[i].e && i+2 < len(ts) && capWord(&ts[i+2])
	}
	return capWord(&ts[i+1]) && !ts[i+1].initial
}

// subjectVerbs, after a capitalised word opening a sentence, make it the
// subject of a verb a person does (Dabbs would tackle, Hilderbrant had lighted);
// none is also a plural noun (states, notes).
var subjectVerbs = set(`said says wrote writes asked replied answered declared added told had has was would could did went came gave took`)

// keptStop are the function words and months that may end a name (Henry I, Theresa May).
var keptStop = map[string]bool{"i": true, "may": true, "march": true, "august": true, "mai": true, "mars": true, "juin": true}

// add records the candidate ts[nameStart:j) (titles from start).
func (x *run) add(pi int, ts []tok, start, nameStart, j int, titled bool, lang string, caps bool) {
	// Leading function words at a sentence start: The, In, This.
	for nameStart < j && ts[nameStart].is(lxStop) && !ts[nameStart].initial && !(titled && ts[nameStart].is(lxParticle)) && !saintAt(ts, nameStart) {
		nameStart++
	}
	for nameStart < j && !ts[nameStart].word {
		nameStart++ // what the function words left: never a dot
	}
	// A common word at a sentence start: Probably Hugh Marlow.
	if nameStart < j-1 && ts[nameStart].sent && x.low(&ts[nameStart]) && !x.g.Given(ts[nameStart].w) {
		nameStart++
	}
	// Leading role nouns: Prime Minister Smith, Engineer Sveshnikov.
	for nameStart < j-1 && (ts[nameStart].is(lxRoleNoun) || ts[nameStart].is(lxPersonTitle)) && !ts[nameStart+1].is(lxOrgHead) {
		nameStart++
		titled = true
	}
	if nameStart >= j {
		return
	}
	// Trailing connectors cannot end a name.
	for j > nameStart+1 && !capWord(&ts[j-1]) && (ts[j-1].is(lxConnector) || ts[j-1].is(lxParticle)) {
		j--
	}
	// Nor a weekday, a month or a function word (Pullman Monday, Florence Saturday), nor, in a
	// name without a head word, title or initial, a word the document writes in lower case
	// (Detroit Limestone formations, Elizabeth Citizens).
	if !titled && !caps && j > nameStart+1 {
		given := x.g.Given(ts[nameStart].w)
		head := false
		for k := nameStart; k < j; k++ {
			if ts[k].initial || ts[k].is(lxOrgHead|lxPlaceHead|lxPlaceFacility|lxPublication|lxConnector|lxKeptTitle) {
				head = true
			}
		}
		for j > nameStart+1 && ts[j-1].cap && !ts[j-1].initial && !ts[j-1].is(lxOrgHead|lxCompanyForm) && (ts[j-1].is(lxStop) && !keptStop[ts[j-1].f] || (!head && !given && x.low(&ts[j-1]))) {
			if _, known := x.lookup(x.d.Text[ts[nameStart].s:ts[j-1].e]); known {
				break // United States
			}
			j--
		}
	}
	s, e := ts[nameStart].s, ts[j-1].e
	if ts[j-1].initial && j-1 == nameStart && !(titled && start < nameStart) && !(start == nameStart && !caps && lowerTitleBefore(ts, nameStart) >= 0) {
		return // a lone initial (but Capt. J., Mrs. O.)
	}
	// One hyphenated token of two names: Velgrad-Marienhaven.
	if j == nameStart+1 && !titled {
		if parts := splitCompound(ts[nameStart].w, x); len(parts) == 2 {
			off := ts[nameStart].s
			for _, p := range parts {
				x.push(&mention{s: off + p[0], e: off + p[1], words: []string{ts[nameStart].w[p[0]:p[1]]}, para: pi, sent: ts[nameStart].sent && p[0] == 0, allCaps: caps, titleS: -1})
			}
			return
		}
	}
	m := mention{s: s, e: e, titled: titled, para: pi, sent: ts[nameStart].sent && start == nameStart, allCaps: caps, titleS: -1, en: lang == "en"}
	if start < nameStart && titled {
		m.titleS = ts[start].s
	} else if k := lowerTitleBefore(ts, nameStart); k >= 0 && start == nameStart && !caps {
		// A title in lower case (captain Johnson, the hon. James Townsend).
		m.titleS = ts[k].s
		m.titled = true
	}
	// French lower-case heads before the name: hôtel Terminus, commission d'enquête de la Diète, canton de Vaud.
	if nameStart > 0 && ts[nameStart-1].is(lxLowerFacility) && !ts[nameStart-1].cap && ts[nameStart-1].word {
		m.s = ts[nameStart-1].s
		nameStart--
	} else if nameStart > 1 && (ts[nameStart-1].f == "de" || ts[nameStart-1].f == "d'" || ts[nameStart-1].f == "du") && ts[nameStart-2].is(lxLowerPlace) && !ts[nameStart-2].cap {
		m.s = ts[nameStart-2].s
		nameStart -= 2
		m.placeCue += 2
	} else if k := x.lowerHeadBefore(ts, nameStart); k >= 0 {
		m.s = ts[k].s
		nameStart = k
	}
	// The words, as written, folded and classed (the tokenizer's).
	n := j - nameStart
	m.words, m.fw, m.fc, m.fi = x.strs(n), x.strs(n), x.lxs(n), x.idList(n)
	for k := nameStart; k < j; k++ {
		t := &ts[k]
		m.words = append(m.words, t.w)
		m.fw = append(m.fw, t.f)
		m.fc = append(m.fc, t.lists())
		m.fi = append(m.fi, x.tokID(t))
	}
	// The model's features of each capitalised token.
	m.nbf = x.nbToks(j - nameStart)
	for k := nameStart; k < j; k++ {
		if !capWord(&ts[k]) {
			continue
		}
		prev, next := "", ""
		var pi, ni int32
		if k > 0 {
			prev, pi = ts[k-1].f, x.tokID(&ts[k-1])
		} else {
			pi = x.id("")
		}
		if k+1 < len(ts) {
			next, ni = ts[k+1].f, x.tokID(&ts[k+1])
		} else {
			ni = x.id("")
		}
		m.nbf = append(m.nbf, nbTok{ts[k].w, ts[k].f, prev, next, ts[k].sent, x.tokID(&ts[k]) + 1, pi + 1, ni + 1})
	}
	// Cues from the context.
	if nameStart > 0 {
		p := &ts[nameStart-1]
		pw := p.f
		possessive := false
		if j+1 < len(ts) && ts[j+1].f == "s" {
			r, _ := utf8.DecodeRuneInString(ts[j].w)
			possessive = isApos(r)
		}
		afterName := nameStart >= 2 && ts[nameStart-2].cap && ts[nameStart-2].word // Penrose to Curzon
		if p.word && p.is(lxPlacePrep) && !possessive && !afterName {
			m.placeCue++
		}
		// French "de X" after a common noun: la ville de X, le canton de X (but not la lettre de X).
		if (pw == "de" || pw == "d'") && lang == "fr" && nameStart >= 2 && ts[nameStart-2].word && !ts[nameStart-2].cap && !ts[nameStart-2].is(lxPersonNoun) && !m.titled {
			m.placeCue++
		}
		// A dateline: PARIS, 12 mai. / BERNE. —
		if ts[nameStart].sent && nameStart == 0 && j < len(ts) && (ts[j].w == "," || ts[j].w == "." || ts[j].w == "—") && ts[nameStart].caps {
			m.placeCue += 2
		}
		// Plural capitals after an article are peoples and common nouns: les Arabes, the Allies.
		if (pw == "les" || pw == "des" || pw == "aux" || pw == "the") && j == nameStart+1 && !m.titled {
			if w := ts[nameStart].f; (strings.HasSuffix(w, "s") || strings.HasSuffix(w, "x")) && !ts[nameStart].is(lxOrgHead) &&
				!strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "os") && !strings.HasSuffix(w, "as") {
				m.plural = true
			}
		}
		// the Dubrava cutting, la section de Dubrava: a name used as a modifier is no person.
		if (pw == "the" || pw == "de") && j == nameStart+1 && j < len(ts) && ts[j].word && !ts[j].cap && !ts[j].is(lxSpeech) && pw == "the" {
			m.placeCue++
		}
		if p.word && !p.cap && p.is(lxRoleNoun|lxPersonTitle) {
			m.personCue++
		}
		if p.word && !p.cap && p.is(lxOrgHead) && j == nameStart+1 {
			m.orgCue = true // la banque Lemercier
		}
		// A newspaper: "the article in X", "parut dans X", "the newspaper X".
		if p.is(lxPubContext) && !p.cap {
			m.pubCue = true
		}
		if pw == "in" || pw == "dans" || pw == "du" {
			for k := max(nameStart-3, 0); k < nameStart-1; k++ {
				if ts[k].is(lxPubContext) {
					m.pubCue = true
				}
			}
		}
	}
	m.officeOf = officeBefore(ts, nameStart)
	if j < len(ts) {
		n := &ts[j]
		m.nextLower = n.word && !n.cap && !n.digit
		if n.word && n.is(lxSpeech) {
			m.personCue++
			m.verbAfter = subjectVerbs[n.f]
			if n.is(lxSays) {
				m.says = true
			}
		}
		if n.w == "," && j+1 < len(ts) {
			k := j + 1
			for k < len(ts) && k < j+4 && ts[k].word && !ts[k].cap && !ts[k].is(lxRoleNoun) {
				k++
			}
			if k < len(ts) && k < j+4 && ts[k].is(lxRoleNoun) {
				m.personCue++
			}
		}
		if n.w == "," && j+1 < len(ts) && ts[j+1].digit && !ts[j+1].cap && ts[nameStart].sent {
			m.placeCue++ // Velgrad, 11 May 1923
		}
		if n.w == "," && j+2 < len(ts) && (ts[j+1].f == "no" || ts[j+1].f == "vol") && ts[j+2].w == "." {
			m.pubCue = true // Lesni Glas, no. 28
		}
	}
	x.push(&m)
}

func (x *run) push(m *mention) {
	m.inTitle = x.inZone(m.s, m.e)
	if m.fw == nil {
		m.fw = x.strs(len(m.words))[:len(m.words)]
		m.fc = x.lxs(len(m.words))[:len(m.words)]
		m.fi = x.idList(len(m.words))[:len(m.words)]
		for i, w := range m.words {
			m.fw[i] = x.fold(w)
			m.fi[i] = x.id(m.fw[i])
			m.fc[i] = x.lex.facts[m.fi[i]].lx
		}
	}
	m.k = m.makeKey()
	x.ms = append(x.ms, *m)
}

// lowerHeadBefore finds a French lower-case head of a body before the
// name (commission d'enquête de la Diète) and returns its token index, or -1.
func (x *run) lowerHeadBefore(ts []tok, i int) int {
	k := i - 1
	n := 0
	for k >= 0 && n < 2 {
		if c := ts[k].f; c == "de" || c == "du" || c == "des" || c == "d'" || c == "la" || c == "l'" {
			k--
			n++
			continue
		}
		break
	}
	if n == 0 {
		return -1
	}
	for b := k; b >= 0 && b >= k-2; b-- {
		t := &ts[b]
		if !t.word || t.cap {
			return -1
		}
		if t.is(lxFrenchLowerHead) {
			return b
		}
	}
	return -1
}

// splitCompound splits Velgrad-Marienhaven in two names; it leaves given
// names (Paul-Émile), saints (Saint-Lazare) and prefixes (Franco-) whole.
func splitCompound(w string, x *run) [][2]int {
	i := strings.IndexByte(w, '-')
	if !ascii(w) {
		i = strings.IndexAny(w, "-‐")
	}
	if i <= 0 {
		return nil
	}
	a, b := w[:i], w[i+1:]
	if strings.HasPrefix(w[i:], "‐") {
		b = w[i+len("‐"):]
	}
	r, _ := utf8.DecodeRuneInString(b)
	if !unicode.IsUpper(r) || utf8.RuneCountInString(a) < 3 || utf8.RuneCountInString(b) < 3 || strings.ContainsAny(b, "-") {
		return nil
	}
	fa := fold(a)
	switch fa {
	case "saint", "sainte", "san", "santa", "sankt", "mont", "port", "fort", "bad", "new", "nord", "sud", "west", "east", "north", "south":
		return nil
	}
	if x.g.Given(a) || nationalities[fa] {
		return nil
	}
	if _, ok := x.lookup(w); ok {
		return nil
	}
	return [][2]int{{0, i}, {len(w) - len(b), len(w)}}
}

// filter drops what is not a name.
func (x *run) filter() {
	// Words known as names outside sentence starts, capitals runs and titles of works (wMid),
	// words of names of several words (wMulti), whole names and surnames for text in capitals
	// (wName), surnames of the persons named in full or with a title (wSur).
	for i := range x.ms {
		m := &x.ms[i]
		if !m.sent && !m.allCaps && !m.inTitle {
			for _, f := range m.fi {
				*x.wfAt(f) |= wMid
			}
			if len(m.fw) == 1 && x.inProse(m) {
				*x.wfAt(m.fi[0]) |= wProse
			}
		}
		if len(m.fw) > 1 {
			for _, f := range m.fi {
				*x.wfAt(f) |= wMulti
			}
		}
		if !m.allCaps && len(m.words) > 0 {
			*x.wfAt(m.fi[len(m.fi)-1]) |= wName
			if len(m.fw) > 1 {
				*x.wfAt(x.joinedID(m)) |= wName
			}
		}
	}
	for i := range x.ms {
		m := &x.ms[i]
		if len(m.words) > 1 && (m.titled || hasInitial(m.words) || x.g.Given(m.words[0])) {
			*x.wfAt(m.fi[len(m.fi)-1]) |= wSur
		} else if m.titled {
			*x.wfAt(m.fi[len(m.fi)-1]) |= wSur
		}
	}
	mid := func(f int32) bool { return x.wfGet(f)&wMid != 0 }
	multi := func(f int32) bool { return x.wfGet(f)&wMulti != 0 }
	for i := range x.ms {
		m := &x.ms[i]
		if m.forced != nil {
			m.gaz = m.forced
			continue
		}
		ni := x.info(m)
		if ni.gaz != nil {
			m.gaz = ni.gaz
			if m.allCaps && x.wfStr(ni.dispF)&wMid == 0 && len(m.words) == 1 && ni.gaz.Type != "place" {
				m.drop = true
			}
			continue
		}
		ws := m.words
		if (ni.content == 0 && !m.adjBody) || ni.lone {
			m.drop = true
			continue
		}
		if m.allCaps {
			ok := x.wfGet(x.joinedID(m))&wName != 0
			if !ok && !m.titled && !ni.given {
				m.drop = true
			}
			continue
		}
		if len(ws) == 1 {
			w := ws[0]
			f, fi := m.fw[0], m.fi[0]
			if m.sent && !mid(fi) && !m.titled && !(ni.caps && !x.lowID(fi)) && !(m.says && !x.lowID(fi)) && !x.unknownName(m, f, fi) && !x.renders(w, wMid, &x.midKeys) {
				m.drop = true
				continue
			}
			// A past participle opening a sentence: Resolved, That ...; (Signed).
			if m.sent && !m.titled && ni.participle && !x.surname(fi) {
				m.drop = true
				continue
			}
			if x.lowID(fi) && !mid(fi) && !m.titled {
				m.drop = true
				continue
			}
			// A word newspapers mostly write in lower case or outside names (Winter, Cotton, Friends).
			if l, ok := x.g.learnt.get(f); ok && !m.titled && m.fc[0]&(lxOrgHead|lxPlaceHead|lxPublication) == 0 && l[0] >= 2 && l.common() >= 3*l.entity()+2 && !x.surname(fi) {
				m.drop = true
				continue
			}
			if m.e < len(x.d.Text) && x.d.Text[m.e] == ':' && m.sent {
				m.drop = true
				continue
			}
			if after := strings.TrimLeft(x.d.Text[m.e:min(len(x.d.Text), m.e+3)], " "); after != "" && after[0] >= '0' && after[0] <= '9' && !m.titled {
				m.drop = true // Article 9, Chapter 5
				continue
			}
			if ni.caps && x.nextToDigits(m) {
				m.drop = true // a call number: FO 371, 65 AQ
				continue
			}
			if ni.letter || (ni.roman && !x.lowID(fi)) {
				m.drop = true // a lone letter, a roman numeral
				continue
			}
			// An English word the dictionaries write only in lower case (Gentlemen, Kingdom, Immigrant),
			// that nothing in the document makes a name.
			if m.en && !m.titled && !m.says && !m.pubCue && !multi(fi) && !x.surname(fi) && x.wfGet(fi)&wProse == 0 && m.fc[0]&(lxOrgHead|lxPublication) == 0 && ni.isDictWord(m) {
				m.drop = true
				continue
			}
			// Words made with the endings of common nouns and adjectives: Ratification, Independence, Presidential.
			if !m.titled && ni.hasEnding(m) && !x.surname(fi) && !ni.givenW && m.fc[0]&(lxOrgHead|lxPlaceHead|lxPublication) == 0 {
				m.drop = true
				continue
			}
		}
		typ, given := ni.typ, ni.given
		if len(ws) > 1 && typ == "" && !m.titled && !ni.initial && !given {
			common := false
			dict := m.en && ni.dictWords(x, m) // every word one the dictionaries write in lower case (Specimen Cases)
			for k, f := range m.fi {
				c := m.fc[k]
				if x.lowID(f) && c&(lxConnector|lxParticle) == 0 {
					common = true
				}
				if dict && c&(lxConnector|lxStop|lxCapAdj) == 0 && x.surname(f) {
					dict = false
				}
			}
			if common || dict {
				m.drop = true
				continue
			}
		}
		if m.plural && len(ws) == 1 && m.gaz == nil {
			m.drop = true
			continue
		}
		if m.inTitle && (!m.titled || x.strictTitled(m)) && !ni.initial && !given && typ == "" {
			ok := false
			for k := range ws {
				if mid(m.fi[k]) && m.fc[k]&lxStop == 0 {
					ok = true
				}
			}
			if !ok {
				m.drop = true
			}
		}
	}
}

func (x *run) nextToDigits(m *mention) bool {
	t := x.d.Text
	after := strings.TrimLeft(t[m.e:min(len(t), m.e+4)], " ")
	before := strings.TrimRight(t[max(0, m.s-4):m.s], " ")
	isD := func(s string, last bool) bool {
		if s == "" {
			return false
		}
		var r rune
		if last {
			r, _ = utf8.DecodeLastRuneInString(s)
		} else {
			r, _ = utf8.DecodeRuneInString(s)
		}
		return unicode.IsDigit(r)
	}
	// Digits before a name that starts a sentence are a note's number (13 LGIA, f. 1402).
	return isD(after, false) || (isD(before, true) && !m.sent)
}

// hasNationalitySuffix says whether a lone capitalised word reads as a
// nationality adjective or demonym (Lesnian, Lesniens, Polonais).
func hasNationalitySuffix(w, f string, x *run) bool {
	if !hasSuffix(f, nationalitySuffixes) {
		return false
	}
	if x.g.Given(w) {
		return false
	}
	_, ok := x.lookup(w)
	return !ok
}

var nationalitySuffixes = []string{"ian", "ians", "ean", "eans", "ese", "ish", "iens", "iennes", "ienne", "ois", "oise", "aise", "aises", "ais", "isch", "ische", "ischen", "ains", "aines"}

// The uses of a word the document makes (see filter).
const (
	wMid uint8 = 1 << iota
	wMulti
	wName
	wSur
	wProse // capitalised between lower-case words in running prose (by Brisk is)
)

// inProse says whether m stands after "by", "against" or "than" and
// before a lower-case word in running prose ("the book by Brisk is long"),
// where a capital is no title case but a name; the word after may also be
// a punctuation mark that ends a clause. (Any lower-case word before was
// tried: old newspapers capitalise common nouns mid-sentence, and HIPE's
// precision fell.)
func (x *run) inProse(m *mention) bool {
	t := x.d.Text
	i := m.s
	for i > 0 && (t[i-1] == ' ' || t[i-1] == '\n') {
		i--
	}
	if i == m.s || i == 0 {
		return false
	}
	k := i
	for k > 0 && t[k-1] >= 'a' && t[k-1] <= 'z' {
		k--
	}
	switch t[k:i] {
	case "by", "against", "than":
	default:
		return false
	}
	if k > 0 && (t[k-1] >= 'A' && t[k-1] <= 'Z') {
		return false
	}
	j := m.e
	for j < len(t) && t[j] == ' ' {
		j++
	}
	if j == m.e && (j >= len(t) || !strings.ContainsRune(".,;:", rune(t[j]))) {
		return false
	}
	if j >= len(t) {
		return false
	}
	after, _ := utf8.DecodeRuneInString(t[j:])
	return unicode.IsLower(after) || strings.ContainsRune(".,;:", after)
}

// surname says whether f is the surname of a person the document names in
// full or with a title.
func (x *run) surname(f int32) bool { return x.wfGet(f)&wSur != 0 }

// strictTitled: in a heading, a title does not make a name of a word
// nothing else names (Minister Denies Payment).
func (x *run) strictTitled(m *mention) bool {
	for _, f := range m.fi {
		if x.wfGet(f)&wMid == 0 {
			return true
		}
	}
	return false
}

// renders says whether w is a rendering in another script or scheme of a
// Russian-looking name the document uses elsewhere (Сталин for Stalin).
func (x *run) renders(w string, known uint8, index *map[uint64]struct{}) bool {
	if !translit.IsCyrillic(w) && !hasSuffix(x.fold(w), personSuffixes) {
		return false
	}
	if *index == nil {
		// The keys of the words known (their hashes), built once.
		*index = reuse(x.keySet(index))
		for _, id := range x.wfIDs {
			// (Words of the lists and common English words render no Russian name.)
			if w := &x.lex.facts[id]; w.wf&known != 0 && len(w.key) > 3 {
				for _, h := range x.renderKeys(id) {
					(*index)[h] = struct{}{}
				}
			}
		}
	}
	for _, h := range keyHashes(w) {
		if _, ok := (*index)[h]; ok {
			return true
		}
	}
	return false
}

// keySet returns the run's storage for the index renders builds in *index.
func (x *run) keySet(index *map[uint64]struct{}) *map[uint64]struct{} {
	if index == &x.midKeys {
		return &x.keySets[0]
	}
	return &x.keySets[1]
}

// commonEnding says whether a word ends like an abstract noun or an
// adjective (-tion, -ment, -ness, -ity, -ical, -ous, -ive, -able, -isme ...),
// which names seldom do.
func commonEnding(f string) bool {
	n := utf8.RuneCountInString(f)
	for _, e := range []string{"tion", "tions", "sion", "sions", "ment", "ments", "ness", "ity", "ities", "ship", "ism", "isme", "ical", "ious", "eous",
		"able", "ible", "ative", "itive", "ional", "ité", "ités", "iste", "istes", "ement", "ements"} {
		if n > utf8.RuneCountInString(e)+3 && strings.HasSuffix(f, e) {
			return true
		}
	}
	for _, e := range []string{"ence", "ance", "ences", "ances"} {
		if n >= 9 && strings.HasSuffix(f, e) {
			return true
		}
	}
	return false
}

// unknownName: a capitalised word at a sentence start, not followed by a
// word in lower case, that the document never writes in lower case, that
// newspapers do not write as a common word and that the model takes for a
// name (1. Camenzind (Suisse)).
func (x *run) unknownName(m *mention, f string, fi int32) bool {
	if x.lowID(fi) || stopwords[f] || capAdjectives[f] || commonEnding(f) || (m.nextLower && !m.verbAfter) {
		return false
	}
	if l, ok := x.g.learnt.get(f); ok && l.common() > l.entity() {
		return false
	}
	post, ok := m.posterior(x)
	return ok && post[0] < 0.5
}

// loneLetterStart says whether a name of several words starts with a
// capital letter standing alone, without the dot of an initial: the drop
// capital of a word set in capitals (O N the 12th, B E it enacted) or a
// letter of a damaged scan, before a short word or one in capitals.
func loneLetterStart(ws []string) bool {
	if len(ws) < 2 {
		return false
	}
	r, n := utf8.DecodeRuneInString(ws[0])
	return n == len(ws[0]) && unicode.IsUpper(r) && (utf8.RuneCountInString(ws[1]) <= 2 || strings.ToUpper(ws[1]) == ws[1])
}

// onlyInitials says whether a name is initials alone (N. E., I. T.): a
// point of the compass, an abbreviation, letters engraved, not a person.
func onlyInitials(ws []string) bool {
	for _, w := range ws {
		if !strings.HasSuffix(w, ".") {
			return false
		}
		for _, part := range strings.Split(strings.TrimSuffix(w, "."), ".") {
			if utf8.RuneCountInString(strings.Trim(part, "-")) > 2 {
				return false
			}
		}
	}
	return len(ws) > 1
}

// officeBefore says whether an office and "of" stand before ts[i]: king
// of, the President of the. (French newspapers, on HIPE's development
// files, do not make the state a body so often: le roi de France is a place.)
func officeBefore(ts []tok, i int) bool {
	k := i - 1
	if k >= 0 && (ts[k].f == "the" || ts[k].f == "la" || ts[k].f == "l'") {
		k--
	}
	if k < 1 || ts[k].f != "of" {
		return false
	}
	f := ts[k-1].f
	return f == "king" || f == "queen" || f == "emperor" || f == "president" || f == "minister" || f == "ministers" || f == "government" ||
		f == "ambassador" || f == "consul" || f == "envoy" || f == "representatives" || f == "senate" || f == "congress"
}

// lowerTitles are the person titles newspapers also write in lower case.
var lowerTitles = set(`captain capt capt. hon hon. honourable honorable colonel col col. major general gen gen. lieutenant lieut lieut. citizen queen king
	doctor dr dr. judge governor esquire`)

// lowerTitleBefore returns the index of a title in lower case just before
// ts[i] (captain Johnson, hon. James), or -1.
func lowerTitleBefore(ts []tok, i int) int {
	k := i - 1
	if k >= 1 && ts[k].w == "." && ts[k].s == ts[k-1].e {
		k--
		if t := ts[k]; t.word && !t.cap && lowerTitles[t.f+"."] {
			return k
		}
		return -1
	}
	if k >= 0 && ts[k].word && !ts[k].cap && ts[k].is(lxLowerTitle) {
		return k
	}
	return -1
}

// states are the abbreviations of the American states and Canadian
// provinces written after a town (Linneus, Mo.), by their letters.
var states = func() map[string]*Entry {
	m := map[string]*Entry{}
	for _, l := range strings.Split(`Ala Alabama;Ariz Arizona;Ark Arkansas;Cal California;Calif California;Colo Colorado;Conn Connecticut;Del Delaware;Fla Florida;Ga Georgia;Ill Illinois;Ind Indiana;Ia Iowa;Kan Kansas;Kans Kansas;Ky Kentucky;La Louisiana;Md Maryland;Mass Massachusetts;Mich Michigan;Minn Minnesota;Miss Mississippi;Mo Missouri;Mont Montana;Neb Nebraska;Nebr Nebraska;Nev Nevada;NH New Hampshire;NJ New Jersey;NM New Mexico;NY New York;NC North Carolina;ND North Dakota;O Ohio;Okla Oklahoma;Ore Oregon;Oreg Oregon;Pa Pennsylvania;Penn Pennsylvania;RI Rhode Island;SC South Carolina;SD South Dakota;Tenn Tennessee;Tex Texas;Vt Vermont;Va Virginia;Wash Washington;WVa West Virginia;Wis Wisconsin;Wisc Wisconsin;Wyo Wyoming;DC District of Columbia;Ont Ontario;Que Quebec;NS Nova Scotia;NB New Brunswick;Man Manitoba;BC British Columbia`, ";") {
		abbr, name, _ := strings.Cut(l, " ")
		m[abbr] = &Entry{Name: abbr, Type: "place", Canonical: name}
	}
	return m
}()

// stateAt returns how many tokens a state's abbreviation takes at ts[i]
// (Mo ., O., N. Y., W. Va .), with its entry, or 0. The abbreviation is
// written with its dots and is not followed by a name.
func stateAt(ts []tok, i int) (int, *Entry) {
	var letters []byte
	k := i
	for k < len(ts) && k < i+3 && len(letters) < 5 {
		t := &ts[k]
		if t.initial {
			for j := 0; j < len(t.w); j++ {
				if c := t.w[j]; 'A' <= c && c <= 'Z' {
					letters = append(letters, c)
				}
			}
			k++
			if e := states[string(letters)]; e != nil && !nameAfter(ts, k) {
				return k - i, e
			}
			continue
		}
		if !t.word || !t.cap || t.caps || k+1 >= len(ts) || ts[k+1].w != "." || ts[k+1].s != t.e {
			return 0, nil
		}
		letters = append(letters, t.w...)
		if e := states[string(letters)]; e != nil && !nameAfter(ts, k+2) {
			return k + 1 - i, e
		}
		return 0, nil
	}
	return 0, nil
}

// nameAfter says whether a capitalised word that is no function word
// stands at ts[k] (Miss. Brown is no state).
func nameAfter(ts []tok, k int) bool {
	return k < len(ts) && capWord(&ts[k]) && !ts[k].is(lxStop)
}
