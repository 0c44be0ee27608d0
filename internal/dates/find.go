package dates

import (
	"strings"
)

// Match is one date expression found in a text and resolved.
type Match struct {
	Start, End int    // byte offsets of the expression
	Text       string // the expression as written
	From, To   Point  // the span it names (To = From for a single date)
	Approx     bool   // late May, circa 1920, spring 1939
	Relative   bool   // resolved against an anchor
	Anchor     Point  // the anchor a relative expression was resolved against
	Unresolved bool   // a relative expression with nothing to resolve it against
	// A dual Old Style / New Style date: From/To are the New Style
	// (Gregorian) dates, OldFrom/OldTo the Old Style (Julian) ones as written.
	OldFrom, OldTo Point
	Calendar       string // "julian" when the date is marked Old Style and was converted
}

// Finder scans passages for dates, carrying the narrative's anchors from
// one passage to the next. The zero Finder is ready; set Doc to the
// document's date.
type Finder struct {
	Doc Point
	an  anchors
	sc  scanner
	p   parser
}

// Reset forgets the narrative's anchors (a new document).
func (f *Finder) Reset() { f.an = anchors{doc: f.Doc} }

// Options of one passage.
type Options struct {
	Lang    string       // ISO 639-1 of the passage ("" unknown)
	Note    bool         // a footnote: its dates do not move the narrative's anchor
	Markers map[int]bool // start offsets of footnote markers in text
	// From and To, when set, are the narrative's date for this passage
	// (for a note: the last date before its marker).
	From, To Point
}

// Scan finds the dates of text[a:b] in text order and calls emit for each.
func (f *Finder) Scan(text string, a, b int, o Options, emit func(Match)) {
	a, b = max(a, 0), min(b, len(text))
	f.an.doc = f.Doc
	saved := f.an
	f.an.para, f.an.paraTo = Point{}, Point{}
	if !o.From.IsZero() {
		f.an.from, f.an.to = o.From, o.To
	}
	for a < b {
		// long passages are cut at a space near 32 KiB
		e := b
		if e-a > 1<<15 {
			e = a + 1<<15
			for e > a+1<<14 && text[e] != ' ' && text[e] != '\n' {
				e--
			}
		}
		f.scanChunk(text, a, e, o, emit)
		a = e
	}
	if o.Note {
		f.an.from, f.an.to = saved.from, saved.to
	}
	f.an.para, f.an.paraTo = Point{}, Point{}
}

func (f *Finder) scanChunk(text string, a, b int, o Options, emit func(Match)) {
	f.parseChunk(text, a, b, f.sc.scan(text, a, b), o, emit)
}

// parseChunk finds the dates of text[a:b] from its tokens.
func (f *Finder) parseChunk(text string, a, b int, toks []tok, o Options, emit func(Match)) {
	p := &f.p
	*p = parser{text: text, t: toks, lang: o.Lang, markers: o.Markers, urls: p.urls[:0]}
	p.urls = findURLs(text, a, b, p.urls)
	for i := 0; i < len(toks); i++ {
		t := &toks[i]
		if t.k == kPunct || t.k == kWord && !p.canStart(i) {
			continue
		}
		x, ok := p.expression(i)
		if !ok || x.e <= x.s {
			continue
		}
		m, ok := f.match(p, x)
		if !ok {
			continue
		}
		if o.Markers != nil && containsMarker(o.Markers, m.Start+1, m.End) && !strings.ContainsAny(m.Text, " \u00a0") {
			continue
		}
		emit(m)
		i = x.e - 1
	}
}

func containsMarker(ms map[int]bool, a, b int) bool {
	if b-a > 64 {
		return false
	}
	for o := a; o < b; o++ {
		if ms[o] {
			return true
		}
	}
	return false
}

// match resolves an expression into a Match and moves the anchors.
func (f *Finder) match(p *parser, x expr) (Match, bool) {
	m := Match{Start: p.t[x.s].s, End: p.t[x.e-1].e}
	m.Text = p.text[m.Start:m.End]
	fut := futureBefore(p, x.s)
	from, to, approx, rel, anchor, ok := f.an.resolve(x.a, fut)
	if x.rng || x.dual {
		f2, t2, ap2, rel2, anc2, ok2 := f.an.resolve(x.b, fut)
		if !ok || !ok2 {
			ok = false
		} else if x.dual {
			m.OldFrom, m.OldTo = from, from
			from, to = f2, t2
		} else {
			if t2.Before(from) {
				return m, false
			}
			to = t2
			approx = approx || ap2
			if rel2 && !rel {
				rel, anchor = true, anc2
			}
		}
	}
	if !ok {
		if !rel {
			return m, false
		}
		m.Relative, m.Unresolved, m.Anchor = true, true, anchor
		return m, true
	}
	if x.a.julian && !x.dual && from.P == Day {
		m.OldFrom, m.OldTo = from, to
		from, to = julianToGregorian(from), julianToGregorian(to)
		m.Calendar = "julian"
	}
	m.From, m.To, m.Approx, m.Relative, m.Anchor = from, to, approx, rel, anchor
	// move the anchors (not with a relative date that could not move)
	if m.Relative && from == anchor {
		return m, true
	}
	f.an.from, f.an.to = from, to
	f.an.para, f.an.paraTo = from, to
	f.an.paraDoc = m.Relative && (x.a.deictic || x.a.weekday > 0) && !f.an.doc.IsZero()
	return m, true
}

// futureBefore reports whether the words just before token i look forward
// (will, shall, next): a bare weekday there is the next one.
func futureBefore(p *parser, i int) bool {
	for j := i - 1; j >= 0 && j >= i-8; j-- {
		t := p.tk(j)
		if t.k == kPunct && (t.w == "." || t.w == ";" || t.w == ",") {
			return false
		}
		switch t.w {
		case "will", "shall", "'ll", "going", "due", "scheduled", "expected", "planned", "va", "vont", "sera", "seront", "будет", "wird", "werden":
			return !(p.isW(j+1, "be") && p.isW(j+2, "recalled", "remembered", "seen", "noted"))
		}
	}
	return false
}

// urlPrefixes are what URLs and addresses start with.
var urlPrefixes = []string{"http://", "https://", "www.", "ftp://", "doi:"}

// indexPrefix is strings.Index(s, pre) for one of urlPrefixes: those with
// a colon are found from the colons of s, rarer than their first letters.
func indexPrefix(s, pre string) int {
	c := strings.IndexByte(pre, ':')
	if c < 0 {
		return strings.Index(s, pre)
	}
	for from := 0; ; {
		k := strings.IndexByte(s[from:], ':')
		if k < 0 {
			return -1
		}
		p := from + k // a colon; pre holds its own at c
		if st := p - c; st >= 0 && strings.HasPrefix(s[st:], pre) {
			return st
		}
		from = p + 1
	}
}

// findURLs appends the spans of URLs and e-mail addresses in text[a:b].
func findURLs(text string, a, b int, out []span) []span {
	s := text[a:b]
	sep := strings.Contains(s, "://") // else no http://, https:// or ftp://
	for _, pre := range urlPrefixes {
		if !sep && strings.HasSuffix(pre, "://") {
			continue
		}
		off := 0
		for {
			k := indexPrefix(s[off:], pre)
			if k < 0 {
				break
			}
			st := off + k
			en := st
			for en < len(s) && s[en] != ' ' && s[en] != '\n' && s[en] != '\t' && s[en] != '<' && s[en] != '"' && s[en] != ')' && s[en] != ']' {
				en++
			}
			out = append(out, span{a + st, a + en})
			off = en
			if off >= len(s) {
				break
			}
		}
	}
	return out
}

// Find returns the dates of a whole text, resolved against the document's
// date doc (zero when unknown).
func Find(text, lang string, doc Point) []Match {
	f := &Finder{Doc: doc}
	defer f.sc.release()
	f.Reset()
	var out []Match
	f.Scan(text, 0, len(text), Options{Lang: lang}, func(m Match) { out = append(out, m) })
	return out
}

// Parse reads one date expression (the first found in s), resolving a
// relative one against anchor. It reports false when s holds no date.
func Parse(s, lang string, anchor Point) (Match, bool) {
	f := &Finder{Doc: anchor}
	defer f.sc.release()
	f.Reset()
	f.an.from, f.an.to = anchor, anchor
	var out []Match
	f.Scan(s, 0, len(s), Options{Lang: lang}, func(m Match) { out = append(out, m) })
	if len(out) == 0 {
		return Match{}, false
	}
	best := out[0]
	for _, m := range out[1:] {
		if m.End-m.Start > best.End-best.Start {
			best = m
		}
	}
	return best, true
}

// romanWord reports whether w looks like a century in Roman numerals
// (XIX, XIXe, XXth).
func romanWord(w string) bool {
	n := 0
	for i := 0; i < len(w); i++ {
		switch w[i] {
		case 'I', 'V', 'X':
			n++
		default:
			return n > 0 && i >= len(w)-3
		}
	}
	return n > 0
}

// canStart reports cheaply whether a word at i may begin a date
// expression: a word of the date lexicon, or an article or preposition
// followed by a number or another such word.
func (p *parser) canStart(i int) bool {
	t := p.tk(i)
	l := t.lx
	if l == nil {
		return romanWord(p.text[t.s:t.e])
	}
	if l.start {
		return true
	}
	n := p.tk(i + 1)
	if l.count > 0 {
		return n.lx != nil && n.lx.unit > 0
	}
	return n.k == kNum || n.lx != nil || n.k == kWord && romanWord(p.text[n.s:n.e])
}
