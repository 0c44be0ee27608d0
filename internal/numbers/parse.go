package numbers

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Quantity is one number found with what it counts.
type Quantity struct {
	Start, End int    // byte offsets of the expression
	Text       string // the expression as written
	Value      float64
	Max        float64 // the upper bound of a range
	HasMax     bool
	Unit       string // people, votes, percent, km, ..., or the counted noun ("" none)
	About      string // the qualifier: about, nearly, some, over, environ, около
}

// Options of one passage.
type Options struct {
	Lang    string                    // ISO 639-1; decides 1,800.5 against 1 800,5
	Skip    func(start, end int) bool // offsets already taken (dates, footnote markers)
	Markers map[int]bool              // start offsets of footnote markers
}

type parser struct {
	text string
	t    []tok
	o    Options
	zero tok
	last string // the unit of the last quantity of the passage
}

func (p *parser) tk(i int) *tok {
	if i < 0 || i >= len(p.t) {
		return &p.zero
	}
	return &p.t[i]
}

func (p *parser) isW(i int, ws ...string) bool {
	t := p.tk(i)
	if t.k != kWord {
		return false
	}
	for _, w := range ws {
		if t.w == w {
			return true
		}
	}
	return false
}

func (p *parser) isP(i int, ws ...string) bool {
	t := p.tk(i)
	if t.k != kPunct {
		return false
	}
	for _, w := range ws {
		if t.w == w {
			return true
		}
	}
	return false
}

// Finder finds quantities; its buffers are reused from passage to passage.
type Finder struct {
	sc scanner
}

// Find calls emit for every quantity of text[a:b], in text order. A long
// passage is read in pieces of about 32 KiB cut at a space.
func (f *Finder) Find(text string, a, b int, o Options, emit func(Quantity)) {
	a, b = max(a, 0), min(b, len(text))
	for a < b {
		e := b
		if e-a > 1<<15 {
			e = a + 1<<15
			for e > a+1<<14 && text[e] != ' ' && text[e] != '\n' {
				e--
			}
		}
		f.find(text, a, e, o, emit)
		a = e
	}
}

func (f *Finder) find(text string, a, b int, o Options, emit func(Quantity)) {
	en := o.Lang == "" || o.Lang == "en"
	toks := f.sc.scan(text, a, b, en, o.Markers)
	p := &parser{text: text, t: toks, o: o}
	for i := 0; i < len(toks); i++ {
		t := &toks[i]
		if t.k == kPunct {
			continue
		}
		if t.k == kWord && !p.mayCount(i) {
			continue
		}
		qs, end := p.quantity(i)
		for _, q := range qs {
			emit(q)
		}
		if end > i {
			i = end - 1
		}
	}
}

// mayCount reports whether the word at i may begin a quantity: false
// only where quantity(i) would find none (p.words fails), so that the
// words of a passage, most of them no number, are passed over cheaply.
func (p *parser) mayCount(i int) bool {
	t := &p.t[i]
	w := t.w
	if mayCardinal(w) {
		if _, ok := cardinals[w]; ok {
			return true
		}
	}
	switch w {
	case "a", "an":
		// a quarter, a half, a dozen, a million; else words reads nothing
		n := p.tk(i + 1)
		if n.k != kWord {
			return false
		}
		if n.w == "quarter" || w == "a" && n.w == "half" {
			return true
		}
		_, ok := multipliers[n.w]
		return ok
	case "half", "three":
		return true
	}
	if !t.hy {
		return p.o.Lang == "de" && germanNumber(w) != 0
	}
	if h := strings.IndexByte(w, '-'); h >= 0 {
		// words reads a hyphenated word only from a number word
		first := w[:h]
		if _, ok := cardinals[first]; ok {
			return true
		}
		switch first {
		case "cent", "mille", "hundert", "tausend":
			return true
		}
		return p.o.Lang == "de" && germanNumber(first) > 0
	}
	return p.o.Lang == "de" && germanNumber(w) != 0
}

// num is a number read at a token: its value, its multiplier (million)
// and whether it is a bare idiomatic "one".
type num struct {
	v, mult float64
	end     int
	idiom   bool
	words   bool
}

// number reads a number at i, in digits or words, with a multiplier.
func (p *parser) number(i int) (num, bool) {
	t := p.tk(i)
	var n num
	switch t.k {
	case kNum:
		if t.ord || t.suf != "" && units[t.suf] == "" {
			return n, false
		}
		n = num{v: t.v, mult: 1, end: i + 1}
	case kWord:
		var ok bool
		if n, ok = p.words(i); !ok {
			return n, false
		}
	default:
		return n, false
	}
	if t.k == kNum && t.suf == "" {
		if m, ok := multipliers[p.tk(n.end).w]; ok && p.tk(n.end).k == kWord && m >= 1e3 {
			n.mult = m
			n.end++
		}
	}
	return n, true
}

// words reads a number in words: twenty-three, dix-huit cents, quarante et
// un, two hundred and fifty, a quarter of a million, einundzwanzig.
func (p *parser) words(i int) (num, bool) {
	n := num{mult: 1, words: true}
	// fractions of a multiplier: a quarter of a million, half a million
	j := i
	frac := 0.0
	switch {
	case p.isW(j, "a", "an", "one") && p.isW(j+1, "quarter"):
		frac, j = 0.25, j+2
	case p.isW(j, "three") && p.isW(j+1, "quarters"):
		frac, j = 0.75, j+2
	case p.isW(j, "a", "one") && p.isW(j+1, "half"):
		frac, j = 0.5, j+2
	case p.isW(j, "half"):
		frac, j = 0.5, j+1
	}
	if frac > 0 {
		if p.isW(j, "of") {
			j++
		}
		if p.isW(j, "a", "an") {
			j++
		}
		if m, ok := multipliers[p.tk(j).w]; ok && p.tk(j).k == kWord && m >= 1e3 {
			n.v, n.end = frac*m, j+1
			return n, true
		}
		return n, false
	}
	total, cur := 0.0, 0.0
	any := false
	nwords := 0
	j = i
	for j < len(p.t) {
		t := p.tk(j)
		if t.k != kWord {
			break
		}
		if (t.w == "a" || t.w == "an") && !any {
			if m, ok := multipliers[p.tk(j+1).w]; ok && p.tk(j+1).k == kWord {
				_ = m
				cur = 1
				any = true
				j++
				nwords += 2
				continue
			}
			if p.isW(j+1, "dozen") {
				cur, any = 12, true
				j += 2
				nwords += 2
				continue
			}
			break
		}
		if any && (t.w == "and" || t.w == "et" || t.w == "und") {
			nx := p.tk(j + 1)
			v, ok := cardinals[nx.w]
			if nx.k == kWord && ok && (t.w == "and" && total+cur >= 100 && v < 100 || t.w == "et" && (v == 1 || v == 11) && int(cur)%10 == 0 && cur >= 20) {
				j++
				continue
			}
			break
		}
		okWord := true
		t2, c2, any2 := total, cur, any
		for _, part := range strings.Split(t.w, "-") {
			if part == "et" && any2 {
				continue
			}
			if v, ok := cardinals[part]; ok {
				if (part == "vingt" || part == "vingts") && int(c2)%100 == 4 {
					c2 += 76 // quatre-vingt
				} else {
					c2 += v
				}
				any2 = true
				continue
			}
			if m, ok := multipliers[part]; ok && any2 || ok && (part == "cent" || part == "mille" || part == "hundert" || part == "tausend") {
				if m < 1e3 {
					c2 = max(c2, 1) * m
				} else {
					t2 += max(c2, 1) * m
					c2 = 0
				}
				any2 = true
				continue
			}
			if v := germanNumber(part); v > 0 && p.o.Lang == "de" {
				c2 += v
				any2 = true
				continue
			}
			okWord = false
			break
		}
		if !okWord {
			break
		}
		total, cur, any = t2, c2, any2
		nwords++
		j++
	}
	if !any {
		return n, false
	}
	n.v, n.end = total+cur, j
	if nwords == 1 && n.v == 1 {
		n.idiom = true
	}
	return n, true
}

// taken reports whether token i lies in a date or is a footnote marker.
func (p *parser) taken(i int) bool {
	t := p.tk(i)
	return p.o.Skip != nil && p.o.Skip(t.s, t.e) || p.o.Markers[t.s]
}

// skipped reports whether the number at i is not a quantity: an
// identifier, a clock time, a part of a date or footnote marker, a
// frequency (every two weeks).
func (p *parser) skipped(i int) bool {
	t := p.tk(i)
	if p.o.Skip != nil && p.o.Skip(t.s, t.e) {
		return true
	}
	if p.o.Markers[t.s] {
		return true
	}
	// an identifier: p. 12, No. 88, Chapter 5, clause 7, art.7
	j := i - 1
	if p.isP(j, ".") {
		j--
	}
	if w := p.tk(j); w.k == kWord && idWords[w.w] {
		if j == i-2 || len(w.w) >= 2 || !t.sp {
			return true
		}
	}
	if p.isP(i-1, "№", "§", "#", "/", "\\", "_", "@", "=", "+", "×", "x") {
		return true
	}
	if pv := p.tk(i - 1); !t.sp && i > 0 {
		switch {
		case pv.k == kWord, pv.k == kNum:
			return true
		case pv.w == "-" || pv.w == "." || pv.w == ":" || pv.w == ",":
			if q := p.tk(i - 2); q.k == kNum && !pv.sp {
				return true // 67-84, 1.2, 10:30
			}
		}
	}
	// every two weeks, tous les quinze jours
	if p.isW(i-1, "every", "chaque", "alle", "каждые") || p.isW(i-2, "tous", "toutes") && p.isW(i-1, "les") {
		return true
	}
	if t.k == kNum && p.clock(i) {
		return true
	}
	return false
}

// clock reports whether the number at i is a clock time: 10.15 a.m., 5 p.m.,
// 10:30, six heures du matin, à 6 heures.
func (p *parser) clock(i int) bool {
	t := p.tk(i)
	rest := strings.ToLower(p.text[t.e:min(len(p.text), t.e+16)])
	rest = strings.TrimLeft(rest, " \u00a0")
	for _, s := range []string{"a.m", "p.m", "am ", "pm ", "am,", "pm,", "am.", "pm.", "o'clock", "o’clock", "h ", "h.", "uhr", "ч."} {
		if strings.HasPrefix(rest, s) {
			return true
		}
	}
	if n := p.tk(i + 1); n.k == kPunct && n.w == ":" && !n.sp && p.tk(i+2).k == kNum && p.tk(i+2).nd == 2 {
		return true
	}
	return false
}

// hoursClock reports whether "N heures" at i..j is a time of day.
func (p *parser) hoursClock(i, j int) bool {
	if p.isW(i-1, "à", "vers", "avant", "après", "dès", "jusqu'à", "at", "um", "в") {
		return true
	}
	return p.isW(j, "du", "de") && p.isW(j+1, "matin", "soir", "l'après-midi", "nuit") || p.isW(j, "o'clock")
}

// about reads a qualifier ending just before token i; it returns its first
// token and its words.
func (p *parser) about(i int) (int, string) {
	for _, ph := range aboutPhrases {
		k := i - len(ph)
		if k < 0 {
			continue
		}
		ok := true
		for n, w := range ph {
			if !p.isW(k+n, w) {
				ok = false
				break
			}
		}
		if ok {
			return k, strings.Join(ph, " ")
		}
	}
	if t := p.tk(i - 1); t.k == kWord && aboutWords[t.w] {
		return i - 1, t.w
	}
	return i, ""
}

// unit reads what a number at j counts: a unit, a symbol, or the counted
// noun (the last plural of the words after it: "four bound volumes").
func (p *parser) unit(j int, afterMult bool) (string, int) {
	t := p.tk(j)
	if t.k == kPunct {
		switch t.w {
		case "%":
			return "percent", j + 1
		case "°":
			return "degrees", j + 1
		}
		return "", j
	}
	if t.k != kWord {
		return "", j
	}
	switch {
	case p.isW(j, "per", "pour", "par") && p.isW(j+1, "cent", "cents"):
		return "percent", j + 2
	case p.isW(j, "pour") && p.tk(j+1).k == kNum && p.tk(j+1).v == 100:
		return "percent", j + 2
	case p.isW(j, "vom", "von") && p.isW(j+1, "hundert"):
		return "percent", j + 2
	case p.isW(j, "cubic") && p.isW(j+1, "metres", "meters", "metre", "meter"):
		return "m3", j + 2
	case p.isW(j, "mètres", "metres", "mètre") && p.isW(j+1, "cubes", "cube"):
		return "m3", j + 2
	case p.isW(j, "m") && p.tk(j+1).k == kNum && !p.tk(j+1).sp && p.tk(j+1).v == 3:
		return "m3", j + 2
	case p.isW(j, "m") && p.isP(j+1, "³") && !p.tk(j+1).sp:
		return "m3", j + 2
	}
	if afterMult && p.isW(j, "of", "de", "d'") {
		j++
	}
	cand, end := "", j
	for k := j; k < j+4; k++ {
		w := p.tk(k)
		if w.k != kWord || k > j && !w.sp {
			break
		}
		if stopWords[w.w] || cardinals[w.w] > 0 || multipliers[w.w] > 0 {
			break
		}
		if u, ok := units[w.w]; ok && !(w.w == "m" && k > j) && !(w.cap && len(w.w) <= 2) {
			if cand == "" || isHuman(w.w) {
				return u, k + 1
			}
			break
		}
		if w.cap {
			raw := p.text[w.s:w.e] // as written
			if acronymPlural(raw) {
				cand, end = raw, k+1
				continue
			}
			if p.o.Lang == "de" && cand == "" {
				cand, end = w.w, k+1
				break
			}
			if k == j && isAllCaps(raw) {
				break
			}
			continue // a capitalised modifier: 60,000 Russian POWs
		}
		if plural(w.w, p.o.Lang) {
			cand, end = w.w, k+1
			if p.o.Lang == "fr" || p.o.Lang == "ru" {
				break // the noun comes before its adjectives: trois pays concernés
			}
		} else if cand != "" {
			break // 600 documents including accounts
		}
	}
	if cand != "" {
		if u, ok := units[cand]; ok {
			return u, end
		}
	}
	return cand, end
}

func isHuman(w string) bool { return units[w] == "people" }

func isAllCaps(s string) bool {
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
	}
	return true
}

// acronymPlural: POWs, MPs, NCOs.
func acronymPlural(s string) bool {
	if len(s) < 3 || s[len(s)-1] != 's' {
		return false
	}
	return isAllCaps(s[:len(s)-1])
}

// plural reports whether a lower-case word looks like a plural noun.
func plural(w, lang string) bool {
	if notPlural[w] || utf8.RuneCountInString(w) < 3 {
		return false
	}
	switch lang {
	case "ru":
		for _, s := range []string{"ов", "ев", "ей", "ых", "их"} {
			if strings.HasSuffix(w, s) {
				return true
			}
		}
		return false
	case "de":
		return false
	}
	if strings.HasSuffix(w, "ss") || strings.HasSuffix(w, "us") || strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "ly") ||
		lang != "fr" && strings.HasSuffix(w, "is") {
		return false // analysis, status, crisis
	}
	return strings.HasSuffix(w, "s") || lang == "fr" && strings.HasSuffix(w, "x")
}

// quantity reads the quantities starting at token i (two for the sides
// of a vote: "61 votes to 44"); it returns them and the token after.
func (p *parser) quantity(i int) ([]Quantity, int) {
	if p.skipped(i) {
		return nil, i + 1
	}
	n, ok := p.number(i)
	if !ok {
		return nil, i + 1
	}
	start := i
	s, about := p.about(i)
	if about != "" {
		start = s
	}
	q := Quantity{Value: n.v * n.mult}
	end := n.end
	// a range: 10 to 12 million, 10-12 km, between 10 and 12
	c := p.tk(end)
	conn := c.k == kPunct && c.w == "-" || p.isW(end, "to", "à", "bis", "до", "or", "ou", "oder", "или") ||
		p.isW(end, "and", "et", "und", "и") && p.isW(i-1, "between", "entre", "zwischen", "между")
	if conn && n.mult == 1 {
		if n2, ok := p.number(end + 1); ok && !p.taken(end+1) && !(p.tk(end+1).k == kNum && p.tk(i).k == kWord) {
			hi := n2.v * n2.mult
			lo := n.v * n.mult
			if n.mult == 1 && n2.mult > 1 {
				lo = n.v * n2.mult
			}
			if hi > lo {
				q.Value, q.Max, q.HasMax = lo, hi, true
				n.mult = n2.mult
				end = n2.end
				n.idiom = false
			}
		}
	}
	if p.isW(i-1, "between", "entre", "zwischen", "между") && q.HasMax {
		start = min(start, i-1)
	}
	u, uend := p.unit(end, n.mult > 1 || multipliers[p.tk(end-1).w] >= 1e3)
	if p.tk(i).k == kNum && p.tk(i).suf != "" {
		u, uend = units[p.tk(i).suf], end
	}
	if cur, ok := currencySigns[p.tk(i-1).w]; ok && p.tk(i-1).k == kPunct && !p.tk(i).sp {
		// $410,000, £20 million
		u = cur
		if about == "" {
			start = i - 1
		}
		if uend > end && units[p.tk(end).w] != cur {
			uend = end
		}
	}
	if u == "hours" && p.hoursClock(start, uend) {
		return nil, uend
	}
	if times[u] {
		return nil, uend // ten times as many
	}
	if u == "" {
		// le chiffre de quarante et un: the unit of the last figure
		if p.isW(i-1, "of", "de", "d'") && p.isW(i-2, "figure", "chiffre", "total", "toll", "nombre") && p.last != "" && !n.idiom {
			u, uend = p.last, end
		} else {
			return nil, end
		}
	}
	if n.idiom {
		return nil, uend
	}
	q.Unit = u
	q.About = about
	// "or so", "environ", "-odd" after
	if p.isW(uend, "environ") {
		q.About, uend = "environ", uend+1
	}
	q.Start, q.End = p.tk(start).s, p.tk(uend-1).e
	q.Text = p.text[q.Start:q.End]
	p.last = u
	out := []Quantity{q}
	// the other side of a vote: 61 votes to 44, two votes to one
	if u == "votes" && p.isW(uend, "to", "against", "contre", "à", "против", "gegen") {
		if n2, ok := p.number(uend + 1); ok && !p.skipped(uend+1) {
			if u2, _ := p.unit(n2.end, false); u2 == "" || u2 == "votes" {
				q2 := Quantity{Value: n2.v * n2.mult, Unit: "votes", Start: p.tk(uend + 1).s, End: p.tk(n2.end - 1).e}
				if u2 == "votes" {
					_, e2 := p.unit(n2.end, false)
					q2.End = p.tk(e2 - 1).e
					n2.end = e2
				}
				q2.Text = p.text[q2.Start:q2.End]
				out = append(out, q2)
				uend = n2.end
			}
		}
	}
	return out, uend
}

// times are multiplicatives, not quantities: ten times as many.
var times = map[string]bool{"times": true, "fois": true, "раз": true, "mal": true, "fold": true}

// currencySigns before a number give its unit.
var currencySigns = map[string]string{"$": "dollars", "£": "pounds", "€": "euros", "¥": "yen", "₽": "roubles", "₣": "francs"}
