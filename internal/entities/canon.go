package entities

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/quellen/quellen/internal/translit"
)

// surname is the folded last word of a name.
func (m *mention) surname() string {
	if len(m.words) == 0 {
		return ""
	}
	return m.fw[len(m.fw)-1]
}

// key is the mention's folded words without articles.
func (m *mention) key() string { return m.k }

func (m *mention) makeKey() string {
	var ws []string
	for _, f := range m.fw {
		if f == "the" || f == "le" || f == "la" || f == "les" || f == "l'" {
			continue
		}
		ws = append(ws, f)
	}
	return strings.Join(ws, " ")
}

// headType finds the organisation or place word that governs a name: the
// last such word before the first connector (Select Committee of ...:
// Committee; Velgrad District Court: Court), or a facility word first
// (Hôtel Terminus).
func headType(ws []string) (typ, head string) {
	if len(ws) == 0 {
		return "", ""
	}
	if (placeFacilities[fold(ws[0])] || lowerPlaces[fold(ws[0])] || lowerFacilities[fold(ws[0])]) && len(ws) > 1 {
		return "place", fold(ws[0])
	}
	if frenchLowerHeads[fold(ws[0])] && len(ws) > 1 {
		return "org", fold(ws[0])
	}
	for _, w := range ws {
		f := fold(w)
		if connectors[f] || f == "&" {
			if typ != "" {
				return typ, head
			}
			continue
		}
		if orgHeads[f] {
			typ, head = "org", f
		} else if placeHeads[f] && len(ws) > 1 {
			typ, head = "place", f
		}
	}
	if typ == "" {
		for _, w := range ws {
			if f := fold(w); f == "&" || f == "et" || f == "cie" || f == "co" {
				return "org", f
			}
		}
	}
	return typ, head
}

func (x *run) types() {
	// Evidence per surname or key.
	personKeys := map[string]int{}
	placeKeys := map[string]int{}
	pubKeys := map[string]bool{}
	for i := range x.ms {
		m := &x.ms[i]
		if m.drop {
			continue
		}
		k := m.key()
		if m.gaz != nil {
			m.typ = m.gaz.Type
		} else if isPublication(m.words) || m.pubCue || (len(m.words) == 1 && publicationWords[x.fold(m.words[0])] && !m.sent) {
			m.typ = "publication"
			pubKeys[k] = true
		} else if t, _ := headType(m.fw); t != "" {
			m.typ = t
		} else if m.titled || hasInitial(m.words) || (len(m.words) > 1 && (x.g.Given(m.words[0]) || keptTitles[x.fold(m.words[0])])) {
			m.typ = "person"
		} else if m.orgCue {
			m.typ = "org"
		} else if isAcronym(m.words) && !m.allCaps {
			m.typ = "org"
		}
		m.strong = m.typ != ""
		if m.typ == "person" {
			personKeys[m.surname()] += 3
		}
		personKeys[m.surname()] += m.personCue
		placeKeys[k] += m.placeCue
	}
	// A name in capitals takes the type of the same name written otherwise (VOLKAR, Volkar).
	known := map[string]string{}
	for i := range x.ms {
		if m := &x.ms[i]; !m.drop && !m.allCaps && m.typ != "" {
			known[x.fold(x.display(m))] = m.typ
		}
	}
	for i := range x.ms {
		if m := &x.ms[i]; !m.drop && m.allCaps && m.gaz == nil {
			m.typ = known[x.fold(x.display(m))]
		}
	}
	// A lone word that is part of a longer name takes its type (Terminus, Hôtel Terminus).
	partType := map[string]string{}
	for i := range x.ms {
		m := &x.ms[i]
		if m.drop || len(m.words) != 2 || (m.typ != "org" && m.typ != "place") {
			continue
		}
		for _, f := range m.fw {
			if !orgHeads[f] && !placeHeads[f] && !placeFacilities[f] && !connectors[f] {
				partType[f] = m.typ
			}
		}
	}
	keyCount := map[string]int{}
	for i := range x.ms {
		if !x.ms[i].drop {
			keyCount[x.ms[i].key()]++
		}
	}
	for i := range x.ms {
		m := &x.ms[i]
		if m.drop {
			continue
		}
		if pubKeys[m.key()] && m.gaz == nil && m.typ == "" {
			m.typ = "publication"
			continue
		}
		if m.typ != "" {
			continue
		}
		k := m.key()
		if t, ok := partType[x.fold(x.display(m))]; ok && len(m.words) == 1 {
			m.typ = t
			continue
		}
		// What annotated newspapers say of these words.
		var lt learnt
		for _, f := range m.fw {
			if c, ok := x.g.learnt[f]; ok {
				for n := range lt {
					lt[n] += c[n]
				}
			}
		}
		if t := lt.typeOf(); t != "" && personKeys[m.surname()] < 3 {
			m.typ = t
			continue
		}
		// What the model learnt from annotated newspapers says.
		if post := nb.posterior(m.nbf); post != nil && personKeys[m.surname()] < 3 {
			if len(m.words) == 1 && post[0] >= nbDrop && !m.says && !x.surnames[m.surname()] && placeKeys[k] == 0 && !x.renders(m.words[0], x.surnames, &x.surKeys) {
				m.drop = true
				continue
			}
			best, sum := 1, 0.0
			for c := 1; c < len(post); c++ {
				sum += post[c]
				if post[c] > post[best] {
					best = c
				}
			}
			if sum > 0 && post[best]/sum >= nbType && (best != 1 || placeKeys[k] == 0) {
				m.typ = nbClasses[best]
				continue
			}
		}
		p, l := personKeys[m.surname()], placeKeys[k]
		if len(m.words) == 1 {
			w := m.words[0]
			if hasSuffix(x.fold(w), placeSuffixes) {
				l++
			}
			if hasSuffix(x.fold(w), personSuffixes) {
				p++
			}
		}
		if l > p {
			m.typ = "place"
		} else {
			m.typ = "person"
		}
		// A lone capitalised word nothing else speaks for, named once: most often a common noun.
		if len(m.words) == 1 && p == 0 && l == 0 && keyCount[k] == 1 && !m.titled && lt.entity() == 0 {
			m.drop = true
		}
	}
	// One type per name in a document: a lone word takes the type most of
	// its mentions have, the ones with evidence of their own counting more.
	votes := map[string]map[string]int{}
	vote := func(k, t string, n int) {
		if votes[k] == nil {
			votes[k] = map[string]int{}
		}
		votes[k][t] += n
	}
	for i := range x.ms {
		m := &x.ms[i]
		if m.drop || m.typ == "" {
			continue
		}
		w := 1
		if m.strong {
			w = 3
		}
		if len(m.words) == 1 {
			vote(m.key(), m.typ, w)
		} else if m.typ == "person" {
			vote(m.surname(), "person", 3)
		}
	}
	for i := range x.ms {
		m := &x.ms[i]
		if m.drop || m.strong || len(m.words) != 1 {
			continue
		}
		best, n := m.typ, 0
		for t, c := range votes[m.key()] {
			if c > n || (c == n && t < best) {
				best, n = t, c
			}
		}
		m.typ = best
	}
	// A country whose ruler or minister is named is the state, a body
	// (the King of France, the President of the United States).
	for i := range x.ms {
		if m := &x.ms[i]; !m.drop && m.typ == "place" && m.officeOf {
			m.typ = "org"
		}
	}
}

// The model's thresholds: the odds of no name at which a lone word is
// dropped, and the share of one type at which it is taken.
const (
	nbDrop = 0.6
	nbType = 0.7
)

func isPublication(ws []string) bool {
	if len(ws) < 2 {
		return false
	}
	for _, w := range ws[1:] {
		if publicationWords[fold(w)] {
			return true
		}
	}
	return false
}

func hasInitial(ws []string) bool {
	for _, w := range ws[:max(len(ws)-1, 0)] {
		if strings.HasSuffix(w, ".") {
			return true
		}
	}
	return false
}

func isAcronym(ws []string) bool {
	if len(ws) != 1 {
		return false
	}
	w := ws[0]
	n := utf8.RuneCountInString(w)
	return n >= 2 && n <= 6 && strings.ToUpper(w) == w && strings.IndexFunc(w, unicode.IsLetter) >= 0 &&
		strings.Trim(w, "IVXLCDM") != "" // not a roman numeral
}

// display is the mention as a name: titles out, whitespace single.
func (x *run) display(m *mention) string {
	if m.disp == "" {
		m.disp = x.makeDisplay(m)
	}
	return m.disp
}

func (x *run) makeDisplay(m *mention) string {
	ws := strings.Fields(m.text(x.d.Text))
	for len(ws) > 1 && keptTitles[x.fold(ws[0])] {
		ws = ws[1:]
	}
	return strings.Join(ws, " ")
}

// accents counts the letters outside ASCII: of two spellings, the one with
// its accents (Société, not Societe) is the name.
func accents(s string) int {
	n := 0
	for _, r := range s {
		if r > 127 && unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

// better says whether name a is a fuller rendering than b.
func better(a, b string) bool {
	wa, wb := strings.Fields(a), strings.Fields(b)
	ia, ib := initials(wa), initials(wb)
	if (len(wa) - ia) != (len(wb) - ib) {
		return len(wa)-ia > len(wb)-ib
	}
	if len(wa) != len(wb) {
		return len(wa) > len(wb)
	}
	if translit.IsCyrillic(a) != translit.IsCyrillic(b) {
		return !translit.IsCyrillic(a)
	}
	if accents(a) != accents(b) {
		return accents(a) > accents(b)
	}
	return len(a) > len(b)
}

func initials(ws []string) int {
	n := 0
	for _, w := range ws {
		if strings.HasSuffix(w, ".") {
			n++
		}
	}
	return n
}

// compatible says whether two persons' given names can be one person's:
// J. and Jan, Paul-Emile and P.-E., none and anything.
func compatible(a, b []string) bool {
	ga, gb := givenParts(a), givenParts(b)
	for i := 0; i < len(ga) && i < len(gb); i++ {
		x, y := ga[i], gb[i]
		if strings.HasSuffix(x, ".") || strings.HasSuffix(y, ".") {
			rx, _ := utf8.DecodeRuneInString(fold(x))
			ry, _ := utf8.DecodeRuneInString(fold(y))
			if rx != ry {
				return false
			}
			continue
		}
		if fold(x) != fold(y) && !translit.Same(x, y) {
			// A patronymic may be missing: Nikolai Sveshnikov, Nikolai Arkadyevich Sveshnikov.
			return false
		}
		if i == 0 {
			return true
		}
	}
	return true
}

func givenParts(ws []string) []string {
	var out []string
	for _, w := range ws[:max(len(ws)-1, 0)] {
		f := fold(w)
		if keptTitles[f] || particles[f] {
			continue
		}
		// P.-E. and I.V. are two initials.
		if strings.HasSuffix(w, ".") && strings.Count(w, ".") > 1 {
			for _, p := range strings.FieldsFunc(w, func(r rune) bool { return r == '.' || r == '-' }) {
				out = append(out, p+".")
			}
			continue
		}
		if strings.Contains(w, "-") && !strings.HasSuffix(w, ".") {
			out = append(out, strings.Split(w, "-")...)
			continue
		}
		out = append(out, w)
	}
	return out
}

func (x *run) canonical() {
	var persons, others []int
	for i := range x.ms {
		m := &x.ms[i]
		if m.drop {
			continue
		}
		if m.typ == "person" {
			persons = append(persons, i)
		} else {
			others = append(others, i)
		}
	}
	x.canonPersons(persons)
	x.canonOthers(others)
}

// canonPersons gives each person one name: the fullest compatible form
// the document gives; a bare surname takes the person last named in full.
// It runs in time linear in the mentions (distinct names aside).
func (x *run) canonPersons(idx []int) {
	// Surname groups, joining transliteration variants of Russian-looking names through their keys.
	group := map[string]string{}
	byKey := map[string]string{}
	rep := func(s string) string {
		if g, ok := group[s]; ok {
			return g
		}
		g := s
		russian := len(s) > 3 && (hasSuffix(s, personSuffixes) || translit.IsCyrillic(s))
		var keys []string
		if russian {
			keys = translit.Keys(s)
			for _, k := range keys {
				if r, ok := byKey[k]; ok {
					g = r
					break
				}
			}
			for _, k := range keys {
				if _, ok := byKey[k]; !ok {
					byKey[k] = g
				}
			}
		}
		group[s] = g
		return g
	}
	type full struct {
		words []string
		name  string
		at    int
	}
	fulls := map[string][]full{} // per group, in text order
	counts := map[string]int{}
	for _, i := range idx {
		m := &x.ms[i]
		g := rep(m.surname())
		name := x.display(m)
		if len(strings.Fields(name)) > 1 {
			fulls[g] = append(fulls[g], full{m.words, name, m.s})
			counts[name]++
		}
	}
	// Distinct full names per group, and the fullest compatible with each (computed once).
	distinct := map[string][]full{}
	for g, fs := range fulls {
		seen := map[string]bool{}
		for _, f := range fs {
			if !seen[f.name] {
				seen[f.name] = true
				distinct[g] = append(distinct[g], f)
			}
		}
	}
	bestOf := map[string]string{}
	fullest := func(g string, words []string, own string) string {
		k := g + "\x00" + own
		if b, ok := bestOf[k]; ok {
			return b
		}
		best := own
		for _, f := range distinct[g] {
			if compatible(words, f.words) && compatible(f.words, words) && better(f.name, best) {
				best = f.name
			}
		}
		bestOf[k] = best
		return best
	}
	commonest := map[string]full{}
	for g, ds := range distinct {
		pick := ds[0]
		for _, f := range ds[1:] {
			if counts[f.name] > counts[pick.name] {
				pick = f
			}
		}
		commonest[g] = pick
	}
	// For a name never given in full, its spelling in ordinary case and Latin script (Delorme, not DELORME).
	shown := map[string]string{}
	for _, i := range idx {
		m := &x.ms[i]
		g := rep(m.surname())
		own := x.display(m)
		if cur, ok := shown[g]; !ok || (strings.ToUpper(cur) == cur && strings.ToUpper(own) != own) || (translit.IsCyrillic(cur) && !translit.IsCyrillic(own)) {
			shown[g] = own
		}
	}
	next := map[string]int{} // per group, the full forms already passed (mentions come in text order)
	for _, i := range idx {
		m := &x.ms[i]
		g := rep(m.surname())
		own := x.display(m)
		fs := fulls[g]
		k := next[g]
		for k < len(fs) && fs[k].at < m.s {
			k++
		}
		next[g] = k
		if len(strings.Fields(own)) > 1 {
			m.canon = fullest(g, m.words, own)
			continue
		}
		if len(fs) == 0 {
			m.canon = own
			if v, ok := shown[g]; ok {
				m.canon = v
			}
			if translit.IsCyrillic(m.canon) {
				m.canon = translit.ToLatin(m.canon, translit.BGN)
			}
			continue
		}
		// The last full form before the mention, else the commonest.
		pick := commonest[g]
		if k > 0 {
			pick = fs[k-1]
		}
		m.canon = fullest(g, pick.words, pick.name)
	}
	for _, i := range idx {
		m := &x.ms[i]
		m.canon = x.personName(m.canon, m.s)
	}
}

// personName tidies a person's canonical name: given names known only by
// their initials are left out (J. Volkar is Volkar: the initials say less
// than a reader would take them to), and a Russian name written in the
// French or German manner is given in the English one (Svechnikov,
// Swetschnikow: Sveshnikov).
func (x *run) personName(name string, at int) string {
	ws := strings.Fields(name)
	if len(ws) > 1 {
		allInit := true
		for _, w := range givenParts(ws) {
			if !strings.HasSuffix(w, ".") {
				allInit = false
			}
		}
		if allInit {
			k := len(ws) - 1
			for k > 0 && particles[x.fold(ws[k-1])] {
				k--
			}
			ws = ws[k:]
		}
	}
	lang := x.d.LangAt(at)
	last := ws[len(ws)-1]
	if (lang == "fr" || lang == "de") && !translit.IsCyrillic(last) && hasSuffix(x.fold(last), russianEndings) {
		sc := translit.French
		if lang == "de" {
			sc = translit.German
		}
		for k, w := range ws {
			if !strings.HasSuffix(w, ".") {
				ws[k] = translit.ToLatin(translit.ToCyrillic(w, sc), translit.BGN)
			}
		}
	}
	return strings.Join(ws, " ")
}

var russianEndings = []string{"ov", "ev", "ine", "ski", "sky", "enko", "itch", "ow", "ew", "off", "ova", "eva", "owa", "ewa", "ina"}

// canonOthers names organisations and places: the gazetteer's name, the
// long form of a short one (the Committee, Terminus), an abbreviation's
// expansion, the accented spelling of an accent-less one.
func (x *run) canonOthers(idx []int) {
	type long struct {
		name  string
		toks  map[string]bool
		head  string
		typ   string
		at    []int
		paras []int
	}
	var longs []*long
	byName := map[string]*long{}
	for _, i := range idx {
		m := &x.ms[i]
		name := x.display(m)
		if m.gaz != nil {
			name = m.gaz.Canonical
		}
		k := x.fold(name)
		l := byName[k]
		if l == nil {
			typ, head := headType(m.fw)
			l = &long{name: name, toks: map[string]bool{}, head: head, typ: typ}
			for _, w := range strings.Fields(k) {
				if !connectors[w] && !stopwords[w] {
					l.toks[w] = true
				}
			}
			byName[k] = l
			longs = append(longs, l)
		} else if accents(name) > accents(l.name) {
			l.name = name
		}
		l.at = append(l.at, m.s)
		l.paras = append(l.paras, m.para)
	}
	// Abbreviations introduced in brackets: Lesnian State Historical Archive (LGIA).
	abbr := map[string]string{}
	for _, i := range idx {
		m := &x.ms[i]
		t := x.d.Text
		rest := t[m.e:min(len(t), m.e+16)]
		if !strings.HasPrefix(rest, " (") && !strings.HasPrefix(rest, "(") {
			continue
		}
		rest = strings.TrimLeft(rest, " (")
		end := strings.IndexByte(rest, ')')
		if end < 2 {
			continue
		}
		a := rest[:end]
		if isAcronym([]string{a}) && len(m.words) > 1 {
			abbr[x.fold(a)] = x.display(m)
		}
	}
	// containers lists, for a name, the longer names that hold all its words under the same head.
	byHead := map[string][]*long{}
	for _, l := range longs {
		byHead[l.head] = append(byHead[l.head], l)
	}
	containsMemo := map[*long][]*long{}
	contains := func(l *long) []*long {
		if c, ok := containsMemo[l]; ok {
			return c
		}
		pool := byHead[l.head]
		if l.head == "" {
			pool = longs
			if len(l.toks) == 0 || len(pool) > 2000 {
				pool = nil // a headless name is looked up among places only when there are few names
			}
		}
		var out []*long
		defer func() { containsMemo[l] = out }()
		for _, o := range pool {
			if o == l || len(o.toks) <= len(l.toks) || o.typ != l.typ && l.typ != "" {
				continue
			}
			if l.head != "" && o.head != l.head {
				continue
			}
			if l.head == "" && o.typ != "place" {
				continue
			}
			ok := true
			for w := range l.toks {
				if !o.toks[w] {
					ok = false
					break
				}
			}
			if ok {
				out = append(out, o)
			}
		}
		return out
	}
	maximalMemo := map[*long][]*long{}
	maximal := func(l *long) []*long {
		if c, ok := maximalMemo[l]; ok {
			return c
		}
		var out []*long
		defer func() { maximalMemo[l] = out }()
		for _, c := range contains(l) {
			if len(contains(c)) == 0 {
				out = append(out, c)
			}
		}
		return out
	}
	for _, i := range idx {
		m := &x.ms[i]
		name := x.display(m)
		if m.gaz != nil {
			name = m.gaz.Canonical
		}
		l := byName[x.fold(name)]
		canon := l.name
		if a, ok := abbr[x.fold(name)]; ok && isAcronym(m.words) {
			canon = a
		} else if cs := maximal(l); len(cs) > 0 || x.roleOf[l.head] != "" && len(l.toks) == 1 {
			if r := x.roleOf[l.head]; r != "" && len(l.toks) == 1 && byName[x.fold(r)] == nil {
				// The body of the office holder the text names (the Minister of X: the Ministry of X).
				byName[x.fold(r)] = &long{name: r, head: l.head, typ: l.typ}
				cs = append(cs, byName[x.fold(r)])
			} else if r != "" && len(l.toks) == 1 && !slices.Contains(cs, byName[x.fold(r)]) {
				cs = append(cs, byName[x.fold(r)])
			}
			pick := cs[0]
			if len(cs) > 1 {
				// The one named just before (within a few lines); else the commonest.
				bestAt := -1
				for _, c := range cs {
					// c.at is in text order: the last occurrence before the mention.
					k := sort.SearchInts(c.at, m.s)
					if k > 0 {
						if at := c.at[k-1]; m.s-at < 300 && at > bestAt {
							bestAt, pick = at, c
						}
					}
				}
				if bestAt < 0 {
					for _, c := range cs {
						if len(c.at)+2*x.roleVotes[x.fold(c.name)] > len(pick.at)+2*x.roleVotes[x.fold(pick.name)] {
							pick = c
						}
					}
				}
			}
			canon = pick.name
		}
		if m.typ == "place" && strings.HasPrefix(canon, "St ") {
			canon = "Saint " + canon[3:]
		}
		m.canon = canon
	}
}
