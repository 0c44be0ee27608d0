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

// add records the candidate ts[nameStart:j) (titles from start).
func (x *run) add(pi int, ts []tok, start, nameStart, j int, titled bool, lang string, caps bool) {
	// Leading function words at a sentence start: The, In, This.
	for nameStart < j && stopwords[ts[nameStart].f] && !ts[nameStart].initial && !(titled && particles[ts[nameStart].f]) {
		nameStart++
	}
	// A common word at a sentence start: Probably Hugh Marlow.
	if nameStart < j-1 && ts[nameStart].sent && x.lower[ts[nameStart].f] && !x.g.Given(ts[nameStart].w) {
		nameStart++
	}
	// Leading role nouns: Prime Minister Smith, Engineer Sveshnikov.
	for nameStart < j-1 && (roleNouns[ts[nameStart].f] || personTitles[ts[nameStart].f]) && !orgHeads[ts[nameStart+1].f] {
		nameStart++
		titled = true
	}
	if nameStart >= j {
		return
	}
	// Trailing connectors cannot end a name.
	for j > nameStart+1 && !capWord(ts[j-1]) && (connectors[ts[j-1].f] || particles[ts[j-1].f]) {
		j--
	}
	s, e := ts[nameStart].s, ts[j-1].e
	if ts[j-1].initial && j-1 == nameStart {
		return // a lone initial
	}
	// One hyphenated token of two names: Velgrad-Marienhaven.
	if j == nameStart+1 && !titled {
		if parts := splitCompound(ts[nameStart].w, x); len(parts) == 2 {
			off := ts[nameStart].s
			for _, p := range parts {
				x.push(mention{s: off + p[0], e: off + p[1], words: []string{ts[nameStart].w[p[0]:p[1]]}, para: pi, sent: ts[nameStart].sent && p[0] == 0, allCaps: caps, titleS: -1})
			}
			return
		}
	}
	m := mention{s: s, e: e, titled: titled, para: pi, sent: ts[nameStart].sent && start == nameStart, allCaps: caps, titleS: -1}
	if start < nameStart && titled {
		m.titleS = ts[start].s
	} else if k := lowerTitleBefore(ts, nameStart); k >= 0 && start == nameStart && !caps {
		// A title in lower case (captain Johnson, the hon. James Townsend).
		m.titleS = ts[k].s
		m.titled = true
	}
	m.words = x.strs(j - nameStart)
	for _, t := range ts[nameStart:j] {
		m.words = append(m.words, t.w)
	}
	// French lower-case heads before the name: hôtel Terminus, commission d'enquête de la Diète, canton de Vaud.
	if nameStart > 0 && lowerFacilities[ts[nameStart-1].f] && !ts[nameStart-1].cap && ts[nameStart-1].word {
		m.s = ts[nameStart-1].s
		m.words = append([]string{ts[nameStart-1].w}, m.words...)
		nameStart--
	} else if nameStart > 1 && (ts[nameStart-1].f == "de" || ts[nameStart-1].f == "d'" || ts[nameStart-1].f == "du") && lowerPlaces[ts[nameStart-2].f] && !ts[nameStart-2].cap {
		m.s = ts[nameStart-2].s
		m.words = append([]string{ts[nameStart-2].w, ts[nameStart-1].w}, m.words...)
		nameStart -= 2
		m.placeCue += 2
	} else if k := x.lowerHeadBefore(ts, nameStart); k >= 0 {
		m.s = ts[k].s
		var ws []string
		for _, t := range ts[k:nameStart] {
			ws = append(ws, t.w)
		}
		m.words = append(ws, m.words...)
		nameStart = k
	}
	// The model's features of each capitalised token.
	m.nbf = x.nbToks(j - nameStart)
	for k := nameStart; k < j; k++ {
		if !capWord(ts[k]) {
			continue
		}
		prev, next := "", ""
		if k > 0 {
			prev = ts[k-1].w
		}
		if k+1 < len(ts) {
			next = ts[k+1].w
		}
		m.nbf = append(m.nbf, nbTok{ts[k].w, prev, next, ts[k].sent})
	}
	// Cues from the context.
	if nameStart > 0 {
		p := ts[nameStart-1]
		pw := p.f
		possessive := j+1 < len(ts) && isApos([]rune(ts[j].w)[0]) && ts[j+1].f == "s"
		afterName := nameStart >= 2 && ts[nameStart-2].cap && ts[nameStart-2].word // Penrose to Curzon
		if p.word && placePreps[pw] && !possessive && !afterName {
			m.placeCue++
		}
		// French "de X" after a common noun: la ville de X, le canton de X (but not la lettre de X).
		if (pw == "de" || pw == "d'") && lang == "fr" && nameStart >= 2 && ts[nameStart-2].word && !ts[nameStart-2].cap && !personNouns[ts[nameStart-2].f] && !m.titled {
			m.placeCue++
		}
		// A dateline: PARIS, 12 mai. / BERNE. —
		if ts[nameStart].sent && nameStart == 0 && j < len(ts) && (ts[j].w == "," || ts[j].w == "." || ts[j].w == "—") && ts[nameStart].caps {
			m.placeCue += 2
		}
		// Plural capitals after an article are peoples and common nouns: les Arabes, the Allies.
		if (pw == "les" || pw == "des" || pw == "aux" || pw == "the") && j == nameStart+1 && !m.titled {
			if w := ts[nameStart].f; (strings.HasSuffix(w, "s") || strings.HasSuffix(w, "x")) && !orgHeads[w] &&
				!strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "os") && !strings.HasSuffix(w, "as") {
				m.plural = true
			}
		}
		// the Dubrava cutting, la section de Dubrava: a name used as a modifier is no person.
		if (pw == "the" || pw == "de") && j == nameStart+1 && j < len(ts) && ts[j].word && !ts[j].cap && !speechVerbs[ts[j].f] && pw == "the" {
			m.placeCue++
		}
		if p.word && !p.cap && (roleNouns[pw] || personTitles[pw]) {
			m.personCue++
		}
		if p.word && !p.cap && orgHeads[pw] && j == nameStart+1 {
			m.orgCue = true // la banque Lemercier
		}
		// A newspaper: "the article in X", "parut dans X", "the newspaper X".
		if pubContext[pw] && !p.cap {
			m.pubCue = true
		}
		if pw == "in" || pw == "dans" || pw == "du" {
			for k := max(nameStart-3, 0); k < nameStart-1; k++ {
				if pubContext[ts[k].f] {
					m.pubCue = true
				}
			}
		}
	}
	m.officeOf = officeBefore(ts, nameStart)
	if j < len(ts) {
		n := ts[j]
		m.nextLower = n.word && !n.cap && !n.digit
		if n.word && speechVerbs[n.f] {
			m.personCue++
			if saysVerbs[n.f] {
				m.says = true
			}
		}
		if n.w == "," && j+1 < len(ts) {
			k := j + 1
			for k < len(ts) && k < j+4 && ts[k].word && !ts[k].cap && !roleNouns[ts[k].f] {
				k++
			}
			if k < len(ts) && k < j+4 && roleNouns[ts[k].f] {
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
	x.push(m)
}

func (x *run) push(m mention) {
	m.inTitle = x.inZone(m.s, m.e)
	m.fw = x.strs(len(m.words))[:len(m.words)]
	for i, w := range m.words {
		m.fw[i] = x.fold(w)
	}
	m.k = m.makeKey()
	x.ms = append(x.ms, m)
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
		t := ts[b]
		if !t.word || t.cap {
			return -1
		}
		if frenchLowerHeads[t.f] {
			return b
		}
	}
	return -1
}

// splitCompound splits Velgrad-Marienhaven in two names; it leaves given
// names (Paul-Émile), saints (Saint-Lazare) and prefixes (Franco-) whole.
func splitCompound(w string, x *run) [][2]int {
	i := strings.IndexAny(w, "-‐")
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
	// Words known as names outside sentence starts, capitals runs and titles of works.
	mid := map[string]bool{}
	names := map[string]bool{} // whole names and surnames, for text in capitals
	for _, m := range x.ms {
		if !m.sent && !m.allCaps && !m.inTitle {
			for _, f := range m.fw {
				mid[f] = true
			}
		}
		if !m.allCaps && len(m.words) > 0 {
			names[m.fw[len(m.fw)-1]] = true
			names[x.fold(strings.Join(m.words, " "))] = true
		}
	}
	x.surnames = map[string]bool{}
	for _, m := range x.ms {
		if len(m.words) > 1 && (m.titled || hasInitial(m.words) || x.g.Given(m.words[0])) {
			x.surnames[m.fw[len(m.fw)-1]] = true
		} else if m.titled {
			x.surnames[m.fw[len(m.fw)-1]] = true
		}
	}
	for i := range x.ms {
		m := &x.ms[i]
		name := m.text(x.d.Text)
		if e, ok := x.lookup(name); ok {
			m.gaz = &e
			if m.allCaps && !mid[x.fold(name)] && len(m.words) == 1 && e.Type != "place" {
				m.drop = true
			}
			continue
		}
		ws := m.words
		content := 0 // words that are not adjectives, nationalities, roles or generic
		for _, w := range ws {
			f := x.fold(w)
			if nationalities[f] || capAdjectives[f] || roleNouns[f] || genericOrgs[f] || stopwords[f] || romans[f] || connectors[f] || particles[f] || keptTitles[f] || personTitles[f] {
				continue
			}
			if hasNationalitySuffix(w, x) {
				continue
			}
			content++
		}
		if content == 0 || loneLetterStart(ws) || onlyInitials(ws) {
			m.drop = true
			continue
		}
		if m.allCaps {
			ok := names[x.fold(strings.Join(ws, " "))]
			if !ok && !m.titled && !(len(ws) > 1 && x.g.Given(ws[0])) {
				m.drop = true
			}
			continue
		}
		if len(ws) == 1 {
			w := ws[0]
			f := x.fold(w)
			caps := strings.ToUpper(w) == w && utf8.RuneCountInString(w) >= 2
			if m.sent && !mid[f] && !m.titled && !(caps && !x.lower[f]) && !x.renders(w, mid, &x.midKeys) && !(m.says && !x.lower[f]) && !x.unknownName(m, f) {
				m.drop = true
				continue
			}
			// A past participle opening a sentence: Resolved, That ...; (Signed).
			if m.sent && !m.titled && len(f) >= 6 && strings.HasSuffix(f, "ed") && !strings.HasSuffix(f, "eed") && !x.g.Given(w) && !x.surnames[f] {
				m.drop = true
				continue
			}
			if x.lower[f] && !mid[f] && !m.titled {
				m.drop = true
				continue
			}
			// A word newspapers mostly write in lower case or outside names (Winter, Cotton, Friends).
			if l, ok := x.g.learnt[f]; ok && !m.titled && !orgHeads[f] && !placeHeads[f] && !publicationWords[f] && l[0] >= 2 && l.common() >= 3*l.entity()+2 && !x.surnames[f] {
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
			if caps && x.nextToDigits(m) {
				m.drop = true // a call number: FO 371, 65 AQ
				continue
			}
			if utf8.RuneCountInString(w) < 2 || (strings.Trim(w, "IVXLCDM") == "" && !x.lower[f]) {
				m.drop = true // a lone letter, a roman numeral
				continue
			}
			// Words made with the endings of common nouns and adjectives: Ratification, Independence, Presidential.
			if commonEnding(f) && !m.titled && !x.surnames[f] && !x.g.Given(w) && !orgHeads[f] && !placeHeads[f] && !publicationWords[f] {
				m.drop = true
				continue
			}
		}
		typ, _ := headType(m.fw)
		given := len(ws) > 1 && x.g.Given(ws[0])
		if len(ws) > 1 && typ == "" && !m.titled && !hasInitial(ws) && !given {
			common := false
			for _, w := range ws {
				if f := x.fold(w); x.lower[f] && !connectors[f] && !particles[f] {
					common = true
				}
			}
			if common {
				m.drop = true
				continue
			}
		}
		if m.plural && len(ws) == 1 && m.gaz == nil {
			m.drop = true
			continue
		}
		if m.inTitle && (!m.titled || x.strictTitled(m, mid)) && !hasInitial(ws) && !given && typ == "" {
			ok := false
			for _, w := range ws {
				if mid[x.fold(w)] && !stopwords[x.fold(w)] {
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
func hasNationalitySuffix(w string, x *run) bool {
	f := x.fold(w)
	if x.g.Given(w) {
		return false
	}
	if _, ok := x.lookup(w); ok {
		return false
	}
	for _, s := range []string{"ian", "ians", "ean", "eans", "ese", "ish", "iens", "iennes", "ienne", "ois", "oise", "aise", "aises", "ais", "isch", "ische", "ischen", "ains", "aines"} {
		if len(f) > len(s)+2 && strings.HasSuffix(f, s) {
			return true
		}
	}
	return false
}

// strictTitled: in a heading, a title does not make a name of a word
// nothing else names (Minister Denies Payment).
func (x *run) strictTitled(m *mention, mid map[string]bool) bool {
	for _, w := range m.words {
		if !mid[x.fold(w)] {
			return true
		}
	}
	return false
}

// renders says whether w is a rendering in another script or scheme of a
// Russian-looking name the document uses elsewhere (Сталин for Stalin).
func (x *run) renders(w string, known map[string]bool, index *map[string]bool) bool {
	if !translit.IsCyrillic(w) && !hasSuffix(x.fold(w), personSuffixes) {
		return false
	}
	if *index == nil {
		// The keys of the words known, built once.
		*index = map[string]bool{}
		for k := range known {
			if len(k) > 3 {
				for _, key := range translit.Keys(k) {
					(*index)[key] = true
				}
			}
		}
	}
	for _, key := range translit.Keys(w) {
		if (*index)[key] {
			return true
		}
	}
	return false
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
func (x *run) unknownName(m *mention, f string) bool {
	if x.lower[f] || stopwords[f] || capAdjectives[f] || commonEnding(f) || m.nextLower {
		return false
	}
	if l, ok := x.g.learnt[f]; ok && l.common() > l.entity() {
		return false
	}
	post := nb.posterior(m.nbf)
	return post != nil && post[0] < 0.5
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
	if k >= 0 && ts[k].word && !ts[k].cap && lowerTitles[ts[k].f] {
		return k
	}
	return -1
}
