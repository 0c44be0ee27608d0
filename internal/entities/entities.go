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
// A capitalised English word that the dictionaries write only in lower case
// (Gentlemen, Kingdom) names nothing unless the document makes it a name.
//
// The extractor is linear in the text: a word's lists and a name's
// properties are looked up once per document (see nameInfo), and the
// storage of a run, with its memos, is kept for the next document.
package entities

import (
	"strings"

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
	fc        []uint64 // and the word lists each is in (see lexBits)
	fi        []int32  // and their numbers (see run.id)
	jf        string   // fw joined, once made (see joined)
	k         string   // the key (see key)
	typ       string
	canon     string
	gaz       *Entry
	forced    *Entry        // what the mention is, known from its form (a state's abbreviation)
	ni        *nameInfo     // what its text says (see info)
	nbf       []nbTok       // the capitalised tokens, for the model
	post      *[nbN]float64 // and what the model says of them, once asked (postDone; nil: no model)
	para      int
	placeCue  int
	personCue int
	titleS    int   // where a title left out of the mention starts; -1 when none
	ji        int32 // the number of joined plus one, once made (see joinedID)
	drop      bool
	officeOf  bool // after an office and "of" (the King of, le ministre de)
	titled    bool // a person title stood before it
	sent      bool // starts a sentence
	en        bool // in an English paragraph
	pubCue    bool
	orgCue    bool
	plural    bool
	says      bool // a verb of saying follows
	nextLower bool // a word in lower case follows
	verbAfter bool // a verb a person does follows (said, had, was)
	strong    bool // typed by evidence of its own (gazetteer, title, head word)
	postDone  bool
	allCaps   bool // in a run of capitals, where capitals say nothing
	inTitle   bool // inside the title of a work
	adjBody   bool // an adjective and a body in lower case (the French army)
}

func (m *mention) text(s string) string { return s[m.s:m.e] }

// joined is the folded words with a space between them.
func (m *mention) joined() string {
	if len(m.fw) == 1 {
		return m.fw[0]
	}
	if m.jf == "" {
		m.jf = strings.Join(m.fw, " ")
	}
	return m.jf
}

// posterior is nb.posterior of the mention's tokens, made once.
func (m *mention) posterior(x *run) ([nbN]float64, bool) {
	if !m.postDone {
		if p, ok := x.posterior(m.nbf); ok {
			m.post = &p
		}
		m.postDone = true
	}
	if m.post == nil {
		return [nbN]float64{}, false
	}
	return *m.post, true
}

// Extract finds the entity mentions of d with gazetteer g.
func Extract(d *extract.Doc, g *Gazetteer) []quellen.Finding {
	if d == nil || d.Text == "" {
		return nil
	}
	if g == nil {
		g = Default()
	}
	x := getRun()
	defer putRun(x)
	x.stages(d, g)
	x.canonical()
	return x.findings()
}

// stages runs the extractor on d with g up to the types of its mentions:
// everything but the canonical names and the findings.
func (x *run) stages(d *extract.Doc, g *Gazetteer) {
	x.reset(d, g)
	x.paragraphs()
	x.titleZones()
	for pi, ts := range x.paras {
		x.scan(pi, ts)
	}
	x.filter()
	x.types()
}

// findings are the mentions kept, as findings.
func (x *run) findings() []quellen.Finding {
	d := x.d
	kept := 0
	for i := range x.ms {
		if !x.ms[i].drop {
			kept++
		}
	}
	if kept == 0 {
		return nil
	}
	out := make([]quellen.Finding, 0, kept)
	// The mentions of one name written one way share their attributes:
	// one map for all, which nothing downstream changes (a correction
	// or a store copies it first). The first attributes of a text are
	// kept with its nameInfo, the others in x.attrs.
	if x.attrs == nil {
		x.attrs = map[attrKey]quellen.Attrs{}
	}
	defer func() {
		// (The maps hold the document's text.)
		clear(x.attrs)
		for _, ni := range x.attrsOf {
			ni.attrs, ni.attrsCanon = nil, ""
		}
		clear(x.attrsOf)
		x.attrsOf = x.attrsOf[:0]
	}()
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
		}
		if m.titleS >= 0 && m.titleS < m.s && m.typ == "person" {
			// The title left out of the mention (Mr., Com., General).
			f.Attrs = entityAttrs(raw, m.canon, m.typ)
			f.Attrs["title"] = strings.Join(strings.Fields(d.Text[m.titleS:m.s]), " ")
		} else if ni := m.ni; ni != nil && ni.attrs == nil {
			// The first of the name's text: its attributes are kept with it.
			ni.attrs, ni.attrsCanon, ni.attrsTyp = entityAttrs(raw, m.canon, m.typ), m.canon, m.typ
			x.attrsOf = append(x.attrsOf, ni)
			f.Attrs = ni.attrs
		} else if ni != nil && ni.attrsCanon == m.canon && ni.attrsTyp == m.typ {
			f.Attrs = ni.attrs
		} else {
			k := attrKey{raw, m.canon, m.typ}
			a, ok := x.attrs[k]
			if !ok {
				a = entityAttrs(raw, m.canon, m.typ)
				x.attrs[k] = a
			}
			f.Attrs = a
		}
		out = append(out, f)
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// attrKey is what an entity finding's attributes are made of.
type attrKey struct{ raw, canon, typ string }

// entityAttrs are the attributes of an entity finding.
func entityAttrs(raw, canon, typ string) quellen.Attrs {
	braw := any(raw)
	bcanon := braw // (boxed once when they are one string)
	if canon != raw {
		bcanon = any(canon)
	}
	return quellen.Attrs{"raw": braw, "canonical": bcanon, "type": boxType(typ)}
}

// runs keeps the storage of the runs done (and their memos) for the next
// documents: a few, one per document analysed at once, kept through garbage
// collections (a sync.Pool would give them up at each).
var runs = make(chan *run, 16)

func getRun() *run {
	select {
	case x := <-runs:
		return x
	default:
		return &run{}
	}
}

func putRun(x *run) {
	x.d = nil
	if cap(x.block) > 1<<22 || cap(x.ms) > 1<<20 {
		return // (a very large document's storage is not kept)
	}
	select {
	case runs <- x:
	default:
	}
}

// reset readies x for d, keeping its storage.
func (x *run) reset(d *extract.Doc, g *Gazetteer) {
	if g != x.infosOf || g.edits != x.infosEdits {
		// The names' information is the gazetteer's.
		x.infoMemo, x.infoArena, x.infosOf, x.infosEdits = wordMap[*nameInfo]{}, arena[nameInfo]{}, g, g.edits
	}
	x.lex.reset()
	x.infos.reset()
	*x = run{d: d, g: g, ms: x.ms[:0], lex: x.lex, wfIDs: x.wfIDs[:0], idArena: x.idArena, keyMemo: x.keyMemo, infos: x.infos, infoMemo: x.infoMemo, infosOf: x.infosOf, infosEdits: x.infosEdits, typesScratch: x.typesScratch, wordFolds: x.wordFolds, byName: x.byName, groupOf: x.groupOf, scratch: x.scratch, keySets: x.keySets, infoArena: x.infoArena, attrs: x.attrs, attrsOf: x.attrsOf,
		paras: x.paras[:0], strArena: x.strArena, nbArena: x.nbArena, nbWords: x.nbWords[:0], rks: x.rks[:0], lxArena: x.lxArena, block: x.block[:0], bools: x.bools[:0],
		roleOf: map[string]string{}, roleVotes: map[string]int{}}
	if n := len(d.Text)/40 + 8; cap(x.ms) < n {
		x.ms = make([]mention, 0, n)
	}
	x.strArena.reset()
	x.idArena.reset()
	x.nbArena.reset()
	x.lxArena.reset()
}

// The types boxed once, for the findings' attributes.
var boxedPerson, boxedPlace, boxedOrg, boxedPub any = "person", "place", "org", "publication"

func boxType(t string) any {
	switch t {
	case "person":
		return boxedPerson
	case "place":
		return boxedPlace
	case "org":
		return boxedOrg
	case "publication":
		return boxedPub
	}
	return t
}

type run struct {
	d       *extract.Doc
	g       *Gazetteer
	paras   [][]tok
	ms      []mention
	lex     lexicon             // the words, numbered (see words.go)
	wfIDs   []int32             // the words the document makes a use of (see wfAt)
	midKeys map[uint64]struct{} // transliteration keys of the words named mid-sentence (see renders), hashed
	surKeys map[uint64]struct{} // and of the surnames
	roleOf  map[string]string   // "ministry" -> "Ministry of Communications", from "Minister of Communications"
	// roleVotes counts the holders of an office named (Minister of X) per body (Ministry of X).
	roleVotes    map[string]int
	zones        []quellen.Span // titles of works
	folds        map[string]string
	strArena     arena[string] // storage for the mentions' word lists (see strs)
	nbArena      arena[nbTok]
	nbWords      []nbWord     // the model's vectors per word of the document (see nbOf)
	rks          []renderKeys // the render keys per word of the document (see renderKeys)
	lxArena      arena[uint64]
	idArena      arena[int32]
	infos        wordMap[*nameInfo] // per text of a mention (see info)
	infoMemo     wordMap[*nameInfo] // and kept for the next documents
	infoArena    arena[nameInfo]
	keyMemo      map[string][]uint64 // see renderKeys
	infosOf      *Gazetteer          // the gazetteer of infos
	infosEdits   int                 // and its count of edits
	typesScratch typesScratch
	wordFolds    map[string]string // see foldWord
	byName       wordMap[*long]    // see canonOthers
	groupOf      wordMap[int32]    // see canonPersons
	scratch      canonScratch
	keySets      [2]map[uint64]struct{}    // storage for midKeys and surKeys
	attrs        map[attrKey]quellen.Attrs // the findings' attributes, shared (see Extract)
	attrsOf      []*nameInfo               // the names whose attributes findings set, to be let go
	block        []tok                     // storage for the tokens
	bools        []bool                    // storage for capsContext and titleSegments
	looked       map[string]*Entry         // x.g.Lookup of the names outside ASCII, nil when none
	strict       []bool                    // per token of the paragraph in hand: capitals say little here
}

func (x *run) paragraphs() {
	d := x.d
	if len(d.Paras) == 0 {
		ts := tokenizeF(d.Text, 0, len(d.Text), nil, x.foldWord, lowerASCII(d.Text))
		markSentences(ts)
		x.markLower(ts)
		x.paras = append(x.paras, ts)
		return
	}
	// The paragraphs' tokens are cut from one block (a paragraph that
	// outgrows what is left gets its own).
	block := x.block[:0]
	if n := len(d.Text)/5 + 16; cap(block) < n {
		block = make([]tok, 0, n)
	}
	low := lowerASCII(d.Text)
	x.paras = make([][]tok, 0, len(d.Paras))
	for _, p := range d.Paras {
		s, e := max(p.Span.Start, 0), min(p.Span.End, len(d.Text))
		if s >= e {
			x.paras = append(x.paras, nil)
			continue
		}
		n := len(block)
		ts := tokenizeF(d.Text, s, e, block[n:n], x.foldWord, low)
		if cap(ts) == cap(block)-n {
			block = block[:n+len(ts)] // in the block
		}
		ts = ts[:len(ts):len(ts)]
		markSentences(ts)
		x.markLower(ts)
		x.paras = append(x.paras, ts)
	}
	x.block = block
}

// markLower numbers the words of ts, with their lists, and records those
// written in lower case, while the paragraph is at hand.
func (x *run) markLower(ts []tok) {
	for i := range ts {
		t := &ts[i]
		if !t.word {
			continue
		}
		w := &x.lex.facts[x.tokID(t)]
		t.lx, t.lxOK = uint32(w.lx), true
		if !t.cap && !t.digit {
			w.low = true
		}
	}
}

// low says whether the document writes t's word in lower case (once every
// paragraph is read).
func (x *run) low(t *tok) bool { return t.word && x.lowID(x.tokID(t)) }

// fold is fold through the document's memo: the folded form of each word
// is made once.
// foldWord is fold for the words of the tokenizer that are not in ASCII,
// through the run's memo (kept from one document to the next, unlocked).
func (x *run) foldWord(w string) string {
	if f, ok := x.wordFolds[w]; ok {
		return f
	}
	f := fold(w)
	if x.wordFolds == nil || len(x.wordFolds) >= 1<<16 {
		x.wordFolds = map[string]string{}
	}
	x.wordFolds[strings.Clone(w)] = strings.Clone(f)
	return f
}

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
func (x *run) strs(n int) []string { return x.strArena.take(n) }

// lxs is strs for the mentions' word classes.
func (x *run) lxs(n int) []uint64 { return x.lxArena.take(n) }

// idList is strs for the mentions' word numbers.
func (x *run) idList(n int) []int32 { return x.idArena.take(n) }

// nbToks is strs for the model's tokens.
func (x *run) nbToks(n int) []nbTok { return x.nbArena.take(n) }

// arena hands out slices cut from blocks it keeps for the next document.
type arena[T any] struct {
	blocks [][]T
	k      int // the block in use
}

func (a *arena[T]) take(n int) []T {
	const size = 4096
	if n > size/16 {
		return make([]T, 0, n)
	}
	for {
		if a.k == len(a.blocks) {
			a.blocks = append(a.blocks, make([]T, 0, size))
		}
		b := a.blocks[a.k]
		if cap(b)-len(b) >= n {
			k := len(b)
			a.blocks[a.k] = b[:k+n]
			return b[k : k : k+n]
		}
		a.k++
	}
}

// reset gives the blocks back for the next document.
func (a *arena[T]) reset() {
	for i := range a.blocks[:min(a.k+1, len(a.blocks))] {
		a.blocks[i] = a.blocks[i][:0]
	}
	a.k = 0
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
			return foldMemo.get(w, foldWide)
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

// foldMemo keeps the folded forms of the words outside ASCII.
var foldMemo memo[string]

func foldWide(w string) string { return strings.ReplaceAll(translit.Fold(w), "’", "'") }

// isTitleAt reports whether ts[i] is a person title, and how many tokens it
// takes (a dot after an abbreviation).
func isTitleAt(ts []tok, i int) (n int, kept bool) {
	t := &ts[i]
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
	if dot && dotted(w, personTitles) {
		return 2, false
	}
	if t.is(lxKeptTitle) {
		return 1, true
	}
	if t.is(lxPersonTitle | lxRoleNoun) {
		if dot {
			return 0, false // no abbreviation: the dot ends a sentence (the Secretary. Resolved, That)
		}
		return 1, false
	}
	return 0, false
}

// lowerPlaceTails, written in lower case after a name, make it a place (English).
// lowerBodies, written in lower case after a people's or a party's adjective, make a body (English).
var lowerBodies = set(`army navy fleet party church legion cavalry infantry regiment squadron`)

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

func capWord(t *tok) bool { return t.word && (t.cap || t.initial) && !t.digit }

// scan finds the candidate names of one paragraph.
func (x *run) scan(pi int, ts []tok) {
	lang := ""
	if pi < len(x.d.Paras) {
		lang = x.d.Paras[pi].Lang
	}
	if lang == "" {
		lang = x.d.Meta.Language
	}
	if cap(x.bools) < 2*len(ts) {
		x.bools = make([]bool, 2*len(ts))
	}
	capsRun := capsContext(ts, x.bools[:len(ts)])
	x.strict = x.titleSegments(ts, x.bools[len(ts):2*len(ts)])
	if lang == "de" || (pi < len(x.d.Paras) && x.d.Paras[pi].Kind == "heading") {
		// German capitalises every noun: only names known otherwise count.
		for k := range x.strict {
			x.strict[k] = true
		}
	}
	for i := 0; i < len(ts); {
		t := &ts[i]
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
		// A state after a place and a comma: Linneus, Mo.; Catawba, O.; Washington, D. C.
		if lang == "en" && i >= 2 && ts[i-1].w == "," && (capWord(&ts[i-2]) || ts[i-2].word && i >= 4 && ts[i-3].w == "-") {
			if n, e := stateAt(ts, i); n > 0 {
				if k := len(x.ms) - 1; k >= 0 && x.ms[k].e == ts[i-2].e {
					x.ms[k].placeCue += 2
				}
				x.push(&mention{s: ts[i].s, e: ts[i+n-1].e, words: []string{x.d.Text[ts[i].s:ts[i+n-1].e]}, para: pi, titleS: -1, forced: e})
				i += n
				continue
			}
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
		particleName := titled && ts[i].word && ts[i].is(lxParticle) && i+1 < len(ts) && capWord(&ts[i+1])
		if titled && !capWord(&ts[i]) && !particleName {
			// A role without a name: "the Minister of Communications".
			i = x.roleOfPhrase(ts, start, i)
			continue
		}
		if !capWord(&ts[i]) && !particleName {
			i++
			continue
		}
		nameStart := i
		j := i + 1
		if particleName {
			j = i + 2
		}
		hasHead := func() bool {
			for k := nameStart; k < j; k++ {
				if ts[k].is(lxOrgHead | lxPlaceHead | lxPlaceFacility) {
					return true
				}
			}
			return false
		}
		for j < len(ts) {
			u := &ts[j]
			if capWord(u) {
				if n, _ := isTitleAt(ts, j); n > 0 && j > nameStart && !u.is(lxKeptTitle) {
					break // a title begins the next name: À M. VOLKAR
				}
				if (capsRun[j] || capsRun[j-1]) && !(x.g.Given(ts[j-1].w) && ts[j-1].caps && ts[j].caps) {
					break // in capitals, one word at a time (but GEORGE DAVIS)
				}
				if ts[j-1].initial && u.is(lxStop) {
					break
				}
				j++
				continue
			}
			if u.word && !u.cap {
				lw := u.f
				// Particles inside a person's name: Charles de Gaulle, Joachim von Ribbentrop.
				if u.is(lxParticle) && j+1 < len(ts) && capWord(&ts[j+1]) && !hasHead() && personish(ts[nameStart:j], x.g) {
					j += 2
					continue
				}
				// Connectors inside an organisation's or place's name.
				if n := connectorRun(ts, j); n > 0 && j+n < len(ts) && capWord(&ts[j+n]) && hasHead() && !ts[j+n].is(lxStop) &&
					!(ts[j-1].is(lxCompanyForm) && lw == "of") {
					j += n + 1
					continue
				}
				// French names go on in lower case: Société franco-lesnienne des chemins de fer.
				if ts[j-1].is(lxFrenchOrgHead) {
					if n := frenchTail(ts, j); n > 0 {
						j += n
						continue
					}
				}
				break
			}
			if u.w == "&" && j+1 < len(ts) && capWord(&ts[j+1]) {
				j += 2
				continue
			}
			// A dot after an abbreviation inside a name (St. Petersburg).
			if u.w == "." && j+1 < len(ts) && capWord(&ts[j+1]) && ts[j-1].f == "st" {
				j++
				continue
			}
			break
		}
		// A place word in lower case after the name: Wayne county, the Leesburg road, Will's creek.
		if j < len(ts) && !titled && lang == "en" && ts[j].is(lxLowerPlaceTail) && !ts[j].cap && j > nameStart && !capsRun[j-1] {
			j++
		}
		// A body in lower case after a people's or a party's adjective: the French army, the
		// Republican party, the Presbyterian church (English; not "the French government").
		adjBody := false
		adj := nameStart
		for adj < j-1 && ts[adj].is(lxStop) {
			adj++ // The French army
		}
		if !titled && lang == "en" && j == adj+1 && j < len(ts) && !ts[j].cap && ts[j].word && lowerBodies[ts[j].f] && !capsRun[adj] &&
			(ts[adj].is(lxNationality|lxCapAdj) || hasSuffix(ts[adj].f, nationalitySuffixes) || strings.HasSuffix(ts[adj].f, "an")) {
			j++
			adjBody = true
		}
		n0 := len(x.ms)
		x.add(pi, ts, start, nameStart, j, titled, lang, capsRun[nameStart] || x.strict[nameStart] && allCapsWords(ts[nameStart:j]))
		if adjBody && len(x.ms) > n0 {
			x.ms[len(x.ms)-1].adjBody = true
		}
		if x.strict[nameStart] && len(x.ms) > 0 && x.ms[len(x.ms)-1].s >= ts[nameStart].s-10 {
			x.ms[len(x.ms)-1].inTitle = true
		}
		i = j
	}
}

// capsContext marks the tokens that stand in a run of capitals (a
// telegram, a heading in capitals), where a capital says nothing.
func capsContext(ts []tok, out []bool) []bool {
	clear(out)
	for i := range ts {
		if !ts[i].caps {
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
		t := &ts[k]
		if !t.word {
			break
		}
		w := t.f
		if t.cap {
			break
		}
		if frenchAdj(t.w) && !t.is(lxStop) {
			k++
			n = k - j
			continue
		}
		if w == "des" || w == "du" || w == "de" || w == "d'" || w == "et" || w == "à" || w == "aux" {
			k2 := k + 1
			if w == "de" && k2 < len(ts) && (ts[k2].f == "la" || ts[k2].f == "l'") {
				k2++
			}
			if k2 < len(ts) && ts[k2].word && !ts[k2].cap && !ts[k2].is(lxStop) && !ts[k2].digit {
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
	if n := connectorRun(ts, i); n > 0 && i+n < len(ts) && capWord(&ts[i+n]) {
		k := i + n
		e := k
		for e < len(ts) && (capWord(&ts[e]) || (connectorRun(ts, e) > 0 && e+connectorRun(ts, e) < len(ts) && capWord(&ts[e+connectorRun(ts, e)]))) {
			if capWord(&ts[e]) {
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
			if u.is(lxOrgHead) && !u.is(lxGenericOrg) {
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
func (x *run) titleSegments(ts []tok, out []bool) []bool {
	clear(out)
	from := 0
	flush := func(to int) {
		// The words (a title, a function word in lower case or starting a sentence say
		// nothing) and those capitalised: the capitalised first, then the others while
		// they leave the segment in title case (caps*5 >= words*4).
		// Title case needs three capitalised words (caps >= 3 below): a
		// segment with fewer is passed over before any word is looked up.
		capWords := 0
		for k := from; k < to && capWords < 3; k++ {
			if t := &ts[k]; t.word && !t.digit && t.cap {
				capWords++
			}
		}
		if capWords < 3 {
			from = to + 1
			return
		}
		caps, others := 0, 0
		for k := from; k < to; k++ {
			if t := &ts[k]; t.word && !t.digit && t.cap && !t.is(lxPersonTitle) && !(t.sent && t.is(lxStop)) {
				caps++
			}
		}
		for k := from; k < to && 4*others <= caps; k++ {
			if t := &ts[k]; t.word && !t.digit && !t.cap && !t.is(lxStop|lxPersonTitle) {
				others++
			}
		}
		if words := caps + others; words >= 3 && caps*5 >= words*4 {
			// A title capitalises common words (Rails, Money and Myth); a list of names does not.
			common := 0
			for k := from; k < to && common < 2; k++ {
				if t := &ts[k]; t.word && !t.digit && t.cap && !t.is(lxPersonTitle) && !(t.sent && t.is(lxStop)) {
					if x.low(t) || t.is(lxStop) {
						common++
					} else if l, ok := x.g.learnt.get(t.f); ok && l.common() > 2*l.entity() {
						common++
					}
				}
			}
			if common >= 2 {
				for k := from; k < to; k++ {
					out[k] = true
				}
			}
		}
		from = to + 1
	}
	for i := range ts {
		if t := &ts[i]; !t.word && closesSegment(t.w) && !abbrevDot(ts, i) {
			flush(i)
		}
	}
	flush(len(ts))
	return out
}

// abbrevDot says whether ts[i] is the dot of an abbreviation: a title
// (Mr., Gen.), a letter, no., vol.
func abbrevDot(ts []tok, i int) bool {
	if ts[i].w != "." || i == 0 {
		return false
	}
	p := &ts[i-1]
	return p.word && p.e == ts[i].s && ((len(p.w) == 1 && !p.digit) || dotted(p.f, personTitles) || dotted(p.f, abbrevs))
}

// closesSegment says whether a punctuation token holds one of .?!:;,()[]“”"«».
func closesSegment(w string) bool {
	if len(w) == 1 {
		switch w[0] {
		case '.', '?', '!', ':', ';', ',', '(', ')', '[', ']', '"':
			return true
		}
		return false
	}
	return strings.ContainsAny(w, "“”«»")
}

func allCapsWords(ts []tok) bool {
	for _, t := range ts {
		if t.word && !t.caps {
			return false
		}
	}
	return true
}
