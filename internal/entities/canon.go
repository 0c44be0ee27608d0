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
	article := false
	for _, f := range m.fw {
		if f == "the" || f == "le" || f == "la" || f == "les" || f == "l'" {
			article = true
			break
		}
	}
	if !article {
		return m.joined()
	}
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
func headType(fw []string, fc []uint64) (typ, head string) {
	if len(fw) == 0 {
		return "", ""
	}
	if (fc[0]&(lxPlaceFacility|lxLowerPlace|lxLowerFacility) != 0 || saintWords[fw[0]]) && len(fw) > 1 {
		return "place", fw[0]
	}
	if fc[0]&lxFrenchLowerHead != 0 && len(fw) > 1 {
		return "org", fw[0]
	}
	for i, f := range fw {
		c := fc[i]
		if c&lxConnector != 0 || f == "&" {
			if typ != "" {
				return typ, head
			}
			continue
		}
		if c&lxOrgHead != 0 {
			typ, head = "org", f
		} else if c&lxPlaceHead != 0 && len(fw) > 1 {
			typ, head = "place", f
		}
	}
	if typ == "" {
		for _, f := range fw {
			if f == "&" || f == "et" || f == "cie" || f == "co" {
				return "org", f
			}
		}
	}
	return typ, head
}

// saintWords begin the names of places (St. Louis, San Francisco, Santa Fe),
// or, after a title, of persons (Mr. St. John).
var saintWords = set(`st ste san santa`)

// typesScratch is the storage types keeps for the next document.
type typesScratch struct {
	ids   wordMap[int32]
	mids  []tid
	ints  []int
	bools []bool
	strs  []string
	votes [][]tally
}

type tid struct{ k, s, d int32 } // a mention's key, surname and display, as numbers (see types)

type tally struct {
	typ string
	n   int
}

// canonScratch is the maps canonPersons and canonOthers keep for the next document.
type canonScratch struct {
	byKey             map[uint64]int32
	counts            map[string]int
	bestOf            map[gname]string
	tidy              map[[2]string]string
	abbr              map[string]string
	byHead            map[string][]*long
	contains, maximal map[*long][]*long
}

type gname struct {
	g    int32
	name string
}

// reuse returns *m emptied, made when nil.
func reuse[K comparable, V any](m *map[K]V) map[K]V {
	if *m == nil || len(*m) > 1<<16 {
		*m = map[K]V{}
	} else {
		clear(*m)
	}
	return *m
}

// grow returns (*b)[:n] zeroed, reusing its storage.
func grow[T any](b *[]T, n int) []T {
	if cap(*b) < n {
		*b = make([]T, n)
	}
	s := (*b)[:n]
	clear(s)
	return s
}

func (x *run) types() {
	// The folded strings the evidence is counted by (keys, surnames, display
	// forms, words), as small numbers.
	sc := &x.typesScratch
	ids := &sc.ids
	ids.reset()
	id := func(s string) int32 {
		p := ids.at(s) // (the number plus one: 0 is none yet)
		if *p == 0 {
			*p = int32(ids.n)
		}
		return *p - 1
	}
	mids := grow(&sc.mids, len(x.ms))
	for i := range x.ms {
		if m := &x.ms[i]; !m.drop {
			k, s, d := m.key(), m.surname(), x.dispFold(m)
			v := tid{k: id(k)}
			v.s, v.d = v.k, v.k
			if s != k {
				v.s = id(s)
			}
			if d != k {
				v.d = id(d)
			}
			mids[i] = v
			if len(m.words) == 2 {
				id(m.fw[0])
				id(m.fw[1])
			}
		}
	}
	n := ids.n
	// Evidence per surname or key.
	ints := grow(&sc.ints, 3*n)
	personKeys, placeKeys, keyCount := ints[:n], ints[n:2*n], ints[2*n:]
	pubKeys := grow(&sc.bools, n)
	for i := range x.ms {
		m := &x.ms[i]
		if m.drop {
			continue
		}
		k := mids[i].k
		if m.gaz != nil {
			m.typ = m.gaz.Type
		} else if ni := x.info(m); ni.pub || m.pubCue || (len(m.words) == 1 && m.fc[0]&lxPublication != 0 && !m.sent) || x.placePaper(m) {
			m.typ = "publication"
			pubKeys[k] = true
		} else if t, h := ni.typ, ni.head; t != "" && !(m.titled && saintWords[h]) {
			m.typ = t
		} else if m.titled || ni.initial || ni.given || (len(m.words) > 1 && m.fc[0]&lxKeptTitle != 0) {
			m.typ = "person"
		} else if m.orgCue {
			m.typ = "org"
		} else if ni.acronym && !m.allCaps {
			m.typ = "org"
		}
		m.strong = m.typ != ""
		if m.typ == "person" {
			personKeys[mids[i].s] += 3
		}
		personKeys[mids[i].s] += m.personCue
		placeKeys[k] += m.placeCue
	}
	// A name in capitals takes the type of the same name written otherwise (VOLKAR, Volkar).
	strs := grow(&sc.strs, 2*n)
	known, partType := strs[:n], strs[n:]
	for i := range x.ms {
		if m := &x.ms[i]; !m.drop && !m.allCaps && m.typ != "" {
			known[mids[i].d] = m.typ
		}
	}
	for i := range x.ms {
		if m := &x.ms[i]; !m.drop && m.allCaps && m.gaz == nil {
			m.typ = known[mids[i].d]
		}
	}
	// A lone word that is part of a longer name takes its type (Terminus, Hôtel Terminus).
	for i := range x.ms {
		m := &x.ms[i]
		if m.drop || len(m.words) != 2 || (m.typ != "org" && m.typ != "place") {
			continue
		}
		for k, f := range m.fw {
			if m.fc[k]&(lxOrgHead|lxPlaceHead|lxPlaceFacility|lxConnector) == 0 {
				partType[ids.get(f)-1] = m.typ
			}
		}
	}
	for i := range x.ms {
		if !x.ms[i].drop {
			keyCount[mids[i].k]++
		}
	}
	for i := range x.ms {
		m := &x.ms[i]
		if m.drop {
			continue
		}
		k, sur := mids[i].k, mids[i].s
		if pubKeys[k] && m.gaz == nil && m.typ == "" {
			m.typ = "publication"
			continue
		}
		if m.typ != "" {
			continue
		}
		if t := partType[mids[i].d]; t != "" && len(m.words) == 1 {
			m.typ = t
			continue
		}
		// What annotated newspapers say of these words.
		ni := x.info(m)
		lt, ltType := ni.learnt(x, m)
		if t := ltType; t != "" && personKeys[sur] < 3 {
			m.typ = t
			continue
		}
		// What the model learnt from annotated newspapers says.
		if post, ok := m.posterior(x); ok && personKeys[sur] < 3 {
			if len(m.words) == 1 && post[0] >= nbDrop && !m.says && !x.surname(m.fi[len(m.fi)-1]) && placeKeys[k] == 0 && !x.renders(m.words[0], wSur, &x.surKeys) {
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
		p, l := personKeys[sur], placeKeys[k]
		if len(m.words) == 1 {
			if hasSuffix(m.fw[0], placeSuffixes) {
				l++
			}
			if hasSuffix(m.fw[0], personSuffixes) {
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
	votes := grow(&sc.votes, n)
	vote := func(k int32, t string, n int) {
		for j := range votes[k] {
			if votes[k][j].typ == t {
				votes[k][j].n += n
				return
			}
		}
		votes[k] = append(votes[k], tally{t, n})
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
			vote(mids[i].k, m.typ, w)
		} else if m.typ == "person" {
			vote(mids[i].s, "person", 3)
		}
	}
	for i := range x.ms {
		m := &x.ms[i]
		if m.drop || m.strong || len(m.words) != 1 {
			continue
		}
		best, n := m.typ, 0
		for _, v := range votes[mids[i].k] {
			if v.n > n || (v.n == n && v.typ < best) {
				best, n = v.typ, v.n
			}
		}
		m.typ = best
	}
	x.lists()
	// A country whose ruler or minister is named is the state, a body
	// (the King of France, the President of the United States).
	for i := range x.ms {
		if m := &x.ms[i]; !m.drop && m.typ == "place" && m.officeOf {
			m.typ = "org"
		}
	}
}

// lists gives the names of a list (Monroe, Wayne, Huron and Barry County)
// whose types nothing of their own decides the type of those that have,
// when these agree: the items of a list are alike.
func (x *run) lists() {
	t := x.d.Text
	for i := 0; i < len(x.ms); {
		if x.ms[i].drop {
			i++
			continue
		}
		// The run of mentions joined by commas and conjunctions.
		run := []int{i}
		last := i
		for k := i + 1; k < len(x.ms); k++ {
			if x.ms[k].drop {
				continue
			}
			if x.ms[k].s < x.ms[last].e || !listGlue(t[x.ms[last].e:x.ms[k].s]) {
				break
			}
			run = append(run, k)
			last = k
		}
		if len(run) >= 3 {
			typ := ""
			agree := true
			for _, k := range run {
				if m := &x.ms[k]; m.strong && m.typ != "" {
					if typ != "" && m.typ != typ {
						agree = false
					}
					typ = m.typ
				}
			}
			if agree && (typ == "place" || typ == "person" || typ == "org") {
				for _, k := range run {
					if m := &x.ms[k]; !m.strong {
						m.typ = typ
					}
				}
			}
		}
		i = last + 1
	}
}

// listGlue says whether s joins two items of a list: a comma, "and", "or", "&".
func listGlue(s string) bool {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, ",") {
		s = strings.TrimSpace(s[1:])
		if s == "" {
			return true
		}
	}
	switch s {
	case "and", "or", "&", "et", "ou":
		return true
	}
	return false
}

// The model's thresholds: the odds of no name at which a lone word is
// dropped, and the share of one type at which it is taken.
const (
	nbDrop = 0.6
	nbType = 0.7
)

// placePapers name a newspaper after the name of a place: the Richmond
// Whig, the Weld County Republican, the St. Louis Republic.
var placePapers = set(`whig republican democrat republic standard banner ledger enquirer inquirer argus patriot sun eagle bee
	independent leader dispatch statesman transcript picayune clarion beacon gleaner pioneer reporter recorder courant
	mirror world call item union press`)

// placePaper says whether m is a place's name and one of placePapers.
func (x *run) placePaper(m *mention) bool {
	n := len(m.fw)
	if n < 2 || !placePapers[m.fw[n-1]] || m.allCaps {
		return false
	}
	prefix := strings.TrimSpace(x.d.Text[m.s : m.e-len(m.words[n-1])])
	if f := m.fw[n-2]; f == "county" || f == "city" || f == "state" || f == "valley" {
		return true
	}
	e, ok := x.lookup(prefix)
	return ok && e.Type == "place"
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
func (x *run) display(m *mention) string { return x.info(m).disp }

// dispFold is the display folded.
func (x *run) dispFold(m *mention) string { return x.info(m).dispF }

func (x *run) makeDisplay(m *mention) string {
	t := m.text(x.d.Text)
	if single(t) && (len(m.fw) < 2 || !keptTitles[m.fw[0]]) {
		return t // no white space to tidy, no title to leave out
	}
	ws := strings.Fields(t)
	for len(ws) > 1 && keptTitles[x.fold(ws[0])] {
		ws = ws[1:]
	}
	return strings.Join(ws, " ")
}

// joinedText says whether s is the words with one space between them.
func joinedText(s string, words []string) bool {
	k := 0
	for i, w := range words {
		if i > 0 {
			if k >= len(s) || s[k] != ' ' {
				return false
			}
			k++
		}
		if len(s)-k < len(w) || s[k:k+len(w)] != w {
			return false
		}
		k += len(w)
	}
	return k == len(s)
}

// single says whether s has no white space but single spaces between
// other characters, and none outside ASCII.
func single(s string) bool {
	if s == "" || s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' || (c == ' ' && s[i+1] == ' ') {
			return false
		}
	}
	return true
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

// rank is what makes one rendering of a name fuller than another: more
// words that are not initials, more words, Latin script, accents, length.
type rank struct {
	words, initials, accents, size int
	cyrillic                       bool
}

func rankOf(s string) rank {
	r := rank{size: len(s), cyrillic: translit.IsCyrillic(s), accents: accents(s)}
	in := false
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' {
			in = false
		} else if !in {
			in = true
			r.words++
		}
		if s[i] == '.' && (i+1 == len(s) || s[i+1] < 0x80 && asciiSpace[s[i+1]]) {
			r.initials++
		}
	}
	if !ascii(s) {
		ws := strings.Fields(s) // (white space outside ASCII)
		r.words, r.initials = len(ws), initials(ws)
	}
	return r
}

// over says whether a name of rank a is a fuller rendering than one of rank b.
func (a rank) over(b rank) bool {
	if (a.words - a.initials) != (b.words - b.initials) {
		return a.words-a.initials > b.words-b.initials
	}
	if a.words != b.words {
		return a.words > b.words
	}
	if a.cyrillic != b.cyrillic {
		return !a.cyrillic
	}
	if a.accents != b.accents {
		return a.accents > b.accents
	}
	return a.size > b.size
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

// compatibleParts says whether two persons' given names (their parts, see
// givenParts) can be one person's: J. and Jan, Paul-Emile and P.-E., none
// and anything. It is symmetric.
func compatibleParts(ga, gb []string) bool {
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
		if fold(x) != fold(y) && !same(x, y) {
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
	// Surname groups, joining transliteration variants of Russian-looking names through their
	// keys, as small numbers: per surname its group's number plus one (0: not seen yet).
	groupOf := &x.groupOf
	groupOf.reset()
	byKey := reuse(&x.scratch.byKey)
	ng := 0
	group := func(s string) int32 {
		p := groupOf.at(s)
		if *p != 0 {
			return *p - 1
		}
		g := int32(-1)
		if len(s) > 3 && (hasSuffix(s, personSuffixes) || translit.IsCyrillic(s)) {
			ks := keyHashes(s)
			for _, k := range ks {
				if r, ok := byKey[k]; ok {
					g = r
					break
				}
			}
			if g < 0 {
				g = int32(ng)
				ng++
			}
			for _, k := range ks {
				if _, ok := byKey[k]; !ok {
					byKey[k] = g
				}
			}
		} else {
			g = int32(ng)
			ng++
		}
		p = groupOf.at(s) // (the table may have grown)
		*p = g + 1
		return g
	}
	type full struct {
		words []string
		name  string
		at    int
		parts []string // givenParts(words), for distinct names
		rank  rank     // and rankOf(name)
	}
	// Each mention's group.
	gids := make([]int32, len(idx))
	for n, i := range idx {
		gids[n] = group(x.ms[i].surname())
	}
	fulls := make([][]full, ng) // per group, in text order
	counts := reuse(&x.scratch.counts)
	for n, i := range idx {
		m := &x.ms[i]
		name := x.display(m)
		if strings.IndexByte(name, ' ') >= 0 { // display has single spaces
			fulls[gids[n]] = append(fulls[gids[n]], full{m.words, name, m.s, nil, rank{}})
			counts[name]++
		}
	}
	// Distinct full names per group, and the fullest compatible with each (computed once).
	distinct := make([][]full, ng)
	for g, fs := range fulls {
		if len(fs) == 0 {
			continue
		}
		var seen map[string]bool // (made when the names are many: few are looked through)
		for _, f := range fs {
			ds := distinct[g]
			if seen == nil && len(ds) > 16 {
				seen = make(map[string]bool, 2*len(ds))
				for _, d := range ds {
					seen[d.name] = true
				}
			}
			if seen != nil && seen[f.name] || seen == nil && slices.ContainsFunc(ds, func(d full) bool { return d.name == f.name }) {
				continue
			}
			if seen != nil {
				seen[f.name] = true
			}
			f.parts, f.rank = givenParts(f.words), rankOf(f.name)
			distinct[g] = append(distinct[g], f)
		}
	}
	bestOf := reuse(&x.scratch.bestOf)
	fullest := func(g int32, words []string, own string) string {
		k := gname{g, own}
		if b, ok := bestOf[k]; ok {
			return b
		}
		best, br := own, rankOf(own)
		parts := givenParts(words)
		for _, f := range distinct[g] {
			// compatibleParts is symmetric.
			if f.rank.over(br) && compatibleParts(parts, f.parts) {
				best, br = f.name, f.rank
			}
		}
		bestOf[k] = best
		return best
	}
	commonest := make([]full, ng)
	for g, ds := range distinct {
		if len(ds) == 0 {
			continue
		}
		pick := ds[0]
		for _, f := range ds[1:] {
			if counts[f.name] > counts[pick.name] {
				pick = f
			}
		}
		commonest[g] = pick
	}
	// For a name never given in full, its spelling in ordinary case and Latin script (Delorme, not DELORME).
	shown := make([]string, ng)
	for n, i := range idx {
		m := &x.ms[i]
		g := gids[n]
		own := x.display(m)
		if cur := shown[g]; cur == "" || (cur != own && (isUpper(cur) && !isUpper(own) || translit.IsCyrillic(cur) && !translit.IsCyrillic(own))) {
			shown[g] = own
		}
	}
	next := make([]int, ng) // per group, the full forms already passed (mentions come in text order)
	for n, i := range idx {
		m := &x.ms[i]
		g := gids[n]
		own := x.display(m)
		fs := fulls[g]
		k := next[g]
		for k < len(fs) && fs[k].at < m.s {
			k++
		}
		next[g] = k
		if strings.IndexByte(own, ' ') >= 0 {
			m.canon = fullest(g, m.words, own)
			continue
		}
		if len(fs) == 0 {
			m.canon = own
			if v := shown[g]; v != "" {
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
	tidy := reuse(&x.scratch.tidy)
	for _, i := range idx {
		m := &x.ms[i]
		k := [2]string{m.canon, x.d.LangAt(m.s)}
		c, ok := tidy[k]
		if !ok {
			c = x.personName(m.canon, k[1])
			tidy[k] = c
		}
		m.canon = c
	}
}

// personName tidies a person's canonical name: given names known only by
// their initials are left out (J. Volkar is Volkar: the initials say less
// than a reader would take them to), and a Russian name written in the
// French or German manner is given in the English one (Svechnikov,
// Swetschnikow: Sveshnikov).
func (x *run) personName(name, lang string) string {
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

// long is a name of an organisation or a place in canonOthers, with its
// words and the places it is written.
type long struct {
	name string
	toks []string // the words, none twice, no connector or function word
	head string
	typ  string
	at   []int
}

// canonOthers names organisations and places: the gazetteer's name, the
// long form of a short one (the Committee, Terminus), an abbreviation's
// expansion, the accented spelling of an accent-less one.
func (x *run) canonOthers(idx []int) {
	var longs []*long
	byName := &x.byName
	byName.reset()
	keys := make([]string, len(idx)) // each mention's name, folded
	for n, i := range idx {
		m := &x.ms[i]
		name, k := x.display(m), x.dispFold(m)
		if m.gaz != nil {
			name = m.gaz.Canonical
			k = x.fold(name)
		}
		keys[n] = k
		l := byName.get(k)
		if l == nil {
			ni := x.info(m)
			typ, head := ni.typ, ni.head
			l = &long{name: name, head: head, typ: typ}
			for _, w := range strings.Fields(k) {
				if !connectors[w] && !stopwords[w] && !slices.Contains(l.toks, w) {
					l.toks = append(l.toks, w)
				}
			}
			*byName.at(k) = l
			longs = append(longs, l)
		} else if name != l.name && accents(name) > accents(l.name) {
			l.name = name
		}
		l.at = append(l.at, m.s)
	}
	// Abbreviations introduced in brackets: Lesnian State Historical Archive (LGIA).
	abbr := reuse(&x.scratch.abbr)
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
	byHead := reuse(&x.scratch.byHead)
	for _, l := range longs {
		byHead[l.head] = append(byHead[l.head], l)
	}
	containsMemo := reuse(&x.scratch.contains)
	var placeTok map[string][]*long // the places per word
	contains := func(l *long) []*long {
		if c, ok := containsMemo[l]; ok {
			return c
		}
		pool := byHead[l.head]
		if l.head == "" {
			// A headless name is looked up among places only when there are few names, and
			// only among those that have its words (the fewest of them, in text order).
			pool = nil
			if len(l.toks) > 0 && len(longs) <= 2000 {
				if placeTok == nil {
					placeTok = map[string][]*long{}
					for _, o := range longs {
						if o.typ == "place" {
							for _, w := range o.toks {
								placeTok[w] = append(placeTok[w], o)
							}
						}
					}
				}
				first := true
				for _, w := range l.toks {
					if c := placeTok[w]; first || len(c) < len(pool) {
						pool, first = c, false
					}
				}
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
			for _, w := range l.toks {
				if !slices.Contains(o.toks, w) {
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
	maximalMemo := reuse(&x.scratch.maximal)
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
	for n, i := range idx {
		m := &x.ms[i]
		l := byName.get(keys[n])
		canon := l.name
		if a, ok := abbr[keys[n]]; ok && x.info(m).acronym {
			canon = a
		} else if cs := maximal(l); len(cs) > 0 || x.roleOf[l.head] != "" && len(l.toks) == 1 {
			if r := x.roleOf[l.head]; r != "" && len(l.toks) == 1 && byName.get(x.fold(r)) == nil {
				// The body of the office holder the text names (the Minister of X: the Ministry of X).
				*byName.at(x.fold(r)) = &long{name: r, head: l.head, typ: l.typ}
				cs = append(cs, byName.get(x.fold(r)))
			} else if r != "" && len(l.toks) == 1 && !slices.Contains(cs, byName.get(x.fold(r))) {
				cs = append(cs, byName.get(x.fold(r)))
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
