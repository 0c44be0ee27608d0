// Package entities finds the people, organisations, places and
// publications a document names, and gives every referent one canonical
// name across its mentions (Com. Thorez, Thorez, Maurice Thorez; Staline,
// Сталин, I. V. Stalin; LGIA for the archive the text introduced under that
// abbreviation).
//
// Mentions are found with general means only: capitalisation, titles,
// initials, name particles, organisation and place words, prepositions,
// gazetteers a user can extend (see Default), and the document's own
// evidence (a surname that appears once with a given name is a person
// everywhere). Newspapers and journals are recognised so that the places
// in their names are not counted; they are reported with type publication.
package entities

import (
	"strings"
	"sync"
	"sync/atomic"

	"github.com/quellen/quellen"
	"github.com/quellen/quellen/internal/extract"
	"github.com/quellen/quellen/internal/translit"
)

// Extractors returns this package's extractors, in the order they run.
func Extractors() []extract.Extractor {
	return []extract.Extractor{extract.Func{N: "entities", F: func(d *extract.Doc) []quellen.Finding {
		return Extract(d, Default())
	}}}
}

// mention is one candidate name in the text.
type mention struct {
	s, e      int
	words     []string // the name's tokens as written (words, initials, connectors)
	fw        []string // and folded (set by push)
	k         string   // the key (see key)
	disp      string   // the display form, once made (see display)
	officeOf  bool     // after an office and "of" (the King of, le ministre de)
	titled    bool     // a person title stood before it
	typ       string
	canon     string
	sent      bool // starts a sentence
	para      int
	gaz       *Entry
	placeCue  int
	personCue int
	pubCue    bool
	orgCue    bool
	plural    bool
	says      bool    // a verb of saying follows
	nextLower bool    // a word in lower case follows
	titleS    int     // where a title left out of the mention starts; -1 when none
	strong    bool    // typed by evidence of its own (gazetteer, title, head word)
	nbf       []nbTok // the capitalised tokens, for the model
	allCaps   bool    // in a run of capitals, where capitals say nothing
	inTitle   bool    // inside the title of a work
	drop      bool
}

func (m *mention) text(s string) string { return s[m.s:m.e] }

// Extract finds the entity mentions of d with gazetteer g.
func Extract(d *extract.Doc, g *Gazetteer) []quellen.Finding {
	if d == nil || d.Text == "" {
		return nil
	}
	if g == nil {
		g = Default()
	}
	x := &run{d: d, g: g, ms: make([]mention, 0, len(d.Text)/40+8), lower: map[string]bool{}, roleOf: map[string]string{}, roleVotes: map[string]int{}}
	x.paragraphs()
	x.titleZones()
	for _, ts := range x.paras {
		for _, t := range ts {
			if t.word && !t.cap && !t.digit {
				x.lower[t.f] = true
			}
		}
	}
	for pi, ts := range x.paras {
		x.scan(pi, ts)
	}
	x.filter()
	x.types()
	x.canonical()
	out := make([]quellen.Finding, 0, len(x.ms))
	for i := range x.ms {
		m := &x.ms[i]
		if m.drop {
			continue
		}
		raw := m.text(d.Text)
		f := quellen.Finding{
			Kind:  quellen.KindEntity,
			Clean: quellen.Span{Start: m.s, End: m.e},
			Text:  raw,
			Attrs: quellen.Attrs{"raw": raw, "canonical": m.canon, "type": m.typ},
		}
		if m.titleS >= 0 && m.titleS < m.s && m.typ == "person" {
			// The title left out of the mention (Mr., Com., General).
			f.Attrs["title"] = strings.Join(strings.Fields(d.Text[m.titleS:m.s]), " ")
		}
		out = append(out, f)
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

type run struct {
	d        *extract.Doc
	g        *Gazetteer
	paras    [][]tok
	ms       []mention
	lower    map[string]bool   // words the document writes in lower case
	surnames map[string]bool   // surnames of the persons named in full or with a title
	midKeys  map[string]bool   // transliteration keys of the words named mid-sentence (see renders)
	surKeys  map[string]bool   // and of the surnames
	roleOf   map[string]string // "ministry" -> "Ministry of Communications", from "Minister of Communications"
	// roleVotes counts the holders of an office named (Minister of X) per body (Ministry of X).
	roleVotes map[string]int
	zones     []quellen.Span // titles of works
	folds     map[string]string
	strArena  []string // storage for the mentions' word lists (see strs)
	nbArena   []nbTok
	looked    map[string]*Entry // x.g.Lookup of the names outside ASCII, nil when none
	strict    []bool            // per token of the paragraph in hand: capitals say little here
}

func (x *run) paragraphs() {
	d := x.d
	if len(d.Paras) == 0 {
		ts := tokenizeF(d.Text, 0, len(d.Text), nil, x.fold)
		markSentences(ts)
		x.paras = append(x.paras, ts)
		return
	}
	// The paragraphs' tokens are cut from one block (a paragraph that
	// outgrows what is left gets its own).
	block := make([]tok, 0, len(d.Text)/5+16)
	x.paras = make([][]tok, 0, len(d.Paras))
	for _, p := range d.Paras {
		s, e := max(p.Span.Start, 0), min(p.Span.End, len(d.Text))
		if s >= e {
			x.paras = append(x.paras, nil)
			continue
		}
		n := len(block)
		ts := tokenizeF(d.Text, s, e, block[n:n], x.fold)
		if cap(ts) == cap(block)-n {
			block = block[:n+len(ts)] // in the block
		}
		ts = ts[:len(ts):len(ts)]
		markSentences(ts)
		x.paras = append(x.paras, ts)
	}
}

// fold is fold through the document's memo: the folded form of each word
// is made once.
func (x *run) fold(w string) string {
	lower := true
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= 0x80 || ('A' <= c && c <= 'Z') {
			lower = false
			break
		}
	}
	if lower {
		return w
	}
	if g, ok := x.folds[w]; ok {
		return g
	}
	f := fold(w)
	if x.folds == nil {
		x.folds = map[string]string{}
	}
	x.folds[w] = f
	return f
}

// strs returns an empty slice of capacity n, cut from a shared block: the
// word lists of the mentions cost one allocation per block, not per list.
func (x *run) strs(n int) []string {
	if n > 256 {
		return make([]string, 0, n)
	}
	if cap(x.strArena)-len(x.strArena) < n {
		x.strArena = make([]string, 0, 4096)
	}
	k := len(x.strArena)
	x.strArena = x.strArena[:k+n]
	return x.strArena[k : k : k+n]
}

// nbToks is strs for the model's tokens.
func (x *run) nbToks(n int) []nbTok {
	if n > 256 {
		return make([]nbTok, 0, n)
	}
	if cap(x.nbArena)-len(x.nbArena) < n {
		x.nbArena = make([]nbTok, 0, 2048)
	}
	k := len(x.nbArena)
	x.nbArena = x.nbArena[:k+n]
	return x.nbArena[k : k : k+n]
}

// lookup is x.g.Lookup, through a memo for names outside ASCII.
func (x *run) lookup(name string) (Entry, bool) {
	ascii := true
	for i := 0; i < len(name); i++ {
		if name[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return x.g.Lookup(name)
	}
	if e, ok := x.looked[name]; ok {
		if e == nil {
			return Entry{}, false
		}
		return *e, true
	}
	if x.looked == nil {
		x.looked = map[string]*Entry{}
	}
	e, ok := x.g.Lookup(name)
	if ok {
		x.looked[name] = &e
	} else {
		x.looked[name] = nil
	}
	return e, ok
}

// titleZones marks the titles of works: the document's own title and
// source, and the titles of the references found so far.
func (x *run) titleZones() {
	var titles []string
	for _, f := range x.d.Of(quellen.KindReference) {
		if t := f.Attrs.String("title"); len(t) > 8 {
			titles = append(titles, t)
		}
	}
	if t := x.d.Meta.Title; len(t) > 8 {
		titles = append(titles, t)
	}
	text := x.d.Text
	for _, t := range titles {
		for off := 0; off < len(text); {
			i := strings.Index(text[off:], t)
			if i < 0 {
				break
			}
			x.zones = append(x.zones, quellen.Span{Start: off + i, End: off + i + len(t)})
			off += i + len(t)
		}
	}
}

func (x *run) inZone(s, e int) bool {
	for _, z := range x.zones {
		if z.Start <= s && e <= z.End {
			return true
		}
	}
	return false
}

func fold(w string) string {
	upper := false
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 0x80 {
			if f, ok := foldCache.Load(w); ok {
				return f.(string)
			}
			f := strings.ReplaceAll(translit.Fold(w), "’", "'")
			if foldCached.Add(1) < 1<<16 {
				foldCache.Store(strings.Clone(w), f)
			}
			return f
		}
		if 'A' <= c && c <= 'Z' {
			upper = true
		}
	}
	if !upper {
		return w
	}
	return strings.ToLower(w)
}

// foldCache keeps the folded forms of the words outside ASCII (bounded).
var (
	foldCache  sync.Map
	foldCached atomic.Int64
)

// isTitleAt reports whether ts[i] is a person title, and how many tokens it
// takes (a dot after an abbreviation).
func isTitleAt(ts []tok, i int) (n int, kept bool) {
	t := ts[i]
	if !t.word || !t.cap {
		return 0, false
	}
	w := t.f
	if t.initial {
		if (w == "m." || w == "mm.") && i+1 < len(ts) && ts[i+1].word && ts[i+1].cap && !ts[i+1].initial {
			return 1, false
		}
		return 0, false
	}
	dot := i+1 < len(ts) && ts[i+1].w == "." && ts[i+1].s == t.e
	if dot && personTitles[w+"."] {
		return 2, false
	}
	if keptTitles[w] {
		return 1, true
	}
	if personTitles[w] || roleNouns[w] {
		if dot {
			return 2, false
		}
		return 1, false
	}
	return 0, false
}

// lowerPlaceTails, written in lower case after a name, make it a place (English).
var lowerPlaceTails = set(`county street road creek river bridge township parish turnpike island lake mountain mountains valley`)

var companyForms = set(`ag gmbh ltd ltd. inc inc. sa plc cie co co. corp kg`)

var frenchOrgHeads = set(`société societe compagnie banque archives institut école ecole éditions editions commission comité conseil
	ministère chambre union parti confédération caisse crédit syndicat musée bibliothèque académie université direction office assemblée
	cour tribunal fédération association`)

var frenchLowerHeads = set(`commission comité ministère conseil chambre tribunal cour assemblée parti direction`)

var lowerFacilities = set(`hôtel hotel gare rue boulevard avenue quai place pont château palais`)

var frenchAdjEnd = []string{"ale", "ales", "aux", "ienne", "iennes", "aise", "aises", "ique", "iques", "ière", "ières", "elle", "elles", "ée", "ées", "oise", "oises", "aine", "aines", "ane", "anes", "ien", "iens", "al", "el", "if", "ive", "ives", "eur", "euse", "ère", "ois", "e"}

func frenchAdj(w string) bool {
	if strings.Contains(w, "-") {
		return true
	}
	for _, s := range frenchAdjEnd {
		if len(w) > len(s)+2 && strings.HasSuffix(w, s) {
			return s != "e" || strings.ContainsAny(w, "éèê")
		}
	}
	return false
}

func capWord(t tok) bool { return t.word && (t.cap || t.initial) && !t.digit }

// scan finds the candidate names of one paragraph.
func (x *run) scan(pi int, ts []tok) {
	lang := ""
	if pi < len(x.d.Paras) {
		lang = x.d.Paras[pi].Lang
	}
	if lang == "" {
		lang = x.d.Meta.Language
	}
	capsRun := capsContext(ts)
	x.strict = x.titleSegments(ts)
	if lang == "de" || (pi < len(x.d.Paras) && x.d.Paras[pi].Kind == "heading") {
		// German capitalises every noun: only names known otherwise count.
		for k := range x.strict {
			x.strict[k] = true
		}
	}
	for i := 0; i < len(ts); {
		t := ts[i]
		if !capWord(t) {
			i++
			continue
		}
		// A roman numeral heading: I. A book..., V. Postscript.
		if t.initial && i == 0 && strings.ContainsAny(t.w[:1], "IVX") && !(i+1 < len(ts) && ts[i+1].initial) {
			if i+1 < len(ts) {
				ts[i+1].sent = true
			}
			i++
			continue
		}
		start := i
		titled := false
		for i < len(ts) {
			n, k := isTitleAt(ts, i)
			if n == 0 || k {
				break // a kept title (Sir) is part of the name
			}
			titled = true
			i += n
		}
		if i >= len(ts) {
			break
		}
		// A title and a particle: General de Gaulle.
		particleName := titled && ts[i].word && particles[ts[i].f] && i+1 < len(ts) && capWord(ts[i+1])
		if titled && !capWord(ts[i]) && !particleName {
			// A role without a name: "the Minister of Communications".
			i = x.roleOfPhrase(ts, start, i)
			continue
		}
		if !capWord(ts[i]) && !particleName {
			i++
			continue
		}
		nameStart := i
		j := i + 1
		if particleName {
			j = i + 2
		}
		hasHead := func() bool {
			for _, u := range ts[nameStart:j] {
				w := u.f
				if orgHeads[w] || placeHeads[w] || placeFacilities[w] {
					return true
				}
			}
			return false
		}
		for j < len(ts) {
			u := ts[j]
			if capWord(u) {
				if n, _ := isTitleAt(ts, j); n > 0 && j > nameStart && !keptTitles[u.f] {
					break // a title begins the next name: À M. VOLKAR
				}
				if (capsRun[j] || capsRun[j-1]) && !(x.g.Given(ts[j-1].w) && ts[j-1].caps && ts[j].caps) {
					break // in capitals, one word at a time (but GEORGE DAVIS)
				}
				if ts[j-1].initial && stopwords[u.f] {
					break
				}
				j++
				continue
			}
			if u.word && !u.cap {
				lw := u.f
				// Particles inside a person's name: Charles de Gaulle, Joachim von Ribbentrop.
				if particles[lw] && j+1 < len(ts) && capWord(ts[j+1]) && !hasHead() && personish(ts[nameStart:j], x.g) {
					j += 2
					continue
				}
				// Connectors inside an organisation's or place's name.
				if n := connectorRun(ts, j); n > 0 && j+n < len(ts) && capWord(ts[j+n]) && hasHead() && !stopwords[ts[j+n].f] &&
					!(companyForms[ts[j-1].f] && lw == "of") {
					j += n + 1
					continue
				}
				// French names go on in lower case: Société franco-lesnienne des chemins de fer.
				if frenchOrgHeads[ts[j-1].f] {
					if n := frenchTail(ts, j); n > 0 {
						j += n
						continue
					}
				}
				break
			}
			if u.w == "&" && j+1 < len(ts) && capWord(ts[j+1]) {
				j += 2
				continue
			}
			// A dot after an abbreviation inside a name (St. Petersburg).
			if u.w == "." && j+1 < len(ts) && capWord(ts[j+1]) && ts[j-1].f == "st" {
				j++
				continue
			}
			break
		}
		// A place word in lower case after the name: Wayne county, the Leesburg road, Will's creek.
		if j < len(ts) && !titled && lang == "en" && lowerPlaceTails[ts[j].f] && !ts[j].cap && j > nameStart && !capsRun[j-1] {
			j++
		}
		x.add(pi, ts, start, nameStart, j, titled, lang, capsRun[nameStart] || x.strict[nameStart] && allCapsWords(ts[nameStart:j]))
		if x.strict[nameStart] && len(x.ms) > 0 && x.ms[len(x.ms)-1].s >= ts[nameStart].s-10 {
			x.ms[len(x.ms)-1].inTitle = true
		}
		i = j
	}
}

// capsContext marks the tokens that stand in a run of capitals (a
// telegram, a heading in capitals), where a capital says nothing.
func capsContext(ts []tok) []bool {
	out := make([]bool, len(ts))
	for i, t := range ts {
		if !t.caps {
			continue
		}
		n := 0
		for k := max(i-3, 0); k < min(i+4, len(ts)); k++ {
			if k != i && ts[k].caps {
				n++
			}
		}
		out[i] = n >= 2
	}
	return out
}

// personish reports whether the tokens so far read as a person's given names.
func personish(ts []tok, g *Gazetteer) bool {
	for _, t := range ts {
		if t.initial || g.Given(t.w) {
			return true
		}
	}
	return false
}

// connectorRun returns how many tokens of connectors start at j (of the, de la, d').
func connectorRun(ts []tok, j int) int {
	w := ts[j].f
	two := ""
	if j+1 < len(ts) && ts[j+1].word {
		two = w + " " + ts[j+1].f
	}
	switch two {
	case "of the", "on the", "for the", "de la", "de l'", "of a", "und der", "für die", "zu der":
		return 2
	}
	switch w {
	case "of", "for", "de", "du", "des", "d'", "et", "und", "für", "zu", "on":
		if w == "on" {
			return 0
		}
		return 1
	}
	return 0
}

// frenchTail returns how many lower-case tokens at j continue a French
// name: adjectives and de/des/du + noun groups.
func frenchTail(ts []tok, j int) int {
	n := 0
	k := j
	for k < len(ts) && n < 8 {
		t := ts[k]
		if !t.word {
			break
		}
		w := t.f
		if t.cap {
			break
		}
		if frenchAdj(t.w) && !stopwords[w] {
			k++
			n = k - j
			continue
		}
		if w == "des" || w == "du" || w == "de" || w == "d'" || w == "et" || w == "à" || w == "aux" {
			k2 := k + 1
			if w == "de" && k2 < len(ts) && (ts[k2].f == "la" || ts[k2].f == "l'") {
				k2++
			}
			if k2 < len(ts) && ts[k2].word && !ts[k2].cap && !stopwords[ts[k2].f] && !ts[k2].digit {
				k = k2 + 1
				n = k - j
				continue
			}
			break
		}
		break
	}
	return n
}

// roleOfPhrase handles a title without a name (the Minister of X): the
// name of the office is remembered for the body's short form, and the
// phrase after "of" is an entity only when it names a place or a body.
func (x *run) roleOfPhrase(ts []tok, start, i int) int {
	role := ts[i-1].f
	if ts[i-1].w == "." && i >= 2 {
		role = ts[i-2].f
	}
	if n := connectorRun(ts, i); n > 0 && i+n < len(ts) && capWord(ts[i+n]) {
		k := i + n
		e := k
		for e < len(ts) && (capWord(ts[e]) || (connectorRun(ts, e) > 0 && e+1 < len(ts) && capWord(ts[e+connectorRun(ts, e)]))) {
			if capWord(ts[e]) {
				e++
			} else {
				e += connectorRun(ts, e)
			}
		}
		phrase := x.d.Text[ts[k].s:ts[e-1].e]
		if (role == "minister" || role == "ministre") && !genericOrgs[x.fold(phrase)] && x.fold(phrase) != "crown" {
			body := "Ministry of " + phrase
			x.roleVotes[x.fold(body)]++
			if cur := x.roleOf["ministry"]; cur == "" || x.roleVotes[x.fold(body)] > x.roleVotes[x.fold(cur)] {
				x.roleOf["ministry"] = body
			}
		}
		head := false
		for _, u := range ts[k:e] {
			if orgHeads[u.f] && !genericOrgs[u.f] {
				head = true
			}
		}
		if _, ok := x.lookup(phrase); ok || head {
			return k // scan it as a name
		}
		return e
	}
	return i
}

// titleSegments marks the tokens of segments written in title case (titles
// of works, headings), where a capital does not make a name.
func (x *run) titleSegments(ts []tok) []bool {
	out := make([]bool, len(ts))
	from := 0
	flush := func(to int) {
		words, caps, common := 0, 0, 0
		for _, t := range ts[from:to] {
			if !t.word || t.digit {
				continue
			}
			if !t.cap && stopwords[t.f] {
				continue
			}
			words++
			if t.cap {
				caps++
				// A title capitalises common words (Rails, Money and Myth); a list of names does not.
				f := t.f
				if l, ok := x.g.learnt[f]; x.lower[f] || stopwords[f] || (ok && l.common() > 2*l.entity()) {
					common++
				}
			}
		}
		if words >= 3 && caps*5 >= words*4 && common >= 2 {
			for k := from; k < to; k++ {
				out[k] = true
			}
		}
		from = to + 1
	}
	for i, t := range ts {
		if !t.word && strings.ContainsAny(t.w, ".?!:;,()[]“”\"«»") {
			flush(i)
		}
	}
	flush(len(ts))
	return out
}

func allCapsWords(ts []tok) bool {
	for _, t := range ts {
		if t.word && !t.caps {
			return false
		}
	}
	return true
}
